//! Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): object keys sorted by their
//! UTF-16 code units, no white space, strings with the minimal escapes, numbers as ECMAScript
//! prints a double. The audit hash (R-AU-1) is SHA-256 over these bytes, so anyone can
//! recompute it in any language with a JCS library or a few lines of code
//! (docs/audit-format.md). The RFC's reference test vectors run against this module
//! (tests/external/jcs).

use serde::Serialize;

use crate::error::{Error, Result};
use crate::finding::Code;

/// The canonical bytes of a serializable value.
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    // Only values JSON cannot hold (a non-finite float, a map with non-string keys) fail.
    serde_jcs::to_vec(value).map_err(|_| Error::new(Code::JsonInvalidValue, "").param("expected", "a JSON value"))
}

/// The canonical form of a JSON text.
pub fn canonicalize(json: &str, max_bytes: usize) -> Result<String> {
    let value = crate::json::from_json::<serde_json::Value>(json, max_bytes)?;
    let bytes = to_vec(&value)?;
    // serde_jcs writes UTF-8 only.
    String::from_utf8(bytes).map_err(|_| Error::new(Code::JsonInvalidValue, "").param("expected", "UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sorted_no_space_minimal_escapes() {
        let got = canonicalize(r#"{ "b": [1, 2.50, "é\u0041"], "a": {"z": null, "A": true} }"#, 1000).unwrap();
        assert_eq!(got, r#"{"a":{"A":true,"z":null},"b":[1,2.5,"éA"]}"#);
    }

    #[test]
    fn keys_sort_by_utf16_code_units_not_by_code_points() {
        // U+1F600 is D83D DE00 in UTF-16 and sorts before U+FB01 (FB01) there.
        let got = canonicalize(r#"{"ﬁ":1,"😀":2}"#, 1000).unwrap();
        assert_eq!(got, r#"{"😀":2,"ﬁ":1}"#);
    }
}
