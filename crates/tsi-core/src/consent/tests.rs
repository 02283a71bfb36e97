//! Tests of the sharing decision, one group per SPEC §5 rule, and its invariants.

use chrono::Datelike;
use proptest::prelude::*;

use super::decide::{may_share, Basis, Decision, ShareRequest};
use super::*;
use crate::agency::{Agency, AgencyKind, Principal, PrincipalKind};
use crate::finding::Code;
use crate::policy::Policy;
use crate::Lang;

fn t(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

fn agency(id: &str, kind: AgencyKind, principal: PrincipalKind) -> Agency {
    Agency { id: id.into(), kind, principal: Principal { id: format!("{principal:?}"), kind: principal } }
}

const AT: &str = "2026-11-23T10:00:00+01:00";

fn base_case(birth: &str) -> SharingCase {
    SharingCase {
        schema_version: 1,
        case_id: "case-1".into(),
        child: Child { birth_date: crate::id::parse_date(birth, "b").unwrap() },
        guardians: vec![
            Guardian { id: "g1".into(), kind: GuardianKind::Parent, reachable: true },
            Guardian { id: "g2".into(), kind: GuardianKind::Parent, reachable: true },
        ],
        agencies: vec![
            agency("school", AgencyKind::School, PrincipalKind::Municipality),
            agency("elevhalsa", AgencyKind::StudentHealth, PrincipalKind::Municipality),
            agency("soc", AgencyKind::SocialServices, PrincipalKind::Municipality),
            agency("forsta", AgencyKind::FirstLine, PrincipalKind::Region),
            agency("bup", AgencyKind::ChildPsychiatry, PrincipalKind::Region),
        ],
        consents: vec![],
        withdrawals: vec![],
        refusals: vec![],
        legal_grounds: vec![],
        gdpr_basis: None,
        ext: None,
    }
}

fn giver(g: Giver) -> ConsentGiver {
    ConsentGiver { giver: g, form: ConsentForm::Written }
}

fn consent(id: &str, givers: &[Giver]) -> Consent {
    Consent {
        id: id.into(),
        givers: givers.iter().cloned().map(giver).collect(),
        recipients: vec![Recipient::Agency("bup".into()), Recipient::Kind(AgencyKind::SocialServices)],
        categories: vec![
            InformationCategory::Attendance,
            InformationCategory::Health,
            InformationCategory::MentalHealth,
        ],
        purpose: Purpose::TsiCollaboration,
        valid_from: t("2026-01-01T00:00:00+01:00"),
        valid_until: t("2027-01-01T00:00:00+01:00"),
        recorded_at: t("2026-01-01T00:00:00+01:00"),
        recorded_by: "staff-1".into(),
        ext: None,
    }
}

fn all_givers() -> Vec<Giver> {
    vec![Giver::Guardian("g1".into()), Giver::Guardian("g2".into()), Giver::Child]
}

fn request(from: &str, to: &str, category: InformationCategory) -> ShareRequest {
    ShareRequest {
        from: from.into(),
        to: to.into(),
        category,
        purpose: Purpose::TsiCollaboration,
        at: t(AT),
        actor: "staff-9".into(),
    }
}

fn decide(case: &SharingCase, req: &ShareRequest) -> Decision {
    may_share(case, req, &Policy::default(), Lang::En).unwrap()
}

fn reasons(d: &Decision) -> Vec<(&str, &str)> {
    d.reasons.iter().map(|r| (r.path.as_str(), r.code.as_str())).collect()
}

fn mental_health_to_bup() -> ShareRequest {
    request("school", "bup", InformationCategory::MentalHealth)
}

#[test]
fn r_cn_4_same_agency_needs_no_consent() {
    let d = decide(&base_case("2014-01-01"), &request("school", "school", InformationCategory::Learning));
    assert_eq!((d.allowed, d.basis), (true, Some(Basis::SameAgency)));
}

#[test]
fn r_cn_4_default_deny_names_every_missing_giver() {
    let d = decide(&base_case("2012-01-01"), &mental_health_to_bup());
    assert!(!d.allowed && d.basis.is_none());
    assert_eq!(
        reasons(&d),
        vec![
            ("/case/child", "CONSENT_GIVER_MISSING"),
            ("/case/consents", "CONSENT_NONE"),
            ("/case/guardians/0", "CONSENT_GIVER_MISSING"),
            ("/case/guardians/1", "CONSENT_GIVER_MISSING")
        ]
    );
}

#[test]
fn r_ag_1_school_and_student_health_are_different_agencies() {
    let d = decide(&base_case("2014-01-01"), &request("school", "elevhalsa", InformationCategory::Health));
    assert!(!d.allowed);
}

#[test]
fn r_cn_4_a_complete_consent_allows_and_is_the_basis() {
    let mut case = base_case("2012-01-01");
    case.consents.push(consent("c1", &all_givers()));
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!((d.allowed, d.basis), (true, Some(Basis::Consent { id: "c1".into() })));
    assert!(d.reasons.is_empty());
}

/// A later record reusing an earlier record's id is never a basis (R-CN-1), whether few or
/// many consents cover the request (the allowed path looks back, or keeps a set, by count).
#[test]
fn r_cn_1_a_reused_id_is_never_the_basis_among_few_or_many_covering_consents() {
    for covering in [1usize, 3, 8, 9, 40] {
        let mut case = base_case("2012-01-01");
        let mut earlier = consent("a", &all_givers());
        earlier.purpose = Purpose::Sip;
        case.consents.push(earlier);
        case.consents.extend((0..covering).map(|k| consent(&format!("c{k:02}"), &all_givers())));
        case.consents.push(consent("a", &all_givers()));
        let d = decide(&case, &mental_health_to_bup());
        assert_eq!(d.basis, Some(Basis::Consent { id: "c00".into() }), "{covering} covering");
        // Alone, the reused id denies and says why.
        case.consents.drain(1..=covering);
        let d = decide(&case, &mental_health_to_bup());
        assert!(!d.allowed && reasons(&d).contains(&("/case/consents/1/id", "DUPLICATE_ID")), "{covering}");
    }
}

#[test]
fn r_cn_3_under_twelve_the_guardians_consent_and_from_twelve_the_child_too() {
    let mut case = base_case("2014-11-24");
    case.consents.push(consent("c1", &all_givers()[..2]));
    assert!(decide(&case, &mental_health_to_bup()).allowed, "11 years old: guardians suffice");
    case.child.birth_date = crate::id::parse_date("2014-11-23", "b").unwrap();
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!(reasons(&d), vec![("/case/child", "CONSENT_GIVER_MISSING")], "12 on the day of the birthday");
}

#[test]
fn r_cn_3_joint_custody_needs_both_guardians() {
    let mut case = base_case("2016-01-01");
    case.consents.push(consent("c1", &[Giver::Guardian("g1".into())]));
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!(reasons(&d), vec![("/case/guardians/1", "CONSENT_GIVER_MISSING")]);
    assert_eq!(d.reasons[0].params["consent"], "c1");
}

#[test]
fn r_cn_3_one_guardians_refusal_blocks() {
    let mut case = base_case("2016-01-01");
    case.consents.push(consent("c1", &[Giver::Guardian("g1".into())]));
    case.refusals.push(Refusal { by: Giver::Guardian("g2".into()), at: t("2026-02-01T00:00:00Z") });
    assert_eq!(reasons(&decide(&case, &mental_health_to_bup())), vec![("/case/refusals/0", "CONSENT_GIVER_REFUSED")]);
}

#[test]
fn r_cn_3_an_unreachable_guardian_does_not_consent() {
    let mut case = base_case("2016-01-01");
    case.guardians[1].reachable = false;
    case.consents.push(consent("c1", &[Giver::Guardian("g1".into())]));
    assert_eq!(
        reasons(&decide(&case, &mental_health_to_bup())),
        vec![("/case/guardians/1", "CONSENT_GUARDIAN_UNREACHABLE")]
    );
}

#[test]
fn r_cn_3_the_childs_refusal_blocks_from_twelve() {
    let mut case = base_case("2012-01-01");
    case.consents.push(consent("c1", &all_givers()[..2]));
    case.refusals.push(Refusal { by: Giver::Child, at: t("2026-02-01T00:00:00Z") });
    assert_eq!(reasons(&decide(&case, &mental_health_to_bup())), vec![("/case/refusals/0", "CONSENT_GIVER_REFUSED")]);
}

#[test]
fn r_cn_3_from_fifteen_the_child_alone_releases_health_from_health_care() {
    let mut case = base_case("2010-06-01");
    case.consents.push(consent("c1", &[Giver::Child]));
    let d = decide(&case, &request("forsta", "bup", InformationCategory::Health));
    assert_eq!(d.basis, Some(Basis::Consent { id: "c1".into() }));
    // Not from a school, and not for a category outside child_alone_categories.
    assert!(!decide(&case, &request("school", "bup", InformationCategory::Health)).allowed);
    assert!(!decide(&case, &request("forsta", "bup", InformationCategory::Attendance)).allowed);
    // A guardian's withdrawal does not undo what the child may release alone.
    case.consents[0].givers.push(giver(Giver::Guardian("g1".into())));
    case.withdrawals.push(Withdrawal {
        consent: "c1".into(),
        by: Giver::Guardian("g1".into()),
        at: t("2026-03-01T00:00:00Z"),
        scope: WithdrawalScope::Whole,
    });
    assert!(decide(&case, &request("forsta", "bup", InformationCategory::Health)).allowed);
}

#[test]
fn r_cn_3_at_eighteen_the_person_alone() {
    let mut case = base_case("2008-11-23");
    case.consents.push(consent("c1", &[Giver::Child]));
    assert!(decide(&case, &mental_health_to_bup()).allowed);
    case.child.birth_date = crate::id::parse_date("2008-11-24", "b").unwrap();
    assert!(!decide(&case, &mental_health_to_bup()).allowed, "17 the day before the birthday");
}

#[test]
fn r_cn_3_no_guardian_recorded_for_a_minor_denies() {
    let mut case = base_case("2013-01-01");
    case.guardians.clear();
    case.consents.push(consent("c1", &[Giver::Child]));
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!(reasons(&d), vec![("/case/guardians", "CONSENT_NO_GUARDIAN")]);
}

#[test]
fn r_cn_2_withdrawal_whole_and_partial_takes_effect_at_its_instant() {
    let mut case = base_case("2012-01-01");
    case.consents.push(consent("c1", &all_givers()));
    let w = |scope, at: &str| Withdrawal { consent: "c1".into(), by: Giver::Guardian("g2".into()), at: t(at), scope };
    case.withdrawals.push(w(WithdrawalScope::Category(InformationCategory::MentalHealth), AT));
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!(reasons(&d), vec![("/case/withdrawals/0", "CONSENT_WITHDRAWN")]);
    assert!(
        decide(&case, &request("school", "bup", InformationCategory::Health)).allowed,
        "partial: other categories stay"
    );
    case.withdrawals[0] = w(WithdrawalScope::Recipient(Recipient::Kind(AgencyKind::ChildPsychiatry)), AT);
    assert!(!decide(&case, &mental_health_to_bup()).allowed, "a kind-based withdrawal covers the agency");
    assert!(decide(&case, &request("school", "soc", InformationCategory::MentalHealth)).allowed);
    case.withdrawals[0] = w(WithdrawalScope::Whole, "2026-11-23T09:00:01Z");
    assert!(decide(&case, &mental_health_to_bup()).allowed, "one second before the withdrawal");
}

#[test]
fn r_cn_2_a_new_consent_supersedes_a_withdrawal() {
    let mut case = base_case("2012-01-01");
    case.consents.push(consent("c1", &all_givers()));
    case.withdrawals.push(Withdrawal {
        consent: "c1".into(),
        by: Giver::Child,
        at: t("2026-05-01T00:00:00Z"),
        scope: WithdrawalScope::Whole,
    });
    assert!(!decide(&case, &mental_health_to_bup()).allowed);
    case.consents.push(Consent { recorded_at: t("2026-06-01T00:00:00Z"), ..consent("c2", &all_givers()) });
    assert_eq!(decide(&case, &mental_health_to_bup()).basis, Some(Basis::Consent { id: "c2".into() }));
}

#[test]
fn r_cn_6_expiry_at_the_exact_instant_and_the_warning_before() {
    let mut case = base_case("2012-01-01");
    case.consents.push(Consent { valid_until: t(AT), ..consent("c1", &all_givers()) });
    assert_eq!(
        reasons(&decide(&case, &mental_health_to_bup())),
        vec![("/case/consents/0/valid_until", "CONSENT_EXPIRED")]
    );
    case.consents[0].valid_until = t("2026-11-23T09:00:01Z");
    let d = decide(&case, &mental_health_to_bup());
    assert!(d.allowed);
    assert_eq!(reasons(&d), vec![("/case/consents/0/valid_until", "CONSENT_EXPIRING")]);
    assert_eq!(d.reasons[0].severity, crate::Severity::Warning);
}

#[test]
fn r_cn_4_purpose_recipient_category_and_validity_are_all_reported() {
    let mut case = base_case("2012-01-01");
    case.consents.push(Consent {
        purpose: Purpose::Sip,
        recipients: vec![Recipient::Agency("soc".into())],
        categories: vec![InformationCategory::Attendance],
        valid_from: t("2026-12-01T00:00:00Z"),
        ..consent("c1", &all_givers())
    });
    assert_eq!(
        reasons(&decide(&case, &mental_health_to_bup())),
        vec![
            ("/case/consents/0/categories", "CONSENT_CATEGORY_NOT_COVERED"),
            ("/case/consents/0/purpose", "CONSENT_PURPOSE_MISMATCH"),
            ("/case/consents/0/recipients", "CONSENT_RECIPIENT_NOT_COVERED"),
            ("/case/consents/0/valid_from", "CONSENT_NOT_YET_VALID")
        ]
    );
}

#[test]
fn r_cn_1_a_consent_without_categories_is_not_a_consent() {
    let mut case = base_case("2012-01-01");
    case.consents.push(Consent { categories: vec![], ..consent("c1", &all_givers()) });
    assert_eq!(
        reasons(&decide(&case, &mental_health_to_bup())),
        vec![
            ("/case/consents/0/categories", "CONSENT_CATEGORY_NOT_COVERED"),
            ("/case/consents/0/categories", "CONSENT_SCOPE_EMPTY")
        ]
    );
}

#[test]
fn r_cn_4_a_defective_record_lists_every_other_missing_piece_too() {
    // No givers and expired: both are said, and every giver R-CN-3 needs is missing.
    let mut case = base_case("2012-01-01");
    case.consents.push(Consent { valid_until: t("2026-06-01T00:00:00+02:00"), ..consent("c1", &[]) });
    assert_eq!(
        reasons(&decide(&case, &mental_health_to_bup())),
        vec![
            ("/case/child", "CONSENT_GIVER_MISSING"),
            ("/case/consents/0/givers", "CONSENT_SCOPE_EMPTY"),
            ("/case/consents/0/valid_until", "CONSENT_EXPIRED"),
            ("/case/guardians/0", "CONSENT_GIVER_MISSING"),
            ("/case/guardians/1", "CONSENT_GIVER_MISSING"),
        ]
    );
    // A typo in a ground's sender does not hide that its categories and dates miss too.
    let mut case = base_case("2012-01-01");
    let scope = GroundScope {
        from: Some("scool".into()),
        valid_from: t("2027-01-01T00:00:00+01:00"),
        ..report_of_concern().scope
    };
    case.legal_grounds.push(LegalGround { scope, ..report_of_concern() });
    let d = decide(&case, &request("school", "soc", InformationCategory::Health));
    assert_eq!(
        reasons(&d),
        vec![
            ("/case/consents", "CONSENT_NONE"),
            ("/case/guardians/0", "CONSENT_GIVER_MISSING"),
            ("/case/guardians/1", "CONSENT_GIVER_MISSING"),
            ("/case/child", "CONSENT_GIVER_MISSING"),
            ("/case/legal_grounds/0/scope/categories", "LEGAL_GROUND_OUT_OF_SCOPE"),
            ("/case/legal_grounds/0/scope/from", "DANGLING_REFERENCE"),
            ("/case/legal_grounds/0/scope/from", "LEGAL_GROUND_OUT_OF_SCOPE"),
            ("/case/legal_grounds/0/scope/valid_from", "LEGAL_GROUND_OUT_OF_SCOPE"),
        ]
        .into_iter()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect::<Vec<_>>()
    );
}

#[test]
fn r_cn_4_a_defect_never_hides_the_childs_refusal() {
    let mut case = base_case("2012-01-01");
    case.consents.push(Consent { recipients: vec![], ..consent("c1", &all_givers()) });
    case.refusals.push(Refusal { by: Giver::Child, at: t("2026-10-01T00:00:00+02:00") });
    let d = decide(&case, &mental_health_to_bup());
    let got = reasons(&d);
    assert!(got.contains(&("/case/consents/0/recipients", "CONSENT_SCOPE_EMPTY")), "{got:?}");
    assert!(got.contains(&("/case/refusals/0", "CONSENT_GIVER_REFUSED")), "{got:?}");
}

#[test]
fn r_cn_4_an_entry_the_case_does_not_know_matches_nothing_and_the_rest_stands() {
    // Both guardians consent for social services and BUP; BUP has not joined the case yet.
    let mut case = base_case("2016-01-01");
    case.agencies.retain(|a| a.id != "bup");
    let guardians = [Giver::Guardian("g1".into()), Giver::Guardian("g2".into())];
    case.consents.push(consent("c1", &guardians));
    let to_soc = request("school", "soc", InformationCategory::Health);
    let d = decide(&case, &to_soc);
    assert_eq!((d.allowed, d.basis), (true, Some(Basis::Consent { id: "c1".into() })));
    // A giver typed wrong matches nobody: the guardian it meant is missing, and the typo is named.
    case.consents[0].givers[1].giver = Giver::Guardian("g3".into());
    assert_eq!(
        reasons(&decide(&case, &to_soc)),
        vec![
            ("/case/consents/0/givers/1/giver", "DANGLING_REFERENCE"),
            ("/case/consents/0/recipients/0", "DANGLING_REFERENCE"),
            ("/case/guardians/1", "CONSENT_GIVER_MISSING"),
        ]
    );
}

#[test]
fn r_cn_6_exactly_consent_warn_days_left_warns_unless_another_consent_lasts_longer() {
    let mut case = base_case("2012-01-01");
    // Exactly 30 days left warns; a second longer on top makes it quiet.
    case.consents.push(Consent { valid_until: t("2026-12-23T10:00:00+01:00"), ..consent("c1", &all_givers()) });
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!(reasons(&d), vec![("/case/consents/0/valid_until", "CONSENT_EXPIRING")]);
    case.consents[0].valid_until = t("2026-12-23T10:00:01+01:00");
    assert!(decide(&case, &mental_health_to_bup()).reasons.is_empty(), "30 days and a second is not within 30 days");
    case.consents[0].valid_until = t("2026-12-01T00:00:00+01:00");
    case.consents.push(Consent { id: "c2".into(), ..consent("c2", &all_givers()) });
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!((d.basis, d.reasons.len()), (Some(Basis::Consent { id: "c1".into() }), 0));
    // Only the longest-lasting covering consent decides: here it is about to lapse too.
    case.consents[1].valid_until = t("2026-12-10T00:00:00+01:00");
    assert_eq!(
        reasons(&decide(&case, &mental_health_to_bup())),
        vec![("/case/consents/1/valid_until", "CONSENT_EXPIRING")]
    );
}

#[test]
fn r_cn_4_records_that_validation_rejects_are_never_a_basis() {
    let mut case = base_case("2012-01-01");
    let mut oral = consent("c1", &all_givers());
    oral.givers[1].form = ConsentForm::OralDocumented { documented_by: "".into() };
    case.consents.push(oral);
    let d = decide(&case, &mental_health_to_bup());
    assert_eq!(reasons(&d), vec![("/case/consents/0/givers/1/form", "CONSENT_ORAL_UNDOCUMENTED")]);
    // A second record with the same id is not a basis either.
    case.consents[0] = consent("c1", &[Giver::Child]);
    case.consents.push(consent("c1", &all_givers()));
    assert!(reasons(&decide(&case, &mental_health_to_bup())).contains(&("/case/consents/1/id", "DUPLICATE_ID")));
    // A legal ground nobody assessed, or without a provision.
    let mut case = base_case("2012-01-01");
    case.legal_grounds.push(LegalGround { assessed_by: " ".into(), ..report_of_concern() });
    let d = decide(&case, &request("school", "soc", InformationCategory::SocialSituation));
    assert!(!d.allowed);
    assert!(reasons(&d).contains(&("/case/legal_grounds/0", "LEGAL_GROUND_INCOMPLETE")));
    case.legal_grounds[0] = LegalGround { provision: "".into(), ..report_of_concern() };
    assert!(!decide(&case, &request("school", "soc", InformationCategory::SocialSituation)).allowed);
}

#[test]
fn spec_9_age_is_taken_on_the_date_in_the_policys_time_zone() {
    // Born 2014-11-23: at 23:30 UTC on the 22nd it is already the 23rd in Stockholm, so the
    // child is 12 and must consent too, however the instant is written.
    let mut case = base_case("2014-11-23");
    case.consents.push(consent("c1", &[Giver::Guardian("g1".into()), Giver::Guardian("g2".into())]));
    for written in ["2026-11-22T23:30:00Z", "2026-11-23T00:30:00+01:00", "2026-11-22T15:30:00-08:00"] {
        let req = ShareRequest { at: t(written), ..mental_health_to_bup() };
        let d = decide(&case, &req);
        assert_eq!(reasons(&d), vec![("/case/child", "CONSENT_GIVER_MISSING")], "{written}");
    }
    let utc = Policy { time_zone: crate::time::Zone::from_name("UTC").unwrap(), ..Policy::default() };
    let req = ShareRequest { at: t("2026-11-22T23:30:00Z"), ..mental_health_to_bup() };
    assert!(may_share(&case, &req, &utc, Lang::En).unwrap().allowed, "still the 22nd in UTC: 11 years old");
}

fn report_of_concern() -> LegalGround {
    LegalGround {
        id: "lg1".into(),
        ground: LegalGroundKind::ReportOfConcern,
        assessed_by: "staff-2".into(),
        assessed_at: t("2026-11-20T08:00:00+01:00"),
        provision: "SoL 2025:400 (orosanmälan)".into(),
        scope: GroundScope {
            from: Some("school".into()),
            to: None,
            categories: vec![InformationCategory::SocialSituation, InformationCategory::Attendance],
            valid_from: t("2026-11-20T08:00:00+01:00"),
            valid_until: None,
        },
    }
}

#[test]
fn r_cn_5_report_of_concern_after_refusal_and_withdrawal() {
    let mut case = base_case("2012-01-01");
    case.consents.push(consent("c1", &all_givers()));
    case.withdrawals.push(Withdrawal {
        consent: "c1".into(),
        by: Giver::Guardian("g1".into()),
        at: t("2026-10-01T00:00:00Z"),
        scope: WithdrawalScope::Whole,
    });
    case.refusals.push(Refusal { by: Giver::Guardian("g2".into()), at: t("2026-10-02T00:00:00Z") });
    case.legal_grounds.push(report_of_concern());
    let d = decide(&case, &request("school", "soc", InformationCategory::SocialSituation));
    assert_eq!(d.basis, Some(Basis::LegalGround { id: "lg1".into(), ground: LegalGroundKind::ReportOfConcern }));
    let d = decide(&case, &request("school", "bup", InformationCategory::SocialSituation));
    assert!(reasons(&d).contains(&("/case/legal_grounds/0/ground", "LEGAL_GROUND_WRONG_RECIPIENT")));
    let d = decide(&case, &request("school", "soc", InformationCategory::Health));
    assert!(reasons(&d).contains(&("/case/legal_grounds/0/scope/categories", "LEGAL_GROUND_OUT_OF_SCOPE")));
    let mut early = request("school", "soc", InformationCategory::SocialSituation);
    early.at = t("2026-11-19T08:00:00+01:00");
    assert!(!decide(&case, &early).allowed, "a ground covers nothing before it was assessed");
}

#[test]
fn r_cn_5_legal_grounds_are_never_inferred() {
    // A concern in the case data is not a legal ground: only a recorded one is.
    let mut case = base_case("2012-01-01");
    case.ext = Some(serde_json::from_str(r#"{"concern":"ReportOfConcern"}"#).unwrap());
    assert!(!decide(&case, &request("school", "soc", InformationCategory::SocialSituation)).allowed);
}

#[test]
fn r_cn_7_a_gdpr_basis_is_not_consent() {
    for basis in [GdprBasis::PublicTask, GdprBasis::LegalObligation, GdprBasis::Consent] {
        let mut case = base_case("2012-01-01");
        case.gdpr_basis = Some(basis);
        assert!(!decide(&case, &mental_health_to_bup()).allowed);
    }
}

#[test]
fn unknown_agencies_and_impossible_ages_are_errors() {
    let case = base_case("2012-01-01");
    let e = may_share(&case, &request("nowhere", "bup", InformationCategory::Health), &Policy::default(), Lang::Sv)
        .unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::ConsentUnknownAgency, "/request/from"));
    let e = may_share(&base_case("2027-01-01"), &mental_health_to_bup(), &Policy::default(), Lang::Sv).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::IdBornAfterDate, "/case/child/birth_date"));
}

