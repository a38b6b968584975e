//! Query-string parameters: the CLI's flags by the same names (`from`, `to`, `location`,
//! `mentions`, `sort`, `limit`, `offset`, `all_copies`, `facets`, `field`, `depth`, `top`,
//! `by`, `fields`), plus `q` for the query the CLI takes as its argument. Unknown or repeated
//! parameters are refused with the list of valid ones, as clap refuses unknown flags.

use crate::search::request::QueryParams;
use crate::search::tally::FacetField;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

/// Longest query string accepted (the raw `?…` part of a URL).
pub const MAX_QUERY_BYTES: usize = 16 * 1024;

/// Parameters as sent, checked against the names a route accepts.
#[derive(Debug, Default)]
pub struct Params {
    values: HashMap<String, Vec<String>>,
}

/// A parameter the route does not know, repeated where it may not be, or unreadable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamError(pub String);

impl std::fmt::Display for ParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Names that may be given more than once.
const REPEATABLE: &[&str] = &[
    "location",
    "source",
    "location_basis",
    "date_source",
    "lang",
];

impl Params {
    /// Parse `raw` (without the `?`), accepting only `allowed` names.
    pub fn parse(raw: Option<&str>, allowed: &[&str]) -> Result<Params, ParamError> {
        let raw = raw.unwrap_or_default();
        if raw.len() > MAX_QUERY_BYTES {
            return Err(ParamError(format!(
                "the request's parameters are {} bytes; at most {MAX_QUERY_BYTES} are accepted",
                raw.len()
            )));
        }
        let mut values: HashMap<String, Vec<String>> = HashMap::new();
        for (name, value) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&name.as_ref()) {
                return Err(ParamError(format!(
                    "unknown parameter \"{name}\": this route takes {}",
                    allowed.join(", ")
                )));
            }
            let slot = values.entry(name.to_string()).or_default();
            if !slot.is_empty() && !REPEATABLE.contains(&name.as_ref()) {
                return Err(ParamError(format!(
                    "parameter \"{name}\" is given more than once; give it once"
                )));
            }
            slot.push(value.into_owned());
        }
        Ok(Params { values })
    }

    /// The value of `name`, if given and not empty (an empty form field means "not set").
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.first())
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }

    /// Every non-empty value of a repeatable `name`.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.values
            .get(name)
            .map(|v| v.iter().filter(|s| !s.trim().is_empty()).cloned().collect())
            .unwrap_or_default()
    }

    /// A `true`/`false` switch (`1`/`0` too); absent is false.
    pub fn flag(&self, name: &str) -> Result<bool, ParamError> {
        match self.get(name) {
            None => Ok(false),
            Some("true" | "1" | "on" | "yes") => Ok(true),
            Some("false" | "0" | "off" | "no") => Ok(false),
            Some(other) => Err(ParamError(format!(
                "parameter \"{name}\" must be true or false, not \"{other}\""
            ))),
        }
    }

    /// A whole number, or `default` when absent.
    pub fn number(&self, name: &str, default: usize) -> Result<usize, ParamError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => v.trim().parse().map_err(|_| {
                ParamError(format!(
                    "parameter \"{name}\" must be a whole number, not \"{v}\""
                ))
            }),
        }
    }

    /// One of `choices` (lower case), or `default` when absent.
    pub fn choice<'c>(
        &self,
        name: &str,
        choices: &[&'c str],
        default: &'c str,
    ) -> Result<&'c str, ParamError> {
        match self.get(name) {
            None => Ok(default),
            Some(v) => choices
                .iter()
                .find(|c| c.eq_ignore_ascii_case(v.trim()))
                .copied()
                .ok_or_else(|| {
                    ParamError(format!(
                        "invalid value \"{v}\" for \"{name}\": choose {}",
                        choices.join(", ")
                    ))
                }),
        }
    }
}

