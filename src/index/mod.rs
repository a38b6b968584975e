//! The tantivy index: schema, the article ↔ document mapping, opening and version checks,
//! writing articles incrementally.

pub mod document;
pub mod file_table;
pub mod in_flight;
pub mod language;
pub mod merge;
pub mod schema;
pub mod stem;
pub mod store;
pub mod tokenizer;
pub mod writer;

pub use language::Language;
pub use schema::{Fields, NewsSchema};
pub use store::{IndexError, NewsIndex};
