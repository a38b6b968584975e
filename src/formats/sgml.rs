//! Reuters-21578 SGML (`.sgm`), the classic news test collection: one file holds many
//! `<REUTERS>` stories, each an article, member `item N` (1-based, in file order).
//!
//! The files are SGML, not XML: a `DOCTYPE`, no single root, and control characters written
//! as character references (`&#2;` opens a story's text, `&#3;` ends it). Each story on its
//! own is well-formed, so it is cut out and read with the XML reader: one bad story is a
//! problem of that record, not of the file.

use super::xml::{Element, Node, parse_tree};
use super::{FormatError, Member, Parsed, RecordProblem};
use crate::article::{DateHint, HintSource, RawArticle};
use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};

const OPEN: &str = "<REUTERS";
const CLOSE: &str = "</REUTERS>";

/// Parse a Reuters-21578 file: every `<REUTERS>` story in it.
pub fn parse(text: &str) -> Result<Parsed, FormatError> {
    let mut parsed = Parsed::default();
    let mut rest = text;
    let mut number = 0;
    while let Some(start) = find_open(rest) {
        number += 1;
        let member = Member::Item(number);
        let story = &rest[start..];
        let Some(end) = story.find(CLOSE) else {
            parsed.problems.push(RecordProblem {
                locator: member,
                reason: "story ends without </REUTERS> (truncated?)".into(),
            });
            break;
        };
        let end = end + CLOSE.len();
        let story_article = parse_tree(&story[..end])
            .map_err(|e| e.to_string())
            .and_then(|root| story_article(&root));
        parsed.push(member, story_article);
        rest = &story[end..];
    }
    if number == 0 {
        return Err(FormatError::Unsupported(
            "no <REUTERS> story found: not a Reuters-21578 SGML file".into(),
        ));
    }
    Ok(parsed)
}

/// Where the next `<REUTERS …>` or `<REUTERS>` tag starts.
fn find_open(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(OPEN) {
        let at = from + at;
        let next = text[at + OPEN.len()..].chars().next();
        if next.is_some_and(|c| c == '>' || c.is_whitespace()) {
            return Some(at);
        }
        from = at + OPEN.len();
    }
    None
}

/// The article of one `<REUTERS>` element, or why there is none.
fn story_article(root: &Element) -> Result<RawArticle, String> {
    let text = root
        .child_local("TEXT")
        .ok_or_else(|| "story has no <TEXT>".to_string())?;
    let title = text.child_text("TITLE").map(|t| clean(&t));
    let dateline = text
        .child_text("DATELINE")
        .map(|d| clean(&d))
        .filter(|d| !d.is_empty());
    // A `TYPE="UNPROC"` story has no BODY: its text stands in TEXT itself.
    let raw_body = match text.child_local("BODY") {
        Some(body) => own_text(body),
        None => own_text(text),
    };
    let (mut body, signed) = paragraphs(&raw_body);
    if let Some(dateline) = dateline {
        // As the wire printed it: `SALVADOR, Feb 26 - Showers continued …`, so the
        // dateline extractor reads it where it looks for one.
        body = if body.is_empty() {
            dateline
        } else {
            format!("{dateline} {body}")
        };
    }
    // A `TYPE="BRIEF"` story is its headline alone.
    let body = match (body.is_empty(), &title) {
        (true, Some(title)) => title.clone(),
        (true, None) => return Err("no article text".into()),
        (false, _) => body,
    };
    let date = root.child_text("DATE").map(|d| reuters_date(&d));
    let places = root
        .child_local("PLACES")
        .map(|p| codes(p).map(|code| code.replace('-', " ")).collect())
        .unwrap_or_default();
    Ok(RawArticle {
        member: None,
        title: title.filter(|t| !t.is_empty()),
        body,
        url: None,
        source: signed.then(|| "Reuters".to_string()),
        dates: date.into_iter().collect(),
        places,
        lang: None,
        format: "sgml",
    })
}

/// The `<D>` codes of a category element (`<PLACES><D>el-salvador</D><D>usa</D></PLACES>`).
fn codes(e: &Element) -> impl Iterator<Item = String> + '_ {
    e.elements()
        .filter(|d| d.local() == "D")
        .map(|d| clean(&d.text()))
        .filter(|d| !d.is_empty())
}

