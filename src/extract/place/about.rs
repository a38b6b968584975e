//! Which of the countries a story names it is about: the rules' choice weighed once more,
//! with the rest of the story's evidence, by a logistic model.
//!
//! The rules of [`super`] name a basis for each country they choose (dateline, headline,
//! lead, repeated, fallback). Alone they are either too eager (a lead's passing "Japan")
//! or too shy (a story whose country is in none of those places). Each country the story
//! names gets a vector of [`FEATURES`]: the rules' basis, where and how often it is named,
//! its share of the story's place mentions, whether only as a nationality, a currency or
//! through a city … A linear model over them, trained on the labelled development stories
//! by `scripts/train_about.py` and shipped as `data/about-model.tsv`, gives the decision.
//! The held-out stories are never used for training (see README "Evaluation").
//!
//! Stories under a dateline (wire copy) and stories without one share the weights but not
//! the threshold: the dateline is strong evidence of its own, and the rules, tuned on ten
//! thousand Reuters wire stories, need only their passing mentions pruned there.

use super::candidates::Institution;
use super::tokens::Zone;
use super::{Basis, Mention};
use crate::extract::gazetteer::{FastMap, Gazetteer, Place};
use std::sync::OnceLock;

/// Declares the features once: the enum `F` indexes a feature vector, `FEATURES` names
/// them in the same order (the model file's names).
macro_rules! features {
    ($($feature:ident => $name:literal,)*) => {
        #[derive(Debug, Clone, Copy)]
        enum F {
            $($feature,)*
        }

        /// The features of one (story, country) pair, in the order of the model's weights.
        pub const FEATURES: &[&str] = &[$($name,)*];
    };
}

features! {
    RuleDateline => "rule_dateline",
    RuleHeadline => "rule_headline",
    RuleLead => "rule_lead",
    RuleRepeated => "rule_repeated",
    RuleFallback => "rule_fallback",
    TitlePlace => "title_place",
    TitleOther => "title_other",
    LeadPlace => "lead_place",
    LeadNationality => "lead_nationality",
    ListedParty => "listed_party",
    MentionsLog => "mentions_log",
    PlaceMentionsLog => "place_mentions_log",
    Share => "share",
    Top => "top",
    FirstPosition => "first_position",
    ViaCity => "via_city",
    NamedAsCountry => "named_as_country",
    Institution => "institution",
    NotSalient => "not_salient",
    OfSomeoneShare => "of_someone_share",
    HasDateline => "has_dateline",
    OtherDateline => "other_dateline",
    CountriesLog => "countries_log",
    LengthLog => "length_log",
    Pounds => "pounds",
    LeadPlaceUnderDateline => "lead_place_under_dateline",
    TitlePlaceUnderDateline => "title_place_under_dateline",
}

/// The number of features.
pub const N: usize = FEATURES.len();

/// The evidence for one country of a story.
#[derive(Debug, Clone)]
pub(super) struct Evidence {
    pub country: u16,
    pub x: [f32; N],
    /// The first sentence naming it as a salient place (0 for the headline and dateline).
    first: Option<usize>,
    /// Its mentions as someone's nationality, and all its mentions.
    of_someone: u32,
    mentions: u32,
    /// Sentences naming it (nationalities and adjectives included, then left out).
    count: usize,
    place_count: usize,
    /// The surest basis the rules chose it (or a city of it) on.
    rule: Option<Basis>,
}

/// What the place reader knows of a story once its mentions are read.
pub(super) struct Story<'a> {
    pub gaz: &'a Gazetteer,
    /// Every mention in reading order.
    pub ordered: &'a [Mention],
    /// Sentences naming each place, a city counting for its country.
    pub counts: &'a FastMap<Place, usize>,
    /// The same, leaving out nationalities and adjectives.
    pub place_counts: &'a FastMap<Place, usize>,
    /// The rules' choice.
    pub about: &'a [(Place, Basis)],
    pub dateline_country: Option<u16>,
    /// The institutions named, by their first token and country.
    pub institutions: &'a [Institution],
    /// Sentences in the story.
    pub sentences: usize,
    /// The article's body: a sum in pounds points to the UK.
    pub body: &'a str,
}

fn set(x: &mut [f32; N], feature: F, value: f32) {
    x[feature as usize] = value;
}

