//! Recurring themes: complaints that say much the same thing, found by
//! Dutch text similarity (ombudsvisie §4.2: see the pattern behind single
//! complaints). A manager reads a theme and decides whether it is a lesson.
//!
//! Method, in the words the signal page uses: every complaint text becomes
//! its set of word stems (Snowball's Dutch stemmer, so "containers" and
//! "container" count as one), without common words. Words that occur in
//! more than half of the complaints say nothing and are dropped, as are
//! words of a single complaint; rare words weigh more
//! (tf-idf with binary term frequency). Two complaints are alike when the
//! cosine of their weight vectors reaches [`SIMILAR`]; alike complaints, and
//! complaints alike to those, form a theme. A theme needs [`MIN_CASES`]
//! complaints; it is named after its three heaviest words.

use std::collections::{BTreeMap, HashMap};

use rust_stemmers::{Algorithm, Stemmer};

/// Cosine similarity from which two complaints count as alike.
pub const SIMILAR: f64 = 0.5;
/// Complaints a theme needs.
pub const MIN_CASES: usize = 3;
/// A word in more than this share of all complaints says nothing.
const TOO_COMMON: f64 = 0.5;

/// Common Dutch words that carry no subject.
const STOPWORDS: &[&str] = &[
    "aan", "al", "alle", "alleen", "als", "altijd", "ben", "bij", "binnen", "daar", "dan", "dat", "de", "deze", "die",
    "dit", "doen", "door", "dus", "een", "eens", "en", "er", "geen", "gehad", "geweest", "had", "hebben", "heb",
    "heeft", "het", "hier", "hij", "hoe", "hun", "iemand", "ik", "in", "is", "ja", "je", "jullie", "kan", "keer",
    "kon", "kunnen", "maar", "me", "meer", "met", "mij", "mijn", "moet", "moeten", "na", "naar", "nee", "niet",
    "niets", "nog", "nooit", "nu", "of", "om", "omdat", "ons", "onze", "ook", "op", "over", "te", "tegen", "toch",
    "toen", "tot", "u", "uw", "van", "veel", "voor", "waarom", "wanneer", "want", "was", "wat", "we", "wel", "werd",
    "wij", "wil", "word", "wordt", "worden", "zal", "ze", "zei", "zich", "zij", "zijn", "zo", "zonder", "zou", "iets",
    "ander", "andere", "anders", "heel", "gemeente", "klacht", "weer", "dag", "dagen", "week", "weken",
];

/// A group of complaints that say much the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// The three heaviest words, as written most often in the complaints.
    pub words: Vec<String>,
    /// Indexes of the complaints in the input, in input order.
    pub members: Vec<usize>,
}

/// The word stems of a text with, per stem, the word as written.
fn terms(stemmer: &Stemmer, text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 3 && !w.chars().all(char::is_numeric) && !STOPWORDS.contains(&w.as_str()))
        .map(|w| (stemmer.stem(&w).into_owned(), w))
        .collect();
    out.sort();
    out.dedup_by(|a, b| a.0 == b.0);
    out
}

