//! IPTC NewsML-G2, as news agencies deliver text today: a `newsItem` whose `contentMeta`
//! holds the headline, dateline and places, whose `itemMeta` the provider and dates, and
//! whose `contentSet` the story (XHTML in `inlineXML`, NITF in `inlineXML`, or plain text in
//! `inlineData`). A `newsMessage` bundles several items: each is an article, member
//! `item N` (1-based, counting the message's news items).

use super::markup::html_to_text;
use super::nitf::lead_with_dateline;
use super::xml::Element;
use super::{FormatError, Member, Parsed};
use crate::article::{DateHint, HintSource, RawArticle};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// Parse a NewsML-G2 document whose root is a `newsItem` or a `newsMessage`.
pub(crate) fn parse_root(root: &Element) -> Result<Parsed, FormatError> {
    if root.local() == "newsItem" {
        return Ok(Parsed {
            articles: vec![news_item(root)?],
            problems: Vec::new(),
        });
    }
    let items: Vec<&Element> = root
        .child_local("itemSet")
        .into_iter()
        .flat_map(Element::elements)
        .filter(|e| e.local() == "newsItem")
        .collect();
    if items.is_empty() {
        return Err(FormatError::Empty);
    }
    let mut parsed = Parsed::default();
    for (index, item) in items.into_iter().enumerate() {
        let member = Member::Item(index + 1);
        parsed.push(member, news_item(item).map_err(|e| e.to_string()));
    }
    Ok(parsed)
}

/// The article of one `newsItem`.
fn news_item(item: &Element) -> Result<RawArticle, FormatError> {
    let item_meta = item.child_local("itemMeta");
    let content_meta = item.child_local("contentMeta");
    let meta_text = |name: &str| {
        content_meta
            .and_then(|m| m.child_local(name))
            .map(Element::text)
            .filter(|t| !t.is_empty())
    };
    let content = content(item)?;
    let mut paragraphs = content.paragraphs;
    if let Some(dateline) = meta_text("dateline") {
        lead_with_dateline(&dateline, &mut paragraphs);
    }
    if paragraphs.is_empty() {
        return Err(FormatError::Empty);
    }

    // When the item was first made is its publication; the content's own date and the
    // version's come after it.
    let date = [
        item_meta.and_then(|m| m.child_local("firstCreated")),
        content_meta.and_then(|m| m.child_local("contentCreated")),
        item_meta.and_then(|m| m.child_local("versionCreated")),
    ]
    .into_iter()
    .flatten()
    .map(Element::text)
    .find(|d| !d.is_empty())
    .map(|d| g2_date(&d));

    let source = item_meta
        .and_then(|m| m.child_local("provider"))
        .into_iter()
        .chain(content_meta.into_iter().flat_map(|m| {
            m.elements()
                .filter(|e| e.local() == "infoSource" || e.local() == "creator")
        }))
        .find_map(name_of);

    let mut places: Vec<String> = Vec::new();
    for el in content_meta.into_iter().flat_map(Element::elements) {
        let is_place = match el.local() {
            "located" => true,
            "subject" => el
                .attr("type")
                .is_some_and(|t| t == "cpnat:geoArea" || t == "cpnat:poi"),
            _ => false,
        };
        if !is_place {
            continue;
        }
        // `<located><name>Valletta</name><broader><name>Malta</name></broader>`.
        let mut level = Some(el);
        while let Some(place) = level {
            if let Some(name) = name_of(place).filter(|n| !places.contains(n)) {
                places.push(name);
            }
            level = place.child_local("broader");
        }
    }

    let url = item
        .attr("guid")
        .filter(|g| g.starts_with("http://") || g.starts_with("https://"))
        .map(str::to_owned);

    Ok(RawArticle {
        member: None,
        title: meta_text("headline").or(content.title),
        body: paragraphs.join("\n\n"),
        url,
        source,
        dates: date.into_iter().collect(),
        places,
        // `<language tag="fr"/>` in the content metadata, else the item's `xml:lang`.
        lang: content_meta
            .and_then(|m| m.child_local("language"))
            .and_then(|l| l.attr("tag"))
            .or_else(|| item.attr("xml:lang"))
            .map(str::to_owned),
        format: "newsml",
    })
}

