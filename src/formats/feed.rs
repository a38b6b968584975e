//! RSS 2.0 (and RSS 1.0/RDF) and Atom feeds: each item or entry is an article, member
//! `item N` (1-based, in file order).

use super::markup::html_to_text;
use super::xml::{Element, Node};
use super::{FormatError, Member, Parsed};
use crate::article::{DateHint, HintSource, RawArticle};

/// Parse a feed whose root element (`rss`, `rdf:RDF` or `feed`) is `root`.
pub(crate) fn parse_root(root: &Element) -> Result<Parsed, FormatError> {
    let atom = root.local() == "feed";
    let channel = if atom {
        root
    } else {
        root.child_local("channel").unwrap_or(root)
    };
    let feed_title = channel
        .child_local("title")
        .and_then(|t| text_of(t, atom).ok());
    // The feed's language, for entries that do not name their own: RSS's `<language>`
    // (or Dublin Core's), Atom's `xml:lang` on the root.
    let feed_lang = channel
        .child_text("language")
        .or_else(|| channel.child_text("dc:language"))
        .or_else(|| root.attr("xml:lang").map(str::to_owned));
    // RSS 2.0 puts items in the channel, RSS 1.0 next to it.
    let entries: Vec<&Element> = if atom {
        root.elements().filter(|e| e.local() == "entry").collect()
    } else {
        channel
            .elements()
            .chain(
                if std::ptr::eq(channel, root) {
                    None
                } else {
                    Some(root)
                }
                .into_iter()
                .flat_map(Element::elements),
            )
            .filter(|e| e.local() == "item")
            .collect()
    };
    if entries.is_empty() {
        return Err(FormatError::Empty);
    }
    let mut parsed = Parsed::default();
    for (index, entry) in entries.iter().enumerate() {
        let member = Member::Item(index + 1);
        let article = if atom {
            atom_entry(entry)
        } else {
            rss_item(entry)
        };
        let article = article.map(|mut article| {
            if article.source.is_none() {
                article.source = feed_title.clone().filter(|t| !t.is_empty());
            }
            if article.lang.is_none() {
                article.lang = feed_lang.clone();
            }
            article
        });
        parsed.push(member, article);
    }
    Ok(parsed)
}

/// The article of an RSS item, or why there is none.
fn rss_item(item: &Element) -> Result<RawArticle, String> {
    let html_of = |e: Option<&Element>| -> Result<Option<String>, String> {
        let text = e.map(|e| html_to_text(&raw_text(e))).transpose();
        Ok(text.map_err(|e| e.to_string())?.filter(|t| !t.is_empty()))
    };
    let body = match html_of(item.child("content:encoded"))? {
        Some(body) => body,
        None => html_of(
            item.elements()
                .find(|e| e.local() == "encoded" || e.name == "description"),
        )?
        .ok_or_else(no_text)?,
    };
    let date = [
        "pubDate",
        "dc:date",
        "dcterms:issued",
        "published",
        "updated",
    ]
    .iter()
    .find_map(|n| item.child_text(n));
    let url = item
        .child_text("link")
        .or_else(|| item.attr("rdf:about").map(str::to_owned))
        .or_else(|| {
            let guid = item.child("guid")?;
            let permalink = guid
                .attr("isPermaLink")
                .is_none_or(|v| !v.eq_ignore_ascii_case("false"));
            permalink.then(|| guid.text()).filter(|g| g.contains("://"))
        });
    // RSS titles are plain text; their entities are already decoded.
    Ok(RawArticle {
        member: None,
        title: item.child_text("title"),
        body,
        url,
        source: item.child_text("source"),
        dates: date
            .map(|d| DateHint::written(HintSource::Metadata, d))
            .into_iter()
            .collect(),
        places: Vec::new(),
        lang: item
            .attr("xml:lang")
            .map(str::to_owned)
            .or_else(|| item.child_text("dc:language")),
        format: "rss",
    })
}

