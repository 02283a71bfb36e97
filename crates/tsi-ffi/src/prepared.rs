//! A sharing case prepared once and asked many questions (#30), as a uniffi object.

use std::sync::Arc;

use tsi_core::Lang;

use crate::{audit_key, ShareDecision, SharingMatrix, TsiError};

/// A sharing case read and checked once, then asked many questions: `may_share` and
/// `remedies_json` read only the request and answer exactly as the one-shot functions do
/// (audit record included). Immutable, so safe to share between threads.
#[derive(uniffi::Object)]
pub struct PreparedSharingCase {
    inner: tsi_core::documents::PreparedSharingCase,
}

#[uniffi::export]
impl PreparedSharingCase {
    /// Reads and checks the case (JSON; paths under `/case`) under `policy_json` (SPEC
    /// defaults when absent).
    #[uniffi::constructor(default(policy_json = None))]
    pub fn new(case_json: String, policy_json: Option<String>) -> Result<Arc<Self>, TsiError> {
        let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
        let inner = tsi_core::documents::PreparedSharingCase::new(&case_json, policy)?;
        Ok(Arc::new(PreparedSharingCase { inner }))
    }

    /// `may_share` of this case: the decision and its audit record, chained to
    /// `audit_prev_json` and keyed by `audit_key_json` when given.
    #[uniffi::method(default(audit_prev_json = None, audit_key_json = None))]
    pub fn may_share(
        &self,
        request_json: String,
        lang: Lang,
        audit_prev_json: Option<String>,
        audit_key_json: Option<String>,
    ) -> Result<ShareDecision, TsiError> {
        let key = audit_key(audit_key_json.as_deref())?;
        Ok(self.inner.may_share(&request_json, audit_prev_json.as_deref(), key.as_ref(), lang)?.into())
    }

    /// `sharing_matrix` of this case: every cell and one audit record, chained to
    /// `audit_prev_json` and keyed by `audit_key_json` when given.
    #[uniffi::method(default(audit_prev_json = None, audit_key_json = None))]
    pub fn sharing_matrix(
        &self,
        request_json: String,
        lang: Lang,
        audit_prev_json: Option<String>,
        audit_key_json: Option<String>,
    ) -> Result<SharingMatrix, TsiError> {
        let key = audit_key(audit_key_json.as_deref())?;
        Ok(self.inner.sharing_matrix(&request_json, audit_prev_json.as_deref(), key.as_ref(), lang)?.into())
    }

    /// `remedies_json` of this case: what would make a denied question allowed, as JSON.
    pub fn remedies_json(&self, request_json: String, lang: Lang) -> Result<String, TsiError> {
        Ok(crate::to_json(&self.inner.remedies(&request_json, lang)?))
    }
}

/// A case (its state value) read once, then asked what may come next and what is due, and
/// given one event at a time (#30): `record` answers as `record_case_event` and returns the
/// next prepared case with the step. Immutable, so safe to share between threads.
#[derive(uniffi::Object)]
pub struct PreparedCase {
    inner: tsi_core::documents::PreparedCase,
}

/// One event recorded on a prepared case: `record_case_event`'s step without its case, and
/// the prepared case after it (ask its `case_json` when you need the state value).
#[derive(uniffi::Record)]
pub struct PreparedStep {
    /// Whether the event was applied.
    pub applied: bool,
    /// Warnings of an applied event.
    pub warnings: Vec<tsi_core::finding::Finding>,
    /// The refusal's code, when refused.
    pub refusal_code: Option<tsi_core::Code>,
    /// The refusal's path, when refused.
    pub refusal_path: Option<String>,
    /// The refusal's parameters (empty when applied).
    pub refusal_params: std::collections::HashMap<String, String>,
    /// The audit record (JSON): keep it, and pass it as `audit_prev_json` next time.
    pub audit_json: String,
    /// The case after the step (the same case when refused).
    pub next: Arc<PreparedCase>,
}

#[uniffi::export]
impl PreparedCase {
    /// Reads the case (JSON; absent, empty or `null` before Raise; paths under `/case`) under
    /// `policy_json` (SPEC defaults when absent).
    #[uniffi::constructor(default(case_json = None, policy_json = None))]
    pub fn new(case_json: Option<String>, policy_json: Option<String>) -> Result<Arc<Self>, TsiError> {
        let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
        let inner = tsi_core::documents::PreparedCase::new(case_json.as_deref(), policy)?;
        Ok(Arc::new(PreparedCase { inner }))
    }

    /// The case as JSON (absent before Raise).
    pub fn case_json(&self) -> Option<String> {
        self.inner.case().map(crate::to_json)
    }

