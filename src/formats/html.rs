//! HTML pages: the article text without the page around it (read by [`super::markup`]), plus
//! what the page's metadata (Open Graph, Dublin Core, JSON-LD, `<time>`) says about title,
//! date, URL and publisher.

use super::markup::{check_depth, collapse, is_widget, text_blocks};
use super::{FormatError, Parsed};
use crate::article::{DateHint, HintSource, RawArticle};
use scraper::{ElementRef, Html};
use serde_json::Value;
use std::collections::HashMap;

/// Meta tags that give a publication date, most trusted first (after JSON-LD and the
/// `article:published_time` family, see [`Page::find_date`]).
const DATE_META: &[&str] = &[
    "pubdate",
    "publishdate",
    "publish-date",
    "date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
];

/// Separators between a headline and the site name in `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "];

/// Parse an HTML page into one article.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    Ok(Parsed {
        articles: vec![parse_page(text)?],
        problems: Vec::new(),
    })
}

/// The article of one HTML page.
///
/// Metadata precedence, first present wins. Title: JSON-LD `headline`, `og:title`, the
/// article's `<h1>`, `<title>` (site suffix removed). Date: JSON-LD `datePublished`,
/// `article:published_time` and its twins, `itemprop="datePublished"`, other meta date tags,
/// `<time datetime>` in the article, then JSON-LD `dateModified` / `article:modified_time`, and
/// last a date in the page URL's path (`/2016/04/28/`). Source: JSON-LD `publisher`, then
/// `og:site_name`. URL: `og:url`, the canonical link, JSON-LD `url`.
pub fn parse_page(text: &str) -> Result<RawArticle, FormatError> {
    check_depth(text)?;
    let doc = Html::parse_document(text);
    let page = Page::read(doc.root_element());
    let ld = page.ld_article();

    let container = page.container();
    let mut blocks = text_blocks(container)?;

    let site = ld
        .and_then(|o| o.get("publisher"))
        .and_then(name_of)
        .or_else(|| page.meta("og:site_name").map(str::to_owned));

    let title = ld
        .and_then(|o| ld_string(o, "headline"))
        .or_else(|| page.meta("og:title").map(str::to_owned))
        .or_else(|| page.first_h1())
        .or_else(|| page.title.clone())
        .map(|t| strip_site_suffix(&t, site.as_deref()))
        .filter(|t| !t.is_empty());

    if let (Some(title), Some(first)) = (&title, blocks.first())
        && same_text(title, first)
    {
        blocks.remove(0);
    }
    let mut body = blocks.join("\n\n");
    if body.is_empty()
        && let Some(ld_body) = ld.and_then(|o| ld_string(o, "articleBody"))
    {
        body = ld_body;
    }
    if body.is_empty() {
        return Err(FormatError::Empty);
    }

    let url = page
        .meta("og:url")
        .map(str::to_owned)
        .or_else(|| page.canonical.clone())
        .or_else(|| ld.and_then(|o| ld_string(o, "url")));

    let mut places = Vec::new();
    if let Some(ld) = ld {
        if let Some(location) = ld.get("contentLocation") {
            places.extend(names_of(location));
        }
        places.extend(ld_string(ld, "dateline"));
    }

    // Language: JSON-LD `inLanguage` (a tag or a Language object), the `<html lang>` of the
    // page, then Dublin Core's or Open Graph's meta tag.
    let lang = ld
        .and_then(|o| o.get("inLanguage"))
        .and_then(|v| match v {
            Value::Object(o) => ld_string(o, "alternateName").or_else(|| ld_string(o, "name")),
            other => other.as_str().map(str::to_owned),
        })
        .or_else(|| page.root.value().attr("lang").map(str::to_owned))
        .or_else(|| {
            ["dc.language", "dcterms.language", "og:locale"]
                .iter()
                .find_map(|k| page.meta(k).map(str::to_owned))
        })
        .filter(|l| !l.trim().is_empty());

    // A date in the URL is a weaker hint than the page's own: extraction ranks them.
    let dates = page
        .find_date(ld, container)
        .map(|d| DateHint::written(HintSource::Metadata, d))
        .into_iter()
        .chain(url.clone().map(|u| DateHint::written(HintSource::Url, u)))
        .collect();
    Ok(RawArticle {
        member: None,
        title,
        body,
        url,
        source: site,
        dates,
        places,
        lang,
        format: "html",
    })
}

