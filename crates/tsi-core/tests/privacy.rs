//! R-PD-1 swept: a personal identity number and a name are put into every string field and
//! as a key into every object of every example document, one at a time, and each entry point
//! is run. No error (code, path, params, messages in both languages), finding, reason, basis or
//! audit record may contain them. Outputs that carry the caller's own data back by design — the
//! case state value, the family summary of a SIP — are not searched.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

use std::path::PathBuf;

use serde_json::{json, Value};
use tsi_core::time::Instant;
use tsi_core::{audit, Error, Lang, Policy};

const NUMBER: &str = "19121212-1212";
const NAME: &str = "Anna Svensson";

/// Fields that hold references (ids of records, agencies, staff), by key.
const REFERENCES: [&str; 22] = [
    "id",
    "case_id",
    "actor",
    "actor_agency",
    "raised_by",
    "from",
    "to",
    "recorded_by",
    "assessed_by",
    "documented_by",
    "consent",
    "meeting_id",
    "need_id",
    "need",
    "intervention_id",
    "accountable",
    "responsible_agency",
    "participants",
    "Agency",
    "Guardian",
    "sip_id",
    "agency",
];

/// What must never appear in a non-data output: the number in any usual writing, the name.
fn leaks(text: &str) -> Option<&'static str> {
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    if text.contains("1212-1212") || text.contains("12121212") || digits.contains("1212121212") {
        return Some("number");
    }
    text.contains("Svensson").then_some("name")
}

fn example(path: &str) -> Value {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(path);
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

/// Every variant of `doc`: each string leaf replaced, each object given an extra key.
fn variants(doc: &Value) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    walk(doc, &mut Vec::new(), doc, &mut out);
    out
}