    /// The events allowed next (R-CP-8).
    pub fn allowed_events(&self) -> Vec<tsi_core::case::EventKind> {
        self.inner.allowed_events()
    }

    /// What is due or overdue at `now` (RFC 3339; R-CP-9); nothing before Raise.
    pub fn due_actions(&self, now: String, lang: Lang) -> Result<Vec<tsi_core::case::due::DueAction>, TsiError> {
        let now = tsi_core::time::Instant::parse_arg(&now, "now")?;
        Ok(self.inner.due_actions(&now, lang))
    }

    /// `record_case_event` of this case: the step, chained to `audit_prev_json` and keyed by
    /// `audit_key_json` when given, and the next prepared case.
    #[uniffi::method(default(audit_prev_json = None, audit_key_json = None))]
    pub fn record(
        &self,
        entry_json: String,
        lang: Lang,
        audit_prev_json: Option<String>,
        audit_key_json: Option<String>,
    ) -> Result<PreparedStep, TsiError> {
        let key = audit_key(audit_key_json.as_deref())?;
        let prepared = self.inner.record(&entry_json, audit_prev_json.as_deref(), key.as_ref(), lang)?;
        let step = prepared.step;
        let (refusal_code, refusal_path, refusal_params) = crate::refusal_parts(step.refusal.as_ref());
        Ok(PreparedStep {
            applied: step.applied,
            warnings: step.warnings,
            refusal_code,
            refusal_path,
            refusal_params,
            audit_json: crate::to_json(&step.audit),
            next: Arc::new(PreparedCase { inner: prepared.next }),
        })
    }
}

/// A policy read and checked once (#30) — refused as `policy_json` would be (`POLICY_INVALID`,
/// paths under `/policy`) — then used to prepare cases and to answer one-shot questions
/// without reading it again. Immutable, so safe to share between threads.
#[derive(uniffi::Object)]
pub struct PreparedPolicy {
    policy: tsi_core::Policy,
}

#[uniffi::export]
impl PreparedPolicy {
    /// Reads and checks the policy (JSON; SPEC defaults when absent).
    #[uniffi::constructor(default(policy_json = None))]
    pub fn new(policy_json: Option<String>) -> Result<Arc<Self>, TsiError> {
        let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
        Ok(Arc::new(PreparedPolicy { policy }))
    }

    /// The policy as read, every default filled in (JSON).
    pub fn policy_json(&self) -> String {
        tsi_core::documents::policy_json(&self.policy)
    }

    /// A sharing case prepared under this policy (`PreparedSharingCase(case_json, policy_json)`
    /// without reading the policy again).
    pub fn prepare_sharing_case(&self, case_json: String) -> Result<Arc<PreparedSharingCase>, TsiError> {
        let inner = tsi_core::documents::PreparedSharingCase::new(&case_json, self.policy.clone())?;
        Ok(Arc::new(PreparedSharingCase { inner }))
    }

    /// A case prepared under this policy (`PreparedCase(case_json, policy_json)` without reading
    /// the policy again).
    #[uniffi::method(default(case_json = None))]
    pub fn prepare_case(&self, case_json: Option<String>) -> Result<Arc<PreparedCase>, TsiError> {
        let inner = tsi_core::documents::PreparedCase::new(case_json.as_deref(), self.policy.clone())?;
        Ok(Arc::new(PreparedCase { inner }))
    }

    /// `may_share` under this policy.
    #[uniffi::method(default(audit_prev_json = None, audit_key_json = None))]
    pub fn may_share(
        &self,
        case_json: String,
        request_json: String,
        lang: Lang,
        audit_prev_json: Option<String>,
        audit_key_json: Option<String>,
    ) -> Result<ShareDecision, TsiError> {
        let (prev, key) = (audit_prev_json.as_deref(), audit_key_json.as_deref());
        crate::may_share_under(&self.policy, &case_json, &request_json, lang, prev, key)
    }

    /// `validate_sip` under this policy.
    pub fn validate_sip(&self, sip_json: String, lang: Lang) -> Result<tsi_core::finding::Report, TsiError> {
        Ok(tsi_core::documents::validate_sip(&sip_json, &self.policy, lang)?)
    }

    /// `replay_case` under this policy.
    #[uniffi::method(default(at = None, audit_key_json = None, audit = true))]
    pub fn replay_case(
        &self,
        log_json: String,
        lang: Lang,
        at: Option<String>,
        audit_key_json: Option<String>,
        audit: bool,
    ) -> Result<crate::CaseView, TsiError> {
        crate::replay_under(&self.policy, &log_json, lang, at.as_deref(), audit_key_json.as_deref(), audit)
    }
}