/// Themes among `texts` (most complaints first).
#[must_use]
pub fn themes(texts: &[&str]) -> Vec<Theme> {
    let stemmer = Stemmer::create(Algorithm::Dutch);
    let docs: Vec<Vec<(String, String)>> = texts.iter().map(|t| terms(&stemmer, t)).collect();
    let n = docs.len();
    if n < MIN_CASES {
        return Vec::new();
    }
    let mut df: HashMap<&str, usize> = HashMap::new();
    for doc in &docs {
        for (stem, _) in doc {
            *df.entry(stem.as_str()).or_default() += 1;
        }
    }
    let weight = |stem: &str| -> Option<f64> {
        let d = *df.get(stem)?;
        // A word in one complaint cannot link two; one in most says nothing.
        (d >= 2 && (d as f64) <= TOO_COMMON * n as f64).then(|| (n as f64 / d as f64).ln())
    };
    // Normalised sparse vectors and an inverted index from stem to complaints.
    let mut vectors: Vec<Vec<(&str, f64)>> = Vec::with_capacity(n);
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, doc) in docs.iter().enumerate() {
        let mut v: Vec<(&str, f64)> =
            doc.iter().filter_map(|(stem, _)| weight(stem).map(|w| (stem.as_str(), w))).collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        for (stem, _) in &v {
            postings.entry(stem).or_default().push(i);
        }
        vectors.push(v);
    }
    // Union-find over alike pairs, found through shared stems only.
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for (i, v) in vectors.iter().enumerate() {
        let mut dots: HashMap<usize, f64> = HashMap::new();
        for (stem, w) in v {
            for &j in postings.get(stem).into_iter().flatten().filter(|&&j| j > i) {
                let wj = vectors[j].iter().find(|(s, _)| s == stem).map_or(0.0, |(_, w)| *w);
                *dots.entry(j).or_default() += w * wj;
            }
        }
        for (j, dot) in dots {
            if dot >= SIMILAR {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..n {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut found: Vec<Theme> = groups
        .into_values()
        .filter(|members| members.len() >= MIN_CASES)
        .map(|members| Theme { words: name(&members, &vectors, &docs), members })
        .collect();
    found.sort_by_key(|t| std::cmp::Reverse(t.members.len()));
    found
}

/// The three stems with the most weight in the group, each as its most
/// frequent written form.
fn name(members: &[usize], vectors: &[Vec<(&str, f64)>], docs: &[Vec<(String, String)>]) -> Vec<String> {
    let mut weight: HashMap<&str, f64> = HashMap::new();
    let mut written: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for &m in members {
        for (stem, w) in &vectors[m] {
            *weight.entry(stem).or_default() += w;
        }
        for (stem, word) in &docs[m] {
            *written.entry(stem.as_str()).or_default().entry(word.as_str()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&str, f64)> = weight.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
        .into_iter()
        .take(3)
        .filter_map(|(stem, _)| {
            let forms = written.get(stem)?;
            forms.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).map(|(w, _)| (*w).to_owned())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complaints_about_the_same_thing_form_a_theme_in_other_words_too() {
        let texts = [
            "Mijn container is al drie weken niet geleegd.",
            "De containers in onze straat worden niet geleegd, al weken niet.",
            "Weer is de container niet geleegd. Het stinkt.",
            "Mijn paspoort is kwijtgeraakt bij de balie.",
            "De uitkering is te laat betaald, ik kan de huur niet betalen.",
            "Niemand belt mij terug over mijn aanvraag voor een vergunning.",
            "Mijn uitkering kwam weer te laat, de huur is nu niet betaald.",
            "Ik wacht al maanden op een besluit over mijn vergunning.",
            "De parkeerboete klopt niet, ik stond er niet.",
            "Bij de balie was de medewerker onbeschoft.",
        ];
        let found = themes(&texts);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].members, [0, 1, 2]);
        assert!(found[0].words.iter().any(|w| w == "container"), "{:?}", found[0].words);
        assert!(found[0].words.iter().any(|w| w == "geleegd"));
    }

    #[test]
    fn two_alike_complaints_or_none_are_no_theme() {
        assert!(themes(&[]).is_empty());
        assert!(themes(&["Container niet geleegd.", "Container niet geleegd!"]).is_empty());
        let unrelated = ["Paspoort kwijt bij de balie.", "Boete klopt niet.", "Uitkering te laat.", "Wachttijd lang."];
        assert!(themes(&unrelated).is_empty());
    }

    #[test]
    fn the_largest_theme_comes_first_and_unrelated_complaints_stay_out() {
        let mut texts = vec!["Lantaarnpaal kapot in de Dorpsstraat."; 4];
        texts.extend(["Stoep kapot, tegels los bij de school."; 3]);
        texts.extend(["De belastingaanslag is te hoog.", "Mijn parkeervergunning is verlopen."]);
        texts.extend(["Iets heel anders: de wachttijd aan de telefoon.", "Weer iets anders: de balie was dicht."]);
        let found = themes(&texts);
        assert_eq!(found.iter().map(|t| t.members.len()).collect::<Vec<_>>(), [4, 3]);
    }
}