#[test]
fn r_pd_1_reasons_never_carry_personal_references() {
    let mut case = base_case("2012-01-01");
    case.guardians[0].id = "anna-andersson".into();
    case.consents.push(consent("c1", &[Giver::Child]));
    let d = decide(&case, &mental_health_to_bup());
    let shown = serde_json::to_string(&d).unwrap();
    assert!(!shown.contains("anna"), "{shown}");
    // A personal number as a reference is refused outright, pointing at it by path.
    case.guardians[1].id = "19121212-1212".into();
    let e = may_share(&case, &mental_health_to_bup(), &Policy::default(), Lang::En).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::ReferenceIsPersonalNumber, "/case/guardians/1/id"));
    assert!(!e.to_string().contains("1212"));
}

// ---- invariants

fn arb_category() -> impl Strategy<Value = InformationCategory> {
    prop::sample::select(InformationCategory::ALL.to_vec())
}

fn arb_giver() -> impl Strategy<Value = Giver> {
    prop::sample::select(all_givers())
}

fn arb_instant() -> impl Strategy<Value = Instant> {
    (0i64..400).prop_map(|d| Instant(t("2026-01-01T00:00:00+01:00").as_datetime() + chrono::Duration::days(d)))
}

fn arb_consent(n: usize) -> impl Strategy<Value = Consent> {
    (
        prop::collection::vec(arb_giver(), 0..4),
        prop::collection::vec(arb_category(), 0..4),
        prop::bool::ANY,
        arb_instant(),
        0i64..400,
        prop::bool::ANY,
    )
        .prop_map(move |(givers, categories, by_kind, from, days, sip)| {
            let mut c = consent(&format!("c{n}"), &givers);
            c.categories = categories;
            c.recipients = vec![if by_kind {
                Recipient::Kind(AgencyKind::ChildPsychiatry)
            } else {
                Recipient::Agency("bup".into())
            }];
            c.valid_from = from;
            c.recorded_at = from;
            c.valid_until = Instant(from.as_datetime() + chrono::Duration::days(days));
            if sip {
                c.purpose = Purpose::Sip;
            }
            c
        })
}

