//! `newsdex facets`: matching articles per place, source or year.

use super::Failure;
use super::search::QueryArgs;
use clap::{Args, ValueEnum};
use newsdex::index::NewsIndex;
use newsdex::render::{json, report};
use newsdex::search::QueryParams;
use newsdex::search::tally::{FacetField, facets};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct FacetsArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// What to count: places the story is about, every place mentioned, the dateline,
    /// the source, or the year.
    #[arg(long, value_enum, default_value_t = FieldArg::Location)]
    field: FieldArg,
    /// Place levels to show: 1 = countries (or the cities of the --location country),
    /// 2 = cities under each country.
    #[arg(long, default_value_t = 1, value_name = "N")]
    depth: usize,
    /// Values per level.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FieldArg {
    Location,
    Mentions,
    Dateline,
    Source,
    Year,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Text,
    Json,
    Csv,
}

pub fn run(args: FacetsArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let plan = QueryParams {
        field: match args.field {
            FieldArg::Location => FacetField::Location,
            FieldArg::Mentions => FacetField::Mentions,
            FieldArg::Dateline => FacetField::Dateline,
            FieldArg::Source => FacetField::Source,
            FieldArg::Year => FacetField::Year,
        },
        depth: args.depth,
        top: args.top,
        ..args.query.params()
    }
    .facets()?;
    let index = NewsIndex::open(&args.query.location.dir)?;
    let result = facets(
        &index,
        &plan.request,
        plan.field,
        &plan.root,
        plan.depth,
        plan.top,
    )?;
    match args.format {
        FormatArg::Text => report::render_facets_text(out, &result)?,
        FormatArg::Json => json::write_json(out, &result)?,
        FormatArg::Csv => report::render_facets_csv(out, &result)?,
    }
    Ok(ExitCode::SUCCESS)
}
