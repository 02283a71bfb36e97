//! Policy documents (SPEC §10): read, checked, written.

use crate::finding::Code;
use crate::policy::{validate_policy as check_policy, Policy, POLICY_SCHEMA_VERSION};
use crate::reading::{from_versioned_json, DEFAULT_MAX_INPUT_BYTES};
use crate::{Lang, Report, Result};

/// Parses a policy document (JSON). Absent fields take their defaults.
pub fn parse_policy(policy_json: &str) -> Result<Policy> {
    from_versioned_json(policy_json, DEFAULT_MAX_INPUT_BYTES, POLICY_SCHEMA_VERSION)
}

/// The default policy as pretty JSON.
pub fn default_policy_json() -> String {
    policy_json(&Policy::default())
}

/// A policy as pretty JSON (what `parse_policy` reads back unchanged).
pub fn policy_json(policy: &Policy) -> String {
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string_pretty(policy).unwrap_or_default()
}

/// The policy to decide with: the given JSON, or the default when absent. A policy that
/// cannot be read, or that has findings of severity error, is refused (`POLICY_INVALID`,
/// path under `/policy`): decisions are never made on a broken policy.
pub fn policy_or_default(json: Option<&str>) -> Result<Policy> {
    let Some(text) = json.filter(|t| !t.trim().is_empty()) else { return Ok(Policy::default()) };
    let policy = parse_policy(text).map_err(|e| e.under("/policy"))?;
    let errors = check_policy(&policy).into_iter().find(|f| f.severity == crate::Severity::Error);
    match errors {
        Some(f) => Err(crate::Error::new(Code::PolicyInvalid, format!("/policy{}", f.path))),
        None => Ok(policy),
    }
}

/// Parses and validates a policy document: an error only if it cannot be read, else a
/// report of every rule finding.
pub fn validate_policy(policy_json: &str, lang: Lang) -> Result<Report> {
    Ok(Report::new(check_policy(&parse_policy(policy_json)?), lang))
}
