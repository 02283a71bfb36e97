//! The reading layer (docs/architecture.md): strict JSON under SPEC §9 — size limits,
//! `schema_version`, unknown fields rejected, positional and duplicate checks, tag-first
//! tagged enums, pointers, canonical JSON — and every failure turned into a coded [`Error`]
//! with a JSON Pointer path. One place: the domain modules read documents through the
//! functions here and nothing else; only [`DEFAULT_MAX_INPUT_BYTES`] and [`canonical`] (the
//! audit hash format) are public.
//!
//! serde's own messages quote input values ("invalid type: string \"…\""), which may
//! be personal data, so they are never passed on: only the path and the expected type.
//!
//! - `one_pass`: one pass over a text that reads and checks at once (the common case);
//! - `shape`: the positional check (a record written as an array is refused);
//! - `tag_first`: tagged enums read with their tag first, and refusals inside them;
//! - `pointer`: JSON Pointers into documents;
//! - `canonical`: the canonical JSON of audit records (RFC 8785).

pub mod canonical;
pub(crate) mod limits;
mod one_pass;
pub(crate) mod pointer;
mod refusal;
mod shape;
pub(crate) mod tag_first;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::finding::Code;
use crate::reading::one_pass::{Context, Pass, Refused, Segment};
use crate::reading::refusal::{Kind, Refusal};

/// The reading steps one by one, for the benches (`benches/stats.rs`) only: not API, hidden,
/// may change at any release.
#[doc(hidden)]
pub mod steps {
    use super::{DeserializeOwned, Result, Serialize};

    /// The list-count check.
    pub fn check_counts(input: &str, limits: &[(&str, usize)]) -> Result<()> {
        super::check_counts(input, limits)
    }

    /// The whole read within a policy.
    pub fn from_json_within<T: DeserializeOwned + Serialize>(input: &str, policy: &crate::Policy) -> Result<T> {
        super::from_json_within(input, policy)
    }

    /// The positional check.
    pub fn objects_stay_objects<T: Serialize>(written: &serde_json::Value, read: &T) -> Result<()> {
        super::objects_stay_objects(written, read)
    }

    /// The text-length check.
    pub fn text_lengths(value: &serde_json::Value, max: usize, path: &mut String) -> Result<()> {
        super::text_lengths(value, max, path)
    }
}

/// Largest JSON document read before a policy is known (1 MiB).
pub const DEFAULT_MAX_INPUT_BYTES: usize = 1 << 20;

/// Parses a JSON document of type `T`, refusing input over `max_bytes`. Every record of the
/// document must be written as a JSON object ([`objects_stay_objects`]).
pub(crate) fn from_json<T: DeserializeOwned + Serialize>(input: &str, max_bytes: usize) -> Result<T> {
    read(input, Bounds { max_bytes, ..Bounds::default() })
}

/// [`from_json`] within a policy's limits: the document's size and every text's length
/// (*policy* `limits.max_text_chars`, `LIMIT_EXCEEDED` at the text's path).
pub(crate) fn from_json_within<T: DeserializeOwned + Serialize>(input: &str, policy: &crate::Policy) -> Result<T> {
    read(input, Bounds::within(policy))
}

/// What a document is read against (SPEC §9).
#[derive(Clone, Copy)]
pub(crate) struct Bounds<'a> {
    /// The document's size.
    pub max_bytes: usize,
    /// Every text's length, in characters.
    pub max_chars: Option<usize>,
    /// The `schema_version` the document must have; the document must then be an object.
    pub version: Option<u32>,
    /// Lists by key in the top-level object (`""`: a top-level array), and how long each may
    /// be: refused while reading, before the records past the limit are built.
    pub lists: &'a [(&'a str, usize)],
}

impl Default for Bounds<'_> {
    fn default() -> Self {
        Bounds { max_bytes: DEFAULT_MAX_INPUT_BYTES, max_chars: None, version: None, lists: &[] }
    }
}

impl Bounds<'_> {
    /// A policy's limits on size and text lengths.
    pub fn within(policy: &crate::Policy) -> Self {
        let max_chars = usize::try_from(policy.limits.max_text_chars).unwrap_or(usize::MAX);
        Bounds { max_bytes: policy.max_input_bytes(), max_chars: Some(max_chars), ..Bounds::default() }
    }
}

