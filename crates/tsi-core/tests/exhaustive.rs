//! Exhaustive bounded check of the case process (SPEC §6): every sequence of events up to
//! depth 8 over a small world — student health raises, social services and BUP take part,
//! two guardians with joint custody, two needs, four consents, a child of 11, 13 or 16 —
//! checked after every step against the reference model (tests/reference):
//!
//! - R-RS-1: every need has exactly one accountable agency of the case;
//! - R-CP-2: an identified meeting is held exactly when the model finds it covered;
//! - R-CN-3 / R-CP-5: a consent moves the case to Planning or resumes it exactly when the
//!   model finds it carries the case; a withdrawal pauses exactly when no consent carries it;
//! - the sharing decision on the case's records agrees with the model for every agency and
//!   category (so the case state and `may_share` never disagree);
//! - a refused event changes nothing and is refused the same way twice; replaying the log
//!   of a state gives that state; Close only with every need done;
//! - R-ST-3: every reached case, counted alone in statistics now and 60 days later, satisfies
//!   every relation the statistics audit assumes a reader knows (`Aggregate::check`).
//!
//! Pruning: events at depth d happen at day d. Two cases that differ only in instants already
//! past (when the last event, a meeting or a report of concern happened, when a withdrawal took
//! effect) have the same future in this world: no rule of the process compares a later event
//! with them except to refuse going back in time, and every event here is later. Each level
//! keeps one case per class (with how many sequences reach it), so every sequence is counted
//! while each class is expanded once. The consents' own instants are constants of the alphabet.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, missing_docs)]

mod reference;

use std::collections::HashMap;

use chrono::Duration;
use tsi_core::agency::{Agency, AgencyKind, Level, Principal, PrincipalKind};
use tsi_core::case::transition::{apply, replay};
use tsi_core::case::{
    Case, CaseEvent, CaseState, ChildView, CloseReason, ConcernArea, EventContext, FollowUpDecision, Intervention,
    LogEntry, Raise,
};
use tsi_core::consent::decide::{may_share, ShareRequest};
use tsi_core::consent::{
    Child, Consent, ConsentForm, ConsentGiver, Giver, Guardian, GuardianKind, InformationCategory as Cat, Purpose,
    Recipient, Withdrawal, WithdrawalScope,
};
use tsi_core::time::Instant;
use tsi_core::{Code, Lang, Policy};

use reference::{carried, carries, decide, meeting_covered, Outcome, Rules};

const DEPTH: usize = 8;

fn day(n: usize) -> Instant {
    let base = Instant::parse("2026-09-01T09:00:00+02:00").unwrap();
    Instant::parse(&(base.as_datetime() + Duration::days(n as i64)).to_rfc3339()).unwrap()
}

fn agency(id: &str, kind: AgencyKind, p: PrincipalKind) -> Agency {
    Agency { id: id.into(), kind, principal: Principal { id: format!("{p:?}"), kind: p } }
}

fn raise(age: i32) -> CaseEvent {
    CaseEvent::Raise(Raise {
        case_id: "k".into(),
        raised_by: "eh".into(),
        concern_areas: vec![ConcernArea::ChildDevelopment, ConcernArea::FamilyAndEnvironment],
        suggested_level: Level::Selective,
        child: Child { birth_date: chrono::NaiveDate::from_ymd_opt(2026 - age, 6, 1).unwrap() },
        guardians: ["g1", "g2"]
            .map(|id| Guardian { id: id.into(), kind: GuardianKind::Parent, reachable: true })
            .to_vec(),
        agencies: vec![
            agency("eh", AgencyKind::StudentHealth, PrincipalKind::Municipality),
            agency("soc", AgencyKind::SocialServices, PrincipalKind::Municipality),
            agency("bup", AgencyKind::ChildPsychiatry, PrincipalKind::Region),
        ],
    })
}

