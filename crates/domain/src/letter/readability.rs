//! A readability indication for Dutch at B1 level: not a grade, but the
//! sentences a writer should look at again, and why. About 2.5 million
//! Dutch adults read with difficulty; a letter they cannot read is not an
//! answer.
//!
//! The signals are the ones plain-language guides use: sentences longer
//! than 20 words, long words (more than 4 syllables or 15 letters), the
//! passive voice (a form of *worden* with a past participle), and
//! officialese that has a plain alternative.

use serde::{Deserialize, Serialize};

/// Longer sentences are hard to follow at B1.
pub const MAX_WORDS_PER_SENTENCE: usize = 20;

/// Words with a plain alternative, lower case.
const OFFICIALESE: [(&str, &str); 18] = [
    ("aangaande", "over"),
    ("alsmede", "en"),
    ("bijgaand", "bij deze brief"),
    ("conform", "volgens"),
    ("derhalve", "daarom"),
    ("dientengevolge", "daardoor"),
    ("doch", "maar"),
    ("hetgeen", "wat"),
    ("indien", "als"),
    ("inzake", "over"),
    ("middels", "met"),
    ("niettemin", "toch"),
    ("omtrent", "over"),
    ("onverwijld", "meteen"),
    ("teneinde", "om"),
    ("thans", "nu"),
    ("voornoemde", "deze"),
    ("woonachtig", "wonend"),
];

/// Forms of *worden*, the mark of the Dutch passive.
const WORDEN: [&str; 5] = ["word", "wordt", "worden", "werd", "werden"];

/// Why a sentence is hard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentenceNote {
    pub sentence: String,
    pub words: usize,
    pub reasons: Vec<String>,
}

/// The indication for one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    /// Share of sentences without any signal, 0–100.
    pub plain_percent: u8,
    /// Whether the text reads as B1: at least 80% plain sentences and an
    /// average under the sentence limit.
    pub b1: bool,
    /// The hardest sentences first (at most five).
    pub worst: Vec<SentenceNote>,
}

/// Reads `text` and says which sentences are hard, and why.
///
/// ```
/// use gehoord_domain::letter::readability;
/// let r = readability("Wij bellen u morgen. Indien u derhalve bezwaar wenst te maken, wordt u verzocht dit schriftelijk te doen.");
/// assert_eq!(r.sentences, 2);
/// assert!(!r.b1);
/// assert_eq!(r.worst[0].reasons.len(), 2); // officialese and the passive
/// ```
#[must_use]
pub fn readability(text: &str) -> Readability {
    let sentences = split_sentences(text);
    let mut notes: Vec<SentenceNote> = sentences.iter().map(|s| note(s)).collect();
    let words: usize = notes.iter().map(|n| n.words).sum();
    let plain = notes.iter().filter(|n| n.reasons.is_empty()).count();
    let count = notes.len();
    let plain_percent = (plain * 100).checked_div(count).map_or(100, |p| u8::try_from(p).unwrap_or(100));
    let average = words.checked_div(count).unwrap_or(0);
    notes.retain(|n| !n.reasons.is_empty());
    notes.sort_by(|a, b| b.reasons.len().cmp(&a.reasons.len()).then(b.words.cmp(&a.words)));
    notes.truncate(5);
    Readability {
        sentences: count,
        words,
        plain_percent,
        b1: plain_percent >= 80 && average <= MAX_WORDS_PER_SENTENCE,
        worst: notes,
    }
}

/// Splits on sentence ends, keeping abbreviations such as "bijv." and
/// dates such as "9:11" together well enough for an indication.
fn split_sentences(text: &str) -> Vec<String> {
    let mut sentences = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        current.push(*c);
        let next = chars.get(i + 1).copied();
        let ends = matches!(c, '.' | '?' | '!') && next.is_none_or(char::is_whitespace);
        if ends || *c == '\n' {
            let last_word = current.split_whitespace().last().unwrap_or("");
            let abbreviation = *c == '.'
                && matches!(
                    last_word.to_lowercase().as_str(),
                    "bijv." | "o.a." | "enz." | "nr." | "art." | "dhr." | "mevr." | "z.o.z."
                );
            if !abbreviation {
                let sentence = current.trim().to_owned();
                if sentence.chars().any(char::is_alphabetic) {
                    sentences.push(sentence);
                }
                current.clear();
            }
        }
    }
    let rest = current.trim();
    if rest.chars().any(char::is_alphabetic) {
        sentences.push(rest.to_owned());
    }
    sentences
}

