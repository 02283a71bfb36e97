//! Case documents (SPEC §5): a log to replay, an event to apply with or without its audit
//! record, the events allowed next and what is due.

use serde::{Deserialize, Serialize};

use crate::case::transition::{allowed_events as allowed, apply, entry_warnings, located, replay_with, Applied};
use crate::case::TransitionError;
use crate::case::{Case, CaseEvent, EventKind, LogEntry};
use crate::finding::{Code, Finding};
use crate::policy::Policy;

/// A case as a reader wants it: the state value, what may come next, what is due, the
/// warnings of the log and an audit record per event.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CaseView {
    /// The case.
    pub case: Case,
    /// The events allowed next.
    pub allowed_events: Vec<EventKind>,
    /// What is due or overdue at the instant asked about (the last event if none).
    pub due_actions: Vec<crate::case::due::DueAction>,
    /// Warnings raised while applying the log.
    pub warnings: Vec<Finding>,
    /// One audit record per event, hash-chained (R-AU-1).
    pub audit: Vec<crate::audit::AuditRecord>,
}

/// Replays a log given as JSON (an array of `{ctx, event}`), within the policy's limits.
pub fn replay_case(
    log_json: &str,
    at: Option<&crate::time::Instant>,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<CaseView> {
    replay_case_as(log_json, at, Trail::Records(key), policy, lang)
}

/// [`replay_case`] making no audit records (`audit` is empty): for showing a stored case, whose
/// records were kept when its events were recorded. Hashing every event is a third of a
/// replay's work.
pub fn replay_case_unaudited(
    log_json: &str,
    at: Option<&crate::time::Instant>,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<CaseView> {
    replay_case_as(log_json, at, Trail::None, policy, lang)
}

/// [`replay_case`] as every binding offers it: `audit = false` is [`replay_case_unaudited`], and a
/// key beside it is a contradiction, refused at `/audit_key` (where every language names the key)
/// rather than ignored.
pub fn replay_case_choosing_audit(
    log_json: &str,
    at: Option<&crate::time::Instant>,
    audit: bool,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<CaseView> {
    match (audit, key) {
        (true, key) => replay_case(log_json, at, key, policy, lang),
        (false, None) => replay_case_unaudited(log_json, at, policy, lang),
        (false, Some(_)) => {
            Err(crate::Error::new(Code::JsonInvalidValue, "/audit_key").param("expected", "no key when audit is false"))
        }
    }
}

/// Whether a replay makes an audit record per event, and under which key.
#[derive(Clone, Copy)]
enum Trail<'k> {
    Records(Option<&'k crate::audit::AuditKey>),
    None,
}

fn replay_case_as(
    log_json: &str,
    at: Option<&crate::time::Instant>,
    trail: Trail<'_>,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<CaseView> {
    let log = read_log(log_json, policy)?;
    // One pass: the audit record of each event is made as it is applied.
    let mut audit: Vec<crate::audit::AuditRecord> = Vec::new();
    let mut failed = None;
    let applied = replay_with(&log, policy, |entry, before, case| {
        let Trail::Records(key) = trail else { return };
        let states = (before, Some(case.state));
        match crate::audit::record_event_after_own(audit.last(), key, &case.case_id, entry, states) {
            Ok(record) => audit.push(record),
            Err(e) => failed = failed.take().or(Some(e)),
        }
    })
    .map_err(TransitionError::into_error)?;
    if let Some(e) = failed {
        return Err(e);
    }
    let at = at.copied().unwrap_or(applied.case.last_event_at);
    Ok(CaseView {
        allowed_events: allowed(Some(&applied.case)),
        due_actions: crate::case::due::due_actions(&applied.case, &at, policy, lang),
        warnings: crate::finding::Report::new(applied.warnings, lang).findings,
        audit,
        case: applied.case,
    })
}

/// Applies one event given as JSON to a case given as JSON (`null` or empty before Raise).
pub fn apply_case_event(
    case_json: Option<&str>,
    entry_json: &str,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<Applied> {
    let case = optional_case(case_json, policy)?;
    let entry: LogEntry = crate::reading::from_json_within(entry_json, policy).map_err(|e| e.under("/entry"))?;
    let mut applied =
        apply(case.as_ref(), &entry.event, &entry.ctx, policy).map_err(|e| located(e, "/entry").into_error())?;
    applied.warnings = entry_warnings(applied.warnings, lang);
    Ok(applied)
}

/// One event applied or refused, with its audit record (R-AU-1): what a vendor that keeps an
/// audit log calls instead of [`apply`]. A refusal is an outcome here, not an error.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RecordedStep {
    /// Whether the event was applied.
    pub applied: bool,
    /// The case after the event; unchanged when refused (`None` before a case exists).
    pub case: Option<Case>,
    /// Warnings of an applied event.
    pub warnings: Vec<Finding>,
    /// Why the event was refused.
    pub refusal: Option<TransitionError>,
    /// The audit record of the event, chained after the previous one.
    pub audit: crate::audit::AuditRecord,
}

/// Applies one entry and makes its audit record, applied or refused.
pub fn apply_recorded(
    case: Option<&Case>,
    entry: &LogEntry,
    policy: &Policy,
    prev: Option<&crate::audit::AuditRecord>,
    key: Option<&crate::audit::AuditKey>,
) -> crate::Result<RecordedStep> {
    let before = case.map(|c| c.state);
    let case_id = match (case, &entry.event) {
        (Some(c), _) => c.case_id.clone(),
        (None, CaseEvent::Raise(r)) => r.case_id.clone(),
        (None, _) => String::new(),
    };
    Ok(match apply(case, &entry.event, &entry.ctx, policy) {
        Ok(applied) => RecordedStep {
            audit: crate::audit::record_event(prev, key, &case_id, entry, (before, Some(applied.case.state)), None)?,
            applied: true,
            case: Some(applied.case),
            warnings: applied.warnings,
            refusal: None,
        },
        // A reference holding a personal number must not reach the audit record either: the
        // entry is unusable input, not a refused event.
        // Its path is placed inside the entry (`/ctx/actor`, `/event/case_id`).
        Err(refusal) if refusal.code == Code::ReferenceIsPersonalNumber => {
            return Err(located(refusal, "").into_error());
        }
        Err(refusal) => RecordedStep {
            audit: crate::audit::record_event(prev, key, &case_id, entry, (before, before), Some(refusal.code))?,
            applied: false,
            case: case.cloned(),
            warnings: Vec::new(),
            refusal: Some(refusal),
        },
    })
}

/// [`apply_recorded`] on JSON documents: the case (`null`/empty before Raise), the entry and
/// the previous audit record (absent: the chain starts at genesis).
pub fn record_case_event(
    case_json: Option<&str>,
    entry_json: &str,
    audit_prev_json: Option<&str>,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<RecordedStep> {
    let case = optional_case(case_json, policy)?;
    record_on(case.as_ref(), entry_json, audit_prev_json, key, policy, lang)
}

/// [`record_case_event`] on a case already read (a prepared case's `record`).
pub(super) fn record_on(
    case: Option<&Case>,
    entry_json: &str,
    audit_prev_json: Option<&str>,
    key: Option<&crate::audit::AuditKey>,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<RecordedStep> {
    let max = policy.max_input_bytes();
    let entry: LogEntry = crate::reading::from_json_within(entry_json, policy).map_err(|e| e.under("/entry"))?;
    let prev = match given(audit_prev_json) {
        Some(text) => Some(crate::reading::from_json(text, max).map_err(|e| e.under("/audit_prev"))?),
        None => None,
    };
    let mut step = apply_recorded(case, &entry, policy, prev.as_ref(), key).map_err(|e| {
        if e.code() == Code::ReferenceIsPersonalNumber {
            e.under("/entry")
        } else {
            e
        }
    })?;
    step.refusal = step.refusal.map(|e| located(e, "/entry"));
    step.warnings = entry_warnings(step.warnings, lang);
    Ok(step)
}

/// A case log document (an array of `{ctx, event}`), within the policy's limits: its events
/// are counted as they are read, against `limits.max_events`.
pub(crate) fn read_log(log_json: &str, policy: &Policy) -> crate::Result<Vec<LogEntry>> {
    let max = usize::try_from(policy.limits.max_events).unwrap_or(usize::MAX);
    let bounds = crate::reading::Bounds { lists: &[("", max)], ..crate::reading::Bounds::within(policy) };
    crate::reading::read(log_json, bounds)
}

/// An optional document as given: absent, empty or `null` is none (before Raise; no previous
/// audit record).
fn given(text: Option<&str>) -> Option<&str> {
    text.filter(|t| !t.trim().is_empty() && t.trim() != "null")
}

/// Reads an optional case document (`null`, empty or absent: before Raise).
pub(super) fn optional_case(case_json: Option<&str>, policy: &Policy) -> crate::Result<Option<Case>> {
    match given(case_json) {
        Some(text) => {
            Ok(Some(crate::reading::from_json(text, policy.max_input_bytes()).map_err(|e| e.under("/case"))?))
        }
        None => Ok(None),
    }
}

/// `allowed_events` on a case given as JSON.
pub fn allowed_events(case_json: Option<&str>, policy: &Policy) -> crate::Result<Vec<EventKind>> {
    let case = optional_case(case_json, policy)?;
    Ok(allowed(case.as_ref()))
}

/// `due_actions` on a case given as JSON.
pub fn due_actions(
    case_json: &str,
    now: &crate::time::Instant,
    policy: &Policy,
    lang: crate::Lang,
) -> crate::Result<Vec<crate::case::due::DueAction>> {
    let case: Case = crate::reading::from_json(case_json, policy.max_input_bytes())?;
    Ok(crate::case::due::due_actions(&case, now, policy, lang))
}
