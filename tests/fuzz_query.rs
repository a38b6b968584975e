//! The query fuzzer: random, mutated and deeply nested queries through the library's
//! parse, compile, run and highlight, and a few hostile ones through the binary. Every
//! query either runs or is refused with a one-line query error: never a panic, an abort
//! or a hang.

mod common;
use common::{index, newsdex};
use newsdex::index::{Language, NewsIndex};
use newsdex::search::compile::needles_for;
use newsdex::search::highlight::{find_matches, make_snippet};
use newsdex::search::{SearchError, SearchRequest, parse_query, run_search};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::path::Path;
use std::sync::OnceLock;

const STORY: &str = "Truce holds in Aleppo\n\nALEPPO, Syria — The cessation of hostilities \
held on Sunday, U.S. and Russian officials said. Oil prices rose; OPEC met in Geneva. \
The cease-fire, the talks and the truce: hostile crowds gathered in the old city. Kerry’s \
\"truce\" (UAW) held, the «e-mail» said.\n";

/// A tiny index, built once for every fuzz case (the binary builds it, as a user would).
fn fuzz_index() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let tmp = tempfile::tempdir().expect("temp dir");
        let docs = tmp.path().join("docs");
        std::fs::create_dir(&docs).expect("docs dir");
        std::fs::write(docs.join("a.txt"), STORY).expect("story");
        std::fs::write(
            docs.join("b.txt"),
            "Oil talks\n\nGENEVA — Oil ministers talked about prices and the truce.\n",
        )
        .expect("story");
        index(&tmp.path().join("idx"), &[&docs]);
        tmp
    })
    .path()
}

/// Parse, compile and run `query` on the fuzz index, and highlight it in a story: it runs,
/// or it is refused as a query error with one line saying why.
fn check(index: &NewsIndex, query: &str) -> Result<(), TestCaseError> {
    let parsed = parse_query(query);
    let request = SearchRequest {
        query: query.to_string(),
        limit: 5,
        ..SearchRequest::default()
    };
    match run_search(index, &request) {
        Ok(result) => {
            prop_assert!(parsed.is_ok(), "{query:?} ran but does not parse");
            prop_assert!(result.total <= 2, "{query:?}: {} hits of 2", result.total);
        }
        Err(SearchError::Query(e)) => {
            prop_assert_eq!(parsed.as_ref().err(), Some(&e), "{:?}", query);
            let message = e.to_string();
            prop_assert!(
                !message.is_empty() && !message.contains('\n'),
                "{query:?}: {message:?}"
            );
        }
        Err(e) => {
            return Err(TestCaseError::fail(format!(
                "{query:?}: not a query error: {e}"
            )));
        }
    }
    match needles_for(query, Language::English) {
        Ok(needles) => {
            let matches = find_matches(STORY, &needles);
            prop_assert!(matches.iter().all(|m| STORY.is_char_boundary(m.start)
                && STORY.is_char_boundary(m.end)
                && m.start < m.end));
            let snippet = make_snippet(STORY, &needles, 80);
            for [a, b] in snippet.highlights {
                prop_assert!(snippet.text.get(a..b).is_some(), "{query:?}");
            }
        }
        Err(e) => prop_assert_eq!(parsed.err(), Some(e)),
    }
    Ok(())
}

/// Pieces a query is made of, valid and not.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "oil", "truce", "hostilities", "aleppo", "geneva", "U.S.", "cease-fire", "the",
            "talks", "prices", "zzz", "Zürich", "10:30", "e-mail", "ho", "h", "e-mail*",
            "Kerry's", "kerry’s", "(UAW)", "U.S.-Russian", "C++", "'s",
        ])
        .prop_map(str::to_string),
        2 => prop::sample::select(vec![
            "AND", "OR", "NOT", "-", "+", "&&", "||", "(", ")", "\"", "*", "~", "~3",
            "NEAR/3", "NEAR/0", "NEAR/1000", "NEAR/1001", "NEAR", "NEAR/", "w/2", "W/x",
            "PRE/1", "title:", "body:", "author:", "text:", ":", "“", "”", "hostil*",
            "ho*st", "**", "a~2", ",", ".", "«", "»", "'", "’", "[", "]", "—", "+ ", "- ",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{1,6}",
    ]
}

/// Sequences of pieces, joined with or without spaces.
fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec((token(), prop::bool::weighted(0.8)), 0..24).prop_map(|parts| {
        let mut q = String::new();
        for (t, space) in parts {
            q.push_str(&t);
            if space {
                q.push(' ');
            }
        }
        q
    })
}

/// Queries of the grammar: words, phrases, prefixes, fields, NEAR, AND/OR/NOT and groups.
fn grammar() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            "oil",
            "truce",
            "hostilities",
            "aleppo",
            "geneva",
            "the"
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec![
            "\"cessation of hostilities\"",
            "\"oil prices\"~2",
            "\"the tru*\"",
            "\"kerry's 'truce' (uaw)\"",
            "\"U.S. and e-mail*\"~2",
            "\"the «e-mail» said\""
        ])
        .prop_map(str::to_string),
        prop::sample::select(vec!["hostil*", "title:truce", "body:\"oil talks\"", "*"])
            .prop_map(str::to_string),
    ];
    leaf.prop_recursive(6, 64, 6, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} AND {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} OR {b}")),
            inner.clone().prop_map(|a| format!("NOT {a}")),
            inner.clone().prop_map(|a| format!("-{a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            (
                inner.clone(),
                0u32..1200,
                inner.clone(),
                prop::sample::select(vec!["NEAR", "w", "PRE"])
            )
                .prop_map(|(a, n, b, op)| format!("{a} {op}/{n} {b}")),
        ]
    })
}

