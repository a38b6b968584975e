//! Near-copy grouping: every match is collected with its fingerprint and what ranks it,
//! put in rank order only as far as a page needs, and walked into groups of copies of one
//! story; listed copies are read from fast fields, never from the doc store.

use super::run::Sort;
use crate::extract::article_id_from_bits;
use crate::extract::fingerprint::{Fingerprint, copy_distance};
use std::cmp::Ordering;
use std::collections::HashMap;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Score, Searcher, SegmentOrdinal, SegmentReader};

/// The order of matches for `sort`: by score, or by date with undated matches last; ties
/// in index order, so a page is the same every time.
pub(super) fn rank_order(sort: Sort) -> impl Fn(&Candidate, &Candidate) -> Ordering {
    move |a: &Candidate, b: &Candidate| match sort {
        Sort::Relevance => b
            .score
            .total_cmp(&a.score)
            .then_with(|| a.address.cmp(&b.address)),
        Sort::Newest | Sort::Oldest => {
            let by_date = match (a.date, b.date) {
                (Some(x), Some(y)) if sort == Sort::Newest => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            by_date.then_with(|| a.address.cmp(&b.address))
        }
    }
}

/// Group matches into near-copy groups: walking the matches in rank order, a match that is a
/// copy of an earlier group's leader ([`copy_distance`]: fingerprints close, dates within
/// days) joins that group, otherwise it leads a new one. Only the first `wanted` groups are kept, each as (leader, members with their
/// distance), indices into `all`, members in rank order.
///
/// Only as much of `all` is put in rank order as it takes to find the `wanted` leaders
/// (chunks of growing size, each picked with a selection, then sorted); every later match
/// can only join one of those groups, which does not depend on its rank, so the rest is never
/// sorted — a full sort was most of the time of a common word's search on a large archive.
pub(super) fn group_copies(
    all: &mut [Candidate],
    wanted: usize,
    rank_order: impl Fn(&Candidate, &Candidate) -> Ordering,
) -> Vec<(usize, Vec<(usize, u32)>)> {
    let mut groups: Vec<(usize, Vec<(usize, u32)>)> = Vec::new();
    let join = |groups: &mut Vec<(usize, Vec<(usize, u32)>)>, all: &[Candidate], i: usize| {
        match leader_of(groups, all, i) {
            Some((g, d)) => {
                groups[g].1.push((i, d));
                true
            }
            None => false,
        }
    };
    let mut ranked = 0;
    let mut chunk = (wanted.saturating_mul(4)).max(64);
    while ranked < all.len() && groups.len() < wanted {
        let end = ranked.saturating_add(chunk).min(all.len());
        let rest = &mut all[ranked..];
        if end - ranked < rest.len() {
            rest.select_nth_unstable_by(end - ranked - 1, &rank_order);
        }
        rest[..end - ranked].sort_unstable_by(&rank_order);
        for i in ranked..end {
            if !join(&mut groups, all, i) && groups.len() < wanted {
                groups.push((i, Vec::new()));
            }
        }
        ranked = end;
        chunk = chunk.saturating_mul(2);
    }
    // The unranked rest can only join the groups found.
    for i in ranked..all.len() {
        join(&mut groups, all, i);
    }
    for (_, members) in &mut groups {
        members.sort_unstable_by(|a, b| rank_order(&all[a.0], &all[b.0]));
    }
    groups
}

/// The first group whose leader `all[i]` is a copy of, and how many bits apart they are.
fn leader_of(
    groups: &[(usize, Vec<(usize, u32)>)],
    all: &[Candidate],
    i: usize,
) -> Option<(usize, u32)> {
    let c = &all[i];
    groups.iter().enumerate().find_map(|(g, (l, _))| {
        let leader = &all[*l];
        copy_distance(leader.fingerprint, leader.date, c.fingerprint, c.date).map(|d| (g, d))
    })
}

/// What a hit lists of a copy, from fast fields (`id_bits`, `date`, `path`, `member`): a
/// page lists up to 20 copies per hit, and loading their stored documents would decompress
/// a doc-store block for each. The columns are opened once per segment.
#[derive(Default)]
pub(super) struct CopyColumns {
    columns: HashMap<SegmentOrdinal, SegmentCopyColumns>,
}

struct SegmentCopyColumns {
    ids: Column<u64>,
    dates: Column<tantivy::DateTime>,
    paths: Option<StrColumn>,
    members: Option<StrColumn>,
}

/// A listed copy as the fast fields give it.
pub(super) struct CopyFields {
    pub(super) id: String,
    pub(super) path: String,
    pub(super) member: Option<String>,
    /// Seconds since the epoch.
    pub(super) date: Option<i64>,
}

impl CopyColumns {
    /// The id, path, member and date of the article at `address`.
    pub(super) fn get(
        &mut self,
        searcher: &Searcher,
        address: DocAddress,
    ) -> tantivy::Result<CopyFields> {
        let c = match self.columns.entry(address.segment_ord) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                let fast = searcher.segment_reader(address.segment_ord).fast_fields();
                e.insert(SegmentCopyColumns {
                    ids: fast.u64("id_bits")?,
                    dates: fast.date("date")?,
                    paths: fast.str("path")?,
                    members: fast.str("member")?,
                })
            }
        };
        let doc = address.doc_id;
        let text = |column: &Option<StrColumn>| -> Option<String> {
            let column = column.as_ref()?;
            let ord = column.term_ords(doc).next()?;
            let mut out = String::new();
            column.ord_to_str(ord, &mut out).ok()?.then_some(out)
        };
        Ok(CopyFields {
            id: article_id_from_bits(c.ids.first(doc).unwrap_or(0)),
            path: text(&c.paths).unwrap_or_default(),
            member: text(&c.members),
            date: c.dates.first(doc).map(|d| d.into_timestamp_secs()),
        })
    }
}

