//! newsdex: a full-text search engine for folders of news articles.
//!
//! The pipeline follows the data: [`walk`] finds files, [`decode`] turns bytes into text,
//! [`formats`] parse text into [`article::RawArticle`]s, [`extract`] finds dates and places
//! and builds [`article::Article`]s, [`index`] stores them in tantivy; [`search`] parses a
//! query, runs it and highlights the hits, which [`render`] prints.

pub mod article;
pub mod decode;
pub mod extract;
pub mod formats;
pub mod index;
pub mod interchange;
pub mod render;
pub mod search;
pub mod serve;
pub mod sidecar;
pub mod walk;
