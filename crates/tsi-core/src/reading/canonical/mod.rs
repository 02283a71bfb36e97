//! Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): object keys sorted by their
//! UTF-16 code units, no white space, strings with the minimal escapes, numbers as ECMAScript
//! prints a double. The audit hash (R-AU-1) is SHA-256 over these bytes, so anyone can
//! recompute it in any language with a JCS library or a few lines of code
//! (docs/audit-format.md). The RFC's reference test vectors run against this module
//! (tests/external/jcs).

mod order;
mod writer;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::finding::Code;

/// The canonical bytes of a serializable value.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    // Only values JSON cannot hold (a non-finite float, a map with non-string keys) fail.
    writer::to_vec(value).map_err(|_| Error::new(Code::JsonInvalidValue, "").param("expected", "a JSON value"))
}

/// The canonical form of a JSON text.
pub fn canonicalize(json: &str, max_bytes: usize) -> Result<String> {
    let value = crate::reading::from_json::<serde_json::Value>(json, max_bytes)?;
    let bytes = to_vec(&value)?;
    // The writer copies UTF-8 text and writes ASCII around it.
    String::from_utf8(bytes).map_err(|_| Error::new(Code::JsonInvalidValue, "").param("expected", "UTF-8"))
}

#[cfg(test)]
mod tests;
