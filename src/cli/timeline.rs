//! `newsdex timeline`: matching articles per period, as a terminal chart, JSON, CSV or SVG.

use super::search::QueryArgs;
use super::{Failure, output_width};
use clap::{Args, ValueEnum};
use newsdex::index::NewsIndex;
use newsdex::render::{chart, json};
use newsdex::search::QueryParams;
use newsdex::search::request::check_periods;
use newsdex::search::tally::{Period, timeline};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Period of each bar.
    #[arg(long, value_enum, default_value_t = ByArg::Month)]
    by: ByArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Also write the chart as a standalone SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Chart width in columns (default: $COLUMNS, else 80).
    #[arg(long, value_name = "N")]
    width: Option<usize>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ByArg {
    Day,
    Week,
    Month,
    Year,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Text,
    Json,
    Csv,
}

pub fn run(args: TimelineArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let plan = QueryParams {
        by: match args.by {
            ByArg::Day => Period::Day,
            ByArg::Week => Period::Week,
            ByArg::Month => Period::Month,
            ByArg::Year => Period::Year,
        },
        ..args.query.params()
    }
    .timeline()?;
    let index = NewsIndex::open(&args.query.location.dir)?;
    let t = timeline(&index, &plan.request, plan.by)?;
    check_periods(t.buckets.len())?;
    if let Some(path) = &args.svg {
        std::fs::write(path, chart::render_svg(&t)).map_err(|e| {
            Failure::Io(std::io::Error::new(
                e.kind(),
                format!("cannot write the SVG chart to {}: {e}", path.display()),
            ))
        })?;
        eprintln!("wrote {}", path.display());
    }
    match args.format {
        FormatArg::Text => chart::render_text(out, &t, output_width(args.width))?,
        FormatArg::Json => json::write_json(out, &t)?,
        FormatArg::Csv => chart::render_csv(out, &t)?,
    }
    Ok(ExitCode::SUCCESS)
}
