//! The hasher of tsi's sets and maps of ids. Natively std's randomly keyed SipHash, so that a
//! hostile document cannot cheaply flood a set with ids that collide. In the web build std has
//! no random keys to give (its keys are two allocation addresses, the same in every run of a
//! build), so SipHash buys nothing there and cost a tenth of validating a SIP from JS (#30):
//! there FxHash (rustc-hash), +67 bytes gzipped. A crafted flood is bounded there as before by
//! the policy's list limits. No answer depends on the order of a set or a map (natively that
//! order differs from process to process): they are only asked whether and where.

#[cfg(target_arch = "wasm32")]
pub(crate) type Build = rustc_hash::FxBuildHasher;
#[cfg(not(target_arch = "wasm32"))]
pub(crate) type Build = std::hash::RandomState;

/// A set of ids (or other keys) under [`Build`].
pub(crate) type Set<T> = std::collections::HashSet<T, Build>;
/// A map by id under [`Build`].
pub(crate) type Map<K, V> = std::collections::HashMap<K, V, Build>;

/// An empty set with room for `n`.
pub(crate) fn set_with_capacity<T>(n: usize) -> Set<T> {
    Set::with_capacity_and_hasher(n, Build::default())
}
