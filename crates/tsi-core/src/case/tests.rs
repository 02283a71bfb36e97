//! Tests of the case process, one group per rule of SPEC §3 and §6, and its invariants.

use chrono::Duration;
use proptest::prelude::*;

use super::due::due_actions;
use super::transition::{allowed_events, apply, mermaid, replay, Applied};
use super::*;
use crate::agency::{AgencyKind, Principal, PrincipalKind};
use crate::consent::{
    ConsentForm, ConsentGiver, Giver, GuardianKind, InformationCategory, Purpose, Recipient, WithdrawalScope,
};
use crate::meeting::{agenda, next_slots, MeetingSchedule};
use crate::policy::Policy;
use crate::time::Zone;
use crate::Lang;

fn t(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

fn day(n: i64) -> Instant {
    Instant(t("2026-09-01T09:00:00+02:00").as_datetime() + Duration::days(n))
}

fn agency(id: &str, kind: AgencyKind, p: PrincipalKind) -> Agency {
    Agency { id: id.into(), kind, principal: Principal { id: format!("{p:?}"), kind: p } }
}

fn raise() -> CaseEvent {
    CaseEvent::Raise(Raise {
        case_id: "k1".into(),
        raised_by: "school".into(),
        concern_areas: vec![ConcernArea::SchoolAttendance],
        suggested_level: Level::Selective,
        child: Child { birth_date: crate::id::parse_date("2013-03-14", "b").unwrap() },
        guardians: vec![Guardian { id: "g1".into(), kind: GuardianKind::Parent, reachable: true }],
        agencies: vec![
            agency("school", AgencyKind::School, PrincipalKind::Municipality),
            agency("soc", AgencyKind::SocialServices, PrincipalKind::Municipality),
            agency("forsta", AgencyKind::FirstLine, PrincipalKind::Region),
            agency("bup", AgencyKind::ChildPsychiatry, PrincipalKind::Region),
        ],
    })
}

fn consent(recipients: &[&str]) -> Consent {
    Consent {
        id: "c1".into(),
        givers: [Giver::Guardian("g1".into()), Giver::Child]
            .into_iter()
            .map(|giver| ConsentGiver { giver, form: ConsentForm::Written })
            .collect(),
        recipients: recipients.iter().map(|r| Recipient::Agency((*r).into())).collect(),
        categories: vec![InformationCategory::Attendance, InformationCategory::Learning],
        purpose: Purpose::TsiCollaboration,
        valid_from: day(0),
        valid_until: day(300),
        recorded_at: day(3),
        recorded_by: "s".into(),
        ext: None,
    }
}

fn ctx(n: i64, agency: &str) -> EventContext {
    EventContext { now: day(n), actor: "staff".into(), actor_agency: agency.into() }
}

fn step(case: Option<&Case>, n: i64, event: CaseEvent) -> Result<Applied, TransitionError> {
    apply(case, &event, &ctx(n, "school"), &Policy::default())
}

fn run(events: Vec<(i64, CaseEvent)>) -> Case {
    let log: Vec<LogEntry> = events.into_iter().map(|(n, event)| LogEntry { ctx: ctx(n, "school"), event }).collect();
    replay(&log, &Policy::default()).unwrap().case
}

fn first_meeting(participants: &[&str]) -> CaseEvent {
    CaseEvent::FirstMeeting {
        meeting_id: "m1".into(),
        participants: participants.iter().map(|p| (*p).to_owned()).collect(),
        guardians_invited: true,
        guardians_not_invited_reason: None,
        child_view: ChildView::Recorded("Vill ha hjälp med morgnarna".into()),
        categories: None,
        measures: None,
    }
}

fn intervention(id: &str, need: &str, agency: &str) -> CaseEvent {
    CaseEvent::StartIntervention {
        intervention: Intervention {
            id: id.into(),
            need: need.into(),
            responsible_agency: agency.into(),
            level: Level::Selective,
            start: crate::id::parse_date("2026-09-20", "d").unwrap(),
            goal: "Närvaro över 80 %".into(),
            next_follow_up: crate::id::parse_date("2026-10-20", "d").unwrap(),
            ended_at: None,
        },
    }
}

fn add_need(id: &str, accountable: &str) -> CaseEvent {
    CaseEvent::AddNeed {
        need_id: id.into(),
        area: ConcernArea::SchoolAttendance,
        level: Level::Selective,
        accountable: accountable.into(),
    }
}

/// Raised, consent asked and given, first meeting held: Active with one need.
fn active() -> Case {
    run(vec![
        (0, raise()),
        (1, CaseEvent::RequestConsent {}),
        (3, CaseEvent::RecordConsent { consent: consent(&["soc", "forsta"]) }),
        (10, first_meeting(&["school", "soc", "forsta"])),
        (10, add_need("n1", "school")),
    ])
}

/// Active with need n1 and a running intervention i1 (school): for follow-up tests.
pub(crate) fn active_with_intervention() -> Case {
    let case = active();
    step(Some(&case), 11, intervention("i1", "n1", "school")).unwrap().case
}

#[test]
fn r_cp_1_any_agency_raises_and_a_log_starts_with_raise() {
    let a = step(None, 0, raise()).unwrap();
    assert_eq!((a.case.state, a.case.raised_by.as_str()), (CaseState::Raised, "school"));
    assert_eq!(step(None, 0, CaseEvent::RequestConsent {}).unwrap_err().code, Code::CaseMustStartWithRaise);
    assert_eq!(step(Some(&a.case), 1, raise()).unwrap_err().code, Code::CaseMustStartWithRaise);
}

#[test]
fn r_cp_2_no_identified_meeting_without_consent_covering_every_agency() {
    let planning = run(vec![
        (0, raise()),
        (1, CaseEvent::RequestConsent {}),
        (3, CaseEvent::RecordConsent { consent: consent(&["soc"]) }),
    ]);
    let e = step(Some(&planning), 10, first_meeting(&["school", "soc", "forsta", "bup"])).unwrap_err();
    assert_eq!(e.code, Code::CaseConsentNotCovering);
    assert_eq!(e.details["agencies"], "forsta, bup");
    assert_eq!(e.from, Some(CaseState::Planning));
    assert!(step(Some(&planning), 10, first_meeting(&["school", "soc"])).is_ok());
}

#[test]
fn r_cp_3_the_first_meeting_records_the_childs_view_and_interventions_are_complete() {
    let planning = run(vec![
        (0, raise()),
        (1, CaseEvent::RequestConsent {}),
        (3, CaseEvent::RecordConsent { consent: consent(&["soc"]) }),
    ]);
    let no_view = CaseEvent::FirstMeeting {
        meeting_id: "m1".into(),
        participants: vec!["soc".into()],
        guardians_invited: true,
        guardians_not_invited_reason: None,
        child_view: ChildView::NotRecorded(" ".into()),
        categories: None,
        measures: None,
    };
    assert_eq!(step(Some(&planning), 10, no_view).unwrap_err().code, Code::CaseChildViewMissing);
    let case = active();
    let CaseEvent::StartIntervention { mut intervention } = intervention("i1", "n1", "soc") else { unreachable!() };
    intervention.goal = String::new();
    let e = step(Some(&case), 11, CaseEvent::StartIntervention { intervention }).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::CaseInterventionIncomplete, "/intervention/goal"));
}

