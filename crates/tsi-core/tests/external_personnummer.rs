//! The personnummer project's shared test data (tests/external/personnummer, MIT), run
//! against `check_personal_identity` at a fixed reference date. Every valid/invalid verdict,
//! the kind (personal or coordination number) and, for inputs that carry the century or a
//! `+`, the 12-digit form must agree — except the inputs in `known-differences.json`, which
//! must differ exactly as recorded there. The node, Python and Kotlin runners do the same.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use tsi_core::id::{self, IdKind};

/// The reference date the verdicts are taken at.
const AT: &str = "2026-11-23";

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/external/personnummer")
}

fn read(name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir().join(name)).unwrap()).unwrap()
}

/// One expectation: the input, valid or not, its kind, and the 12-digit form when the input
/// carries its century (`None` for 10 digits without `+`, whose century is inferred).
struct Expected {
    input: String,
    valid: bool,
    kind: IdKind,
    long: Option<String>,
}

fn kind(t: &str) -> IdKind {
    match t {
        "ssn" => IdKind::PersonalNumber,
        "con" => IdKind::CoordinationNumber,
        other => panic!("unknown type {other}"),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn expectations() -> Vec<Expected> {
    let mut out = Vec::new();
    for item in read("list.json").as_array().unwrap() {
        let (valid, k, long) =
            (item["valid"].as_bool().unwrap(), kind(item["type"].as_str().unwrap()), text(&item["long_format"]));
        for (field, carries_century) in [
            ("long_format", true),
            ("short_format", false),
            ("separated_format", true),
            ("separated_long", true),
            ("integer", true),
        ] {
            let input = text(&item[field]);
            out.push(Expected { input, valid, kind: k, long: carries_century.then(|| long.clone()) });
        }
    }
    for (t, forms) in read("structured.json").as_object().unwrap() {
        for form in ["integer", "string"] {
            for (verdict, valid) in [("valid", true), ("invalid", false)] {
                for input in forms[form][verdict].as_array().unwrap() {
                    out.push(Expected { input: text(input), valid, kind: kind(t), long: None });
                }
            }
        }
    }
    out
}

/// What tsi says: the 12-digit form and kind, or the error code.
fn ours(input: &str) -> Result<(String, IdKind), String> {
    let at = id::parse_date(AT, "at").unwrap();
    id::check_personal_identity(input, at).map(|c| (c.normalized, c.kind)).map_err(|e| e.code().as_str().to_owned())
}

#[test]
fn personnummer_shared_test_data_agrees_or_differs_as_recorded() {
    let known: BTreeMap<String, String> = read("known-differences.json")["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["input"].as_str().unwrap().to_owned(), d["ours"].as_str().unwrap().to_owned()))
        .collect();
    let (mut agreed, mut differed, mut failures) = (0, 0, Vec::new());
    let mut distinct = std::collections::BTreeSet::new();
    for e in expectations() {
        distinct.insert(e.input.clone());
        let got = ours(&e.input);
        if let Some(code) = known.get(&e.input) {
            // A recorded difference must stay exactly as recorded.
            if got.as_ref().err() == Some(code) {
                differed += 1;
            } else {
                failures.push(format!("{}: recorded as {code}, now {got:?}", e.input));
            }
            continue;
        }
        let agrees = match (&got, e.valid) {
            (Ok((normalized, k)), true) => *k == e.kind && e.long.as_ref().is_none_or(|l| l == normalized),
            (Err(_), false) => true,
            _ => false,
        };
        if agrees {
            agreed += 1;
        } else {
            failures.push(format!("{}: expected valid={} {:?} {:?}, got {got:?}", e.input, e.valid, e.kind, e.long));
        }
    }
    println!("personnummer/meta: {agreed} agree, {differed} differ as recorded, {} distinct inputs", distinct.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(agreed >= 100, "the test data was not read: {agreed}");
    let recorded: std::collections::BTreeSet<&String> = known.keys().collect();
    assert!(recorded.iter().all(|k| distinct.contains(*k)), "a recorded difference is not in the test data");
}
