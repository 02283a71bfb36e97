//! The fixed names tsi reads from and writes to JS objects (option names, members of results),
//! as JS strings made once (#30). `JsValue::from_str` decodes its text in JS on every call (a
//! `TextDecoder` call, about half a microsecond in node 20): a question to a prepared case given
//! options read seven option names that way, a quarter of its time, and a sharing matrix wrote
//! seven member names per cell.

use std::cell::RefCell;

use wasm_bindgen::JsValue;

thread_local! {
    static MADE: RefCell<Vec<(&'static str, JsValue)>> = const { RefCell::new(Vec::new()) };
}

/// `name` as a JS string, made the first time it is asked for.
pub(crate) fn js_name(name: &'static str) -> JsValue {
    MADE.with(|made| {
        // Never borrowed twice (making a string does not call back into wasm); if it were, the
        // string is made anew rather than panicking.
        let Ok(mut made) = made.try_borrow_mut() else {
            return JsValue::from_str(name);
        };
        if let Some((_, js)) = made.iter().find(|(known, _)| *known == name) {
            return js.clone();
        }
        let js = JsValue::from_str(name);
        made.push((name, js.clone()));
        js
    })
}
