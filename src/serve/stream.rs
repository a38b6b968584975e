//! Streaming an export: a blocking search thread writes rows into a [`ChunkWriter`], whose
//! chunks go to the response body through a small channel. A client that stops reading
//! stalls the channel; after [`SEND_TIMEOUT`] the export gives up and releases the index.

use axum::body::{Body, Bytes};
use std::io::{self, Write};
use std::time::Duration;
use tokio::runtime::Handle;
use tokio::sync::mpsc;

/// Bytes gathered before a chunk is sent.
const CHUNK_BYTES: usize = 64 * 1024;

/// Chunks in flight between the search thread and the connection.
const CHANNEL_CHUNKS: usize = 8;

/// How long a client may leave a chunk unread before the export is abandoned.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

type Chunk = Result<Bytes, io::Error>;

/// A body fed by a [`ChunkWriter`] that gives up when a chunk waits `send_timeout` unread.
pub(crate) fn channel(send_timeout: Duration) -> (ChunkWriter, Body) {
    let (tx, rx) = mpsc::channel::<Chunk>(CHANNEL_CHUNKS);
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let writer = ChunkWriter {
        tx,
        buf: Vec::with_capacity(CHUNK_BYTES),
        handle: Handle::current(),
        send_timeout,
    };
    (writer, Body::from_stream(stream))
}

/// `Write` for a blocking thread, sending [`CHUNK_BYTES`] at a time to the body.
pub(crate) struct ChunkWriter {
    tx: mpsc::Sender<Chunk>,
    buf: Vec<u8>,
    handle: Handle,
    send_timeout: Duration,
}

impl ChunkWriter {
    fn send(&mut self, chunk: Chunk) -> io::Result<()> {
        let tx = self.tx.clone();
        let timeout = self.send_timeout;
        let sent = self
            .handle
            .block_on(async move { tokio::time::timeout(timeout, tx.send(chunk)).await });
        match sent {
            Ok(Ok(())) => Ok(()),
            Ok(Err(_)) => Err(io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the client closed the connection",
            )),
            Err(_) => Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stopped reading the export",
            )),
        }
    }

    /// End the body with an error, so the client sees a broken transfer, not a short file.
    pub fn fail(mut self, message: String) {
        self.buf.clear();
        let _ = self.send(Err(io::Error::other(message)));
    }
}

impl Write for ChunkWriter {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK_BYTES {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(
            &mut self.buf,
            Vec::with_capacity(CHUNK_BYTES),
        ));
        self.send(Ok(chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime")
    }

    /// Writes `chunks` full chunks from a blocking thread, as an export does.
    fn write_chunks(mut writer: ChunkWriter, chunks: usize) -> io::Result<()> {
        for _ in 0..chunks {
            writer.write_all(&[b'x'; CHUNK_BYTES])?;
        }
        writer.flush()
    }

    #[test]
    fn a_client_that_stops_reading_ends_the_export() {
        runtime().block_on(async {
            let (writer, body) = channel(Duration::from_millis(50));
            // The body is held but never read: the channel fills, then the timeout fires.
            let outcome =
                tokio::task::spawn_blocking(move || write_chunks(writer, CHANNEL_CHUNKS + 4))
                    .await
                    .expect("writer thread");
            let err = outcome.expect_err("a stalled export must give up");
            assert_eq!(err.kind(), io::ErrorKind::TimedOut);
            drop(body);
        });
    }

    #[test]
    fn a_client_that_reads_gets_every_byte() {
        runtime().block_on(async {
            let (writer, body) = channel(SEND_TIMEOUT);
            let chunks = CHANNEL_CHUNKS + 4;
            let sender = tokio::task::spawn_blocking(move || write_chunks(writer, chunks));
            let mut stream = body.into_data_stream();
            let mut received = 0;
            while let Some(chunk) = stream.next().await {
                received += chunk.expect("chunk").len();
            }
            sender.await.expect("writer thread").expect("export");
            assert_eq!(received, chunks * CHUNK_BYTES);
        });
    }

    #[test]
    fn a_client_that_hangs_up_stops_the_export() {
        runtime().block_on(async {
            let (writer, body) = channel(Duration::from_secs(30));
            drop(body);
            let outcome = tokio::task::spawn_blocking(move || write_chunks(writer, 2))
                .await
                .expect("writer thread");
            assert_eq!(
                outcome.expect_err("nobody to send to").kind(),
                io::ErrorKind::BrokenPipe
            );
        });
    }
}
