//! The native library `tsi` for Kotlin, Swift and Python (uniffi). Each export converts its
//! arguments, calls one function of tsi-core's documents layer and converts back; no domain
//! decision is made here.
//!
//! tsi-core knows nothing of uniffi: the core types that cross (`Report`, `Finding`,
//! `DueAction`, `IdCheck`, `Basis`, `ChainReport`, …) are described here as remote types
//! (`remote.rs`), mirrors the compiler checks against the real definitions, so a field or
//! variant added in core without its mirror does not build. Documents cross as JSON text,
//! which is how journal systems store and send them. The records declared here are views
//! with no core counterpart: a result that carries a document as JSON text (`ShareDecision`,
//! `RecordedStep`, `AppliedEvent`, `CaseView`), or a core shape uniffi cannot carry
//! (`CodeInfo`'s static strings, `ChangeAnswer`'s pairs).
//!
//! One crate declares every type and export, so Kotlin, Swift and Python see one namespace
//! (`tsi`).

use std::collections::HashMap;

use tsi_core::case::transition as case;
use tsi_core::case::{CaseState, EventKind};
use tsi_core::consent::decide;
use tsi_core::finding::{Finding, Report, Severity};
use tsi_core::time::Instant;
use tsi_core::{audit, finding, id, Code, Lang};

mod followup;
mod prepared;
mod remote;
mod types;

pub use followup::{ChangeAnswer, StatsAccumulator};

uniffi::setup_scaffolding!("tsi");

/// The one error of the library: a stable code, a JSON Pointer path and an English
/// message with no personal data. Kotlin: `TsiException.Invalid`; Swift/Python: `TsiError.Invalid`.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum TsiError {
    /// Input that cannot be used; `code` says why (see `codes()`).
    #[error("{code}: {detail}")]
    Invalid {
        /// The stable code, e.g. `ID_BAD_CHECKSUM` (see `codes()`).
        code: Code,
        /// JSON Pointer to the offending input (`""` = the whole input).
        path: String,
        /// The English message.
        detail: String,
        /// The message's parameters as data (uncovered agencies, open needs, limits, …), so
        /// no caller has to parse a message. Never personal data (R-PD-1).
        params: HashMap<String, String>,
    },
}

