//! Canonical JSON (the bytes the audit hash is taken over) of tsi's own documents and types is
//! byte for byte what serde_jcs 0.2 — the writer tsi used before its own — gives: every JSON
//! document of the repository (conformance corpus, examples), and the typed values an audit
//! record is made from (log entries, cases, audit records, plans, policies).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, missing_docs)]

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;
use tsi_core::case::LogEntry;
use tsi_core::Policy;

#[path = "support/long_log.rs"]
mod long_log;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn same<T: Serialize + ?Sized>(what: &str, value: &T) {
    let ours = tsi_core::canonical::to_vec(value).expect(what);
    let theirs = serde_jcs::to_vec(value).expect(what);
    assert!(
        ours == theirs,
        "{what}: ours\n{}\nserde_jcs\n{}",
        String::from_utf8_lossy(&ours),
        String::from_utf8_lossy(&theirs)
    );
}

fn json_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            json_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "json" || e == "jsonl") {
            into.push(path);
        }
    }
}

#[test]
fn every_json_document_of_the_repository() {
    let mut files = Vec::new();
    json_files(&repo().join("tests/conformance"), &mut files);
    json_files(&repo().join("examples"), &mut files);
    assert!(files.len() >= 20, "found {}", files.len());
    let mut values = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.display().to_string();
        if file.extension().is_some_and(|e| e == "jsonl") {
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                same(&name, &serde_json::from_str::<Value>(line).unwrap());
                values += 1;
            }
        } else {
            let value: Value = serde_json::from_str(&text).unwrap();
            same(&name, &value);
            // Each conformance case on its own too, so a difference names its case.
            if let Some(cases) = value.get("cases").and_then(Value::as_array) {
                cases.iter().for_each(|c| same(&name, c));
            }
            values += 1;
        }
    }
    assert!(values >= 20);
}

#[test]
fn the_values_audit_records_are_made_from() {
    let policy = Policy::default();
    same("policy", &policy);
    let example = std::fs::read_to_string(repo().join("examples/case/log.json")).unwrap();
    for text in [example, long_log::long_log_json(60).to_string()] {
        let entries: Vec<LogEntry> = serde_json::from_str(&text).unwrap();
        entries.iter().for_each(|e| same("log entry", e));
        let view = tsi_core::documents::replay_case(&text, None, None, &policy, tsi_core::Lang::Sv).unwrap();
        same("case", &view.case);
        view.audit.iter().for_each(|r| same("audit record", r));
        same("replay", &view);
    }
    let plan = std::fs::read_to_string(repo().join("examples/sip/valid.json")).unwrap();
    same("plan", &tsi_core::documents::parse_sip(&plan, &policy).unwrap());
}
