//! Places: the dateline place, the places a story is about, and every place mentioned,
//! as hierarchical facet paths (`/Syria/Aleppo`). (being written)

/// The places found in one article, as facet paths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Places {
    /// The dateline place, e.g. `/Switzerland/Geneva`.
    pub dateline: Option<String>,
    /// Places the story is about: dateline, headline, lead, and places mentioned repeatedly.
    pub about: Vec<String>,
    /// Every place mentioned anywhere.
    pub mentions: Vec<String>,
}

/// Find the places of an article from its title, body and metadata place names.
pub fn extract_places(_title: Option<&str>, _body: &str, _metadata: &[String]) -> Places {
    Places::default()
}

/// Resolve a user-typed place ("Syria", "U.S.", "Aleppo") to its facet path.
pub fn resolve_place(_name: &str) -> Option<String> {
    None
}
