//! Command-line flags (clap derive) and the dispatch to one module per subcommand.

mod export;
mod facets;
mod index;
mod search;
mod serve;
mod show;
mod stats;
mod timeline;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use newsdex::index::IndexError;
use newsdex::render::OutputFormat;
use newsdex::search::{RequestError, SearchError};
use serde::de::DeserializeOwned;
use serde::de::value::{Error as NameError, StringDeserializer};
use std::ffi::OsStr;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Full-text search for folders of news articles: phrases, dates and places.
#[derive(Parser, Debug)]
#[command(name = "newsdex", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Index folders or files of articles (incremental: only new and changed files are read).
    Index(index::IndexArgs),
    /// Search the index.
    Search(search::SearchArgs),
    /// Count matching articles per day, week, month or year, as a chart, JSON, CSV or SVG.
    Timeline(timeline::TimelineArgs),
    /// Count matching articles per place, source or year.
    Facets(facets::FacetsArgs),
    /// Print one stored article in full (by id or file path).
    Show(show::ShowArgs),
    /// Totals for the index: articles, files, formats, dates, places, sources, size.
    Stats(stats::StatsArgs),
    /// Serve a web page and a JSON API for searching the index (http://127.0.0.1:7700/).
    Serve(serve::ServeArgs),
    /// Export the index (or a query's articles) for Quickwit or OpenSearch.
    Export(export::ExportArgs),
}

/// Where the index lives: `--index`, else `NEWSDEX_INDEX`, else `./newsdex-index`.
#[derive(clap::Args, Debug, Clone)]
pub struct IndexLocation {
    /// Index folder.
    #[arg(
        long = "index",
        env = "NEWSDEX_INDEX",
        default_value = "newsdex-index",
        value_name = "DIR"
    )]
    pub dir: PathBuf,
}

/// When to colour output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A flag that takes one of the names of a library enum, read by name as a server's
/// parameters are (serde), so the library needs no clap types and the names cannot drift.
pub fn choice<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: DeserializeOwned + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(names).try_map(by_name::<T>)
}

/// `--format`, offering the formats the command prints (the library's list for it).
pub fn format_flag(
    allowed: &'static [OutputFormat],
) -> impl TypedValueParser<Value = OutputFormat> {
    PossibleValuesParser::new(allowed.iter().map(|f| f.name())).try_map(by_name::<OutputFormat>)
}

fn by_name<T: DeserializeOwned>(name: String) -> Result<T, NameError> {
    T::deserialize(StringDeserializer::<NameError>::new(name))
}

/// Why a command failed, and which exit code that means.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The user asked for something that cannot be done as asked: exit 2.
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Index(#[from] IndexError),
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) => 2,
            Failure::Index(
                IndexError::Missing { .. }
                | IndexError::Version { .. }
                | IndexError::Foreign { .. },
            ) => 2,
            Failure::Index(_) | Failure::Io(_) => 1,
        }
    }
}

impl From<RequestError> for Failure {
    fn from(e: RequestError) -> Self {
        Failure::Usage(e.to_string())
    }
}

impl From<SearchError> for Failure {
    fn from(e: SearchError) -> Self {
        match e {
            SearchError::Query(q) => Failure::Usage(format!("invalid query: {q}")),
            SearchError::Index(i) => Failure::Index(i),
        }
    }
}

/// Settle the request's ambiguous `--location` names by what `index` holds, and say on
/// stderr what each ambiguous name or group was taken to mean.
pub fn settle_places(
    request: &mut newsdex::search::SearchRequest,
    index: &newsdex::index::NewsIndex,
) -> Result<(), Failure> {
    for note in newsdex::search::location::settle_places(request, index)? {
        eprintln!("note: {note}");
    }
    Ok(())
}

/// Run a parsed command line, writing results to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Index(args) => index::run(args, out),
        Command::Search(args) => search::run(args, out),
        Command::Timeline(args) => timeline::run(args, out),
        Command::Facets(args) => facets::run(args, out),
        Command::Show(args) => show::run(args, out),
        Command::Stats(args) => stats::run(args, out),
        Command::Serve(args) => serve::run(args, out),
        Command::Export(args) => export::run(args, out),
    }
}

/// Whether to colour stdout: `--color`, else a terminal that is not `TERM=dumb`, without
/// `NO_COLOR`.
pub fn use_color(choice: ColorChoice) -> bool {
    color_wanted(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
        std::io::stdout().is_terminal(),
    )
}

fn color_wanted(
    choice: ColorChoice,
    no_color: Option<&OsStr>,
    term: Option<&OsStr>,
    terminal: bool,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            no_color.is_none_or(OsStr::is_empty) && term.is_none_or(|t| t != "dumb") && terminal
        }
    }
}

/// Columns to lay text out in: `--width`, else `COLUMNS`, else 80.
pub fn output_width(flag: Option<usize>) -> usize {
    flag.or_else(|| {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse().ok())
    })
    .filter(|&w| w > 0)
    .unwrap_or(80)
    .clamp(20, 1000)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn auto_colours_a_terminal_unless_no_color_or_a_dumb_one() {
        let os = |s: &'static str| Some(OsStr::new(s));
        for (choice, no_color, term, terminal, wanted) in [
            (ColorChoice::Auto, None, os("xterm-256color"), true, true),
            (ColorChoice::Auto, None, None, true, true),
            (ColorChoice::Auto, None, os("xterm"), false, false),
            (ColorChoice::Auto, os("1"), os("xterm"), true, false),
            (ColorChoice::Auto, os(""), os("xterm"), true, true),
            (ColorChoice::Auto, None, os("dumb"), true, false),
            (ColorChoice::Always, os("1"), os("dumb"), false, true),
            (ColorChoice::Never, None, os("xterm"), true, false),
        ] {
            assert_eq!(
                color_wanted(choice, no_color, term, terminal),
                wanted,
                "{choice:?} NO_COLOR={no_color:?} TERM={term:?} terminal={terminal}"
            );
        }
    }

    /// Every value a flag offers reads back into the library's type (the names given to
    /// `choice` are not checked by the compiler).
    #[test]
    fn every_offered_flag_value_parses() {
        Cli::command().debug_assert();
        let mut tried = 0;
        for sub in Cli::command().get_subcommands() {
            for arg in sub.get_arguments() {
                let Some(long) = arg.get_long() else { continue };
                if !arg.get_action().takes_values() {
                    continue;
                }
                for value in arg.get_possible_values() {
                    let flag = format!("--{long}");
                    let mut argv = vec!["newsdex", sub.get_name()];
                    if sub.get_name() != "stats" {
                        argv.push("x");
                    }
                    argv.extend([flag.as_str(), value.get_name()]);
                    if let Err(e) = Cli::try_parse_from(&argv) {
                        panic!("{argv:?}: {e}");
                    }
                    tried += 1;
                }
            }
        }
        // sort 3, by 4, field 6, formats 4+3+3+2+2+2, colour 3+3, export engines 2
        assert_eq!(tried, 37);
    }
}
