//! `newsdex export --to quickwit|opensearch OUT_DIR`: the index (or the articles of a query)
//! as files another engine ingests; `--show-query` prints the query in that engine's terms.

use super::search::FilterArgs;
use super::{Failure, IndexLocation, choice};
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::interchange::translate::{TranslateError, engine_requests};
use newsdex::interchange::{DEFAULT_MAX_FILE_BYTES, ExportError, ExportOptions, Target, export};
use newsdex::render::json;
use newsdex::search::QueryParams;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// Folder to write the export into: new, or empty.
    #[arg(value_name = "OUT_DIR", required_unless_present = "show_query")]
    out_dir: Option<PathBuf>,
    /// The engine: quickwit or opensearch.
    #[arg(long = "to", value_name = "ENGINE", value_parser = choice::<Target>(&["quickwit", "opensearch"]))]
    target: Target,
    #[command(flatten)]
    location: IndexLocation,
    /// Only articles matching QUERY (the search syntax; default: every article).
    #[arg(
        long,
        default_value = "*",
        allow_hyphen_values = true,
        value_name = "QUERY"
    )]
    query: String,
    /// Only articles dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Only articles dated on or before DATE, inclusive (search's --to; here --to names the engine).
    #[arg(long, value_name = "DATE")]
    until: Option<String>,
    #[command(flatten)]
    filters: FilterArgs,
    /// Name of the index in the engine.
    #[arg(long, default_value = "newsdex", value_name = "NAME")]
    index_name: String,
    /// Largest NDJSON file, in MB (at most 10 for Quickwit, 100 for OpenSearch).
    #[arg(long, value_name = "MB", default_value_t = (DEFAULT_MAX_FILE_BYTES >> 20) as f64)]
    max_file_mb: f64,
    /// Print the engine's search, facet and timeline requests for the query and filters
    /// (JSON) instead of exporting.
    #[arg(long)]
    show_query: bool,
}

pub fn run(args: ExportArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let mut request = args
        .filters
        .apply(QueryParams {
            query: args.query.clone(),
            from: args.from.clone(),
            to: args.until.clone(),
            ..QueryParams::default()
        })
        .request()?;
    if args.show_query {
        let requests = engine_requests(&request, args.target).map_err(|e| match e {
            TranslateError::Query(q) => Failure::Usage(format!("invalid query: {q}")),
            TranslateError::Unsupported(why) => Failure::Usage(format!(
                "no {} form for this query: {why}",
                args.target.name()
            )),
        })?;
        json::write_json(out, &requests)?;
        return Ok(ExitCode::SUCCESS);
    }
    let out_dir = args
        .out_dir
        .ok_or_else(|| Failure::Usage("give the folder to export into (OUT_DIR)".into()))?;
    let options = ExportOptions::new(args.target, out_dir, &args.index_name, args.max_file_mb)
        .map_err(export_failure)?;
    let index = NewsIndex::open(&args.location.dir)?;
    super::settle_places(&mut request, &index)?;
    let summary = export(&index, &request, &options).map_err(export_failure)?;
    for skipped in &summary.oversized {
        eprintln!(
            "skipped article {} ({}): its record is {} bytes, over --max-file-mb",
            skipped.id, skipped.path, skipped.bytes
        );
    }
    eprintln!(
        "{} articles exported to {}: {} files, {} bytes; {} in {}",
        summary.articles,
        summary.out_dir,
        summary.files.len(),
        summary.bytes,
        args.target.name(),
        summary.config_file
    );
    if let Some(undated) = &summary.undated {
        eprintln!(
            "{} undated articles go to a second index, {} ({}): quickwit refuses a document without a date in an index dated by `published`; search both as {},{}",
            undated.articles,
            undated.index_name,
            undated.config_file,
            summary.index_name,
            undated.index_name
        );
    }
    writeln!(out, "# load the export into {}:", args.target.name())?;
    for command in summary.commands() {
        writeln!(out, "{command}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn export_failure(e: ExportError) -> Failure {
    if e.is_usage() {
        Failure::Usage(e.to_string())
    } else {
        match e {
            ExportError::Search(s) => Failure::from(s),
            other => Failure::Io(std::io::Error::other(other.to_string())),
        }
    }
}
