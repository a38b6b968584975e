//! `newsdex timeline`: matching articles per period, as a terminal chart, JSON, CSV or SVG.

use super::search::QueryArgs;
use super::{Failure, choice, format_flag, output_width};
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::render::{OutputFormat, chart, json};
use newsdex::search::QueryParams;
use newsdex::search::request::{TALLY_FORMATS, check_periods};
use newsdex::search::tally::{Period, timeline};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Period of each bar.
    #[arg(long, value_parser = choice::<Period>(&["day", "week", "month", "year"]), default_value = "month")]
    by: Period,
    /// Output format.
    #[arg(long, value_parser = format_flag(TALLY_FORMATS), default_value = "text")]
    format: OutputFormat,
    /// Also write the chart as a standalone SVG file.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Chart width in columns (default: $COLUMNS, else 80).
    #[arg(long, value_name = "N")]
    width: Option<usize>,
}

pub fn run(args: TimelineArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let mut plan = QueryParams {
        by: args.by,
        format: args.format,
        ..args.query.params()
    }
    .timeline()?;
    let index = NewsIndex::open(&args.query.location.dir)?;
    super::settle_places(&mut plan.request, &index)?;
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
    match plan.format {
        OutputFormat::Text => chart::render_text(out, &t, output_width(args.width))?,
        // One object on one line is both.
        OutputFormat::Json | OutputFormat::Jsonl => json::write_json(out, &t)?,
        OutputFormat::Csv => chart::render_csv(out, &t)?,
    }
    Ok(ExitCode::SUCCESS)
}
