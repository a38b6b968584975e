//! Markup as text: the paragraphs of an HTML page or fragment without scripts, page
//! furniture and widgets, and the depth guard every HTML reader goes through. The HTML page
//! format reads its article text here; feeds, JSON and Markdown turn HTML fields into text
//! with [`html_to_text`].

use super::FormatError;
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

/// Elements whose content is never article text.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "figcaption",
    "template",
    "select",
    "input",
    "textarea",
    "object",
    "embed",
    "canvas",
    "video",
    "audio",
    "menu",
    "dialog",
    "head",
    "title",
    "link",
    "meta",
];

/// Elements that start and end a paragraph of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "main",
    "figure",
    "address",
    "hr",
    "details",
    "summary",
    "center",
    "body",
    "html",
];

/// Words in a class or id that mark a page widget or page furniture rather than article text.
const WIDGET_WORDS: &[&str] = &[
    "footer",
    "header",
    "masthead",
    "topbar",
    "navbar",
    "nav",
    "menu",
    "toolbar",
    "pagination",
    "byline",
    "meta",
    "kicker",
    "tags",
    "comment",
    "comments",
    "commenting",
    "related",
    "promo",
    "promos",
    "ad",
    "ads",
    "sidebar",
    "signup",
    "consent",
    "paywall",
    "recirc",
    "recommended",
];

/// Starts of class or id words that mark a page widget (`share-buttons`, `socialLinks`).
const WIDGET_PREFIXES: &[&str] = &[
    "share",
    "social",
    "newsletter",
    "cookie",
    "subscri",
    "advert",
    "breadcrumb",
    "outbrain",
    "taboola",
    "disqus",
];

/// `role` values of page furniture (the ARIA twins of nav, aside, header, footer).
const DROPPED_ROLES: &[&str] = &["navigation", "complementary", "banner", "contentinfo"];
/// Deepest element nesting read from an HTML page or fragment; a deeper one is refused.
/// The HTML tree builder's work grows with the square of the depth and the text walk
/// recurses once per level, so an unbounded depth hangs or aborts the run.
pub const MAX_HTML_DEPTH: usize = 512;

/// Elements that never hold others open: void elements, and those a start tag of their
/// own kind (or an end tag of their parent) closes without an end tag of their own.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "frame", "basefont", "bgsound", "p", "li", "dt", "dd", "tr", "td",
    "th", "option", "optgroup", "colgroup", "thead", "tbody", "tfoot", "rb", "rt", "rtc", "rp",
    "a", "button", "form", "nobr",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// The text of an HTML fragment (a JSON `body` value, say): paragraphs separated by blank
/// lines, whitespace collapsed, entities decoded, scripts and page widgets dropped.
/// Markup nested deeper than [`MAX_HTML_DEPTH`] is refused.
pub fn html_to_text(html: &str) -> Result<String, FormatError> {
    check_depth(html)?;
    let doc = Html::parse_fragment(html);
    Ok(text_blocks(doc.root_element())?.join("\n\n"))
}

