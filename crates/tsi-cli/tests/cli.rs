//! The `tsi` binary end to end: output, JSON, exit codes 0 / 1 / 2.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, missing_docs)]

use std::io::Write;

use assert_cmd::Command;
use serde_json::Value;

fn tsi(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("tsi").unwrap().args(args).output().unwrap();
    (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn policy_file(text: &str) -> tempfile::NamedTempFile {
    let mut f = tempfile::NamedTempFile::new().unwrap();
    f.write_all(text.as_bytes()).unwrap();
    f
}

#[test]
fn id_check_human_and_json() {
    let (code, out, _) = tsi(&["id", "check", "121212-1212", "--at", "2026-11-23"]);
    assert_eq!(code, 0);
    assert!(out.contains("201212121212") && out.contains("13 years"), "{out}");
    let (code, out, _) = tsi(&["id", "check", "701063-2391", "--at", "2026-11-23", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((v["kind"].as_str(), v["age"].as_u64()), (Some("CoordinationNumber"), Some(56)));
}

#[test]
fn id_check_refusals_exit_2_with_code_and_no_value() {
    let (code, _, err) = tsi(&["id", "check", "121212-1213", "--at", "2026-11-23"]);
    assert_eq!(code, 2);
    assert!(err.contains("ID_BAD_CHECKSUM") && !err.contains("1213"), "{err}");
    let (code, out, _) = tsi(&["id", "check", "121212-1212", "--at", "igår", "--json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["error"]["code"], "DATE_INVALID");
}

#[test]
fn id_check_without_at_uses_today() {
    let (code, out, _) = tsi(&["id", "check", "121212-1212", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v["age"].as_u64().unwrap() >= 13);
}

#[test]
fn policy_default_is_valid_input_for_policy_check() {
    let (code, out, _) = tsi(&["policy", "default"]);
    assert_eq!(code, 0);
    let file = policy_file(&out);
    let (code, out, _) = tsi(&["policy", "check", file.path().to_str().unwrap(), "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["valid"], true);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn policy_check_exit_codes() {
    let bad = policy_file(
        r#"{"schema_version":1,"min_cell":0,"consent_policy":{"child_consent_from":16,"child_alone_from":14}}"#,
    );
    let (code, out, _) = tsi(&["policy", "check", bad.path().to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("not valid") && out.contains("POLICY_CONSENT_AGES_ORDER") && out.contains("/min_cell"),
        "{out}"
    );
    let warn = policy_file(r#"{"schema_version":1,"min_cell":2}"#);
    assert_eq!(tsi(&["policy", "check", warn.path().to_str().unwrap()]).0, 0);
    let broken = policy_file("{");
    let (code, _, err) = tsi(&["policy", "check", broken.path().to_str().unwrap()]);
    assert_eq!((code, err.contains("JSON_SYNTAX")), (2, true), "{err}");
    assert_eq!(tsi(&["policy", "check", "/no/such/file.json"]).0, 2);
    assert_eq!(tsi(&["policy", "check", warn.path().to_str().unwrap(), "--lang", "de"]).0, 2);
}

#[test]
fn policy_check_reads_standard_input() {
    let out = Command::cargo_bin("tsi")
        .unwrap()
        .args(["policy", "check", "-", "--json"])
        .write_stdin(r#"{"schema_version":1,"min_cel":2}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["error"]["code"].as_str(), v["error"]["path"].as_str()),
        (Some("JSON_UNKNOWN_FIELD"), Some("/min_cel"))
    );
}

#[test]
fn codes_lists_the_registry() {
    let (code, out, _) = tsi(&["codes", "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert!(v.as_array().unwrap().iter().any(|c| c["code"] == "ID_BAD_CHECKSUM" && c["rule"] == "R-ID-1"));
    let (code, out, _) = tsi(&["codes"]);
    assert_eq!(code, 0);
    assert!(out.contains("POLICY_MIN_CELL_LOW"));
}

#[test]
fn demo_runs_and_shows_a_refusal_and_a_report() {
    let (code, out, _) = tsi(&["demo"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("ID_BAD_CHECKSUM")
            && out.contains("POLICY_CONSENT_AGES_ORDER")
            && out.contains("JSON_UNKNOWN_FIELD")
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tsi(&["no-such-command"]).0, 2);
    assert_eq!(tsi(&["id", "check"]).0, 2);
}
