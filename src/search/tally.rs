//! Counting what matches instead of ranking it: articles per period (`timeline`), per facet
//! value (`facets`, `search --facets`) and for the whole index (`stats`).
//!
//! Counts come from collectors that read fast fields (`date`, `format`, `source`, `path`)
//! and facet ordinals segment by segment; no stored document is loaded.

use super::compile::prepare;
use super::run::{SearchError, SearchRequest};
use crate::index::NewsIndex;
use crate::index::document::facet_path;
use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use tantivy::collector::{Collector, FacetCollector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{AllQuery, BooleanQuery, ExistsQuery, Occur, Query};
use tantivy::schema::Facet;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// The period a timeline counts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    #[default]
    Month,
    Year,
}

impl Period {
    /// The first day of the period holding `day`.
    pub fn start(self, day: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => day,
            Period::Week => day - Days::new(u64::from(day.weekday().num_days_from_monday())),
            Period::Month => day.with_day(1).unwrap_or(day),
            Period::Year => NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day),
        }
    }

    /// The first day of the next period (for a `start` returned by [`Period::start`]).
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            Period::Day => start.checked_add_days(Days::new(1)),
            Period::Week => start.checked_add_days(Days::new(7)),
            Period::Month => start.checked_add_months(Months::new(1)),
            Period::Year => start.checked_add_months(Months::new(12)),
        }
    }

    /// How a period is written: `2016-04-28`, `2016-W17`, `2016-04`, `2016`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.format("%Y-%m-%d").to_string(),
            Period::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Year => start.format("%Y").to_string(),
        }
    }
}

/// What a [`TallyCollector`] found.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    pub total: u64,
    pub undated: u64,
    /// Articles per period start.
    pub periods: BTreeMap<NaiveDate, u64>,
    pub first: Option<DateTime<Utc>>,
    pub last: Option<DateTime<Utc>>,
    pub formats: HashMap<String, u64>,
    pub sources: HashMap<String, u64>,
    /// Articles per language code.
    pub langs: HashMap<String, u64>,
    /// Distinct source files (only when asked for).
    pub paths: HashSet<String>,
}

/// Counts matching articles by period, format and source from fast fields.
pub struct TallyCollector {
    pub period: Period,
    pub paths: bool,
}

pub struct TallySegment {
    period: Period,
    dates: Column<tantivy::DateTime>,
    formats: Option<StrColumn>,
    sources: Option<StrColumn>,
    langs: Option<StrColumn>,
    paths: Option<StrColumn>,
    format_counts: Vec<u64>,
    source_counts: Vec<u64>,
    lang_counts: Vec<u64>,
    path_seen: Vec<bool>,
    tally: Tally,
}

fn ord_counts(column: &Option<StrColumn>) -> Vec<u64> {
    vec![0; column.as_ref().map_or(0, |c| c.num_terms())]
}

