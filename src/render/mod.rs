//! Results to bytes: text for people, JSON/JSONL/CSV for programs. The only code that
//! knows about colour; it never runs a query.

pub mod chart;
pub mod csv;
pub mod export;
pub mod json;
pub mod report;
pub mod terminal;
pub mod text;

/// The line saying how many articles a date filter left out for having no date, if any.
pub fn undated_left_out_note(left_out: Option<u64>) -> Option<String> {
    match left_out {
        Some(n) if n > 0 => Some(format!(
            "{n} more article{} match but have no date, which --from/--to leave out.",
            if n == 1 { "" } else { "s" }
        )),
        _ => None,
    }
}

/// What a command prints: every command takes a subset of these (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// For people: aligned, wrapped, maybe coloured.
    #[default]
    Text,
    /// One JSON document (the documented contract).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A header row, then one row per record.
    Csv,
}

impl OutputFormat {
    /// The name `--format` takes.
    pub fn name(self) -> &'static str {
        match self {
            OutputFormat::Text => "text",
            OutputFormat::Json => "json",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Csv => "csv",
        }
    }

    /// Whether records go out as export rows (CSV or JSON lines), where `--fields` applies.
    pub fn is_rows(self) -> bool {
        matches!(self, OutputFormat::Csv | OutputFormat::Jsonl)
    }
}
