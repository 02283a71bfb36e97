//! Tests of SPEC §7, one group per rule, on the example plans in examples/sip.

use proptest::prelude::*;

use super::*;
use crate::Report;

const VALID: &str = include_str!("../../../../examples/sip/valid.json");
const INVALID: &str = include_str!("../../../../examples/sip/invalid.json");

fn plan() -> Sip {
    crate::documents::parse_sip(VALID, &Policy::default()).unwrap()
}

fn findings(sip: &Sip) -> Vec<(String, &'static str)> {
    let report = Report::new(validate_sip(sip, &Policy::default()), Lang::En);
    report.findings.into_iter().map(|f| (f.path, f.code.as_str())).collect()
}

fn has(sip: &Sip, path: &str, code: &str) -> bool {
    findings(sip).contains(&(path.to_owned(), code))
}

#[test]
fn r_sp_6_the_example_plan_is_valid_with_no_findings() {
    let r = crate::documents::validate_sip(VALID, &Policy::default(), Lang::Sv).unwrap();
    assert!(r.valid && r.findings.is_empty(), "{r:?}");
}

#[test]
fn r_sp_0_a_sip_needs_consent_and_is_indicated_by_social_services_and_health_care() {
    let mut sip = plan();
    sip.consent = None;
    assert!(has(&sip, "/consent", "SIP_CONSENT_MISSING"));
    let agencies: Vec<Agency> = sip.participants.iter().map(|p| p.agency.clone()).collect();
    assert!(sip_indicated(&agencies, ["soc-barn-unga", "bup-uddevalla"]).is_some());
    assert!(sip_indicated(&agencies, ["soc-barn-unga", "skola-ekbacken"]).is_none());
    assert!(sip_indicated(&agencies, ["bup-uddevalla"]).is_none());
}

#[test]
fn r_sp_1_each_of_the_four_points_missing_alone() {
    let mut sip = plan();
    sip.interventions.clear();
    assert!(has(&sip, "/interventions", "SIP_INTERVENTIONS_MISSING"));
    let mut sip = plan();
    sip.interventions[1].responsible_agency = None;
    assert!(has(&sip, "/interventions/1/responsible_agency", "SIP_RESPONSIBLE_MISSING"));
    let mut sip = plan();
    sip.measures_by_others = None;
    assert_eq!(findings(&sip), vec![("/measures_by_others".to_owned(), "SIP_OTHER_MEASURES_MISSING")]);
    sip.measures_by_others = Some(MeasuresByOthers::None);
    assert!(findings(&sip).is_empty(), "an explicit none is allowed");
    let mut sip = plan();
    sip.lead_principals.clear();
    assert_eq!(findings(&sip), vec![("/lead_principals".to_owned(), "SIP_LEAD_MISSING")]);
}

#[test]
fn r_sp_1_the_lead_is_one_participating_municipality_or_region() {
    let mut sip = plan();
    sip.lead_principals.push("vgregion".into());
    assert_eq!(findings(&sip), vec![("/lead_principals/1".to_owned(), "SIP_LEAD_NOT_UNIQUE")]);
    let mut sip = plan();
    sip.lead_principals = vec!["nowhere".into()];
    assert!(has(&sip, "/lead_principals/0", "SIP_LEAD_NOT_PARTICIPATING"));
    let mut sip = plan();
    sip.participants[2].agency.principal =
        crate::agency::Principal { id: "friskolan-ab".into(), kind: PrincipalKind::Private };
    sip.lead_principals = vec!["friskolan-ab".into()];
    assert!(has(&sip, "/lead_principals/0", "SIP_LEAD_WRONG_KIND"));
}

#[test]
fn r_sp_2_responsible_agencies_participate_ids_exist_no_duplicates() {
    let mut sip = plan();
    sip.interventions[1].responsible_agency = Some("forsta-linjen".into());
    sip.interventions[2].need = "n9".into();
    sip.interventions.push(sip.interventions[0].clone());
    sip.needs.push(sip.needs[0].clone());
    let got = findings(&sip);
    for expected in [
        ("/interventions/1/responsible_agency", "SIP_RESPONSIBLE_NOT_PARTICIPATING"),
        ("/interventions/2/need", "DANGLING_REFERENCE"),
        ("/interventions/3", "SIP_DUPLICATE_INTERVENTION"),
        ("/interventions/3/id", "DUPLICATE_ID"),
        ("/needs/3/id", "DUPLICATE_ID"),
    ] {
        assert!(got.contains(&(expected.0.to_owned(), expected.1)), "{expected:?} in {got:?}");
    }
}

