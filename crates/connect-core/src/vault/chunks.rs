//! A value longer than one keychain entry holds (Windows' 2,560 bytes), split into numbered chunk
//! entries written first and published by rewriting the head entry; old chunks go last.

use std::sync::Mutex;

use super::SecretStore;
use crate::error::{ErrorCode, Result, SecretKind};
use crate::secret::Secret;

const CHUNK_MARKER: &str = "factorial-connect-chunks:v1:";

/// Windows' Credential Manager limit, with room to spare: keyring stores a value as UTF-16, and an
/// entry holds at most 2,560 bytes, so 1,280 UTF-16 units (a character outside the Basic
/// Multilingual Plane, an emoji say, takes two).
pub(super) const WINDOWS_MAX_UNITS: usize = 1200;

pub(super) struct Inner {
    pub(super) store: Box<dyn SecretStore>,
    /// The most UTF-16 units one entry may hold.
    pub(super) max_entry_units: usize,
    /// One keychain conversation at a time: several at once can prompt the user several times.
    pub(super) serial: Mutex<()>,
}

impl Inner {
    pub(super) fn read(&self, key: &str) -> Result<Option<Secret>> {
        let Some(head) = self.store.get(key)? else {
            return Ok(None);
        };
        let Some((generation, count)) = parse_manifest(head.expose()) else {
            return Ok(Some(head));
        };
        let mut value = String::new();
        for i in 0..count {
            match self.store.get(&chunk_key(key, generation, i))? {
                Some(part) => value.push_str(part.expose()),
                None => {
                    return Err(ErrorCode::SecretMissing {
                        secret: SecretKind::SecretPart,
                    }
                    .into());
                }
            }
        }
        Ok(Some(Secret::new(value)))
    }

    pub(super) fn write(&self, key: &str, value: &Secret) -> Result<()> {
        let previous = self
            .store
            .get(key)?
            .and_then(|head| parse_manifest(head.expose()));
        let text = value.expose();
        if text.encode_utf16().count() <= self.max_entry_units && !text.starts_with(CHUNK_MARKER) {
            self.store.set(key, value)?;
        } else {
            let generation = previous.map_or(1, |(g, _)| g.wrapping_add(1));
            let parts = split_by_units(text, self.max_entry_units);
            for (i, part) in parts.iter().enumerate() {
                self.store
                    .set(&chunk_key(key, generation, i), &Secret::new(part.clone()))?;
            }
            let manifest = format!("{CHUNK_MARKER}{generation}:{}", parts.len());
            self.store.set(key, &Secret::new(manifest))?;
        }
        // The new value is published; only now may the previous generation's chunks go. The write
        // has succeeded whatever happens here: a leftover chunk is untidy, never wrong.
        if let Some((generation, count)) = previous {
            for i in 0..count {
                let _ = self.store.delete(&chunk_key(key, generation, i));
            }
        }
        Ok(())
    }

    pub(super) fn remove(&self, key: &str) -> Result<()> {
        let previous = self
            .store
            .get(key)?
            .and_then(|head| parse_manifest(head.expose()));
        self.store.delete(key)?;
        if let Some((generation, count)) = previous {
            for i in 0..count {
                self.store.delete(&chunk_key(key, generation, i))?;
            }
        }
        Ok(())
    }
}

/// `text` in pieces of at most `max_units` UTF-16 units each, never splitting a character.
fn split_by_units(text: &str, max_units: usize) -> Vec<String> {
    let (mut parts, mut part, mut units) = (Vec::new(), String::new(), 0);
    for c in text.chars() {
        if units + c.len_utf16() > max_units {
            parts.push(std::mem::take(&mut part));
            units = 0;
        }
        units += c.len_utf16();
        part.push(c);
    }
    parts.push(part);
    parts
}

fn chunk_key(key: &str, generation: u32, index: usize) -> String {
    format!("{key}#{generation}.{index}")
}

fn parse_manifest(head: &str) -> Option<(u32, usize)> {
    let rest = head.strip_prefix(CHUNK_MARKER)?;
    let (generation, count) = rest.split_once(':')?;
    // A tampered head must not make us read thousands of entries: real values need a handful.
    let count: usize = count.parse().ok()?;
    (count <= 64).then_some(())?;
    Some((generation.parse().ok()?, count))
}
