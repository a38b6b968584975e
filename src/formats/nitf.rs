//! IPTC NITF (News Industry Text Format), as news agencies and newspaper corpora ship it:
//! one article per file.

use super::xml::Element;
use super::{FormatError, Parsed};
use crate::article::{DateHint, HintSource, RawArticle};
use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};

/// Elements of `body.content` whose text is not article text.
const SKIPPED: &[&str] = &["media", "media-caption", "table", "note", "fn", "pre"];

/// Elements of `body.content` that make a paragraph.
const PARAGRAPHS: &[&str] = &[
    "p",
    "hl2",
    "block",
    "bq",
    "ul",
    "ol",
    "li",
    "dl",
    "nitf-table",
];

/// Parse an NITF document whose root element is `root`.
pub(crate) fn parse_root(root: &Element) -> Result<Parsed, FormatError> {
    let head = root.child_local("head");
    let body = root.child_local("body");
    let body_head = body.and_then(|b| b.child_local("body.head"));

    let title = body_head
        .and_then(|h| h.child_local("hedline"))
        .and_then(|h| h.child_local("hl1"))
        .map(Element::text)
        .filter(|t| !t.is_empty())
        .or_else(|| head.and_then(|h| h.child_text("title")));

    let mut paragraphs = Vec::new();
    if let Some(content) = body.and_then(|b| b.child_local("body.content")) {
        collect_paragraphs(content, &mut paragraphs);
    }
    let dateline = body_head
        .and_then(|h| h.child_local("dateline"))
        .map(Element::text)
        .filter(|t| !t.is_empty());
    if let Some(dateline) = &dateline {
        lead_with_dateline(dateline, &mut paragraphs);
    }
    if paragraphs.is_empty() {
        return Err(FormatError::Empty);
    }

    let docdata = head.and_then(|h| h.child_local("docdata"));
    let pubdata = head.and_then(|h| h.child_local("pubdata"));
    let date = pubdata
        .and_then(|p| p.attr("date.publication"))
        .or_else(|| {
            docdata
                .and_then(|d| d.child_local("date.issue"))
                .and_then(|d| d.attr("norm"))
        })
        .map(nitf_date);

    let mut places: Vec<String> = Vec::new();
    let mut add = |place: String| {
        if !place.is_empty() && !places.contains(&place) {
            places.push(place);
        }
    };
    for el in root.descendants() {
        match el.local() {
            "location" => add(location_text(el)),
            "evloc" => {
                for key in ["city", "state-prov", "county-dist"] {
                    if let Some(v) = el.attr(key) {
                        add(v.to_owned());
                    }
                }
                add(el.text());
            }
            _ => {}
        }
    }

    let source = pubdata
        .and_then(|p| p.attr("name"))
        .or_else(|| {
            docdata
                .and_then(|d| d.child_local("doc.copyright"))
                .and_then(|c| c.attr("holder"))
        })
        .map(str::to_owned)
        .or_else(|| {
            body_head
                .and_then(|h| h.child_local("distributor"))
                .map(Element::text)
                .filter(|t| !t.is_empty())
        });

    let url = docdata
        .and_then(|d| d.child_local("doc-id"))
        .and_then(|d| d.attr("id-string"))
        .filter(|id| id.starts_with("http"))
        .map(str::to_owned);

    Ok(Parsed {
        articles: vec![RawArticle {
            member: None,
            title,
            body: paragraphs.join("\n\n"),
            url,
            source,
            dates: date.into_iter().collect(),
            places,
            // NITF marks the language with `xml:lang`, on the document or on its body.
            lang: [Some(root), body]
                .into_iter()
                .flatten()
                .find_map(|e| e.attr("xml:lang"))
                .map(str::to_owned),
            format: "nitf",
        }],
        problems: Vec::new(),
    })
}