/// Reads `T` within `bounds`. With a version, the document's `schema_version` must be that one,
/// and a wrong version is the error even where the rest would not be read either.
pub(crate) fn read<T: DeserializeOwned + Serialize>(input: &str, bounds: Bounds<'_>) -> Result<T> {
    // The one pass answers "read" or "not sure"; the rest is read again, slowly, and its
    // refusal found with its path. The pass reads only what the size admits.
    if !limits::document_over(input.len(), bounds.max_bytes) {
        match crate::reading::one_pass::read(input, &bounds) {
            Some(Pass::Sure(value)) => return Ok(value),
            Some(Pass::Buffered(value)) if no_struct_from_array(input, &value) => return Ok(value),
            _ => {}
        }
    }
    read_slowly(input, bounds)
}

/// Whether no struct of `value` was read from an array of `input` (the check the one pass
/// cannot make where serde buffered the text).
fn no_struct_from_array<T: Serialize>(input: &str, value: &T) -> bool {
    serde_json::from_str(input).is_ok_and(|written| crate::reading::shape::objects_stay_objects(&written, value))
}

/// [`read`] without the one pass: every check in its own pass, each refusal with its path.
pub(crate) fn read_slowly<T: DeserializeOwned + Serialize>(input: &str, bounds: Bounds<'_>) -> Result<T> {
    if !bounds.lists.is_empty() {
        check_counts(input, bounds.lists)?;
    }
    check_size(input, bounds.max_bytes)?;
    if bounds.version.is_some() {
        must_be_object(input)?;
    }
    read_with_paths(input, bounds.max_chars, bounds.version)
}

/// Reads `T` with the path of any refusal: typed, then each check on the document as a value.
fn read_with_paths<T: DeserializeOwned + Serialize>(
    input: &str,
    max_chars: Option<usize>,
    version: Option<u32>,
) -> Result<T> {
    let value: T = match crate::reading::one_pass::read_as_serde_does(input) {
        Some(value) => value,
        None => {
            if let Some(supported) = version {
                peek_version(input, supported)?;
            }
            read_tracking_path(input)?
        }
    };
    // The text parsed as T, so it parses as a value too.
    let written: serde_json::Value = serde_json::from_str(input).map_err(|e| from_serde(&e, input))?;
    if let Some(supported) = version {
        check_version(&written, supported)?;
    }
    objects_stay_objects(&written, &value)?;
    if let Some(max) = max_chars.filter(|max| longer_text(&written, *max)) {
        text_lengths(&written, max, &mut String::new())?;
    }
    Ok(value)
}

/// Reads `T` tracking the path of each field, for the error of a refused document.
fn read_tracking_path<T: DeserializeOwned>(input: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(input);
    let value: T = crate::reading::one_pass::read_with_path(&mut de)
        .map_err(|refused| inside_tagged::<T>(input, refusal_error(refused, Some(input))))?;
    de.end().map_err(|e| from_serde(&e, input))?;
    Ok(value)
}

/// A refusal inside a tagged enum (a case event, an audit action, a basis), where serde
/// buffered the object and lost the path (`/2/event/nickname` for a member deep inside, or just
/// `/0/action`): the document is written again with every tag member first and read again tag
/// first ([`crate::reading::tag_first`]), which tracks the path inside; that path is taken when it is
/// the same refusal, deeper. Runs only on a refusal.
fn inside_tagged<T: DeserializeOwned>(input: &str, refusal: Error) -> Error {
    let Ok(document) = serde_json::from_str::<serde_json::Value>(input) else { return refusal };
    let mut text = String::with_capacity(input.len());
    write_tags_first(&document, &mut text);
    let mut de = serde_json::Deserializer::from_str(&text);
    let again = crate::reading::one_pass::read_with_path::<T, _>(&mut de);
    let Err(refused) = again else { return refusal };
    let deeper = refusal_error(refused, Some(&text));
    // A member's refusal names the member (`/2/event/nickname`): the object is its parent.
    let object = refusal.path().rsplit_once('/').map_or("", |(parent, _)| parent);
    let within = deeper.path().strip_prefix(object).is_some_and(|rest| rest.starts_with('/'));
    if deeper.code() == refusal.code() && within && deeper.path().len() > refusal.path().len() {
        deeper
    } else {
        refusal
    }
}

/// Writes `value` as JSON with the tag members (`type`, then `kind`) first in every object.
fn write_tags_first(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    let rank = |key: &str| match key {
        "type" => 0,
        "kind" => 1,
        _ => 2,
    };
    match value {
        Value::Object(map) => {
            let mut members: Vec<_> = map.iter().collect();
            crate::sorting::sort_by_key(&mut members, |(key, _)| rank(key));
            out.push('{');
            for (i, (key, member)) in members.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&value_text(&Value::String(key.clone())));
                out.push(':');
                write_tags_first(member, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_tags_first(item, out);
            }
            out.push(']');
        }
        leaf => out.push_str(&value_text(leaf)),
    }
}

