//! Follow-up documents (SPEC §8): measures to check, two measurements to compare.

use crate::followup::{
    check_measures, classify_question, notices, ChangeAnswer, ChangeQuestion, Measures, CHANGE_QUESTION_SCHEMA_VERSION,
};
use crate::policy::Policy;
use crate::reading::from_versioned_json_within;
use crate::{Lang, Report};

/// Validates measures given as JSON: range errors and notices, as a report (R-SP-6 style).
pub fn validate_measures(measures_json: &str, policy: &Policy, lang: Lang) -> crate::Result<Report> {
    let m: Measures = crate::reading::from_json_within(measures_json, policy)?;
    let mut findings = check_measures(&m, "");
    if findings.is_empty() {
        findings = notices(&m, "", &policy.followup);
    }
    Ok(Report::new(findings, lang))
}

/// [`classify_question`] on JSON.
pub fn classify_change(question_json: &str, policy: &Policy) -> crate::Result<ChangeAnswer> {
    let q: ChangeQuestion = from_versioned_json_within(question_json, policy, CHANGE_QUESTION_SCHEMA_VERSION)?;
    classify_question(&q, policy)
}
