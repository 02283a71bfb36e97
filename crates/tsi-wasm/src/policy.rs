//! A policy read and checked once (#30), then used for many cases and questions: the one-shot
//! functions read `options.policy` again on every call (JSON text or an object stringified and
//! parsed, some 25 µs), a prepared policy never does.

use wasm_bindgen::prelude::*;

use super::{
    core_in, document_arg, options_without_policy, replay_under, to_js, to_js_error, CaseArg, CaseStateArg, JsResult,
    LogArg, PolicyArg, PreparedCase, PreparedSharingCase, RequestArg, SipArg,
};

#[wasm_bindgen]
extern "C" {
    /// Options of a call under a prepared policy: a `policy` among them is refused.
    #[wasm_bindgen(typescript_type = "PreparedCheckOptions")]
    pub type PreparedCheckOptionsArg;
    /// Options of `replayCase` under a prepared policy (`audit: "json"`, `case: "json"` are the overloads
    /// declared in api.d.ts: a class's own signature is tried before a merged one).
    #[wasm_bindgen(typescript_type = "PreparedCaseOptions & { audit?: boolean; case?: true }")]
    pub type PreparedCaseOptionsArg;
}

/// A policy read and checked once — refused as `options.policy` would be (`POLICY_INVALID`,
/// paths under `/policy`) — then used to prepare cases and to answer one-shot questions without
/// reading it again. Absent: SPEC's defaults. Immutable; `free()` releases it.
#[wasm_bindgen]
pub struct PreparedPolicy {
    policy: tsi_core::Policy,
}

#[wasm_bindgen]
impl PreparedPolicy {
    /// Reads and checks the policy (an object or JSON text; SPEC's defaults when absent).
    #[wasm_bindgen(constructor)]
    pub fn new(policy: Option<PolicyArg>) -> Result<PreparedPolicy, JsValue> {
        let value: Option<JsValue> = policy.map(Into::into).filter(|p: &JsValue| !p.is_undefined() && !p.is_null());
        let text = value.map(|p| document_arg(&p, "policy")).transpose()?;
        let policy = tsi_core::documents::policy_or_default(text.as_deref()).map_err(|e| to_js_error(&e))?;
        Ok(PreparedPolicy { policy })
    }

    /// The policy as read, every default filled in.
    #[wasm_bindgen(getter, unchecked_return_type = "Policy")]
    pub fn policy(&self) -> JsResult {
        to_js(&self.policy)
    }

    /// A sharing case prepared under this policy: `new PreparedSharingCase(case, { policy })`
    /// without reading the policy again.
    #[wasm_bindgen(js_name = prepareSharingCase)]
    pub fn prepare_sharing_case(
        &self,
        case: CaseArg,
        options: Option<PreparedCheckOptionsArg>,
    ) -> Result<PreparedSharingCase, JsValue> {
        let o = options_without_policy(options.map(Into::into))?;
        PreparedSharingCase::under(self.policy.clone(), &case, o.lang)
    }

    /// A case prepared under this policy: `new PreparedCase(case, { policy })` without reading
    /// the policy again.
    #[wasm_bindgen(js_name = prepareCase)]
    pub fn prepare_case(
        &self,
        case_value: Option<CaseStateArg>,
        options: Option<PreparedCheckOptionsArg>,
    ) -> Result<PreparedCase, JsValue> {
        let o = options_without_policy(options.map(Into::into))?;
        PreparedCase::under(self.policy.clone(), case_value.map(Into::into), o.lang)
    }

    /// `mayShare` under this policy.
    #[wasm_bindgen(js_name = mayShare, unchecked_return_type = "ShareDecision")]
    pub fn may_share(
        &self,
        case: CaseArg,
        request: RequestArg,
        options: Option<super::PreparedRecordOptionsArg>,
    ) -> JsResult {
        let (o, record) = super::prepared_record_options(options)?;
        super::may_share_under(&self.policy, &case, &request, &o, record)
    }

    /// `validateSip` under this policy.
    #[wasm_bindgen(js_name = validateSip, unchecked_return_type = "Report")]
    pub fn validate_sip(&self, plan: SipArg, options: Option<PreparedCheckOptionsArg>) -> JsResult {
        let o = options_without_policy(options.map(Into::into))?;
        core_in(tsi_core::documents::validate_sip(&document_arg(&plan, "sip")?, &self.policy, o.lang), o.lang)
    }

    /// `replayCase` under this policy.
    #[wasm_bindgen(js_name = replayCase, unchecked_return_type = "CaseView")]
    pub fn replay_case(&self, log: LogArg, options: Option<PreparedCaseOptionsArg>) -> JsResult {
        let raw: Option<JsValue> = options.map(Into::into);
        let o = options_without_policy(raw.clone())?;
        replay_under(&self.policy, &log, raw.as_ref(), &o)
    }
}