/// What a `contentSet` holds: the story's paragraphs, and a headline when the content
/// carries one of its own (an inline NITF document).
struct Content {
    paragraphs: Vec<String>,
    title: Option<String>,
}

/// The text of the first `contentSet` member that holds text.
fn content(item: &Element) -> Result<Content, FormatError> {
    let mut found = Content {
        paragraphs: Vec::new(),
        title: None,
    };
    let members = item
        .child_local("contentSet")
        .into_iter()
        .flat_map(Element::elements);
    for member in members {
        let text = match member.local() {
            "inlineXML" => match member.elements().next() {
                Some(nitf) if nitf.local() == "nitf" => {
                    let Some(article) = super::nitf::parse_root(nitf)?.articles.pop() else {
                        continue;
                    };
                    found.title = article.title;
                    article.body
                }
                Some(html) => {
                    // The page's `<head>` is not the story.
                    let body = html.child_local("body").unwrap_or(html);
                    html_to_text(&body.to_markup())?
                }
                None => continue,
            },
            "inlineData" if is_html(member) => html_to_text(&member.text())?,
            "inlineData" => plain_paragraphs(member),
            _ => continue,
        };
        found.paragraphs = text
            .split("\n\n")
            .map(str::to_owned)
            .filter(|p| !p.trim().is_empty())
            .collect();
        if !found.paragraphs.is_empty() {
            break;
        }
    }
    Ok(found)
}

fn is_html(e: &Element) -> bool {
    e.attr("contenttype").is_some_and(|t| t.contains("html"))
}

/// Plain text: paragraphs at blank lines, whitespace collapsed inside each.
fn plain_paragraphs(e: &Element) -> String {
    let raw: String = e
        .children
        .iter()
        .filter_map(|c| match c {
            super::xml::Node::Text(t) => Some(t.as_str()),
            super::xml::Node::Element(_) => None,
        })
        .collect();
    raw.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A G2 concept's name: its `<name>` child, else its `literal` attribute.
fn name_of(e: &Element) -> Option<String> {
    e.child_local("name")
        .map(Element::text)
        .filter(|n| !n.is_empty())
        .or_else(|| e.attr("literal").map(str::to_owned))
}

/// A G2 date-time (`2017-03-12T10:15:00+01:00`) or date (`2017-03-12`) as an instant;
/// another form is handed on as written.
fn g2_date(raw: &str) -> DateHint {
    let raw = raw.trim();
    let instant = DateTime::parse_from_rfc3339(raw)
        .map(|d| d.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
            Some(Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0)?))
        });
    match instant {
        Some(instant) => DateHint::instant(HintSource::Metadata, instant),
        None => DateHint::written(HintSource::Metadata, raw),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, RecordProblem, parse};
    use super::*;
    use crate::article::HintValue;

    /// A text item written for these tests after the IPTC NewsML-G2 specification: the
    /// item's metadata, the content's metadata and an XHTML body.
    const ITEM: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/"
    guid="urn:newsml:island-wire.example:20170312:harbour-talks" version="3"
    standard="NewsML-G2" standardversion="2.29" conformance="power" xml:lang="en-GB">
  <catalogRef href="http://www.iptc.org/std/catalog/catalog.IPTC-G2-Standards_36.xml"/>
  <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:IWIRE"><name>Island Wire</name></provider>
    <versionCreated>2017-03-12T11:30:00Z</versionCreated>
    <firstCreated>2017-03-12T10:15:00+01:00</firstCreated>
    <pubStatus qcode="stat:usable"/>
  </itemMeta>
  <contentMeta>
    <contentCreated>2017-03-12T08:00:00+01:00</contentCreated>
    <located qcode="geo:valletta"><name>Valletta</name>
      <broader qcode="iso3166-1a2:MT"><name>Malta</name></broader></located>
    <creator literal="A. Writer"/>
    <subject type="cpnat:geoArea" qcode="iso3166-1a2:LY"><name>Libya</name></subject>
    <subject type="cpnat:abstract" qcode="medtop:20000344"><name>maritime</name></subject>
    <headline>Malta and Libya reopen &lt;harbour&gt; talks</headline>
    <dateline>VALLETTA, March 12</dateline>
  </contentMeta>
  <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
      <html xmlns="http://www.w3.org/1999/xhtml">
        <head><title>Page title, not the story</title></head>
        <body>
          <p>Negotiators met on Sunday to discuss fishing rights &amp; port fees.</p>
          <p>A second round is planned in Tripoli.</p>
        </body>
      </html>
    </inlineXML>
  </contentSet>
