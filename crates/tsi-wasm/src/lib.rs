//! WebAssembly exports of tsi-core. Each function converts its JS arguments, calls one
//! core function and converts back; no domain decision is made here.
//!
//! Arguments arrive as `JsValue` so that a wrong JS type is a coded `TsiError`
//! (`JSON_WRONG_TYPE`) rather than a wasm-bindgen exception without a code.

use serde::Serialize;
use tsi_core::{id, policy, Code, Error, Lang};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// A language argument (`"sv"` or `"en"`); checked at run time, so any value may arrive.
    #[wasm_bindgen(typescript_type = "Lang")]
    pub type LangArg;
    /// A date argument `YYYY-MM-DD`.
    #[wasm_bindgen(typescript_type = "IsoDate")]
    pub type DateArg;
    /// A string argument.
    #[wasm_bindgen(typescript_type = "string")]
    pub type StringArg;
    /// A policy: an object or JSON text.
    #[wasm_bindgen(typescript_type = "PolicyInput | string")]
    pub type PolicyArg;
}

type JsResult = Result<JsValue, JsValue>;

/// Serializes a core value into plain JS objects (maps as objects, as JSON would).
fn to_js<T: Serialize>(value: &T) -> JsResult {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|_| JsValue::from(js_sys::Error::new("tsi: could not convert the result")))
}

/// A core error as a JS `Error` with `name = "TsiError"`, `code`, `path` and `params`.
fn to_js_error(err: &Error) -> JsValue {
    let js = js_sys::Error::new(&err.message(Lang::En));
    js.set_name("TsiError");
    let params = to_js(err.params()).unwrap_or(JsValue::NULL);
    for (key, value) in
        [("code", JsValue::from_str(err.code().as_str())), ("path", JsValue::from_str(err.path())), ("params", params)]
    {
        // Setting a property on a fresh Error cannot fail; ignore the Result for no-panic.
        let _ = js_sys::Reflect::set(&js, &JsValue::from_str(key), &value);
    }
    js.into()
}

fn wrong_type(arg: &str, expected: &str) -> JsValue {
    to_js_error(&Error::new(Code::JsonWrongType, format!("/{arg}")).param("expected", expected))
}

/// A required string argument.
fn string_arg(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    value.as_string().ok_or_else(|| wrong_type(arg, "a string"))
}

/// The optional language argument: absent, `undefined` or `null` is Swedish.
fn lang_arg(value: Option<LangArg>) -> Result<Lang, JsValue> {
    let value: Option<JsValue> = value.map(Into::into);
    match value {
        Some(v) if !v.is_undefined() && !v.is_null() => string_arg(&v, "lang")?.parse().map_err(|e| to_js_error(&e)),
        _ => Ok(Lang::default()),
    }
}

/// A document argument: JSON text as a string, or a JS object serialized with JSON.stringify.
fn document_arg(value: &JsValue, arg: &str) -> Result<String, JsValue> {
    if let Some(text) = value.as_string() {
        return Ok(text);
    }
    if value.is_undefined() {
        return Err(to_js_error(&Error::new(Code::InputEmpty, "")));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| wrong_type(arg, "JSON-serialisable data"))
}

fn date_arg(value: &JsValue, arg: &str) -> Result<tsi_core::NaiveDate, JsValue> {
    id::parse_date(&string_arg(value, arg)?, arg).map_err(|e| to_js_error(&e))
}

fn core<T: Serialize>(result: Result<T, Error>) -> JsResult {
    result.map_err(|e| to_js_error(&e)).and_then(|v| to_js(&v))
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    tsi_core::VERSION.to_owned()
}

/// Every error and finding code with its rule ID and messages.
#[wasm_bindgen(unchecked_return_type = "CodeInfo[]")]
pub fn codes() -> JsResult {
    to_js(&tsi_core::finding::codes())
}

/// Checks a personal identity or coordination number at a date (R-ID-1, R-ID-2).
#[wasm_bindgen(js_name = checkPersonalIdentity, unchecked_return_type = "IdCheck")]
pub fn check_personal_identity(input: StringArg, at: DateArg) -> JsResult {
    let input = string_arg(&input, "input")?;
    core(id::check_personal_identity(&input, date_arg(&at, "at")?))
}

/// Age in whole years at a date (R-ID-2).
#[wasm_bindgen(js_name = ageAt)]
pub fn age_at(birth_date: DateArg, at: DateArg) -> Result<u32, JsValue> {
    id::age_at(date_arg(&birth_date, "birth_date")?, date_arg(&at, "at")?).map_err(|e| to_js_error(&e))
}

/// The default policy: every SPEC default.
#[wasm_bindgen(js_name = defaultPolicy, unchecked_return_type = "Policy")]
pub fn default_policy() -> JsResult {
    to_js(&tsi_core::Policy::default())
}

/// Reads a policy (object or JSON text); absent fields take their defaults.
#[wasm_bindgen(js_name = parsePolicy, unchecked_return_type = "Policy")]
pub fn parse_policy(policy: PolicyArg) -> JsResult {
    core(policy::parse_policy(&document_arg(&policy, "policy")?))
}

/// Validates a policy (object or JSON text) and returns a report of findings.
#[wasm_bindgen(js_name = validatePolicy, unchecked_return_type = "Report")]
pub fn validate_policy(policy: PolicyArg, lang: Option<LangArg>) -> JsResult {
    let lang = lang_arg(lang)?;
    core(policy::validate_policy_json(&document_arg(&policy, "policy")?, lang))
}

/// Whether a thrown value is a tsi error (has `name === "TsiError"` and a `code`).
#[wasm_bindgen(js_name = isTsiError, unchecked_return_type = "value is TsiError")]
pub fn is_tsi_error(#[wasm_bindgen(unchecked_param_type = "unknown")] value: JsValue) -> bool {
    let get = |key: &str| js_sys::Reflect::get(&value, &JsValue::from_str(key)).ok();
    value.is_object()
        && get("name").and_then(|n| n.as_string()).as_deref() == Some("TsiError")
        && get("code").is_some_and(|c| c.is_string())
}
