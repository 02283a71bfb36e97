//! Sharing documents (SPEC §4): a sharing question decided with its audit record, and a
//! sharing case checked.

use serde::{Deserialize, Serialize};

use crate::consent::decide::{check_limits, record_limits, Basis, ShareRequest};
use crate::consent::matrix::{Lapse, MatrixCell, MatrixRequest};
use crate::consent::plan::{ConsentPlan, SharingPlan};
use crate::consent::remedy::Remedies;
use crate::consent::validate::validate_sharing_case as check_case;
use crate::consent::{SharingCase, SHARING_CASE_SCHEMA_VERSION};
use crate::finding::{Finding, Report};
use crate::policy::Policy;
use crate::reading::Bounds;
use crate::time::Instant;
use crate::{Lang, Result};

/// A sharing question as one document: the case, the request, and optionally the previous
/// audit record to chain the decision's audit record to (R-AU-1).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug)]
#[serde(deny_unknown_fields)]
pub struct ShareQuestion {
    /// The case.
    pub case: SharingCase,
    /// The request.
    pub request: ShareRequest,
    /// The last record of the vendor's audit chain, if any.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub audit_prev: Option<crate::audit::AuditRecord>,
}

/// A decision with its audit record.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ShareDecision"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AuditedDecision {
    /// True only with a basis.
    pub allowed: bool,
    /// The basis when allowed.
    pub basis: Option<Basis>,
    /// Missing pieces when denied; warnings when allowed.
    pub reasons: Vec<Finding>,
    /// The audit record of this decision, chained to `audit_prev`.
    pub audit: crate::audit::AuditRecord,
}

/// Parses the case and request documents (paths prefixed `/case`, `/request`), decides and
/// makes the audit record.
pub fn may_share(
    case_json: &str,
    request_json: &str,
    audit_prev_json: Option<&str>,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: Lang,
) -> Result<AuditedDecision> {
    let (case, request) = read_case_and_request(case_json, request_json, policy)?;
    let prev = read_audit_prev(audit_prev_json, policy)?;
    decide(&ShareQuestion { case, request, audit_prev: prev }, key, policy, lang)
}

/// The previous audit record to chain to, if given (paths prefixed `/audit_prev`).
pub(super) fn read_audit_prev(
    audit_prev_json: Option<&str>,
    policy: &Policy,
) -> Result<Option<crate::audit::AuditRecord>> {
    match audit_prev_json {
        Some(text) if !text.trim().is_empty() => {
            Ok(Some(crate::reading::from_json(text, policy.max_input_bytes()).map_err(|e| e.under("/audit_prev"))?))
        }
        _ => Ok(None),
    }
}

/// The case and request documents, read with paths prefixed `/case`, `/request`.
fn read_case_and_request(case_json: &str, request_json: &str, policy: &Policy) -> Result<(SharingCase, ShareRequest)> {
    let case = read_case(case_json, policy)?;
    Ok((case, read_request(request_json, policy)?))
}

/// The request document, read with paths prefixed `/request`.
pub(super) fn read_request(request_json: &str, policy: &Policy) -> Result<ShareRequest> {
    crate::reading::from_json_within(request_json, policy).map_err(|e| e.under("/request"))
}

/// The case document read and checked as every question checks it first (limits, references),
/// once for all the questions asked of it.
pub(super) fn read_checked_case(case_json: &str, policy: &Policy) -> Result<SharingCase> {
    let case = read_case(case_json, policy)?;
    crate::consent::decide::check_case(&case, policy)?;
    Ok(case)
}

/// The case document, read with paths prefixed `/case` within the policy's limits.
pub(super) fn read_case(case_json: &str, policy: &Policy) -> Result<SharingCase> {
    let lists = record_limits(policy);
    let bounds = Bounds { version: Some(SHARING_CASE_SCHEMA_VERSION), lists: &lists, ..Bounds::within(policy) };
    crate::reading::read(case_json, bounds).map_err(|e| e.under("/case"))
}

/// What would make a denied question allowed (#27): the consent to ask for, a consent to wait
/// for, or what no consent can fix. The documents are read as [`may_share`] reads them; no
/// audit record is made (nothing is shared).
pub fn remedies(case_json: &str, request_json: &str, policy: &Policy, lang: Lang) -> Result<Remedies> {
    let (case, request) = read_case_and_request(case_json, request_json, policy)?;
    crate::consent::remedy::remedies(&case, &request, policy, lang)
}

/// [`remedies`] of a question given as one document `{ "case", "request" }` (the CLI's input).
pub fn question_remedies(question_json: &str, policy: &Policy, lang: Lang) -> Result<Remedies> {
    let question = read_question(question_json, policy)?;
    crate::consent::remedy::remedies(&question.case, &question.request, policy, lang)
}

/// The consent to ask for before a planned meeting or sharing (#27): the case document and the
/// plan (`SharingPlan`; paths prefixed `/case`, `/plan`).
pub fn plan_consent(case_json: &str, plan_json: &str, policy: &Policy, lang: Lang) -> Result<ConsentPlan> {
    let case = read_case(case_json, policy)?;
    let plan: SharingPlan = crate::reading::from_json_within(plan_json, policy).map_err(|e| e.under("/plan"))?;
    crate::consent::plan::plan_consent(&case, &plan, policy, lang)
}

