//! JS text into wasm memory in one native step (#30). wasm-bindgen's own crossing of a string
//! copies it code unit by code unit in a JavaScript loop while it is ASCII — 13 % of a
//! 10 004-event replay from JS. The host's `TextEncoder.encodeInto` writes the UTF-8 straight
//! into wasm memory: no `Uint8Array` made and copied in after (`encode` did that, 4.5× slower
//! than `encodeInto` for a 1.8 MB log in node 20).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method, js_name = encodeInto)]
    fn encode_into(this: &TextEncoder, text: &js_sys::JsString, into: &mut [u8]) -> EncodedInto;

    /// What `encodeInto` did: UTF-16 units read, bytes written.
    type EncodedInto;
    #[wasm_bindgen(method, getter)]
    fn read(this: &EncodedInto) -> u32;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodedInto) -> u32;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// Below this many UTF-16 units a text crosses the usual way: the loop is cheaper than two
/// calls out for a few words.
const ENCODED_FROM: u32 = 512;

/// The value's text, if it is a string. Lone surrogates become U+FFFD either way.
pub(crate) fn text_of(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    if text.length() < ENCODED_FROM {
        return value.as_string();
    }
    ENCODER.with(|encoder| utf8_of(encoder, text))
}

/// The text as UTF-8. The first guess is one byte per unit (ASCII, as JSON mostly is); when
/// it does not fit, what is left is encoded into room for its worst case, three bytes a unit.
fn utf8_of(encoder: &TextEncoder, text: &js_sys::JsString) -> Option<String> {
    let units = text.length();
    let mut bytes = vec![0u8; units as usize];
    let mut done = encoder.encode_into(text, &mut bytes);
    let (read, mut written) = (done.read(), done.written() as usize);
    if read < units {
        let rest = text.slice(read, units);
        bytes.resize(written + 3 * rest.length() as usize, 0);
        done = encoder.encode_into(&rest, bytes.get_mut(written..)?);
        written += done.written() as usize;
    }
    bytes.truncate(written);
    // encodeInto writes valid UTF-8; the check keeps the crate free of `unsafe`.
    String::from_utf8(bytes).ok()
}
