//! A bound, in bytes, on the article text between the reading thread and tantivy.
//!
//! Tantivy's writer queues up to 10,000 documents whatever their size, and the reading thread
//! reads faster than tantivy indexes: on a folder of multi-megabyte stories the queue alone
//! held gigabytes. Every article's text is counted from the moment the reading thread hands
//! it on until tantivy has indexed its document and dropped it.

use crate::article::RawArticle;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Duration;
use tantivy::TantivyDocument;
use tantivy::schema::document::Document;

/// Bytes of article text in flight, and a wait for them to drop under a limit.
#[derive(Debug)]
pub struct InFlight {
    used: Mutex<u64>,
    freed: Condvar,
    limit: u64,
}

/// How long a wait for tantivy lasts before asking whether its indexing threads still run.
const PATIENCE: Duration = Duration::from_millis(500);

impl InFlight {
    pub fn new(limit: u64) -> Arc<InFlight> {
        Arc::new(InFlight {
            used: Mutex::new(0),
            freed: Condvar::new(),
            limit,
        })
    }

    /// The most bytes in flight before [`InFlight::reserve`] waits.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Count `bytes` more in flight, first waiting until they fit under the limit. Nothing
    /// in flight, they always fit: an article larger than the limit passes, alone.
    ///
    /// `alive` says whether the threads that release bytes still run: it is asked when a
    /// wait has gone unanswered for a while, and a dead writer (whose queued documents are
    /// never dropped) ends the wait rather than hanging the run; its error comes at commit.
    pub fn reserve(self: &Arc<Self>, bytes: u64, alive: impl Fn() -> bool) -> Reservation {
        let mut used = self.used.lock().unwrap_or_else(PoisonError::into_inner);
        while *used > 0 && used.saturating_add(bytes) > self.limit {
            let (guard, wait) = self
                .freed
                .wait_timeout(used, PATIENCE)
                .unwrap_or_else(PoisonError::into_inner);
            used = guard;
            if wait.timed_out() && !alive() {
                break;
            }
        }
        *used = used.saturating_add(bytes);
        Reservation {
            bytes,
            in_flight: Arc::clone(self),
        }
    }

    /// Bytes in flight now.
    pub fn used(&self) -> u64 {
        *self.used.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Bytes counted in flight, given back when dropped.
#[derive(Debug)]
pub struct Reservation {
    bytes: u64,
    in_flight: Arc<InFlight>,
}

impl Reservation {
    /// Move `bytes` of this reservation (all that is left, if less) into a new one.
    pub fn split(&mut self, bytes: u64) -> Reservation {
        let bytes = bytes.min(self.bytes);
        self.bytes -= bytes;
        Reservation {
            bytes,
            in_flight: Arc::clone(&self.in_flight),
        }
    }
}

impl Drop for Reservation {
    fn drop(&mut self) {
        if self.bytes == 0 {
            return;
        }
        let mut used = self
            .in_flight
            .used
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        *used = used.saturating_sub(self.bytes);
        self.in_flight.freed.notify_all();
    }
}

/// The bytes an article counts for while in flight: its text, which its document copies.
pub fn text_bytes(raw: &RawArticle) -> u64 {
    let optional = |s: &Option<String>| s.as_ref().map_or(0, String::len);
    (raw.body.len()
        + optional(&raw.title)
        + raw.member.as_ref().map_or(0, |m| m.to_string().len())
        + optional(&raw.url)
        + optional(&raw.source)
        + raw.places.iter().map(String::len).sum::<usize>()) as u64
}

/// A document for tantivy's writer that holds its article's [`Reservation`] until tantivy
/// drops it: once it is indexed, or refused by a dead writer.
pub struct QueuedDocument {
    doc: TantivyDocument,
    _reservation: Reservation,
}

impl QueuedDocument {
    pub fn new(doc: TantivyDocument, reservation: Reservation) -> QueuedDocument {
        QueuedDocument {
            doc,
            _reservation: reservation,
        }
    }
}

impl Document for QueuedDocument {
    type Value<'a> = <TantivyDocument as Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn reserve_waits_until_a_queued_document_is_dropped() {
        let in_flight = InFlight::new(10);
        let first = in_flight.reserve(8, || true);
        let dropped = AtomicBool::new(false);
        std::thread::scope(|scope| {
            scope.spawn(|| {
                let doc = QueuedDocument::new(TantivyDocument::default(), first);
                std::thread::sleep(Duration::from_millis(50));
                dropped.store(true, Ordering::SeqCst);
                drop(doc);
            });
            let _second = in_flight.reserve(5, || true);
            assert!(
                dropped.load(Ordering::SeqCst),
                "reserved before the release"
            );
            assert_eq!(in_flight.used(), 5);
        });
        assert_eq!(in_flight.used(), 0);
    }

    #[test]
    fn an_article_over_the_limit_passes_alone() {
        let in_flight = InFlight::new(10);
        let big = in_flight.reserve(50, || true);
        assert_eq!(in_flight.used(), 50);
        drop(big);
        assert_eq!(in_flight.used(), 0);
    }

    #[test]
    fn split_parts_are_released_each_and_the_rest_once() {
        let in_flight = InFlight::new(100);
        let mut batch = in_flight.reserve(30, || true);
        let a = batch.split(10);
        let b = batch.split(50);
        assert_eq!((a.bytes, b.bytes, batch.bytes), (10, 20, 0));
        drop(a);
        assert_eq!(in_flight.used(), 20);
        drop(batch);
        drop(b);
        assert_eq!(in_flight.used(), 0);
    }

    #[test]
    fn a_dead_writer_ends_the_wait() {
        let in_flight = InFlight::new(10);
        let _stuck = in_flight.reserve(8, || true);
        let _next = in_flight.reserve(5, || false);
        assert_eq!(in_flight.used(), 13);
    }
}
