//! Which segments tantivy merges while an index run goes on.
//!
//! Tantivy's `LogMergePolicy` merges segments of similar size level by level, so on a large
//! archive it ends up merging most of the index into one segment. A merge reads every input
//! segment through memory maps, and those pages count towards the process's resident memory:
//! on a million stories the last merges alone touched over 600 MB. [`BoundedMerges`] keeps the
//! log levels but caps the bytes one merge reads; a segment over half the cap is not merged
//! with others (merging two such would pass the cap), only rewritten alone once re-indexed
//! files have left a good share of it deleted. With one merge thread (see the writer), merges
//! add at most the cap to peak memory, whatever the size of the archive; the price is more
//! segments in a big index (about its size over half the cap), each a few microseconds of
//! query time.

use std::collections::HashMap;
use std::path::PathBuf;
use tantivy::index::{SegmentComponent, SegmentId, SegmentMeta};
use tantivy::merge_policy::{LogMergePolicy, MergeCandidate, MergePolicy};

/// Segment files read by a merge.
const COMPONENTS: [SegmentComponent; 6] = [
    SegmentComponent::Postings,
    SegmentComponent::Positions,
    SegmentComponent::Terms,
    SegmentComponent::Store,
    SegmentComponent::FastFields,
    SegmentComponent::FieldNorms,
];

#[derive(Debug)]
pub struct BoundedMerges {
    /// The index folder, where the segment files are.
    dir: PathBuf,
    /// The most bytes of segment files one merge may read.
    max_input_bytes: u64,
    levels: LogMergePolicy,
}

impl BoundedMerges {
    pub fn new(dir: PathBuf, max_input_bytes: u64) -> BoundedMerges {
        BoundedMerges {
            dir,
            max_input_bytes,
            levels: LogMergePolicy::default(),
        }
    }

    /// Bytes on disk of a segment's files (a file that cannot be read counts as empty).
    fn bytes(&self, segment: &SegmentMeta) -> u64 {
        COMPONENTS
            .iter()
            .filter_map(|c| std::fs::metadata(self.dir.join(segment.relative_path(c.clone()))).ok())
            .map(|m| m.len())
            .sum()
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sizes: HashMap<SegmentId, u64> =
            segments.iter().map(|s| (s.id(), self.bytes(s))).collect();
        let mergeable: Vec<SegmentMeta> = segments
            .iter()
            .filter(|s| sizes[&s.id()] <= self.max_input_bytes / 2)
            .cloned()
            .collect();
        let mut out = Vec::new();
        for level in self.levels.compute_merge_candidates(&mergeable) {
            split(&level.0, &sizes, self.max_input_bytes, &mut out);
        }
        // A big segment is never merged with others; when re-indexed files have left much of
        // it deleted, it is rewritten alone, which drops the deleted articles' space.
        for segment in segments {
            let bytes = sizes[&segment.id()];
            if bytes > self.max_input_bytes / 2
                && rewrite_alone(
                    bytes,
                    segment.max_doc(),
                    segment.num_deleted_docs(),
                    self.max_input_bytes,
                )
            {
                out.push(MergeCandidate(vec![segment.id()]));
            }
        }
        out
    }
}

/// Share of deleted articles at which a segment is worth rewriting on its own.
const REWRITE_DELETED_SHARE: f64 = 0.3;

/// Whether a segment of `bytes` holding `deleted` of its `max_doc` articles as deleted is
/// rewritten alone: when at least [`REWRITE_DELETED_SHARE`] of it is deleted and reading it
/// stays within the cap of one merge.
fn rewrite_alone(bytes: u64, max_doc: u32, deleted: u32, max_input_bytes: u64) -> bool {
    max_doc > 0
        && f64::from(deleted) >= REWRITE_DELETED_SHARE * f64::from(max_doc)
        && bytes <= max_input_bytes
}

/// Cut a level's segments, in order, into merges of at least two segments that each read at
/// most `max_bytes` (every segment is at most half of it, so two always fit). A last lone
/// segment waits for a later merge.
fn split(
    level: &[SegmentId],
    sizes: &HashMap<SegmentId, u64>,
    max_bytes: u64,
    out: &mut Vec<MergeCandidate>,
) {
    let mut group: Vec<SegmentId> = Vec::new();
    let mut bytes = 0u64;
    for &id in level {
        let size = sizes.get(&id).copied().unwrap_or(0);
        if bytes + size > max_bytes && group.len() >= 2 {
            out.push(MergeCandidate(std::mem::take(&mut group)));
            bytes = 0;
        }
        group.push(id);
        bytes += size;
    }
    if group.len() >= 2 {
        out.push(MergeCandidate(group));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<SegmentId> {
        (0..n).map(|_| SegmentId::generate_random()).collect()
    }

    fn groups(level: &[SegmentId], sizes: &[u64], max: u64) -> Vec<Vec<usize>> {
        let by_id: HashMap<SegmentId, u64> =
            level.iter().copied().zip(sizes.iter().copied()).collect();
        let mut out = Vec::new();
        split(level, &by_id, max, &mut out);
        out.into_iter()
            .map(|c| {
                c.0.iter()
                    .map(|id| level.iter().position(|x| x == id).unwrap())
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_level_within_the_cap_is_one_merge() {
        let level = ids(8);
        assert_eq!(
            groups(&level, &[10; 8], 100),
            vec![(0..8).collect::<Vec<_>>()]
        );
    }

    #[test]
    fn a_level_over_the_cap_is_cut_and_a_lone_rest_waits() {
        let level = ids(7);
        assert_eq!(
            groups(&level, &[30; 7], 100),
            vec![vec![0, 1, 2], vec![3, 4, 5]]
        );
    }

    #[test]
    fn a_big_segment_is_rewritten_alone_when_much_of_it_is_deleted() {
        assert!(rewrite_alone(80, 1000, 300, 100));
        assert!(!rewrite_alone(80, 1000, 299, 100), "too little deleted");
        assert!(
            !rewrite_alone(120, 1000, 900, 100),
            "reading it would pass the cap"
        );
        assert!(!rewrite_alone(80, 0, 0, 100));
    }

    #[test]
    fn segments_of_half_the_cap_merge_in_pairs() {
        let level = ids(4);
        assert_eq!(groups(&level, &[50; 4], 100), vec![vec![0, 1], vec![2, 3]]);
    }
}