#[test]
fn r_cp_4_follow_ups_loop_back_to_active() {
    let case = active();
    let fu = step(
        Some(&case),
        40,
        CaseEvent::FollowUpMeeting { meeting_id: "m2".into(), participants: vec!["soc".into()], categories: None },
    )
    .unwrap()
    .case;
    assert_eq!(fu.state, CaseState::FollowUp);
    let back = step(Some(&fu), 40, CaseEvent::RecordFollowUp { decision: FollowUpDecision::Adjust, measures: None })
        .unwrap()
        .case;
    assert_eq!(back.state, CaseState::Active);
    let closing = step(Some(&fu), 40, CaseEvent::RecordFollowUp { decision: FollowUpDecision::Close, measures: None })
        .unwrap()
        .case;
    assert_eq!(closing.state, CaseState::FollowUp);
}

#[test]
fn r_cp_5_withdrawal_pauses_and_a_new_consent_resumes() {
    let case = active();
    let w = Withdrawal { consent: "c1".into(), by: Giver::Child, at: day(20), scope: WithdrawalScope::Whole };
    let paused = step(Some(&case), 20, CaseEvent::WithdrawConsent { withdrawal: w }).unwrap().case;
    assert_eq!((paused.state, paused.paused_from), (CaseState::Paused, Some(CaseState::Active)));
    assert_eq!(step(Some(&paused), 21, add_need("n2", "soc")).unwrap_err().code, Code::CaseEventNotAllowed);
    let new = Consent { id: "c2".into(), recorded_at: day(25), ..consent(&["soc"]) };
    let resumed = step(Some(&paused), 25, CaseEvent::RecordConsent { consent: new }).unwrap().case;
    assert_eq!((resumed.state, resumed.paused_from), (CaseState::Active, None));
}

#[test]
fn r_cp_6_close_is_refused_while_a_need_is_open_and_warns_without_follow_up() {
    let case = active();
    let e = step(Some(&case), 12, CaseEvent::Close { reason: CloseReason::GoalsMet }).unwrap_err();
    assert_eq!((e.code, e.details["needs"].as_str()), (Code::CaseCloseOpenNeeds, "n1"));
    let worked = run(vec![(0, raise())]);
    assert!(step(Some(&worked), 1, CaseEvent::Close { reason: CloseReason::Other }).unwrap().warnings.is_empty());
    let mut c = step(Some(&case), 11, intervention("i1", "n1", "soc")).unwrap().case;
    c = step(Some(&c), 30, CaseEvent::EndIntervention { intervention_id: "i1".into() }).unwrap().case;
    let closed = step(Some(&c), 31, CaseEvent::Close { reason: CloseReason::GoalsMet }).unwrap();
    assert_eq!(closed.case.state, CaseState::Closed);
    assert_eq!(closed.warnings.iter().map(|w| w.code).collect::<Vec<_>>(), vec![Code::CaseClosingFollowupMissing]);
}