</newsItem>"#;

    #[test]
    fn news_item_headline_date_dateline_places_body() {
        let parsed = parse(Format::Xml, ITEM).expect("parses");
        let [a] = &parsed.articles[..] else {
            panic!("{parsed:?}")
        };
        assert_eq!(
            a.title.as_deref(),
            Some("Malta and Libya reopen <harbour> talks")
        );
        assert_eq!(
            a.body,
            "VALLETTA, March 12 — Negotiators met on Sunday to discuss fishing rights & port \
             fees.\n\nA second round is planned in Tripoli."
        );
        assert_eq!(
            a.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant("2017-03-12T09:15:00Z".parse().unwrap()))
        );
        assert_eq!(a.source.as_deref(), Some("Island Wire"));
        assert_eq!(a.places, vec!["Valletta", "Malta", "Libya"]);
        assert_eq!(a.format, "newsml");
        assert_eq!(a.member, None);
        assert_eq!(a.url, None);
        assert_eq!(a.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn the_content_language_tag_beats_the_items_xml_lang() {
        let item = ITEM.replace(
            "<contentCreated>",
            r#"<language tag="fr"/><contentCreated>"#,
        );
        let parsed = parse(Format::Xml, &item).expect("parses");
        assert_eq!(parsed.articles[0].lang.as_deref(), Some("fr"));
    }

    #[test]
    fn plain_text_content_and_fallback_dates() {
        let item = ITEM
            .replace("<firstCreated>2017-03-12T10:15:00+01:00</firstCreated>", "")
            .replace(
                r#"<provider qcode="nprov:IWIRE"><name>Island Wire</name></provider>"#,
                "",
            );
        let start = item.find("<inlineXML").expect("fixture has inlineXML");
        let end = item.find("</inlineXML>").expect("fixture has inlineXML") + 12;
        let item = format!(
            "{}<inlineData contenttype=\"text/plain\">Boats stayed in port.\n  \
             Crews waited.\n\nTalks resume Monday.</inlineData>{}",
            &item[..start],
            &item[end..]
        );
        let a = &parse(Format::Xml, &item).expect("parses").articles[0];
        assert_eq!(
            a.body,
            "VALLETTA, March 12 — Boats stayed in port. Crews waited.\n\nTalks resume Monday."
        );
        assert_eq!(
            a.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant("2017-03-12T07:00:00Z".parse().unwrap()))
        );
        assert_eq!(a.source.as_deref(), Some("A. Writer"));
    }

    #[test]
    fn a_message_of_items_gives_an_article_per_text_item() {
        let body = ITEM.split_once("?>").expect("declaration").1;
        let picture = r#"<newsItem guid="urn:x:pic"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>
            <contentSet><remoteContent href="http://x.example/p.jpg"/></contentSet></newsItem>"#;
        let message = format!(
            "<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\"><header>\
             <sent>2017-03-12T12:00:00Z</sent></header><itemSet>{picture}{body}</itemSet></newsMessage>"
        );
        let parsed = parse(Format::Xml, &message).expect("parses");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].member, Some(Member::Item(2)));
        assert_eq!(
            parsed.problems,
            vec![RecordProblem {
                locator: Member::Item(1),
                reason: "no article text found".into()
            }]
        );
    }

    #[test]
    fn inline_nitf_is_read_as_nitf() {
        let nitf = "<inlineXML contenttype=\"application/nitf+xml\"><nitf><body>\
                    <body.head><hedline><hl1>Ferry strike ends</hl1></hedline></body.head>\
                    <body.content><p>Ferries sail again.</p></body.content></body></nitf></inlineXML>";
        let item = format!("<newsItem><contentSet>{nitf}</contentSet></newsItem>");
        let a = &parse(Format::Xml, &item).expect("parses").articles[0];
        assert_eq!(a.title.as_deref(), Some("Ferry strike ends"));
        assert_eq!(a.body, "Ferries sail again.");
        assert!(a.dates.is_empty());
    }

    #[test]
    fn an_item_without_text_is_empty() {
        assert_eq!(
            parse(Format::Xml, "<newsItem><contentSet/></newsItem>").unwrap_err(),
            FormatError::Empty
        );
    }
}
