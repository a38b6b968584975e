//! `newsdex facets`: matching articles per place, source or year.

use super::search::QueryArgs;
use super::{Failure, choice, format_flag};
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::render::{OutputFormat, json, report};
use newsdex::search::QueryParams;
use newsdex::search::request::TALLY_FORMATS;
use newsdex::search::tally::{FacetField, facets};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct FacetsArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// What to count: places the story is about, every place mentioned, the dateline,
    /// the source, the language (`lang`), or the year.
    #[arg(
        long,
        value_parser = choice::<FacetField>(FacetField::NAMES),
        default_value = "location"
    )]
    field: FacetField,
    /// Place levels to show: 1 = countries (or the cities of the --location country),
    /// 2 = cities under each country.
    #[arg(long, default_value_t = 1, value_name = "N")]
    depth: usize,
    /// Values per level.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Output format.
    #[arg(long, value_parser = format_flag(TALLY_FORMATS), default_value = "text")]
    format: OutputFormat,
}

pub fn run(args: FacetsArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let mut plan = QueryParams {
        field: args.field,
        format: args.format,
        depth: args.depth,
        top: args.top,
        ..args.query.params()
    }
    .facets()?;
    let index = NewsIndex::open(&args.query.location.dir)?;
    super::settle_places(&mut plan.request, &index)?;
    let result = facets(
        &index,
        &plan.request,
        plan.field,
        &plan.root,
        plan.depth,
        plan.top,
    )?;
    match plan.format {
        OutputFormat::Text => report::render_facets_text(out, &result)?,
        // One object on one line is both.
        OutputFormat::Json | OutputFormat::Jsonl => json::write_json(out, &result)?,
        OutputFormat::Csv => report::render_facets_csv(out, &result)?,
    }
    Ok(ExitCode::SUCCESS)
}