#[test]
fn r_lv_1_levels_outside_the_agencys_range_warn() {
    let mut sip = plan();
    sip.interventions[2].level = Level::Indicated;
    assert_eq!(findings(&sip), vec![("/interventions/2/level".to_owned(), "SIP_LEVEL_OUTSIDE_RANGE")]);
}

#[test]
fn r_sp_3_the_childs_words_view_guardians_and_dissent() {
    let mut sip = plan();
    sip.child = ChildParticipation::default();
    sip.needs.iter_mut().for_each(|n| n.child_words = None);
    sip.guardians.participated = false;
    assert_eq!(
        findings(&sip),
        vec![
            ("/child/own_goals".to_owned(), "SIP_CHILD_GOALS_MISSING"),
            ("/child/view".to_owned(), "SIP_CHILD_VIEW_MISSING"),
            ("/guardians".to_owned(), "SIP_GUARDIANS_ABSENT")
        ]
    );
    sip.child.view_not_recorded_reason = Some("Barnet ville inte delta i mötet".into());
    sip.guardians.absence_reason = Some("Sjuk".into());
    sip.needs[0].child_words = Some("Jag är trött".into());
    assert!(findings(&sip).is_empty());
    let mut sip = plan();
    sip.dissent[0].text = " ".into();
    sip.dissent[0].about = "/interventions/9".into();
    assert_eq!(
        findings(&sip),
        vec![
            ("/dissent/0/about".to_owned(), "DANGLING_REFERENCE"),
            ("/dissent/0/text".to_owned(), "SIP_DISSENT_EMPTY")
        ]
    );
}

#[test]
fn r_sp_4_dates_and_follow_up() {
    let d = |s: &str| crate::id::parse_date(s, "d").unwrap();
    let mut sip = plan();
    sip.interventions[0].end = Some(d("2026-11-30"));
    assert_eq!(findings(&sip), vec![("/interventions/0/end".to_owned(), "SIP_DATES_REVERSED")]);
    let mut sip = plan();
    sip.follow_up = None;
    assert_eq!(findings(&sip), vec![("/follow_up".to_owned(), "SIP_FOLLOWUP_MISSING")]);
    sip.follow_up = Some(sip.plan_date);
    assert_eq!(findings(&sip), vec![("/follow_up".to_owned(), "SIP_FOLLOWUP_NOT_AFTER_PLAN")]);
    sip.follow_up = Some(d("2027-05-22"));
    assert!(findings(&sip).is_empty(), "183 days is the limit");
    sip.follow_up = Some(d("2027-05-23"));
    assert_eq!(findings(&sip), vec![("/follow_up".to_owned(), "SIP_FOLLOWUP_TOO_LATE")]);
    assert!(
        crate::documents::validate_sip(&serde_json::to_string(&sip).unwrap(), &Policy::default(), Lang::En)
            .unwrap()
            .valid
    );
}

#[test]
fn r_sp_5_a_sip_meeting_later_than_ten_days_warns() {
    let d = |s: &str| crate::id::parse_date(s, "d").unwrap();
    let mut sip = plan();
    sip.need_identified = Some(d("2026-11-10"));
    assert!(findings(&sip).is_empty(), "10 days is in time");
    sip.need_identified = Some(d("2026-11-09"));
    assert_eq!(findings(&sip), vec![("/plan_date".to_owned(), "SIP_STARTED_LATE")]);
    sip.need_identified = Some(d("2026-11-21"));
    assert_eq!(findings(&sip), vec![("/need_identified".to_owned(), "SIP_DATES_REVERSED")]);
}

