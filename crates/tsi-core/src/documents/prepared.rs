//! A sharing case prepared once and asked many questions (#30): read and checked once — its
//! schema version, limits, shape, references — then `may_share`, `sharing_matrix` and
//! `remedies` read only the
//! request. A vendor's screen asks many questions of one case; a policy engine that parses its
//! input once (cedar's `PolicySet`, ajv's compiled schema) answers each in microseconds.
//! Every answer equals the one-shot function's for the same documents (property test in
//! `tests/differential.rs`), audit record included.

use super::consent::{audited, read_audit_prev, read_checked_case, read_request, AuditedDecision};
use crate::consent::remedy::Remedies;
use crate::consent::SharingCase;
use crate::policy::Policy;
use crate::{Lang, Result};

/// A sharing case read and checked once, with the policy it is judged under. Immutable: safe
/// to share between threads.
#[derive(Clone, Debug)]
pub struct PreparedSharingCase {
    case: SharingCase,
    policy: Policy,
    /// Which consents are the first with their id, worked out once for every question.
    firsts: Vec<bool>,
}

impl PreparedSharingCase {
    /// Reads and checks the case document (paths prefixed `/case`): the errors the one-shot
    /// calls would raise for this case are raised here, once.
    pub fn new(case_json: &str, policy: Policy) -> Result<Self> {
        let case = read_checked_case(case_json, &policy)?;
        let firsts = crate::consent::decide::first_with_id(&case);
        Ok(PreparedSharingCase { case, policy, firsts })
    }

    /// The case, as read.
    pub fn case(&self) -> &SharingCase {
        &self.case
    }

    /// [`super::may_share`] of this case: the decision and its audit record, chained to
    /// `audit_prev_json` (paths prefixed `/request`, `/audit_prev`).
    pub fn may_share(
        &self,
        request_json: &str,
        audit_prev_json: Option<&str>,
        key: Option<&crate::audit::AuditKey>,
        lang: Lang,
    ) -> Result<AuditedDecision> {
        let request = read_request(request_json, &self.policy)?;
        let prev = read_audit_prev(audit_prev_json, &self.policy)?;
        let decision =
            crate::consent::decide::may_share_checked(&self.case, Some(&self.firsts), &request, &self.policy, lang)?;
        audited(&self.case, &request, prev.as_ref(), key, decision)
    }

    /// [`super::sharing_matrix`] of this case: every cell and one audit record.
    pub fn sharing_matrix(
        &self,
        request_json: &str,
        audit_prev_json: Option<&str>,
        key: Option<&crate::audit::AuditKey>,
        lang: Lang,
    ) -> Result<super::AuditedMatrix> {
        super::consent::matrix_of_checked(
            &self.case,
            Some(&self.firsts),
            request_json,
            audit_prev_json,
            key,
            &self.policy,
            lang,
        )
    }

    /// [`super::remedies`] of this case.
    pub fn remedies(&self, request_json: &str, lang: Lang) -> Result<Remedies> {
        let request = read_request(request_json, &self.policy)?;
        crate::consent::remedy::remedies_checked(&self.case, Some(&self.firsts), &request, &self.policy, lang)
    }
}

/// A case (its state value, #30) read once, with the policy it runs under: asked what may come
/// next and what is due, and given one event at a time. Immutable: [`PreparedCase::record`]
/// returns the next prepared case, so a caller keeps or drops either.
#[derive(Clone, Debug)]
pub struct PreparedCase {
    case: Option<crate::case::Case>,
    policy: std::sync::Arc<Policy>,
}

/// One event recorded on a prepared case: the step as [`super::record_case_event`] gives it,
/// its case moved into the prepared case after it (the same case when the event was refused),
/// so that the case is neither copied nor written out unless asked for.
#[derive(Clone, Debug)]
pub struct PreparedStep {
    /// The step, audit record included; its `case` is `None` (see `next`).
    pub step: super::RecordedStep,
    /// The case after the step.
    pub next: PreparedCase,
}

impl PreparedCase {
    /// Reads the case document (`None`, empty or `null`: before Raise; paths under `/case`).
    pub fn new(case_json: Option<&str>, policy: Policy) -> Result<Self> {
        Ok(PreparedCase { case: super::case::optional_case(case_json, &policy)?, policy: policy.into() })
    }

    /// The case, as read or as the last event left it (`None` before Raise).
    pub fn case(&self) -> Option<&crate::case::Case> {
        self.case.as_ref()
    }

    /// [`super::allowed_events`] of this case.
    pub fn allowed_events(&self) -> Vec<crate::case::EventKind> {
        crate::case::transition::allowed_events(self.case.as_ref())
    }

    /// [`super::due_actions`] of this case at `now` (nothing is due before Raise).
    pub fn due_actions(&self, now: &crate::time::Instant, lang: Lang) -> Vec<crate::case::due::DueAction> {
        self.case.as_ref().map(|c| crate::case::due::due_actions(c, now, &self.policy, lang)).unwrap_or_default()
    }

    /// [`super::record_case_event`] of this case: the step, chained to `audit_prev_json`, and
    /// the next prepared case.
    pub fn record(
        &self,
        entry_json: &str,
        audit_prev_json: Option<&str>,
        key: Option<&crate::audit::AuditKey>,
        lang: Lang,
    ) -> Result<PreparedStep> {
        let mut step =
            super::case::record_on(self.case.as_ref(), entry_json, audit_prev_json, key, &self.policy, lang)?;
        let next = PreparedCase { case: step.case.take(), policy: self.policy.clone() };
        Ok(PreparedStep { step, next })
    }
}