#[test]
fn r_cp_7_report_of_concern_in_every_state_without_change() {
    for case in [
        run(vec![(0, raise())]),
        active(),
        run(vec![(0, raise()), (1, CaseEvent::Close { reason: CloseReason::Other })]),
    ] {
        let after = step(Some(&case), 50, CaseEvent::ReportOfConcern {}).unwrap().case;
        assert_eq!(after.state, case.state);
        assert_eq!(after.reports_of_concern, vec![day(50)]);
    }
}

#[test]
fn r_cp_8_refused_events_change_nothing_and_time_never_goes_back() {
    let case = active();
    let before = case.clone();
    let e = step(Some(&case), 5, CaseEvent::RequestConsent {}).unwrap_err();
    assert_eq!(
        (e.code, e.from, e.event.as_str()),
        (Code::CaseEventNotAllowed, Some(CaseState::Active), "RequestConsent")
    );
    assert_eq!(case, before);
    assert_eq!(step(Some(&case), 9, add_need("n2", "soc")).unwrap_err().code, Code::CaseTimeBackwards);
    assert!(allowed_events(Some(&case)).contains(&EventKind::FollowUpMeeting));
    assert!(!allowed_events(Some(&case)).contains(&EventKind::RequestConsent));
    assert_eq!(allowed_events(None), vec![EventKind::Raise]);
}

#[test]
fn r_cp_8_the_diagram_in_the_docs_is_generated_from_the_table() {
    let doc = include_str!("../../../../docs/case-process.md");
    let generated = mermaid();
    assert!(doc.contains(&generated), "docs/case-process.md is stale: run `tsi case diagram`");
    assert!(generated.contains("Planning --> Paused: WithdrawConsent (when no consent carries the case)"));
}

#[test]
fn r_rs_1_and_r_rs_2_handover_is_two_phase_and_never_unassigned() {
    let case = active();
    let offer = |to: &str| CaseEvent::OfferHandover { need_id: "n1".into(), to: to.into() };
    let offered = step(Some(&case), 11, offer("bup")).unwrap().case;
    assert_eq!(offered.needs[0].accountable, "school", "the offering agency stays accountable");
    assert_eq!(step(Some(&offered), 12, offer("soc")).unwrap_err().code, Code::CaseHandoverInvalid);
    let wrong =
        apply(Some(&offered), &CaseEvent::AcceptHandover { need_id: "n1".into() }, &ctx(12, "soc"), &Policy::default());
    assert_eq!(wrong.unwrap_err().details["why"], "only the offered agency answers");
    let declined = apply(
        Some(&offered),
        &CaseEvent::DeclineHandover { need_id: "n1".into(), reason: "Inte vår målgrupp".into() },
        &ctx(13, "bup"),
        &Policy::default(),
    )
    .unwrap()
    .case;
    assert_eq!((declined.needs[0].accountable.as_str(), declined.needs[0].declined_handovers), ("school", 1));
    let accepted =
        apply(Some(&offered), &CaseEvent::AcceptHandover { need_id: "n1".into() }, &ctx(13, "bup"), &Policy::default())
            .unwrap()
            .case;
    assert_eq!(accepted.needs[0].accountable, "bup");
    assert!(accepted.needs[0].pending_handover.is_none());
}

#[test]
fn r_rs_3_escalation_goes_up_and_de_escalation_down() {
    let case = active();
    let up =
        step(Some(&case), 11, CaseEvent::Escalate { need_id: "n1".into(), to: Level::Indicated, reason: "x".into() })
            .unwrap()
            .case;
    assert_eq!(up.needs[0].level, Level::Indicated);
    let e = step(Some(&up), 12, CaseEvent::Escalate { need_id: "n1".into(), to: Level::Selective, reason: "x".into() })
        .unwrap_err();
    assert_eq!((e.code, e.details["direction"].as_str()), (Code::CaseLevelDirection, "up"));
    assert!(step(
        Some(&up),
        12,
        CaseEvent::Deescalate { need_id: "n1".into(), to: Level::Universal, reason: "x".into() }
    )
    .is_ok());
}

#[test]
fn r_cp_9_due_and_overdue_actions() {
    let p = Policy::default();
    let raised = run(vec![(0, raise())]);
    let due = due_actions(&raised, &day(8), &p, Lang::En);
    assert_eq!((due[0].code, due[0].due, due[0].overdue), (Code::DueConsentRequest, day(7), true));
    let planning = run(vec![
        (0, raise()),
        (1, CaseEvent::RequestConsent {}),
        (3, CaseEvent::RecordConsent { consent: consent(&["soc"]) }),
    ]);
    assert_eq!(due_actions(&planning, &day(5), &p, Lang::En)[0].due, day(17));
    let case = active();
    let d = due_actions(&case, &day(52), &p, Lang::En);
    assert_eq!((d[0].code, d[0].due, d[0].overdue), (Code::DueFollowUp, day(52), false));
    let offered =
        step(Some(&case), 11, CaseEvent::OfferHandover { need_id: "n1".into(), to: "bup".into() }).unwrap().case;
    let d = due_actions(&offered, &day(26), &p, Lang::En);
    assert!(d.iter().any(|a| a.code == Code::DueHandoverAnswer && a.due == day(25) && a.overdue));
}

