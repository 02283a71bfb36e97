//! Checks a sharing case's records (R-CN-1, R-CN-2, R-CN-5, R-CN-6, R-ID-3) and reports
//! every finding; paths point into the case document.

use super::{Consent, ConsentForm, Giver, LegalGround, LegalGroundKind, Recipient, SharingCase};
use crate::agency::AgencyKind;
use crate::finding::{duplicate_ids, Code, Finding};
use crate::policy::Policy;
use crate::time::Instant;

/// Validates a sharing case at an instant (for `CONSENT_EXPIRING`).
pub fn validate_sharing_case(case: &SharingCase, at: &Instant, policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    if case.guardians.len() > 2 {
        out.push(Finding::new(Code::GuardiansTooMany, "/guardians/2"));
    }
    duplicate_ids(case.guardians.iter().map(|g| g.id.as_str()), |i| format!("/guardians/{i}/id"), &mut out);
    duplicate_ids(case.agencies.iter().map(|a| a.id.as_str()), |i| format!("/agencies/{i}/id"), &mut out);
    duplicate_ids(case.consents.iter().map(|c| c.id.as_str()), |i| format!("/consents/{i}/id"), &mut out);
    duplicate_ids(case.legal_grounds.iter().map(|g| g.id.as_str()), |i| format!("/legal_grounds/{i}/id"), &mut out);
    for (i, consent) in case.consents.iter().enumerate() {
        check_consent(case, i, consent, &mut out);
        out.extend(super::decide::expiring(consent, at, policy, || format!("/consents/{i}/valid_until")));
    }
    check_withdrawals(case, &mut out);
    for (k, refusal) in case.refusals.iter().enumerate() {
        if !giver_exists(case, &refusal.by) {
            out.push(Finding::new(Code::DanglingReference, format!("/refusals/{k}/by")));
        }
    }
    check_legal_grounds(case, &mut out);
    out
}

fn giver_exists(case: &SharingCase, giver: &Giver) -> bool {
    match giver {
        Giver::Child => true,
        Giver::Guardian(id) => case.guardians.iter().any(|g| &g.id == id),
    }
}

fn check_consent(case: &SharingCase, i: usize, consent: &Consent, out: &mut Vec<Finding>) {
    out.extend(consent_record_findings(case, consent, &format!("/consents/{i}")));
}

/// What makes a consent record unusable (R-CN-1): an empty scope, reversed dates, givers or
/// recipients that do not exist, a giver listed twice, oral consent nobody documented.
/// `base` is the record's path. The sharing decision never rests on a record with findings.
pub(crate) fn consent_record_findings(case: &SharingCase, consent: &Consent, base: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let at = |field: &str| format!("{base}{field}");
    for (field, empty) in [
        ("/givers", consent.givers.is_empty()),
        ("/recipients", consent.recipients.is_empty()),
        ("/categories", consent.categories.is_empty()),
    ] {
        if empty {
            out.push(Finding::new(Code::ConsentScopeEmpty, at(field)));
        }
    }
    if consent.valid_until <= consent.valid_from {
        out.push(Finding::new(Code::ConsentDatesReversed, at("/valid_until")));
    }
    for (j, giver) in consent.givers.iter().enumerate() {
        if !giver_exists(case, &giver.giver) {
            out.push(Finding::new(Code::DanglingReference, at(&format!("/givers/{j}/giver"))));
        }
        if consent.givers.iter().take(j).any(|g| g.giver == giver.giver) {
            out.push(Finding::new(Code::DuplicateId, at(&format!("/givers/{j}/giver"))));
        }
        if let ConsentForm::OralDocumented { documented_by } = &giver.form {
            if documented_by.trim().is_empty() {
                out.push(Finding::new(Code::ConsentOralUndocumented, at(&format!("/givers/{j}/form"))));
            }
        }
    }
    for (j, recipient) in consent.recipients.iter().enumerate() {
        if let Recipient::Agency(id) = recipient {
            if case.agency(id).is_none() {
                out.push(Finding::new(Code::DanglingReference, at(&format!("/recipients/{j}"))));
            }
        }
    }
    out
}

fn check_withdrawals(case: &SharingCase, out: &mut Vec<Finding>) {
    for (k, w) in case.withdrawals.iter().enumerate() {
        let Some(consent) = case.consents.iter().find(|c| c.id == w.consent) else {
            out.push(Finding::new(Code::DanglingReference, format!("/withdrawals/{k}/consent")));
            continue;
        };
        if !consent.givers.iter().any(|g| g.giver == w.by) {
            out.push(Finding::new(Code::WithdrawalByNonGiver, format!("/withdrawals/{k}/by")));
        }
        if w.at < consent.recorded_at {
            out.push(Finding::new(Code::WithdrawalBeforeConsent, format!("/withdrawals/{k}/at")));
        }
    }
}

fn check_legal_grounds(case: &SharingCase, out: &mut Vec<Finding>) {
    for (k, g) in case.legal_grounds.iter().enumerate() {
        out.extend(ground_record_findings(case, g, &format!("/legal_grounds/{k}")));
    }
}

