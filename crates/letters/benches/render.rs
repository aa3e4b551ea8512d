//! How long typesetting one letter takes: the cost a handler waits for when
//! sending (the PDF is typeset once, at sending) and when an admin opens
//! the example letter. Run with `cargo bench -p gehoord-letters`; figures
//! in docs/PERFORMANCE.md.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a benchmark that cannot set up should stop")]

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gehoord_domain::{
    case::Rules,
    letter::{Branding, LetterTexts, Logo, LogoFormat, Sender, example},
};
use gehoord_letters::render_pdf;
use jiff::civil::date;

fn render(c: &mut Criterion) {
    let sender = Sender { organisation: "Team Klachten\nGemeente Ergens".into(), name: "Hanna de Vries".into() };
    let letter = example(&Rules::default(), &LetterTexts::default(), &sender, date(2026, 11, 30)).unwrap();
    let plain = Branding {
        organisation: "Gemeente Ergens".into(),
        address: Some("Postbus 1\n1234 AA Ergens".into()),
        contact: Some("Telefoon 14 0123\nwww.ergens.nl".into()),
        ..Branding::default()
    };
    let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="160" height="60"><rect width="160" height="60" fill="#1f4e79"/><text x="10" y="38" fill="#fff" font-size="24">Ergens</text></svg>"##;
    let with_logo = Branding { logo: Some(Logo { format: LogoFormat::Svg, content: svg.to_vec() }), ..plain.clone() };
    let mut group = c.benchmark_group("letter");
    group.sample_size(20);
    // Cold: typst's memoisation cache emptied first, as for the first letter
    // after a quiet spell. Warm: the same letter again (a second download).
    for (name, branding) in [("acknowledgement_pdf", &plain), ("acknowledgement_pdf_with_logo", &with_logo)] {
        group.bench_function(format!("{name}_cold"), |b| {
            b.iter_batched(
                || typst::comemo::evict(0),
                |()| render_pdf(black_box(&letter), branding).unwrap(),
                BatchSize::PerIteration,
            );
        });
    }
    group.bench_function("acknowledgement_pdf_warm", |b| b.iter(|| render_pdf(black_box(&letter), &plain).unwrap()));
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
