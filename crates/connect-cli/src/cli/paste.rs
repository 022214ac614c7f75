//! Lines pasted on standard input while an authorization waits, read with a bound: a pipe that
//! never sends a newline must not make us buffer without limit. Cancel-safe, so it can sit in a
//! `tokio::select!` beside the other ways a wait ends.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader, Stdin};

use connect_core::callback::MAX_INPUT_LEN;

/// What the next read gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Pasted {
    Line(String),
    /// A line longer than any answer, of this many bytes; it was skipped.
    TooLong(usize),
    /// The input ended (Ctrl-D, or a pipe that closed).
    End,
}

/// Bounded lines from a reader; the partial line lives here, not in the future, so a select that
/// drops a read loses nothing.
pub struct PasteLines<R = BufReader<Stdin>> {
    reader: R,
    line: Vec<u8>,
    skipped: usize,
}

impl PasteLines {
    pub fn stdin() -> Self {
        Self::new(BufReader::new(tokio::io::stdin()))
    }
}

impl<R: AsyncBufRead + Unpin> PasteLines<R> {
    pub fn new(reader: R) -> Self {
        PasteLines {
            reader,
            line: Vec::new(),
            skipped: 0,
        }
    }

    pub async fn next(&mut self) -> std::io::Result<Pasted> {
        loop {
            let buf = self.reader.fill_buf().await?;
            if buf.is_empty() {
                return Ok(if self.skipped > 0 || !self.line.is_empty() {
                    self.take()
                } else {
                    Pasted::End
                });
            }
            let (chunk, ends_line) = match buf.iter().position(|b| *b == b'\n') {
                Some(i) => (&buf[..i], true),
                None => (buf, false),
            };
            let used = chunk.len() + usize::from(ends_line);
            if self.skipped > 0 || self.line.len() + chunk.len() > MAX_INPUT_LEN {
                self.skipped += self.line.len() + chunk.len();
                self.line.clear();
            } else {
                self.line.extend_from_slice(chunk);
            }
            self.reader.consume(used);
            if ends_line {
                return Ok(self.take());
            }
        }
    }

    fn take(&mut self) -> Pasted {
        let skipped = std::mem::take(&mut self.skipped);
        let line = std::mem::take(&mut self.line);
        if skipped > 0 {
            Pasted::TooLong(skipped)
        } else {
            Pasted::Line(String::from_utf8_lossy(&line).into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn long_lines_are_skipped_not_buffered() {
        let input = format!("first\n{}\nthird", "x".repeat(100_000));
        let mut lines = PasteLines::new(BufReader::with_capacity(64, input.as_bytes()));
        assert_eq!(lines.next().await.unwrap(), Pasted::Line("first".into()));
        assert_eq!(lines.next().await.unwrap(), Pasted::TooLong(100_000));
        assert!(lines.line.capacity() <= MAX_INPUT_LEN + 64);
        assert_eq!(lines.next().await.unwrap(), Pasted::Line("third".into()));
        assert_eq!(lines.next().await.unwrap(), Pasted::End);
    }
}