impl Collector for TallyCollector {
    type Fruit = Tally;
    type Child = TallySegment;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<TallySegment> {
        let fast = reader.fast_fields();
        let formats = fast.str("format")?;
        let sources = fast.str("source")?;
        let langs = fast.str("lang")?;
        let paths = if self.paths { fast.str("path")? } else { None };
        Ok(TallySegment {
            period: self.period,
            dates: fast.date("date")?,
            format_counts: ord_counts(&formats),
            source_counts: ord_counts(&sources),
            lang_counts: ord_counts(&langs),
            path_seen: vec![false; paths.as_ref().map_or(0, |c| c.num_terms())],
            formats,
            sources,
            langs,
            paths,
            tally: Tally::default(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Tally>) -> tantivy::Result<Tally> {
        let mut all = Tally::default();
        for t in fruits {
            all.total += t.total;
            all.undated += t.undated;
            for (k, v) in t.periods {
                *all.periods.entry(k).or_default() += v;
            }
            all.first = match (all.first, t.first) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            all.last = match (all.last, t.last) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
            for (k, v) in t.formats {
                *all.formats.entry(k).or_default() += v;
            }
            for (k, v) in t.sources {
                *all.sources.entry(k).or_default() += v;
            }
            for (k, v) in t.langs {
                *all.langs.entry(k).or_default() += v;
            }
            all.paths.extend(t.paths);
        }
        Ok(all)
    }
}

impl SegmentCollector for TallySegment {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.tally.total += 1;
        match self
            .dates
            .first(doc)
            .and_then(|d| DateTime::from_timestamp(d.into_timestamp_secs(), 0))
        {
            Some(date) => {
                let start = self.period.start(date.date_naive());
                *self.tally.periods.entry(start).or_default() += 1;
                self.tally.first = Some(self.tally.first.map_or(date, |f| f.min(date)));
                self.tally.last = Some(self.tally.last.map_or(date, |l| l.max(date)));
            }
            None => self.tally.undated += 1,
        }
        let count = |column: &Option<StrColumn>, counts: &mut Vec<u64>| {
            if let Some(c) = column {
                for ord in c.term_ords(doc) {
                    if let Some(n) = counts.get_mut(ord as usize) {
                        *n += 1;
                    }
                }
            }
        };
        count(&self.formats, &mut self.format_counts);
        count(&self.sources, &mut self.source_counts);
        count(&self.langs, &mut self.lang_counts);
        if let Some(c) = &self.paths {
            for ord in c.term_ords(doc) {
                if let Some(seen) = self.path_seen.get_mut(ord as usize) {
                    *seen = true;
                }
            }
        }
    }

    fn harvest(mut self) -> Tally {
        let resolve = |column: &Option<StrColumn>, counts: &[u64]| -> HashMap<String, u64> {
            let mut out = HashMap::new();
            if let Some(c) = column {
                for (ord, &n) in counts.iter().enumerate() {
                    let mut s = String::new();
                    if n > 0 && c.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                        *out.entry(s).or_default() += n;
                    }
                }
            }
            out
        };
        self.tally.formats = resolve(&self.formats, &self.format_counts);
        self.tally.sources = resolve(&self.sources, &self.source_counts);
        self.tally.langs = resolve(&self.langs, &self.lang_counts);
        if let Some(c) = &self.paths {
            for (ord, _) in self.path_seen.iter().enumerate().filter(|(_, s)| **s) {
                let mut s = String::new();
                if c.ord_to_str(ord as u64, &mut s).unwrap_or(false) {
                    self.tally.paths.insert(s);
                }
            }
        }
        self.tally
    }
}

/// One bar of a timeline.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Bucket {
    /// The period as written (`2016-04`).
    pub period: String,
    /// First day of the period.
    pub start: NaiveDate,
    pub count: u64,
}

/// Matching articles per period. `total` = sum of the buckets + `undated`.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    pub query: String,
    pub by: Period,
    pub total: u64,
    /// Matching articles without a date (not in any bucket).
    pub undated: u64,
    /// With `--from`/`--to`: the articles that would match but have no date, so the date
    /// filter left them out (they are in neither `total` nor `undated`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated_left_out: Option<u64>,
    pub buckets: Vec<Bucket>,
}

/// Count the articles matching `request` per period, with every period between the first
/// and last (or the `--from`/`--to` bounds) present, empty ones as zero.
pub fn timeline(
    index: &NewsIndex,
    request: &SearchRequest,
    by: Period,
) -> Result<Timeline, SearchError> {
    let (query, _) = prepare(index, request)?;
    let tally = collect(index, query.as_ref(), by, false)?;
    let mut buckets = Vec::new();
    let from = request
        .dates
        .start
        .map(|d| d.date_naive())
        .or_else(|| tally.periods.keys().next().copied());
    let to = request
        .dates
        .end_exclusive
        .and_then(|d| d.date_naive().pred_opt())
        .or_else(|| tally.periods.keys().next_back().copied());
    if let (Some(from), Some(to)) = (from, to) {
        let mut at = by.start(from);
        while at <= to {
            buckets.push(Bucket {
                period: by.label(at),
                start: at,
                count: tally.periods.get(&at).copied().unwrap_or(0),
            });
            match by.next(at) {
                Some(next) => at = next,
                None => break,
            }
        }
    }
    Ok(Timeline {
        query: request.query.clone(),
        by,
        total: tally.total,
        undated: tally.undated,
        undated_left_out: undated_left_out(index, request)?,
        buckets,
    })
}