impl From<tsi_core::Error> for TsiError {
    fn from(e: tsi_core::Error) -> Self {
        TsiError::Invalid {
            code: e.code(),
            path: e.path().to_owned(),
            detail: e.message(tsi_core::Lang::En),
            params: e.params().iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

/// A code's registry entry.
#[derive(uniffi::Record)]
pub struct CodeInfo {
    /// Stable code.
    pub code: Code,
    /// Error or finding.
    pub kind: tsi_core::CodeKind,
    /// Severity when reported.
    pub severity: Severity,
    /// SPEC rule ID or section.
    pub rule: String,
    /// Swedish message template.
    pub sv: String,
    /// English message template.
    pub en: String,
}

/// The library version.
#[uniffi::export]
pub fn version() -> String {
    tsi_core::VERSION.to_owned()
}

/// The words staff read for a name of the library (`display_name("CaseState",
/// "AwaitingConsent", Lang.SV)` is "väntar på samtycke"), from the one table every language
/// uses; none for a name the table does not hold.
#[uniffi::export]
pub fn display_name(enum_name: String, value: String, lang: Lang) -> Option<String> {
    tsi_core::i18n::display_name(&enum_name, &value, lang).map(str::to_owned)
}

/// Every error and finding code with its rule ID and messages.
#[uniffi::export]
pub fn codes() -> Vec<CodeInfo> {
    finding::codes()
        .into_iter()
        .map(|c| CodeInfo {
            code: c.code,
            kind: c.kind,
            severity: c.severity,
            rule: c.rule.to_owned(),
            sv: c.sv.to_owned(),
            en: c.en.to_owned(),
        })
        .collect()
}

/// A code's stable text (`ID_BAD_CHECKSUM`), as JSON writes it and journal systems store it.
/// Kotlin's and Python's `code.name` is the same text; Swift's cases are lowerCamelCase.
#[uniffi::export]
pub fn code_text(code: Code) -> String {
    code.as_str().to_owned()
}

/// Checks a personal identity or coordination number at a date `YYYY-MM-DD` (R-ID-1, R-ID-2).
#[uniffi::export]
pub fn check_personal_identity(input: String, at: String) -> Result<id::IdCheck, TsiError> {
    Ok(id::check_personal_identity(&input, id::parse_date(&at, "at")?)?)
}

/// Age in whole years at a date (R-ID-2); dates are `YYYY-MM-DD`.
#[uniffi::export]
pub fn age_at(birth_date: String, at: String) -> Result<u32, TsiError> {
    Ok(id::age_at(id::parse_date(&birth_date, "birth_date")?, id::parse_date(&at, "at")?)?)
}

/// The default policy as JSON text.
#[uniffi::export]
pub fn default_policy_json() -> String {
    tsi_core::documents::default_policy_json()
}

/// Reads a policy (JSON text) and returns it complete, absent fields filled with defaults.
#[uniffi::export]
pub fn parse_policy_json(policy_json: String) -> Result<String, TsiError> {
    let p = tsi_core::documents::parse_policy(&policy_json)?;
    Ok(tsi_core::documents::policy_json(&p))
}

/// Validates a policy (JSON text) and returns a report of findings in `lang`.
#[uniffi::export]
pub fn validate_policy(policy_json: String, lang: Lang) -> Result<Report, TsiError> {
    Ok(tsi_core::documents::validate_policy(&policy_json, lang)?)
}

/// The sharing decision (R-CN-4) with its audit record.
#[derive(uniffi::Record)]
pub struct ShareDecision {
    /// True only with a basis.
    pub allowed: bool,
    /// The basis when allowed.
    pub basis: Option<decide::Basis>,
    /// Denied: every missing piece. Allowed: warnings only.
    pub reasons: Vec<Finding>,
    /// The audit record (JSON), chained to `audit_prev_json`: store it as is.
    pub audit_json: String,
}

/// May `request.from` share `request.category` with `request.to` now (R-CN-4)? Documents
/// are JSON text; paths in reasons point into `{ case, request }`. `policy_json` absent:
/// SPEC defaults. `audit_prev_json`: the last record of your audit chain. `audit_key_json`:
/// your audit key `{"id", "secret"}` (hexadecimal), which keys the record's digest.
#[uniffi::export(default(audit_prev_json = None, policy_json = None, audit_key_json = None))]
pub fn may_share(
    case_json: String,
    request_json: String,
    lang: Lang,
    audit_prev_json: Option<String>,
    policy_json: Option<String>,
    audit_key_json: Option<String>,
) -> Result<ShareDecision, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    may_share_under(&policy, &case_json, &request_json, lang, audit_prev_json.as_deref(), audit_key_json.as_deref())
}

/// `may_share` under a policy given or prepared.
pub(crate) fn may_share_under(
    policy: &tsi_core::Policy,
    case_json: &str,
    request_json: &str,
    lang: Lang,
    audit_prev_json: Option<&str>,
    audit_key_json: Option<&str>,
) -> Result<ShareDecision, TsiError> {
    let key = audit_key(audit_key_json)?;
    let d = tsi_core::documents::may_share(case_json, request_json, audit_prev_json, key.as_ref(), policy, lang)?;
    Ok(ShareDecision::from(d))
}

impl From<tsi_core::documents::AuditedDecision> for ShareDecision {
    fn from(d: tsi_core::documents::AuditedDecision) -> Self {
        ShareDecision {
            allowed: d.allowed,
            basis: d.basis,
            reasons: d.reasons,
            audit_json: serde_json::to_string(&d.audit).unwrap_or_default(),
        }
    }
}

/// The sharing matrix (#29) with its audit record.
#[derive(uniffi::Record)]
pub struct SharingMatrix {
    /// Every other agency of the case × every category, row by row: each cell exactly the
    /// `may_share` decision of its question.
    pub cells: Vec<tsi_core::consent::matrix::MatrixCell>,
    /// The allowed cell whose basis lapses first, if any.
    pub expires_first: Option<tsi_core::consent::matrix::Lapse>,
    /// The one audit record of the matrix (JSON), chained to `audit_prev_json`: store it as is.
    pub audit_json: String,
}

impl From<tsi_core::documents::AuditedMatrix> for SharingMatrix {
    fn from(m: tsi_core::documents::AuditedMatrix) -> Self {
        SharingMatrix { cells: m.cells, expires_first: m.expires_first, audit_json: to_json(&m.audit) }
    }
}

/// What may `request.from` share, for `request.purpose` at `request.at`, with every other
/// agency of the case in every category (#29)? `request_json` is `{from, purpose, at,
/// actor}`; the other arguments as for [`may_share`]. One audit record for the whole matrix.
#[uniffi::export(default(audit_prev_json = None, policy_json = None, audit_key_json = None))]
pub fn sharing_matrix(
    case_json: String,
    request_json: String,
    lang: Lang,
    audit_prev_json: Option<String>,
    policy_json: Option<String>,
    audit_key_json: Option<String>,
) -> Result<SharingMatrix, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let key = audit_key(audit_key_json.as_deref())?;
    let m = tsi_core::documents::sharing_matrix(
        &case_json,
        &request_json,
        audit_prev_json.as_deref(),
        key.as_ref(),
        &policy,
        lang,
    )?;
    Ok(m.into())
}

/// What would make a denied question allowed, as JSON `{ allowed, remedies, blocked }`: the
/// consent to ask for (a complete draft record, given by everyone R-CN-3 requires), a recorded
/// consent to wait for, or what no consent can fix. No audit record: nothing is shared.
#[uniffi::export(default(policy_json = None))]
pub fn remedies_json(
    case_json: String,
    request_json: String,
    lang: Lang,
    policy_json: Option<String>,
) -> Result<String, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(to_json(&tsi_core::documents::remedies(&case_json, &request_json, &policy, lang)?))
}