fn words(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Syllables as groups of vowels ("ij", "oe", "eeu" count once).
fn syllables(word: &str) -> usize {
    let mut count = 0;
    let mut in_vowel = false;
    for c in word.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'é' | 'ë' | 'ï' | 'ö' | 'ü' | 'è');
        if vowel && !in_vowel {
            count += 1;
        }
        in_vowel = vowel;
    }
    count.max(1)
}

/// A past participle: ge…d/t/en, or a form with be-/ver-/ont-/her- ending
/// in d or t (good enough next to a form of *worden*).
fn is_participle(word: &str) -> bool {
    let ends = word.ends_with('d') || word.ends_with('t') || word.ends_with("en");
    ends && word.len() > 4 && ["ge", "be", "ver", "ont", "her"].iter().any(|p| word.starts_with(p))
}

fn note(sentence: &str) -> SentenceNote {
    let words = words(sentence);
    let mut reasons = Vec::new();
    if words.len() > MAX_WORDS_PER_SENTENCE {
        reasons.push(format!("lange zin ({} woorden; liever hooguit {MAX_WORDS_PER_SENTENCE})", words.len()));
    }
    let long: Vec<&String> = words.iter().filter(|w| syllables(w) > 4 || w.chars().count() > 15).collect();
    if !long.is_empty() {
        reasons.push(format!("lange woorden: {}", long.iter().map(|w| w.as_str()).collect::<Vec<_>>().join(", ")));
    }
    let stiff: Vec<String> = words
        .iter()
        .filter_map(|w| {
            OFFICIALESE.iter().find(|(hard, _)| hard == w).map(|(hard, plain)| format!("{hard} (liever: {plain})"))
        })
        .collect();
    if !stiff.is_empty() {
        reasons.push(format!("moeilijke woorden: {}", stiff.join(", ")));
    }
    if words.iter().any(|w| WORDEN.contains(&w.as_str())) && words.iter().any(|w| is_participle(w)) {
        reasons.push("lijdende vorm: zeg wie iets doet".to_owned());
    }
    SentenceNote { sentence: sentence.to_owned(), words: words.len(), reasons }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_short_sentences_read_as_b1() {
        let r = readability("Wij hebben uw klacht gekregen. Wij bellen u binnen twee dagen. Dan praten we samen.");
        assert_eq!((r.sentences, r.plain_percent, r.b1), (3, 100, true));
        assert!(r.worst.is_empty());
    }

    #[test]
    fn each_signal_is_named_and_the_worst_sentence_comes_first() {
        let long = "Wij willen u er graag op wijzen dat het mogelijk is om binnen zes weken na de dagtekening van deze brief een reactie te sturen aan ons.";
        let text = format!(
            "Uw klacht wordt door ons behandeld. {long} Conform de verordening bellen wij u. De klachtbehandelingsprocedure is gestart."
        );
        let r = readability(&text);
        assert_eq!(r.sentences, 4);
        assert!(!r.b1);
        let reasons: Vec<String> = r.worst.iter().flat_map(|n| n.reasons.clone()).collect();
        assert!(reasons.iter().any(|x| x.starts_with("lijdende vorm")), "{reasons:?}");
        assert!(reasons.iter().any(|x| x.starts_with("lange zin (27 woorden")), "{reasons:?}");
        assert!(reasons.iter().any(|x| x.contains("conform (liever: volgens)")), "{reasons:?}");
        assert!(reasons.iter().any(|x| x.contains("klachtbehandelingsprocedure")), "{reasons:?}");
    }

    #[test]
    fn abbreviations_and_article_numbers_do_not_end_a_sentence() {
        assert_eq!(split_sentences("Zie bijv. de brief. Awb 9:11 geldt."), ["Zie bijv. de brief.", "Awb 9:11 geldt."]);
        assert_eq!(split_sentences("Dat kan tot 1.5 uur duren"), ["Dat kan tot 1.5 uur duren"]);
    }

    #[test]
    fn dutch_syllables_count_vowel_groups() {
        assert_eq!(syllables("klacht"), 1);
        assert_eq!(syllables("oordeel"), 2);
        assert_eq!(syllables("behandeling"), 4);
        assert_eq!(syllables("ombudsman"), 3);
    }
}