/// With a date filter, how many articles would match `request` without it but have no
/// date: a researcher must see what `--from`/`--to` left out. `None` without a date filter.
pub fn undated_left_out(
    index: &NewsIndex,
    request: &SearchRequest,
) -> Result<Option<u64>, SearchError> {
    if request.dates.is_open() {
        return Ok(None);
    }
    let undated = SearchRequest {
        dates: Default::default(),
        ..request.clone()
    };
    let (query, _) = prepare(index, &undated)?;
    count_without(index, query, "date").map(Some)
}

/// Matches of `query` with no value in the fast field `field`.
fn count_without(
    index: &NewsIndex,
    query: Box<dyn Query>,
    field: &str,
) -> Result<u64, SearchError> {
    let without = BooleanQuery::new(vec![
        (Occur::Must, query),
        (
            Occur::MustNot,
            Box::new(ExistsQuery::new(field.to_string(), false)),
        ),
    ]);
    collect_count(index, &without)
}

fn collect(
    index: &NewsIndex,
    query: &dyn Query,
    period: Period,
    paths: bool,
) -> Result<Tally, SearchError> {
    let reader = index.reader()?;
    let searcher = reader.searcher();
    Ok(searcher
        .search(query, &TallyCollector { period, paths })
        .map_err(|e| index.error(e))?)
}

/// Which facet `facets` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum FacetField {
    #[default]
    Location,
    Mentions,
    Dateline,
    Source,
    /// The article's language code.
    Lang,
    Year,
}

impl FacetField {
    /// Every field's name, as `--field` and the server's `field` take it.
    pub const NAMES: &'static [&'static str] =
        &["location", "mentions", "dateline", "source", "lang", "year"];
}

/// One facet value with the number of matching articles that have it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<FacetCount>,
}

/// Facet counts for a query. An article counts once per value it has, so counts may add
/// up to more or less than `total`.
#[derive(Debug, Clone, Serialize)]
pub struct FacetResult {
    pub query: String,
    pub field: FacetField,
    /// The facet path the values are under (`/` or a `--location` place).
    pub root: String,
    pub total: u64,
    /// Matching articles with no value of the field (no place, no source, no date), which
    /// no count below includes.
    pub without_value: u64,
    /// With `--from`/`--to`: articles the date filter left out for having no date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub undated_left_out: Option<u64>,
    pub values: Vec<FacetCount>,
}

/// Top `top` values of `field` among the articles matching `request`; places are counted
/// `depth` levels down from `root` (`/` = countries; `/Syria` = cities in Syria).
pub fn facets(
    index: &NewsIndex,
    request: &SearchRequest,
    field: FacetField,
    root: &str,
    depth: usize,
    top: usize,
) -> Result<FacetResult, SearchError> {
    let (query, _) = prepare(index, request)?;
    let (total, without_value, values) = match field {
        FacetField::Location | FacetField::Mentions | FacetField::Dateline => {
            let name = match field {
                FacetField::Mentions => "mentions",
                FacetField::Dateline => "dateline",
                _ => "location",
            };
            let total = collect_count(index, query.as_ref())?;
            let without = count_without(index, query.box_clone(), name)?;
            let values = place_counts(index, query.as_ref(), name, root, depth.max(1), top)?;
            (total, without, values)
        }
        FacetField::Source => {
            let tally = collect(index, query.as_ref(), Period::Year, false)?;
            let without = count_without(index, query.box_clone(), "source")?;
            (tally.total, without, top_values(tally.sources, top))
        }
        FacetField::Lang => {
            let tally = collect(index, query.as_ref(), Period::Year, false)?;
            let without = count_without(index, query.box_clone(), "lang")?;
            (tally.total, without, top_values(tally.langs, top))
        }
        FacetField::Year => {
            let tally = collect(index, query.as_ref(), Period::Year, false)?;
            let counts: HashMap<String, u64> = tally
                .periods
                .iter()
                .map(|(d, n)| (d.year().to_string(), *n))
                .collect();
            (tally.total, tally.undated, top_values(counts, top))
        }
    };
    Ok(FacetResult {
        query: request.query.clone(),
        field,
        root: root.to_string(),
        total,
        without_value,
        undated_left_out: undated_left_out(index, request)?,
        values,
    })
}