/// The consent to ask the family for before a planned meeting or sharing, as JSON
/// `{ covered, consent, birthdays, blocked }`. `plan_json`: `{ from, recipients, categories,
/// purpose, valid_from, valid_until, actor }`.
#[uniffi::export(default(policy_json = None))]
pub fn plan_consent_json(
    case_json: String,
    plan_json: String,
    lang: Lang,
    policy_json: Option<String>,
) -> Result<String, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(to_json(&tsi_core::documents::plan_consent(&case_json, &plan_json, &policy, lang)?))
}

/// The printable consent form (HTML with print CSS, in `lang`) of a plan's consent; the error
/// `CONSENT_PLAN_NOTHING_TO_SIGN` when the plan has no consent to ask for.
#[uniffi::export(default(policy_json = None))]
pub fn consent_form(
    case_json: String,
    plan_json: String,
    lang: Lang,
    policy_json: Option<String>,
) -> Result<String, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(tsi_core::documents::consent_form(&case_json, &plan_json, &policy, lang)?)
}

/// Checks a sharing case's records at an instant (RFC 3339).
#[uniffi::export(default(policy_json = None))]
pub fn validate_sharing_case(
    case_json: String,
    at: String,
    lang: Lang,
    policy_json: Option<String>,
) -> Result<Report, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let at = Instant::parse_arg(&at, "at")?;
    Ok(tsi_core::documents::validate_sharing_case(&case_json, &at, &policy, lang)?)
}

/// Checks a de-identified summary before a consultation without consent (R-DI-1).
#[uniffi::export(default(policy_json = None))]
pub fn check_deidentified(summary_json: String, lang: Lang, policy_json: Option<String>) -> Result<Report, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(tsi_core::documents::check_deidentified(&summary_json, &policy, lang)?)
}

/// Verifies a hash-chained audit log (a JSON array of records) and names the first broken
/// link. Without `anchor` the log must start at genesis; with it, it must follow that hash.
#[uniffi::export(default(anchor = None))]
pub fn verify_audit_chain(
    records_json: String,
    lang: Lang,
    anchor: Option<String>,
) -> Result<audit::ChainReport, TsiError> {
    let max = tsi_core::Policy::default().max_input_bytes();
    Ok(tsi_core::documents::verify_audit_chain(&records_json, anchor.as_deref(), max, lang)?)
}

/// One event applied or refused, with its audit record (R-AU-1).
#[derive(uniffi::Record)]
pub struct RecordedStep {
    /// Whether the event was applied.
    pub applied: bool,
    /// The case after the event (unchanged when refused; absent before a case exists), JSON.
    pub case_json: Option<String>,
    /// Warnings of an applied event.
    pub warnings: Vec<Finding>,
    /// The refusal's code, when refused.
    pub refusal_code: Option<Code>,
    /// The refusal's path, when refused.
    pub refusal_path: Option<String>,
    /// The refusal's parameters (empty when applied).
    pub refusal_params: HashMap<String, String>,
    /// The audit record (JSON): keep it, and pass it as `audit_prev_json` next time.
    pub audit_json: String,
}

