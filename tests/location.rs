//! `--location` end to end: an ambiguous name says what it chose, a qualified name means
//! the city, a region is a group of countries, and the index settles a name it holds.

mod common;

use common::{Indexed, hit_files, newsdex, search};
use std::path::Path;
use std::sync::OnceLock;

/// Five short stories written for these tests.
const STORIES: &[(&str, &str)] = &[
    (
        "cebit.txt",
        "CeBIT opens its doors\n\nHANOVER, Germany, March 10 - The CeBIT technology fair opened \
         in Hanover on Thursday with more exhibitors from Asia than ever, the organisers in \
         Hanover said.\n",
    ),
    (
        "newcastle.txt",
        "Shipyard orders rise on the Tyne\n\nNEWCASTLE UPON TYNE, England, March 11 - Two \
         shipyards in Newcastle upon Tyne won new orders, the city council in Newcastle upon \
         Tyne said on Friday.\n",
    ),
    (
        "sale.txt",
        "Town centre plan approved\n\nSALE, England, March 12 - Councillors in Sale, Greater \
         Manchester, approved a new town centre plan for Sale on Monday after a long debate.\n",
    ),
    (
        "paris.txt",
        "French growth slows\n\nPARIS, March 13 - France's economy grew more slowly than \
         expected in the last quarter, the statistics office in Paris said.\n",
    ),
    (
        "tokyo.txt",
        "Japanese exports climb\n\nTOKYO, March 14 - Japan's exports rose for a third month, \
         the finance ministry in Tokyo said on Tuesday.\n",
    ),
];

fn indexed() -> &'static Indexed {
    static INDEXED: OnceLock<Indexed> = OnceLock::new();
    INDEXED.get_or_init(|| Indexed::of_files(STORIES))
}

/// `search '*' --location NAME` as JSON, and its stderr.
fn located(name: &str, format: &str) -> (String, String) {
    let output = newsdex()
        .args(["search", "*", "--location", name, "--format", format])
        .arg("--index")
        .arg(&indexed().index)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn index_path() -> &'static Path {
    &indexed().index
}

#[test]
fn an_ambiguous_name_says_what_it_chose_on_stderr_and_in_json() {
    let (stdout, stderr) = located("Hanover", "json");
    let result: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let location = &result["location"];
    assert_eq!(location["given"], "Hanover");
    let resolved = location["resolved"].as_str().unwrap();
    assert!(
        resolved.starts_with("/Germany/") && resolved.ends_with("/Hannover"),
        "{location}"
    );
    assert!(
        location["alternatives"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a.as_str().unwrap().starts_with("/United States/")),
        "{location}"
    );
    assert_eq!(hit_files(&result), ["cebit.txt"]);
    assert!(
        stderr.contains("\"Hanover\" is ambiguous") && stderr.contains(resolved),
        "{stderr}"
    );
}

#[test]
fn text_output_states_the_place_filter() {
    let (stdout, _) = located("Hanover", "text");
    assert!(
        stdout.contains("Place filter: /Germany/") && stdout.contains("(for \"Hanover\")"),
        "{stdout}"
    );
    let (stdout, _) = located("Europe", "text");
    assert!(stdout.contains("Place filter: Europe ("), "{stdout}");
}

#[test]
fn a_qualified_name_means_the_city_not_its_region() {
    let result = search(index_path(), "*", &["--location", "Newcastle, England"]);
    assert_eq!(
        result["location"]["resolved"],
        "/United Kingdom/England/Newcastle upon Tyne"
    );
    assert_eq!(hit_files(&result), ["newcastle.txt"]);
}

#[test]
fn a_region_is_a_group_of_countries() {
    let europe = search(index_path(), "*", &["--location", "Europe"]);
    assert_eq!(
        hit_files(&europe),
        ["cebit.txt", "newcastle.txt", "paris.txt", "sale.txt"]
    );
    let places = europe["location"]["places"].as_array().unwrap();
    assert!(places.iter().any(|p| p == "/France"), "{places:?}");
    let asia = search(index_path(), "*", &["--location", "Asia"]);
    assert_eq!(hit_files(&asia), ["tokyo.txt"]);
    let eu = search(index_path(), "*", &["--location", "EU"]);
    assert_eq!(hit_files(&eu), ["cebit.txt", "paris.txt"]);
}

#[test]
fn the_index_settles_a_name_it_holds() {
    let (stdout, stderr) = located("Sale", "json");
    let result: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let resolved = result["location"]["resolved"].as_str().unwrap();
    assert!(
        resolved.starts_with("/United Kingdom/England/"),
        "{}",
        result["location"]
    );
    assert_eq!(result["location"]["chosen_by"], "index");
    assert_eq!(hit_files(&result), ["sale.txt"]);
    assert!(stderr.contains("this index holds"), "{stderr}");
}

#[test]
fn an_unknown_place_exits_2_saying_what_to_give() {
    let output = newsdex()
        .args(["search", "*", "--location", "Atlantis Minor", "--index"])
        .arg(index_path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("unknown place \"Atlantis Minor\"") && stderr.contains("Europe"),
        "{stderr}"
    );
}