fn flag(x: &mut [f32; N], feature: F, on: bool) {
    set(x, feature, f32::from(u8::from(on)));
}

/// `ln(1 + n)`, from a table for the small counts stories have.
fn log_count(n: usize) -> f32 {
    static TABLE: OnceLock<[f32; 256]> = OnceLock::new();
    let table = TABLE.get_or_init(|| std::array::from_fn(|k| (k as f32).ln_1p()));
    table.get(n).copied().unwrap_or_else(|| (n as f32).ln_1p())
}

/// The evidence for every country `story` names (through a city too), in first-mention
/// order, and for the one the rules chose by fallback.
pub(super) fn evidence(story: &Story) -> Vec<Evidence> {
    let gaz = story.gaz;
    let mut list: Vec<Evidence> = Vec::with_capacity(8);
    let slot = |list: &mut Vec<Evidence>, country: u16| match list
        .iter()
        .position(|e| e.country == country)
    {
        Some(k) => k,
        None => {
            list.push(Evidence {
                country,
                x: [0.0; N],
                first: None,
                of_someone: 0,
                mentions: 0,
                count: 0,
                place_count: 0,
                rule: None,
            });
            list.len() - 1
        }
    };
    for mention in story.ordered {
        let k = slot(&mut list, gaz.country_of(mention.place));
        let e = &mut list[k];
        let x = &mut e.x;
        let place = mention.salient && !mention.nationality;
        match mention.zone {
            Zone::Title if place => set(x, F::TitlePlace, 1.0),
            Zone::Title => set(x, F::TitleOther, 1.0),
            Zone::Lead if place => set(x, F::LeadPlace, 1.0),
            Zone::Lead if mention.nationality => set(x, F::LeadNationality, 1.0),
            _ => {}
        }
        if mention.listed {
            set(x, F::ListedParty, 1.0);
        }
        if matches!(mention.place, Place::Country(_)) {
            set(x, F::NamedAsCountry, 1.0);
        } else {
            set(x, F::ViaCity, 1.0);
        }
        if mention.salient && e.first.is_none() {
            e.first = Some(match mention.zone {
                Zone::Title | Zone::Dateline => 0,
                _ => mention.sentence,
            });
        }
        e.mentions += 1;
        e.of_someone += u32::from(mention.of_someone);
    }
    for (place, basis) in story.about {
        let k = slot(&mut list, gaz.country_of(*place));
        let rule = &mut list[k].rule;
        *rule = Some(rule.map_or(*basis, |known| known.min(*basis)));
    }
    let (mut total, mut most) = (0, 0);
    for e in &mut list {
        let country = Place::Country(e.country);
        e.count = story.counts.get(&country).copied().unwrap_or(0);
        e.place_count = story.place_counts.get(&country).copied().unwrap_or(0);
        total += e.count;
        most = most.max(e.count);
    }
    let countries = log_count(list.len());
    let length = log_count(story.sentences);
    let sentences = story.sentences.max(1) as f32;
    let has_dateline = story.dateline_country.is_some();
    for e in &mut list {
        let c = e.country;
        let x = &mut e.x;
        if let Some(basis) = e.rule {
            let feature = match basis {
                Basis::Metadata | Basis::Dateline => F::RuleDateline,
                Basis::Headline => F::RuleHeadline,
                Basis::Lead => F::RuleLead,
                Basis::Repeated => F::RuleRepeated,
                Basis::Fallback => F::RuleFallback,
            };
            set(x, feature, 1.0);
        }
        set(x, F::MentionsLog, log_count(e.count));
        set(x, F::PlaceMentionsLog, log_count(e.place_count));
        if total > 0 {
            set(x, F::Share, e.count as f32 / total as f32);
        }
        flag(x, F::Top, e.count > 0 && e.count == most);
        set(
            x,
            F::FirstPosition,
            e.first.map_or(1.0, |s| (s as f32 / sentences).min(1.0)),
        );
        flag(
            x,
            F::Institution,
            story.institutions.iter().any(|i| i.country == c),
        );
        flag(x, F::NotSalient, e.first.is_none());
        if e.mentions > 0 {
            set(
                x,
                F::OfSomeoneShare,
                e.of_someone as f32 / e.mentions as f32,
            );
        }
        flag(x, F::HasDateline, has_dateline);
        flag(
            x,
            F::OtherDateline,
            has_dateline && story.dateline_country != Some(c),
        );
        set(x, F::CountriesLog, countries);
        set(x, F::LengthLog, length);
        flag(
            x,
            F::Pounds,
            gaz.countries[usize::from(c)].code == "GB" && story.body.contains('£'),
        );
        if has_dateline {
            set(x, F::LeadPlaceUnderDateline, x[F::LeadPlace as usize]);
            set(x, F::TitlePlaceUnderDateline, x[F::TitlePlace as usize]);
        }
    }
    list
}

