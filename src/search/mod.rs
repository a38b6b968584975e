//! Searching: query syntax, filters, running the query, and highlighting hits.

pub mod articles;
pub mod compile;
pub mod complete;
mod exclude;
pub mod export;
pub mod filter;
mod group;
pub mod highlight;
pub mod location;
pub mod lookup;
pub mod proximity;
pub mod query;
pub mod request;
pub mod run;
pub mod stem_query;
pub mod tally;

pub use filter::{DateFlagError, DateRange};
pub use query::{QueryError, parse_query};
pub use request::{QueryParams, RequestError};
pub use run::{Hit, PlaceFacet, SearchError, SearchRequest, SearchResult, Sort, run_search};
