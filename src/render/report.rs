//! Text and CSV for the research commands: facet counts, index stats, a whole article.

use super::csv::CsvWriter;
use super::terminal::escaped;
use crate::article::Article;
use crate::search::tally::{FacetCount, FacetField, FacetResult, IndexStats, SearchFacets};
use anstyle::{AnsiColor, Style};
use std::io::{self, Write};
use std::ops::Range;

const TITLE: Style = Style::new().bold();
const META: Style = Style::new().dimmed();
const MATCH: Style = AnsiColor::Yellow.on_default().bold();

fn styled(color: bool, s: Style) -> Style {
    if color { s } else { Style::new() }
}

/// Facet values as an indented table: value, count (children under their parent).
pub fn render_facets_text(out: &mut dyn Write, r: &FacetResult) -> io::Result<()> {
    writeln!(
        out,
        "{} article{} match {}; top values of {}{}:",
        r.total,
        if r.total == 1 { "" } else { "s" },
        escaped(&r.query),
        serde_json::to_value(r.field)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        if r.root == "/" {
            String::new()
        } else {
            format!(" under {}", escaped(&r.root))
        }
    )?;
    if r.without_value > 0 {
        let what = match r.field {
            FacetField::Location | FacetField::Mentions | FacetField::Dateline => "place",
            FacetField::Source => "source",
            FacetField::Lang => "language",
            FacetField::Year => "date",
        };
        writeln!(
            out,
            "  ({} of them {} no {what}, so no value below counts {})",
            r.without_value,
            if r.without_value == 1 { "has" } else { "have" },
            if r.without_value == 1 { "it" } else { "them" }
        )?;
    }
    if let Some(note) = super::undated_left_out_note(r.undated_left_out) {
        writeln!(out, "  ({})", note.trim_end_matches('.'))?;
    }
    if r.values.is_empty() {
        return writeln!(out, "  (none)");
    }
    let width = label_width(&r.values, 0);
    write_facet_rows(out, &r.values, 0, width)
}

fn label_width(values: &[FacetCount], depth: usize) -> usize {
    values
        .iter()
        .map(|v| (2 * depth + escaped(&v.value).width()).max(label_width(&v.children, depth + 1)))
        .max()
        .unwrap_or(0)
}

fn write_facet_rows(
    out: &mut dyn Write,
    values: &[FacetCount],
    depth: usize,
    width: usize,
) -> io::Result<()> {
    for v in values {
        let label = format!("{}{}", "  ".repeat(depth), escaped(&v.value));
        let pad = width.saturating_sub(label.chars().count());
        writeln!(out, "  {label}{}  {:>6}", " ".repeat(pad), v.count)?;
        write_facet_rows(out, &v.children, depth + 1, width)?;
    }
    Ok(())
}

/// One row per value: `value,parent,count` (a child row names its parent).
pub fn render_facets_csv(out: &mut dyn Write, r: &FacetResult) -> io::Result<()> {
    let mut writer = CsvWriter::new(out);
    writer.row(["value", "parent", "count"])?;
    fn rows<W: Write>(w: &mut CsvWriter<W>, values: &[FacetCount], parent: &str) -> io::Result<()> {
        for v in values {
            w.row([v.value.as_str(), parent, &v.count.to_string()])?;
            rows(w, &v.children, &v.value)?;
        }
        Ok(())
    }
    rows(&mut writer, &r.values, "")?;
    writer.flush()
}

