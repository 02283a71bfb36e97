//! The documents layer: every entry point that takes a JSON document, above the typed domain.
//! Each one reads its documents (the reading layer: limits, paths, SPEC §9), calls the
//! domain, and composes what a caller keeps with the answer (a decision or an event with its
//! audit record). The domain modules take and return types only.
//!
//! **The naming rule**, the same in every binding: an entry point is named for what it does
//! (`may_share`, `validate_sip`, `replay_case`), as in JavaScript (`mayShare`), Kotlin and
//! Swift (`mayShare`) and Python (`may_share`); an argument, field or result that holds JSON
//! text ends in `_json` (`case_json`, `audit_json`, `policy_json`), and nothing else does.
//! In Rust a document argument is `&str` and the result is the domain's type.

mod audit;
mod case;
mod consent;
mod deidentify;
mod followup;
mod meeting;
mod policy;
mod prepared;
#[cfg(feature = "schema")]
pub mod schema;
mod sip;
mod stats;

pub use audit::{audit_key, audit_proves, verify_audit_chain};
pub use case::{
    allowed_events, apply_case_event, apply_recorded, due_actions, record_case_event, replay_case,
    replay_case_choosing_audit, replay_case_unaudited, CaseView, RecordedStep,
};
pub use consent::{
    consent_form, decide, decide_question, may_share, plan_consent, question_plan_with_form, question_remedies,
    remedies, sharing_matrix, validate_sharing_case, AuditedDecision, AuditedMatrix, ShareQuestion,
};
pub use deidentify::check_deidentified;
pub use followup::{classify_change, validate_measures};
pub use meeting::{agenda, next_slots};
pub use policy::{default_policy_json, parse_policy, policy_json, policy_or_default, validate_policy};
pub use prepared::{PreparedCase, PreparedSharingCase, PreparedStep};
pub use sip::{parse_sip, sip_indicated, sip_summary, validate_sip};
pub use stats::{add_case_log, partial_aggregate};
