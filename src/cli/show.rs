//! `newsdex show`: one stored article in full.

use super::{ColorChoice, Failure, IndexLocation, format_flag, output_width, use_color};
use clap::Args;
use newsdex::index::NewsIndex;
use newsdex::render::terminal::escaped;
use newsdex::render::{OutputFormat, json, report};
use newsdex::search::highlight::find_matches;
use newsdex::search::lookup::{MAX_SHOWN, find_articles};
use newsdex::search::request::{RECORD_FORMATS, highlight_needles};
use std::io::Write;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// The article's id (from search results), the path of its file (every article of the
    /// file is shown, in file order), or `PATH (MEMBER)` as results print it
    /// (`wire.jsonl (line 7)`).
    #[arg(value_name = "ID|PATH")]
    key: String,
    /// Articles of a file shown at most.
    #[arg(long, value_name = "N", default_value_t = MAX_SHOWN as u64,
          value_parser = clap::value_parser!(u64).range(1..))]
    limit: u64,
    /// Articles of a file skipped first (with --limit, to page through a big file).
    #[arg(long, value_name = "N", default_value_t = 0)]
    offset: usize,
    #[command(flatten)]
    location: IndexLocation,
    /// Highlight the words this query matches.
    #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
    query: Option<String>,
    /// Output format (json adds `highlights`: byte ranges into `body`).
    #[arg(long, value_parser = format_flag(RECORD_FORMATS), default_value = "text")]
    format: OutputFormat,
    /// Wrap the body to N columns (default: $COLUMNS, else 80).
    #[arg(long, value_name = "N")]
    width: Option<usize>,
    /// Colour (auto: when stdout is a terminal, NO_COLOR is unset and TERM is not dumb).
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

pub fn run(args: ShowArgs, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    let index = NewsIndex::open(&args.location.dir)?;
    let needles = highlight_needles(args.query.as_deref(), index.language)?;
    let found = find_articles(&index, &args.key, args.offset, args.limit as usize)?;
    if found.total > 0 && found.articles.is_empty() {
        return Err(Failure::Usage(format!(
            "--offset {} is past the {} articles of {}",
            args.offset,
            found.total,
            escaped(&args.key)
        )));
    }
    let articles = found.articles;
    if articles.is_empty() {
        return Err(Failure::Usage(format!(
            "no article with id or path \"{}\" in {}: use an id from `newsdex search`, the path of an indexed file, or `PATH (MEMBER)` as results print it",
            args.key,
            args.location.dir.display()
        )));
    }
    let color = use_color(args.color);
    let width = output_width(args.width);
    for (i, article) in articles.iter().enumerate() {
        let matches = needles
            .as_ref()
            .map(|n| find_matches(&article.body, &n.for_lang(&article.lang)))
            .unwrap_or_default();
        match args.format {
            OutputFormat::Text => {
                if i > 0 {
                    writeln!(out, "\n{}\n", "─".repeat(width.min(60)))?;
                }
                report::render_article_text(out, article, &matches, width, color)?;
            }
            // RECORD_FORMATS: text or JSON (one article a line).
            _ => {
                let mut value = serde_json::to_value(article).unwrap_or_default();
                if let Some(obj) = value.as_object_mut() {
                    let ranges: Vec<[usize; 2]> =
                        matches.iter().map(|r| [r.start, r.end]).collect();
                    obj.insert("highlights".into(), serde_json::json!(ranges));
                }
                json::write_json(out, &value)?;
            }
        }
    }
    // A file with more articles than are shown says so, and how to see the rest.
    let shown = articles.len();
    if let Some(path) = found.path.filter(|_| shown < found.total) {
        let (first, last) = (args.offset + 1, args.offset + shown);
        let next = if last < found.total {
            format!(
                "; --offset {last} shows the next {}",
                (args.limit as usize).min(found.total - last)
            )
        } else {
            String::new()
        };
        eprintln!(
            "showing articles {first}–{last} of the {} of {}{next}",
            found.total,
            escaped(&path)
        );
    }
    Ok(ExitCode::SUCCESS)
}
