//! `gehoord verify` and `gehoord rebuild`.

use std::{io::Write, process::ExitCode};

use gehoord_store::Store;
use indicatif::{ProgressBar, ProgressStyle};

pub async fn verify(store: &Store) -> anyhow::Result<ExitCode> {
    let report = store.verify().await?;
    let mut out = std::io::stdout().lock();
    let lessons = format!("{} lesson events in {} lessons", report.lesson_events, report.lessons);
    match &report.first_broken {
        None => writeln!(
            out,
            "OK: {} events in {} cases, every hash chain is intact; {} files (evidence, letter PDFs) match their events.",
            report.events, report.cases, report.files
        )?,
        Some(broken) => writeln!(
            out,
            "BROKEN: case {} event {}: {}\n(checked {} events in {} cases before this point)",
            broken.case_id, broken.seq, broken.reason, report.events, report.cases
        )?,
    }
    match &report.first_broken_lesson {
        None => writeln!(out, "OK: {lessons}, every hash chain of the lessons register is intact.")?,
        Some(broken) => writeln!(
            out,
            "BROKEN: lesson {} event {}: {}\n(checked {lessons} before this point)",
            broken.lesson_id, broken.seq, broken.reason
        )?,
    }
    Ok(if report.is_intact() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}

pub async fn rebuild(store: &Store) -> anyhow::Result<ExitCode> {
    let bar = ProgressBar::new_spinner()
        .with_style(ProgressStyle::with_template("{spinner} {pos} cases rebuilt ({per_sec})")?);
    let done = store.rebuild(|n| bar.set_position(n)).await?;
    bar.finish_and_clear();
    // After the cases: a lesson's page reads its cases' rows.
    let lessons = store.rebuild_lessons().await?;
    writeln!(std::io::stdout(), "Rebuilt the projections of {done} cases and {lessons} lessons.")?;
    Ok(ExitCode::SUCCESS)
}
