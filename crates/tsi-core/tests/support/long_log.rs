//! A long case log of one case, shared by the replay bench and the limits test: the largest
//! realistic log a policy must admit.
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use serde_json::{json, Value};
use tsi_core::case::LogEntry;
use tsi_core::time::Instant;

fn entry(now: &Instant, event: Value) -> Value {
    json!({"ctx": {"now": now, "actor": "staff", "actor_agency": "school"}, "event": event})
}

/// A case with `rounds` needs, each with an intervention, a follow-up and its end: four setup
/// events and five per round, ten rounds a day.
pub fn long_log(rounds: u32) -> Vec<LogEntry> {
    serde_json::from_value(long_log_json(rounds)).unwrap()
}

/// [`long_log`] as JSON.
pub fn long_log_json(rounds: u32) -> Value {
    let start = Instant::parse("2026-01-05T09:00:00+01:00").unwrap();
    let day = |d: u32| start.plus_local_days(i64::from(d), Default::default());
    let agencies = json!([
        {"id": "school", "kind": "School", "principal": {"id": "m", "kind": "Municipality"}},
        {"id": "soc", "kind": "SocialServices", "principal": {"id": "m", "kind": "Municipality"}},
        {"id": "bup", "kind": "ChildPsychiatry", "principal": {"id": "r", "kind": "Region"}}]);
    let consent = json!({"id": "c1", "givers": [{"giver": {"Guardian": "g1"}, "form": "Written"}],
        "recipients": [{"Agency": "soc"}, {"Agency": "bup"}], "categories": ["Attendance", "Learning", "Health", "MentalHealth"],
        "purpose": "TsiCollaboration", "valid_from": day(0), "valid_until": "2099-01-01T00:00:00+01:00",
        "recorded_at": day(0), "recorded_by": "staff"});
    let mut log = vec![
        entry(
            &day(0),
            json!({"type": "Raise", "case_id": "k", "raised_by": "school", "concern_areas": ["SchoolAttendance"],
            "suggested_level": "Selective", "child": {"birth_date": "2020-03-01"}, "guardians": [{"id": "g1", "kind": "Parent"}],
            "agencies": agencies}),
        ),
        entry(&day(0), json!({"type": "RequestConsent"})),
        entry(&day(0), json!({"type": "RecordConsent", "consent": consent})),
        entry(
            &day(1),
            json!({"type": "FirstMeeting", "meeting_id": "m0", "participants": ["school", "soc", "bup"],
            "guardians_invited": true, "child_view": {"Recorded": "view"}}),
        ),
    ];
    for k in 0..rounds {
        // Ten rounds a day: 100 000 events stay within the years the child is under twelve.
        let d = day(2 + k / 10);
        let date = d.local_date(Default::default()).to_string();
        log.push(entry(
            &d,
            json!({"type": "AddNeed", "need_id": format!("n{k}"), "area": "SchoolAttendance",
            "level": "Selective", "accountable": "school"}),
        ));
        log.push(entry(&d, json!({"type": "StartIntervention", "intervention": {"id": format!("i{k}"), "need": format!("n{k}"),
            "responsible_agency": "school", "level": "Selective", "start": date, "goal": "goal", "next_follow_up": date}})));
        log.push(entry(
            &d,
            json!({"type": "FollowUpMeeting", "meeting_id": format!("m{}", k + 1), "participants": ["school", "soc"]}),
        ));
        log.push(entry(&d, json!({"type": "RecordFollowUp", "decision": "Continue"})));
        log.push(entry(&d, json!({"type": "EndIntervention", "intervention_id": format!("i{k}")})));
    }
    Value::Array(log)
}

/// Rounds of [`long_log`] that make at most `events` events.
pub fn rounds_within(events: u32) -> u32 {
    events.saturating_sub(4) / 5
}

/// `value` as JSON text with each object's `type` first, as journal systems write events
/// (`Value::to_string` sorts keys, which puts an event's `type` last).
pub fn type_first(value: &Value) -> String {
    match value {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| k.as_str() != "type");
            let members: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", Value::String((*k).clone()), type_first(&m[k.as_str()])))
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(type_first).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}