/// What one pass over the document finds.
struct Page<'a> {
    root: ElementRef<'a>,
    /// `<meta>` content by lowercased `property`, `name` or `itemprop`; the first tag wins.
    meta: HashMap<String, String>,
    /// `itemprop="datePublished"` on a non-meta element (`<time datetime>` usually).
    itemprop_date: Option<String>,
    ld: Vec<Value>,
    canonical: Option<String>,
    title: Option<String>,
    articles: Vec<ElementRef<'a>>,
    main: Option<ElementRef<'a>>,
    body: Option<ElementRef<'a>>,
}

impl<'a> Page<'a> {
    fn read(root: ElementRef<'a>) -> Page<'a> {
        let mut page = Page {
            root,
            meta: HashMap::new(),
            itemprop_date: None,
            ld: Vec::new(),
            canonical: None,
            title: None,
            articles: Vec::new(),
            main: None,
            body: None,
        };
        for el in root.descendent_elements() {
            let e = el.value();
            match e.name() {
                "meta" => {
                    let Some(content) = e.attr("content").map(str::trim) else {
                        continue;
                    };
                    for key in ["property", "name", "itemprop"] {
                        if let Some(k) = e.attr(key) {
                            page.meta
                                .entry(k.trim().to_ascii_lowercase())
                                .or_insert_with(|| content.to_owned());
                        }
                    }
                }
                "script" => {
                    let is_ld = e
                        .attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
                    if is_ld {
                        let json: String = el.text().collect();
                        if let Ok(value) = serde_json::from_str::<Value>(json.trim()) {
                            flatten_ld(value, &mut page.ld);
                        }
                    }
                }
                "link" => {
                    let canonical = e.attr("rel").is_some_and(|r| {
                        r.split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("canonical"))
                    });
                    if canonical && page.canonical.is_none() {
                        page.canonical = e.attr("href").map(|h| h.trim().to_owned());
                    }
                }
                "title" if page.title.is_none() => {
                    page.title = Some(collapse(&el.text().collect::<String>()));
                }
                "article" if !is_widget(e) => page.articles.push(el),
                "main" if page.main.is_none() => page.main = Some(el),
                "body" if page.body.is_none() => page.body = Some(el),
                _ => {}
            }
            if e.name() != "meta"
                && page.itemprop_date.is_none()
                && e.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
            {
                page.itemprop_date = e
                    .attr("datetime")
                    .or_else(|| e.attr("content"))
                    .map(str::to_owned)
                    .or_else(|| Some(collapse(&el.text().collect::<String>())))
                    .filter(|d| !d.is_empty());
            }
        }
        if page.main.is_none() {
            page.main = root.descendent_elements().find(|el| {
                el.value()
                    .attr("role")
                    .is_some_and(|r| r.eq_ignore_ascii_case("main"))
            });
        }
        page
    }

    fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    }

    /// The element holding the article text: the longest `<article>`, else `<main>`, else
    /// `<body>`.
    fn container(&self) -> ElementRef<'a> {
        self.articles
            .iter()
            .copied()
            .max_by_key(|a| a.text().map(str::len).sum::<usize>())
            .or(self.main)
            .or(self.body)
            .unwrap_or(self.root)
    }

    fn first_h1(&self) -> Option<String> {
        self.articles
            .iter()
            .chain(self.main.iter())
            .flat_map(|c| c.descendent_elements())
            .find(|el| el.value().name() == "h1")
            .map(|h1| collapse(&h1.text().collect::<String>()))
            .filter(|t| !t.is_empty())
    }

    /// The JSON-LD object describing the article: the first `*Article`/`BlogPosting`, else
    /// the first object with a headline.
    fn ld_article(&self) -> Option<&serde_json::Map<String, Value>> {
        let objects = || self.ld.iter().filter_map(Value::as_object);
        objects()
            .find(|o| {
                let is_article =
                    |t: &str| t.ends_with("Article") || t.contains("BlogPosting") || t == "Report";
                match o.get("@type") {
                    Some(Value::String(t)) => is_article(t),
                    Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article),
                    _ => false,
                }
            })
            .or_else(|| objects().find(|o| o.contains_key("headline")))
    }

    fn find_date(
        &self,
        ld: Option<&serde_json::Map<String, Value>>,
        container: ElementRef<'a>,
    ) -> Option<String> {
        let first = [
            "article:published_time",
            "og:published_time",
            "datepublished",
        ];
        let modified = ["article:modified_time", "og:updated_time", "datemodified"];
        ld.and_then(|o| ld_string(o, "datePublished"))
            .or_else(|| first.iter().find_map(|k| self.meta(k).map(str::to_owned)))
            .or_else(|| self.itemprop_date.clone())
            .or_else(|| {
                DATE_META
                    .iter()
                    .find_map(|k| self.meta(k).map(str::to_owned))
            })
            .or_else(|| {
                let times: Vec<_> = container
                    .descendent_elements()
                    .filter(|el| {
                        el.value().name() == "time" && el.value().attr("datetime").is_some()
                    })
                    .collect();
                times
                    .iter()
                    .find(|t| t.value().attr("pubdate").is_some())
                    .or(times.first())
                    .and_then(|t| t.value().attr("datetime"))
                    .map(|d| d.trim().to_owned())
                    .filter(|d| !d.is_empty())
            })
            .or_else(|| ld.and_then(|o| ld_string(o, "dateModified")))
            .or_else(|| {
                modified
                    .iter()
                    .find_map(|k| self.meta(k).map(str::to_owned))
            })
    }
}

