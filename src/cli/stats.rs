//! `newsdex stats`: totals for the whole index.

use super::{Failure, IndexLocation, format_flag};
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::render::{OutputFormat, json, report};
use newsdex::search::request::RECORD_FORMATS;
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
    #[arg(long, value_parser = format_flag(RECORD_FORMATS), default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: StatsArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let index = NewsIndex::open(&args.location.dir)?;
    let s = stats(&index, args.top)?;
    match args.format {
        OutputFormat::Text => report::render_stats_text(out, &s)?,
        // RECORD_FORMATS: text or JSON.
        _ => json::write_json(out, &s)?,
    }
    Ok(ExitCode::SUCCESS)
}
