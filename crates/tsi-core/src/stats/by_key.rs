//! Counts by the value of a small enum (a case's state, level, stage, close reason, overdue
//! code), kept as a list sorted by key.
//!
//! Why not a `BTreeMap`: the tree's code (insert, rebalance, clone, drop) is compiled once per
//! key type, about 10 KB of wasm each, for maps that never hold more than a handful of keys.
//! A sorted list behaves the same — sorted iteration, a key once, the last of a repeated key
//! wins when read — in a few hundred bytes per key type. Keys are values of an enum, so the list
//! never grows past the number of its values and an insert is a short move; open-ended keys
//! (day counts, free labels) stay in `BTreeMap`s.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Values by key, sorted by key, each key once (serialised as a JSON object, like a map).
#[derive(Clone, PartialEq, Eq)]
pub struct ByKey<K, V = u64> {
    entries: Vec<(K, V)>,
}

impl<K, V> Default for ByKey<K, V> {
    fn default() -> Self {
        ByKey { entries: Vec::new() }
    }
}

impl<K: Ord + Copy, V> ByKey<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value of `key`, if it has one.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.find(key).ok().and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// Changes the value of `key`, starting from `V::default()` when it had none.
    pub fn update(&mut self, key: K, change: impl FnOnce(&mut V))
    where
        V: Default,
    {
        let i = self.find(&key).unwrap_or_else(|i| {
            self.entries.insert(i, (key, V::default()));
            i
        });
        if let Some((_, v)) = self.entries.get_mut(i) {
            change(v);
        }
    }

    /// Sets the value of `key` (what a map's `insert` does).
    pub fn insert(&mut self, key: K, value: V) {
        match self.find(&key) {
            Ok(i) => {
                if let Some(entry) = self.entries.get_mut(i) {
                    entry.1 = value;
                }
            }
            Err(i) => self.entries.insert(i, (key, value)),
        }
    }

    /// Keeps the entries `keep` says yes to.
    pub fn retain(&mut self, mut keep: impl FnMut(&K, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// The entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&K, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The keys in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// How many keys have a value.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether no key has a value.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn find(&self, key: &K) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.cmp(key))
    }
}

impl<K: Ord + Copy, V> FromIterator<(K, V)> for ByKey<K, V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = ByKey::new();
        for (k, v) in iter {
            map.insert(k, v);
        }
        map
    }
}

impl<K: fmt::Debug, V: fmt::Debug> fmt::Debug for ByKey<K, V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.entries.iter().map(|(k, v)| (k, v))).finish()
    }
}

impl<K: Serialize, V: Serialize> Serialize for ByKey<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de, K: Deserialize<'de> + Ord + Copy, V: Deserialize<'de>> Deserialize<'de> for ByKey<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(Entries(PhantomData))
    }
}

struct Entries<K, V>(PhantomData<(K, V)>);

impl<'de, K: Deserialize<'de> + Ord + Copy, V: Deserialize<'de>> Visitor<'de> for Entries<K, V> {
    type Value = ByKey<K, V>;

    // What serde's map says, so a refusal reads as it did when these were `BTreeMap`s.
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut map = ByKey::new();
        while let Some((k, v)) = access.next_entry()? {
            map.insert(k, v);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::ByKey;

    /// An operation on a map of a few keys.
    #[derive(Clone, Debug)]
    enum Op {
        Insert(u8, u64),
        Bump(u8, u64),
        Retain(u64),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u8..6, 0u64..4).prop_map(|(k, v)| Op::Insert(k, v)),
            (0u8..6, 0u64..4).prop_map(|(k, v)| Op::Bump(k, v)),
            (0u64..3).prop_map(Op::Retain),
        ]
    }

    proptest! {
        /// The oracle is `BTreeMap`, which these maps replace: the same operations give the same
        /// entries in the same order, the same lookups and the same JSON, read back equal.
        #[test]
        fn behaves_as_a_btree_map(ops in proptest::collection::vec(op(), 0..40)) {
            let mut ours: ByKey<u8> = ByKey::new();
            let mut oracle: BTreeMap<u8, u64> = BTreeMap::new();
            for op in ops {
                match op {
                    Op::Insert(k, v) => { ours.insert(k, v); oracle.insert(k, v); }
                    Op::Bump(k, by) => { ours.update(k, |v| *v += by); *oracle.entry(k).or_default() += by; }
                    Op::Retain(min) => { ours.retain(|_, v| *v >= min); oracle.retain(|_, v| *v >= min); }
                }
                prop_assert_eq!(ours.iter().collect::<Vec<_>>(), oracle.iter().collect::<Vec<_>>());
            }
            for k in 0..6u8 {
                prop_assert_eq!(ours.get(&k), oracle.get(&k));
            }
            prop_assert_eq!(ours.len(), oracle.len());
            let json = serde_json::to_string(&ours).unwrap();
            prop_assert_eq!(&json, &serde_json::to_string(&oracle).unwrap());
            let back: ByKey<u8> = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, ours);
        }

        /// Read from JSON, a repeated key keeps its last value, as a `BTreeMap` read does.
        #[test]
        fn reads_as_a_btree_map(pairs in proptest::collection::vec((0u8..6, 0u64..9), 0..12)) {
            let body: Vec<String> = pairs.iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
            let text = format!("{{{}}}", body.join(","));
            let ours: ByKey<u8> = serde_json::from_str(&text).unwrap();
            let oracle: BTreeMap<u8, u64> = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(ours.iter().collect::<Vec<_>>(), oracle.iter().collect::<Vec<_>>());
        }
    }

    #[test]
    fn refuses_what_a_map_refuses() {
        for text in ["[]", "1", "{\"x\":1}", "{\"1\":-1}"] {
            let ours = serde_json::from_str::<ByKey<u8>>(text).map_err(|e| e.to_string());
            let oracle = serde_json::from_str::<BTreeMap<u8, u64>>(text).map_err(|e| e.to_string());
            assert_eq!(ours.err(), oracle.err(), "{text}");
        }
    }
}
