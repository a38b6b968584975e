//! What a front end asks for, checked before the index is touched: the flags of `search`,
//! `timeline` and `facets` (or a web form's fields, by the same names) become a typed
//! [`SearchRequest`] plus what to do with it, or a [`RequestError`] that says what to fix.
//!
//! The CLI and a server share this policy — resolving places, default facet roots, which
//! flags go together, the paging limits — so neither has to copy it.

use super::compile::needles_for;
use super::export::{Column, EXPORT_COLUMNS, RANKED_CSV_COLUMNS, parse_fields};
use super::filter::{DateFlagError, DateRange};
use super::highlight::Needles;
use super::location::{PlaceChoice, resolve_location};
use super::query::{QueryError, parse_query};
use super::run::{PlaceFacet, SearchRequest, Sort};
use super::tally::{FacetField, Period};
use crate::article::{Basis, DateSource};
use crate::index::Language;
use crate::render::OutputFormat;
use serde::Deserialize;

/// Most results one page may hold (`--limit`); more is an export (`--all`).
pub const MAX_LIMIT: usize = 10_000;

/// Most results a page may skip (`--offset`): ranking (and grouping copies) works through
/// `offset + limit` results, so deep pages cost memory and time; `--all` streams them all.
pub const MAX_OFFSET: usize = 10_000;

/// Most facet levels (`--depth`): country, city, and the levels a gazetteer path may have.
pub const MAX_DEPTH: usize = 4;

/// Formats `search` prints.
pub const SEARCH_FORMATS: &[OutputFormat] = &[
    OutputFormat::Text,
    OutputFormat::Json,
    OutputFormat::Jsonl,
    OutputFormat::Csv,
];

/// Formats of the counting commands, `timeline` and `facets`.
pub const TALLY_FORMATS: &[OutputFormat] =
    &[OutputFormat::Text, OutputFormat::Json, OutputFormat::Csv];

/// Formats of `show`, `stats` and `index`'s summary.
pub const RECORD_FORMATS: &[OutputFormat] = &[OutputFormat::Text, OutputFormat::Json];

/// More timeline bars than this is a mistake (`--by day` over decades).
pub const MAX_PERIODS: usize = 100_000;