/// Applies one event and makes its audit record, applied or refused: a refusal is an outcome,
/// not an exception. `audit_prev_json` is the previous record of the vendor's log;
/// `audit_key_json` the audit key `{"id", "secret"}` that keys the record's digest.
#[uniffi::export(default(audit_prev_json = None, policy_json = None, audit_key_json = None))]
pub fn record_case_event(
    case_json: Option<String>,
    entry_json: String,
    lang: Lang,
    audit_prev_json: Option<String>,
    policy_json: Option<String>,
    audit_key_json: Option<String>,
) -> Result<RecordedStep, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let key = audit_key(audit_key_json.as_deref())?;
    let prev = audit_prev_json.as_deref();
    let step =
        tsi_core::documents::record_case_event(case_json.as_deref(), &entry_json, prev, key.as_ref(), &policy, lang)?;
    let (refusal_code, refusal_path, refusal_params) = refusal_parts(step.refusal.as_ref());
    Ok(RecordedStep {
        applied: step.applied,
        case_json: step.case.as_ref().map(to_json),
        warnings: step.warnings,
        refusal_code,
        refusal_path,
        refusal_params,
        audit_json: to_json(&step.audit),
    })
}

/// A refused event as uniffi records carry it: code, path and parameters (none when applied).
pub(crate) fn refusal_parts(
    refusal: Option<&tsi_core::case::TransitionError>,
) -> (Option<Code>, Option<String>, HashMap<String, String>) {
    match refusal {
        Some(r) => (Some(r.code), Some(r.path.clone()), r.details.clone().into_iter().collect()),
        None => (None, None, HashMap::new()),
    }
}

/// Validates a SIP (JSON text) and reports every finding with a JSON Pointer into it.
#[uniffi::export(default(policy_json = None))]
pub fn validate_sip(sip_json: String, lang: Lang, policy_json: Option<String>) -> Result<Report, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(tsi_core::documents::validate_sip(&sip_json, &policy, lang)?)
}

/// A plain-language summary of a SIP for the family (R-SP-7).
#[uniffi::export(default(policy_json = None))]
pub fn sip_summary(sip_json: String, lang: Lang, policy_json: Option<String>) -> Result<String, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(tsi_core::documents::sip_summary(&sip_json, &policy, lang)?)
}

/// Whether a SIP is indicated (R-SP-0): `agencies_json` is a JSON array of agencies, and
/// `responsible_agencies` the ids of the agencies responsible for the child's interventions.
#[uniffi::export]
pub fn sip_indicated(agencies_json: String, responsible_agencies: Vec<String>) -> Result<bool, TsiError> {
    Ok(tsi_core::documents::sip_indicated(&agencies_json, &responsible_agencies, &tsi_core::Policy::default())?)
}

/// A case after one event.
#[derive(uniffi::Record)]
pub struct AppliedEvent {
    /// The new case state value (JSON): keep it, or keep the log and replay it.
    pub case_json: String,
    /// The state it is in.
    pub state: CaseState,
    /// Warnings; the event was applied.
    pub warnings: Vec<Finding>,
}

/// A replayed case.
#[derive(uniffi::Record)]
pub struct CaseView {
    /// The case state value (JSON).
    pub case_json: String,
    /// The state it is in.
    pub state: CaseState,
    /// The events allowed next.
    pub allowed_events: Vec<EventKind>,
    /// What is due or overdue.
    pub due_actions: Vec<tsi_core::case::due::DueAction>,
    /// Warnings of the log.
    pub warnings: Vec<Finding>,
    /// One audit record per event (JSON array), hash-chained.
    pub audit_json: String,
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Applies one event (`entry_json`: `{ctx, event}`) to a case (`case_json`: absent before Raise).
/// A refused event is a `TsiError` with the code; the case you hold is unchanged.
#[uniffi::export(default(policy_json = None))]
pub fn apply_case_event(
    case_json: Option<String>,
    entry_json: String,
    lang: Lang,
    policy_json: Option<String>,
) -> Result<AppliedEvent, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let applied = tsi_core::documents::apply_case_event(case_json.as_deref(), &entry_json, &policy, lang)?;
    Ok(AppliedEvent { state: applied.case.state, case_json: to_json(&applied.case), warnings: applied.warnings })
}