#[test]
fn r_sp_0_interventions_from_social_services_and_region_health_care_make_a_sip_due() {
    let mut case = active();
    case = step(Some(&case), 11, add_need("n2", "soc")).unwrap().case;
    case = step(Some(&case), 11, intervention("i1", "n1", "soc")).unwrap().case;
    assert!(case.sip_indicated_at.is_none());
    case = step(Some(&case), 12, intervention("i2", "n2", "forsta")).unwrap().case;
    assert_eq!(case.sip_indicated_at, Some(day(12)));
    let d = due_actions(&case, &day(13), &Policy::default(), Lang::En);
    assert!(d.iter().any(|a| a.code == Code::DueSipMeeting && a.due == day(22)));
    case = step(Some(&case), 14, CaseEvent::EstablishSip { sip_id: "sip-1".into() }).unwrap().case;
    assert!(!due_actions(&case, &day(15), &Policy::default(), Lang::En).iter().any(|a| a.code == Code::DueSipMeeting));
}

#[test]
fn r_mt_1_fixed_slots_and_the_agenda() {
    let schedule = MeetingSchedule { first_slot: t("2026-09-02T13:00:00+02:00"), interval_days: 14 };
    let slots = next_slots(&schedule, &t("2026-09-16T13:00:00+02:00"), 3, Zone::STOCKHOLM).unwrap();
    assert_eq!(
        slots,
        vec![t("2026-09-30T13:00:00+02:00"), t("2026-10-14T13:00:00+02:00"), t("2026-10-28T13:00:00+01:00")]
    );
    // Daylight saving time ends on 2026-10-25: the slot stays at 13:00 local time.
    assert_eq!(slots[2].to_string(), "2026-10-28T13:00:00+01:00");
    assert_eq!(
        next_slots(&schedule, &t("2026-01-01T00:00:00Z"), 1, Zone::STOCKHOLM).unwrap(),
        vec![t("2026-09-02T13:00:00+02:00")]
    );
    assert_eq!(next_slots(&schedule, &day(0), 1001, Zone::STOCKHOLM).unwrap_err().code(), Code::LimitExceeded);
    let mut raised = run(vec![(0, raise())]);
    raised.case_id = "k0".into();
    let a = agenda(&[active(), raised], &day(16), &Policy::default());
    assert_eq!(a.new_raises, vec!["k0"]);
    assert_eq!(
        a.overdue.iter().map(|o| (o.case_id.as_str(), o.code)).collect::<Vec<_>>(),
        vec![("k0", Code::DueConsentRequest)]
    );
    let later = agenda(&[active()], &day(45), &Policy::default());
    assert_eq!(later.due_follow_ups, vec!["k1"]);
}

// ---- invariants over random event sequences

