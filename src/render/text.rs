//! Text rendering for people: ranked hits with date, places, path and a highlighted snippet.

use super::terminal::escaped;
use crate::extract::place::Basis;
use crate::search::location::filter_text;
use crate::search::{Hit, SearchResult};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};

const TITLE: Style = Style::new().bold();
const META: Style = Style::new().dimmed();
const MATCH: Style = AnsiColor::Yellow.on_default().bold();

/// Places shown per hit in text output (JSON has them all).
const PLACES_SHOWN: usize = 4;

/// Words of the lead shown in place of a missing headline.
const UNTITLED_WORDS: usize = 12;

/// Write the result for a terminal or a pager; `color` adds ANSI styles.
pub fn render_result(out: &mut dyn Write, result: &SearchResult, color: bool) -> io::Result<()> {
    let style = |s: Style| if color { s } else { Style::new() };
    if result.hits.is_empty() {
        if result.total == 0 {
            writeln!(out, "No articles match {}.", escaped(&result.query))?;
        } else {
            match result.hits_total {
                Some(hits) if hits < result.total => writeln!(
                    out,
                    "{} articles match as {hits} results (near-copies of a story are one result): \
                     the page starts after the last; --all-copies lists every article.",
                    result.total
                )?,
                _ => writeln!(
                    out,
                    "{} article{} match: the page starts after the last.",
                    result.total,
                    if result.total == 1 { "" } else { "s" }
                )?,
            }
        }
        return undated_note(out, result);
    }
    for hit in &result.hits {
        render_hit(out, hit, &style)?;
        writeln!(out)?;
    }
    let (first, last) = (
        result.hits.first().map_or(0, |h| h.rank),
        result.hits.last().map_or(0, |h| h.rank),
    );
    let of_hits = match result.hits_total {
        Some(hits) if hits < result.total => {
            format!(" of {hits} results (near-copies of a story are one result)")
        }
        _ => String::new(),
    };
    writeln!(
        out,
        "{}{} article{} match; showing {first}–{last}{of_hits}.{}",
        style(META).render(),
        result.total,
        if result.total == 1 { "" } else { "s" },
        style(META).render_reset()
    )?;
    undated_note(out, result)
}

/// What a date filter left out for having no date, when it left anything out; and the place
/// filter, as `--location` names were resolved.
fn undated_note(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    let choices: Vec<_> = result
        .location
        .iter()
        .chain(&result.locations)
        .cloned()
        .collect();
    if let Some(places) = filter_text(&choices) {
        writeln!(out, "Place filter: {}.", escaped(&places))?;
    }
    match super::undated_left_out_note(result.undated_left_out) {
        Some(note) => writeln!(out, "{note}"),
        None => Ok(()),
    }
}

