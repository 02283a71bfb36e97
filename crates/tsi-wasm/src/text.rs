//! JS text into wasm memory in one native step (#30). wasm-bindgen's own crossing of a string
//! copies it code unit by code unit in a JavaScript loop while it is ASCII — 13 % of a
//! 10 004-event replay from JS; the host's `TextEncoder` encodes the whole text natively and
//! the bytes are copied in at once.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    type TextEncoder;
    #[wasm_bindgen(constructor)]
    fn new() -> TextEncoder;
    #[wasm_bindgen(method)]
    fn encode(this: &TextEncoder, text: &js_sys::JsString) -> Vec<u8>;
}

thread_local! {
    static ENCODER: TextEncoder = TextEncoder::new();
}

/// Below this many UTF-16 units a text crosses the usual way: the loop is cheaper than making
/// a `Uint8Array` for a few words.
const ENCODED_FROM: u32 = 512;

/// The value's text, if it is a string. Lone surrogates become U+FFFD either way.
pub(crate) fn text_of(value: &JsValue) -> Option<String> {
    let text = value.dyn_ref::<js_sys::JsString>()?;
    if text.length() < ENCODED_FROM {
        return value.as_string();
    }
    // TextEncoder writes valid UTF-8; the check keeps the crate free of `unsafe`.
    ENCODER.with(|encoder| String::from_utf8(encoder.encode(text)).ok())
}