fn arb_event() -> impl Strategy<Value = (i64, String, CaseEvent)> {
    let agencies = prop::sample::select(vec!["school", "soc", "forsta", "bup"]);
    let needs = prop::sample::select(vec!["n1", "n2"]);
    let level = prop::sample::select(vec![Level::Universal, Level::Selective, Level::Indicated]);
    (0i64..4, agencies.clone(), agencies, needs, level, 0usize..16).prop_map(|(dt, actor, other, need, level, kind)| {
        let event = match kind {
            0 => CaseEvent::RequestConsent {},
            1 => CaseEvent::RecordConsent {
                consent: Consent { id: format!("c{dt}{other}"), ..consent(&["soc", "forsta", other]) },
            },
            2 => first_meeting(&["school", other]),
            3 => add_need(need, other),
            4 => intervention(&format!("i{need}{other}"), need, other),
            5 => CaseEvent::EndIntervention { intervention_id: format!("i{need}{other}") },
            6 => CaseEvent::OfferHandover { need_id: need.into(), to: other.into() },
            7 => CaseEvent::AcceptHandover { need_id: need.into() },
            8 => CaseEvent::DeclineHandover { need_id: need.into(), reason: "r".into() },
            9 => CaseEvent::Escalate { need_id: need.into(), to: level, reason: "r".into() },
            10 => CaseEvent::FollowUpMeeting {
                meeting_id: "m".into(),
                participants: vec![other.into()],
                categories: None,
            },
            11 => CaseEvent::RecordFollowUp { decision: FollowUpDecision::Continue, measures: None },
            12 => CaseEvent::WithdrawConsent {
                withdrawal: Withdrawal {
                    consent: "c0soc".into(),
                    by: Giver::Child,
                    at: day(0),
                    scope: WithdrawalScope::Whole,
                },
            },
            13 => CaseEvent::ReportOfConcern {},
            14 => CaseEvent::Close { reason: CloseReason::GoalsMet },
            _ => CaseEvent::StartDeIdentifiedConsultation {},
        };
        (dt, actor.to_owned(), event)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn r_cp_8_and_r_rs_1_invariants_hold_for_any_event_sequence(
        events in prop::collection::vec(arb_event(), 0..40),
        from_active in any::<bool>(),
    ) {
        let policy = Policy::default();
        // From the raise, or from an active case (where needs and interventions come and go).
        let prefix = if from_active {
            vec![
                (0, raise()),
                (1, CaseEvent::RequestConsent {}),
                (3, CaseEvent::RecordConsent { consent: consent(&["soc", "forsta"]) }),
                (10, first_meeting(&["school", "soc", "forsta"])),
                (10, add_need("n1", "school")),
            ]
        } else {
            vec![(0, raise())]
        };
        let mut log: Vec<LogEntry> =
            prefix.into_iter().map(|(n, event)| LogEntry { ctx: ctx(n, "school"), event }).collect();
        let mut case = replay(&log, &policy).unwrap().case;
        // Every event tried, and the first refused one (its index and code in that log).
        let mut tried = log.clone();
        let mut first_refused = None;
        let mut now = if from_active { 10 } else { 0 };
        for (dt, actor, event) in events {
            now += dt;
            let c = EventContext { now: day(now), actor: "s".into(), actor_agency: actor };
            tried.push(LogEntry { ctx: c.clone(), event: event.clone() });
            match apply(Some(&case), &event, &c, &policy) {
                Ok(applied) => {
                    // No identified meeting without covering consent (R-CP-2), checked through the
                    // public sharing decision: every participant but the raiser may be told.
                    if let CaseEvent::FirstMeeting { participants, .. } | CaseEvent::FollowUpMeeting { participants, .. } = &event {
                        for p in participants.iter().filter(|p| **p != case.raised_by) {
                            let request = crate::consent::decide::ShareRequest {
                                from: case.raised_by.clone(), to: p.clone(), category: InformationCategory::Attendance,
                                purpose: Purpose::TsiCollaboration, at: c.now, actor: "s".into(),
                            };
                            let d = crate::consent::decide::may_share(&applied.case.sharing, &request, &policy, Lang::En).unwrap();
                            prop_assert!(d.allowed, "meeting held with {} uncovered", p);
                        }
                    }
                    case = applied.case;
                    log.push(LogEntry { ctx: c, event });
                }
                Err(e) => {
                    // A refused event names the state it was refused in; the case is kept.
                    prop_assert_eq!(e.from, Some(case.state));
                    first_refused = first_refused.or(Some((tried.len() - 1, e.code)));
                }
            }
            // R-RS-1: every need has exactly one accountable agency of the case.
            for need in &case.needs {
                prop_assert!(case.sharing.agency(&need.accountable).is_some());
            }
        }
        // Replaying the accepted log gives the same case, twice.
        let replayed = replay(&log, &policy).unwrap().case;
        prop_assert_eq!(&replayed, &case);
        prop_assert_eq!(replay(&log, &policy).unwrap().case, replayed);
        // Replay (with its id index) refuses the log of every event tried exactly where
        // applying them one at a time (scanning) first refused, for the same reason.
        match (replay(&tried, &policy), first_refused) {
            (Ok(all), None) => prop_assert_eq!(&all.case, &case),
            (Err(e), Some((i, code))) => {
                prop_assert_eq!(e.code, code);
                prop_assert!(e.path.starts_with(&format!("/{i}/")) || e.path == format!("/{i}"), "{} at {}", e.path, i);
            }
            (got, want) => prop_assert!(false, "replay {:?} but one at a time {:?}", got.map(|a| a.case.state), want),
        }
    }
}

/// R-CP-2's gaps asked one sharing question at a time through the public `may_share`: the
/// reference for the meeting check, which checks the sharing case once for all its questions.
fn gaps_one_question_at_a_time(
    case: &Case,
    meeting_id: &str,
    participants: &[String],
    categories: &[InformationCategory],
    at: &Instant,
    policy: &Policy,
) -> (Vec<String>, Vec<InformationCategory>) {
    use crate::consent::decide::{may_share, Basis, ShareRequest};
    let (mut agencies, mut uncovered) = (Vec::<String>::new(), Vec::new());
    for p in participants.iter().filter(|p| **p != case.raised_by) {
        for &category in categories {
            let covered =
                [Purpose::TsiCollaboration, Purpose::SpecificMeeting(meeting_id.into())].into_iter().any(|purpose| {
                    let request = ShareRequest {
                        from: case.raised_by.clone(),
                        to: p.clone(),
                        category,
                        purpose,
                        at: *at,
                        actor: "s".into(),
                    };
                    may_share(&case.sharing, &request, policy, Lang::En)
                        .is_ok_and(|d| matches!(d.basis, Some(Basis::Consent { .. } | Basis::SameAgency)))
                });
            if !covered {
                if !agencies.contains(p) {
                    agencies.push(p.clone());
                }
                if !uncovered.contains(&category) {
                    uncovered.push(category);
                }
            }
        }
    }
    (agencies, uncovered)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Before every meeting of a random case, the meeting's gaps are those of one sharing
    /// question at a time, whatever consents, withdrawals and states came before.
    #[test]
    fn r_cp_2_meeting_gaps_are_one_sharing_question_at_a_time(events in prop::collection::vec(arb_event(), 0..40)) {
        let policy = Policy::default();
        let prefix = [(0, raise()), (1, CaseEvent::RequestConsent {}), (3, CaseEvent::RecordConsent { consent: consent(&["soc"]) })];
        let log: Vec<LogEntry> = prefix.into_iter().map(|(n, event)| LogEntry { ctx: ctx(n, "school"), event }).collect();
        let mut case = replay(&log, &policy).unwrap().case;
        let mut now = 3;
        for (dt, actor, mut event) in events {
            now += dt;
            // Some consents are for the meeting alone (R-CP-2 takes either purpose).
            if let CaseEvent::RecordConsent { consent } = &mut event {
                match dt {
                    1 => consent.purpose = Purpose::SpecificMeeting("m1".into()),
                    3 => consent.purpose = Purpose::SpecificMeeting("m".into()),
                    _ => {}
                }
            }
            let c = EventContext { now: day(now), actor: "s".into(), actor_agency: actor };
            if let CaseEvent::FirstMeeting { meeting_id, participants, categories, .. }
            | CaseEvent::FollowUpMeeting { meeting_id, participants, categories } = &event
            {
                let categories = super::coverage::meeting_categories(&case, categories.as_deref());
                // Also under a policy the case is over (two consents where one is the limit):
                // every question is refused, so the meeting is covered for nobody.
                let mut tight = policy.clone();
                tight.limits.max_consents = 1;
                for policy in [&policy, &tight] {
                    let gaps = super::coverage::meeting_gaps(&case, meeting_id, participants, &categories, &c.now, policy);
                    let want = gaps_one_question_at_a_time(&case, meeting_id, participants, &categories, &c.now, policy);
                    prop_assert_eq!((gaps.agencies, gaps.categories), want);
                }
            }
            if let Ok(applied) = apply(Some(&case), &event, &c, &policy) {
                case = applied.case;
            }
        }
    }
}

// ---- issue: exact decisions (R-CP-2, R-CN-3, R-CN-2, SPEC §9 local dates)

/// Raised by student health about a child of 15 (born 2011-06-01), with two guardians.
fn raise_by_student_health(concern: Vec<ConcernArea>) -> CaseEvent {
    let CaseEvent::Raise(mut r) = raise() else { unreachable!() };
    r.raised_by = "eh".into();
    r.concern_areas = concern;
    r.child = Child { birth_date: crate::id::parse_date("2011-06-01", "b").unwrap() };
    r.guardians.push(Guardian { id: "g2".into(), kind: GuardianKind::Parent, reachable: true });
    r.agencies.push(agency("eh", AgencyKind::StudentHealth, PrincipalKind::Municipality));
    CaseEvent::Raise(r)
}

fn child_alone(categories: Vec<InformationCategory>) -> Consent {
    Consent {
        givers: vec![ConsentGiver { giver: Giver::Child, form: ConsentForm::Written }],
        categories,
        ..consent(&["soc", "school"])
    }
}

fn meeting_in(case: &Case, n: i64, participants: &[&str], categories: Option<Vec<InformationCategory>>) -> Step2 {
    let CaseEvent::FirstMeeting { meeting_id, participants: p, guardians_invited, child_view, .. } =
        first_meeting(participants)
    else {
        unreachable!()
    };
    let event = CaseEvent::FirstMeeting {
        meeting_id,
        participants: p,
        guardians_invited,
        guardians_not_invited_reason: None,
        child_view,
        categories,
        measures: None,
    };
    apply(Some(case), &event, &ctx(n, "eh"), &Policy::default())
}

type Step2 = Result<Applied, TransitionError>;

fn log_of(events: Vec<(i64, &str, CaseEvent)>) -> Vec<LogEntry> {
    events.into_iter().map(|(n, a, event)| LogEntry { ctx: ctx(n, a), event }).collect()
}

#[test]
fn r_cp_2_a_child_alone_consent_does_not_open_a_meeting_about_the_family() {
    use InformationCategory::{FamilySituation, Health};
    // Health alone carries the case (the child of 15 releases health from health care) ...
    let case = replay(
        &log_of(vec![
            (0, "eh", raise_by_student_health(vec![ConcernArea::ChildDevelopment, ConcernArea::ParentingCapacity])),
            (1, "eh", CaseEvent::RequestConsent {}),
            (3, "eh", CaseEvent::RecordConsent { consent: child_alone(vec![Health]) }),
        ]),
        &Policy::default(),
    )
    .unwrap()
    .case;
    assert_eq!(case.state, CaseState::Planning);
    // ... but a meeting that discusses the family needs the guardians, in any category order.
    for named in [None, Some(vec![Health, FamilySituation]), Some(vec![FamilySituation, Health])] {
        let e = meeting_in(&case, 10, &["eh", "soc", "school"], named.clone()).unwrap_err();
        assert_eq!(e.code, Code::CaseConsentNotCovering, "{named:?}");
        assert_eq!(e.details["agencies"], "soc, school");
        assert!(e.details["categories"].contains("FamilySituation"), "{named:?}");
    }
    assert!(meeting_in(&case, 10, &["eh", "soc", "school"], Some(vec![Health])).is_ok());
    let empty = meeting_in(&case, 10, &["eh", "soc"], Some(vec![])).unwrap_err();
    assert_eq!((empty.code, empty.path.as_str()), (Code::CaseRequiredFieldEmpty, "/categories"));
}

#[test]
fn r_cp_2_a_consent_that_does_not_satisfy_r_cn_3_does_not_start_planning() {
    use InformationCategory::{FamilySituation, Health};
    let base = log_of(vec![
        (0, "eh", raise_by_student_health(vec![ConcernArea::ChildDevelopment])),
        (1, "eh", CaseEvent::RequestConsent {}),
    ]);
    let awaiting = replay(&base, &Policy::default()).unwrap().case;
    // The child alone with FamilySituation: the guardians are missing.
    let e = step2(&awaiting, 3, CaseEvent::RecordConsent { consent: child_alone(vec![Health, FamilySituation]) });
    assert_eq!((e.code, e.path.as_str()), (Code::CaseConsentInsufficient, "/consent"));
    assert_eq!(e.details["reasons"], "CONSENT_GIVER_MISSING");
    assert_eq!(e.details["categories"], "FamilySituation");
    assert_eq!(e.details["givers"], "/sharing/guardians/0, /sharing/guardians/1");
    // An expired consent.
    let mut both = consent(&["soc"]);
    both.givers.push(ConsentGiver { giver: Giver::Guardian("g2".into()), form: ConsentForm::Written });
    let expired = Consent { valid_until: day(2), ..both.clone() };
    let e = step2(&awaiting, 3, CaseEvent::RecordConsent { consent: expired });
    assert_eq!((e.code, e.details["reasons"].as_str()), (Code::CaseConsentInsufficient, "CONSENT_EXPIRED"));
    // Oral consent nobody documented is not a usable record.
    let mut oral = both;
    oral.givers[0].form = ConsentForm::OralDocumented { documented_by: " ".into() };
    let e = step2(&awaiting, 3, CaseEvent::RecordConsent { consent: oral });
    assert_eq!(e.details["reasons"], "CONSENT_ORAL_UNDOCUMENTED");
}

fn step2(case: &Case, n: i64, event: CaseEvent) -> TransitionError {
    apply(Some(case), &event, &ctx(n, "school"), &Policy::default()).unwrap_err()
}

#[test]
fn r_cp_2_a_meeting_before_any_consent_names_the_agencies_in_every_state() {
    let raised = run(vec![(0, raise())]);
    for state in [CaseState::Raised, CaseState::DeIdentifiedConsultation, CaseState::AwaitingConsent] {
        let case = Case { state, ..raised.clone() };
        let e = step(Some(&case), 2, first_meeting(&["school", "soc"])).unwrap_err();
        assert_eq!((e.code, e.details["agencies"].as_str()), (Code::CaseConsentNotCovering, "soc"), "{state:?}");
    }
}

#[test]
fn r_cp_5_a_resume_needs_a_consent_that_satisfies_r_cn_3() {
    let case = active();
    let w = Withdrawal { consent: "c1".into(), by: Giver::Child, at: day(20), scope: WithdrawalScope::Whole };
    let paused = step(Some(&case), 20, CaseEvent::WithdrawConsent { withdrawal: w }).unwrap().case;
    let only_guardian = Consent {
        id: "c2".into(),
        givers: vec![ConsentGiver { giver: Giver::Guardian("g1".into()), form: ConsentForm::Written }],
        ..consent(&["soc"])
    };
    let e = step(Some(&paused), 25, CaseEvent::RecordConsent { consent: only_guardian }).unwrap_err();
    assert_eq!((e.code, e.details["givers"].as_str()), (Code::CaseConsentInsufficient, "/sharing/child"));
}

#[test]
fn r_cn_2_a_withdrawal_takes_effect_at_its_own_instant_within_the_log() {
    let case = active();
    let at = |n: i64| CaseEvent::WithdrawConsent {
        withdrawal: Withdrawal { consent: "c1".into(), by: Giver::Child, at: day(n), scope: WithdrawalScope::Whole },
    };
    // Later than the event that records it, or earlier than the previous event: refused.
    for n in [21, 9] {
        let e = step(Some(&case), 20, at(n)).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (Code::CaseWithdrawalTime, "/withdrawal/at"), "{n}");
    }
    assert_eq!(step(Some(&case), 20, at(15)).unwrap().case.state, CaseState::Paused);
}

#[test]
fn r_cn_2_a_partial_withdrawal_pauses_only_when_no_consent_carries_the_case() {
    let mut case = active();
    // A second consent that carries the case on its own.
    let second = Consent { id: "c2".into(), recorded_at: day(11), ..consent(&["soc", "forsta"]) };
    case = step(Some(&case), 11, CaseEvent::RecordConsent { consent: second }).unwrap().case;
    let partial = |c: &str, n: i64| CaseEvent::WithdrawConsent {
        withdrawal: Withdrawal {
            consent: c.into(),
            by: Giver::Guardian("g1".into()),
            at: day(n),
            scope: WithdrawalScope::Category(InformationCategory::Attendance),
        },
    };
    let still = step(Some(&case), 12, partial("c1", 12)).unwrap().case;
    assert_eq!(still.state, CaseState::Active, "c2 still carries the case");
    let paused = step(Some(&still), 13, partial("c2", 13)).unwrap().case;
    assert_eq!(paused.state, CaseState::Paused, "no consent carries the case");
    // A guardian's withdrawal when the person is 18 stops nothing the case needs.
    let mut adult = active();
    adult.sharing.child.birth_date = crate::id::parse_date("2000-01-01", "b").unwrap();
    adult.sharing.consents[0].givers.retain(|g| g.giver == Giver::Child);
    let w = partial("c1", 12);
    assert_eq!(step(Some(&adult), 12, w).unwrap().case.state, CaseState::Active);
}

#[test]
fn r_cp_3_required_texts_and_the_guardians_invitation() {
    let case = active();
    let e =
        step(Some(&case), 11, CaseEvent::Escalate { need_id: "n1".into(), to: Level::Indicated, reason: " ".into() })
            .unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (Code::CaseRequiredFieldEmpty, "/reason"));
    let mut c =
        step(Some(&case), 11, CaseEvent::OfferHandover { need_id: "n1".into(), to: "soc".into() }).unwrap().case;
    let decline = CaseEvent::DeclineHandover { need_id: "n1".into(), reason: String::new() };
    let e = apply(Some(&c), &decline, &ctx(12, "soc"), &Policy::default()).unwrap_err();
    assert_eq!(e.code, Code::CaseRequiredFieldEmpty);
    c.state = CaseState::Active;
    let CaseEvent::Raise(mut r) = raise() else { unreachable!() };
    r.concern_areas.clear();
    assert_eq!(step(None, 0, CaseEvent::Raise(r)).unwrap_err().code, Code::CaseRequiredFieldEmpty);
    let planning = run(vec![
        (0, raise()),
        (1, CaseEvent::RequestConsent {}),
        (3, CaseEvent::RecordConsent { consent: consent(&["soc"]) }),
    ]);
    let CaseEvent::FirstMeeting { meeting_id, participants, child_view, categories, .. } = first_meeting(&["soc"])
    else {
        unreachable!()
    };
    let uninvited = |reason: Option<&str>| CaseEvent::FirstMeeting {
        meeting_id: meeting_id.clone(),
        participants: participants.clone(),
        guardians_invited: false,
        guardians_not_invited_reason: reason.map(str::to_owned),
        child_view: child_view.clone(),
        categories: categories.clone(),
        measures: None,
    };
    let warned = step(Some(&planning), 10, uninvited(None)).unwrap().warnings;
    assert_eq!(warned.iter().map(|w| w.code).collect::<Vec<_>>(), vec![Code::CaseGuardiansNotInvited]);
    assert!(step(Some(&planning), 10, uninvited(Some("Skyddade personuppgifter"))).unwrap().warnings.is_empty());
}