/// The printable consent form (HTML) of a plan's consent, in `lang` (#27);
/// `CONSENT_PLAN_NOTHING_TO_SIGN` when the plan has no consent to ask for.
pub fn consent_form(case_json: &str, plan_json: &str, policy: &Policy, lang: Lang) -> Result<String> {
    let case = read_case(case_json, policy)?;
    let plan: SharingPlan = crate::reading::from_json_within(plan_json, policy).map_err(|e| e.under("/plan"))?;
    let planned = crate::consent::plan::plan_consent(&case, &plan, policy, lang)?;
    crate::consent::form::consent_form(&case, &plan, &planned, policy.time_zone, lang)
}

/// [`plan_consent`] of one document `{ "case", "plan" }` (the CLI's input), with the printable
/// form of its consent when there is one to sign.
pub fn question_plan_with_form(
    question_json: &str,
    policy: &Policy,
    lang: Lang,
) -> Result<(ConsentPlan, Option<String>)> {
    let (case, plan) = read_plan_question(question_json, policy)?;
    let planned = crate::consent::plan::plan_consent(&case, &plan, policy, lang)?;
    let form = crate::consent::form::consent_form(&case, &plan, &planned, policy.time_zone, lang).ok();
    Ok((planned, form))
}

/// A plan document `{ "case", "plan" }` (paths match the document).
fn read_plan_question(question_json: &str, policy: &Policy) -> Result<(SharingCase, SharingPlan)> {
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    struct Parts {
        case: serde_json::Value,
        plan: serde_json::Value,
    }
    let document = crate::reading::object_value(question_json, policy.max_input_bytes())?;
    if let Some(read) = as_written::plan_question(question_json, &document) {
        return read;
    }
    let parts: Parts = crate::reading::from_value(&document)?;
    crate::reading::check_version(&parts.case, SHARING_CASE_SCHEMA_VERSION).map_err(|e| e.under("/case"))?;
    let case: SharingCase = crate::reading::from_value(&parts.case).map_err(|e| e.under("/case"))?;
    let plan: SharingPlan = crate::reading::from_value(&parts.plan).map_err(|e| e.under("/plan"))?;
    Ok((case, plan))
}

/// A question document's parts read from their own text as written, once the document passed
/// its own checks (`None`: its parts are not the expected ones, for the exact reader to refuse).
/// Native builds only: serde_json's `raw_value` adds 4.2 KB to the web build, whose callers
/// pass the case and the request as separate documents; there the parts are read from values.
#[cfg(not(target_arch = "wasm32"))]
mod as_written {
    use serde::{Deserialize, Serialize};
    use serde_json::value::RawValue;

    use super::{ShareQuestion, SharingCase, SharingPlan, SHARING_CASE_SCHEMA_VERSION};
    use crate::Result;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Question<'a> {
        #[serde(borrow)]
        case: &'a RawValue,
        #[serde(borrow)]
        request: &'a RawValue,
        #[serde(borrow, default)]
        audit_prev: Option<&'a RawValue>,
    }

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Plan<'a> {
        #[serde(borrow)]
        case: &'a RawValue,
        #[serde(borrow)]
        plan: &'a RawValue,
    }

    pub(super) fn question(json: &str, document: &serde_json::Value) -> Option<Result<ShareQuestion>> {
        let raw = serde_json::from_str::<Question<'_>>(json).ok()?;
        Some(case_version(document).and_then(|()| {
            let (case, request) = (part(raw.case, "/case")?, part(raw.request, "/request")?);
            let audit_prev = raw.audit_prev.map(|prev| part(prev, "/audit_prev")).transpose()?;
            Ok(ShareQuestion { case, request, audit_prev })
        }))
    }

    pub(super) fn plan_question(
        json: &str,
        document: &serde_json::Value,
    ) -> Option<Result<(SharingCase, SharingPlan)>> {
        let raw = serde_json::from_str::<Plan<'_>>(json).ok()?;
        Some(case_version(document).and_then(|()| Ok((part(raw.case, "/case")?, part(raw.plan, "/plan")?))))
    }

    /// The `schema_version` of the document's case, checked before the case is read.
    fn case_version(document: &serde_json::Value) -> Result<()> {
        let case = document.get("case").unwrap_or(&serde_json::Value::Null);
        crate::reading::check_version(case, SHARING_CASE_SCHEMA_VERSION).map_err(|e| e.under("/case"))
    }

    /// A part read as the separate document is read (paths prefixed `under`).
    fn part<T: serde::de::DeserializeOwned + Serialize>(raw: &RawValue, under: &str) -> Result<T> {
        crate::reading::from_json(raw.get(), usize::MAX).map_err(|e| e.under(under))
    }
}

/// The web build reads a question document's parts from values (see above).
#[cfg(target_arch = "wasm32")]
mod as_written {
    use super::{ShareQuestion, SharingCase, SharingPlan};
    use crate::Result;

