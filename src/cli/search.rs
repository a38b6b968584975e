//! `newsdex search`: flags, filters and output format.

use super::{ColorChoice, Failure, IndexLocation};
use clap::{Args, ValueEnum};
use newsdex::extract::place::resolve_place;
use newsdex::index::NewsIndex;
use newsdex::render::{csv, json, text};
use newsdex::search::{DateRange, PlaceFacet, SearchRequest, Sort, run_search};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// The query: words, "exact phrases", AND, OR, NOT, -word, (groups), title:word.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    query: String,
    #[command(flatten)]
    location: IndexLocation,
    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only articles dated on or before DATE, inclusive (`--to 2016-04` includes April 30).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Only articles about PLACE: a name ("Syria", "U.S.", "Aleppo") or a facet path
    /// ("/Syria/Aleppo"); repeat for any of several places.
    #[arg(long = "location", value_name = "PLACE")]
    locations: Vec<String>,
    /// Match --location against every place mentioned, not only the places the story is about.
    #[arg(long)]
    mentions: bool,
    /// Number of results to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
    /// Skip this many results first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
    /// Result order.
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// Colour in text output (auto: when stdout is a terminal and NO_COLOR is unset).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum SortArg {
    Relevance,
    Newest,
    Oldest,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum FormatArg {
    Text,
    Json,
    Jsonl,
    Csv,
}

pub fn run(args: SearchArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    // Check everything the user typed before touching the index.
    newsdex::search::parse_query(&args.query)
        .map_err(|e| Failure::Usage(format!("invalid query: {e}")))?;
    let dates = DateRange::from_flags(args.from.as_deref(), args.to.as_deref())
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let places = args
        .locations
        .iter()
        .map(|name| {
            resolve_place(name).ok_or_else(|| {
                Failure::Usage(format!(
                    "unknown place \"{name}\" in --location: give a country or city name (Syria, U.S., Aleppo) or a facet path such as /Syria/Aleppo"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let index = NewsIndex::open(&args.location.dir)?;
    let request = SearchRequest {
        query: args.query.clone(),
        dates,
        places,
        place_facet: if args.mentions {
            PlaceFacet::Mentioned
        } else {
            PlaceFacet::About
        },
        limit: args.limit,
        offset: args.offset,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Newest => Sort::Newest,
            SortArg::Oldest => Sort::Oldest,
        },
    };
    let result = run_search(&index, &request)?;
    match args.format {
        FormatArg::Text => text::render_result(out, &result, use_color(args.color))?,
        FormatArg::Json => json::render_result(out, &result)?,
        FormatArg::Jsonl => json::render_hit_lines(out, &result)?,
        FormatArg::Csv => csv::render_result(out, &result)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}