/// A query command's parameters, one field per flag of `search`, `timeline` and `facets`
/// (`--all-copies` is `all_copies`, each `--location` one entry of `locations`). A field a
/// command does not take is ignored by it. Missing fields take the flags' defaults.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct QueryParams {
    /// The query text (see the README's query syntax).
    pub query: String,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`: articles dated on or after it.
    pub from: Option<String>,
    /// Articles dated on or before it, inclusive.
    pub to: Option<String>,
    /// Place names or facet paths; an article about any of them passes.
    pub locations: Vec<String>,
    /// Match `locations` against every place mentioned, not only those the story is about.
    pub mentions: bool,
    /// Bases of about places (`headline`, `dateline`, …, each entry perhaps
    /// comma-separated): a place of `locations` counts only when chosen on one of them.
    pub location_bases: Vec<String>,
    /// Date sources (`metadata`, `dateline`, …, each entry perhaps comma-separated): only
    /// articles dated by one of them pass.
    pub date_sources: Vec<String>,
    /// Sources (exact, as stored); an article from any of them passes.
    pub sources: Vec<String>,
    /// Language codes (`--lang fr,de`); an article in any of them passes.
    pub langs: Vec<String>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// List every copy of a story as its own hit.
    pub all_copies: bool,
    /// Add the top places and years of all matches (`search`).
    pub facets: bool,
    /// Stream every match as export rows (`search`, csv or jsonl).
    pub all: bool,
    /// Export columns (`search`, csv or jsonl).
    pub fields: Vec<String>,
    /// Timeline period.
    pub by: Period,
    /// What `facets` counts.
    pub field: FacetField,
    /// Facet levels shown.
    pub depth: usize,
    /// Facet values per level.
    pub top: usize,
    pub format: OutputFormat,
}

impl Default for QueryParams {
    fn default() -> Self {
        QueryParams {
            query: String::new(),
            from: None,
            to: None,
            locations: Vec::new(),
            mentions: false,
            location_bases: Vec::new(),
            date_sources: Vec::new(),
            sources: Vec::new(),
            langs: Vec::new(),
            sort: Sort::Relevance,
            limit: 10,
            offset: 0,
            all_copies: false,
            facets: false,
            all: false,
            fields: Vec::new(),
            by: Period::Month,
            field: FacetField::Location,
            depth: 1,
            top: 20,
            format: OutputFormat::Text,
        }
    }
}

/// A checked `search`.
#[derive(Debug, Clone)]
pub struct SearchPlan {
    pub request: SearchRequest,
    pub format: OutputFormat,
    /// Columns for csv/jsonl rows: the `fields` asked for, else the defaults of `all` or
    /// of ranked CSV; `None` for whole hits (json, jsonl) or text.
    pub fields: Option<Vec<Column>>,
    /// Stream every match unranked instead of one ranked page.
    pub all: bool,
    /// Add facet counts to the result.
    pub facets: bool,
}

/// A checked `timeline`.
#[derive(Debug, Clone)]
pub struct TimelinePlan {
    pub request: SearchRequest,
    pub by: Period,
    pub format: OutputFormat,
}

/// A checked `facets`.
#[derive(Debug, Clone)]
pub struct FacetsPlan {
    pub request: SearchRequest,
    pub field: FacetField,
    /// The facet path counted under: `/`, or the one place asked for.
    pub root: String,
    pub depth: usize,
    pub top: usize,
    pub format: OutputFormat,
}

/// A request that cannot be run as asked: the user's to fix (exit 2). The messages name
/// the CLI's flags, which are also the parameter names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestError {
    #[error("invalid query: {0}")]
    Query(QueryError),
    #[error("invalid query in --query: {0}")]
    HighlightQuery(QueryError),
    #[error(transparent)]
    Date(#[from] DateFlagError),
    #[error(
        "unknown place \"{0}\" in --location: give a country, region or city name (Syria, Europe, Aleppo) or a facet path such as /Syria/Aleppo"
    )]
    UnknownPlace(String),
    #[error("unknown date source \"{0}\" in --date-source: choose from {valid}", valid = DateSource::names())]
    UnknownDateSource(String),
    #[error("unknown location basis \"{0}\" in --location-basis: choose from {valid}", valid = Basis::names())]
    UnknownLocationBasis(String),
    #[error(
        "--location-basis says why a place the story is about was chosen, and --mentions matches places only mentioned; drop one of them"
    )]
    LocationBasisWithMentions,
    #[error(
        "--limit {0} is too large: show at most {MAX_LIMIT} results a page, or export every match with --all --format csv (or jsonl)"
    )]
    LimitTooLarge(usize),
    #[error(
        "--offset {0} is too large: skip at most {MAX_OFFSET} results, narrow the query, or export every match with --all --format csv (or jsonl)"
    )]
    OffsetTooLarge(usize),
    #[error("--fields chooses columns for --format csv or jsonl; add one of them")]
    FieldsNeedRows,
    #[error("unknown field \"{name}\" in --fields: choose from {valid}")]
    UnknownField { name: String, valid: String },
    #[error(
        "--fields {0} needs ranked results, but --all streams matches unranked; drop {0} or --all"
    )]
    RankedFieldWithAll(String),
    #[error("--fields is empty: name at least one column, e.g. --fields title,date,url")]
    NoFields,
    #[error(
        "--all streams every match as --format csv or --format jsonl; add one of them (or drop --all and use --limit)"
    )]
    AllNeedsRows,
    #[error("--facets cannot be combined with --all; run `newsdex facets` for the counts")]
    FacetsWithAll,
    #[error("--depth must be 1 to {MAX_DEPTH} (1 = countries, 2 = their cities)")]
    Depth,
    #[error("--format {format} is not available for {command}: choose from {choices}")]
    Format {
        format: &'static str,
        command: &'static str,
        choices: String,
    },
    #[error("unknown language \"{0}\" in --lang: {codes}", codes = lang_codes())]
    UnknownLang(String),
    #[error("--top must be at least 1")]
    Top,
    #[error(
        "{0} periods is too many to chart: use a coarser --by (week, month or year) or narrow --from/--to"
    )]
    TooManyPeriods(usize),
}

/// The language codes `--lang` takes, for its error message.
fn lang_codes() -> String {
    let codes: Vec<&str> = crate::extract::language::KNOWN
        .iter()
        .map(|(code, _)| *code)
        .collect();
    format!(
        "give ISO 639-1 codes ({}) or und for unknown",
        codes.join(", ")
    )
}

/// The codes of `--lang`, each checked (and a list `fr,de` given as one value split).
fn check_langs(langs: &[String]) -> Result<Vec<String>, RequestError> {
    let mut out: Vec<String> = Vec::new();
    for code in langs.iter().flat_map(|l| l.split(',')).map(str::trim) {
        if code.is_empty() {
            continue;
        }
        let known = crate::extract::language::known_code(&code.to_ascii_lowercase())
            .ok_or_else(|| RequestError::UnknownLang(code.to_string()))?;
        if !out.iter().any(|c| c == known) {
            out.push(known.to_string());
        }
    }
    Ok(out)
}

impl QueryParams {
    /// The query and filters every query command shares, checked in the order the user
    /// reads them: query, dates, places.
    pub fn request(&self) -> Result<SearchRequest, RequestError> {
        parse_query(&self.query).map_err(RequestError::Query)?;
        let dates = DateRange::from_flags(self.from.as_deref(), self.to.as_deref())?;
        let place_choices = resolve_places(&self.locations)?;
        let location_bases = parse_location_bases(&self.location_bases)?;
        if self.mentions && !location_bases.is_empty() {
            return Err(RequestError::LocationBasisWithMentions);
        }
        Ok(SearchRequest {
            places: place_choices.iter().flat_map(PlaceChoice::paths).collect(),
            query: self.query.clone(),
            dates,
            place_choices,
            place_facet: if self.mentions {
                PlaceFacet::Mentioned
            } else {
                PlaceFacet::About
            },
            location_bases,
            sources: self.sources.clone(),
            date_sources: parse_date_sources(&self.date_sources)?,
            langs: check_langs(&self.langs)?,
            ..SearchRequest::default()
        })
    }

    /// Check a `search`: the shared filters, paging, and which flags go together.
    pub fn search(&self) -> Result<SearchPlan, RequestError> {
        let mut request = self.request()?;
        check_format(self.format, "search", SEARCH_FORMATS)?;
        if self.limit > MAX_LIMIT {
            return Err(RequestError::LimitTooLarge(self.limit));
        }
        if self.offset > MAX_OFFSET {
            return Err(RequestError::OffsetTooLarge(self.offset));
        }
        request.limit = self.limit;
        request.offset = self.offset;
        request.sort = self.sort;
        request.group_copies = !self.all_copies;
        let fields = if self.fields.is_empty() {
            None
        } else {
            if !self.format.is_rows() {
                return Err(RequestError::FieldsNeedRows);
            }
            Some(parse_fields(&self.fields, self.all)?)
        };
        if self.all {
            if !self.format.is_rows() {
                return Err(RequestError::AllNeedsRows);
            }
            if self.facets {
                return Err(RequestError::FacetsWithAll);
            }
        }
        Ok(SearchPlan {
            fields: match fields {
                Some(fields) => Some(fields),
                None if self.all => Some(EXPORT_COLUMNS.to_vec()),
                None if self.format == OutputFormat::Csv => Some(RANKED_CSV_COLUMNS.to_vec()),
                None => None,
            },
            request,
            format: self.format,
            all: self.all,
            facets: self.facets,
        })
    }

    /// Check a `timeline`.
    pub fn timeline(&self) -> Result<TimelinePlan, RequestError> {
        check_format(self.format, "timeline", TALLY_FORMATS)?;
        Ok(TimelinePlan {
            request: self.request()?,
            by: self.by,
            format: self.format,
        })
    }

    /// Check a `facets`. With one place asked for, the places under it are counted (the
    /// cities of a country) rather than the countries.
    pub fn facets(&self) -> Result<FacetsPlan, RequestError> {
        let request = self.request()?;
        check_format(self.format, "facets", TALLY_FORMATS)?;
        if self.depth == 0 || self.depth > MAX_DEPTH {
            return Err(RequestError::Depth);
        }
        if self.top == 0 {
            return Err(RequestError::Top);
        }
        let root = match request.places.as_slice() {
            [one]
                if matches!(
                    self.field,
                    FacetField::Location | FacetField::Mentions | FacetField::Dateline
                ) =>
            {
                one.clone()
            }
            _ => "/".to_string(),
        };
        Ok(FacetsPlan {
            request,
            field: self.field,
            root,
            depth: self.depth,
            top: self.top,
            format: self.format,
        })
    }
}

/// `format` if `command` prints it; the error lists the formats it does print.
pub fn check_format(
    format: OutputFormat,
    command: &'static str,
    allowed: &[OutputFormat],
) -> Result<(), RequestError> {
    if allowed.contains(&format) {
        return Ok(());
    }
    Err(RequestError::Format {
        format: format.name(),
        command,
        choices: allowed
            .iter()
            .map(|f| f.name())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// The date sources named in `--date-source` values (`metadata,dateline` or one a flag).
pub fn parse_date_sources(values: &[String]) -> Result<Vec<DateSource>, RequestError> {
    let mut sources = Vec::new();
    for name in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        // Only the current names: `text` is read from old exports, never asked for.
        let source = DateSource::ALL
            .into_iter()
            .find(|s| s.as_str().eq_ignore_ascii_case(name))
            .ok_or_else(|| RequestError::UnknownDateSource(name.to_string()))?;
        if !sources.contains(&source) {
            sources.push(source);
        }
    }
    Ok(sources)
}

/// The bases named in `--location-basis` values (`headline,dateline` or one a flag).
pub fn parse_location_bases(values: &[String]) -> Result<Vec<Basis>, RequestError> {
    let mut bases = Vec::new();
    for name in values.iter().flat_map(|v| v.split(',')).map(str::trim) {
        if name.is_empty() {
            continue;
        }
        let basis = Basis::parse(name)
            .ok_or_else(|| RequestError::UnknownLocationBasis(name.to_string()))?;
        if !bases.contains(&basis) {
            bases.push(basis);
        }
    }
    Ok(bases)
}

/// What each of `locations` stands for (see [`resolve_location`]).
pub fn resolve_places(locations: &[String]) -> Result<Vec<PlaceChoice>, RequestError> {
    locations
        .iter()
        .map(|name| resolve_location(name).ok_or_else(|| RequestError::UnknownPlace(name.clone())))
        .collect()
}

/// The words `show --query` highlights in the articles of an index in `language`.
pub fn highlight_needles(
    query: Option<&str>,
    language: Language,
) -> Result<Option<Needles>, RequestError> {
    query
        .map(|q| needles_for(q, language))
        .transpose()
        .map_err(RequestError::HighlightQuery)
}

/// A timeline with this many periods is charted; more is refused.
pub fn check_periods(periods: usize) -> Result<(), RequestError> {
    if periods > MAX_PERIODS {
        return Err(RequestError::TooManyPeriods(periods));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::ArticleField;

    fn params(query: &str) -> QueryParams {
        QueryParams {
            query: query.into(),
            ..QueryParams::default()
        }
    }

    fn search_error(p: QueryParams) -> String {
        p.search().expect_err("refused").to_string()
    }

    #[test]
    fn defaults_are_the_flags_defaults() {
        let plan = params("oil").search().unwrap();
        assert_eq!(plan.request.limit, 10);
        assert_eq!(plan.request.offset, 0);
        assert_eq!(plan.request.sort, Sort::Relevance);
        assert!(plan.request.group_copies);
        assert_eq!(plan.format, OutputFormat::Text);
        assert_eq!(plan.fields, None);
        let facets = params("oil").facets().unwrap();
        assert_eq!((facets.depth, facets.top), (1, 20));
        assert_eq!(facets.root, "/");
        assert_eq!(params("oil").timeline().unwrap().by, Period::Month);
    }

    #[test]
    fn deserializes_from_parameter_names_with_defaults() {
        let p: QueryParams = serde_json::from_str(
            r#"{"query":"oil","sort":"newest","limit":5,"all_copies":true,"locations":["Syria"],"format":"jsonl","by":"year","field":"source"}"#,
        )
        .unwrap();
        assert_eq!(p.sort, Sort::Newest);
        assert_eq!(p.limit, 5);
        assert_eq!(p.offset, 0);
        assert!(p.all_copies);
        assert_eq!(p.format, OutputFormat::Jsonl);
        assert_eq!(p.by, Period::Year);
        assert_eq!(p.field, FacetField::Source);
        assert_eq!(p.top, 20);
        let bad = serde_json::from_str::<QueryParams>(r#"{"sort":"sideways"}"#);
        assert!(bad.unwrap_err().to_string().contains("unknown variant"));
    }

    #[test]
    fn user_mistakes_say_what_to_fix() {
        let cases: Vec<(QueryParams, &str)> = vec![
            (params("\"oil"), "invalid query: "),
            (
                QueryParams {
                    from: Some("2016-13".into()),
                    ..params("oil")
                },
                "cannot parse date \"2016-13\" in --from: month must be 01–12 (use YYYY, YYYY-MM or YYYY-MM-DD)",
            ),
            (
                QueryParams {
                    locations: vec!["Atlantis Minor".into()],
                    ..params("oil")
                },
                "unknown place \"Atlantis Minor\" in --location: give a country, region or city name (Syria, Europe, Aleppo) or a facet path such as /Syria/Aleppo",
            ),
            (
                QueryParams {
                    fields: vec!["title".into()],
                    format: OutputFormat::Json,
                    ..params("oil")
                },
                "--fields chooses columns for --format csv or jsonl; add one of them",
            ),
            (
                QueryParams {
                    all: true,
                    ..params("oil")
                },
                "--all streams every match as --format csv or --format jsonl; add one of them (or drop --all and use --limit)",
            ),
            (
                QueryParams {
                    all: true,
                    facets: true,
                    format: OutputFormat::Csv,
                    ..params("oil")
                },
                "--facets cannot be combined with --all; run `newsdex facets` for the counts",
            ),
            (
                QueryParams {
                    fields: vec!["titel".into()],
                    format: OutputFormat::Csv,
                    ..params("oil")
                },
                "unknown field \"titel\" in --fields: choose from rank,score,id,path,member,title,date,date_source,url,source,lang,format,dateline,locations,location_basis,mentions,body,truncated,snippet",
            ),
            (
                QueryParams {
                    fields: vec!["score".into()],
                    all: true,
                    format: OutputFormat::Csv,
                    ..params("oil")
                },
                "--fields score needs ranked results, but --all streams matches unranked; drop score or --all",
            ),
            (
                QueryParams {
                    fields: vec![" ".into()],
                    format: OutputFormat::Csv,
                    ..params("oil")
                },
                "--fields is empty: name at least one column, e.g. --fields title,date,url",
            ),
            (
                QueryParams {
                    limit: 10_001,
                    ..params("oil")
                },
                "--limit 10001 is too large: show at most 10000 results a page, or export every match with --all --format csv (or jsonl)",
            ),
            (
                QueryParams {
                    offset: usize::MAX,
                    all_copies: true,
                    ..params("oil")
                },
                "--offset 18446744073709551615 is too large: skip at most 10000 results, narrow the query, or export every match with --all --format csv (or jsonl)",
            ),
        ];
        for (p, expected) in cases {
            let got = search_error(p);
            assert!(
                got.starts_with(expected),
                "{got:?} should start {expected:?}"
            );
            if !expected.ends_with(": ") {
                assert_eq!(got, expected);
            }
        }
    }

    #[test]
    fn location_bases_are_read_in_any_case_and_order_once_each() {
        let values = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // (flag values, bases read)
        let cases: &[(&[&str], &[Basis])] = &[
            (&[], &[]),
            (&["headline"], &[Basis::Headline]),
            (
                &["Headline, dateline", "lead"],
                &[Basis::Headline, Basis::Dateline, Basis::Lead],
            ),
            (&["repeated,repeated,"], &[Basis::Repeated]),
            (&["metadata,fallback"], &[Basis::Metadata, Basis::Fallback]),
        ];
        for (given, read) in cases {
            assert_eq!(
                parse_location_bases(&values(given)).unwrap(),
                *read,
                "{given:?}"
            );
        }
        for name in Basis::ALL {
            assert_eq!(Basis::parse(name.as_str()), Some(name));
        }
        assert_eq!(
            parse_location_bases(&values(&["headline,guess"]))
                .unwrap_err()
                .to_string(),
            "unknown location basis \"guess\" in --location-basis: choose from metadata, dateline, headline, lead, repeated, fallback"
        );
        let about = QueryParams {
            location_bases: values(&["headline"]),
            locations: values(&["Iraq"]),
            ..params("oil")
        };
        assert_eq!(about.request().unwrap().location_bases, [Basis::Headline]);
        let mentioned = QueryParams {
            mentions: true,
            ..about
        };
        assert_eq!(
            mentioned.request().unwrap_err().to_string(),
            "--location-basis says why a place the story is about was chosen, and --mentions matches places only mentioned; drop one of them"
        );
    }

    #[test]
    fn paging_limits_are_inclusive() {
        let p = QueryParams {
            limit: MAX_LIMIT,
            offset: MAX_OFFSET,
            ..params("oil")
        };
        let plan = p.search().unwrap();
        assert_eq!((plan.request.limit, plan.request.offset), (10_000, 10_000));
    }

    #[test]
    fn all_exports_default_columns_unless_fields_given() {
        let all = QueryParams {
            all: true,
            format: OutputFormat::Jsonl,
            ..params("oil")
        };
        assert_eq!(all.search().unwrap().fields, Some(EXPORT_COLUMNS.to_vec()));
        let chosen = QueryParams {
            fields: vec!["Title".into(), "date".into(), "title".into()],
            ..all
        };
        assert_eq!(
            chosen.search().unwrap().fields,
            Some(vec![
                Column::Article(ArticleField::Title),
                Column::Article(ArticleField::Date)
            ])
        );
    }

    #[test]
    fn facet_levels_and_counts_are_checked() {
        for depth in [0, 5] {
            let p = QueryParams {
                depth,
                ..params("oil")
            };
            assert_eq!(
                p.facets().unwrap_err().to_string(),
                "--depth must be 1 to 4 (1 = countries, 2 = their cities)"
            );
        }
        let p = QueryParams {
            top: 0,
            ..params("oil")
        };
        assert_eq!(
            p.facets().unwrap_err().to_string(),
            "--top must be at least 1"
        );
    }

    #[test]
    fn each_command_takes_its_formats() {
        let jsonl = QueryParams {
            format: OutputFormat::Jsonl,
            ..params("oil")
        };
        assert!(
            jsonl
                .search()
                .is_ok_and(|p| p.format == OutputFormat::Jsonl)
        );
        assert_eq!(
            jsonl.timeline().unwrap_err().to_string(),
            "--format jsonl is not available for timeline: choose from text, json, csv"
        );
        assert_eq!(
            jsonl.facets().unwrap_err().to_string(),
            "--format jsonl is not available for facets: choose from text, json, csv"
        );
        assert_eq!(
            check_format(OutputFormat::Csv, "show", RECORD_FORMATS)
                .unwrap_err()
                .to_string(),
            "--format csv is not available for show: choose from text, json"
        );
    }

    #[test]
    fn one_place_becomes_the_facet_root_of_place_fields_only() {
        let p = QueryParams {
            locations: vec!["/Syria".into()],
            ..params("oil")
        };
        assert_eq!(p.facets().unwrap().root, "/Syria");
        let by_source = QueryParams {
            field: FacetField::Source,
            ..p.clone()
        };
        assert_eq!(by_source.facets().unwrap().root, "/");
        let two = QueryParams {
            locations: vec!["/Syria".into(), "/Iraq".into()],
            ..p
        };
        assert_eq!(two.facets().unwrap().root, "/");
    }

    #[test]
    fn too_many_periods_and_bad_highlight_queries_are_refused() {
        assert_eq!(check_periods(MAX_PERIODS).ok(), Some(()));
        assert_eq!(
            check_periods(MAX_PERIODS + 1).unwrap_err().to_string(),
            "100001 periods is too many to chart: use a coarser --by (week, month or year) or narrow --from/--to"
        );
        assert!(
            highlight_needles(None, Language::English)
                .unwrap()
                .is_none()
        );
        assert!(
            highlight_needles(Some("(oil"), Language::English)
                .unwrap_err()
                .to_string()
                .starts_with("invalid query in --query: ")
        );
    }
}
