//! `gehoord deadlines`: the terms of a complaint from its date of receipt,
//! each with its explanation, for handlers, planners and integrators. Pure
//! date arithmetic from the domain's deadline engine: no database, no set-up.

use std::{io::Write, process::ExitCode};

use gehoord_domain::{
    case::Rules,
    terms::{Deadlines, Procedure, dutch_day},
};
use jiff::civil::Date;

#[derive(Debug, clap::Args)]
pub struct DeadlinesArgs {
    /// Date the complaint was received (the date in the Netherlands), as YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    received: Date,

    /// An advisory committee advises (Awb afdeling 9.1.3): 10 weeks instead of 6 (Awb 9:11 lid 1).
    #[arg(long)]
    committee: bool,

    /// Postpone the decision once by N weeks, at most 4 (Awb 9:11 lid 2).
    #[arg(long, value_name = "N", value_parser = parse_weeks, allow_negative_numbers = true)]
    postpone_weeks: Option<u32>,

    /// Print one JSON object (camelCase keys, ISO dates) instead of text.
    #[arg(long)]
    json: bool,
}

/// A date as YYYY-MM-DD, with a message people understand when it is not one.
fn parse_date(value: &str) -> Result<Date, String> {
    value.trim().parse::<Date>().map_err(|_| {
        format!("'{value}' is geen geldige datum. Schrijf de datum als JJJJ-MM-DD, bijvoorbeeld 2026-02-23.")
    })
}

/// A whole number of weeks; whether it is allowed is the domain's decision.
fn parse_weeks(value: &str) -> Result<u32, String> {
    value
        .trim()
        .parse::<u32>()
        .map_err(|_| format!("'{value}' is geen aantal weken. Verdagen kan met 1 tot en met 4 weken (Awb 9:11 lid 2)."))
}

pub fn run(args: &DeadlinesArgs) -> anyhow::Result<ExitCode> {
    let procedure =
        Procedure { committee: args.committee, postponement_weeks: args.postpone_weeks, ..Procedure::default() };
    // Without a database there are no organisation settings: the statutory
    // holidays and the default service norms apply.
    let deadlines = Deadlines::compute(args.received, &procedure, &Rules::default())?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &deadlines)?;
        writeln!(out)?;
    } else {
        writeln!(out, "Termijnen voor een klacht die ontvangen is op {}", dutch_day(deadlines.received))?;
        for deadline in deadlines.all() {
            writeln!(out)?;
            writeln!(out, "{}: uiterlijk {}", deadline.term.label(), dutch_day(deadline.date))?;
            writeln!(out, "  {}", deadline.explanation)?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "Let op: hier tellen alleen de wettelijke feestdagen en de standaard servicenormen.\n\
             Dagen die bij koninklijk besluit gelijkgesteld zijn (Atw art. 3 lid 3) en de eigen\n\
             servicenormen van de organisatie staan in de instellingen van Gehoord."
        )?;
    }
    Ok(ExitCode::SUCCESS)
}
