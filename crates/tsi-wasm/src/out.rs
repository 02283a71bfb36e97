//! Results out of wasm as one JSON text that the host's `JSON.parse` makes into plain objects
//! (#30). `serde_wasm_bindgen` made them member by member, a call across the boundary for each
//! member and each string: a replayed case's two thousand needs and interventions were a
//! quarter of a 10 004-event replay from JS. Writing the text and the host's parser cost about
//! as much (docs/PERFORMANCE.md, "Results out as one JSON text"); what it buys is one writer in
//! the binary, not two per result type.

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter};
use std::io;
use wasm_bindgen::prelude::*;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: u64 = (1 << 53) - 1;

/// serde_json's compact writing, refusing an integer a JS number would round: a result is
/// never changed on its way out (an audit `seq` chained from a crafted `auditPrev` can pass
/// 2^53), it is refused as `serde_wasm_bindgen` refused it.
struct Exact;

fn exact(magnitude: u128) -> io::Result<()> {
    if magnitude > u128::from(MAX_SAFE) {
        return Err(io::Error::other("an integer JS cannot hold exactly"));
    }
    Ok(())
}

impl Formatter for Exact {
    fn write_u64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: u64) -> io::Result<()> {
        exact(value.into())?;
        CompactFormatter.write_u64(writer, value)
    }

    fn write_i64<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: i64) -> io::Result<()> {
        exact(value.unsigned_abs().into())?;
        CompactFormatter.write_i64(writer, value)
    }

    fn write_u128<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: u128) -> io::Result<()> {
        exact(value)?;
        CompactFormatter.write_u128(writer, value)
    }

    fn write_i128<W: ?Sized + io::Write>(&mut self, writer: &mut W, value: i128) -> io::Result<()> {
        exact(value.unsigned_abs())?;
        CompactFormatter.write_i128(writer, value)
    }
}

/// A core value as plain JS objects, as `JSON.parse` makes them (maps as objects).
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&to_text(value)?).map_err(|_| not_converted())
}

/// A core value as compact JSON text, every integer exact in JS.
pub(crate) fn to_text<T: Serialize>(value: &T) -> Result<String, JsValue> {
    exact_json(value).ok_or_else(not_converted)
}

/// The JSON text, or `None` for an integer past 2^53. The one writer of the crate: another
/// formatter would compile every result type's writing again.
fn exact_json<T: Serialize>(value: &T) -> Option<String> {
    let mut text = Vec::with_capacity(256);
    value.serialize(&mut serde_json::Serializer::with_formatter(&mut text, Exact)).ok()?;
    // serde_json writes UTF-8; the check keeps the crate free of `unsafe`.
    String::from_utf8(text).ok()
}

/// The error of a result JS cannot hold (an integer past 2^53): not an input's fault.
fn not_converted() -> JsValue {
    JsValue::from(js_sys::Error::new("tsi: could not convert the result"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_js_holds_exactly_are_written_as_compact_json() {
        let max = MAX_SAFE as i64;
        let value = serde_json::json!({"u": MAX_SAFE, "i": -max, "small": [0, 1, -1], "f": 0.5, "s": "å\"", "n": null});
        assert_eq!(exact_json(&value).as_deref(), Some(serde_json::to_string(&value).unwrap().as_str()));
        assert_eq!(
            exact_json(&(u128::from(MAX_SAFE), -i128::from(max))).as_deref(),
            Some("[9007199254740991,-9007199254740991]")
        );
    }

    #[test]
    fn an_integer_js_would_round_is_refused_wherever_it_is() {
        let past = MAX_SAFE + 1;
        assert_eq!(exact_json(&past), None);
        assert_eq!(exact_json(&-(past as i64)), None);
        assert_eq!(exact_json(&u128::from(past)), None);
        assert_eq!(exact_json(&-i128::from(past)), None);
        assert_eq!(exact_json(&serde_json::json!({"a": [{"seq": u64::MAX}]})), None);
    }
}