/// A linear model: a story is about a country when `bias + weights · x ≥ 0`, with the
/// bias of stories under a dateline when `x` has one.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Model {
    bias: f32,
    bias_dateline: f32,
    weights: [f32; N],
}

static MODEL_TSV: &str = include_str!("../../../data/about-model.tsv");

impl Model {
    /// Read a model file: `#` comments, then `name<TAB>weight` lines, one `bias`, one
    /// `bias_dateline` and one per feature of [`FEATURES`], in any order.
    pub fn parse(tsv: &str) -> Result<Model, String> {
        let (mut bias, mut bias_dateline) = (None, None);
        let mut weights = [None; N];
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let (name, value) = line
                .split_once('\t')
                .ok_or_else(|| format!("line {}: expected name<TAB>weight", n + 1))?;
            let value: f32 = value
                .trim()
                .parse()
                .map_err(|e| format!("line {}: {e}", n + 1))?;
            if name == "bias" {
                bias = Some(value);
            } else if name == "bias_dateline" {
                bias_dateline = Some(value);
            } else {
                let k = FEATURES
                    .iter()
                    .position(|f| *f == name)
                    .ok_or_else(|| format!("line {}: unknown feature {name:?}", n + 1))?;
                weights[k] = Some(value);
            }
        }
        let missing: Vec<&str> = FEATURES
            .iter()
            .zip(&weights)
            .filter(|(_, w)| w.is_none())
            .map(|(f, _)| *f)
            .collect();
        if !missing.is_empty() {
            return Err(format!("no weight for {}", missing.join(", ")));
        }
        Ok(Model {
            bias: bias.ok_or("no bias")?,
            bias_dateline: bias_dateline.ok_or("no bias_dateline")?,
            weights: weights.map(|w| w.unwrap_or_default()),
        })
    }

    /// The model newsdex ships.
    pub fn shipped() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::parse(MODEL_TSV).expect("data/about-model.tsv is valid"))
    }

    /// Whether the evidence `x` makes the story about its country.
    pub fn about(&self, x: &[f32; N]) -> bool {
        let bias = if x[F::HasDateline as usize] > 0.0 {
            self.bias_dateline
        } else {
            self.bias
        };
        let score: f32 = bias + self.weights.iter().zip(x).map(|(w, v)| w * v).sum::<f32>();
        score >= 0.0
    }
}