/// The `search --facets` block under the hits.
pub fn render_search_facets(out: &mut dyn Write, f: &SearchFacets) -> io::Result<()> {
    let line = |values: &[FacetCount]| -> String {
        values
            .iter()
            .map(|v| format!("{} {}", escaped(&v.value), v.count))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    writeln!(out)?;
    writeln!(out, "Places: {}", line(&f.places))?;
    writeln!(out, "Years:  {}", line(&f.years))
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// `newsdex stats` for people.
pub fn render_stats_text(out: &mut dyn Write, s: &IndexStats) -> io::Result<()> {
    let list = |values: &[FacetCount]| -> String {
        if values.is_empty() {
            return "(none)".to_string();
        }
        values
            .iter()
            .map(|v| format!("{} {}", escaped(&v.value), v.count))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let day = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| "-".into())
    };
    writeln!(out, "index:          {}", escaped(&s.index))?;
    writeln!(out, "schema version: {}", s.schema_version)?;
    writeln!(out, "articles:       {}", s.articles)?;
    writeln!(out, "files:          {}", s.files)?;
    writeln!(out, "formats:        {}", list(&s.formats))?;
    writeln!(
        out,
        "dates:          {} to {}",
        day(s.first_date),
        day(s.last_date)
    )?;
    writeln!(out, "undated:        {}", s.undated)?;
    writeln!(out, "top places:     {}", list(&s.top_places))?;
    writeln!(out, "location basis: {}", list(&s.location_basis))?;
    writeln!(
        out,
        "top sources:    {}{}",
        list(&s.top_sources),
        if s.no_source > 0 {
            format!(" ({} without a source)", s.no_source)
        } else {
            String::new()
        }
    )?;
    writeln!(out, "languages:      {}", list(&s.languages))?;
    writeln!(
        out,
        "size on disk:   {} in {} segment{}",
        human_bytes(s.size_bytes),
        s.segments,
        if s.segments == 1 { "" } else { "s" }
    )
}

/// A whole article: headline, metadata, and the body wrapped to `width` columns with the
/// `matches` (byte ranges into the body) highlighted when `color` is on.
pub fn render_article_text(
    out: &mut dyn Write,
    a: &Article,
    matches: &[Range<usize>],
    width: usize,
    color: bool,
) -> io::Result<()> {
    let title = styled(color, TITLE);
    let meta = styled(color, META);
    writeln!(
        out,
        "{}{}{}",
        title.render(),
        escaped(a.title.as_deref().unwrap_or("(untitled)")),
        title.render_reset()
    )?;
    let mut fields: Vec<(&str, String)> = Vec::new();
    let date = match (a.date, a.date_source) {
        (Some(d), Some(src)) => {
            format!("{} (from {})", d.format("%Y-%m-%d %H:%M UTC"), src.as_str())
        }
        (Some(d), None) => d.format("%Y-%m-%d %H:%M UTC").to_string(),
        _ => "undated".to_string(),
    };
    fields.push(("date", date));
    if let Some(s) = &a.source {
        fields.push(("source", s.clone()));
    }
    if let Some(d) = &a.dateline {
        fields.push(("dateline", d.clone()));
    }
    if !a.locations.is_empty() {
        // Each place with why it is one the story is about: how sure newsdex is.
        let about: Vec<String> = a
            .locations
            .iter()
            .zip(&a.location_basis)
            .map(|(place, basis)| format!("{place} ({})", basis.as_str()))
            .collect();
        fields.push(("about", about.join(", ")));
    }
    if !a.mentions.is_empty() {
        fields.push(("mentions", a.mentions.join(", ")));
    }
    if let Some(u) = &a.url {
        fields.push(("url", u.clone()));
    }
    let path = match &a.member {
        Some(m) => format!("{} ({m})", a.path),
        None => a.path.clone(),
    };
    fields.push(("path", path));
    fields.push(("id", a.id.clone()));
    if a.truncated {
        fields.push((
            "truncated",
            // The label fills its column: the space keeps it apart from the value.
            format!(
                " the text was cut at {} MB when indexed",
                crate::article::MAX_ARTICLE_BYTES >> 20
            ),
        ));
    }
    for (name, value) in fields {
        writeln!(
            out,
            "{}{:<10}{}{}",
            meta.render(),
            format!("{name}:"),
            meta.render_reset(),
            escaped(&value)
        )?;
    }
    writeln!(out)?;
    write_wrapped(out, &a.body, matches, width.max(20), styled(color, MATCH))
}

/// Paragraphs (separated by blank lines) wrapped at word boundaries to `width` characters.
fn write_wrapped(
    out: &mut dyn Write,
    body: &str,
    matches: &[Range<usize>],
    width: usize,
    mark: Style,
) -> io::Result<()> {
    let mut first_paragraph = true;
    let mut line_len = 0usize;
    let mut blank_run = 0usize;
    let mut words = word_spans(body).peekable();
    let mut last_end = 0usize;
    // The matches not yet passed: each word looks only at the few that reach it, so a
    // body with a match in every word renders in one pass.
    let mut pending = matches;
    while let Some(w) = words.next() {
        // A blank line between two words starts a new paragraph.
        let between = &body[last_end..w.start];
        blank_run = blank_run.max(between.matches('\n').count());
        last_end = w.end;
        if blank_run >= 2 && !first_paragraph {
            writeln!(out)?;
            writeln!(out)?;
            line_len = 0;
        }
        blank_run = 0;
        first_paragraph = false;
        let len = escaped(&body[w.clone()]).width();
        if line_len > 0 && line_len + 1 + len > width {
            writeln!(out)?;
            line_len = 0;
        } else if line_len > 0 {
            write!(out, " ")?;
            line_len += 1;
        }
        while pending.first().is_some_and(|m| m.end <= w.start) {
            pending = &pending[1..];
        }
        write_marked(out, body, w.clone(), pending, mark)?;
        line_len += len;
        if words.peek().is_none() {
            writeln!(out)?;
        }
    }
    Ok(())
}

fn word_spans(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start: Option<usize> = None;
    let mut chars = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')));
    std::iter::from_fn(move || {
        for (i, c) in chars.by_ref() {
            match (c.is_whitespace(), start) {
                (true, Some(s)) => {
                    start = None;
                    return Some(s..i);
                }
                (false, None) => start = Some(i),
                _ => {}
            }
        }
        None
    })
}

/// Write `body[word]`, with the parts inside `matches` (sorted, none ending before the
/// word) in the `mark` style.
fn write_marked(
    out: &mut dyn Write,
    body: &str,
    word: Range<usize>,
    matches: &[Range<usize>],
    mark: Style,
) -> io::Result<()> {
    let mut at = word.start;
    for m in matches.iter().take_while(|m| m.start < word.end) {
        let (s, e) = (m.start.max(word.start), m.end.min(word.end));
        if s < at || !body.is_char_boundary(s) || !body.is_char_boundary(e) {
            continue;
        }
        write!(
            out,
            "{}{}{}{}",
            escaped(&body[at..s]),
            mark.render(),
            escaped(&body[s..e]),
            mark.render_reset()
        )?;
        at = e;
    }
    write!(out, "{}", escaped(&body[at..word.end]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrapped(body: &str, width: usize) -> String {
        let mut out = Vec::new();
        write_wrapped(&mut out, body, &[], width, Style::new()).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn body_wraps_at_words_and_keeps_paragraphs() {
        assert_eq!(
            wrapped("one two three four\nfive\n\nsix seven", 9),
            "one two\nthree\nfour five\n\nsix seven\n"
        );
    }

    #[test]
    fn long_word_gets_its_own_line() {
        assert_eq!(wrapped("a verylongword b", 5), "a\nverylongword\nb\n");
    }

    #[test]
    fn body_with_a_match_in_every_word_renders_in_one_pass() {
        // Each word checked against every match would be 10^10 steps.
        let body = "the ".repeat(100_000);
        let matches: Vec<Range<usize>> = (0..100_000).map(|i| 4 * i..4 * i + 3).collect();
        let mut out = Vec::new();
        write_wrapped(&mut out, &body, &matches, 80, Style::new().bold()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.matches("\u{1b}[1mthe").count(), 100_000);
        assert!(
            text.starts_with("\u{1b}[1mthe\u{1b}[0m \u{1b}[1mthe"),
            "{}",
            &text[..40]
        );
    }

    #[test]
    fn a_phrase_match_across_words_is_marked_in_each() {
        let body = "a cessation of hostilities b";
        let mut out = Vec::new();
        write_wrapped(
            &mut out,
            body,
            &[Range { start: 2, end: 26 }],
            80,
            Style::new().bold(),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a \u{1b}[1mcessation\u{1b}[0m \u{1b}[1mof\u{1b}[0m \u{1b}[1mhostilities\u{1b}[0m b\n"
        );
    }

    #[test]
    fn a_truncated_article_says_so_under_its_metadata() {
        let article = crate::article::Article {
            id: "3f1c00aa12345678".into(),
            path: "/news/long.txt".into(),
            member: None,
            title: Some("Report".into()),
            date: None,
            date_source: None,
            url: None,
            source: None,
            lang: "en".into(),
            format: "txt".into(),
            dateline: None,
            locations: Vec::new(),
            location_basis: Vec::new(),
            mentions: Vec::new(),
            body: "Text.".into(),
            truncated: true,
            fingerprint: Default::default(),
        };
        let mut out = Vec::new();
        render_article_text(&mut out, &article, &[], 80, false).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\nid:       3f1c00aa12345678\ntruncated: the text was cut at 8 MB when indexed\n\nText.\n"),
            "{text}"
        );
    }

    #[test]
    fn sizes_are_human() {
        assert_eq!(human_bytes(512), "512 B");
        assert_eq!(human_bytes(2048), "2.0 KB");
    }
}