/// Refuse markup whose elements nest deeper than [`MAX_HTML_DEPTH`], before the tree
/// builder sees it. Open elements are tracked as the tree builder would, roughly: an end
/// tag closes up to the matching open element and is ignored when none is open, so stray
/// end tags cannot hide the depth; elements that close themselves are not counted.
pub(super) fn check_depth(html: &str) -> Result<(), FormatError> {
    let bytes = html.as_bytes();
    let mut open: Vec<String> = Vec::new();
    // Inside `<svg>` or `<math>`, `<x/>` is a closed element; in HTML the slash is ignored.
    let mut foreign = 0usize;
    let mut i = 0;
    while let Some(lt) = bytes[i..].iter().position(|&b| b == b'<') {
        i += lt + 1;
        if bytes[i..].starts_with(b"!--") {
            i = find(bytes, i + 3, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        let closing = bytes.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        let len = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
            .count();
        if len == 0 || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        let Some(gt) = bytes[start + len..].iter().position(|&b| b == b'>') else {
            break;
        };
        let tag_end = start + len + gt;
        i = tag_end + 1;
        if closing {
            if let Some(at) = open.iter().rposition(|n| *n == name) {
                if matches!(name.as_str(), "svg" | "math") {
                    foreign = foreign.saturating_sub(1);
                }
                open.truncate(at);
            }
            continue;
        }
        let self_closed = bytes[tag_end - 1] == b'/';
        if RAW_TEXT.contains(&name.as_str()) {
            i = find_end_tag(bytes, i, name.as_bytes());
            continue;
        }
        if NOT_NESTING.contains(&name.as_str()) || (self_closed && foreign > 0) {
            continue;
        }
        if matches!(name.as_str(), "svg" | "math") {
            if self_closed {
                continue;
            }
            foreign += 1;
        }
        open.push(name);
        if open.len() > MAX_HTML_DEPTH {
            return Err(FormatError::TooDeep(MAX_HTML_DEPTH));
        }
    }
    Ok(())
}

/// Where `needle` starts at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
}

/// The position after the raw text of element `name` that started before `from`: at its
/// end tag (matched without case), or the end of the markup.
fn find_end_tag(bytes: &[u8], mut from: usize, name: &[u8]) -> usize {
    while let Some(at) = find(bytes, from, b"</") {
        let rest = &bytes[at + 2..];
        if rest.len() >= name.len() && rest[..name.len()].eq_ignore_ascii_case(name) {
            return at;
        }
        from = at + 2;
    }
    bytes.len()
}
/// Paragraphs of text under `root`, page furniture dropped.
pub(super) fn text_blocks(root: ElementRef<'_>) -> Result<Vec<String>, FormatError> {
    let mut out = Blocks::default();
    out.walk(root, 0);
    if out.too_deep {
        // The tree builder nested deeper than `check_depth` counted.
        return Err(FormatError::TooDeep(MAX_HTML_DEPTH));
    }
    out.flush();
    Ok(out.blocks)
}

#[derive(Default)]
struct Blocks {
    blocks: Vec<String>,
    current: String,
    too_deep: bool,
}

impl Blocks {
    fn walk(&mut self, el: ElementRef<'_>, depth: usize) {
        if depth > MAX_HTML_DEPTH + 8 {
            self.too_deep = true;
            return;
        }
        for child in el.children() {
            match child.value() {
                Node::Text(text) => self.current.push_str(text),
                Node::Element(e) => {
                    let Some(child_el) = ElementRef::wrap(child) else {
                        continue;
                    };
                    let name = e.name();
                    if DROPPED.contains(&name) || is_widget(e) || is_hidden(e) {
                        continue;
                    }
                    if name == "br" {
                        self.flush();
                        continue;
                    }
                    let block = BLOCKS.contains(&name);
                    if block {
                        self.flush();
                    }
                    self.walk(child_el, depth + 1);
                    if block {
                        self.flush();
                    }
                }
                _ => {}
            }
        }
    }

    fn flush(&mut self) {
        let text = collapse(&self.current);
        if !text.is_empty() {
            self.blocks.push(text);
        }
        self.current.clear();
    }
}

/// Does the element's class, id or role mark a share/comment/related/newsletter/cookie widget?
pub(super) fn is_widget(e: &Element) -> bool {
    if e.attr("role")
        .is_some_and(|r| DROPPED_ROLES.iter().any(|d| r.eq_ignore_ascii_case(d)))
    {
        return true;
    }
    let words = e
        .attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|v| v.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .map(str::to_ascii_lowercase);
    for word in words {
        if WIDGET_WORDS.contains(&word.as_str())
            || WIDGET_PREFIXES.iter().any(|p| word.starts_with(p))
        {
            return true;
        }
    }
    false
}

fn is_hidden(e: &Element) -> bool {
    e.attr("hidden").is_some()
        || e.attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || e.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
}
pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_to_text_strips_markup() {
        assert_eq!(
            html_to_text(
                "<p>Caf&eacute; <a href=\"x\">opens</a></p><p>Two</p><script>x()</script>"
            )
            .unwrap(),
            "Café opens\n\nTwo"
        );
        assert_eq!(html_to_text("plain words").unwrap(), "plain words");
    }

    #[test]
    fn fragment_nested_too_deep_is_refused() {
        assert_eq!(
            html_to_text(&"<span>".repeat(10_000)),
            Err(FormatError::TooDeep(MAX_HTML_DEPTH))
        );
        let depth = |n: usize| format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
        assert_eq!(html_to_text(&depth(MAX_HTML_DEPTH)), Ok("x".to_string()));
        assert_eq!(
            html_to_text(&depth(MAX_HTML_DEPTH + 1)),
            Err(FormatError::TooDeep(MAX_HTML_DEPTH))
        );
    }

    #[test]
    fn widgets_and_hidden_blocks_are_not_text() {
        assert_eq!(
            html_to_text(
                "<p>Kept.</p><div class=\"share-bar\">Share</div><p hidden>Gone</p>\
                 <div role=\"navigation\">Menu</div><div style=\"display: none\">No</div>"
            ),
            Ok("Kept.".to_string())
        );
    }
}
