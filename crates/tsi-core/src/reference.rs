//! R-PD-1 (clarified 2026-12): every id a document carries — case, agency, principal,
//! guardian, need, intervention, meeting, consent, ground, actor — is a reference, and one
//! written as a personal identity number is refused. Each document part lists its own
//! references beside its type (`impl References`), so a new id field is swept where it is
//! defined; this module holds the walk and the parts every chapter shares.

use crate::agency::Agency;

/// A test on one reference (e.g. "holds a personal number"). Generic rather than `dyn`, so the
/// test's fast path (most references are short) is inlined: this runs on every decision.
pub trait Hit: Fn(&str) -> bool + Copy {}
impl<F: Fn(&str) -> bool + Copy> Hit for F {}

/// A part of a document that carries references.
pub trait References {
    /// The path, relative to this value, of the first reference for which `hit` holds. The
    /// path is written only on a hit: this runs on every decision and every event.
    fn find_reference(&self, hit: impl Hit) -> Option<String>;
}

/// `value` at `path` when it is a hit.
pub fn one(path: &str, value: &str, hit: impl Hit) -> Option<String> {
    hit(value).then(|| path.to_owned())
}

/// The first hit among `items`, at `list/<index>…`.
pub fn each<T: References>(list: &str, items: &[T], hit: impl Hit) -> Option<String> {
    items.iter().enumerate().find_map(|(i, item)| item.find_reference(hit).map(|p| format!("{list}/{i}{p}")))
}

/// A hit inside `part`, at `path…`.
pub fn within<T: References>(path: &str, part: &T, hit: impl Hit) -> Option<String> {
    part.find_reference(hit).map(|p| format!("{path}{p}"))
}

impl References for String {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("", self, hit)
    }
}

impl References for Agency {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("/id", &self.id, hit).or_else(|| one("/principal/id", &self.principal.id, hit))
    }
}
