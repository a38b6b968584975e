//! Markdown articles: optional YAML (`---`) or TOML (`+++`) front matter read with the same
//! key names as JSON, and a body rendered to plain text.

use super::json::{Fields, fields_from_object, metadata_dates};
use super::markup::html_to_text;
use super::{FormatError, Parsed};
use crate::article::{HintValue, RawArticle};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

/// Which front matter syntax a file uses.
#[derive(Debug, Clone, Copy, PartialEq)]
enum FrontMatterKind {
    Yaml,
    Toml,
}

/// Parse a Markdown file into one article.
///
/// The title is the front matter's, else a level-1 heading that opens the document (which
/// then leaves the body). A heading repeating the front matter title is dropped too.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let Split { front, markdown } = split_front_matter(text)?;
    let fields = match front {
        Some((kind, source)) => fields_from_object(&front_matter_map(kind, source)?)?,
        None => Fields::default(),
    };

    let mut blocks = markdown_blocks(markdown)?;
    let mut title = fields.title;
    let leading_h1 = blocks.first().filter(|b| b.is_h1).map(|b| b.text.clone());
    if let Some(heading) = leading_h1 {
        match &title {
            None => {
                title = Some(heading);
                blocks.remove(0);
            }
            Some(t) if repeats_title(t, &heading) => {
                blocks.remove(0);
            }
            Some(_) => {}
        }
    }
    let rest = Rest {
        date: fields.date,
        url: fields.url,
        source: fields.source,
        places: fields.places,
        lang: fields.lang,
    };
    finish(title, blocks, fields.body, rest)
}

/// Does an opening heading restate the title (perhaps without a kicker like "Analysis:")?
fn repeats_title(title: &str, heading: &str) -> bool {
    let title = title.trim().to_lowercase();
    let heading = heading.trim().to_lowercase();
    !heading.is_empty() && (title.ends_with(&heading) || heading.ends_with(&title))
}

/// The metadata the article keeps from its front matter, besides title and body.
struct Rest {
    date: Option<HintValue>,
    url: Option<String>,
    source: Option<String>,
    places: Vec<String>,
    lang: Option<String>,
}

fn finish(
    title: Option<String>,
    blocks: Vec<Block>,
    front_body: Option<String>,
    rest: Rest,
) -> Result<Parsed, FormatError> {
    let mut body = blocks
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n");
    if body.is_empty() {
        body = front_body.ok_or(FormatError::Empty)?;
    }
    Ok(Parsed {
        articles: vec![RawArticle {
            member: None,
            title,
            body,
            url: rest.url,
            source: rest.source,
            dates: metadata_dates(rest.date),
            places: rest.places,
            lang: rest.lang,
            format: "md",
        }],
        problems: Vec::new(),
    })
}

/// A Markdown file cut in two.
struct Split<'a> {
    /// The front matter's syntax and text, without its delimiter lines.
    front: Option<(FrontMatterKind, &'a str)>,
    markdown: &'a str,
}

