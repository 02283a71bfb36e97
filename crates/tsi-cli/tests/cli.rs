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
        out.contains("not valid")
            && out.contains("The age at which the child may consent alone (14)")
            && out.contains("the smallest cell size")
            && !out.contains("POLICY_")
            && !out.contains("/min_cell"),
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
        out.contains("The check digit of the number does not match")
            && out.contains("The age at which the child may consent alone")
            && out.contains("An unknown field")
            && !out.contains("_CHECKSUM"),
        "{out}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(tsi(&["no-such-command"]).0, 2);
    assert_eq!(tsi(&["id", "check"]).0, 2);
}

fn example(name: &str) -> String {
    format!("{}/../../examples/sharing/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn consent_decide_exit_codes_and_json() {
    let (code, out, _) = tsi(&["consent", "decide", &example("allowed.json"), "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("Yes, may be shared. Basis: consent samtycke-1"), "{out}");
    let (code, out, _) = tsi(&["consent", "decide", &example("denied.json"), "--json"]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["allowed"], false);
    assert_eq!(v["reasons"][0]["code"], "CONSENT_CATEGORY_NOT_COVERED");
    assert_eq!(v["audit"]["outcome"], "Denied");
    let bad_policy = policy_file(r#"{"schema_version":1,"min_cell":0}"#);
    let (code, _, err) =
        tsi(&["consent", "decide", &example("allowed.json"), "--policy", bad_policy.path().to_str().unwrap()]);
    assert_eq!((code, err.contains("POLICY_INVALID")), (2, true), "{err}");
    let (code, _, err) = tsi(&["consent", "decide", &example("case.json")]);
    assert_eq!((code, err.contains("JSON_")), (2, true), "a case alone is not a question: {err}");
}

#[test]
fn consent_check_and_deid_check() {
    let (code, out, _) =
        tsi(&["consent", "check", &example("case.json"), "--at", "2027-02-15T10:00:00+01:00", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("The end date of consent 1 is in 14 days."), "{out}");
    assert_eq!(tsi(&["consent", "check", &example("case.json"), "--at", "2027-02-15"]).0, 2);
    let (code, out, _) = tsi(&["deid", "check", &example("deidentified.json"), "--json"]);
    assert_eq!(code, 0);
    assert!(out.contains("DEID_SMALL_POPULATION"));
    let leaky = policy_file(r#"{"schema_version":1,"raised_by":"School","summary":"Ring 070-123 45 67"}"#);
    assert_eq!(tsi(&["deid", "check", leaky.path().to_str().unwrap()]).0, 1);
}

#[test]
fn audit_verify_finds_the_broken_link() {
    let (_, first, _) = tsi(&["consent", "decide", &example("allowed.json"), "--json"]);
    let first: Value = serde_json::from_str(&first).unwrap();
    let mut question: Value = serde_json::from_str(&std::fs::read_to_string(example("denied.json")).unwrap()).unwrap();
    question["audit_prev"] = first["audit"].clone();
    let q = policy_file(&question.to_string());
    let (_, second, _) = tsi(&["consent", "decide", q.path().to_str().unwrap(), "--json"]);
    let second: Value = serde_json::from_str(&second).unwrap();
    let chain = Value::Array(vec![first["audit"].clone(), second["audit"].clone()]);
    let f = policy_file(&chain.to_string());
    let (code, out, _) = tsi(&["audit", "verify", f.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("Chain intact: 2 records"));
    let tampered = policy_file(&chain.to_string().replacen("rektor-1", "rektor-2", 1));
    let (code, out, _) = tsi(&["audit", "verify", tampered.path().to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(out.contains("The chain is broken: Entry 1 was altered"), "{out}");
}

#[test]
fn docs_codes_table_is_current() {
    let (code, out, _) = tsi(&["codes", "--markdown"]);
    assert_eq!(code, 0);
    let path = format!("{}/../../docs/codes.md", env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(path).unwrap();
    assert!(doc == out, "docs/codes.md is stale: run `cargo run -p tsi-cli -- codes --markdown > docs/codes.md`");
}

#[test]
fn sip_validate_summary_and_schema() {
    let sip = |name: &str| format!("{}/../../examples/sip/{name}", env!("CARGO_MANIFEST_DIR"));
    let (code, out, _) = tsi(&["sip", "validate", &sip("valid.json"), "--lang", "sv"]);
    assert_eq!((code, out.starts_with("giltig (0 fynd)")), (0, true), "{out}");
    let (code, out, _) = tsi(&["sip", "validate", &sip("invalid.json"), "--lang", "en"]);
    assert_eq!(code, 1);
    assert!(out.contains("Exactly one principal has the lead responsibility (lead principal 2)."), "{out}");
    let (code, out, _) = tsi(&["sip", "validate", &sip("invalid.json"), "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((code, v["valid"].as_bool()), (1, Some(false)));
    let broken = policy_file("{\"schema_version\":1");
    assert_eq!(tsi(&["sip", "validate", broken.path().to_str().unwrap()]).0, 2);
    let (code, out, _) = tsi(&["sip", "summary", &sip("valid.json"), "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(out.contains("Who does what:") && out.contains("BUP Uddevalla: 010-441 00 00"), "{out}");
    let (code, out, _) = tsi(&["sip", "schema"]);
    assert_eq!(code, 0);
    let shipped =
        std::fs::read_to_string(format!("{}/../../bindings/schema/sip.schema.json", env!("CARGO_MANIFEST_DIR")))
            .unwrap();
    assert!(
        shipped == out,
        "bindings/schema/sip.schema.json is stale: run `tsi sip schema > bindings/schema/sip.schema.json`"
    );
}

#[test]
fn case_replay_and_diagram() {
    let log = format!("{}/../../examples/case/log.json", env!("CARGO_MANIFEST_DIR"));
    let (code, out, _) = tsi(&["case", "replay", &log]);
    assert_eq!(code, 0);
    assert!(out.contains("Case case-2026-0147: closed") && out.contains("indicated level), accountable: bup"), "{out}");
    let (code, out, _) = tsi(&["case", "replay", &log, "--json"]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["case"]["state"], "Closed");
    assert_eq!(v["audit"].as_array().unwrap().len(), 23);
    let mut entries: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(&log).unwrap()).unwrap();
    entries.truncate(9);
    entries
        .push(serde_json::json!({"ctx": entries[8]["ctx"].clone(), "event": {"type": "Close", "reason": "GoalsMet"}}));
    let f = policy_file(&Value::Array(entries).to_string());
    let (code, out, _) = tsi(&["case", "replay", f.path().to_str().unwrap(), "--json"]);
    assert_eq!(code, 2);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["error"]["code"].as_str(), v["error"]["path"].as_str()),
        (Some("CASE_CLOSE_OPEN_NEEDS"), Some("/9/event/reason"))
    );
    let (code, out, _) = tsi(&["case", "replay", &log, "--at", "2027-01-05"]);
    assert_eq!((code, out.is_empty()), (2, true));
    let (code, out, _) = tsi(&["case", "diagram"]);
    assert_eq!(code, 0);
    let doc = std::fs::read_to_string(format!("{}/../../docs/case-process.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(doc == out, "docs/case-process.md is stale: run `tsi case diagram > docs/case-process.md`");
}

fn repo(path: &str) -> String {
    format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_stored_example_audit_log_is_what_replay_writes() {
    let key = repo("examples/audit/key.json");
    let (code, out, _) = tsi(&["case", "replay", "--json", "--audit-key", &key, &repo("examples/case/log.json")]);
    assert_eq!(code, 0);
    let view: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(view["audit"][0]["key_id"], "example-key-not-for-use", "keyed with the example key");
    assert!(!out.contains("5e2f"), "the secret is never written");
    let stored: Vec<Value> = std::fs::read_to_string(repo("examples/audit/case-log.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let stale = "examples/audit/case-log.jsonl is stale: write the audit of \
                 `tsi case replay --json --audit-key examples/audit/key.json` as JSON Lines";
    assert!(view["audit"].as_array().unwrap() == &stored, "{stale}");
}

#[test]
fn audit_verify_streams_json_lines_with_and_without_an_anchor() {
    let log = repo("examples/audit/case-log.jsonl");
    let (code, out, _) = tsi(&["audit", "verify", &log]);
    assert_eq!((code, out.trim()), (0, "Chain intact: 23 records"));
    let lines: Vec<&str> = include_str!("../../../examples/audit/case-log.jsonl").lines().collect();
    let segment = policy_file(&lines[5..].join("\n"));
    let path = segment.path().to_str().unwrap();
    let (code, out, _) = tsi(&["audit", "verify", path, "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (code, v["finding"]["code"].as_str()),
        (1, Some("AUDIT_NOT_AT_GENESIS")),
        "a cut-off log is no whole log"
    );
    let anchor: Value = serde_json::from_str(lines[4]).unwrap();
    let (code, out, _) = tsi(&["audit", "verify", path, "--anchor", anchor["hash"].as_str().unwrap(), "--json"]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!((code, v["valid"].as_bool(), v["starts_at"].as_str()), (0, Some(true), Some("Anchor")));
    let mut tampered: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    tampered[7] = tampered[7].replacen("rektor-1", "rektor-2", 1);
    let file = policy_file(&tampered.join("\n"));
    let (code, out, _) = tsi(&["audit", "verify", file.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("Entry 8 was altered"), "{out}");
}

#[test]
fn audit_verify_reads_a_log_larger_than_the_document_limit() {
    use tsi_core::audit::record_decision;
    use tsi_core::consent::decide::{Decision, ShareRequest};
    // 5 000 records (about 3 MB) under a policy whose document limit is 64 KiB: the limit
    // bounds each record, never the log.
    let request: ShareRequest = serde_json::from_value(serde_json::json!({"from":"a","to":"b","category":"Attendance",
        "purpose":"TsiCollaboration","at":"2026-11-23T10:00:00+01:00","actor":"s"}))
    .unwrap();
    let decision = Decision { allowed: false, basis: None, reasons: vec![] };
    let mut file = tempfile::NamedTempFile::new().unwrap();
    let mut prev = None;
    for _ in 0..5_000 {
        let record = record_decision(prev.as_ref(), None, "k", &request, &decision).unwrap();
        writeln!(file, "{}", serde_json::to_string(&record).unwrap()).unwrap();
        prev = Some(record);
    }
    let policy = policy_file(r#"{"schema_version":1,"limits":{"max_input_bytes":65536}}"#);
    let args = ["audit", "verify", file.path().to_str().unwrap(), "--policy", policy.path().to_str().unwrap()];
    let (code, out, err) = tsi(&args);
    assert_eq!((code, out.trim()), (0, "Chain intact: 5000 records"), "{err}");
}

#[test]
fn unreadable_inputs_each_get_their_own_code_and_never_the_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("anna-svensson-191212121212.json");
    let mut not_utf8 = tempfile::NamedTempFile::new().unwrap();
    not_utf8.write_all(&[0x7b, 0xff, 0xfe, 0x7d]).unwrap();
    let cases = [
        (missing.to_str().unwrap().to_owned(), "FILE_NOT_FOUND"),
        (dir.path().to_str().unwrap().to_owned(), "FILE_IS_DIRECTORY"),
        (not_utf8.path().to_str().unwrap().to_owned(), "INPUT_NOT_UTF8"),
        ("/dev/zero".to_owned(), "INPUT_TOO_LARGE"),
    ];
    for (file, code) in cases {
        let (exit, out, _) = tsi(&["sip", "validate", &file, "--json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!((exit, v["error"]["code"].as_str()), (2, Some(code)), "{file}");
        assert!(!out.contains("svensson") && !out.contains("1212"), "the file name is repeated: {out}");
        let (exit, _, err) = tsi(&["sip", "validate", &file]);
        assert!(exit == 2 && err.contains(code) && !err.contains("svensson"), "{err}");
    }
}

/// Runs tsi with the read end of its standard output closed before it writes: every write
/// fails with a broken pipe.
fn with_a_closed_pipe<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> std::process::Output {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tsi"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    for args in [&["demo"][..], &["codes"][..], &["case", "diagram"][..]] {
        let out = with_a_closed_pipe(args);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
}

#[test]
fn one_language_per_run_from_lang_or_the_environment() {
    let run = |lang_env: Option<&str>, args: &[&str]| {
        let mut cmd = Command::cargo_bin("tsi").unwrap();
        cmd.env_remove("LANG").args(args);
        if let Some(l) = lang_env {
            cmd.env("LANG", l);
        }
        let out = cmd.output().unwrap();
        (out.status.code().unwrap(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    };
    let missing = ["policy", "check", "/nonexistent/policy.json"];
    // Verdict and error alike follow the one language of the run.
    let (_, _, err) = run(Some("sv_SE.UTF-8"), &missing);
    assert!(err.starts_with("fel FILE_NOT_FOUND: Filen finns inte."), "{err}");
    let (_, _, err) = run(None, &missing);
    assert!(err.starts_with("error FILE_NOT_FOUND: The file does not exist."), "{err}");
    let (_, _, err) = run(Some("sv_SE.UTF-8"), &["policy", "check", "/nonexistent/policy.json", "--lang", "en"]);
    assert!(err.starts_with("error FILE_NOT_FOUND"), "{err}");
    // --lang is a value enum: its values are listed, others refused by the parser.
    let (_, help, _) = run(None, &["policy", "check", "--help"]);
    assert!(help.contains("- sv: Svenska") && help.contains("- en: English"), "{help}");
    let (code, _, err) = run(None, &["policy", "check", "x.json", "--lang", "de"]);
    assert_eq!(code, 2);
    // A coded error naming the argument, never the value typed (#26).
    assert!(err.starts_with("error ARGUMENT_INVALID: The value of --lang") && !err.contains("'de'"), "{err}");
}

#[test]
fn completions_for_each_shell_name_the_commands() {
    for (shell, marker) in [("bash", "complete -F"), ("zsh", "#compdef tsi"), ("fish", "complete -c tsi")] {
        let (code, out, _) = tsi(&["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        assert!(out.contains(marker) && out.contains("simulate") && out.contains("stats"), "{shell}: {out:.200}");
    }
    let (code, _, _) = tsi(&["completions", "cmd.exe"]);
    assert_eq!(code, 2);
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let invalid = format!("{}/../../examples/sip/invalid.json", env!("CARGO_MANIFEST_DIR"));
    let run = |env: &[(&str, &str)]| {
        let mut cmd = Command::cargo_bin("tsi").unwrap();
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE").args(["sip", "validate", &invalid, "--lang", "en"]);
        for (k, v) in env {
            cmd.env(k, v);
        }
        String::from_utf8(cmd.output().unwrap().stdout).unwrap()
    };
    assert!(!run(&[]).contains('\x1b'), "no colour into a pipe");
    assert!(run(&[("CLICOLOR_FORCE", "1")]).contains("\x1b[1m\x1b[31merror"), "forced colour");
    assert!(!run(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'), "NO_COLOR wins");
}

#[test]
fn every_command_shows_examples_in_its_help() {
    let (_, top, _) = tsi(&["--help"]);
    let commands: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.len() >= 12, "{commands:?}");
    for command in commands {
        let (code, help, _) = tsi(&[command, "--help"]);
        assert_eq!(code, 0, "{command}");
        assert!(help.contains("Examples:\n  tsi "), "{command} --help has no examples");
    }
}

#[test]
fn the_manual_page_is_roff_naming_the_commands() {
    let (code, out, _) = tsi(&["man"]);
    assert_eq!(code, 0);
    assert!(out.contains(".TH tsi") && out.contains("simulate") && out.contains("stats"), "{out:.300}");
}

/// #15: `-` reads standard input for every command that reads a file, with the same answer as
/// the file itself.
#[test]
fn a_dash_reads_standard_input_everywhere() {
    let at = "2026-11-23T10:00:00+01:00";
    let (_, policy, _) = tsi(&["policy", "default"]);
    let policy_file = policy_file(&policy);
    let policy_path = policy_file.path().to_str().unwrap().to_owned();
    let runs: Vec<(Vec<&str>, String)> = vec![
        (vec!["policy", "check"], policy_path),
        (vec!["case", "replay", "--json"], repo("examples/case/log.json")),
        (vec!["consent", "decide", "--json"], repo("examples/sharing/denied.json")),
        (vec!["consent", "check", "--at", at, "--json"], repo("examples/sharing/case.json")),
        (vec!["deid", "check", "--json"], repo("examples/sharing/deidentified.json")),
        (vec!["audit", "verify", "--json"], repo("examples/audit/case-log.jsonl")),
        (vec!["sip", "validate", "--json"], repo("examples/sip/invalid.json")),
        (vec!["sip", "summary"], repo("examples/sip/valid.json")),
        (vec!["stats", "--at", at, "--json"], repo("examples/case/log.json")),
    ];
    for (args, file) in runs {
        let from_file = Command::cargo_bin("tsi").unwrap().args(&args).arg(&file).output().unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        // A case log is one JSON document; `tsi stats` reads JSON Lines: give it one line.
        let text = if args[0] == "stats" { serde_json::from_str::<Value>(&text).unwrap().to_string() } else { text };
        let from_stdin = Command::cargo_bin("tsi").unwrap().args(&args).arg("-").write_stdin(text).output().unwrap();
        assert_eq!(from_stdin.status.code(), from_file.status.code(), "{args:?}");
        assert!(!from_stdin.stdout.is_empty(), "{args:?}");
        if args[0] != "stats" {
            assert_eq!(
                String::from_utf8_lossy(&from_stdin.stdout),
                String::from_utf8_lossy(&from_file.stdout),
                "{args:?}"
            );
        }
    }
}

/// #14: docs/rules.md explains every rule a code cites, and every rule the conformance corpus
/// tests (users do not have the specification).
#[test]
fn every_cited_rule_is_explained_in_docs_rules() {
    let rules = std::fs::read_to_string(repo("docs/rules.md")).unwrap();
    let explained = |id: &str| rules.lines().any(|l| l.starts_with(&format!("| {id} |")));
    let (_, out, _) = tsi(&["codes", "--json"]);
    let codes: Vec<Value> = serde_json::from_str(&out).unwrap();
    let mut cited: Vec<String> = codes.iter().filter_map(|c| c["rule"].as_str()).map(str::to_owned).collect();
    for entry in std::fs::read_dir(repo("tests/conformance")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let doc: Value = serde_json::from_str(&text).unwrap();
            let cases = doc.get("cases").and_then(Value::as_array).cloned().unwrap_or_default();
            cited.extend(cases.iter().filter_map(|c| c["rule"].as_str()).map(str::to_owned));
        }
    }
    cited.retain(|r| r.starts_with("R-"));
    cited.sort();
    cited.dedup();
    assert!(cited.len() > 30, "{cited:?}");
    let missing: Vec<&String> = cited.iter().filter(|id| !explained(id)).collect();
    assert!(missing.is_empty(), "rules cited but not in docs/rules.md: {missing:?}");
}

/// #26: output that cannot be written (a full disk) is a coded error with its own exit code,
/// never a panic; a reader that goes away ends the run quietly (exit 0), in every command.
#[test]
fn a_full_disk_is_a_coded_error_and_a_closed_pipe_is_quiet() {
    let at = "2026-11-23T10:00:00+01:00";
    let log = repo("examples/case/log.json");
    let line = serde_json::from_str::<Value>(&std::fs::read_to_string(&log).unwrap()).unwrap().to_string();
    let lines = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(lines.path(), format!("{line}\n")).unwrap();
    let (_, policy, _) = tsi(&["policy", "default"]);
    let policy_file = policy_file(&policy);
    let runs: Vec<Vec<String>> = [
        vec!["demo"],
        vec!["codes"],
        vec!["codes", "--json"],
        vec!["codes", "--markdown"],
        vec!["man"],
        vec!["completions", "bash"],
        vec!["policy", "default"],
        vec!["policy", "check", policy_file.path().to_str().unwrap()],
        vec!["id", "check", "121212-1212", "--at", "2026-11-23"],
        vec!["case", "replay", &log],
        vec!["case", "replay", "--json", &log],
        vec!["consent", "decide", &repo("examples/sharing/denied.json")],
        vec!["consent", "check", "--at", at, &repo("examples/sharing/case.json")],
        vec!["deid", "check", &repo("examples/sharing/deidentified.json")],
        vec!["audit", "verify", &repo("examples/audit/case-log.jsonl")],
        vec!["sip", "validate", &repo("examples/sip/invalid.json")],
        vec!["sip", "summary", &repo("examples/sip/valid.json")],
        vec!["simulate", "--cases", "20", "--until", at],
        vec!["stats", "--at", at, lines.path().to_str().unwrap()],
        vec!["stats", "--at", at, "--csv", lines.path().to_str().unwrap()],
        vec!["stats", "partial", "--at", at, lines.path().to_str().unwrap()],
    ]
    .iter()
    .map(|a| a.iter().map(|s| (*s).to_owned()).collect())
    .collect();
    for args in &runs {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let out =
            std::process::Command::new(assert_cmd::cargo::cargo_bin("tsi")).args(args).stdout(full).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(err.contains("OUTPUT_NOT_WRITABLE") && !err.contains("panicked"), "{args:?}: {err}");
        // A reader that reads nothing and goes away.
        let done = with_a_closed_pipe(args);
        let err = String::from_utf8_lossy(&done.stderr);
        assert!(matches!(done.status.code(), Some(0 | 1)), "{args:?}: {:?} {err}", done.status);
        assert!(!err.contains("panicked") && !err.contains("OUTPUT_NOT_WRITABLE"), "{args:?}: {err}");
    }
}

/// #26: what was typed never comes back in a usage error: tsi's coded errors name the argument
/// by position or name, in the run's language, on stderr (JSON on stdout with `--json`), exit 2.
#[test]
fn usage_errors_are_coded_and_never_repeat_what_was_typed() {
    let number = "19121212-1212";
    let runs: [(&[&str], &str); 7] = [
        (&["id", "check", "20120229-0001", number], "ARGUMENT_UNKNOWN"),
        (&["--lang", number, "demo"], "ARGUMENT_INVALID"),
        (&["stats", "--min-cell", number], "ARGUMENT_INVALID"),
        (&[number], "ARGUMENT_UNKNOWN"),
        (&["case", &format!("--x={number}")], "ARGUMENT_UNKNOWN"),
        (&["stats", "--at", "2026-11-01T00:00:00Z", "--json", "--bogus", number], "ARGUMENT_UNKNOWN"),
        (&["id", "check"], "ARGUMENT_MISSING"),
    ];
    for (args, code) in runs {
        let (exit, out, err) = tsi(args);
        assert_eq!(exit, 2, "{args:?}");
        let all = format!("{out}{err}");
        assert!(all.contains(code), "{args:?}: {all}");
        assert!(!all.contains("1212-1212") && !all.contains("0229-0001"), "{args:?} echoed: {all}");
        assert!(!all.contains("Usage:") && !all.contains("unexpected argument"), "{args:?}: clap's own text: {all}");
    }
    let (_, out, _) = tsi(&["stats", "--json", "--bogus", number]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (v["error"]["code"].as_str(), v["error"]["params"]["position"].as_str()),
        (Some("ARGUMENT_UNKNOWN"), Some("3"))
    );
    let (_, _, err) = tsi(&["--lang", "sv", "nosuch"]);
    assert!(err.starts_with("fel ARGUMENT_UNKNOWN: Argument nummer 3"), "{err}");
    let (exit, out, _) = tsi(&["--help"]);
    assert!(exit == 0 && out.contains("Usage:"), "help is still help");
}

/// #27 end to end from the shell, in Swedish and English: `consent remedies` on a denied
/// question gives a draft that, recorded, makes `consent decide` allow it; `consent plan --html`
/// writes the form, and the plan's consent, recorded, covers the plan.
#[test]
fn what_do_we_need_from_the_shell() {
    let example = |name: &str| format!("{}/../../examples/sharing/{name}", env!("CARGO_MANIFEST_DIR"));
    for lang in ["sv", "en"] {
        let (code, out, _) = tsi(&["--lang", lang, "consent", "remedies", &example("denied.json"), "--json"]);
        assert_eq!(code, 0, "{out}");
        let answer: Value = serde_json::from_str(&out).unwrap();
        let draft = answer["remedies"][0]["consent"].clone();
        let mut question: Value =
            serde_json::from_str(&std::fs::read_to_string(example("denied.json")).unwrap()).unwrap();
        assert_eq!(tsi(&["consent", "decide", &example("denied.json")]).0, 1, "denied before");
        question["case"]["consents"].as_array_mut().unwrap().push(draft);
        let file = policy_file(&question.to_string());
        let (code, out, _) = tsi(&["--lang", lang, "consent", "decide", file.path().to_str().unwrap()]);
        assert_eq!(code, 0, "allowed once signed: {out}");

        let form = tempfile::NamedTempFile::new().unwrap();
        let args = ["--lang", lang, "consent", "plan", &example("plan.json"), "--json", "--html"];
        let (code, out, _) = tsi(&[&args[..], &[form.path().to_str().unwrap()]].concat());
        assert_eq!(code, 0, "{out}");
        let html = std::fs::read_to_string(form.path()).unwrap();
        assert!(html.contains(if lang == "sv" { "Underskrift" } else { "Signature" }), "{html}");
        let planned: Value = serde_json::from_str(&out).unwrap();
        let mut doc: Value = serde_json::from_str(&std::fs::read_to_string(example("plan.json")).unwrap()).unwrap();
        doc["case"]["consents"].as_array_mut().unwrap().push(planned["consent"].clone());
        let file = policy_file(&doc.to_string());
        let (code, out, _) = tsi(&["consent", "plan", file.path().to_str().unwrap(), "--json"]);
        assert_eq!(code, 0);
        assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["covered"], true, "covered once signed");
    }
}

#[test]
fn consent_matrix_answers_as_decide_cell_by_cell() {
    let at = "2026-11-23T10:00:00+01:00";
    let args = ["consent", "matrix", &example("case.json"), "--from", "skola-ekbacken", "--at", at];
    let (code, out, _) = tsi(&[&args[..], &["--lang", "en"]].concat());
    assert_eq!(code, 0);
    assert!(out.contains("yes school attendance: consent samtycke-1"), "{out}");
    assert!(out.contains("Lapses first: soc-barn-unga, school attendance"), "{out}");
    let (_, out, _) = tsi(&[&args[..], &["--json", "--lang", "sv"]].concat());
    let matrix: Value = serde_json::from_str(&out).unwrap();
    let case: Value = serde_json::from_str(&std::fs::read_to_string(example("case.json")).unwrap()).unwrap();
    let cells = matrix["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 4 * 8);
    for cell in cells {
        let request = serde_json::json!({"from": "skola-ekbacken", "to": cell["to"], "category": cell["category"],
            "purpose": "TsiCollaboration", "at": at, "actor": "tsi-cli"});
        let q = policy_file(&serde_json::json!({"case": case, "request": request}).to_string());
        let (code, one, _) = tsi(&["consent", "decide", q.path().to_str().unwrap(), "--json", "--lang", "sv"]);
        let mut one: Value = serde_json::from_str(&one).unwrap();
        one.as_object_mut().unwrap().remove("audit");
        assert_eq!((cell["decision"].clone(), code), (one, if cell["decision"]["allowed"] == true { 0 } else { 1 }));
    }
    assert_eq!(matrix["audit"]["action"]["kind"], "SharingMatrix");
    let (code, _, err) = tsi(&["consent", "matrix", &example("case.json"), "--from", "nobody", "--at", at]);
    assert_eq!((code, err.contains("CONSENT_UNKNOWN_AGENCY")), (2, true), "{err}");
}

#[test]
fn every_shipped_schema_is_what_tsi_schema_prints() {
    for document in tsi_core::schema::DOCUMENTS {
        let (code, out, _) = tsi(&["schema", document]);
        assert_eq!(code, 0);
        let path = format!("{}/../../bindings/schema/{document}.schema.json", env!("CARGO_MANIFEST_DIR"));
        let shipped = std::fs::read_to_string(&path).unwrap();
        assert!(
            shipped == out,
            "{path} is stale: run `tsi schema {document} > bindings/schema/{document}.schema.json`"
        );
        let schema: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
    let (code, _, err) = tsi(&["schema", "horoscope"]);
    assert_eq!((code, err.contains("ARGUMENT_INVALID")), (2, true), "{err}");
}
