//! A sharing case prepared once and asked many questions (#30): read and checked once — its
//! schema version, limits, shape, references — then `may_share`, `sharing_matrix` and
//! `remedies` read only the
//! request. A vendor's screen asks many questions of one case; a policy engine that parses its
//! input once (cedar's `PolicySet`, ajv's compiled schema) answers each in microseconds.
//! Every answer equals the one-shot function's for the same documents (property test in
//! `tests/differential.rs`), audit record included.

use super::consent::{audited, read_audit_prev, read_case, read_request, AuditedDecision};
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
}

impl PreparedSharingCase {
    /// Reads and checks the case document (paths prefixed `/case`): the errors the one-shot
    /// calls would raise for this case are raised here, once.
    pub fn new(case_json: &str, policy: Policy) -> Result<Self> {
        let case = read_case(case_json, &policy)?;
        crate::consent::decide::check_case(&case, &policy)?;
        Ok(PreparedSharingCase { case, policy })
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
        let decision = crate::consent::decide::may_share_checked(&self.case, &request, &self.policy, lang)?;
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
        super::consent::matrix_of_checked(&self.case, request_json, audit_prev_json, key, &self.policy, lang)
    }

    /// [`super::remedies`] of this case.
    pub fn remedies(&self, request_json: &str, lang: Lang) -> Result<Remedies> {
        let request = read_request(request_json, &self.policy)?;
        crate::consent::remedy::remedies(&self.case, &request, &self.policy, lang)
    }
}