fn walk(root: &Value, at: &mut Vec<String>, node: &Value, out: &mut Vec<(String, Value)>) {
    let pointer = || at.iter().map(|s| format!("/{s}")).collect::<String>();
    match node {
        Value::String(_) => {
            // A name cannot be told from a reference ("skola-ekbacken"): references are copied
            // into decisions and audit records by design, and only a personal number is
            // refused there. Names go into every other field.
            let reference =
                at.iter().rev().find(|s| s.parse::<usize>().is_err()).is_some_and(|k| REFERENCES.contains(&k.as_str()));
            let values: &[&str] = if reference { &[NUMBER] } else { &[NUMBER, NAME] };
            for &value in values {
                let mut v = root.clone();
                *v.pointer_mut(&pointer()).unwrap() = json!(value);
                out.push((format!("{} = {value}", pointer()), v));
            }
        }
        Value::Object(map) => {
            for key in ["191212121212", NAME] {
                let mut v = root.clone();
                v.pointer_mut(&pointer()).unwrap().as_object_mut().unwrap().insert(key.into(), json!(1));
                out.push((format!("{} + key {key}", pointer()), v));
            }
            for (k, child) in map {
                at.push(k.replace('~', "~0").replace('/', "~1"));
                walk(root, at, child, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(i.to_string());
                walk(root, at, child, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// The parts of an output that are not the caller's own data.
fn error_text(e: &Error) -> String {
    format!("{} {} {} {:?} {}", e.code(), e.path(), e.message(Lang::Sv), e.params(), e.message(Lang::En))
}

fn sweep(name: &str, doc: &Value, run: impl Fn(&Value) -> Result<String, Error>) -> usize {
    let mut checked = 0;
    for (what, variant) in variants(doc) {
        let text = match run(&variant) {
            Ok(text) => text,
            Err(e) => error_text(&e),
        };
        if let Some(kind) = leaks(&text) {
            panic!("{name}: {what}: the {kind} leaks into: {text}");
        }
        checked += 1;
    }
    checked
}

fn json<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_string(v).unwrap()
}

/// The journal system's audit key in these tests.
fn key() -> audit::AuditKey {
    audit::AuditKey::new("k-2026", b"a secret only the journal system holds").unwrap()
}

#[test]
fn r_pd_1_no_personal_data_in_errors_findings_decisions_or_audit_records() {
    let p = Policy::default();
    let key = key();
    let key = Some(&key);
    let at = Instant::parse("2026-11-23T10:00:00+01:00").unwrap();
    let mut checked = 0;
    checked += sweep("consent.decide", &example("sharing/allowed.json"), |v| {
        tsi_core::documents::decide_question(&v.to_string(), key, &p, Lang::Sv)
            .map(|d| json(&(d.basis, d.reasons, d.audit)))
    });
    checked += sweep("consent.validate", &example("sharing/case.json"), |v| {
        tsi_core::documents::validate_sharing_case(&v.to_string(), &at, &p, Lang::Sv).map(|r| json(&r))
    });
    checked += sweep("deid.check", &example("sharing/deidentified.json"), |v| {
        tsi_core::documents::check_deidentified(&v.to_string(), &p, Lang::Sv).map(|r| json(&r))
    });
    checked += sweep("sip.validate", &example("sip/invalid.json"), |v| {
        tsi_core::documents::validate_sip(&v.to_string(), &p, Lang::Sv).map(|r| json(&r))
    });
    let log = example("case/log.json");
    let short = Value::Array(log.as_array().unwrap()[..6].to_vec());
    checked += sweep("case.replay", &short, |v| {
        tsi_core::documents::replay_case(&v.to_string(), None, key, &p, Lang::Sv)
            .map(|view| json(&(view.warnings, view.due_actions, view.audit)))
    });
    let entry = log[4].clone();
    let before = tsi_core::documents::replay_case(
        &Value::Array(log.as_array().unwrap()[..4].to_vec()).to_string(),
        None,
        None,
        &p,
        Lang::Sv,
    )
    .unwrap()
    .case;
    checked += sweep("case.record", &entry, |v| {
        tsi_core::documents::record_case_event(Some(&json(&before)), &v.to_string(), None, key, &p, Lang::Sv)
            .map(|s| json(&(s.warnings, s.refusal, s.audit)))
    });
    checked += sweep("policy.validate", &json!({"schema_version": 1, "min_cell": 2, "ext": {"a": "b"}}), |v| {
        tsi_core::documents::validate_policy(&v.to_string(), Lang::Sv).map(|r| json(&r))
    });
    let records: Value = serde_json::from_str(&format!(
        "[{}]",
        include_str!("../../../examples/audit/case-log.jsonl").lines().take(3).collect::<Vec<_>>().join(",")
    ))
    .unwrap();
    checked += sweep("audit.verify", &records, |v| {
        tsi_core::documents::verify_audit_chain(&v.to_string(), None, 1 << 20, Lang::Sv).map(|r| json(&r))
    });
    println!("privacy: {checked} variants checked");
    assert!(checked > 500, "{checked}");
}

/// The string leaves of a JSON value, as JSON Pointers.
fn string_leaves(node: &Value, at: String, out: &mut Vec<String>) {
    match node {
        Value::String(_) => out.push(at),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| string_leaves(v, format!("{at}/{i}"), out)),
        Value::Object(map) => map.iter().for_each(|(k, v)| string_leaves(v, format!("{at}/{k}"), out)),
        _ => {}
    }
}

/// R-PD-1 at the event: a personal number put into each string of each event of the example
/// log, one at a time, is refused at exactly that place when the library would copy it (a
/// reference), and each such place is one this list names (`*`: any index).
#[test]
fn r_pd_1_each_reference_an_event_carries_is_refused_at_its_own_path() {
    use std::collections::BTreeSet;
    use tsi_core::case::transition::apply;
    use tsi_core::case::{Case, LogEntry};
    let mut log = example("case/log.json");
    // Events the example does not hold, swept against the final case (references are checked
    // before anything else): refused here or not, they are not applied.
    let ctx = log[0]["ctx"].clone();
    let extra = [
        json!({"ctx": ctx, "event": {"type": "WithdrawConsent", "withdrawal": {"consent": "c1",
            "by": {"Guardian": "vh-1"}, "at": "2026-10-01T00:00:00+02:00",
            "scope": {"Recipient": {"Agency": "bup"}}}}}),
        json!({"ctx": ctx, "event": {"type": "RecordFollowUp", "decision": "Continue",
            "measures": {"goals": [{"intervention": "iv-1", "attainment": 0}]}}}),
    ];
    let examples = log.as_array().unwrap().len();
    log.as_array_mut().unwrap().extend(extra);
    let policy = Policy::default();
    let mut refused = BTreeSet::new();
    let mut case: Option<Case> = None;
    for (n, entry) in log.as_array().unwrap().iter().enumerate() {
        let kind = entry["event"]["type"].as_str().unwrap().to_owned();
        let mut leaves = Vec::new();
        string_leaves(&entry["event"], String::new(), &mut leaves);
        for pointer in leaves.into_iter().filter(|p| p != "/type") {
            let mut changed = entry.clone();
            *changed["event"].pointer_mut(&pointer).unwrap() = json!(NUMBER);
            let Ok(changed) = serde_json::from_value::<LogEntry>(changed) else { continue }; // not a free string
            if let Err(e) = apply(case.as_ref(), &changed.event, &changed.ctx, &policy) {
                if e.code == tsi_core::Code::ReferenceIsPersonalNumber {
                    assert_eq!(e.path, pointer, "{kind}: refused at another place");
                    let general: Vec<&str> =
                        pointer.split('/').map(|s| if s.parse::<usize>().is_ok() { "*" } else { s }).collect();
                    refused.insert(format!("{kind} {}", general.join("/")));
                }
            }
        }
        if n < examples {
            let entry: LogEntry = serde_json::from_value(entry.clone()).unwrap();
            case = Some(apply(case.as_ref(), &entry.event, &entry.ctx, &policy).unwrap().case);
        }
    }
    let expected = [
        "AcceptHandover /need_id",
        "AddNeed /accountable",
        "AddNeed /need_id",
        "EndIntervention /intervention_id",
        "Escalate /need_id",
        "EstablishSip /sip_id",
        "FirstMeeting /meeting_id",
        "FirstMeeting /participants/*",
        "FollowUpMeeting /meeting_id",
        "FollowUpMeeting /participants/*",
        "OfferHandover /need_id",
        "OfferHandover /to",
        "Raise /agencies/*/id",
        "Raise /agencies/*/principal/id",
        "Raise /case_id",
        "Raise /guardians/*/id",
        "Raise /raised_by",
        "RecordConsent /consent/givers/*/form/OralDocumented/documented_by",
        "RecordConsent /consent/givers/*/giver/Guardian",
        "RecordConsent /consent/id",
        "RecordConsent /consent/recipients/*/Agency",
        "RecordConsent /consent/recorded_by",
        "StartIntervention /intervention/id",
        "StartIntervention /intervention/need",
        "RecordFollowUp /measures/goals/*/intervention",
        "StartIntervention /intervention/responsible_agency",
        "WithdrawConsent /withdrawal/by/Guardian",
        "WithdrawConsent /withdrawal/consent",
        "WithdrawConsent /withdrawal/scope/Recipient/Agency",
    ];
    assert_eq!(refused, expected.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>());
}

/// R-PD-1 in the sharing decision: a personal number put into each string of a sharing case
/// that carries every kind of record (consent by guardians, orally documented, to an agency; a
/// withdrawal of one recipient; a refusal; a legal ground with its scope) is refused at exactly
/// that place when it is a reference, and the places refused are these.
#[test]
fn r_pd_1_each_reference_a_sharing_case_carries_is_refused_at_its_own_path() {
    use std::collections::BTreeSet;
    let mut question = example("sharing/allowed.json");
    let case = &mut question["case"];
    case["withdrawals"] = json!([{"consent": "samtycke-1", "by": {"Guardian": "vh-1"},
        "at": "2026-10-01T00:00:00+02:00", "scope": {"Recipient": {"Agency": "forsta-linjen"}}}]);
    case["refusals"] = json!([{"by": {"Guardian": "vh-2"}, "at": "2026-10-02T00:00:00+02:00"}]);
    case["legal_grounds"] = json!([{"id": "lg1", "ground": "ReportOfConcern", "assessed_by": "staff-2",
        "assessed_at": "2026-11-20T08:00:00+01:00", "provision": "SoL 2025:400 orosanmälan",
        "scope": {"from": "skola-ekbacken", "to": "soc-barn-unga", "categories": ["Attendance"],
                  "valid_from": "2026-11-20T08:00:00+01:00"}}]);
    let policy = Policy::default();
    tsi_core::documents::decide_question(&question.to_string(), None, &policy, Lang::En).unwrap();
    let mut leaves = Vec::new();
    string_leaves(&question, String::new(), &mut leaves);
    let mut refused = BTreeSet::new();
    for pointer in leaves {
        let mut changed = question.clone();
        *changed.pointer_mut(&pointer).unwrap() = json!(NUMBER);
        if let Err(e) = tsi_core::documents::decide_question(&changed.to_string(), None, &policy, Lang::En) {
            if e.code() == tsi_core::Code::ReferenceIsPersonalNumber {
                assert_eq!(e.path(), pointer, "refused at another place");
                let general: Vec<&str> =
                    pointer.split('/').map(|s| if s.parse::<usize>().is_ok() { "*" } else { s }).collect();
                refused.insert(general.join("/"));
            }
        }
    }
    let expected = [
        "/case/agencies/*/id",
        "/case/agencies/*/principal/id",
        "/case/case_id",
        "/case/consents/*/givers/*/form/OralDocumented/documented_by",
        "/case/consents/*/givers/*/giver/Guardian",
        "/case/consents/*/id",
        "/case/consents/*/recipients/*/Agency",
        "/case/consents/*/recorded_by",
        "/case/guardians/*/id",
        "/case/legal_grounds/*/assessed_by",
        "/case/legal_grounds/*/id",
        "/case/legal_grounds/*/scope/from",
        "/case/legal_grounds/*/scope/to",
        "/case/refusals/*/by/Guardian",
        "/case/withdrawals/*/by/Guardian",
        "/case/withdrawals/*/consent",
        "/case/withdrawals/*/scope/Recipient/Agency",
        "/request/actor",
        "/request/from",
        "/request/to",
    ];
    assert_eq!(refused, expected.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>());
}

/// #26: an audit log handed to anyone reveals nothing a guess can confirm. Someone who knows
/// everything about the example case's Raise event but the child's birth date — the
/// collaboration's agencies, its guardian-id convention, the instant, the staff reference — and
/// holds the records tsi wrote for it (but not the key) hashes every birth date of 16 years:
/// none gives the record's digest. (With the earlier plain SHA-256 digest the same search finds
/// the date: it is checked below, so the search itself is shown to work.)
#[test]
fn r_au_1_a_birth_date_cannot_be_recovered_from_the_audit_log() {
    let log = example("case/log.json");
    let view =
        tsi_core::documents::replay_case(&log.to_string(), None, Some(&key()), &Policy::default(), Lang::Sv).unwrap();
    let record = &view.audit[0];
    let digest = record.subject_digest.clone().expect("a keyed record holds a digest");
    let truth = log[0]["event"]["child"]["birth_date"].as_str().unwrap().to_owned();
    let raise_with = |date: &str| {
        let mut entry = log[0].clone();
        entry["event"]["child"]["birth_date"] = json!(date);
        serde_json::from_value::<tsi_core::case::LogEntry>(entry).unwrap()
    };
    let mut dates = Vec::new();
    let mut d = tsi_core::NaiveDate::from_ymd_opt(2005, 1, 1).unwrap();
    while d < tsi_core::NaiveDate::from_ymd_opt(2021, 1, 1).unwrap() {
        dates.push(d.to_string());
        d = d.succ_opt().unwrap();
    }
    assert!(dates.contains(&truth) && dates.len() > 5_800);
    // Guesses a keyless attacker can compute: plain digests, and HMAC under keys they could try.
    let guesses = [b"".as_slice(), b"tsi", b"k-2026", b"secret", b"0000000000000000"];
    let mut plain_hit = None;
    for date in &dates {
        let entry = raise_with(date);
        let plain = audit::digest(&entry).unwrap();
        assert_ne!(plain, digest, "a plain digest of {date} confirms the record");
        for g in guesses.iter().filter(|g| g.len() >= audit::AUDIT_KEY_MIN_BYTES) {
            let tried = audit::AuditKey::new("k-2026", g).unwrap().digest(&entry).unwrap();
            assert_ne!(tried, digest, "a guessed key confirms {date}");
        }
        // The earlier format's digest: the search finds the true date there.
        if date == &truth {
            plain_hit = Some(plain);
        }
    }
    let earlier = audit::digest(&raise_with(&truth)).unwrap();
    assert_eq!(plain_hit.as_deref(), Some(earlier.as_str()), "the search reproduces a plain digest");
    // The key holder proves the content, and only the true content.
    assert!(audit::proves(record, &raise_with(&truth), &key()));
    assert!(!audit::proves(record, &raise_with("2011-06-02"), &key()));
    assert!(!serde_json::to_string(&view.audit).unwrap().contains("a secret only"), "the key is never written");
}