/// A dateline the file keeps in its own element (NITF, NewsML-G2) goes before the lead, as
/// print sets it, so the dateline extractor sees it; unless the lead already starts with it.
pub(crate) fn lead_with_dateline(dateline: &str, paragraphs: &mut [String]) {
    if let Some(lead) = paragraphs.first_mut() {
        let first_word = dateline.split([',', ' ']).next().unwrap_or_default();
        if !lead.to_lowercase().starts_with(&first_word.to_lowercase()) {
            *lead = format!("{dateline} — {lead}");
        }
    }
}

fn collect_paragraphs(el: &Element, out: &mut Vec<String>) {
    for child in el.elements() {
        let name = child.local();
        if SKIPPED.contains(&name) {
            continue;
        }
        let has_blocks = child
            .elements()
            .any(|c| PARAGRAPHS.contains(&c.local()) || c.local() == "p");
        if has_blocks || name == "block" {
            collect_paragraphs(child, out);
        } else if PARAGRAPHS.contains(&name) || name == "hl2" {
            let text = child.text();
            if !text.is_empty() {
                out.push(text);
            }
        }
    }
}

/// A `location` is either text or structured (`<city>`, `<state>`, `<country>` children).
fn location_text(el: &Element) -> String {
    let parts: Vec<String> = ["city", "sublocation", "state", "region", "country"]
        .iter()
        .filter_map(|n| el.child_text(n))
        .collect();
    if parts.is_empty() {
        el.text()
    } else {
        parts.join(", ")
    }
}

/// A NITF date, in ISO 8601 basic form (`20160428`, `20160428T143000`,
/// `20160428T143000+0200`) as the instant it names; a time without a zone is UTC, and a
/// zone newsdex does not know leaves the day at midnight. Another form, or an impossible
/// time, is handed on as written.
fn nitf_date(raw: &str) -> DateHint {
    let raw = raw.trim();
    match basic_date(raw) {
        Some(date) => DateHint::instant(HintSource::Metadata, date),
        None => DateHint::written(HintSource::Metadata, raw),
    }
}

fn basic_date(raw: &str) -> Option<DateTime<Utc>> {
    let number = |at: std::ops::Range<usize>| -> Option<u32> {
        let digits = raw.get(at)?;
        digits
            .bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| digits.parse().ok())?
    };
    let day = NaiveDate::from_ymd_opt(number(0..4)? as i32, number(4..6)?, number(6..8)?)?;
    let midnight = Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN));
    let written_time = (raw.as_bytes().get(8) == Some(&b'T'))
        .then(|| Some((number(9..11)?, number(11..13)?, number(13..15)?)))
        .flatten();
    let Some((hour, minute, second)) = written_time else {
        // A bare day, or a time not in the basic form: the day is what matters.
        return Some(midnight);
    };
    // An impossible time (`T253000`) makes the whole date doubtful, as in `parse_date`.
    let time = NaiveTime::from_hms_opt(hour, minute, second)?;
    let zone = &raw[15..];
    let offset_seconds = match zone.as_bytes() {
        [] | [b'Z'] => 0,
        [sign @ (b'+' | b'-'), ..] if zone.len() == 5 => {
            let minutes = i64::from(number(16..18)?) * 60 + i64::from(number(18..20)?);
            if *sign == b'-' {
                -minutes * 60
            } else {
                minutes * 60
            }
        }
        _ => return Some(midnight),
    };
    Some(Utc.from_utc_datetime(&day.and_time(time)) - chrono::Duration::seconds(offset_seconds))
}

#[cfg(test)]
mod tests {
    use super::super::{Format, parse};
    use super::*;
    use crate::article::HintValue;