/// Replays a case log (a JSON array of `{ctx, event}`); due actions at `at` (RFC 3339) or the
/// last event; `audit_key_json` keys each audit record's digest. `audit = false` makes no audit
/// records (`audit_json` is `[]`): for showing a stored case, a third faster; refused with a key.
#[uniffi::export(default(at = None, policy_json = None, audit_key_json = None, audit = true))]
pub fn replay_case(
    log_json: String,
    lang: Lang,
    at: Option<String>,
    policy_json: Option<String>,
    audit_key_json: Option<String>,
    audit: bool,
) -> Result<CaseView, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    replay_under(&policy, &log_json, lang, at.as_deref(), audit_key_json.as_deref(), audit)
}

/// `replay_case` under a policy given or prepared.
pub(crate) fn replay_under(
    policy: &tsi_core::Policy,
    log_json: &str,
    lang: Lang,
    at: Option<&str>,
    audit_key_json: Option<&str>,
    audit: bool,
) -> Result<CaseView, TsiError> {
    let at = at.map(|a| Instant::parse_arg(a, "at")).transpose()?;
    let key = audit_key(audit_key_json)?;
    let v = tsi_core::documents::replay_case_choosing_audit(log_json, at.as_ref(), audit, key.as_ref(), policy, lang)?;
    Ok(CaseView {
        state: v.case.state,
        case_json: to_json(&v.case),
        allowed_events: v.allowed_events,
        due_actions: v.due_actions,
        warnings: v.warnings,
        audit_json: to_json(&v.audit),
    })
}

/// The events allowed next (`["Raise"]` when `case_json` is absent).
#[uniffi::export]
pub fn allowed_events(case_json: Option<String>) -> Result<Vec<EventKind>, TsiError> {
    Ok(tsi_core::documents::allowed_events(case_json.as_deref(), &tsi_core::Policy::default())?)
}

/// What is due or overdue in a case at `now` (RFC 3339).
#[uniffi::export(default(policy_json = None))]
pub fn due_actions(
    case_json: String,
    now: String,
    lang: Lang,
    policy_json: Option<String>,
) -> Result<Vec<tsi_core::case::due::DueAction>, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let now = Instant::parse_arg(&now, "now")?;
    Ok(tsi_core::documents::due_actions(&case_json, &now, &policy, lang)?)
}

/// The next `n` fixed meeting slots after `after` (R-MT-1), as RFC 3339 instants, in the
/// policy's time zone. (`n` is 64-bit so that any whole number a caller passes reaches the
/// library's own limit check and its coded error.)
#[uniffi::export(default(policy_json = None))]
pub fn next_slots(
    schedule_json: String,
    after: String,
    n: u64,
    policy_json: Option<String>,
) -> Result<Vec<String>, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let after = Instant::parse_arg(&after, "after")?;
    Ok(tsi_core::documents::next_slots(&schedule_json, &after, n, &policy)?
        .into_iter()
        .map(|i| i.to_string())
        .collect())
}

/// The agenda of a slot built from many cases (a JSON array of case state values), as JSON.
#[uniffi::export(default(policy_json = None))]
pub fn agenda_json(cases_json: String, slot: String, policy_json: Option<String>) -> Result<String, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    let slot = Instant::parse_arg(&slot, "slot")?;
    Ok(to_json(&tsi_core::documents::agenda(&cases_json, &slot, &policy)?))
}

/// The case process as a Mermaid state diagram.
#[uniffi::export]
pub fn case_diagram() -> String {
    case::mermaid()
}

/// The audit key of a call, when given (JSON `{"id", "secret"}`).
pub(crate) fn audit_key(json: Option<&str>) -> Result<Option<tsi_core::audit::AuditKey>, TsiError> {
    Ok(json.map(tsi_core::documents::audit_key).transpose()?)
}

/// Whether an audit record (JSON) was made of `subject_json` (the request of a decision, the
/// `{ctx, event}` entry of a case event) under the audit key `audit_key_json`: the proof of
/// content the keyed digest gives the key's holder (R-AU-1).
#[uniffi::export]
pub fn audit_proves(record_json: String, subject_json: String, audit_key_json: String) -> Result<bool, TsiError> {
    Ok(tsi_core::documents::audit_proves(&record_json, &subject_json, &audit_key_json)?)
}