#[test]
fn spec_9_the_same_instant_gives_the_same_deadline_whatever_its_offset() {
    let policy = Policy::default();
    let written = ["2026-10-20T23:30:00Z", "2026-10-21T01:30:00+02:00"];
    let dues: Vec<Vec<(Code, String)>> = written
        .iter()
        .map(|w| {
            let case = Case { raised_at: t(w), ..run(vec![(0, raise())]) };
            due_actions(&case, &t("2026-10-22T00:00:00Z"), &policy, Lang::En)
                .into_iter()
                .map(|d| (d.code, d.due.to_string()))
                .collect()
        })
        .collect();
    assert_eq!(dues[0].len(), 1);
    // 7 days after 01:30 on the 21st in Stockholm, across the end of summer time.
    assert_eq!(dues[0][0].1, "2026-10-28T01:30:00+01:00");
    let same: Vec<Vec<i64>> =
        dues.iter().map(|d| d.iter().map(|(_, s)| t(s).as_datetime().timestamp()).collect()).collect();
    assert_eq!(same[0], same[1]);
}

#[test]
fn r_cp_8_an_event_kind_is_written_as_the_events_type() {
    let log: Vec<LogEntry> = serde_json::from_str(include_str!("../../../../examples/case/log.json")).unwrap();
    for entry in &log {
        let written = serde_json::to_value(&entry.event).unwrap();
        assert_eq!(written["type"], serde_json::to_value(entry.event.kind()).unwrap());
        assert_eq!(written["type"], entry.event.name());
    }
    for kind in EventKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
        assert_eq!(serde_json::from_value::<EventKind>(serde_json::json!(kind.as_str())).unwrap(), kind);
    }
    let table: std::collections::BTreeSet<EventKind> =
        super::transition::transition_table().iter().map(|(_, e, _)| *e).collect();
    let missing: Vec<_> = EventKind::ALL
        .iter()
        .filter(|k| !table.contains(k) && **k != EventKind::Raise && **k != EventKind::ReportOfConcern)
        .collect();
    assert!(missing.is_empty(), "kinds the table never allows: {missing:?}");
}
