//! Searching: query syntax, filters, running the query, and highlighting hits.

pub mod export;
pub mod filter;
pub mod highlight;
pub mod lookup;
pub mod proximity;
pub mod query;
pub mod run;
pub mod stem_query;
pub mod tally;

pub use filter::{DateFlagError, DateRange};
pub use query::{QueryError, parse_query};
pub use run::{Hit, PlaceFacet, SearchError, SearchRequest, SearchResult, Sort, run_search};