fn collect_count(index: &NewsIndex, query: &dyn Query) -> Result<u64, SearchError> {
    let reader = index.reader()?;
    Ok(reader
        .searcher()
        .search(query, &tantivy::collector::Count)
        .map_err(|e| index.error(e))? as u64)
}

/// Highest counts first, then alphabetical; at most `top`.
fn top_values(counts: HashMap<String, u64>, top: usize) -> Vec<FacetCount> {
    let mut values: Vec<FacetCount> = counts
        .into_iter()
        .map(|(value, count)| FacetCount {
            value,
            count,
            children: Vec::new(),
        })
        .collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.value.cmp(&b.value)));
    values.truncate(top);
    values
}

/// Children of each of `roots` in facet `field`, `depth` levels deep, one search per level.
fn place_counts(
    index: &NewsIndex,
    query: &dyn Query,
    field: &str,
    root: &str,
    depth: usize,
    top: usize,
) -> Result<Vec<FacetCount>, SearchError> {
    let Ok(root_facet) = Facet::from_text(root) else {
        return Ok(Vec::new());
    };
    let reader = index.reader()?;
    let searcher = reader.searcher();
    let mut level = vec![root_facet];
    let mut levels: Vec<HashMap<String, Vec<FacetCount>>> = Vec::new();
    for _ in 0..depth {
        if level.is_empty() {
            break;
        }
        let mut collector = FacetCollector::for_field(field);
        for facet in &level {
            collector.add_facet(facet.clone());
        }
        let counts = searcher
            .search(query, &collector)
            .map_err(|e| index.error(e))?;
        let mut children = HashMap::new();
        let mut next = Vec::new();
        for facet in &level {
            let found: HashMap<String, u64> = counts
                .get(facet.clone())
                .map(|(f, n)| (facet_path(f.encoded_str()), n))
                .collect();
            let values = top_values(found, top);
            next.extend(
                values
                    .iter()
                    .filter_map(|v| Facet::from_text(&v.value).ok()),
            );
            children.insert(facet_path(facet.encoded_str()), values);
        }
        levels.push(children);
        level = next;
    }
    // Nest each level's values under their parents, deepest first.
    let mut nested: HashMap<String, Vec<FacetCount>> = HashMap::new();
    for children in levels.into_iter().rev() {
        let mut this_level = HashMap::new();
        for (parent, mut values) in children {
            for v in &mut values {
                v.children = nested.remove(&v.value).unwrap_or_default();
            }
            this_level.insert(parent, values);
        }
        nested = this_level;
    }
    Ok(nested.remove(root).unwrap_or_default())
}

/// Top places and years of a search, for `search --facets`.
#[derive(Debug, Clone, Serialize)]
pub struct SearchFacets {
    pub places: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
}

/// The facets `search --facets` shows: top 10 countries (cities under them) and the years.
pub fn search_facets(
    index: &NewsIndex,
    request: &SearchRequest,
) -> Result<SearchFacets, SearchError> {
    let places = facets(index, request, FacetField::Location, "/", 2, 10)?.values;
    let mut years = facets(index, request, FacetField::Year, "/", 1, usize::MAX)?.values;
    years.sort_by(|a, b| a.value.cmp(&b.value));
    Ok(SearchFacets { places, years })
}

