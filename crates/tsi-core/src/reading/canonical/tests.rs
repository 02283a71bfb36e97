//! The writer against serde_jcs 0.2 (what tsi wrote canonical JSON with before): the same
//! bytes for every value, or an error from both. The RFC's own vectors are in
//! tests/external_jcs.rs, real documents and types in tests/canonical.rs.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;
use serde_json::{json, Value};

use super::order::tests::name;
use super::*;

fn same_as_serde_jcs<T: Serialize + ?Sized>(value: &T) {
    match (writer::to_vec(value), serde_jcs::to_vec(value)) {
        (Ok(ours), Ok(theirs)) => assert_eq!(String::from_utf8_lossy(&ours), String::from_utf8_lossy(&theirs)),
        (Err(_), Err(_)) => {}
        (ours, theirs) => panic!("ours {ours:?}, serde_jcs {:?}", theirs.map(String::from_utf8)),
    }
}

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

#[test]
fn escapes_are_the_short_ones_or_lowercase_hex() {
    let got = String::from_utf8(to_vec("\u{8}\u{c}\n\r\t\"\\\u{1}\u{1f}\u{7f}/é").unwrap()).unwrap();
    assert_eq!(got, "\"\\b\\f\\n\\r\\t\\\"\\\\\\u0001\\u001f\u{7f}/é\"");
    same_as_serde_jcs("\u{8}\u{c}\n\r\t\"\\\u{1}\u{1f}\u{7f}/é");
}

/// Every shape serde has, in fields declared out of order and nested.
#[derive(Serialize)]
enum Shapes {
    Unit,
    Newtype(u8),
    Tuple(i64, f32),
    Struct { zeta: Option<f64>, alpha: Vec<Shapes> },
}

#[derive(Serialize)]
struct Wrapper(f64);

#[derive(Serialize)]
struct Unit;

#[derive(Serialize)]
struct Everything {
    z: Vec<Shapes>,
    y: (char, bool, i128, u128),
    #[serde(with = "as_bytes")]
    x: Vec<u8>,
    b: BTreeMap<i32, Unit>,
    a: Option<Wrapper>,
    c: Option<()>,
    e: BTreeMap<bool, u64>,
    d: BTreeMap<Shapes, i8>,
}

impl PartialEq for Shapes {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}
impl Eq for Shapes {}
impl PartialOrd for Shapes {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Shapes {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        serde_json::to_string(self).unwrap().cmp(&serde_json::to_string(other).unwrap())
    }
}

mod as_bytes {
    pub fn serialize<S: serde::Serializer>(v: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bytes(v)
    }
}

fn everything(nested_float: f64) -> Everything {
    Everything {
        z: vec![
            Shapes::Unit,
            Shapes::Newtype(7),
            Shapes::Tuple(-(1 << 60), 0.1),
            Shapes::Struct { zeta: Some(nested_float), alpha: vec![Shapes::Struct { zeta: None, alpha: vec![] }] },
        ],
        y: ('\u{1}', true, i128::MIN, u128::MAX),
        x: vec![0, 1, 255],
        b: [(10, Unit), (9, Unit), (-1, Unit)].into_iter().collect(),
        a: Some(Wrapper(nested_float)),
        c: Some(()),
        e: [(true, u64::MAX), (false, 1)].into_iter().collect(),
        d: [(Shapes::Unit, 1)].into_iter().collect(),
    }
}

#[test]
fn every_serde_shape_as_serde_jcs_writes_it() {
    for float in [0.0, -0.0, 1e21, 1e-7, 5e-324, f64::MAX, 123.456, f64::NAN, f64::INFINITY] {
        same_as_serde_jcs(&everything(float));
    }
    // A variant with data cannot name a member, in either.
    same_as_serde_jcs(&[(Shapes::Newtype(1), 1)].into_iter().collect::<BTreeMap<_, _>>());
    let float_keys = [(1.5f64.to_bits(), 1)];
    same_as_serde_jcs(&FloatKeys(float_keys.to_vec()));
    same_as_serde_jcs(&FloatKeys(vec![(f64::NAN.to_bits(), 1)]));
}

/// A map keyed by floats (from their bits), which serde_json quotes when they are finite.
struct FloatKeys(Vec<(u64, i32)>);

impl Serialize for FloatKeys {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(None)?;
        for (bits, v) in &self.0 {
            map.serialize_entry(&f64::from_bits(*bits), v)?;
        }
        map.end()
    }
}

#[test]
fn a_non_finite_float_fails_at_the_top_and_is_null_inside() {
    for float in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert!(to_vec(&float).is_err());
        assert!(to_vec(&(float as f32)).is_err());
        assert_eq!(to_vec(&[float]).unwrap(), b"[null]");
        assert_eq!(to_vec(&Some(float)).unwrap(), b"null");
        same_as_serde_jcs(&float);
        same_as_serde_jcs(&[float]);
    }
}

/// Members written in the given order, names repeated at will.
struct Members(Vec<(String, i32)>);

impl Serialize for Members {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[test]
fn of_members_with_one_name_the_last_is_kept() {
    let members = |m: &[(&str, i32)]| Members(m.iter().map(|(k, v)| (k.to_string(), *v)).collect());
    let got = to_vec(&members(&[("b", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5)])).unwrap();
    assert_eq!(got, br#"{"a":4,"b":3,"c":5}"#);
    // In order already but for a repeat.
    assert_eq!(to_vec(&members(&[("a", 1), ("a", 2)])).unwrap(), br#"{"a":2}"#);
    same_as_serde_jcs(&members(&[("b", 1), ("a", 2), ("b", 3), ("a", 4), ("c", 5)]));
    same_as_serde_jcs(&members(&[("a", 1), ("a", 2)]));
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        name().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::vec((name(), inner), 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn any_json_value_as_serde_jcs_writes_it(v in value()) {
        let ours = to_vec(&v).unwrap();
        prop_assert_eq!(String::from_utf8(ours).unwrap(), serde_jcs::to_string(&v).unwrap());
    }

    #[test]
    fn integers_of_every_width_as_serde_jcs_writes_them(
        small in any::<i64>(),
        near in -4i64..=4,
        wide in any::<u64>(),
        widest in any::<i128>(),
        huge in any::<u128>(),
    ) {
        // Around 2^53, where integers stop being exact as doubles, and far beyond it.
        let edge = (1i64 << 53) + near;
        same_as_serde_jcs(&(small, small >> 11, edge, -edge, wide, wide >> 11));
        same_as_serde_jcs(&(widest, huge, small as i8, small as u8, small as i16, small as u32));
    }

    #[test]
    fn members_in_any_order_with_repeats(m in proptest::collection::vec((name(), any::<i32>()), 0..8)) {
        same_as_serde_jcs(&Members(m));
    }
}

#[test]
fn canonical_form_is_a_fixed_point() {
    let text = json!({"b": [{"y": 1, "x": [3, {"d": 1, "c": 2}]}], "a": "é"}).to_string();
    let once = canonicalize(&text, 1000).unwrap();
    assert_eq!(canonicalize(&once, 1000).unwrap(), once);
}
