//! `newsdex export --to quickwit|opensearch` and reading an export back with `newsdex index`,
//! through the real binary on `sample-corpus/`.
//!
//! The formats are checked against the engines' documentation:
//! - Quickwit index config (doc_mapping, `mode: strict`, field types and options,
//!   `timestamp_field`): https://quickwit.io/docs/configuration/index-config
//! - Quickwit ingest (NDJSON, 10 MB per request): https://quickwit.io/docs/ingest-data/ingest-api
//!   and https://quickwit.io/docs/reference/rest-api
//! - Quickwit aggregations on fast fields (terms on `raw` text, date_histogram with
//!   `fixed_interval`): https://quickwit.io/docs/reference/aggregation
//! - Quickwit query language (phrase `~slop`, `"phrase"*`, ranges `[a TO b}`):
//!   https://quickwit.io/docs/reference/query-language
//! - OpenSearch bulk (action line then source, every line ending in a newline, `_id` at
//!   most 512 bytes): https://docs.opensearch.org/latest/api-reference/document-apis/bulk/
//! - OpenSearch mappings (`text` with `fields`, `keyword`, `date` with
//!   `strict_date_optional_time`), span_near and terms/date_histogram aggregations:
//!   https://docs.opensearch.org/latest/field-types/ ,
//!   https://docs.opensearch.org/latest/query-dsl/span/span-near/ ,
//!   https://docs.opensearch.org/latest/aggregations/bucket/date-histogram/

mod common;
use common::{index, newsdex, repo_path, run_ok, sample_corpus as corpus, search};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Export the sample corpus to a new folder `name` and return the folder and stdout.
fn export(name: &str, engine: &str, flags: &[&str]) -> (PathBuf, String) {
    export_from(&corpus().index, name, engine, flags)
}

fn export_from(idx: &Path, name: &str, engine: &str, flags: &[&str]) -> (PathBuf, String) {
    let out = corpus().dir.path().join(name);
    let output = newsdex()
        .args(["export", "--to", engine, "--index"])
        .arg(idx)
        .arg(&out)
        .args(flags)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "export failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (out, String::from_utf8(output.stdout).unwrap())
}

/// The NDJSON files of an export, sorted by name.
fn parts(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ndjson"))
        .collect();
    files.sort();
    files
}

/// Every article record of an export (the documents, not OpenSearch's action lines).
fn records(dir: &Path) -> Vec<Value> {
    let mut out = Vec::new();
    for file in parts(dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text.lines() {
            let value: Value = serde_json::from_str(line).expect("every line parses");
            if value.get("index").is_none() {
                out.push(value);
            }
        }
    }
    out
}

fn readme_section() -> String {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    let start = readme
        .find("## Beyond one machine")
        .expect("README has the section");
    let rest = &readme[start + 3..];
    let end = rest.find("\n## ").map(|e| e + 1).unwrap_or(rest.len());
    rest[..end].to_string()
}

/// A cell's shell words (`--query '"a b"' --from 2016`), single quotes honoured.
fn shell_words(cell: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in cell.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    words.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            c => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        words.push(word);
    }
    words
}

/// The README's translation examples: (export flags, Quickwit query, OpenSearch query).
fn readme_examples() -> Vec<(Vec<String>, String, Value)> {
    let section = readme_section();
    let queries = &section[section.find("### Queries there").expect("subsection")..];
    let mut out = Vec::new();
    for line in queries.lines() {
        let cells: Vec<&str> = line.split(" | ").collect();
        if cells.len() != 3 || !line.starts_with("| `--query") {
            continue;
        }
        let code = |cell: &str| {
            cell.trim_matches(|c| c == '|' || c == ' ')
                .trim_matches('`')
                .to_string()
        };
        out.push((
            shell_words(&code(cells[0])),
            code(cells[1]),
            serde_json::from_str(&code(cells[2])).expect("README OpenSearch query is JSON"),
        ));
    }
    assert!(out.len() >= 6, "README examples found: {}", out.len());
    out
}