/// One match with what ranking and grouping need.
pub(super) struct Candidate {
    pub(super) score: f32,
    /// Seconds since the epoch: it ranks by date, and copies of one story are dated close.
    date: Option<i64>,
    fingerprint: Fingerprint,
    pub(super) address: DocAddress,
}

/// Collects every match with its fingerprint, its date and, when ranking by relevance, its
/// score.
pub(super) struct CandidateCollector {
    pub(super) scored: bool,
}

pub(super) struct CandidateSegment {
    segment: SegmentOrdinal,
    dates: Column<tantivy::DateTime>,
    pairs: Column<u64>,
    triples: Column<u64>,
    out: Vec<Candidate>,
}

impl Collector for CandidateCollector {
    type Fruit = Vec<Candidate>;
    type Child = CandidateSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<CandidateSegment> {
        Ok(CandidateSegment {
            segment,
            dates: reader.fast_fields().date("date")?,
            pairs: reader.fast_fields().u64("fingerprint")?,
            triples: reader.fast_fields().u64("fingerprint_triples")?,
            out: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.scored
    }

    fn merge_fruits(&self, fruits: Vec<Vec<Candidate>>) -> tantivy::Result<Vec<Candidate>> {
        // Sized once: the matches of a common word fill hundreds of kilobytes, and every
        // page of a growing copy is a page fault.
        let mut all = Vec::with_capacity(fruits.iter().map(Vec::len).sum());
        for fruit in fruits {
            all.extend(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for CandidateSegment {
    type Fruit = Vec<Candidate>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.out.push(Candidate {
            score,
            date: self.dates.first(doc).map(|d| d.into_timestamp_secs()),
            fingerprint: Fingerprint {
                pairs: self.pairs.first(doc).unwrap_or(0),
                triples: self.triples.first(doc).unwrap_or(0),
            },
            address: DocAddress::new(self.segment, doc),
        });
    }

    fn harvest(self) -> Vec<Candidate> {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain form `group_copies` must agree with: sort everything, then walk it.
    fn reference(
        all: &mut [Candidate],
        wanted: usize,
        order: impl Fn(&Candidate, &Candidate) -> Ordering,
    ) -> Vec<(DocAddress, Vec<(DocAddress, u32)>)> {
        all.sort_unstable_by(&order);
        let mut groups: Vec<(usize, Vec<(usize, u32)>)> = Vec::new();
        for i in 0..all.len() {
            match leader_of(&groups, all, i) {
                Some((g, d)) => groups[g].1.push((i, d)),
                None if groups.len() < wanted => groups.push((i, Vec::new())),
                None => {}
            }
        }
        addresses(all, &groups)
    }

    fn addresses(
        all: &[Candidate],
        groups: &[(usize, Vec<(usize, u32)>)],
    ) -> Vec<(DocAddress, Vec<(DocAddress, u32)>)> {
        groups
            .iter()
            .map(|(l, m)| {
                (
                    all[*l].address,
                    m.iter().map(|(i, d)| (all[*i].address, *d)).collect(),
                )
            })
            .collect()
    }

    /// Matches of a few stories, each with near-copies (a few bits flipped), scores and
    /// dates spread by a small xorshift generator; some scores tie.
    fn candidates(n: u32) -> Vec<Candidate> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let stories: Vec<(u64, u64)> = (0..40).map(|_| (next(), next())).collect();
        (0..n)
            .map(|doc| {
                let r = next();
                let story = stories[(r % 40) as usize];
                let flips = (r >> 8) % 24;
                let flip = |f: u64, shift: u64| {
                    (0..flips).fold(f, |f, k| f ^ (1 << ((r >> (k + shift)) % 64)))
                };
                Candidate {
                    score: ((r >> 40) % 50) as f32 / 7.0,
                    // Days apart by up to two months: some copies fall outside the window.
                    date: ((r >> 20) % 5 != 0).then_some(((r >> 24) % 60) as i64 * 86_400),
                    fingerprint: Fingerprint {
                        pairs: flip(story.0, 16),
                        triples: flip(story.1, 12),
                    },
                    address: DocAddress::new(doc % 3, doc),
                }
            })
            .collect()
    }

    #[test]
    fn partial_ranking_groups_exactly_like_a_full_sort() {
        let by_score = |a: &Candidate, b: &Candidate| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.address.cmp(&b.address))
        };
        let by_date = |a: &Candidate, b: &Candidate| {
            b.date.cmp(&a.date).then_with(|| a.address.cmp(&b.address))
        };
        for n in [0, 1, 50, 500, 5000] {
            for wanted in [0, 1, 10, 30, 100] {
                let mut a = candidates(n);
                let mut b = candidates(n);
                let groups = group_copies(&mut a, wanted, by_score);
                assert_eq!(
                    addresses(&a, &groups),
                    reference(&mut b, wanted, by_score),
                    "n={n} wanted={wanted}"
                );
                let mut a = candidates(n);
                let mut b = candidates(n);
                let groups = group_copies(&mut a, wanted, by_date);
                assert_eq!(
                    addresses(&a, &groups),
                    reference(&mut b, wanted, by_date),
                    "n={n} wanted={wanted} by date"
                );
            }
        }
    }

    #[test]
    fn copies_a_week_apart_group_and_a_month_apart_do_not() {
        let print = Fingerprint {
            pairs: 0xdead_beef_0000_1111,
            triples: 0x1234_5678_9abc_def0,
        };
        let day = 86_400;
        let at = |doc: u32, date: Option<i64>| Candidate {
            score: 10.0 - doc as f32,
            date,
            fingerprint: print,
            address: DocAddress::new(0, doc),
        };
        let mut all = vec![
            at(0, Some(100 * day)),
            at(1, Some(103 * day)),
            at(2, None),
            at(3, Some(140 * day)),
        ];
        let by_score = |a: &Candidate, b: &Candidate| b.score.total_cmp(&a.score);
        let groups = group_copies(&mut all, 10, by_score);
        let leaders: Vec<u32> = groups.iter().map(|(l, _)| all[*l].address.doc_id).collect();
        assert_eq!(leaders, [0, 3]);
        let members: Vec<u32> = groups[0]
            .1
            .iter()
            .map(|(m, _)| all[*m].address.doc_id)
            .collect();
        assert_eq!(members, [1, 2]);
    }
}