/// The article of an Atom entry, or why there is none.
fn atom_entry(entry: &Element) -> Result<RawArticle, String> {
    let mut body = None;
    for e in ["content", "summary"]
        .iter()
        .filter_map(|n| entry.child_local(n))
    {
        let text = text_of(e, true).map_err(|e| e.to_string())?;
        if !text.is_empty() {
            body = Some(text);
            break;
        }
    }
    let body = body.ok_or_else(no_text)?;
    let url = entry
        .elements()
        .filter(|e| e.local() == "link")
        .find(|l| l.attr("rel").is_none_or(|r| r == "alternate"))
        .and_then(|l| l.attr("href").map(str::to_owned));
    let date = ["published", "updated", "issued", "modified"]
        .iter()
        .find_map(|n| entry.child_local(n).map(Element::text))
        .filter(|d| !d.is_empty());
    let text = |e: Option<&Element>| -> Result<Option<String>, String> {
        let text = e.map(|t| text_of(t, true)).transpose();
        Ok(text.map_err(|e| e.to_string())?.filter(|t| !t.is_empty()))
    };
    let source = text(
        entry
            .child_local("source")
            .and_then(|s| s.child_local("title")),
    )?;
    Ok(RawArticle {
        member: None,
        title: text(entry.child_local("title"))?,
        body,
        url,
        source,
        dates: date
            .map(|d| DateHint::written(HintSource::Metadata, d))
            .into_iter()
            .collect(),
        places: Vec::new(),
        lang: entry.attr("xml:lang").map(str::to_owned),
        format: "atom",
    })
}

fn no_text() -> String {
    "no article text".into()
}

/// The text of an Atom text construct (`type="text"`, `"html"` or `"xhtml"`) or an RSS
/// element.
fn text_of(e: &Element, atom: bool) -> Result<String, FormatError> {
    match e.attr("type").map(str::to_ascii_lowercase).as_deref() {
        Some("html") | Some("text/html") => html_to_text(&raw_text(e)),
        Some("xhtml") | Some("application/xhtml+xml") => html_to_text(&e.to_markup()),
        _ if atom => Ok(e.text()),
        _ => html_to_text(&raw_text(e)),
    }
}