/// `export --show-query` for flags, as JSON.
fn show_query(engine: &str, flags: &[String]) -> Value {
    let output = newsdex()
        .args(["export", "--to", engine, "--show-query"])
        .args(flags)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{flags:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn every_readme_example_translates_as_the_readme_says() {
    for (flags, quickwit, opensearch) in readme_examples() {
        let qw = show_query("quickwit", &flags);
        assert_eq!(qw["search"]["query"], Value::from(quickwit), "{flags:?}");
        assert_eq!(qw["facets"]["query"], qw["search"]["query"]);
        let os = show_query("opensearch", &flags);
        assert_eq!(os["search"]["query"], opensearch, "{flags:?}");
        assert_eq!(os["timeline"]["query"], opensearch);
    }
}

#[test]
fn readme_shows_the_whole_requests_of_the_quick_start_query() {
    let section = readme_section();
    let blocks: Vec<Value> = section
        .split("```json\n")
        .skip(1)
        .map(|b| serde_json::from_str(&b[..b.find("```").unwrap()]).expect("the block is JSON"))
        .collect();
    assert_eq!(blocks.len(), 2);
    let flags: Vec<String> = shell_words(
        "--query '\"cessation of hostilities\"' --from 2016-04 --until 2016-05 --location Syria",
    );
    assert_eq!(show_query("quickwit", &flags), blocks[0]);
    assert_eq!(show_query("opensearch", &flags)["search"], blocks[1]);
}

/// The `search` query and flags that ask what an example's export flags ask.
fn search_args(flags: &[String]) -> (String, Vec<String>) {
    let mut query = String::new();
    let mut search_flags: Vec<String> = Vec::new();
    let mut it = flags.iter();
    while let Some(flag) = it.next() {
        let value = it.next().unwrap().clone();
        match flag.as_str() {
            "--query" => query = value,
            "--until" => search_flags.extend(["--to".to_string(), value]),
            other => search_flags.extend([other.to_string(), value]),
        }
    }
    (query, search_flags)
}

/// What the searches of the README's examples answer on an index, by the search command.
fn answers(idx: &Path) -> BTreeMap<String, (u64, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    for (flags, _, _) in readme_examples() {
        let (query, search_flags) = search_args(&flags);
        let flags: Vec<&str> = search_flags.iter().map(String::as_str).collect();
        // Every copy listed, and copies grouped by their fingerprints.
        for grouping in [&["--all-copies"][..], &[]] {
            let flags = [&flags[..], grouping].concat();
            let result = search(idx, &query, &flags);
            let ids = result["hits"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| format!("{} +{}", h["id"].as_str().unwrap(), h["similar_count"]))
                .collect();
            out.insert(
                format!("{query} {flags:?}"),
                (result["total"].as_u64().unwrap(), ids),
            );
        }
    }
    out
}

/// Everything newsdex extracted, per article id, as `search --all` exports it.
fn all_articles(idx: &Path) -> BTreeMap<String, Value> {
    let output = newsdex()
        .args(["search", "*", "--all", "--format", "jsonl", "--index"])
        .arg(idx)
        .args([
            "--fields",
            "id,title,date,date_source,url,source,format,dateline,locations,mentions,body",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            (v["id"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

fn facets(idx: &Path, field: &str) -> Value {
    let output = newsdex()
        .args([
            "facets", "*", "--format", "json", "--depth", "3", "--top", "1000",
        ])
        .args(["--field", field, "--index"])
        .arg(idx)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn round_trip_through_either_engine_keeps_every_article_as_extracted() {
    let original = &corpus().index;
    let expected_articles = all_articles(original);
    assert_eq!(expected_articles.len(), 60);
    let expected_answers = answers(original);
    assert!(expected_answers.values().any(|(total, _)| *total > 0));
    for engine in ["quickwit", "opensearch"] {
        let (out, _) = export(
            &format!("round-{engine}"),
            engine,
            &["--max-file-mb", "0.05"],
        );
        let copy = corpus().dir.path().join(format!("copy-{engine}"));
        let summary = index(&copy, &[&out]);
        assert_eq!(summary["articles_indexed"], 60, "{engine}: {summary}");
        assert_eq!(summary["skipped"], Value::Array(vec![]), "{engine}");
        assert_eq!(all_articles(&copy), expected_articles, "{engine}");
        assert_eq!(answers(&copy), expected_answers, "{engine}");
        for field in ["location", "mentions", "dateline", "source", "year"] {
            assert_eq!(
                facets(&copy, field),
                facets(original, field),
                "{engine} {field}"
            );
        }
        // Exported again, every record is the same but for where the article now lives
        // (fingerprints included, which no search above shows).
        let (again, _) = export_from(&copy, &format!("again-{engine}"), engine, &[]);
        let by_id = |dir: &Path| -> BTreeMap<String, Value> {
            records(dir)
                .into_iter()
                .map(|mut r| {
                    let o = r.as_object_mut().unwrap();
                    o.remove("path");
                    o.remove("member");
                    (o["id"].as_str().unwrap().to_string(), r)
                })
                .collect()
        };
        assert_eq!(by_id(&again), by_id(&out), "{engine}");
    }
}

#[test]
fn every_line_parses_ends_in_a_newline_and_files_stay_under_the_limit() {
    for engine in ["quickwit", "opensearch"] {
        let (out, stdout) = export(
            &format!("limit-{engine}"),
            engine,
            &["--max-file-mb", "0.05"],
        );
        let files = parts(&out);
        assert!(files.len() > 1, "{engine}: the corpus spans several files");
        let mut ids = Vec::new();
        for file in &files {
            let bytes = std::fs::read(file).unwrap();
            assert!(
                bytes.len() as u64 <= 52_428,
                "{}: {}",
                file.display(),
                bytes.len()
            );
            assert!(bytes.ends_with(b"\n"));
            let text = String::from_utf8(bytes).unwrap();
            let lines: Vec<Value> = text
                .split_terminator('\n')
                .map(|l| serde_json::from_str(l).expect("line parses"))
                .collect();
            if engine == "opensearch" {
                // _bulk pairs: the action names the article's id.
                assert_eq!(lines.len() % 2, 0);
                for pair in lines.chunks(2) {
                    assert_eq!(pair[0]["index"]["_id"], pair[1]["id"]);
                    assert_eq!(pair[0].as_object().unwrap().len(), 1);
                    ids.push(pair[1]["id"].as_str().unwrap().to_string());
                    assert!(pair[1].get("body_exact").is_none());
                }
            } else {
                for doc in &lines {
                    assert_eq!(doc["body_exact"], doc["body"]);
                    ids.push(doc["id"].as_str().unwrap().to_string());
                }
            }
        }
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 60, "{engine}: each article once");
        let command = if engine == "quickwit" {
            "quickwit index ingest --index newsdex"
        } else {
            "/newsdex/_bulk"
        };
        assert!(stdout.contains(command), "{stdout}");
    }
}

#[test]
fn two_exports_of_one_index_are_identical() {
    for engine in ["quickwit", "opensearch"] {
        let (a, _) = export(&format!("same-a-{engine}"), engine, &[]);
        let (b, _) = export(&format!("same-b-{engine}"), engine, &[]);
        let names = |d: &Path| {
            let mut n: Vec<String> = std::fs::read_dir(d)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            n.sort();
            n
        };
        assert_eq!(names(&a), names(&b));
        for name in names(&a) {
            assert_eq!(
                std::fs::read(a.join(&name)).unwrap(),
                std::fs::read(b.join(&name)).unwrap(),
                "{engine} {name}"
            );
        }
    }
}

#[test]
fn a_query_exports_only_its_articles_with_their_places_and_ancestors() {
    let (out, _) = export(
        "query-only",
        "quickwit",
        &[
            "--query",
            "\"cessation of hostilities\"",
            "--from",
            "2016-04",
            "--until",
            "2016-05",
            "--location",
            "Syria",
        ],
    );
    let docs = records(&out);
    assert_eq!(docs.len(), 5);
    for doc in &docs {
        let tree: Vec<&str> = doc["location_tree"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert!(tree.contains(&"/Syria"), "{tree:?}");
        for place in doc["locations"].as_array().unwrap() {
            let place = place.as_str().unwrap();
            assert!(tree.contains(&place));
            let mut ancestor = String::new();
            for step in place.split('/').skip(1) {
                ancestor.push('/');
                ancestor.push_str(step);
                assert!(tree.contains(&ancestor.as_str()), "{ancestor} of {place}");
            }
        }
        let published = doc["published"].as_str().unwrap();
        assert!(
            published.starts_with("2016-0") && published.ends_with('Z'),
            "{published}"
        );
        assert_eq!(doc["language"], "english");
    }
}

/// The keys an exported record can carry, from a record with every optional field set.
fn record_keys(docs: &[Value]) -> BTreeSet<String> {
    docs.iter()
        .flat_map(|d| d.as_object().unwrap().keys().cloned())
        .collect()
}

#[test]
fn quickwit_config_matches_its_golden_file_and_declares_every_exported_field() {
    let (out, _) = export("golden-quickwit", "quickwit", &[]);
    let written = std::fs::read_to_string(out.join("quickwit-index.yaml")).unwrap();
    let golden = std::fs::read_to_string(repo_path("tests/golden/quickwit-index.yaml")).unwrap();
    assert_eq!(written, golden);

    let config: serde_yaml_ng::Value = serde_yaml_ng::from_str(&written).unwrap();
    let mapping = &config["doc_mapping"];
    assert_eq!(mapping["mode"].as_str(), Some("strict"));
    assert_eq!(mapping["timestamp_field"].as_str(), Some("published"));
    let fields: BTreeMap<String, &serde_yaml_ng::Value> = mapping["field_mappings"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|f| (f["name"].as_str().unwrap().to_string(), f))
        .collect();
    // Strict mode refuses a document with an undeclared field.
    let keys = record_keys(&records(&out));
    for key in &keys {
        assert!(fields.contains_key(key), "{key} is not declared");
    }
    for name in ["title", "body", "title_exact", "body_exact"] {
        assert_eq!(fields[name]["record"].as_str(), Some("position"), "{name}");
        assert_eq!(fields[name]["fieldnorms"].as_bool(), Some(true), "{name}");
    }
    assert_eq!(fields["body"]["tokenizer"].as_str(), Some("en_stem"));
    assert_eq!(fields["body_exact"]["tokenizer"].as_str(), Some("default"));
    let published = fields["published"];
    assert_eq!(published["type"].as_str(), Some("datetime"));
    assert_eq!(published["fast"].as_bool(), Some(true));
    assert_eq!(
        published["input_formats"].as_sequence().unwrap()[0].as_str(),
        Some("rfc3339")
    );
    for name in ["location_tree", "mention_tree", "dateline_tree"] {
        assert_eq!(fields[name]["type"].as_str(), Some("array<text>"));
        assert_eq!(fields[name]["tokenizer"].as_str(), Some("raw"));
        assert_eq!(fields[name]["fast"].as_bool(), Some(true));
    }
}

#[test]
fn opensearch_body_matches_its_golden_file_and_maps_every_exported_field() {
    let (out, _) = export("golden-opensearch", "opensearch", &[]);
    let written = std::fs::read_to_string(out.join("opensearch-index.jsonc")).unwrap();
    let golden = std::fs::read_to_string(repo_path("tests/golden/opensearch-index.jsonc")).unwrap();
    assert_eq!(written, golden);

    let body: Value = serde_json::from_str(&written).unwrap();
    let mappings = &body["mappings"];
    assert_eq!(mappings["dynamic"], "strict");
    let properties = mappings["properties"].as_object().unwrap();
    for key in record_keys(&records(&out)) {
        assert!(properties.contains_key(&key), "{key} is not mapped");
    }
    for name in ["title", "body"] {
        assert_eq!(properties[name]["type"], "text");
        assert_eq!(properties[name]["analyzer"], "english");
        assert_eq!(
            properties[name]["fields"]["exact"]["analyzer"],
            "newsdex_exact"
        );
    }
    assert_eq!(
        body["settings"]["analysis"]["analyzer"]["newsdex_exact"]["filter"],
        serde_json::json!(["lowercase", "asciifolding"])
    );
    assert_eq!(properties["published"]["type"], "date");
    assert_eq!(
        properties["published"]["format"],
        "strict_date_optional_time"
    );
    assert_eq!(properties["location_tree"]["type"], "keyword");
}

#[test]
fn export_mistakes_exit_2_with_what_to_fix() {
    let taken = corpus().dir.path().join("taken");
    std::fs::create_dir_all(&taken).unwrap();
    std::fs::write(taken.join("old.ndjson"), "{}\n").unwrap();
    let cases: Vec<(Vec<String>, String)> = vec![
        (
            vec![taken.display().to_string()],
            format!("error: {} is not empty: export into a new or empty folder\n", taken.display()),
        ),
        (
            vec!["new-out".into(), "--max-file-mb".into(), "20".into()],
            "error: --max-file-mb 20 is over what quickwit takes in one request (10 MB): give a smaller size\n".into(),
        ),
        (
            vec!["--show-query".into(), "--query".into(), "\"a b\" NEAR/3 c".into()],
            "error: no quickwit form for this query: NEAR/n, w/n and PRE/n between phrases, prefixes or other NEAR pairs have no Quickwit form: write \"a b\"~n with single words, or use OpenSearch (span_near)\n".into(),
        ),
        (
            vec!["--show-query".into(), "--query".into(), "(oil".into()],
            "error: invalid query: unclosed parenthesis at position 0: add the matching )\n".into(),
        ),
    ];
    for (args, stderr) in cases {
        let output = newsdex()
            .current_dir(corpus().dir.path())
            .args(["export", "--to", "quickwit", "--index"])
            .arg(&corpus().index)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), stderr, "{args:?}");
        assert!(output.stdout.is_empty());
    }
    assert!(!corpus().dir.path().join("new-out").exists());
}

#[test]
fn a_damaged_export_line_is_skipped_and_the_rest_indexed() {
    let (out, _) = export("damaged", "opensearch", &[]);
    let file = &parts(&out)[0];
    let text = std::fs::read_to_string(file).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    // The second article's record loses its end.
    let cut = &lines[3][..lines[3].len() / 2];
    lines[3] = cut;
    std::fs::write(file, lines.join("\n") + "\n").unwrap();
    let copy = corpus().dir.path().join("copy-damaged");
    let summary = index(&copy, &[&out]);
    assert_eq!(summary["articles_indexed"], 59);
    let skipped = &summary["skipped"][0];
    assert_eq!(skipped["line"], 4);
    assert!(
        skipped["reason"]
            .as_str()
            .unwrap()
            .starts_with("not a newsdex export record: EOF while parsing"),
        "{skipped}"
    );
}

/// A tantivy index built as an export's Quickwit config says, holding its documents.
/// Quickwit indexes with tantivy, parses its query language with tantivy's grammar and
/// runs aggregations with tantivy's aggregation module, so what this index answers to the
/// translated requests is what a Quickwit index of the export answers (scores and
/// distribution aside). Each config field maps to its tantivy options as
/// https://quickwit.io/docs/configuration/index-config describes them.
fn quickwit_like_index(config: &str, docs: &[String]) -> tantivy::Index {
    use tantivy::schema::{
        DateOptions, DateTimePrecision, IndexRecordOption, NumericOptions, Schema,
        TextFieldIndexing, TextOptions,
    };
    let config: serde_yaml_ng::Value = serde_yaml_ng::from_str(config).unwrap();
    let mut builder = Schema::builder();
    for field in config["doc_mapping"]["field_mappings"]
        .as_sequence()
        .unwrap()
    {
        let name = field["name"].as_str().unwrap();
        let flag = |key: &str, default: bool| field[key].as_bool().unwrap_or(default);
        match field["type"].as_str().unwrap() {
            "text" | "array<text>" => {
                let mut options = TextOptions::default();
                if flag("stored", true) {
                    options = options.set_stored();
                }
                if flag("indexed", true) {
                    let record = match field["record"].as_str().unwrap_or("basic") {
                        "position" => IndexRecordOption::WithFreqsAndPositions,
                        "freq" => IndexRecordOption::WithFreqs,
                        _ => IndexRecordOption::Basic,
                    };
                    options = options.set_indexing_options(
                        TextFieldIndexing::default()
                            .set_tokenizer(field["tokenizer"].as_str().unwrap_or("default"))
                            .set_index_option(record)
                            .set_fieldnorms(flag("fieldnorms", false)),
                    );
                }
                if flag("fast", false) {
                    options = options.set_fast("raw");
                }
                builder.add_text_field(name, options);
            }
            "datetime" => {
                assert_eq!(field["fast_precision"].as_str(), Some("seconds"));
                let mut options = DateOptions::default()
                    .set_indexed()
                    .set_stored()
                    .set_precision(DateTimePrecision::Seconds);
                if flag("fast", false) {
                    options = options.set_fast();
                }
                builder.add_date_field(name, options);
            }
            "u64" => {
                let mut options = NumericOptions::default().set_stored();
                if flag("indexed", true) {
                    options = options.set_indexed();
                }
                builder.add_u64_field(name, options);
            }
            other => panic!("no tantivy form for a {other} field"),
        }
    }
    let index = tantivy::Index::create_in_ram(builder.build());
    let schema = index.schema();
    let mut writer: tantivy::IndexWriter = index.writer(20_000_000).unwrap();
    for doc in docs {
        writer
            .add_document(tantivy::TantivyDocument::parse_json(&schema, doc).unwrap())
            .unwrap();
    }
    writer.commit().unwrap();
    index
}

/// The documents of an export's files with `prefix`, one JSON text each.
fn part_lines(dir: &Path, prefix: &str) -> Vec<String> {
    parts(dir)
        .iter()
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Run a Quickwit request body (`query`, optional `aggs`) on `index`: the number of
/// matching documents and the aggregation results as JSON.
fn run_quickwit_request(index: &tantivy::Index, body: &Value) -> (usize, Value) {
    use tantivy::aggregation::AggregationCollector;
    use tantivy::aggregation::agg_req::Aggregations;
    use tantivy::collector::Count;
    let schema = index.schema();
    let defaults = ["title", "body"].map(|f| schema.get_field(f).unwrap());
    let parser = tantivy::query::QueryParser::for_index(index, defaults.to_vec());
    let query = parser
        .parse_query(body["query"].as_str().unwrap())
        .unwrap_or_else(|e| panic!("{}: {e:?}", body["query"]));
    let searcher = index.reader().unwrap().searcher();
    let count = searcher.search(&query, &Count).unwrap();
    let aggs = match body.get("aggs") {
        Some(aggs) => {
            let aggs: Aggregations = serde_json::from_value(aggs.clone()).unwrap();
            let collector = AggregationCollector::from_aggs(aggs, Default::default());
            serde_json::to_value(searcher.search(&query, &collector).unwrap()).unwrap()
        }
        None => Value::Null,
    };
    (count, aggs)
}

/// `newsdex ARGS --format json --index IDX FLAGS`, which must succeed, as JSON.
fn newsdex_json(args: &[&str], idx: &Path, flags: &[&str]) -> Value {
    serde_json::from_slice(&run_ok(&[args, &["--format", "json"], flags].concat(), idx)).unwrap()
}

/// Whether a query holds a word prefix (`hostil*`; the grammar keeps the `*` in the word).
fn has_word_prefix(ast: &tantivy::query_grammar::UserInputAst) -> bool {
    use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf};
    match ast {
        UserInputAst::Clause(clauses) => clauses.iter().any(|(_, c)| has_word_prefix(c)),
        UserInputAst::Boost(inner, _) => has_word_prefix(inner),
        UserInputAst::Leaf(leaf) => matches!(
            leaf.as_ref(),
            UserInputLeaf::Literal(l) if l.delimiter == Delimiter::None && l.phrase.ends_with('*')
        ),
    }
}

#[test]
fn quickwit_requests_answer_on_the_export_what_newsdex_answers() {
    let (out, _) = export("engine-quickwit", "quickwit", &[]);
    let config = std::fs::read_to_string(out.join("quickwit-index.yaml")).unwrap();
    let docs = part_lines(&out, "docs-");
    // Quickwit refuses a document without its index's timestamp field.
    for doc in &docs {
        let doc: Value = serde_json::from_str(doc).unwrap();
        assert!(doc["published"].is_string(), "{}", doc["id"]);
    }
    let engine = quickwit_like_index(&config, &docs);
    let idx = &corpus().index;
    let mut compared = 0;
    for (flags, quickwit, _) in readme_examples() {
        let requests = show_query("quickwit", &flags);
        assert_eq!(requests["search"]["query"], Value::from(quickwit.clone()));
        // Quickwit's query language is tantivy's grammar.
        let ast = tantivy::query_grammar::parse_query(&quickwit)
            .unwrap_or_else(|_| panic!("not in Quickwit's grammar: {quickwit}"));
        // Quickwit reads a word ending in `*` (`body_exact:hostil*`) as a prefix query where
        // tantivy's own QueryParser, used here, takes the `*` as text: compare the others.
        if has_word_prefix(&ast) {
            continue;
        }
        compared += 1;
        let (query, mut search_flags) = search_args(&flags);
        // The Quickwit index holds the dated articles (the undated go to a second one, see
        // below): ask newsdex for the articles dated by any source.
        search_flags.extend([
            "--date-source".to_string(),
            "metadata,byline,dateline,path,lead,crawl".to_string(),
        ]);
        let search_flags: Vec<&str> = search_flags.iter().map(String::as_str).collect();
        let expected = search(
            idx,
            &query,
            &[&search_flags[..], &["--all-copies"]].concat(),
        );
        let (count, _) = run_quickwit_request(&engine, &requests["search"]);
        assert_eq!(
            count as u64,
            expected["total"].as_u64().unwrap(),
            "{quickwit}"
        );

        // Facet counts: the place tree's keys one level under the facets' root (the
        // countries, or what is under a --location place).
        let facets = newsdex_json(
            &[
                "facets", &query, "--depth", "1", "--top", "1000", "--field", "location",
            ],
            idx,
            &search_flags,
        );
        let root = facets["root"]
            .as_str()
            .unwrap()
            .trim_end_matches('/')
            .to_string()
            + "/";
        let expected: BTreeMap<String, u64> = facets["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                (
                    v["value"].as_str().unwrap().to_string(),
                    v["count"].as_u64().unwrap(),
                )
            })
            .collect();
        let (_, aggs) = run_quickwit_request(&engine, &requests["facets"]);
        let countries: BTreeMap<String, u64> = aggs["places"]["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["key"].as_str().unwrap().to_string(),
                    b["doc_count"].as_u64().unwrap(),
                )
            })
            .filter(|(key, _)| {
                key.strip_prefix(&root)
                    .is_some_and(|rest| !rest.contains('/'))
            })
            .collect();
        assert_eq!(countries, expected, "{quickwit}");

        // The timeline: days summed into months.
        let (_, aggs) = run_quickwit_request(&engine, &requests["timeline"]);
        let mut months: BTreeMap<String, u64> = BTreeMap::new();
        for bucket in aggs["timeline"]["buckets"].as_array().unwrap() {
            let day = bucket["key_as_string"].as_str().unwrap();
            *months.entry(day[..7].to_string()).or_default() +=
                bucket["doc_count"].as_u64().unwrap();
        }
        months.retain(|_, n| *n > 0);
        let timeline = newsdex_json(&["timeline", &query, "--by", "month"], idx, &search_flags);
        let expected: BTreeMap<String, u64> = timeline["buckets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| {
                (
                    b["period"].as_str().unwrap().to_string(),
                    b["count"].as_u64().unwrap(),
                )
            })
            .filter(|(_, n)| *n > 0)
            .collect();
        assert_eq!(months, expected, "{quickwit}");
    }
    assert!(compared >= 5, "{compared} examples compared");
}

#[test]
fn undated_articles_go_to_a_second_quickwit_index_and_come_back() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dir.path().join("archive");
    std::fs::create_dir_all(archive.join("2016/04/28")).unwrap();
    std::fs::write(
        archive.join("2016/04/28/truce.txt"),
        "Truce holds in Aleppo\n\nThe truce held for a second day in Aleppo.\n",
    )
    .unwrap();
    std::fs::write(
        archive.join("undated.txt"),
        "Truce talks resume\n\nNegotiators met again to talk about the truce.\n",
    )
    .unwrap();
    let idx = dir.path().join("idx");
    index(&idx, &[&archive]);
    let out = dir.path().join("qw");
    let output = newsdex()
        .args(["export", "--to", "quickwit", "--index"])
        .arg(&idx)
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("1 undated articles go to a second index, newsdex-undated"),
        "{stderr}"
    );
    for command in [
        "quickwit index create --index-config",
        "quickwit-index-undated.yaml",
        "undated-*.ndjson; do quickwit index ingest --index newsdex-undated",
        "api/v1/newsdex-undated/ingest",
    ] {
        assert!(stdout.contains(command), "{command}: {stdout}");
    }
    let dated = part_lines(&out, "docs-");
    let undated = part_lines(&out, "undated-");
    assert_eq!((dated.len(), undated.len()), (1, 1));
    assert!(!undated[0].contains("\"published\""), "{}", undated[0]);

    let config = |name: &str| -> serde_yaml_ng::Value {
        serde_yaml_ng::from_str(&std::fs::read_to_string(out.join(name)).unwrap()).unwrap()
    };
    let (with, without) = (
        config("quickwit-index.yaml"),
        config("quickwit-index-undated.yaml"),
    );
    assert_eq!(with["index_id"].as_str(), Some("newsdex"));
    assert_eq!(without["index_id"].as_str(), Some("newsdex-undated"));
    assert!(without["doc_mapping"]["timestamp_field"].is_null());
    // The same fields otherwise, so one search covers both indexes.
    assert_eq!(
        with["doc_mapping"]["field_mappings"],
        without["doc_mapping"]["field_mappings"]
    );
    assert_eq!(with["search_settings"], without["search_settings"]);

    let copy = dir.path().join("copy");
    let summary = index(&copy, &[&out]);
    assert_eq!(summary["articles_indexed"], 2, "{summary}");
    assert_eq!(summary["articles_undated"], 1, "{summary}");
}