/// JSON-LD may be one object, a list, or an object with an `@graph` list.
fn flatten_ld(value: Value, out: &mut Vec<Value>) {
    match value {
        Value::Array(items) => items.into_iter().for_each(|v| flatten_ld(v, out)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten_ld(graph, out);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn ld_string(obj: &serde_json::Map<String, Value>, key: &str) -> Option<String> {
    obj.get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// `"Reuters"`, `{"name": "Reuters"}` or a list of either: the first name.
fn name_of(value: &Value) -> Option<String> {
    names_of(value).into_iter().next()
}

fn names_of(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => vec![s.trim().to_owned()],
        Value::Object(o) => o
            .get("name")
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| vec![s.to_owned()])
            .unwrap_or_default(),
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        _ => Vec::new(),
    }
}

/// Remove a trailing " | Site Name" from a page title: always when it names `site`; for other
/// suffixes only when the separator is a bar and the suffix is short, since " - " also
/// appears inside real headlines.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = collapse(title);
    if let Some(site) = site.map(collapse).filter(|s| !s.is_empty()) {
        for sep in TITLE_SEPARATORS {
            let suffix = format!("{sep}{site}");
            let Some(cut) = title.len().checked_sub(suffix.len()).filter(|&c| c > 0) else {
                continue;
            };
            if title.is_char_boundary(cut) && title[cut..].to_lowercase() == suffix.to_lowercase() {
                return title[..cut].trim().to_owned();
            }
        }
    }
    for sep in [" | ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && tail.split_whitespace().count() <= 4
            && head.split_whitespace().count() >= 2
        {
            return head.trim().to_owned();
        }
    }
    title
}

fn same_text(a: &str, b: &str) -> bool {
    collapse(a).eq_ignore_ascii_case(&collapse(b))
}

#[cfg(test)]
mod tests {
    use super::super::markup::MAX_HTML_DEPTH;
    use super::*;

    fn nested(open: &str, close: &str, depth: usize) -> String {
        format!(
            "<html><body>{}deep{}</body></html>",
            open.repeat(depth),
            close.repeat(depth)
        )
    }

    #[test]
    fn deeply_nested_elements_are_refused() {
        // Issue 11 item 5: 60,000 nested divs aborted the whole run.
        let err = parse(&nested("<div>", "</div>", 10_000)).unwrap_err();
        assert_eq!(err, FormatError::TooDeep(MAX_HTML_DEPTH));
        assert_eq!(err.to_string(), "HTML elements nested more than 512 deep");
        // Stray end tags or `<div/>` (whose slash HTML ignores) do not hide the depth.
        for hostile in [
            nested("<div></span>", "", 10_000),
            nested("<div/>", "", 10_000),
            nested("<b><i>", "", 10_000),
        ] {
            assert_eq!(
                parse(&hostile).unwrap_err(),
                FormatError::TooDeep(MAX_HTML_DEPTH)
            );
        }
    }

    #[test]
    fn ordinary_depth_and_self_closing_elements_are_read() {
        assert_eq!(one(&nested("<div>", "</div>", 400)).body, "deep");
        // Unclosed paragraphs and list items close each other; they do not nest.
        let paragraphs = format!("<body>{}</body>", "<p>line<li>item".repeat(5_000));
        assert!(one(&paragraphs).body.starts_with("line\n\nitem"));
        let svg = format!(
            "<body><p>Chart</p><svg>{}</svg><script>{}</script></body>",
            "<path/>".repeat(2_000),
            "<div>".repeat(2_000)
        );
        assert_eq!(one(&svg).body, "Chart");
        let comment = format!("<body><!-- {} --><p>Text</p></body>", "<div>".repeat(2_000));
        assert_eq!(one(&comment).body, "Text");
    }

    fn one(html: &str) -> RawArticle {
        let mut parsed = parse(html).expect("parses");
        assert!(parsed.problems.is_empty());
        assert_eq!(parsed.articles.len(), 1);
        parsed.articles.remove(0)
    }

    #[test]
    fn html_drops_nav_and_script() {
        let a = one(
            "<html><body><nav>Home News Sport</nav><script>var x = 'secret';</script>\
             <p>Talks resumed in Geneva.</p><style>p{color:red}</style>\
             <footer>Copyright</footer></body></html>",
        );
        assert_eq!(a.body, "Talks resumed in Geneva.");
        assert_eq!(a.format, "html");
    }

    #[test]
    fn language_from_json_ld_then_html_lang_then_meta() {
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","inLanguage":"es-ES"}</script>"#;
        let ld_object = r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","inLanguage":{"@type":"Language","name":"Italian","alternateName":"it"}}</script>"#;
        for (page, lang) in [
            (format!(r#"<html lang="fr"><head>{ld}</head><body><p>Texto.</p></body></html>"#), Some("es-ES")),
            (format!(r#"<html><head>{ld_object}</head><body><p>Testo.</p></body></html>"#), Some("it")),
            (r#"<html lang="fr"><body><p>Texte.</p></body></html>"#.to_string(), Some("fr")),
            (r#"<html><head><meta property="og:locale" content="de_DE"></head><body><p>Text.</p></body></html>"#.to_string(), Some("de_DE")),
            ("<html><body><p>Text.</p></body></html>".to_string(), None),
        ] {
            assert_eq!(one(&page).lang.as_deref(), lang, "{page}");
        }
    }

    #[test]
    fn article_element_is_preferred_over_page() {
        let a = one(
            "<body><div>Top stories: markets rally</div><article><h1>Geneva talks</h1>\
             <p>First &amp; foremost.</p><p>Second\n   paragraph.</p></article>\
             <div>More from us</div></body>",
        );
        assert_eq!(a.title.as_deref(), Some("Geneva talks"));
        assert_eq!(a.body, "First & foremost.\n\nSecond paragraph.");
    }

    #[test]
    fn main_is_used_without_article() {
        let a = one("<body><div>Menu</div><main><p>The lead.</p></main></body>");
        assert_eq!(a.body, "The lead.");
    }

    #[test]
    fn html_drops_share_comment_related_widgets() {
        let a = one("<article><p>Kept text.</p>\
             <div class=\"share-buttons\">Share on Twitter</div>\
             <section id=\"comments\">Great post!</section>\
             <ul class=\"related-links\"><li>Other story</li></ul>\
             <div class=\"newsletterSignup\">Sign up</div>\
             <div class=\"cookie-banner\">We use cookies</div>\
             <figure><img src=x><figcaption>Photo: AP</figcaption></figure>\
             <div class=\"commentary\">Analysis stays.</div>\
             <div class=\"meta\">Europe desk</div><div class=\"site-footer\">Copyright</div>\
             </article>");
        assert_eq!(a.body, "Kept text.\n\nAnalysis stays.");
    }

    #[test]
    fn block_elements_and_br_separate_paragraphs() {
        let a = one(
            "<article><p>One<br>Two</p><ul><li>Three</li><li>Four</li></ul>\
             <p>Fi<b>ve</b> <i>six</i></p></article>",
        );
        assert_eq!(a.body, "One\n\nTwo\n\nThree\n\nFour\n\nFive six");
    }

    #[test]
    fn og_metadata_wins() {
        let a = one("<html><head><title>Page | Example News</title>\
             <meta property=\"og:title\" content=\"Geneva talks resume\">\
             <meta property=\"og:site_name\" content=\"Example News\">\
             <meta property=\"og:url\" content=\"https://example.com/a\">\
             <link rel=\"canonical\" href=\"https://example.com/canon\">\
             <meta property=\"article:published_time\" content=\"2016-04-28T10:00:00Z\">\
             </head><body><article><p>Text.</p></article></body></html>");
        assert_eq!(a.title.as_deref(), Some("Geneva talks resume"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.written_date(), Some("2016-04-28T10:00:00Z"));
    }

    #[test]
    fn title_tag_site_suffix_is_stripped() {
        let a = one("<head><title>Geneva talks resume - Example News</title>\
             <meta property=\"og:site_name\" content=\"Example News\"></head><p>x</p>");
        assert_eq!(a.title.as_deref(), Some("Geneva talks resume"));
        let b = one("<head><title>Geneva talks resume | BBC News</title></head><p>x</p>");
        assert_eq!(b.title.as_deref(), Some("Geneva talks resume"));
        let c = one("<head><title>US - China trade talks stall</title></head><p>x</p>");
        assert_eq!(c.title.as_deref(), Some("US - China trade talks stall"));
    }

    #[test]
    fn site_suffix_check_is_safe_with_multibyte_titles() {
        assert_eq!(strip_site_suffix("İİİ - x", Some("ab")), "İİİ - x");
        assert_eq!(
            strip_site_suffix("Zürich talks – NZZ", Some("nzz")),
            "Zürich talks"
        );
    }

    #[test]
    fn canonical_link_is_url_fallback() {
        let a = one("<head><link rel=\"canonical\" href=\" https://e.com/x \"></head><p>x</p>");
        assert_eq!(a.url.as_deref(), Some("https://e.com/x"));
    }

    #[test]
    fn json_ld_graph_gives_headline_date_publisher_places() {
        let a = one(r#"<head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"WebSite","name":"Site"},
              {"@type":"NewsArticle","headline":"Quake hits Nepal",
               "datePublished":"2015-04-25T08:00:00+05:45",
               "publisher":{"@type":"Organization","name":"Example Wire"},
               "contentLocation":{"@type":"Place","name":"Kathmandu"},
               "dateline":"KATHMANDU"}]}
            </script></head><body><p>Body.</p></body>"#);
        assert_eq!(a.title.as_deref(), Some("Quake hits Nepal"));
        assert_eq!(a.written_date(), Some("2015-04-25T08:00:00+05:45"));
        assert_eq!(a.source.as_deref(), Some("Example Wire"));
        assert_eq!(a.places, vec!["Kathmandu", "KATHMANDU"]);
    }

    #[test]
    fn json_ld_list_and_bad_json_ld_is_ignored() {
        let a = one(r#"<script type="application/ld+json">{not json</script>
            <script type="application/ld+json">[{"@type":["Thing","ReportageNewsArticle"],
              "headline":"Listed","datePublished":"2016-04-28"}]</script><p>Body.</p>"#);
        assert_eq!(a.title.as_deref(), Some("Listed"));
        assert_eq!(a.written_date(), Some("2016-04-28"));
    }

    #[test]
    fn date_from_dublin_core_and_time_element() {
        let a = one("<head><meta name=\"DC.date.issued\" content=\"2016-04-28\"></head><p>x</p>");
        assert_eq!(a.written_date(), Some("2016-04-28"));
        let b = one(
            "<article><p>By staff <time datetime=\"2016-04-29T09:00\">Friday</time></p></article>",
        );
        assert_eq!(b.written_date(), Some("2016-04-29T09:00"));
        let c = one(
            "<article><time itemprop=\"datePublished\" datetime=\"2016-04-30\">x</time>\
             <p>Text</p></article>",
        );
        assert_eq!(c.written_date(), Some("2016-04-30"));
    }

    #[test]
    fn headline_repeated_in_body_is_removed() {
        let a = one(
            "<head><meta property=\"og:title\" content=\"Geneva talks\"></head>\
             <article><h1>Geneva  talks</h1><p>Lead.</p></article>",
        );
        assert_eq!(a.body, "Lead.");
    }

    #[test]
    fn hidden_elements_are_dropped() {
        let a = one(
            "<article><p>Seen.</p><div style=\"display: none\">Unseen</div>\
             <p hidden>Also unseen</p></article>",
        );
        assert_eq!(a.body, "Seen.");
    }

    #[test]
    fn page_without_text_is_empty_error() {
        assert_eq!(
            parse("<html><head><title>Nothing</title></head><body><nav>Menu</nav></body></html>")
                .map(|p| p.articles.len()),
            Err(FormatError::Empty)
        );
        assert_eq!(parse("").map(|p| p.articles.len()), Err(FormatError::Empty));
    }

    #[test]
    fn json_ld_article_body_when_page_has_no_text() {
        let a = one(
            r#"<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"From LD."}</script>"#,
        );
        assert_eq!(a.body, "From LD.");
    }

    #[test]
    fn json_ld_beats_open_graph() {
        let a = one(r#"<head><meta property="og:title" content="OG title">
            <meta property="og:site_name" content="OG Site">
            <meta property="article:published_time" content="2016-01-02">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"LD title",
              "datePublished":"2016-01-01","publisher":{"name":"LD Site"}}</script>
            </head><p>Body.</p>"#);
        assert_eq!(a.title.as_deref(), Some("LD title"));
        assert_eq!(a.written_date(), Some("2016-01-01"));
        assert_eq!(a.source.as_deref(), Some("LD Site"));
    }

    #[test]
    fn date_modified_only_as_fallback() {
        let a = one(
            r#"<script type="application/ld+json">{"@type":"Article","dateModified":"2017-05-05"}</script>
            <article><time datetime="2017-05-01">May 1</time><p>Body.</p></article>"#,
        );
        assert_eq!(a.written_date(), Some("2017-05-01"));
        let b = one(
            r#"<script type="application/ld+json">{"@type":"Article","dateModified":"2017-05-05"}</script><p>Body.</p>"#,
        );
        assert_eq!(b.written_date(), Some("2017-05-05"));
    }

    #[test]
    fn url_path_date_is_the_last_resort() {
        let a = one(
            r#"<link rel="canonical" href="https://e.example/world/2016/04/28/talks"><p>Body.</p>"#,
        );
        assert_eq!(a.written_date(), None);
        assert_eq!(
            a.date_hint(HintSource::Url),
            Some(&crate::article::HintValue::Written(
                "https://e.example/world/2016/04/28/talks".into()
            ))
        );
        let b = one(
            r#"<link rel="canonical" href="https://e.example/2016/04/28/talks">
            <meta name="date" content="2016-04-27"><p>Body.</p>"#,
        );
        assert_eq!(b.written_date(), Some("2016-04-27"));
    }
}