/// The element's text exactly as it stands (escaped HTML already unescaped once).
fn raw_text(e: &Element) -> String {
    let mut out = String::new();
    for child in &e.children {
        match child {
            Node::Text(t) => out.push_str(t),
            Node::Element(inner) => out.push_str(&inner.to_markup()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Format, parse};
    use super::*;

    fn feed(xml: &str) -> Parsed {
        parse(Format::Xml, xml).expect("parses")
    }

    #[test]
    fn an_entry_names_its_language_or_takes_the_feeds() {
        let rss = feed(
            r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
              <title>Wire</title><language>fr-FR</language>
              <item><title>A</title><description>Texte.</description></item>
              <item><title>B</title><description>Text.</description><dc:language>en</dc:language></item>
            </channel></rss>"#,
        );
        let langs: Vec<_> = rss.articles.iter().map(|a| a.lang.as_deref()).collect();
        assert_eq!(langs, [Some("fr-FR"), Some("en")]);
        let atom = feed(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es">
              <title>Wire</title>
              <entry><title>A</title><content>Texto.</content></entry>
              <entry xml:lang="pt"><title>B</title><content>Texto.</content></entry>
            </feed>"#,
        );
        let langs: Vec<_> = atom.articles.iter().map(|a| a.lang.as_deref()).collect();
        assert_eq!(langs, [Some("es"), Some("pt")]);
        let bare = feed(
            r#"<rss version="2.0"><channel><title>W</title>
              <item><title>A</title><description>Text.</description></item></channel></rss>"#,
        );
        assert_eq!(bare.articles[0].lang, None);
    }

    #[test]
    fn rss_items_prefer_content_encoded() {
        let parsed = feed(
            r#"<?xml version="1.0"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>Harbour Gazette</title>
              <item><title>Ferry strike ends</title><link>https://hg.example/ferry</link>
                <pubDate>Tue, 03 May 2016 08:00:00 GMT</pubDate>
                <description>Short teaser.</description>
                <content:encoded><![CDATA[<p>Ferries sail again.</p><p>Crews &amp; owners agreed.</p>]]></content:encoded>
              </item>
              <item><title>After &lt;flood&gt; repairs</title><description>&lt;b&gt;Bold&lt;/b&gt; caf&eacute; news</description></item>
            </channel></rss>"#,
        );
        assert!(parsed.problems.is_empty());
        let a = &parsed.articles[0];
        assert_eq!(a.member, Some(Member::Item(1)));
        assert_eq!(a.title.as_deref(), Some("Ferry strike ends"));
        assert_eq!(a.body, "Ferries sail again.\n\nCrews & owners agreed.");
        assert_eq!(a.written_date(), Some("Tue, 03 May 2016 08:00:00 GMT"));
        assert_eq!(a.url.as_deref(), Some("https://hg.example/ferry"));
        assert_eq!(a.source.as_deref(), Some("Harbour Gazette"));
        assert_eq!(a.format, "rss");
        assert_eq!(parsed.articles[1].body, "Bold café news");
        assert_eq!(
            parsed.articles[1].title.as_deref(),
            Some("After <flood> repairs")
        );
        assert_eq!(parsed.articles[1].member, Some(Member::Item(2)));
    }

    #[test]
    fn rss_item_without_text_is_a_problem() {
        let parsed = feed("<rss><channel><item><title>Only a title</title></item></channel></rss>");
        assert!(parsed.articles.is_empty());
        assert_eq!(parsed.problems[0].locator, Member::Item(1));
    }

    #[test]
    fn rss_without_items_is_empty() {
        assert_eq!(
            parse(
                Format::Xml,
                "<rss><channel><title>x</title></channel></rss>"
            )
            .unwrap_err(),
            FormatError::Empty
        );
    }

    #[test]
    fn atom_entries_with_html_and_xhtml_content() {
        let parsed = feed(
            r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
            <entry><title type="html">Dam &amp;lt;opens&amp;gt;</title>
              <link rel="alternate" href="https://vc.example/dam"/>
              <updated>2019-02-02T10:00:00Z</updated><published>2019-02-01T09:00:00Z</published>
              <content type="html">&lt;p&gt;The dam opened.&lt;/p&gt;&lt;p&gt;Farmers cheered.&lt;/p&gt;</content>
            </entry>
            <entry><title>Plain</title><updated>2019-03-01</updated>
              <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>One.</p><p>Two &amp; three.</p></div></content>
            </entry>
            <entry><title>Summary only</title><summary>Just a summary.</summary></entry>
            </feed>"#,
        );
        let a = &parsed.articles[0];
        assert_eq!(a.title.as_deref(), Some("Dam <opens>"));
        assert_eq!(a.body, "The dam opened.\n\nFarmers cheered.");
        assert_eq!(a.written_date(), Some("2019-02-01T09:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://vc.example/dam"));
        assert_eq!(a.source.as_deref(), Some("Valley Courier"));
        assert_eq!(a.format, "atom");
        assert_eq!(parsed.articles[1].body, "One.\n\nTwo & three.");
        assert_eq!(parsed.articles[1].written_date(), Some("2019-03-01"));
        assert_eq!(parsed.articles[2].body, "Just a summary.");
    }

    #[test]
    fn rss_1_rdf_items_are_read() {
        let parsed = feed(
            r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <channel><title>Old Wire</title></channel>
            <item rdf:about="https://ow.example/1"><title>Old story</title>
              <description>Text of an old story.</description><dc:date>2004-05-06</dc:date></item>
            </rdf:RDF>"#,
        );
        let a = &parsed.articles[0];
        assert_eq!(a.url.as_deref(), Some("https://ow.example/1"));
        assert_eq!(a.written_date(), Some("2004-05-06"));
        assert_eq!(a.source.as_deref(), Some("Old Wire"));
    }
}