fn consent(id: &str, givers: &[&str], recipients: &[&str], categories: Vec<Cat>, until_days: i64) -> Consent {
    Consent {
        id: id.into(),
        givers: givers
            .iter()
            .map(|g| ConsentGiver {
                giver: if *g == "child" { Giver::Child } else { Giver::Guardian((*g).into()) },
                form: ConsentForm::Written,
            })
            .collect(),
        recipients: recipients.iter().map(|r| Recipient::Agency((*r).into())).collect(),
        categories,
        purpose: Purpose::TsiCollaboration,
        valid_from: day(0),
        // Expires half a day into day `until_days`: some sequences outlive their consent.
        valid_until: Instant::parse(&(day(0).as_datetime() + Duration::hours(until_days * 24 + 12)).to_rfc3339())
            .unwrap(),
        recorded_at: day(0),
        recorded_by: "s".into(),
        ext: None,
    }
}

/// The event alphabet, each with the agency that records it.
fn alphabet() -> Vec<(&'static str, CaseEvent)> {
    let all = Cat::ALL.to_vec();
    let meeting = |id: &str, participants: &[&str], categories: Option<Vec<Cat>>| CaseEvent::FirstMeeting {
        meeting_id: id.into(),
        participants: participants.iter().map(|p| (*p).into()).collect(),
        guardians_invited: true,
        guardians_not_invited_reason: None,
        child_view: ChildView::Recorded("vill ha stöd".into()),
        categories,
        measures: None,
    };
    let withdraw = |by: Giver, scope| CaseEvent::WithdrawConsent {
        withdrawal: Withdrawal { consent: "full".into(), by, at: day(0), scope },
    };
    vec![
        ("eh", CaseEvent::RequestConsent {}),
        ("eh", CaseEvent::StartDeIdentifiedConsultation {}),
        ("eh", CaseEvent::RecordConsent { consent: consent("full", &["g1", "g2", "child"], &["soc", "bup"], all, 5) }),
        (
            "eh",
            CaseEvent::RecordConsent {
                consent: consent("parents", &["g1", "g2"], &["soc", "bup"], Cat::ALL.to_vec(), 30),
            },
        ),
        (
            "eh",
            CaseEvent::RecordConsent {
                consent: consent("alone", &["child"], &["bup"], vec![Cat::Health, Cat::MentalHealth], 30),
            },
        ),
        ("eh", CaseEvent::DeclineConsent {}),
        ("eh", withdraw(Giver::Guardian("g1".into()), WithdrawalScope::Whole)),
        ("eh", withdraw(Giver::Child, WithdrawalScope::Category(Cat::Health))),
        ("eh", meeting("m1", &["eh", "soc", "bup"], None)),
        ("eh", meeting("m2", &["eh", "bup"], Some(vec![Cat::Health]))),
        (
            "eh",
            CaseEvent::AddNeed {
                need_id: "n1".into(),
                area: ConcernArea::ChildDevelopment,
                level: Level::Selective,
                accountable: "soc".into(),
            },
        ),
        (
            "eh",
            CaseEvent::AddNeed {
                need_id: "n2".into(),
                area: ConcernArea::FamilyAndEnvironment,
                level: Level::Indicated,
                accountable: "bup".into(),
            },
        ),
        (
            "soc",
            CaseEvent::StartIntervention {
                intervention: Intervention {
                    id: "i1".into(),
                    need: "n1".into(),
                    responsible_agency: "soc".into(),
                    level: Level::Selective,
                    start: chrono::NaiveDate::from_ymd_opt(2026, 9, 2).unwrap(),
                    goal: "trygg hemsituation".into(),
                    next_follow_up: chrono::NaiveDate::from_ymd_opt(2026, 10, 2).unwrap(),
                    ended_at: None,
                },
            },
        ),
        ("soc", CaseEvent::EndIntervention { intervention_id: "i1".into() }),
        ("soc", CaseEvent::OfferHandover { need_id: "n1".into(), to: "bup".into() }),
        ("bup", CaseEvent::AcceptHandover { need_id: "n1".into() }),
        ("bup", CaseEvent::DeclineHandover { need_id: "n1".into(), reason: "inte BUP:s uppdrag".into() }),
        (
            "eh",
            CaseEvent::FollowUpMeeting {
                meeting_id: "m3".into(),
                participants: vec!["eh".into(), "soc".into()],
                categories: None,
            },
        ),
        ("eh", CaseEvent::RecordFollowUp { decision: FollowUpDecision::Continue, measures: None }),
        ("eh", CaseEvent::Close { reason: CloseReason::GoalsMet }),
        ("eh", CaseEvent::ReportOfConcern {}),
    ]
}