/// Whether any string is longer than `max` characters (no path: [`text_lengths`] finds it).
fn longer_text(value: &serde_json::Value, max: usize) -> bool {
    match value {
        serde_json::Value::String(s) => limits::text_over(s, max),
        serde_json::Value::Object(map) => map.values().any(|v| longer_text(v, max)),
        serde_json::Value::Array(items) => items.iter().any(|v| longer_text(v, max)),
        _ => false,
    }
}

/// Refuses a text longer than `max` characters (SPEC §9: limits bound the work).
pub(crate) fn text_lengths(value: &serde_json::Value, max: usize, path: &mut String) -> Result<()> {
    match value {
        serde_json::Value::String(s) if limits::text_over(s, max) => Err(limits::text_refusal(path, s, max)),
        serde_json::Value::Object(map) => map.iter().try_for_each(|(k, v)| {
            let len = path.len();
            push_token(path, k);
            let r = text_lengths(v, max, path);
            path.truncate(len);
            r
        }),
        serde_json::Value::Array(items) => items.iter().enumerate().try_for_each(|(i, v)| {
            let len = path.len();
            path.push_str(&format!("/{i}"));
            let r = text_lengths(v, max, path);
            path.truncate(len);
            r
        }),
        _ => Ok(()),
    }
}

/// serde reads a struct from a JSON array by position, so `["school","school","Learning",…]`
/// would pass as a request. Every struct of ours writes itself as an object: where the value
/// read back writes an object but the input had an array, the input was positional and is
/// refused (`JSON_WRONG_TYPE`, with the path).
pub(crate) fn objects_stay_objects<T: Serialize>(written: &serde_json::Value, read: &T) -> Result<()> {
    match crate::reading::shape::first_positional(written, read) {
        Some(path) => Err(Error::new(Code::JsonWrongType, path).param("expected", "a JSON object")),
        None => Ok(()),
    }
}

/// Parses a top-level document that carries `schema_version`, which must equal
/// `supported`. The version is checked first, so a newer document is reported as
/// such rather than as unknown fields.
///
/// A document must be a JSON object: serde would otherwise read a struct from an array
/// by position, and `[1]` would pass as a document.
pub(crate) fn from_versioned_json<T: DeserializeOwned + Serialize>(
    input: &str,
    max_bytes: usize,
    supported: u32,
) -> Result<T> {
    read(input, Bounds { max_bytes, version: Some(supported), ..Bounds::default() })
}

/// [`from_versioned_json`] within a policy's limits (size and text lengths).
pub(crate) fn from_versioned_json_within<T: DeserializeOwned + Serialize>(
    input: &str,
    policy: &crate::Policy,
    supported: u32,
) -> Result<T> {
    read(input, Bounds { version: Some(supported), ..Bounds::within(policy) })
}

/// A versioned document must be a JSON object: serde would otherwise read a struct from an
/// array by position. Only a well-formed non-object is the wrong type; a syntax error is
/// reported as such.
fn must_be_object(input: &str) -> Result<()> {
    if input.trim_start().starts_with('{') {
        return Ok(());
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(input) {
        Ok(_) => Err(Error::new(Code::JsonWrongType, "").param("expected", "a JSON object")),
        Err(e) => Err(from_serde(&e, input)),
    }
}

/// The version of a document that did not read as its type: a newer document is reported as
/// such rather than as unknown fields.
fn peek_version(input: &str, supported: u32) -> Result<()> {
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize)]
    struct Versioned {
        schema_version: Option<serde_json::Value>,
    }
    // Only a JSON object is peeked at; anything else fails in the full parse with a path.
    match serde_json::from_str::<Versioned>(input) {
        Ok(Versioned { schema_version }) => version_is(schema_version.as_ref(), supported),
        Err(_) => Ok(()),
    }
}

/// Reads a document that must be a JSON object, as a value (`JSON_WRONG_TYPE` otherwise).
/// A key repeated in any object is refused (`JSON_DUPLICATE_FIELD`): readers disagree on which
/// of two values wins, and a second `"summary"` must not hide the first from a check.
pub(crate) fn object_value(input: &str, max_bytes: usize) -> Result<serde_json::Value> {
    let Strict(value) = from_json(input, max_bytes)?;
    if value.is_object() {
        Ok(value)
    } else {
        Err(Error::new(Code::JsonWrongType, "").param("expected", "a JSON object"))
    }
}

