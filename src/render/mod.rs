//! Results to bytes: text for people, JSON/JSONL/CSV for programs. The only code that
//! knows about colour; it never runs a query.

pub mod chart;
pub mod csv;
pub mod export;
pub mod json;
pub mod report;
pub mod text;

/// Output formats of `search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Text,
    Json,
    JsonLines,
    Csv,
}
