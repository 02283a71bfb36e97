//! Measures de-identification (R-DI-1) on the corpus of realistic summaries in
//! tests/conformance/deid-corpus.json: per kind of identifier, how many planted ones are
//! caught, and how many findings clean summaries raise (false alarms). The labels
//! ("planted") are the corpus author's, not the engine's expectations; run with
//! `--nocapture` to see the table (docs/deidentification.md quotes it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing, missing_docs)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;
use tsi_core::{Lang, Policy};

const KINDS: &[(&str, &str)] = &[
    ("id", "DEID_ID_NUMBER_IN_TEXT"),
    ("phone", "DEID_PHONE_IN_TEXT"),
    ("email", "DEID_EMAIL_IN_TEXT"),
    ("date", "DEID_EXACT_DATE_IN_TEXT"),
    ("address", "DEID_ADDRESS_IN_TEXT"),
    ("class", "DEID_SCHOOL_CLASS_IN_TEXT"),
    ("name", "DEID_NAME_IN_TEXT"),
];

#[derive(Default, Debug)]
struct Tally {
    planted: usize,
    caught: usize,
    /// Findings of this kind on summaries where it was not planted.
    false_alarms: usize,
}

fn kind_of(code: &str) -> &'static str {
    KINDS.iter().find(|(_, c)| *c == code).map(|(k, _)| *k).unwrap_or("other")
}

#[test]
fn r_di_1_corpus_caught_and_false_alarms_per_kind() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/conformance/deid-corpus.json");
    let corpus: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut tally: BTreeMap<&str, Tally> = BTreeMap::new();
    let (mut clean, mut planted_summaries, mut clean_flagged) = (0, 0, 0);
    for case in corpus["cases"].as_array().unwrap().iter().filter(|c| c.get("planted").is_some()) {
        let planted: Vec<&str> = case["planted"].as_array().unwrap().iter().map(|k| k.as_str().unwrap()).collect();
        let summary = case["input"]["summary"].to_string();
        let report = tsi_core::documents::check_deidentified(&summary, &Policy::default(), Lang::En).unwrap();
        let found: Vec<&str> = report.findings.iter().map(|f| kind_of(f.code.as_str())).collect();
        if planted.is_empty() {
            clean += 1;
            clean_flagged += usize::from(!found.is_empty());
        } else {
            planted_summaries += 1;
        }
        for kind in &planted {
            let t = tally.entry(kind).or_default();
            t.planted += 1;
            t.caught += usize::from(found.contains(kind));
        }
        for kind in found.iter().filter(|k| !planted.contains(k)) {
            tally.entry(kind).or_default().false_alarms += 1;
        }
    }
    println!("| kind | planted | caught | false alarms |\n|---|---|---|---|");
    for (kind, t) in &tally {
        println!("| {kind} | {} | {} | {} |", t.planted, t.caught, t.false_alarms);
    }
    println!("{clean} clean summaries, {clean_flagged} flagged; {planted_summaries} with an identifier planted");

    assert!(clean >= 100 && planted_summaries >= 100, "a corpus of at least 200, half planted");
    assert!(tally.values().all(|t| t.false_alarms == 0), "no false alarm in the corpus: {tally:?}");
    for (kind, t) in &tally {
        // Names are found from a list, and the corpus plants names outside it on purpose.
        let floor = if *kind == "name" { 0.85 } else { 1.0 };
        assert!(t.planted > 0 && t.caught as f64 >= floor * t.planted as f64, "{kind}: {t:?}");
    }
    assert_eq!(tally.keys().copied().collect::<Vec<_>>().len(), KINDS.len(), "every kind planted: {tally:?}");
}