    pub(super) fn question(_: &str, _: &serde_json::Value) -> Option<Result<ShareQuestion>> {
        None
    }

    pub(super) fn plan_question(_: &str, _: &serde_json::Value) -> Option<Result<(SharingCase, SharingPlan)>> {
        None
    }
}

/// Decides a question given as one document `{ "case", "request", "audit_prev"? }`
/// (the CLI's input; paths match the document).
pub fn decide_question(
    question_json: &str,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: Lang,
) -> Result<AuditedDecision> {
    decide(&read_question(question_json, policy)?, key, policy, lang)
}

/// A question document `{ "case", "request", "audit_prev"? }` (paths match the document).
fn read_question(question_json: &str, policy: &Policy) -> Result<ShareQuestion> {
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Serialize)]
    #[serde(deny_unknown_fields)]
    struct Parts {
        case: serde_json::Value,
        request: serde_json::Value,
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        audit_prev: Option<serde_json::Value>,
    }
    let document = crate::reading::object_value(question_json, policy.max_input_bytes())?;
    if let Some(read) = as_written::question(question_json, &document) {
        return read;
    }
    let parts: Parts = crate::reading::from_value(&document)?;
    crate::reading::check_version(&parts.case, SHARING_CASE_SCHEMA_VERSION).map_err(|e| e.under("/case"))?;
    let case = crate::reading::from_value(&parts.case).map_err(|e| e.under("/case"))?;
    let request = crate::reading::from_value(&parts.request).map_err(|e| e.under("/request"))?;
    let audit_prev = match parts.audit_prev {
        Some(v) => Some(crate::reading::from_value(&v).map_err(|e| e.under("/audit_prev"))?),
        None => None,
    };
    Ok(ShareQuestion { case, request, audit_prev })
}

/// Decides a question and makes the audit record, its subject keyed by `key` when given.
pub fn decide(
    question: &ShareQuestion,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: Lang,
) -> Result<AuditedDecision> {
    let decision = crate::consent::decide::may_share(&question.case, &question.request, policy, lang)?;
    audited(&question.case, &question.request, question.audit_prev.as_ref(), key, decision)
}

/// The decision with its audit record, chained to `prev` and keyed by `key` when given.
pub(super) fn audited(
    case: &SharingCase,
    request: &ShareRequest,
    prev: Option<&crate::audit::AuditRecord>,
    key: Option<&crate::audit::AuditKey>,
    decision: crate::consent::decide::Decision,
) -> Result<AuditedDecision> {
    let audit = crate::audit::record_decision(prev, key, &case.case_id, request, &decision)?;
    Ok(AuditedDecision { allowed: decision.allowed, basis: decision.basis, reasons: decision.reasons, audit })
}

/// A sharing matrix with its audit record (one audited question).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "SharingMatrix"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AuditedMatrix {
    /// Every cell, row by row: each exactly the `may_share` decision of its question.
    pub cells: Vec<MatrixCell>,
    /// The allowed cell whose basis lapses first, if any.
    pub expires_first: Option<Lapse>,
    /// The audit record of this matrix, chained to `audit_prev`.
    pub audit: crate::audit::AuditRecord,
}

/// The sharing matrix (#29) of the case and matrix request documents (paths prefixed
/// `/case`, `/request`), with its audit record.
pub fn sharing_matrix(
    case_json: &str,
    request_json: &str,
    audit_prev_json: Option<&str>,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: Lang,
) -> Result<AuditedMatrix> {
    let case = read_checked_case(case_json, policy)?;
    matrix_of_checked(&case, None, request_json, audit_prev_json, key, policy, lang)
}

/// [`sharing_matrix`] of a case already read and checked (a prepared case's matrix).
pub(super) fn matrix_of_checked(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request_json: &str,
    audit_prev_json: Option<&str>,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: Lang,
) -> Result<AuditedMatrix> {
    let request: MatrixRequest =
        crate::reading::from_json_within(request_json, policy).map_err(|e| e.under("/request"))?;
    let prev = read_audit_prev(audit_prev_json, policy)?;
    let matrix = crate::consent::matrix::matrix_checked(case, firsts, &request, policy, lang)?;
    let audit = crate::audit::record_matrix(prev.as_ref(), key, &case.case_id, &request, &matrix)?;
    Ok(AuditedMatrix { cells: matrix.cells, expires_first: matrix.expires_first, audit })
}

/// Parses and validates a case document.
pub fn validate_sharing_case(case_json: &str, at: &Instant, policy: &Policy, lang: Lang) -> Result<Report> {
    let lists = record_limits(policy);
    let bounds = Bounds {
        max_bytes: policy.max_input_bytes(),
        version: Some(SHARING_CASE_SCHEMA_VERSION),
        lists: &lists,
        ..Bounds::default()
    };
    let case: SharingCase = crate::reading::read(case_json, bounds)?;
    check_limits(&case, policy).map_err(|e| e.relative_to("/case"))?;
    Ok(Report::new(check_case(&case, at, policy), lang))
}