prop_compose! {
    fn arb_case()(
        birth_year in 2006i32..2020,
        consents in (0usize..4).prop_flat_map(|n| (0..n).map(arb_consent).collect::<Vec<_>>()),
        withdrawals in prop::collection::vec((0usize..4, arb_giver(), arb_instant(), prop::option::of(arb_category())), 0..3),
        refusals in prop::collection::vec((arb_giver(), arb_instant()), 0..2),
        ground in prop::option::of((arb_category(), prop::bool::ANY)),
    ) -> SharingCase {
        let mut case = base_case(&format!("{birth_year}-06-15"));
        case.consents = consents;
        case.withdrawals = withdrawals.into_iter().map(|(i, by, at, cat)| Withdrawal {
            consent: format!("c{i}"), by, at,
            scope: cat.map_or(WithdrawalScope::Whole, WithdrawalScope::Category),
        }).collect();
        case.refusals = refusals.into_iter().map(|(by, at)| Refusal { by, at }).collect();
        if let Some((category, to_soc)) = ground {
            let mut g = report_of_concern();
            g.scope.categories = vec![category];
            g.scope.to = to_soc.then(|| "soc".to_owned());
            case.legal_grounds.push(g);
        }
        case
    }
}

fn arb_request() -> impl Strategy<Value = ShareRequest> {
    (
        prop::sample::select(vec!["school", "forsta", "bup"]),
        prop::sample::select(vec!["bup", "soc"]),
        arb_category(),
        arb_instant(),
    )
        .prop_map(|(from, to, category, at)| ShareRequest { at, ..request(from, to, category) })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]
    #[test]
    fn r_cn_4_never_allows_without_a_basis(case in arb_case(), req in arb_request()) {
        // The basis is checked against the records themselves, not through the decision's helpers.
        let d = decide(&case, &req);
        match &d.basis {
            Some(Basis::Consent { id }) => {
                let c = case.consents.iter().find(|c| &c.id == id).expect("the basis exists");
                prop_assert!(c.categories.contains(&req.category) && c.purpose == req.purpose);
                prop_assert!(c.valid_from <= req.at && req.at < c.valid_until);
                let to = case.agency(&req.to).unwrap();
                let names = |r: &Recipient| match r {
                    Recipient::Agency(a) => a == &to.id,
                    Recipient::Kind(k) => k == &to.kind,
                };
                prop_assert!(c.recipients.iter().any(names), "the basis names the recipient");
                prop_assert!(d.reasons.iter().all(|r| r.code == Code::ConsentExpiring));
            }
            Some(Basis::LegalGround { id, .. }) => {
                let g = case.legal_grounds.iter().find(|g| &g.id == id).expect("the basis exists");
                prop_assert!(g.scope.categories.contains(&req.category) && g.scope.valid_from <= req.at);
                prop_assert!(d.reasons.is_empty());
            }
            Some(Basis::SameAgency) => prop_assert_eq!(&req.from, &req.to),
            None => prop_assert!(!d.reasons.is_empty(), "a denial explains itself"),
        }
        let mut bare = case.clone();
        bare.consents.clear();
        bare.legal_grounds.clear();
        prop_assert_eq!(decide(&bare, &req).allowed, req.from == req.to);
    }

    #[test]
    fn r_cn_4_the_decision_does_not_depend_on_the_order_of_recording(case in arb_case(), req in arb_request()) {
        let mut reversed = case.clone();
        reversed.consents.reverse();
        reversed.withdrawals.reverse();
        reversed.legal_grounds.reverse();
        let (a, b) = (decide(&case, &req), decide(&reversed, &req));
        prop_assert_eq!((a.allowed, a.basis), (b.allowed, b.basis));
    }

    #[test]
    fn r_cn_2_withdrawal_is_monotonic(case in arb_case(), req in arb_request(), by in arb_giver(), before in 0i64..30) {
        let d = decide(&case, &req);
        if let Some(Basis::Consent { id }) = d.basis {
            let mut withdrawn = case.clone();
            let at = Instant(req.at.as_datetime() - chrono::Duration::days(before));
            withdrawn.withdrawals.push(Withdrawal { consent: id.clone(), by: by.clone(), at, scope: WithdrawalScope::Whole });
            let after = decide(&withdrawn, &req);
            // Whose consent is needed, worked out plainly from R-CN-3 (born 15 June; no leap days).
            let (year, local) = (case.child.birth_date.year(), req.at.as_datetime().with_timezone(&chrono_tz::Europe::Stockholm));
            let age = local.year() - year - i32::from((local.month(), local.day()) < (6, 15));
            let health_care = matches!(req.from.as_str(), "forsta" | "bup" | "elevhalsa");
            let alone = age >= 18 || (age >= 15 && health_care && matches!(req.category, InformationCategory::Health | InformationCategory::MentalHealth));
            let needed = match by { Giver::Child => alone || age >= 12, Giver::Guardian(_) => !alone };
            if needed {
                prop_assert_ne!(after.basis, Some(Basis::Consent { id }), "a withdrawn consent allowed again");
            } else {
                prop_assert_eq!(after.basis, Some(Basis::Consent { id }), "a withdrawal by a giver not needed stopped sharing");
            }
        }
    }

    #[test]
    fn r_cn_4_a_decision_is_deterministic(case in arb_case(), req in arb_request()) {
        prop_assert_eq!(decide(&case, &req), decide(&case.clone(), &req.clone()));
    }
}