/// A valid query with a few characters inserted, deleted or replaced.
fn mutated() -> impl Strategy<Value = String> {
    (
        grammar(),
        prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, token()), 1..6),
    )
        .prop_map(|(query, edits)| {
            let mut chars: Vec<char> = query.chars().collect();
            for (at, kind, piece) in edits {
                let i = at.index(chars.len() + 1);
                match kind {
                    0 => {
                        chars.splice(i..i, piece.chars());
                    }
                    1 if i < chars.len() => {
                        chars.remove(i);
                    }
                    _ if i < chars.len() => chars[i] = piece.chars().next().unwrap_or(' '),
                    _ => {}
                }
            }
            chars.into_iter().collect()
        })
}

/// Deep nesting and long chains, around and past the limits.
fn deep() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec![
            "(",
            "NOT ",
            "-",
            "-(",
            "NOT (",
            "oil NEAR/2 (",
            "\"",
            "OR ",
        ]),
        0usize..3000,
        prop::sample::select(vec!["oil", "oil NEAR/3 gas", ""]),
        prop::bool::ANY,
    )
        .prop_map(|(open, n, core, close)| {
            let mut q = open.repeat(n);
            q.push_str(core);
            if close {
                q.push_str(&")".repeat(n));
            }
            q
        })
}

fn fuzz(strategy: impl Strategy<Value = String>, cases: u32) {
    let index = NewsIndex::open(&fuzz_index().join("idx")).expect("fuzz index opens");
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    if let Err(e) = runner.run(&strategy, |query| check(&index, &query)) {
        panic!("{e}");
    }
}

#[test]
fn fuzz_token_soup() {
    fuzz(token_soup(), 300);
}

#[test]
fn fuzz_grammar() {
    fuzz(grammar(), 300);
}

#[test]
fn fuzz_mutated_queries() {
    fuzz(mutated(), 300);
}

#[test]
fn fuzz_deep_queries() {
    fuzz(deep(), 150);
}

/// Hostile queries through the real binary: every command that takes a query exits 2 with
/// one line naming the limit, and prints nothing on stdout.
#[test]
fn hostile_queries_exit_2_with_one_line() {
    let dir = fuzz_index();
    let idx = dir.join("idx");
    let file = dir.join("docs").join("a.txt");
    let deep_not = format!("oil {}gas", "NOT ".repeat(1000));
    let parens = format!("{}oil{}", "(".repeat(8000), ")".repeat(8000));
    let near = format!("the{}", " NEAR/1000 the".repeat(1000));
    let or = vec!["oil"; 5000].join(" OR ");
    let cases = [
        (deep_not.as_str(), "at most 32 levels"),
        (parens.as_str(), "at most 8192"),
        (near.as_str(), "at most 8192"),
        (&near[..150], "at most 8 NEAR"),
        (or.as_str(), "at most 8192"),
        (&or[..2000], "at most 256"),
    ];
    for (query, says) in cases {
        let runs: [Vec<&std::ffi::OsStr>; 4] = [
            vec!["search".as_ref(), query.as_ref()],
            vec!["timeline".as_ref(), query.as_ref()],
            vec!["facets".as_ref(), query.as_ref()],
            vec![
                "show".as_ref(),
                file.as_os_str(),
                "--query".as_ref(),
                query.as_ref(),
            ],
        ];
        for args in runs {
            let output = newsdex()
                .args(&args)
                .arg("--index")
                .arg(&idx)
                .output()
                .expect("runs");
            let stderr = String::from_utf8_lossy(&output.stderr);
            let what = format!("{} {}", args[0].to_string_lossy(), &query[..20]);
            assert_eq!(output.status.code(), Some(2), "{what}: {stderr}");
            assert!(output.stdout.is_empty(), "{what} printed to stdout");
            assert_eq!(stderr.lines().count(), 1, "{what}: {stderr}");
            assert!(stderr.contains(says), "{what}: {stderr:?} lacks {says:?}");
        }
    }
}

/// Found by the fuzzer: excluding a phrase whose words are in a segment but never together
/// panicked inside tantivy's exclusion (the phrase scorer was sought backwards).
#[test]
fn excluding_a_phrase_the_segment_never_holds() {
    let index = NewsIndex::open(&fuzz_index().join("idx")).expect("fuzz index opens");
    for (query, total) in [
        ("NOT body:\"oil talks\"", 2),
        ("truce NOT body:\"oil talks\"", 2),
        ("NOT NOT body:\"oil talks\"", 0),
        ("oil NOT \"oil ministers\"", 1),
    ] {
        let request = SearchRequest {
            query: query.to_string(),
            limit: 5,
            ..SearchRequest::default()
        };
        let result = run_search(&index, &request).expect(query);
        assert_eq!(result.total, total, "{query}");
    }
}