/// The rules' choice `about` decided again by `model`: a country it rejects leaves with its
/// cities and regions; one it accepts and the rules did not comes in on the weakest
/// basis, [`Basis::Fallback`].
pub(super) fn decide(
    gaz: &Gazetteer,
    model: &Model,
    about: &mut Vec<(Place, Basis)>,
    evidence: &[Evidence],
) -> Vec<u16> {
    let mut added = Vec::new();
    for e in evidence {
        let chosen = about.iter().any(|(p, _)| gaz.country_of(*p) == e.country);
        match (chosen, model.about(&e.x)) {
            (true, false) => about.retain(|(p, _)| gaz.country_of(*p) != e.country),
            (false, true) => {
                about.push((Place::Country(e.country), Basis::Fallback));
                added.push(e.country);
            }
            _ => {}
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_model_parses_and_counts_every_rule_basis_for_a_country() {
        let model = Model::parse(MODEL_TSV).unwrap_or_else(|e| panic!("about-model.tsv: {e}"));
        for rule in [
            F::RuleDateline,
            F::RuleHeadline,
            F::RuleLead,
            F::RuleRepeated,
            F::RuleFallback,
        ] {
            assert!(model.weights[rule as usize] > 0.0, "{rule:?}");
        }
    }

    #[test]
    fn a_model_file_names_every_feature_and_nothing_else() {
        let mut tsv = String::from("# test\nbias\t-1\nbias_dateline\t-1\n");
        for f in FEATURES {
            tsv.push_str(&format!("{f}\t0.5\n"));
        }
        let model = Model::parse(&tsv).unwrap();
        assert!(!model.about(&[0.0; N]));
        assert!(model.about(&[1.0; N]));
        let missing = tsv.replace("\nshare\t0.5\n", "\n");
        assert_eq!(Model::parse(&missing).unwrap_err(), "no weight for share");
        let no_dateline_bias = tsv.replace("\nbias_dateline\t-1\n", "\n");
        assert_eq!(
            Model::parse(&no_dateline_bias).unwrap_err(),
            "no bias_dateline"
        );
        let unknown = format!("{tsv}colour\t1\n");
        assert!(
            Model::parse(&unknown)
                .unwrap_err()
                .contains("unknown feature \"colour\"")
        );
    }
}

#[cfg(test)]
mod decision_tests {
    use super::super::{Basis, read_places};
    use super::{FEATURES, Model};
    use crate::extract::dateline::parse_dateline;

    const BODY: &str = "Diplomats met in Geneva on Syria. Nothing was agreed.\n\n\
                        Later, an official from Egypt spoke. Iraq was not invited. \
                        Iraq said it did not mind. Iraq is a neighbour.";

    /// A model giving `weight` to `feature` alone, with one bias under a dateline or not.
    fn model(bias: f32, feature: &str, weight: f32) -> Model {
        model_with(bias, bias, feature, weight)
    }

    fn model_with(bias: f32, bias_dateline: f32, feature: &str, weight: f32) -> Model {
        let mut tsv = format!("bias\t{bias}\nbias_dateline\t{bias_dateline}\n");
        for f in FEATURES {
            let w = if *f == feature { weight } else { 0.0 };
            tsv.push_str(&format!("{f}\t{w}\n"));
        }
        Model::parse(&tsv).unwrap()
    }

    fn decided(model: &Model, metadata: &[String]) -> (Vec<String>, Vec<Basis>) {
        let places = read_places(
            Some("Talks stall"),
            BODY,
            parse_dateline(BODY).as_ref(),
            metadata,
            "en",
            Some(model),
        )
        .0;
        (places.about, places.basis)
    }

    #[test]
    fn a_country_the_model_rejects_leaves_with_its_cities() {
        // About when at least half the story's country mentions are its own.
        let (about, basis) = decided(&model(-0.5, "share", 1.0), &[]);
        assert_eq!(about, ["/Iraq"]);
        assert_eq!(basis, [Basis::Repeated]);
    }

    #[test]
    fn a_country_the_model_accepts_comes_in_on_the_weakest_basis() {
        let (about, basis) = decided(&model(0.5, "share", 0.0), &[]);
        assert_eq!(
            about,
            [
                "/Switzerland/Geneva/Geneva",
                "/Switzerland",
                "/Syria",
                "/Egypt",
                "/Iraq"
            ]
        );
        assert_eq!(basis[3], Basis::Fallback);
    }

    #[test]
    fn a_story_under_a_dateline_is_decided_with_its_own_bias() {
        let body = "GENEVA — Diplomats met on Syria. Nothing was agreed.\n\n\
                    Iraq was not invited. Iraq said it did not mind. Iraq is a neighbour.";
        let read = |model: &Model| {
            read_places(
                None,
                body,
                parse_dateline(body).as_ref(),
                &[],
                "en",
                Some(model),
            )
            .0
            .about
        };
        // Only Iraq holds half the country mentions; the dateline bias alone decides.
        let shy = model_with(0.5, -0.5, "share", 1.0);
        assert_eq!(read(&shy), ["/Iraq"]);
        let eager = model_with(-0.5, 0.5, "share", 0.0);
        assert_eq!(
            read(&eager),
            [
                "/Switzerland/Geneva/Geneva",
                "/Switzerland",
                "/Syria",
                "/Iraq"
            ]
        );
    }

    #[test]
    fn metadata_places_stay_whatever_the_model_says() {
        let (about, basis) = decided(&model(-0.5, "share", 0.0), &["Jordan".to_string()]);
        assert_eq!(about, ["/Jordan"]);
        assert_eq!(basis, [Basis::Metadata]);
    }
}