    const NITF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<nitf>
  <head>
    <title>Harbour talks</title>
    <docdata>
      <evloc city="Valletta" iso-cc="MT"/>
      <date.issue norm="20170312T000000"/>
      <doc.copyright holder="Island Wire"/>
    </docdata>
    <pubdata type="print" date.publication="20170313T061500+0100" name="Island Wire Daily"/>
  </head>
  <body>
    <body.head>
      <hedline><hl1>Malta and Libya reopen harbour talks</hl1></hedline>
      <byline>By A. Writer</byline>
      <dateline><location><city>Valletta</city><country>Malta</country></location>, March 12</dateline>
    </body.head>
    <body.content>
      <p>Negotiators met on Sunday to discuss fishing rights.</p>
      <media media-type="image"><media-caption>Boats in port</media-caption></media>
      <block><p>A second round is planned in <location>Tripoli</location>.</p></block>
    </body.content>
  </body>
</nitf>"#;

    #[test]
    fn nitf_language_from_xml_lang_on_the_document_or_its_body() {
        let parsed = parse(Format::Xml, NITF).expect("parses");
        assert_eq!(parsed.articles[0].lang, None);
        for nitf in [
            NITF.replace("<nitf>", r#"<nitf xml:lang="de">"#),
            NITF.replace("<body>", r#"<body xml:lang="de">"#),
        ] {
            let parsed = parse(Format::Xml, &nitf).expect("parses");
            assert_eq!(parsed.articles[0].lang.as_deref(), Some("de"));
        }
    }

    #[test]
    fn nitf_headline_date_dateline_places_body() {
        let parsed = parse(Format::Xml, NITF).expect("parses");
        let a = &parsed.articles[0];
        assert_eq!(
            a.title.as_deref(),
            Some("Malta and Libya reopen harbour talks")
        );
        assert_eq!(
            a.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant("2017-03-13T05:15:00Z".parse().unwrap()))
        );
        assert_eq!(a.source.as_deref(), Some("Island Wire Daily"));
        assert_eq!(
            a.body,
            "Valletta Malta, March 12 — Negotiators met on Sunday to discuss fishing rights.\n\n\
             A second round is planned in Tripoli."
        );
        assert_eq!(a.places, vec!["Valletta", "Valletta, Malta", "Tripoli"]);
        assert_eq!(a.format, "nitf");
        assert_eq!(a.member, None);
    }

    #[test]
    fn nitf_date_issue_is_the_fallback() {
        let doc = NITF.replace(
            r#"<pubdata type="print" date.publication="20170313T061500+0100" name="Island Wire Daily"/>"#,
            "",
        );
        let a = &parse(Format::Xml, &doc).expect("parses").articles[0];
        assert_eq!(
            a.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant("2017-03-12T00:00:00Z".parse().unwrap()))
        );
        assert_eq!(a.source.as_deref(), Some("Island Wire"));
    }

    #[test]
    fn nitf_without_body_is_empty() {
        assert_eq!(
            parse(Format::Xml, "<nitf><head/><body/></nitf>").unwrap_err(),
            FormatError::Empty
        );
    }

    #[test]
    fn nitf_dates_are_read_as_instants() {
        let utc = |s: &str| Some(HintValue::Instant(s.parse().expect("a test instant")));
        for (raw, expected) in [
            ("20160428", utc("2016-04-28T00:00:00Z")),
            (" 20160428T143000Z ", utc("2016-04-28T14:30:00Z")),
            ("20160428T143000", utc("2016-04-28T14:30:00Z")),
            ("20160428T143000+0200", utc("2016-04-28T12:30:00Z")),
            ("20160428T143000-0130", utc("2016-04-28T16:00:00Z")),
            ("20160428T143000EST", utc("2016-04-28T00:00:00Z")),
            ("20160428T1430", utc("2016-04-28T00:00:00Z")),
            (
                "20160428T253000",
                Some(HintValue::Written("20160428T253000".into())),
            ),
            ("20160230", Some(HintValue::Written("20160230".into()))),
            ("2016-04-28", Some(HintValue::Written("2016-04-28".into()))),
            ("2016042", Some(HintValue::Written("2016042".into()))),
        ] {
            assert_eq!(Some(nitf_date(raw).value), expected, "{raw}");
        }
    }
}