/// What `newsdex stats` reports.
#[derive(Debug, Clone, Serialize)]
pub struct IndexStats {
    pub index: String,
    pub schema_version: u32,
    pub articles: u64,
    pub files: u64,
    pub formats: Vec<FacetCount>,
    pub first_date: Option<DateTime<Utc>>,
    pub last_date: Option<DateTime<Utc>>,
    pub undated: u64,
    pub top_places: Vec<FacetCount>,
    /// Articles with a place they are about on each basis (`headline`, `fallback`, …),
    /// strongest basis first; an article counts once per basis its places have.
    pub location_basis: Vec<FacetCount>,
    pub top_sources: Vec<FacetCount>,
    /// Articles with no source in their metadata.
    pub no_source: u64,
    /// Articles per language code (`und`: not known), most first.
    pub languages: Vec<FacetCount>,
    pub segments: usize,
    pub size_bytes: u64,
}

/// Totals for the whole index.
pub fn stats(index: &NewsIndex, top: usize) -> Result<IndexStats, SearchError> {
    let tally = collect(index, &AllQuery, Period::Year, true)?;
    let top_places = place_counts(index, &AllQuery, "location", "/", 1, top)?;
    let by_basis = place_counts(index, &AllQuery, "location_basis", "/", 1, usize::MAX)?;
    let location_basis = crate::article::Basis::ALL
        .into_iter()
        .filter_map(|basis| {
            let count = by_basis
                .iter()
                .find(|c| c.value.strip_prefix('/') == Some(basis.as_str()))?
                .count;
            Some(FacetCount {
                value: basis.as_str().to_string(),
                count,
                children: Vec::new(),
            })
        })
        .collect();
    let segments = index
        .index
        .searchable_segment_metas()
        .map_err(|e| index.error(e))?
        .len();
    let with_source: u64 = tally.sources.values().sum();
    Ok(IndexStats {
        index: index.dir.display().to_string(),
        schema_version: index.schema.version,
        articles: tally.total,
        files: tally.paths.len() as u64,
        formats: top_values(tally.formats, usize::MAX),
        first_date: tally.first,
        last_date: tally.last,
        undated: tally.undated,
        top_places,
        location_basis,
        no_source: tally.total.saturating_sub(with_source),
        top_sources: top_values(tally.sources, top),
        languages: top_values(tally.langs, usize::MAX),
        segments,
        size_bytes: dir_size(&index.dir),
    })
}

fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_facet_field_name_reads_as_its_own_variant() {
        // A new variant fails to compile here until it is named below and in `NAMES`.
        match FacetField::default() {
            FacetField::Location
            | FacetField::Mentions
            | FacetField::Dateline
            | FacetField::Source
            | FacetField::Lang
            | FacetField::Year => {}
        }
        let read: Vec<FacetField> = FacetField::NAMES
            .iter()
            .map(|n| serde_json::from_value(serde_json::Value::from(*n)).unwrap())
            .collect();
        assert_eq!(
            read,
            [
                FacetField::Location,
                FacetField::Mentions,
                FacetField::Dateline,
                FacetField::Source,
                FacetField::Lang,
                FacetField::Year
            ]
        );
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_start_on_their_first_day() {
        assert_eq!(Period::Week.start(d("2016-05-01")), d("2016-04-25"));
        assert_eq!(Period::Month.start(d("2016-05-31")), d("2016-05-01"));
        assert_eq!(Period::Year.start(d("2016-05-31")), d("2016-01-01"));
        assert_eq!(Period::Day.next(d("2016-02-28")), Some(d("2016-02-29")));
    }

    #[test]
    fn period_labels() {
        assert_eq!(Period::Week.label(d("2016-04-25")), "2016-W17");
        assert_eq!(Period::Month.label(d("2016-04-01")), "2016-04");
        assert_eq!(Period::Year.label(d("2016-01-01")), "2016");
        // ISO week 1 of 2021 starts on 2021-01-04; 2021-01-01 is in 2020-W53.
        assert_eq!(
            Period::Week.label(Period::Week.start(d("2021-01-01"))),
            "2020-W53"
        );
    }
}