mod matrix {
    use super::*;
    use crate::consent::matrix::{sharing_matrix, MatrixRequest};

    fn question(from: &str) -> MatrixRequest {
        MatrixRequest { from: from.into(), purpose: Purpose::TsiCollaboration, at: t(AT), actor: "staff-9".into() }
    }

    fn consented() -> SharingCase {
        let mut case = base_case("2012-01-01");
        let mut short = consent("c2", &all_givers());
        short.valid_until = t("2026-12-01T00:00:00+01:00");
        short.categories = vec![InformationCategory::Attendance];
        case.consents = vec![consent("c1", &all_givers()), short];
        case
    }

    #[test]
    fn every_other_agency_by_every_category_in_order() {
        let m = sharing_matrix(&consented(), &question("school"), &Policy::default(), Lang::En).unwrap();
        let rows: Vec<&str> = m.cells.iter().step_by(8).map(|c| c.to.as_str()).collect();
        assert_eq!(rows, ["elevhalsa", "soc", "forsta", "bup"]);
        assert!(m.cells.chunks(8).all(|row| row.iter().map(|c| c.category).eq(InformationCategory::ALL)));
        let allowed: Vec<(&str, InformationCategory)> =
            m.cells.iter().filter(|c| c.decision.allowed).map(|c| (c.to.as_str(), c.category)).collect();
        let consented =
            [InformationCategory::Attendance, InformationCategory::Health, InformationCategory::MentalHealth];
        let expected: Vec<_> = ["soc", "bup"].iter().flat_map(|to| consented.map(|c| (*to, c))).collect();
        assert_eq!(allowed, expected);
    }