fn render_hit(out: &mut dyn Write, hit: &Hit, style: &dyn Fn(Style) -> Style) -> io::Result<()> {
    let a = &hit.article;
    let title = a.title.clone().unwrap_or_else(|| untitled(&a.body));
    writeln!(
        out,
        "{:>3}. {}{}{}",
        hit.rank,
        style(TITLE).render(),
        escaped(&title),
        style(TITLE).render_reset()
    )?;
    let date = match (a.date, a.date_source) {
        // A guessed date says what it was guessed from, as `show` does.
        (Some(d), Some(source)) if source.is_weak() => {
            format!("{} ({})", d.format("%Y-%m-%d"), source.as_str())
        }
        (Some(d), _) => d.format("%Y-%m-%d").to_string(),
        (None, _) => "undated".to_string(),
    };
    let mut meta = vec![date];
    if !a.locations.is_empty() {
        meta.push(compact_places(&a.locations, &a.location_basis));
    }
    if let Some(source) = &a.source {
        meta.push(source.clone());
    }
    if hit.similar_count > 0 {
        meta.push(format!("+{} similar", hit.similar_count));
    }
    writeln!(
        out,
        "     {}{}{}",
        style(META).render(),
        escaped(&meta.join(" · ")),
        style(META).render_reset()
    )?;
    let location = match &a.member {
        Some(member) => format!("{} ({member})", a.path),
        None => a.path.clone(),
    };
    // The id is what `newsdex show` takes (so is the path with its member).
    writeln!(
        out,
        "     {}{} · id {}{}",
        style(META).render(),
        escaped(&location),
        escaped(&a.id),
        style(META).render_reset()
    )?;
    write!(out, "     ")?;
    let mut at = 0;
    for [start, end] in &hit.highlights {
        let (start, end) = (*start, *end);
        if start < at || end > hit.snippet.len() {
            continue;
        }
        write!(
            out,
            "{}{}{}{}",
            escaped(&hit.snippet[at..start]),
            style(MATCH).render(),
            escaped(&hit.snippet[start..end]),
            style(MATCH).render_reset()
        )?;
        at = end;
    }
    writeln!(out, "{}", escaped(&hit.snippet[at..]))?;
    if !hit.similar.is_empty() {
        // Name what was grouped, so a reader can open each copy (`newsdex show ID`).
        let mut copies: Vec<String> = hit
            .similar
            .iter()
            .map(|c| match c.date {
                Some(d) => format!("{} ({})", c.id, d.format("%Y-%m-%d")),
                None => c.id.clone(),
            })
            .collect();
        if hit.similar_count > hit.similar.len() {
            copies.push(format!("+{} more", hit.similar_count - hit.similar.len()));
        }
        writeln!(
            out,
            "     {}similar: {}{}",
            style(META).render(),
            escaped(&copies.join(", ")),
            style(META).render_reset()
        )?;
    }
    Ok(())
}

/// Places worth a line: the most specific paths only (a country is implied by its city),
/// at most [`PLACES_SHOWN`], with a count of the rest. A place on a weak basis (a guess
/// from repeated mentions, or the fallback) names it, so a reader knows how sure it is.
fn compact_places(places: &[String], bases: &[Basis]) -> String {
    let specific: Vec<String> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !places.iter().any(|q| {
                q.len() > p.len() && q.starts_with(p.as_str()) && q[p.len()..].starts_with('/')
            })
        })
        .map(|(i, p)| match bases.get(i) {
            Some(basis) if basis.is_weak() => format!("{p} ({})", basis.as_str()),
            _ => p.clone(),
        })
        .collect();
    let mut line = specific[..specific.len().min(PLACES_SHOWN)].join(", ");
    if specific.len() > PLACES_SHOWN {
        line.push_str(&format!(" +{} more", specific.len() - PLACES_SHOWN));
    }
    line
}

/// A stand-in title from the first words of the story, marked as such.
fn untitled(body: &str) -> String {
    let words: Vec<&str> = body.split_whitespace().take(UNTITLED_WORDS + 1).collect();
    let more = words.len() > UNTITLED_WORDS;
    let shown = words[..words.len().min(UNTITLED_WORDS)].join(" ");
    format!("(untitled) {shown}{}", if more { "…" } else { "" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_line_keeps_the_most_specific_and_counts_the_rest() {
        let places: Vec<String> = [
            "/Syria/Aleppo",
            "/Syria",
            "/Russia",
            "/Russian Federation",
            "/Jordan",
            "/Iraq",
            "/Iran",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let bases = [
            Basis::Headline,
            Basis::Headline,
            Basis::Repeated,
            Basis::Lead,
            Basis::Fallback,
            Basis::Lead,
            Basis::Lead,
        ];
        assert_eq!(
            compact_places(&places, &bases),
            "/Syria/Aleppo, /Russia (repeated), /Russian Federation, /Jordan (fallback) +2 more"
        );
        // An index without bases (none stored) shows the places alone.
        assert_eq!(compact_places(&places[..2], &[]), "/Syria/Aleppo");
    }

    #[test]
    fn untitled_uses_first_words_of_the_lead() {
        assert_eq!(
            untitled(
                "GENEVA (Reuters) - Diplomats from the United States and Russia met on Sunday to rescue the truce"
            ),
            "(untitled) GENEVA (Reuters) - Diplomats from the United States and Russia met on…"
        );
        assert_eq!(untitled("Short lead."), "(untitled) Short lead.");
    }
}