/// What makes a legal ground record unusable (R-CN-5): no provision, citation, assessor or
/// category; agencies in its scope that do not exist; a report of concern to anyone but
/// social services. `base` is the record's path.
pub(crate) fn ground_record_findings(case: &SharingCase, g: &LegalGround, base: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let citation_missing = matches!(&g.ground, LegalGroundKind::Other(c) if c.trim().is_empty());
    let incomplete = g.provision.trim().is_empty() || g.assessed_by.trim().is_empty() || g.scope.categories.is_empty();
    if incomplete || citation_missing {
        out.push(Finding::new(Code::LegalGroundIncomplete, base));
    }
    for (field, id) in [("from", &g.scope.from), ("to", &g.scope.to)] {
        let Some(id) = id else { continue };
        match case.agency(id) {
            None => out.push(Finding::new(Code::DanglingReference, format!("{base}/scope/{field}"))),
            Some(a)
                if field == "to"
                    && g.ground == LegalGroundKind::ReportOfConcern
                    && a.kind != AgencyKind::SocialServices =>
            {
                out.push(Finding::new(Code::LegalGroundWrongRecipient, format!("{base}/scope/to")));
            }
            Some(_) => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;

    const CASE: &str = r#"{"schema_version":1,"case_id":"k1","child":{"birth_date":"2012-01-01"},
      "guardians":[{"id":"g1","kind":"Parent"},{"id":"g2","kind":"SpeciallyAppointed"},{"id":"g1","kind":"Parent"}],
      "agencies":[{"id":"school","kind":"School","principal":{"id":"m","kind":"Municipality"}},
                  {"id":"soc","kind":"SocialServices","principal":{"id":"m","kind":"Municipality"}}],
      "consents":[{"id":"c1","givers":[{"giver":{"Guardian":"g9"},"form":{"OralDocumented":{"documented_by":" "}}}],
        "recipients":[{"Agency":"nowhere"}],"categories":[],"purpose":"TsiCollaboration",
        "valid_from":"2026-06-01T00:00:00Z","valid_until":"2026-01-01T00:00:00Z",
        "recorded_at":"2026-06-01T00:00:00Z","recorded_by":"s"}],
      "withdrawals":[{"consent":"c1","by":"Child","at":"2026-01-01T00:00:00Z","scope":"Whole"},
                     {"consent":"c9","by":"Child","at":"2026-07-01T00:00:00Z","scope":"Whole"}],
      "legal_grounds":[{"id":"lg","ground":"ReportOfConcern","assessed_by":"s","assessed_at":"2026-01-01T00:00:00Z",
        "provision":"","scope":{"to":"school","categories":["Attendance"],"valid_from":"2026-01-01T00:00:00Z"}}]}"#;

    #[test]
    fn every_record_rule_is_reported_with_its_path() {
        let at = Instant::parse("2026-11-23T10:00:00+01:00").unwrap();
        let r = crate::documents::validate_sharing_case(CASE, &at, &Policy::default(), Lang::En).unwrap();
        let got: Vec<(&str, &str)> = r.findings.iter().map(|f| (f.path.as_str(), f.code.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("/consents/0/categories", "CONSENT_SCOPE_EMPTY"),
                ("/consents/0/givers/0/form", "CONSENT_ORAL_UNDOCUMENTED"),
                ("/consents/0/givers/0/giver", "DANGLING_REFERENCE"),
                ("/consents/0/recipients/0", "DANGLING_REFERENCE"),
                ("/consents/0/valid_until", "CONSENT_DATES_REVERSED"),
                ("/guardians/2", "GUARDIANS_TOO_MANY"),
                ("/guardians/2/id", "DUPLICATE_ID"),
                ("/legal_grounds/0", "LEGAL_GROUND_INCOMPLETE"),
                ("/legal_grounds/0/scope/to", "LEGAL_GROUND_WRONG_RECIPIENT"),
                ("/withdrawals/0/at", "WITHDRAWAL_BEFORE_CONSENT"),
                ("/withdrawals/0/by", "WITHDRAWAL_BY_NON_GIVER"),
                ("/withdrawals/1/consent", "DANGLING_REFERENCE"),
            ]
        );
        assert!(!r.valid);
    }

    #[test]
    fn r_cn_6_expiring_consents_warn_in_validation() {
        let case = CASE.replace(r#""valid_until":"2026-01-01T00:00:00Z""#, r#""valid_until":"2026-12-01T00:00:00Z""#);
        let at = Instant::parse("2026-11-23T10:00:00+01:00").unwrap();
        let r = crate::documents::validate_sharing_case(&case, &at, &Policy::default(), Lang::En).unwrap();
        assert!(r.findings.iter().any(|f| f.code == Code::ConsentExpiring && f.path == "/consents/0/valid_until"));
    }

    #[test]
    fn foster_parents_are_not_guardians() {
        let case = CASE.replace(r#""kind":"SpeciallyAppointed""#, r#""kind":"FosterParent""#);
        let at = Instant::parse("2026-11-23T10:00:00+01:00").unwrap();
        let e = crate::documents::validate_sharing_case(&case, &at, &Policy::default(), Lang::En).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/guardians/1/kind"));
    }
}
