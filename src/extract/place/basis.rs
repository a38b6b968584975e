//! Why a place is one a story is about, strongest evidence first: how sure newsdex is.

use super::tokens::Zone;

/// The evidence that put a place in `about`, strongest first: how sure newsdex is that
/// the story is about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Basis {
    /// Given by the article's metadata (or a sidecar).
    Metadata,
    /// The dateline place.
    Dateline,
    /// Named in the headline.
    Headline,
    /// Named in the lead.
    Lead,
    /// Named again and again in the body.
    Repeated,
    /// Nothing features a place: the country the story's evidence points to most.
    Fallback,
}

impl Basis {
    /// The name of the basis in reports: `headline`, `fallback` …
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Metadata => "metadata",
            Basis::Dateline => "dateline",
            Basis::Headline => "headline",
            Basis::Lead => "lead",
            Basis::Repeated => "repeated",
            Basis::Fallback => "fallback",
        }
    }

    /// A basis that is a guess more often than the others (see README "How sure?
    /// (places)"): the text list marks such places.
    pub fn is_weak(self) -> bool {
        matches!(self, Basis::Repeated | Basis::Fallback)
    }

    pub(super) fn of_zone(zone: Zone) -> Basis {
        match zone {
            Zone::Title => Basis::Headline,
            Zone::Dateline => Basis::Dateline,
            Zone::Lead => Basis::Lead,
            Zone::Body => Basis::Repeated,
        }
    }
    /// Every basis, strongest first: the names an article's `location_basis` stores and
    /// `--location-basis` takes.
    pub const ALL: [Basis; 6] = [
        Basis::Metadata,
        Basis::Dateline,
        Basis::Headline,
        Basis::Lead,
        Basis::Repeated,
        Basis::Fallback,
    ];

    /// The basis named `name` (any case).
    pub fn parse(name: &str) -> Option<Basis> {
        Basis::ALL
            .into_iter()
            .find(|b| b.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// The valid names, comma-separated, for messages.
    pub fn names() -> String {
        Basis::ALL.map(Basis::as_str).join(", ")
    }
}

impl serde::Serialize for Basis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}