/// A withdrawal takes effect at the instant of the event that records it.
fn at_now(event: &CaseEvent, now: Instant) -> CaseEvent {
    match event {
        CaseEvent::WithdrawConsent { withdrawal } => {
            CaseEvent::WithdrawConsent { withdrawal: Withdrawal { at: now, ..withdrawal.clone() } }
        }
        other => other.clone(),
    }
}

/// The equivalence class of a case: its value with past instants blanked (see the module doc).
fn class(case: &Case) -> String {
    fn blank(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) if Instant::parse(s).is_some() => s.clear(),
            serde_json::Value::Array(a) => a.iter_mut().for_each(blank),
            serde_json::Value::Object(o) => o.values_mut().for_each(blank),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(case).unwrap();
    v["reports_of_concern"] = serde_json::Value::Null;
    // A consent's instants are constants of the alphabet: its id stands for it.
    v["sharing"]["consents"] = serde_json::json!(case.sharing.consents.iter().map(|c| &c.id).collect::<Vec<_>>());
    blank(&mut v);
    v.to_string()
}

struct Node {
    case: Case,
    log: Vec<LogEntry>,
    sequences: u128,
}

#[derive(Default)]
struct Tally {
    states: usize,
    sequences: u128,
    applied: u64,
    refused: u64,
    decisions: u64,
}

/// The case's records give the same sharing decisions as the model, for every recipient and
/// category, at `now`.
fn sharing_agrees(case: &Case, now: Instant, rules: &Rules, tally: &mut Tally) {
    for to in ["soc", "bup"] {
        for category in Cat::ALL {
            let request = ShareRequest {
                from: "eh".into(),
                to: to.into(),
                category,
                purpose: Purpose::TsiCollaboration,
                at: now,
                actor: "s".into(),
            };
            let engine = may_share(&case.sharing, &request, &Policy::default(), Lang::En).unwrap();
            let Outcome::Decided { basis, .. } = decide(&case.sharing, &request, rules) else { panic!("refused") };
            assert_eq!(engine.basis, basis, "sharing {category:?} to {to} disagrees in {:?}", case.state);
            tally.decisions += 1;
        }
    }
}

/// Every check for one attempted event.
fn check_step(before: &Case, event: &CaseEvent, now: Instant, result: &Result<Case, Code>, rules: &Rules) {
    let identified = |s: CaseState| matches!(s, CaseState::Planning | CaseState::Active | CaseState::FollowUp);
    if let CaseEvent::FirstMeeting { meeting_id, participants, categories, .. }
    | CaseEvent::FollowUpMeeting { meeting_id, participants, categories } = event
    {
        let covered = meeting_covered(before, meeting_id, participants, categories.as_deref(), now, rules);
        match result {
            Ok(_) => assert!(covered, "a meeting was held that the model finds uncovered"),
            Err(code) => assert_eq!(*code == Code::CaseConsentNotCovering, !covered, "meeting refused with {code:?}"),
        }
    }
    match (event, result) {
        (CaseEvent::RecordConsent { .. }, Ok(after)) if identified(after.state) && !identified(before.state) => {
            let last = after.sharing.consents.len() - 1;
            assert!(carries(after, last, now, rules), "a consent that does not carry the case moved it on");
        }
        (CaseEvent::RecordConsent { consent }, Err(Code::CaseConsentInsufficient)) => {
            let mut with = before.clone();
            with.sharing.consents.push(consent.clone());
            assert!(!carries(&with, with.sharing.consents.len() - 1, now, rules), "a carrying consent was refused");
        }
        (CaseEvent::WithdrawConsent { .. }, Ok(after)) if identified(before.state) => {
            assert_eq!(after.state == CaseState::Paused, !carried(after, now, rules), "pause and sharing disagree");
        }
        (CaseEvent::Close { .. }, Ok(after)) => {
            for need in &after.needs {
                let ivs: Vec<_> = after.interventions.iter().filter(|i| i.need == need.id).collect();
                let done = need.handed_over || (!ivs.is_empty() && ivs.iter().all(|i| i.ended_at.is_some()));
                assert!(done, "closed with need {} open", need.id);
            }
        }
        _ => {}
    }
    if let Ok(after) = result {
        for need in &after.needs {
            assert!(after.sharing.agencies.iter().any(|a| a.id == need.accountable), "R-RS-1");
        }
    }
}

