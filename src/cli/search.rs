//! `newsdex search`: flags, filters and output format; `--all` streams every match.

use super::{ColorChoice, Failure, IndexLocation, choice, format_flag, use_color};
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::render::export::{RecordWriter, render_hits};
use newsdex::render::{OutputFormat, json, report, text};
use newsdex::search::export::{EXPORT_COLUMNS, stream_matches};
use newsdex::search::request::SEARCH_FORMATS;
use newsdex::search::tally::search_facets;
use newsdex::search::{QueryParams, Sort, run_search};
use std::io::Write;
use std::process::ExitCode;

/// The query and the filters every query command shares (search, timeline, facets).
#[derive(Args, Debug, Clone)]
pub struct QueryArgs {
    /// The query: words, "exact phrases", "words near"~3, a NEAR/5 b, prefix*, AND, OR, NOT,
    /// -word, (groups), title:word.
    #[arg(value_name = "QUERY", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub location: IndexLocation,
    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles dated on or before DATE, inclusive (`--to 2016-04` includes April 30).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// The filters every command that selects articles shares (search, timeline, facets, export).
#[derive(Args, Debug, Clone)]
pub struct FilterArgs {
    /// Only articles dated by one of SOURCES: metadata, byline, dateline, path (strong) or
    /// lead, crawl (weak), comma-separated; undated articles are left out too.
    #[arg(long = "date-source", value_name = "SOURCES")]
    pub date_sources: Vec<String>,
    /// Only articles about PLACE: a name ("Syria", "U.S.", "Aleppo") or a facet path
    /// ("/Syria/Aleppo"); repeat for any of several places.
    #[arg(long = "location", value_name = "PLACE")]
    pub locations: Vec<String>,
    /// Match --location against every place mentioned, not only the places the story is about.
    #[arg(long)]
    pub mentions: bool,
    /// Only places the story is about on one of BASES, comma-separated: metadata, dateline,
    /// headline, lead, repeated, fallback. With --location, the place matched must be on
    /// one of them; without, any place the story is about.
    #[arg(long = "location-basis", value_name = "BASES")]
    pub location_bases: Vec<String>,
    /// Only articles from SOURCE (the publisher or agency in their metadata, exactly as
    /// `facets --field source` lists it); repeat for any of several.
    #[arg(long = "source", value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Only articles in these languages: ISO 639-1 codes (`--lang fr,de`), `und` for
    /// articles whose language is not known; `facets --field lang` lists them.
    #[arg(long = "lang", value_name = "CODES", value_delimiter = ',')]
    pub langs: Vec<String>,
}

impl FilterArgs {
    /// `params` with these filters.
    pub fn apply(&self, params: QueryParams) -> QueryParams {
        QueryParams {
            locations: self.locations.clone(),
            mentions: self.mentions,
            location_bases: self.location_bases.clone(),
            date_sources: self.date_sources.clone(),
            sources: self.sources.clone(),
            langs: self.langs.clone(),
            ..params
        }
    }
}

impl QueryArgs {
    /// The shared flags as library parameters (the rest at their defaults).
    pub fn params(&self) -> QueryParams {
        self.filters.apply(QueryParams {
            query: self.query.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
            ..QueryParams::default()
        })
    }
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// Number of results to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    limit: usize,
    /// Skip this many results first (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    offset: usize,
    /// Result order.
    #[arg(long, value_parser = choice::<Sort>(&["relevance", "newest", "oldest"]), default_value = "relevance")]
    sort: Sort,
    /// Output format.
    #[arg(long, value_parser = format_flag(SEARCH_FORMATS), default_value = "text")]
    format: OutputFormat,
    /// Colour in text output (auto: when stdout is a terminal, NO_COLOR is unset and TERM is not dumb).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Add the top places and the years of all matching articles to the result.
    #[arg(long)]
    facets: bool,
    /// Stream every matching article (not only the top --limit), in index order, in
    /// constant memory; needs --format csv or jsonl. Unranked, so it takes no --sort,
    /// --limit or --offset.
    #[arg(long, conflicts_with_all = ["sort", "limit", "offset"])]
    all: bool,
    /// List every copy of a story as its own hit instead of grouping near-copies under the
    /// best-ranked one ("+3 similar").
    #[arg(long)]
    all_copies: bool,
    /// Columns for csv/jsonl, comma-separated, e.g. title,date,url: rank, score, id, path,
    /// member, title, date, date_source, url, source, lang, format, dateline, locations,
    /// location_basis, mentions, body, truncated, snippet (rank and score not with --all).
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    fields: Vec<String>,
}

pub fn run(args: SearchArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let mut plan = QueryParams {
        sort: args.sort,
        limit: args.limit,
        offset: args.offset,
        all_copies: args.all_copies,
        facets: args.facets,
        all: args.all,
        fields: args.fields.clone(),
        format: args.format,
        ..args.query.params()
    }
    .search()?;
    let index = NewsIndex::open(&args.query.location.dir)?;
    super::settle_places(&mut plan.request, &index)?;
    let request = &plan.request;
    if plan.all {
        let fields = plan.fields.unwrap_or_else(|| EXPORT_COLUMNS.to_vec());
        let mut writer = RecordWriter::new(out, plan.format == OutputFormat::Csv);
        writer.header(&fields)?;
        stream_matches(&index, request, &fields, &mut |record| writer.write(record))??;
        writer.finish()?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut result = run_search(&index, request)?;
    if plan.facets {
        result.facets = Some(search_facets(&index, request)?);
    }
    match (plan.format, &plan.fields) {
        (OutputFormat::Text, _) => {
            text::render_result(out, &result, use_color(args.color))?;
            if let Some(f) = &result.facets {
                report::render_search_facets(out, f)?;
            }
        }
        (OutputFormat::Json, _) => json::render_result(out, &result)?,
        (OutputFormat::Jsonl | OutputFormat::Csv, Some(fields)) => {
            render_hits(out, &result, fields, plan.format == OutputFormat::Csv)?
        }
        // The plan gives CSV its default columns: only JSON lines print whole hits.
        (OutputFormat::Jsonl | OutputFormat::Csv, None) => json::render_hit_lines(out, &result)?,
    }
    // The process ends here: leave the index's memory maps and readers to the kernel rather
    // than unmapping and freeing them one by one (a tenth of a short search's time).
    std::mem::forget(index);
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;
    use newsdex::search::export::Column;

    #[test]
    fn fields_help_names_every_column() {
        let mut command = crate::cli::Cli::command();
        let search = command.find_subcommand_mut("search").unwrap();
        let help = search
            .get_arguments()
            .find(|a| a.get_id() == "fields")
            .and_then(|a| a.get_help())
            .map(|h| h.to_string())
            .unwrap_or_default();
        let listed: Vec<&str> = help
            .split(':')
            .nth(1)
            .unwrap_or_default()
            .split(" (")
            .next()
            .unwrap_or_default()
            .split(',')
            .map(|name| name.trim().trim_end_matches('.'))
            .collect();
        let columns: Vec<&str> = Column::all().map(Column::name).collect();
        assert_eq!(listed, columns, "{help}");
    }
}
