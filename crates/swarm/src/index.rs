//! A key -> record-index hash table (open addressing, linear probing), for ids, capability
//! names and capability sets.
//!
//! The keys are not stored here: they live in the records, and lookups compare against them
//! through a closure. Records are never deleted, so the table never needs tombstones. The hash
//! function is fixed (FNV-1a), so behaviour is deterministic.

use alloc::vec;
use alloc::vec::Vec;

const EMPTY: u32 = u32::MAX;

fn fnv1a(bytes: impl Iterator<Item = u8>) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

/// Keys an [`IdIndex`] can hash.
pub(crate) trait IndexKey: PartialEq {
    /// A fixed 32-bit hash.
    fn hash32(&self) -> u32;

    /// Equality (ids are short: an inline comparison beats a call to `memcmp`).
    fn same(&self, other: &Self) -> bool {
        self == other
    }
}

impl IndexKey for str {
    fn hash32(&self) -> u32 {
        fnv1a(self.bytes())
    }

    fn same(&self, other: &Self) -> bool {
        let (a, b) = (self.as_bytes(), other.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut a8 = a.chunks_exact(8);
        let mut b8 = b.chunks_exact(8);
        for (x, y) in a8.by_ref().zip(b8.by_ref()) {
            if x != y {
                return false;
            }
        }
        let mut diff = 0;
        for (x, y) in a8.remainder().iter().zip(b8.remainder()) {
            diff |= x ^ y;
        }
        diff == 0
    }
}

impl IndexKey for [u32] {
    fn hash32(&self) -> u32 {
        fnv1a(self.iter().flat_map(|v| v.to_le_bytes()))
    }
}

#[derive(Debug, Clone, Default)]
pub(crate) struct IdIndex {
    /// (hash, record index) per slot; `EMPTY` index marks a free slot. Length is 0 or a power
    /// of two.
    slots: Vec<(u32, u32)>,
    len: usize,
}

impl IdIndex {
    pub fn len(&self) -> usize {
        self.len
    }

    /// An empty index with room for `n` keys before it grows.
    pub fn with_capacity(n: usize) -> Self {
        let size = n.saturating_mul(2).max(16).next_power_of_two();
        IdIndex {
            slots: vec![(0, EMPTY); size],
            len: 0,
        }
    }

    /// The record whose key is `id`; `key_of(i)` gives record `i`'s key.
    pub fn get<'a, K: IndexKey + ?Sized + 'a>(
        &self,
        id: &K,
        key_of: impl Fn(u32) -> &'a K,
    ) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let h = id.hash32();
        let mask = self.slots.len() - 1;
        let mut pos = h as usize & mask;
        loop {
            let (sh, idx) = *self.slots.get(pos)?;
            if idx == EMPTY {
                return None;
            }
            if sh == h && key_of(idx).same(id) {
                return Some(idx);
            }
            pos = (pos + 1) & mask;
        }
    }

    /// Adds record `idx` with key `id` (the caller checked it is not present).
    pub fn insert<K: IndexKey + ?Sized>(&mut self, id: &K, idx: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        self.place(id.hash32(), idx);
        self.len += 1;
    }

    fn place(&mut self, h: u32, idx: u32) {
        let mask = self.slots.len() - 1;
        let mut pos = h as usize & mask;
        while let Some(slot) = self.slots.get_mut(pos) {
            if slot.1 == EMPTY {
                *slot = (h, idx);
                return;
            }
            pos = (pos + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        let old = core::mem::replace(&mut self.slots, vec![(0, EMPTY); size]);
        for (h, idx) in old {
            if idx != EMPTY {
                self.place(h, idx);
            }
        }
    }
}

/// Strings stored back to back in one buffer, numbered in insertion order (the task ids: one
/// allocation instead of one per task, and the ids an index lookup compares against share
/// cache lines instead of being scattered over the heap).
#[derive(Debug, Clone, Default)]
pub(crate) struct StrArena {
    text: alloc::string::String,
    /// End offset of each string in `text`.
    ends: Vec<u32>,
}

impl StrArena {
    /// Appends a string; returns its number.
    pub fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        self.ends.push(self.text.len() as u32);
        self.ends.len() as u32 - 1
    }

    /// String number `i` (`""` if there is none).
    pub fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        let start = match i.checked_sub(1) {
            Some(prev) => self.ends.get(prev).copied().unwrap_or(0) as usize,
            None => 0,
        };
        self.text.get(start..end).unwrap_or("")
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    #[test]
    fn finds_every_inserted_id_and_nothing_else() {
        let ids: Vec<String> = (0..5000).map(|i| format!("t{i}")).collect();
        let mut index = IdIndex::default();
        assert_eq!(index.get("t0", |i| ids[i as usize].as_str()), None);
        for (i, id) in ids.iter().enumerate() {
            index.insert(id.as_str(), i as u32);
        }
        assert_eq!(index.len(), 5000);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(
                index.get(id.as_str(), |k| ids[k as usize].as_str()),
                Some(i as u32)
            );
        }
        assert_eq!(index.get("t5000", |k| ids[k as usize].as_str()), None);
        assert_eq!(index.get("", |k| ids[k as usize].as_str()), None);
    }

    #[test]
    fn arena_returns_what_was_pushed() {
        let mut arena = StrArena::default();
        assert_eq!(arena.get(0), "");
        for (i, s) in ["a", "", "bcd", "t42"].iter().enumerate() {
            assert_eq!(arena.push(s), i as u32);
        }
        assert_eq!(arena.len(), 4);
        assert_eq!(
            (0..5).map(|i| arena.get(i)).collect::<Vec<_>>(),
            ["a", "", "bcd", "t42", ""]
        );
    }

    #[test]
    fn works_for_capability_sets() {
        let sets: Vec<Vec<u32>> = vec![vec![], vec![1], vec![1, 2], vec![2, 1]];
        let mut index = IdIndex::default();
        for (i, set) in sets.iter().enumerate() {
            index.insert(set.as_slice(), i as u32);
        }
        for (i, set) in sets.iter().enumerate() {
            assert_eq!(
                index.get(set.as_slice(), |k| sets[k as usize].as_slice()),
                Some(i as u32)
            );
        }
        assert_eq!(
            index.get(&[3u32][..], |k| sets[k as usize].as_slice()),
            None
        );
    }
}
