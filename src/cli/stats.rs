//! `newsdex stats`: totals for the whole index.

use super::{Failure, IndexLocation};
use clap::{Args, ValueEnum};
use newsdex::index::NewsIndex;
use newsdex::render::{json, report};
use newsdex::search::tally::stats;
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    location: IndexLocation,
    /// Places and sources listed.
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Text,
    Json,
}

pub fn run(args: StatsArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let index = NewsIndex::open(&args.location.dir)?;
    let s = stats(&index, args.top)?;
    match args.format {
        FormatArg::Text => report::render_stats_text(out, &s)?,
        FormatArg::Json => json::write_json(out, &s)?,
    }
    Ok(ExitCode::SUCCESS)
}
