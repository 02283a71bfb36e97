//! SIP documents (SPEC §7): a plan to validate or summarise, and whether one is indicated.

use crate::agency::Agency;
use crate::finding::Code;
use crate::policy::Policy;
use crate::reading::Bounds;
use crate::sip::{
    sip_indicated as indicated, sip_summary as summary, validate_sip as check_sip, Sip, SIP_SCHEMA_VERSION,
};
use crate::{Error, Lang, Report, Result};

/// Parses and validates a SIP document; only unreadable input is an error (R-SP-6).
pub fn validate_sip(sip_json: &str, policy: &Policy, lang: Lang) -> Result<Report> {
    let sip = parse_sip(sip_json, policy)?;
    Ok(Report::new(check_sip(&sip, policy), lang))
}

/// Reads a SIP document within the policy's limits.
pub fn parse_sip(sip_json: &str, policy: &Policy) -> Result<Sip> {
    let max = usize::try_from(policy.limits.max_interventions).unwrap_or(usize::MAX);
    let lists = [("interventions", max)];
    let bounds = Bounds { version: Some(SIP_SCHEMA_VERSION), lists: &lists, ..Bounds::within(policy) };
    let sip: Sip = crate::reading::read(sip_json, bounds)?;
    // R-PD-1: every id is a reference, and none may be a personal number.
    if let Some(path) = crate::reference::References::find_reference(&sip, crate::id::contains_personal_number) {
        return Err(Error::new(Code::ReferenceIsPersonalNumber, path));
    }
    Ok(sip)
}

/// R-SP-0 on JSON: the agencies (a JSON array) and the ids of the agencies responsible for
/// the child's interventions. True when a SIP is indicated.
pub fn sip_indicated(agencies_json: &str, responsible: &[String], policy: &Policy) -> Result<bool> {
    let agencies: Vec<Agency> = crate::reading::from_json(agencies_json, policy.max_input_bytes())?;
    Ok(indicated(&agencies, responsible.iter().map(String::as_str)).is_some())
}

/// Parses a SIP document and summarises it.
pub fn sip_summary(sip_json: &str, policy: &Policy, lang: Lang) -> Result<String> {
    Ok(summary(&parse_sip(sip_json, policy)?, lang))
}
