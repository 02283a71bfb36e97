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
