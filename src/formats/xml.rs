//! A small element tree over quick-xml for the XML formats (feeds, NITF): they are read
//! whole, and walking a tree is simpler than a state machine for each dialect.

use super::FormatError;
use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::resolve_html5_entity;
use quick_xml::events::{BytesStart, Event};

/// Deepest nesting accepted; deeper documents are rejected rather than risking the stack.
const MAX_DEPTH: usize = 256;

/// An XML element with its attributes and children.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Element {
    /// The name as written, prefix included (`content:encoded`).
    pub name: String,
    /// Attributes by name as written, values with entities resolved.
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The name without its namespace prefix.
    pub fn local(&self) -> &str {
        self.name.rsplit(':').next().unwrap_or(&self.name)
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|c| match c {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first child element with this name (as written, prefix included).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first child element with this local name, whatever its prefix.
    pub fn child_local(&self, local: &str) -> Option<&Element> {
        self.elements().find(|e| e.local() == local)
    }

    /// Every element below this one, depth first, in document order.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = Vec::new();
        let mut stack: Vec<&Element> = self.elements().collect();
        stack.reverse();
        while let Some(e) = stack.pop() {
            out.push(e);
            let mut kids: Vec<&Element> = e.elements().collect();
            kids.reverse();
            stack.extend(kids);
        }
        out
    }

    /// All the text below this element, whitespace collapsed. Child elements are
    /// separated by a space (`<city>A</city><country>B</country>` is `A B`), which is then
    /// dropped again before punctuation.
    pub fn text(&self) -> String {
        let mut raw = String::new();
        self.collect_text(&mut raw);
        let mut out = String::with_capacity(raw.len());
        for word in raw.split_whitespace() {
            let glued = word.starts_with([',', '.', ';', ':', '!', '?', ')']);
            if !out.is_empty() && !glued {
                out.push(' ');
            }
            out.push_str(word);
        }
        out
    }

    fn collect_text(&self, out: &mut String) {
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => {
                    out.push(' ');
                    e.collect_text(out);
                    out.push(' ');
                }
            }
        }
    }

    /// Inline XHTML (an Atom `type="xhtml"` text, a NewsML-G2 `inlineXML`) back to
    /// markup, so the HTML text extraction sees its paragraphs.
    pub fn to_markup(&self) -> String {
        let mut out = String::new();
        self.write_markup(&mut out);
        out
    }

    fn write_markup(&self, out: &mut String) {
        out.push('<');
        out.push_str(self.local());
        out.push('>');
        for child in &self.children {
            match child {
                Node::Text(t) => out.push_str(&t.replace('&', "&amp;").replace('<', "&lt;")),
                Node::Element(inner) => inner.write_markup(out),
            }
        }
        out.push_str("</");
        out.push_str(self.local());
        out.push('>');
    }

    /// The text of a child element, `None` when missing or blank.
    pub fn child_text(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(Element::text)
            .filter(|t| !t.is_empty())
    }
}

/// Parse a whole XML document into its root element.
pub(crate) fn parse_tree(text: &str) -> Result<Element, FormatError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let error = |reader: &Reader<&[u8]>, msg: String| {
        let line = 1 + text.as_bytes()[..(reader.buffer_position() as usize).min(text.len())]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        // quick-xml quotes the document, and a skip reason is one line of the report.
        let msg: String = msg
            .chars()
            .flat_map(|c| {
                let escaped = c.is_control().then(|| c.escape_default());
                escaped
                    .into_iter()
                    .flatten()
                    .chain((!c.is_control()).then_some(c))
            })
            .collect();
        FormatError::Xml(format!("{msg} (line {line})"))
    };
    loop {
        let event = reader
            .read_event()
            .map_err(|e| error(&reader, e.to_string()))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(error(&reader, "elements nested too deeply".into()));
                }
                stack.push(element(&start));
            }
            Event::Empty(start) => {
                let e = element(&start);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(e)),
                    None if root.is_none() => root = Some(e),
                    None => {}
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(error(&reader, "unexpected closing tag".into()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None if root.is_none() => root = Some(done),
                    None => {}
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(c) => push_text(&mut stack, &c.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = r.xml10_content();
                        match resolve_html5_entity(&name) {
                            Some(s) => s.to_owned(),
                            None => format!("&{name};"),
                        }
                    }
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(FormatError::Xml(format!(
            "file ends inside <{}> (truncated?)",
            open.name
        )));
    }
    root.ok_or_else(|| FormatError::Xml("no root element".into()))
}

fn element(start: &BytesStart<'_>) -> Element {
    let name = start.name().as_ref().to_owned();
    let attrs = start
        .attributes()
        .flatten()
        .map(|a| {
            let key = a.key.as_ref().to_owned();
            let value = a
                .normalized_value_with(XmlVersion::Implicit1_0, 8, resolve_html5_entity)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.clone().into_owned());
            (key, value)
        })
        .collect();
    Element {
        name,
        attrs,
        children: Vec::new(),
    }
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(parent) = stack.last_mut() {
        if let Some(Node::Text(last)) = parent.children.last_mut() {
            last.push_str(text);
        } else {
            parent.children.push(Node::Text(text.to_owned()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tree_with_entities_cdata_and_attributes() {
        let root = parse_tree(
            "<?xml version=\"1.0\"?><a x=\"1 &amp; 2\"><b>Caf&eacute; &#233; &amp;</b>\
             <c><![CDATA[<p>raw</p>]]></c><d/></a>",
        )
        .expect("parses");
        assert_eq!(root.name, "a");
        assert_eq!(root.attr("x"), Some("1 & 2"));
        assert_eq!(root.child_text("b").as_deref(), Some("Café é &"));
        assert_eq!(root.child_text("c").as_deref(), Some("<p>raw</p>"));
        assert!(root.child("d").is_some());
    }

    #[test]
    fn an_error_quoting_the_document_stays_one_line() {
        // Found by tests/fuzz_formats.rs: a skip reason quoted a newline of the file.
        let err = parse_tree("<a><title>x</title$\n  <b>").unwrap_err();
        let FormatError::Xml(m) = &err else {
            panic!("{err}")
        };
        assert!(m.contains("title$\\n") && !m.contains('\n'), "{m}");
    }

    #[test]
    fn malformed_xml_is_error_with_line() {
        let err = parse_tree("<a>\n<b>text</c></a>").unwrap_err();
        assert!(
            matches!(&err, FormatError::Xml(m) if m.contains("line 2")),
            "{err}"
        );
        let err = parse_tree("<rss><channel><item>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid XML: file ends inside <item> (truncated?)"
        );
    }
}
