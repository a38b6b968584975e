//! `--dump-about OUT REUTERS BBC LANGUAGES`: the evidence the about-decision weighs, one
//! row per (development story, country it names), with the story's label: what
//! `scripts/train_about.py` trains `data/about-model.tsv` on.
//!
//! Only development stories are written: Reuters `reut2-000` … `reut2-010` with `<PLACES>`
//! labels, the BBC stories of `eval/bbc/dev-labels.tsv` and the multilingual stories of
//! the given folder (`eval/languages`, never `eval/languages-holdout`). A labelled country
//! the story names nowhere (no row can make it about) gets a row with `reachable` 0, so
//! recall counts it.

use super::{Story, bbc, languages, parse_text, story_text};
use newsdex::article::RawArticle;
use newsdex::extract::language::article_language;
use newsdex::extract::place::{ABOUT_FEATURES, about_evidence};
use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

/// Write the rows of one story.
fn rows(
    out: &mut impl Write,
    corpus: &str,
    story: &str,
    raw: &RawArticle,
    gold: &HashSet<&str>,
) -> std::io::Result<()> {
    let lang = article_language(raw.lang.as_deref(), raw.title.as_deref(), &raw.body);
    let evidence = about_evidence(raw.title.as_deref(), &raw.body, &raw.places, lang);
    let mut seen = HashSet::new();
    for (path, x) in &evidence {
        let country = super::path_country(path);
        seen.insert(country);
        let values: Vec<String> = x.iter().map(|v| format!("{v:.4}")).collect();
        writeln!(
            out,
            "{corpus}\t{story}\t{country}\t{}\t1\t{}",
            u8::from(gold.contains(country)),
            values.join("\t")
        )?;
    }
    let zeros = vec!["0"; ABOUT_FEATURES.len()].join("\t");
    // In name order, so that one dump equals the next.
    let mut unnamed: Vec<&&str> = gold.iter().filter(|c| !seen.contains(*c)).collect();
    unnamed.sort();
    for country in unnamed {
        writeln!(out, "{corpus}\t{story}\t{country}\t1\t0\t{zeros}")?;
    }
    Ok(())
}

/// Write the development rows of the three collections to `out`.
pub fn dump(
    out: &Path,
    reuters: &[Story],
    bbc_dir: &Path,
    languages_dir: &Path,
) -> Result<usize, String> {
    if languages_dir.ends_with("languages-holdout") {
        return Err("the held-out multilingual stories are never trained on".into());
    }
    let file = std::fs::File::create(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut out_file = std::io::BufWriter::new(file);
    let w = &mut out_file;
    let io = |e: std::io::Error| e.to_string();
    writeln!(
        w,
        "corpus\tstory\tcountry\tabout\treachable\t{}",
        ABOUT_FEATURES.join("\t")
    )
    .map_err(io)?;
    let mut stories = 0;
    for story in reuters
        .iter()
        .filter(|s| s.file <= 10 && !s.places.is_empty())
    {
        let Some(raw) = parse_text(&story_text(story, false)) else {
            continue;
        };
        let gold: HashSet<&str> = story.places.iter().map(String::as_str).collect();
        rows(w, "reuters", &story.id, &raw, &gold).map_err(io)?;
        stories += 1;
    }
    for label in bbc::dev_labels()?.unwrap_or_default() {
        if bbc::is_held_out(&label.file) {
            return Err(format!("{} is held out", label.file));
        }
        let path = bbc_dir.join(&label.file);
        let text = newsdex::decode::read_text(&path, bbc::READ_LIMIT)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let Some(raw) = parse_text(&text) else {
            continue;
        };
        let gold: HashSet<&str> = label.about.iter().map(String::as_str).collect();
        rows(w, "bbc", &label.file, &raw, &gold).map_err(io)?;
        stories += 1;
    }
    let labels_path = languages_dir.join("labels.tsv");
    let tsv = std::fs::read_to_string(&labels_path)
        .map_err(|e| format!("cannot read {}: {e}", labels_path.display()))?;
    for label in languages::parse_labels(&tsv)? {
        let path = languages_dir.join(&label.file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let Some(raw) = parse_text(&text) else {
            continue;
        };
        let gold: HashSet<&str> = label.about.iter().map(String::as_str).collect();
        let corpus = format!("lang-{}", label.lang);
        rows(w, &corpus, &label.file, &raw, &gold).map_err(io)?;
        stories += 1;
    }
    w.flush().map_err(io)?;
    Ok(stories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_held_out_multilingual_stories_are_refused_before_anything_is_written() {
        let out = std::env::temp_dir().join(format!("about-dump-{}.tsv", std::process::id()));
        let refused = dump(
            &out,
            &[],
            Path::new("no-bbc-here"),
            Path::new("eval/languages-holdout"),
        );
        assert_eq!(
            refused.unwrap_err(),
            "the held-out multilingual stories are never trained on"
        );
        assert!(!out.exists());
    }
}