/// A JSON value read with every object's keys checked for repeats.
struct Strict(serde_json::Value);

impl Serialize for Strict {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Strict;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> std::result::Result<Strict, E> {
        Ok(Strict(v.into()))
    }

    fn visit_i64<E>(self, v: i64) -> std::result::Result<Strict, E> {
        Ok(Strict(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> std::result::Result<Strict, E> {
        Ok(Strict(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> std::result::Result<Strict, E> {
        Ok(Strict(serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, serde_json::Value::Number)))
    }

    fn visit_str<E>(self, v: &str) -> std::result::Result<Strict, E> {
        Ok(Strict(v.into()))
    }

    fn visit_string<E>(self, v: String) -> std::result::Result<Strict, E> {
        Ok(Strict(v.into()))
    }

    fn visit_unit<E>(self) -> std::result::Result<Strict, E> {
        Ok(Strict(serde_json::Value::Null))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Strict, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Strict(serde_json::Value::Array(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Strict, A::Error> {
        let mut out = serde_json::Map::new();
        while let Some(key) = map.next_key_seed(NewKey(&out))? {
            let Strict(value) = map.next_value()?;
            out.insert(key, value);
        }
        Ok(Strict(serde_json::Value::Object(out)))
    }
}

/// A key not yet in the object: a repeated one is refused while it is read, so the refusal's
/// path ends with it.
struct NewKey<'a>(&'a serde_json::Map<String, serde_json::Value>);

impl<'de> serde::de::DeserializeSeed<'de> for NewKey<'_> {
    type Value = String;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<String, D::Error> {
        let key = String::deserialize(d)?;
        if self.0.contains_key(&key) {
            return Err(serde::de::Error::duplicate_field(""));
        }
        Ok(key)
    }
}

/// Checks the `schema_version` of a document already read as a JSON value.
pub(crate) fn check_version(document: &serde_json::Value, supported: u32) -> Result<()> {
    version_is(document.get("schema_version"), supported)
}

fn version_is(found: Option<&serde_json::Value>, supported: u32) -> Result<()> {
    match found {
        None => Err(Error::new(Code::JsonMissingField, "/schema_version")),
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(supported)) => Ok(()),
        // The version found is described (newer or older), never repeated (#26).
        Some(serde_json::Value::Number(n)) => match n.as_u64() {
            Some(v) => Err(Error::new(Code::SchemaVersionUnsupported, "/schema_version")
                .param("found", if v > u64::from(supported) { "newer" } else { "older" })
                .param("supported", supported)),
            None => Err(Error::new(Code::JsonInvalidValue, "/schema_version").param("expected", "a whole number")),
        },
        Some(_) => Err(Error::new(Code::JsonWrongType, "/schema_version").param("expected", "an integer")),
    }
}

/// Reads a `T` from a JSON value, with the same coded errors as [`from_json`]: the value is
/// written out and read as text. A second reader of every type, from values, made the wasm
/// build larger by some 80 KB; the text reader is the one every document is read with, and
/// the documents read from values (parts of a question, an audit record being verified) are
/// small beside the work done with them.
pub(crate) fn from_value<T: DeserializeOwned + Serialize>(value: &serde_json::Value) -> Result<T> {
    read(&value_text(value), Bounds { max_bytes: usize::MAX, ..Bounds::default() })
}

fn check_size(input: &str, max_bytes: usize) -> Result<()> {
    if limits::document_over(input.len(), max_bytes) {
        return Err(limits::document_refusal(input.len(), max_bytes));
    }
    if input.trim().is_empty() {
        return Err(Error::new(Code::InputEmpty, ""));
    }
    Ok(())
}

/// The path to a refusal as a JSON Pointer (RFC 6901).
fn to_pointer(path: &[Segment]) -> String {
    let mut out = String::new();
    for segment in path {
        match segment {
            Segment::Index(index) => {
                out.push('/');
                out.push_str(&index.to_string());
            }
            Segment::Key(key) => push_token(&mut out, key),
            Segment::Unknown => out.push_str("/?"),
        }
    }
    out
}

fn push_token(out: &mut String, key: &str) {
    out.push('/');
    out.push_str(&token(key));
}

/// A key as a JSON Pointer token. Keys come from the input, and a key may be personal data
/// (`{"191212121212": 1}`, `{"Anna Svensson": 1}`), so only a plain identifier is shown: ASCII
/// letters, digits and `_`, at most 64 characters, no run of 6 or more digits. Any other key
/// becomes `*`, which still says where (R-PD-1). Every field name of the library is plain.
pub(crate) fn token(key: &str) -> String {
    let plain = !key.is_empty()
        && key.len() <= 64
        && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && !key.as_bytes().windows(6).any(|w| w.iter().all(u8::is_ascii_digit));
    if plain {
        key.to_owned()
    } else {
        "*".to_owned()
    }
}

/// The coded error of a refused typed read of `text` (`None`: read from a value, which has no
/// syntax). The kind was recorded where it happened ([`refusal`]); only the deserializer's own
/// refusals are told apart by their category and where they happened.
fn refusal_error(refused: Refused<serde_json::Error>, text: Option<&str>) -> Error {
    let pointer = to_pointer(&refused.path);
    match refused.refusal {
        Refusal::Kind(kind) => kind_error(*kind, pointer),
        Refusal::Inner(e) if e.classify() == serde_json::error::Category::Data => {
            // serde_json's own data error: a value of the wrong JSON type for its visitor.
            let expected = refused.expected.unwrap_or_else(|| "a valid value".to_owned());
            Error::new(Code::JsonWrongType, pointer).param("expected", expected)
        }
        Refusal::Inner(e) => match (refused.context, text) {
            (Some(context), Some(text)) if !too_deep(&e, text) && well_formed(text) => {
                refused_on_its_own(context, pointer, text).unwrap_or_else(|| from_serde(&e, text))
            }
            (_, Some(text)) => from_serde(&e, text),
            (_, None) => Error::new(Code::JsonInvalidValue, pointer).param("expected", "a valid value"),
        },
    }
}

/// The error of a kind a type's reader recorded, at `pointer`.
fn kind_error(kind: Kind, mut pointer: String) -> Error {
    let invalid = |pointer, expected: String| Error::new(Code::JsonInvalidValue, pointer).param("expected", expected);
    match kind {
        Kind::Missing(field) => {
            push_token(&mut pointer, field);
            Error::new(Code::JsonMissingField, pointer)
        }
        Kind::Unknown(key) => Error::new(Code::JsonUnknownField, name_member(pointer, &key)),
        Kind::Duplicate(field) => Error::new(Code::JsonDuplicateField, name_member(pointer, field)),
        Kind::WrongType { expected } => Error::new(Code::JsonWrongType, pointer).param("expected", expected),
        Kind::InvalidValue { expected } => invalid(pointer, expected),
        // The name given is input; only the allowed ones are said.
        Kind::UnknownVariant { allowed } => invalid(pointer, refusal::one_of(allowed)),
        Kind::Other => invalid(pointer, "a valid value".to_owned()),
    }
}

/// The path to a member: a refusal made while its key was read already ends with it.
fn name_member(mut pointer: String, key: &str) -> String {
    if !key.is_empty() && !pointer.ends_with(&format!("/{}", token(key))) {
        push_token(&mut pointer, key);
    }
    pointer
}

/// A well-formed text that serde_json's reader refused as a syntax error, where that is a
/// wrong value: an enum given neither text nor object (`"kind": 7`), or a key that is not the
/// whole number a map keyed by days asks for.
fn refused_on_its_own(context: Context, pointer: String, text: &str) -> Option<Error> {
    match context {
        Context::Enum => Some(Error::new(Code::JsonWrongType, pointer).param("expected", "a string or an object")),
        Context::Key => {
            // The key was not read, so the path may end in a step for it: the map is its parent.
            let map = match pointer.rsplit_once('/') {
                Some((parent, "?")) => parent.to_owned(),
                _ => pointer,
            };
            let key = first_key_not_a_number(text, &map)?;
            let mut at = map;
            push_token(&mut at, &key);
            Some(Error::new(Code::JsonInvalidValue, at).param("expected", "a whole number as key"))
        }
    }
}

fn well_formed(text: &str) -> bool {
    serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
}

/// The first key of the object at `pointer` in `text` that is not a whole number.
fn first_key_not_a_number(text: &str, pointer: &str) -> Option<String> {
    let document: serde_json::Value = serde_json::from_str(text).ok()?;
    let object = document.pointer(pointer)?.as_object()?;
    object.keys().find(|key| key.parse::<u64>().is_err()).cloned()
}

/// The error of serde_json's reader on `text` that is not a typed refusal: syntax (with its
/// line and column, never the text), or nesting deeper than it reads.
fn from_serde(err: &serde_json::Error, text: &str) -> Error {
    let code = if too_deep(err, text) { Code::JsonTooDeep } else { Code::JsonSyntax };
    Error::new(code, "").param("line", err.line()).param("column", err.column())
}

/// How many arrays and objects serde_json's reader opens before it refuses the next one.
const SERDE_JSON_MAX_NESTING: usize = 127;

/// Whether serde_json stopped at an array or object opened inside as many as it reads: it
/// reports that at the opening bracket (`line`, `column`: one-based line, bytes into it).
fn too_deep(err: &serde_json::Error, text: &str) -> bool {
    let line_start = match err.line() {
        0 | 1 => Some(0),
        line => text.match_indices('\n').nth(line - 2).map(|(at, _)| at + 1),
    };
    let Some(at) = line_start.map(|start| start + err.column().saturating_sub(1)) else { return false };
    matches!(text.as_bytes().get(at), Some(b'[' | b'{'))
        && nesting_before(text.get(..at).unwrap_or("")) >= SERDE_JSON_MAX_NESTING
}

/// The arrays and objects open at the end of `text`, brackets inside strings not counted.
fn nesting_before(text: &str) -> usize {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        match (in_string, escaped, byte) {
            (true, true, _) => escaped = false,
            (true, false, b'\\') => escaped = true,
            (true, false, b'"') | (false, _, b'"') => in_string = !in_string,
            (false, _, b'[' | b'{') => depth += 1,
            (false, _, b']' | b'}') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth
}

/// Refuses a document whose lists are longer than their limits *while reading it*: a pass over
/// the text that stops at the first list past its limit, before any record is built (SPEC §9:
/// limits bound the work, not only the bytes). `limits` names lists by their key in the
/// top-level object, or `""` for a top-level array. Text that is not well-formed is left to the
/// full read, which reports it with its position.
pub(crate) fn check_counts(input: &str, limits: &[(&str, usize)]) -> Result<()> {
    let exceeded = std::cell::Cell::new(None);
    let mut de = serde_json::Deserializer::from_str(input);
    let seed = Counting { limits, list: None, exceeded: &exceeded };
    let _ = serde::de::DeserializeSeed::deserialize(seed, &mut de);
    match exceeded.take() {
        Some((key, limit)) => {
            let path = if key.is_empty() { String::new() } else { format!("/{}", token(key)) };
            Err(limits::list_refusal(path, limit))
        }
        None => Ok(()),
    }
}

/// Walks the document: the top level looks up each list's limit by key (`""` for a top-level
/// array); inside one of those lists (`list`), only the elements are counted.
struct Counting<'a> {
    limits: &'a [(&'a str, usize)],
    list: Option<(&'a str, usize)>,
    exceeded: &'a std::cell::Cell<Option<(&'a str, usize)>>,
}

impl<'de, 'a> serde::de::DeserializeSeed<'de> for Counting<'a> {
    type Value = ();

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'a> serde::de::Visitor<'de> for Counting<'a> {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON document")
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> std::result::Result<(), A::Error> {
        let list = self.list.or_else(|| self.limits.iter().find(|(key, _)| key.is_empty()).copied());
        match list {
            Some((key, limit)) => count(seq, key, limit, self.exceeded),
            None => Ok(()),
        }
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            // Lists are looked up at the top level only; anything deeper is skipped.
            let list = self.list.is_none().then(|| self.limits.iter().find(|(k, _)| *k == key)).flatten();
            match list {
                Some(&found) => map.next_value_seed(Counting { list: Some(found), ..self })?,
                None => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }

    // Scalars: nothing to count (a wrong type is left to the full read).
    fn visit_bool<E>(self, _: bool) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> std::result::Result<(), E> {
        Ok(())
    }
}

/// Skips the list's elements, stopping with an error (and the key noted) past `limit`.
fn count<'de, 'a, A: serde::de::SeqAccess<'de>>(
    mut seq: A,
    key: &'a str,
    limit: usize,
    exceeded: &std::cell::Cell<Option<(&'a str, usize)>>,
) -> std::result::Result<(), A::Error> {
    let mut n = 0usize;
    while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {
        n += 1;
        if limits::list_over(n, limit) {
            exceeded.set(Some((key, limit)));
            return Err(serde::de::Error::custom("limit"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};

    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Serialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        schema_version: u32,
        name: String,
        inner: Option<Inner>,
        list: Option<Vec<u8>>,
        kind: Option<Kind>,
    }
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Serialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        a: u8,
    }
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Serialize, Debug)]
    #[allow(dead_code)]
    enum Kind {
        One,
        Two,
    }

    fn err(input: &str) -> Error {
        from_versioned_json::<Doc>(input, 1000, 1).unwrap_err()
    }

    #[test]
    fn classifies_every_kind_of_bad_input_with_a_pointer() {
        assert_eq!(err("").code(), Code::InputEmpty);
        assert_eq!(err("   ").code(), Code::InputEmpty);
        assert_eq!(err(&" ".repeat(1001)).code(), Code::InputTooLarge);
        assert_eq!(err("{").code(), Code::JsonSyntax);
        assert_eq!(err("[1]").code(), Code::JsonWrongType);
        let e = err(r#"{"schema_version":1,"name":"x","nmae":2}"#);
        assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/nmae"));
        let e = err(r#"{"schema_version":1,"name":"x","inner":{"b":1}}"#);
        assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/inner/b"));
        let e = err(r#"{"schema_version":1}"#);
        assert_eq!((e.code(), e.path()), (Code::JsonMissingField, "/name"));
        // A newer document is reported as newer, whether or not the rest would read.
        for newer in [r#"{"schema_version":2,"name":"x"}"#, r#"{"schema_version":2,"name":"x","added":true}"#] {
            let e = err(newer);
            assert_eq!((e.code(), e.path()), (Code::SchemaVersionUnsupported, "/schema_version"), "{newer}");
        }
        let e = err(r#"{"schema_version":1,"name":"x","list":[1,300]}"#);
        assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/list/1"));
        let e = err(r#"{"schema_version":1,"name":"x","kind":"Three"}"#);
        assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/kind"));
        let e = err(r#"{"schema_version":1,"name":"x"} trailing"#);
        assert_eq!(e.code(), Code::JsonSyntax);
        let e = err(r#"{"name":"x"}"#);
        assert_eq!((e.code(), e.path()), (Code::JsonMissingField, "/schema_version"));
        let e = err(r#"{"schema_version":2,"name":"x"}"#);
        assert_eq!((e.code(), e.path()), (Code::SchemaVersionUnsupported, "/schema_version"));
        let e = err(r#"{"schema_version":"1","name":"x"}"#);
        assert_eq!(e.code(), Code::JsonWrongType);
    }

    #[test]
    fn never_quotes_input_values() {
        let secret = "19121212-1212 Tolvan Tolvansson";
        for input in [
            format!(r#"{{"schema_version":1,"name":1,"inner":"{secret}"}}"#),
            format!(r#"{{"schema_version":1,"name":"{secret}","list":"{secret}"}}"#),
            format!(r#"{{"schema_version":1,"name":"x","kind":"{secret}"}}"#),
            format!(r#"{{"schema_version":1,"name":"x","inner":{{"a":"{secret}"}}}}"#),
        ] {
            let e = err(&input);
            for lang in [crate::Lang::Sv, crate::Lang::En] {
                let shown = format!("{} {:?} {}", e, e.params(), e.message(lang));
                assert!(!shown.contains("Tolvan") && !shown.contains("1212"), "{shown}");
            }
        }
    }

    #[test]
    fn deep_nesting_is_a_coded_error() {
        let deep = format!("{}{}", "[".repeat(500), "]".repeat(500));
        assert_eq!(from_json::<serde_json::Value>(&deep, 10_000).unwrap_err().code(), Code::JsonTooDeep);
    }

    #[test]
    fn too_deep_is_told_from_syntax_at_the_limit_not_by_message() {
        let code = |text: &str| from_json::<serde_json::Value>(text, 10_000).unwrap_err().code();
        let open = |n: usize| "[".repeat(n);
        // As deep as serde_json reads, then a syntax error: syntax.
        assert_eq!(code(&format!("{}x", open(127))), Code::JsonSyntax);
        // One deeper: too deep, also on a later line and with brackets inside texts before.
        assert_eq!(code(&format!("{}{}", open(128), "]".repeat(128))), Code::JsonTooDeep);
        assert_eq!(code(&format!("[\"[[{{\",\n{}", open(127))), Code::JsonTooDeep);
        assert_eq!(code(&format!("[\"[[{{\",\n{}x", open(126))), Code::JsonSyntax);
    }

    #[test]
    fn kinds_come_from_the_reader_not_its_message() {
        // A reader's own words name no kind: a value that is not valid, not a missing field.
        #[derive(Serialize, Debug)]
        struct Odd;
        impl<'de> Deserialize<'de> for Odd {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                serde::de::IgnoredAny::deserialize(d)?;
                Err(serde::de::Error::custom("missing field `a`"))
            }
        }
        let e = from_json::<Odd>("1", 100).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, ""));
        // A repeated key of a plain value is named by its path.
        let e = object_value(r#"{"a": {"b": 1, "b": 2}}"#, 100).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonDuplicateField, "/a/b"));
    }

    #[test]
    fn r_pd_1_only_plain_keys_are_shown_in_paths() {
        for key in ["a/b~c", "191212121212", "Anna Svensson", "x1234567", "åsa", &"k".repeat(65), ""] {
            assert_eq!(token(key), "*", "{key}");
        }
        for key in ["schema_version", "ext", "Kontakt_2", "x12345"] {
            assert_eq!(token(key), key);
        }
        // Unknown keys in a document: the error points there without echoing the key.
        for doc in [
            r#"{"schema_version":1,"name":"x","191212121212":1}"#,
            r#"{"schema_version":1,"name":"x","Anna Svensson":1}"#,
        ] {
            let e = from_json::<Doc>(doc, 1000).unwrap_err();
            assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/*"));
            let text = format!("{} {} {:?}", e, e.message(crate::Lang::Sv), e.params());
            assert!(!text.contains("1212") && !text.contains("Anna"), "{text}");
        }
    }
}

#[cfg(test)]
mod positional {
    use crate::case::LogEntry;
    use crate::consent::decide::ShareRequest;
    use crate::finding::Code;

    #[test]
    fn a_struct_written_as_an_array_is_refused_at_any_depth() {
        let request = r#"["school","school","Learning","TsiCollaboration","2026-11-23T10:00:00+01:00","s"]"#;
        let e = super::from_json::<ShareRequest>(request, 1000).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonWrongType, ""));
        let entry = r#"{"ctx":["2026-11-23T10:00:00+01:00","s","school"],"event":{"type":"RequestConsent"}}"#;
        let e = super::from_json::<LogEntry>(entry, 1000).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonWrongType, "/ctx"));
        let log = r#"[{"ctx":{"now":"2026-11-23T10:00:00+01:00","actor":"s","actor_agency":"a"},"event":{"type":"RequestConsent"}},
                      [{"now":"2026-11-23T10:00:00+01:00","actor":"s","actor_agency":"a"},{"type":"RequestConsent"}]]"#;
        let e = super::from_json::<Vec<LogEntry>>(log, 10_000).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonWrongType, "/1"));
        let ok = r#"{"ctx":{"now":"2026-11-23T10:00:00+01:00","actor":"s","actor_agency":"a"},"event":{"type":"RequestConsent"}}"#;
        assert!(super::from_json::<LogEntry>(ok, 1000).is_ok());
    }
}

#[cfg(test)]
mod counts {
    use crate::finding::Code;

    #[test]
    fn spec_9_a_list_past_its_limit_is_refused_before_the_rest_is_read() {
        // The text after the third element is not even JSON: counting stops before it.
        let e = super::check_counts("[{}, {}, {}, this is never read", &[("", 2)]).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::LimitExceeded, ""));
        assert_eq!(e.params()["limit"], "2");
        let e =
            super::check_counts(r#"{"a": [1], "consents": [1, 2, 3], "b": nonsense"#, &[("consents", 2)]).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::LimitExceeded, "/consents"));
        assert!(super::check_counts(r#"{"consents": [1, 2], "other": [1, 2, 3]}"#, &[("consents", 2)]).is_ok());
        // Not well-formed within the limit: left to the full read, which reports it with its place.
        assert!(super::check_counts("[1, 2", &[("", 5)]).is_ok());
    }
}

/// A JSON value as compact text. serde_json's `Display` of a value compiles its compact and its
/// pretty writer both (4.6 KB of wasm); `to_string` is the writer already there. Writing a value
/// cannot fail (its keys are texts).
pub(crate) fn value_text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The serialised name of a unit enum value (a map key, a table key): `Code::DueFollowUp` →
/// `DUE_FOLLOW_UP`.
pub(crate) fn key_name<K: serde::Serialize + ?Sized>(key: &K) -> String {
    match serde_json::to_value(key) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => value_text(&other),
        Err(_) => String::new(),
    }
}