    #[test]
    fn r_cn_6_a_cell_lapses_with_the_consent_valid_longest() {
        let m = sharing_matrix(&consented(), &question("school"), &Policy::default(), Lang::En).unwrap();
        let cell = m.cells.iter().find(|c| c.to == "soc" && c.category == InformationCategory::Attendance).unwrap();
        // c2 ends in December, c1 in January: the sharing lapses with c1, on the basis c1.
        assert_eq!(cell.lapses, Some(t("2027-01-01T00:00:00+01:00")));
        assert_eq!(cell.decision.basis, Some(Basis::Consent { id: "c1".into() }));
        assert_eq!(m.expires_first.map(|l| (l.to, l.at)), Some(("soc".to_owned(), t("2027-01-01T00:00:00+01:00"))));
    }

    #[test]
    fn a_request_that_cannot_be_judged_is_refused_even_without_recipients() {
        let mut case = consented();
        case.agencies.truncate(1);
        let unknown = sharing_matrix(&case, &question("bup"), &Policy::default(), Lang::En).unwrap_err();
        assert_eq!((unknown.code(), unknown.path()), (Code::ConsentUnknownAgency, "/request/from"));
        let alone = sharing_matrix(&case, &question("school"), &Policy::default(), Lang::En).unwrap();
        assert!(alone.cells.is_empty() && alone.expires_first.is_none());
    }

    #[test]
    fn r_au_1_the_matrix_is_one_audited_question() {
        let m = sharing_matrix(&consented(), &question("school"), &Policy::default(), Lang::En).unwrap();
        let key = crate::audit::AuditKey::new("k1", &[7; 16]).unwrap();
        let q = question("school");
        let record = crate::audit::record_matrix(None, Some(&key), "case-1", &q, &m).unwrap();
        assert_eq!(record.outcome, crate::audit::AuditOutcome::Allowed);
        assert!(record.basis.is_none() && record.hash == record.content_hash());
        assert!(crate::audit::proves(&record, &q, &key));
        let codes = &record.reason_codes;
        assert!(codes.contains(&Code::ConsentRecipientNotCovered) && codes.contains(&Code::ConsentCategoryNotCovered));
        let mut once = codes.clone();
        once.dedup();
        assert_eq!(once.len(), codes.len());
    }
}