/// The text directly inside `e`, line breaks kept, without its child elements (a TEXT
/// element's TITLE and DATELINE are read on their own).
fn own_text(e: &Element) -> String {
    e.children
        .iter()
        .filter_map(|c| match c {
            Node::Text(t) => Some(t.as_str()),
            Node::Element(_) => None,
        })
        .collect()
}

/// A story's text as paragraphs, and whether it ended with the agency's `Reuter`
/// sign-off (dropped). A paragraph starts on an indented line, as the wire set them.
fn paragraphs(raw: &str) -> (String, bool) {
    let raw = strip_controls(raw);
    let mut paragraphs: Vec<String> = Vec::new();
    for line in raw.lines() {
        let words = line.split_whitespace().collect::<Vec<_>>().join(" ");
        // A brief's `******` marker is not text.
        if !words.chars().any(char::is_alphanumeric) {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        match paragraphs.last_mut() {
            Some(last) if !indented => {
                last.push(' ');
                last.push_str(&words);
            }
            _ => paragraphs.push(words),
        }
    }
    let signed = paragraphs
        .last()
        .is_some_and(|p| p.eq_ignore_ascii_case("reuter"));
    if signed {
        paragraphs.pop();
    }
    (paragraphs.join("\n\n"), signed)
}

/// One line of text, without the control characters the wire format carries.
fn clean(text: &str) -> String {
    strip_controls(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn strip_controls(text: &str) -> String {
    text.chars()
        .filter(|&c| !c.is_control() || c == '\n' || c == '\t')
        .collect()
}

/// `26-FEB-1987 15:01:01.79` as the instant it names (the collection gives no zone: read
/// as UTC). A time that does not parse leaves the day; a day that does not parse is handed
/// on as written.
fn reuters_date(raw: &str) -> DateHint {
    let raw = clean(raw);
    let instant = NaiveDateTime::parse_from_str(&raw, "%d-%b-%Y %H:%M:%S%.f")
        .ok()
        .or_else(|| {
            let day = raw.split(' ').next()?;
            let day = NaiveDate::parse_from_str(day, "%d-%b-%Y").ok()?;
            day.and_hms_opt(0, 0, 0)
        });
    match instant {
        Some(instant) => DateHint::instant(HintSource::Metadata, Utc.from_utc_datetime(&instant)),
        None => DateHint::written(HintSource::Metadata, raw),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Format, parse as parse_format};
    use super::*;
    use crate::article::HintValue;

    /// Two stories as the collection writes them: a DOCTYPE, no root, control characters
    /// as references, a company name in escaped angle brackets.
    const SGM: &str = "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">
<REUTERS TOPICS=\"YES\" LEWISSPLIT=\"TRAIN\" CGISPLIT=\"TRAINING-SET\" OLDID=\"1\" NEWID=\"1\">
<DATE>26-FEB-1987 15:01:01.79</DATE>
<TOPICS><D>cocoa</D></TOPICS>
<PLACES><D>el-salvador</D><D>usa</D></PLACES>
<PEOPLE></PEOPLE>
<UNKNOWN> &#5;&#5;&#5;C T
&#22;&#22;&#1;f0704&#31;reute
u f BC-HARBOUR-COCOA   02-26 0105</UNKNOWN>
<TEXT>&#2;
<TITLE>HARBOUR &lt;P> COCOA REVIEW</TITLE>
<DATELINE>    SALVADOR, Feb 26 - </DATELINE><BODY>Rain fell across the
cocoa zone this week, said &lt;Harbour Trading Co>.
    Shipments rose to 1,200 bags.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS=\"NO\" NEWID=\"2\">
<DATE>  3-MAR-1987  09:15:05.40</DATE>
<TOPICS></TOPICS><PLACES></PLACES>
<TEXT TYPE=\"BRIEF\">&#2;
******<TITLE>PORT AUTHORITY SETS NEW FEES
</TITLE>
&#3;
</TEXT>
</REUTERS>
";

    #[test]
    fn every_story_is_an_article_with_its_member() {
        let parsed = parse_format(Format::Sgml, SGM).expect("parses");
        assert_eq!(parsed.problems, vec![]);
        let [cocoa, brief] = &parsed.articles[..] else {
            panic!("{:?}", parsed.articles)
        };
        assert_eq!(cocoa.member, Some(Member::Item(1)));
        assert_eq!(cocoa.title.as_deref(), Some("HARBOUR <P> COCOA REVIEW"));
        assert_eq!(
            cocoa.body,
            "SALVADOR, Feb 26 - Rain fell across the cocoa zone this week, said \
             <Harbour Trading Co>.\n\nShipments rose to 1,200 bags."
        );
        assert_eq!(cocoa.source.as_deref(), Some("Reuters"));
        assert_eq!(cocoa.places, vec!["el salvador", "usa"]);
        assert_eq!(cocoa.format, "sgml");
        assert_eq!(
            cocoa.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant(
                "1987-02-26T15:01:01.790Z".parse().unwrap()
            ))
        );
        assert_eq!(brief.member, Some(Member::Item(2)));
        assert_eq!(brief.title.as_deref(), Some("PORT AUTHORITY SETS NEW FEES"));
        assert_eq!(brief.body, "PORT AUTHORITY SETS NEW FEES");
        assert_eq!(brief.source, None);
        assert_eq!(
            brief.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant(
                "1987-03-03T09:15:05.400Z".parse().unwrap()
            ))
        );
    }

    #[test]
    fn unprocessed_story_text_stands_in_text() {
        let sgm = "<REUTERS NEWID=\"9\"><DATE>5-MAR-1987 605:12:19.12</DATE>\
                   <TEXT TYPE=\"UNPROC\">&#2;\nCORRECTION - HARBOUR ITEM\n    Please read \
                   1,200 bags, not 2,100.\n Reuter\n&#3;\n</TEXT></REUTERS>";
        let a = &parse(sgm).expect("parses").articles[0];
        assert_eq!(a.title, None);
        assert_eq!(
            a.body,
            "CORRECTION - HARBOUR ITEM\n\nPlease read 1,200 bags, not 2,100."
        );
        // An impossible time leaves the day.
        assert_eq!(
            a.date_hint(HintSource::Metadata),
            Some(&HintValue::Instant("1987-03-05T00:00:00Z".parse().unwrap()))
        );
    }

    #[test]
    fn a_bad_story_is_a_problem_of_its_record_only() {
        let bad = SGM.replacen("</BODY>", "", 1);
        let parsed = parse(&bad).expect("parses");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(parsed.articles[0].member, Some(Member::Item(2)));
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].locator, Member::Item(1));
        assert!(
            parsed.problems[0].reason.starts_with("invalid XML:"),
            "{:?}",
            parsed.problems
        );

        let cut = &SGM[..SGM.rfind("</REUTERS>").expect("two stories")];
        let parsed = parse(cut).expect("parses");
        assert_eq!(parsed.articles.len(), 1);
        assert_eq!(
            parsed.problems,
            vec![RecordProblem {
                locator: Member::Item(2),
                reason: "story ends without </REUTERS> (truncated?)".into()
            }]
        );
    }

    #[test]
    fn a_file_without_stories_is_not_reuters() {
        let err = parse("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n<REUTERSX/>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "no <REUTERS> story found: not a Reuters-21578 SGML file"
        );
    }

    #[test]
    fn dates_as_the_collection_writes_them() {
        let utc = |s: &str| HintValue::Instant(s.parse().expect("a test instant"));
        for (raw, expected) in [
            ("26-FEB-1987 15:01:01.79", utc("1987-02-26T15:01:01.790Z")),
            ("  3-MAR-1987  09:15:05.40", utc("1987-03-03T09:15:05.400Z")),
            ("19-OCT-1987 23:59:59", utc("1987-10-19T23:59:59Z")),
            ("31-MAR-1987 605:12:19.12", utc("1987-03-31T00:00:00Z")),
            (
                "sometime in 1987",
                HintValue::Written("sometime in 1987".into()),
            ),
        ] {
            assert_eq!(reuters_date(raw).value, expected, "{raw}");
        }
    }
}