#[test]
fn r_sp_6_every_finding_is_collected_and_sorted() {
    let r = crate::documents::validate_sip(INVALID, &Policy::default(), Lang::En).unwrap();
    assert!(!r.valid);
    let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
    for code in [
        "SIP_CONSENT_MISSING",
        "SIP_OTHER_MEASURES_MISSING",
        "SIP_LEAD_NOT_UNIQUE",
        "SIP_RESPONSIBLE_NOT_PARTICIPATING",
        "SIP_DATES_REVERSED",
        "SIP_FOLLOWUP_TOO_LATE",
        "SIP_CHILD_VIEW_MISSING",
        "SIP_STARTED_LATE",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let keys: Vec<(&str, &str)> = r.findings.iter().map(|f| (f.path.as_str(), f.code.as_str())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn r_sp_6_only_unreadable_plans_are_errors() {
    let p = Policy::default();
    assert_eq!(crate::documents::validate_sip("", &p, Lang::Sv).unwrap_err().code(), Code::InputEmpty);
    let e = crate::documents::validate_sip(&VALID.replace("\"plan_date\"", "\"plandate\""), &p, Lang::Sv).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/plandate"));
    let e = crate::documents::validate_sip(&VALID.replace("2026-11-20", "2026-11-31"), &p, Lang::Sv).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/plan_date"));
    let limits =
        Policy { limits: crate::policy::Limits { max_interventions: 2, ..Default::default() }, ..Default::default() };
    assert_eq!(crate::documents::validate_sip(VALID, &limits, Lang::Sv).unwrap_err().code(), Code::LimitExceeded);
}

#[test]
fn r_sp_7_summary_for_the_family_in_both_languages() {
    let sv = sip_summary(&plan(), Lang::Sv);
    assert!(
        sv.contains("Huvudansvar för att planen hålls samman: Socialtjänsten, barn och unga, Ekbackens skola"),
        "{sv}"
    );
    assert!(
        sv.contains("- BUP Uddevalla: Samtalsbehandling, varannan vecka (från 2026-12-01 till 2027-05-31)"),
        "{sv}"
    );
    assert!(sv.contains("- Fotbollsklubben: Tränaren hämtar"));
    assert!(sv.contains("Vi följer upp planen tillsammans: 2027-02-15"));
    assert!(sv.contains("- BUP Uddevalla: 010-441 00 00"));
    assert!(sv.contains("håller ni inte med om") && sv.contains("en gång i månaden räcker"), "dissent is shown: {sv}");
    let en = sip_summary(&plan(), Lang::En);
    assert!(
        en.contains("Who does what:") && en.contains("Who to call:") && en.contains("Goal: Närvaro över 80 %"),
        "{en}"
    );
}

prop_compose! {
    fn arb_sip()(
        drop_interventions in any::<bool>(), drop_measures in any::<bool>(), leads in 0usize..3,
        follow in -10i64..400, identified in -5i64..30, level in 0usize..3, responsible in 0usize..4,
    ) -> Sip {
        let mut sip = plan();
        if drop_interventions { sip.interventions.truncate(1); }
        if drop_measures { sip.measures_by_others = None; }
        sip.lead_principals = ["uddevalla-kommun", "vgregion", "x"].iter().take(leads).map(|s| s.to_string()).collect();
        sip.follow_up = Some(sip.plan_date + chrono::Duration::days(follow));
        sip.need_identified = Some(sip.plan_date - chrono::Duration::days(identified));
        sip.interventions[0].level = [Level::Universal, Level::Selective, Level::Indicated][level];
        sip.interventions[0].responsible_agency = [Some("bup-uddevalla"), Some("soc-barn-unga"), Some("nope"), None][responsible].map(String::from);
        sip
    }
}

proptest! {
    #[test]
    fn r_sp_6_validation_is_deterministic_and_valid_means_no_errors(sip in arb_sip()) {
        let a = Report::new(validate_sip(&sip, &Policy::default()), Lang::Sv);
        let b = Report::new(validate_sip(&sip.clone(), &Policy::default()), Lang::Sv);
        prop_assert_eq!(&a, &b);
        prop_assert_eq!(a.valid, a.findings.iter().all(|f| f.severity != crate::Severity::Error));
        let json = serde_json::to_string(&sip).unwrap();
        prop_assert_eq!(crate::documents::validate_sip(&json, &Policy::default(), Lang::Sv).unwrap(), a);
    }

    /// R-SP-4: a plan never becomes valid by leaving its follow-up date out, unless the date
    /// left out was itself the error (not after the plan date). A follow-up beyond
    /// `sip_max_followup_days` is a warning for this reason: the law sets no interval.
    #[test]
    fn r_sp_4_leaving_the_follow_up_out_never_makes_a_plan_valid(sip in arb_sip()) {
        let with = Report::new(validate_sip(&sip, &Policy::default()), Lang::En);
        let without = Report::new(validate_sip(&Sip { follow_up: None, ..sip }, &Policy::default()), Lang::En);
        if !with.valid && without.valid {
            let errors: Vec<_> = with.findings.iter().filter(|f| f.severity == crate::Severity::Error).collect();
            prop_assert!(errors.iter().all(|f| f.code == Code::SipFollowupNotAfterPlan), "{:?}", errors);
        }
        let elsewhere = |r: &Report| r.findings.iter().filter(|f| f.path != "/follow_up").cloned().collect::<Vec<_>>();
        prop_assert_eq!(elsewhere(&with), elsewhere(&without));
    }

    #[test]
    fn r_sp_6_any_text_never_panics(s in "\\PC{0,200}") {
        let _ = crate::documents::validate_sip(&s, &Policy::default(), Lang::En);
        let _ = crate::documents::sip_summary(&s, &Policy::default(), Lang::En);
    }
}