/// Split off the front matter from the Markdown after it.
fn split_front_matter(text: &str) -> Result<Split<'_>, FormatError> {
    let no_front = Split {
        front: None,
        markdown: text,
    };
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok(no_front);
    };
    let (kind, closers): (FrontMatterKind, &[&str]) = match first.trim_end() {
        "---" => (FrontMatterKind::Yaml, &["---", "..."]),
        "+++" => (FrontMatterKind::Toml, &["+++"]),
        _ => return Ok(no_front),
    };
    let start = first.len();
    let mut offset = start;
    for line in lines {
        if closers.contains(&line.trim_end()) {
            return Ok(Split {
                front: Some((kind, &text[start..offset])),
                markdown: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err(FormatError::FrontMatter(format!(
        "no closing {} line",
        closers[0]
    )))
}

/// Front matter as a JSON object, so the JSON key mapping can read it.
fn front_matter_map(
    kind: FrontMatterKind,
    source: &str,
) -> Result<Map<String, Value>, FormatError> {
    let value = match kind {
        FrontMatterKind::Yaml if yaml_flow_depth_over(source, MAX_YAML_DEPTH) => {
            return Err(FormatError::FrontMatter(format!(
                "YAML nested more than {MAX_YAML_DEPTH} levels deep"
            )));
        }
        FrontMatterKind::Yaml => serde_yaml_ng::from_str::<serde_yaml_ng::Value>(source)
            .map(yaml_to_json)
            .map_err(|e| FormatError::FrontMatter(format!("YAML: {e}")))?,
        FrontMatterKind::Toml => source
            .parse::<toml::Table>()
            .map(|t| toml_to_json(toml::Value::Table(t)))
            .map_err(|e| FormatError::FrontMatter(format!("TOML: {}", e.message())))?,
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(FormatError::FrontMatter(
            "expected `key: value` lines".to_owned(),
        )),
    }
}

/// Deepest `[`/`{` nesting in YAML front matter handed to the YAML parser: the parser's
/// scanner revisits every open flow level on each token, so its work grows with size times
/// depth, and serde_yaml_ng refuses deeper documents anyway (after that work is done).
const MAX_YAML_DEPTH: usize = 128;

/// Do flow collections (`[…]`, `{…}`) in YAML `source` nest deeper than `limit`?
///
/// A small scanner that follows YAML's rules where they decide what a bracket is: quoted
/// scalars (`"…"` with `\` escapes, `'…'` with `''`) and comments are skipped; in block
/// context a bracket opens a collection only where a value starts (line start, after
/// `: `, `- ` or `? `); inside a collection every bracket outside a quoted scalar counts,
/// and a quote starts a scalar only where a flow token starts. Where it cannot tell, it
/// counts the bracket: an over-count only refuses a document no article would have.
fn yaml_flow_depth_over(source: &str, limit: usize) -> bool {
    let b = source.as_bytes();
    let mut depth = 0usize;
    // Where a new token may start: a flow collection or a quoted scalar.
    let mut token_start = true;
    let mut after_space = true;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        i += 1;
        match c {
            b'\n' => {
                token_start = true;
                after_space = true;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                after_space = true;
                continue;
            }
            b'#' if after_space => {
                i = b[i..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .map_or(b.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' if token_start => match quoted_end(b, i, c, depth == 0) {
                Some(end) => {
                    i = end;
                    token_start = false;
                }
                // Unclosed inside a collection: the YAML parser reports it.
                None if depth > 0 => return false,
                None => token_start = false,
            },
            b'[' | b'{' if token_start || depth > 0 => {
                depth += 1;
                if depth > limit {
                    return true;
                }
                token_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                token_start = false;
            }
            b',' if depth > 0 => token_start = true,
            b':' | b'-' | b'?' => {
                // `key: [`, `- [`, `? [`: a value starts after the indicator and a space.
                let next_is_space = b.get(i).is_none_or(|n| n.is_ascii_whitespace());
                token_start = next_is_space || (depth > 0 && c == b':');
            }
            _ => token_start = false,
        }
        after_space = false;
    }
    false
}

/// The position after the quoted scalar whose opening `quote` is just before `from`, or
/// `None` when it does not close (on the same line, in block context, where a quote
/// spanning lines is too rare to be worth telling apart from an apostrophe).
fn quoted_end(b: &[u8], from: usize, quote: u8, same_line: bool) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && b.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return Some(i + 1),
            b'\n' if same_line => return None,
            _ => i += 1,
        }
    }
    None
}

fn yaml_to_json(value: serde_yaml_ng::Value) -> Value {
    use serde_yaml_ng::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64().map_or(Value::Null, Value::from)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Y::String(s) => s,
                        Y::Number(n) => n.to_string(),
                        Y::Bool(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// One paragraph-level piece of rendered text.
struct Block {
    text: String,
    is_h1: bool,
}

/// Markdown rendered to plain text blocks: no markup, link text kept, image alt text dropped.
fn markdown_blocks(markdown: &str) -> Result<Vec<Block>, FormatError> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    let mut out = BlockBuilder::default();
    let mut image_depth = 0usize;
    let mut html: Option<String> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                out.flush();
                out.is_h1 = level == HeadingLevel::H1;
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Start(Tag::HtmlBlock) => {
                out.flush();
                html = Some(String::new());
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some(html) = html.take() {
                    for paragraph in html_to_text(&html)?.split("\n\n") {
                        out.current.push_str(paragraph);
                        out.flush();
                    }
                }
            }
            Event::Html(h) => {
                if let Some(buffer) = html.as_mut() {
                    buffer.push_str(&h);
                }
            }
            Event::Start(
                Tag::Paragraph
                | Tag::Item
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::FootnoteDefinition(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow
                | TagEnd::FootnoteDefinition,
            )
            | Event::Rule => out.flush(),
            Event::End(TagEnd::TableCell) => out.current.push(' '),
            Event::Text(t) | Event::Code(t) if image_depth == 0 => out.current.push_str(&t),
            Event::SoftBreak => out.current.push(' '),
            Event::HardBreak => out.current.push('\n'),
            _ => {}
        }
    }
    out.flush();
    Ok(out.blocks)
}

#[derive(Default)]
struct BlockBuilder {
    blocks: Vec<Block>,
    current: String,
    is_h1: bool,
}

impl BlockBuilder {
    fn flush(&mut self) {
        let text = self.current.trim();
        if !text.is_empty() {
            self.blocks.push(Block {
                text: text.to_owned(),
                is_h1: self.is_h1,
            });
        }
        self.current.clear();
        self.is_h1 = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> RawArticle {
        let mut parsed = parse(text).expect("parses");
        assert_eq!(parsed.articles.len(), 1);
        parsed.articles.remove(0)
    }

    #[test]
    fn yaml_front_matter_gives_metadata() {
        let a = one(
            "---\ntitle: \"Talks resume\"\ndate: 2016-04-28\nsource: Example Wire\n\
             url: https://e.com/a\nplaces: [Geneva, Switzerland]\n---\n\nDelegates met.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Talks resume"));
        assert_eq!(a.written_date(), Some("2016-04-28"));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.url.as_deref(), Some("https://e.com/a"));
        assert_eq!(a.places, vec!["Geneva", "Switzerland"]);
        assert_eq!(a.body, "Delegates met.");
        assert_eq!(a.format, "md");
    }

    #[test]
    fn toml_front_matter_gives_metadata() {
        let a = one(
            "+++\nheadline = \"Quake\"\npublished = 2015-04-25T08:00:00Z\nlocation = \"Nepal\"\n+++\nText.\n",
        );
        assert_eq!(a.title.as_deref(), Some("Quake"));
        assert_eq!(a.written_date(), Some("2015-04-25T08:00:00Z"));
        assert_eq!(a.places, vec!["Nepal"]);
        assert_eq!(a.body, "Text.");
    }

    #[test]
    fn first_h1_is_title_without_front_matter() {
        let a =
            one("# Geneva talks\n\nThe *first* paragraph\nwraps here.\n\n## Background\n\nMore.");
        assert_eq!(a.title.as_deref(), Some("Geneva talks"));
        assert_eq!(
            a.body,
            "The first paragraph wraps here.\n\nBackground\n\nMore."
        );
    }

    #[test]
    fn h1_repeating_front_matter_title_is_dropped() {
        let a = one("---\ntitle: Geneva talks\n---\n# Geneva talks\n\nLead.");
        assert_eq!(a.body, "Lead.");
        let kicker = one("---\ntitle: \"Analysis: Geneva talks\"\n---\n# Geneva talks\n\nLead.");
        assert_eq!(kicker.body, "Lead.");
        let b = one("---\ntitle: Geneva talks\n---\n# Other heading\n\nLead.");
        assert_eq!(b.title.as_deref(), Some("Geneva talks"));
        assert_eq!(b.body, "Other heading\n\nLead.");
    }

    #[test]
    fn h1_after_text_is_not_title() {
        let a = one("Lead first.\n\n# Late heading\n\nMore.");
        assert_eq!(a.title, None);
        assert_eq!(a.body, "Lead first.\n\nLate heading\n\nMore.");
    }

    #[test]
    fn markup_is_removed_link_text_kept() {
        let a = one(
            "Read [the report](https://e.com) and `code` here ![a chart](c.png).\n\n\
             - one\n- two\n\n> quoted\n\n<div class=\"x\"><p>Raw <b>html</b></p></div>\n",
        );
        assert_eq!(
            a.body,
            "Read the report and code here .\n\none\n\ntwo\n\nquoted\n\nRaw html"
        );
    }

    #[test]
    fn empty_front_matter_is_fine() {
        assert_eq!(one("---\n---\nBody.").body, "Body.");
    }

    #[test]
    fn invalid_yaml_front_matter_is_error() {
        let err = parse("---\ntitle: [unclosed\n---\nBody").map(|p| p.articles.len());
        assert!(
            matches!(&err, Err(FormatError::FrontMatter(m)) if m.starts_with("YAML: ")),
            "{err:?}"
        );
    }

    #[test]
    fn deeply_nested_yaml_front_matter_is_refused_before_parsing() {
        // Issue 11 item 10: 200 KB of nested `[` took the YAML parser 16.8 s.
        let reason = "invalid front matter: YAML nested more than 128 levels deep";
        for front in [
            format!("title: {}", "[".repeat(200_000)),
            format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000)),
            format!("a: {}", "[\n".repeat(100_000)),
            // Quoted brackets and comments cannot hide the depth.
            format!("a: {}", "[\"]\", ".repeat(50_000)),
            format!("a: {}", "[ # ]\n".repeat(50_000)),
            format!("a: x 'y\nb: {}", "{".repeat(50_000)),
        ] {
            let text = format!("---\n{front}\n---\nBody.\n");
            let err = parse(&text).unwrap_err();
            assert_eq!(err.to_string(), reason, "{}", &front[..20]);
        }
    }

    #[test]
    fn yaml_brackets_in_scalars_and_shallow_lists_are_read() {
        let depth = |s: &str| yaml_flow_depth_over(s, 2);
        assert!(!depth("places: [[a, b], {c: d}]\ntags: [x]\n"));
        assert!(depth("places: [[[a]]]\n"));
        assert!(!depth("title: Fed [cut] [[[ rates\n"));
        assert!(!depth("title: \"[[[ quoted ]\"\nnote: '[[[ it''s [[['\n"));
        assert!(!depth("# [[[ comment\nlist:\n  - [a]\n  - [b, 'c [[[']\n"));
        assert!(!depth("title: rock 'n' roll [x]\nb: [y]\n"));
        let a = one("---\ntitle: \"Fed [cut]\"\nplaces: [[Geneva], {x: y}]\n---\nText.\n");
        assert_eq!(a.title.as_deref(), Some("Fed [cut]"));
    }

    #[test]
    fn invalid_toml_front_matter_is_error() {
        let err = parse("+++\ntitle = \n+++\nBody").map(|p| p.articles.len());
        assert!(
            matches!(&err, Err(FormatError::FrontMatter(m)) if m.starts_with("TOML: ")),
            "{err:?}"
        );
    }

    #[test]
    fn unclosed_front_matter_is_error() {
        assert_eq!(
            parse("---\ntitle: x\n\nBody").map(|p| p.articles.len()),
            Err(FormatError::FrontMatter("no closing --- line".into()))
        );
    }

    #[test]
    fn front_matter_that_is_a_list_is_error() {
        assert_eq!(
            parse("---\n- a\n- b\n---\nBody").map(|p| p.articles.len()),
            Err(FormatError::FrontMatter(
                "expected `key: value` lines".into()
            ))
        );
    }

    #[test]
    fn no_text_is_empty_error() {
        assert_eq!(
            parse("---\ntitle: Only title\n---\n\n").map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
        assert_eq!(parse("").map(|p| p.articles.len()), Err(FormatError::Empty));
    }

    #[test]
    fn front_matter_description_is_body_fallback() {
        assert_eq!(one("---\ndescription: Short.\n---\n").body, "Short.");
    }
}