/// R-ST-3: the single-case aggregate of `case` at `at` satisfies every relation of the audit
/// (checked once per distinct aggregate).
fn counts_as_the_audit_assumes(
    case: &Case,
    at: Instant,
    policy: &Policy,
    seen: &mut std::collections::HashSet<String>,
) {
    let mut a = tsi_core::stats::Aggregate::new(at, policy);
    a.add_case(case, policy);
    let key = serde_json::to_string(&a).unwrap();
    if seen.insert(key.clone()) {
        assert_eq!(a.check(), Ok(()), "a reachable case breaks a statistics relation: {key}");
    }
}

fn explore(age: i32) -> Tally {
    let rules = Rules::default();
    let policy = Policy::default();
    let events = alphabet();
    let first =
        LogEntry { ctx: EventContext { now: day(0), actor: "s".into(), actor_agency: "eh".into() }, event: raise(age) };
    let case = apply(None, &first.event, &first.ctx, &policy).unwrap().case;
    let mut level: HashMap<String, Node> = HashMap::new();
    level.insert(class(&case), Node { case, log: vec![first], sequences: 1 });
    let mut tally = Tally { states: 1, sequences: 1, ..Tally::default() };
    let mut aggregates = std::collections::HashSet::new();
    for depth in 1..=DEPTH {
        let now = day(depth);
        let mut next: HashMap<String, Node> = HashMap::new();
        for node in level.values() {
            sharing_agrees(&node.case, now, &rules, &mut tally);
            for at in [now, day(depth + 60)] {
                counts_as_the_audit_assumes(&node.case, at, &policy, &mut aggregates);
            }
            for (actor, template) in &events {
                let event = at_now(template, now);
                let ctx = EventContext { now, actor: "s".into(), actor_agency: (*actor).into() };
                let result = apply(Some(&node.case), &event, &ctx, &policy);
                let again = apply(Some(&node.case), &event, &ctx, &policy);
                assert_eq!(result, again, "apply is not deterministic");
                let outcome = result.map(|a| a.case).map_err(|e| e.code);
                check_step(&node.case, &event, now, &outcome, &rules);
                let (case, log) = match outcome {
                    Ok(case) => {
                        tally.applied += 1;
                        let mut log = node.log.clone();
                        log.push(LogEntry { ctx, event });
                        (case, log)
                    }
                    Err(_) => {
                        tally.refused += 1;
                        (node.case.clone(), node.log.clone())
                    }
                };
                let key = class(&case);
                let entry = next.entry(key).or_insert_with(|| Node { case, log, sequences: 0 });
                entry.sequences += node.sequences;
            }
        }
        for node in next.values() {
            assert_eq!(replay(&node.log, &policy).unwrap().case, node.case, "replay differs from apply");
        }
        tally.states += next.len();
        tally.sequences = next.values().map(|n| n.sequences).sum();
        level = next;
    }
    tally
}

#[test]
fn every_event_sequence_up_to_depth_8_keeps_the_invariants() {
    let (mut states, mut sequences) = (0, 0u128);
    for age in [11, 13, 16] {
        let t = explore(age);
        println!(
            "exhaustive: age {age}: {} distinct states, {} sequences of {DEPTH} events ({} applied, {} refused steps \
             expanded), {} sharing decisions compared",
            t.states, t.sequences, t.applied, t.refused, t.decisions
        );
        assert!(t.applied > 1_000 && t.refused > 1_000, "the world is too small to mean anything");
        states += t.states;
        sequences += t.sequences;
    }
    println!("exhaustive: {states} states, {sequences} sequences in all");
}