impl Params {
    /// The parameters as the CLI's flags (`q` is the query, each `location` one place);
    /// the library checks them exactly as it checks the CLI's.
    pub fn query_params(&self) -> Result<QueryParams, ParamError> {
        let defaults = QueryParams::default();
        Ok(QueryParams {
            query: self
                .get("q")
                .ok_or_else(|| {
                    ParamError(
                        "parameter \"q\" is missing: give a query, or * for every article".into(),
                    )
                })?
                .to_string(),
            from: self.get("from").map(str::to_string),
            to: self.get("to").map(str::to_string),
            locations: self.all("location"),
            mentions: self.flag("mentions")?,
            location_bases: self.all("location_basis"),
            date_sources: self.all("date_source"),
            sources: self.all("source"),
            langs: self.all("lang"),
            sort: self.variant("sort", &["relevance", "newest", "oldest"], defaults.sort)?,
            limit: self.number("limit", defaults.limit)?,
            offset: self.number("offset", defaults.offset)?,
            all_copies: self.flag("all_copies")?,
            facets: self.flag("facets")?,
            fields: self
                .get("fields")
                .map(|list| list.split(',').map(str::to_string).collect())
                .unwrap_or_default(),
            by: self.variant("by", &["day", "week", "month", "year"], defaults.by)?,
            field: self.variant("field", FacetField::NAMES, defaults.field)?,
            depth: self.number("depth", defaults.depth)?,
            top: self.number("top", defaults.top)?,
            ..defaults
        })
    }

    /// One of `choices`, read into the library's enum by its lower-case name.
    fn variant<T: DeserializeOwned>(
        &self,
        name: &str,
        choices: &[&str],
        default: T,
    ) -> Result<T, ParamError> {
        if self.get(name).is_none() {
            return Ok(default);
        }
        let chosen = self.choice(name, choices, "")?;
        serde_json::from_value(serde_json::Value::String(chosen.to_string()))
            .map_err(|e| ParamError(format!("invalid value for \"{name}\": {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALLOWED: &[&str] = &["q", "location", "limit", "mentions", "sort"];

    #[test]
    fn repeated_locations_are_kept_in_order_and_empty_values_ignored() {
        let p = Params::parse(
            Some("q=%22oil+prices%22&location=Syria&location=&location=%2FIraq"),
            ALLOWED,
        )
        .unwrap();
        assert_eq!(p.get("q"), Some("\"oil prices\""));
        assert_eq!(p.all("location"), vec!["Syria", "/Iraq"]);
        assert_eq!(p.get("sort"), None);
    }

    #[test]
    fn bad_parameters_say_what_to_fix() {
        for (raw, message) in [
            (
                "q=oil&titel=x",
                "unknown parameter \"titel\": this route takes q, location, limit, mentions, sort",
            ),
            (
                "q=oil&q=gas",
                "parameter \"q\" is given more than once; give it once",
            ),
        ] {
            assert_eq!(Params::parse(Some(raw), ALLOWED).unwrap_err().0, message);
        }
        let p = Params::parse(Some("limit=ten&mentions=maybe&sort=best"), ALLOWED).unwrap();
        assert_eq!(
            p.number("limit", 10).unwrap_err().0,
            "parameter \"limit\" must be a whole number, not \"ten\""
        );
        assert_eq!(
            p.flag("mentions").unwrap_err().0,
            "parameter \"mentions\" must be true or false, not \"maybe\""
        );
        assert_eq!(
            p.choice("sort", &["relevance", "newest", "oldest"], "relevance")
                .unwrap_err()
                .0,
            "invalid value \"best\" for \"sort\": choose relevance, newest, oldest"
        );
    }

    #[test]
    fn an_oversized_query_string_is_refused() {
        let raw = format!("q={}", "a".repeat(MAX_QUERY_BYTES));
        let err = Params::parse(Some(&raw), ALLOWED).unwrap_err();
        assert!(err.0.contains("at most 16384"), "{}", err.0);
    }
}
