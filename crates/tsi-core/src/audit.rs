//! Hash-chained audit records (R-AU-1): every sharing decision (and, later, every case
//! event) yields a record of who, what, when, basis and outcome. Each record holds the hash
//! of the one before, so a vendor can prove its log was not altered; [`verify_chain`]
//! names the first broken link.
//!
//! The hash is SHA-256 over the record's JSON (fields in declaration order) with `hash`
//! empty. Records hold staff and case references and codes, never the child's identity.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::consent::decide::{Basis, Decision, ShareRequest};
use crate::consent::{InformationCategory, Purpose};
use crate::error::Result;
use crate::finding::{Code, Finding};
use crate::time::Instant;

/// The `prev_hash` of the first record of a chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What was done.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum AuditAction {
    /// A `may_share` decision.
    ShareDecision {
        /// Sending agency id.
        from: String,
        /// Receiving agency id.
        to: String,
        /// Information category.
        category: InformationCategory,
        /// Purpose.
        purpose: Purpose,
    },
    /// A case event (R-CP-8).
    CaseEvent {
        /// The event's name.
        event: String,
        /// The state before.
        from: Option<crate::case::CaseState>,
        /// The state after (the same as before when refused).
        to: Option<crate::case::CaseState>,
    },
}

/// How it ended.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditOutcome {
    /// Allowed, on the record's basis.
    Allowed,
    /// Denied, for the record's reason codes.
    Denied,
}

/// One audit record.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AuditRecord {
    /// 0 for the first record of a chain, then +1 each.
    pub seq: u64,
    /// When (the decision instant).
    pub at: Instant,
    /// Who (staff reference).
    pub actor: String,
    /// Which case (case reference).
    pub case_id: String,
    /// What.
    pub action: AuditAction,
    /// Allowed or denied.
    pub outcome: AuditOutcome,
    /// The basis of an allowed decision.
    pub basis: Option<Basis>,
    /// The codes of the reasons (never their parameters).
    pub reason_codes: Vec<Code>,
    /// Hash of the previous record ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) of this record with `hash` empty.
    pub hash: String,
}

impl AuditRecord {
    /// The hash this record should carry.
    pub fn content_hash(&self) -> String {
        let mut unsealed = self.clone();
        unsealed.hash.clear();
        // Serializing plain data cannot fail; an empty body would fail verification anyway.
        let body = serde_json::to_vec(&unsealed).unwrap_or_default();
        Sha256::digest(&body).iter().map(|b| format!("{b:02x}")).collect()
    }

    fn sealed(mut self) -> Self {
        self.hash = self.content_hash();
        self
    }
}

/// The sequence number after `prev` (0 starts a chain).
fn next_seq(prev: Option<&AuditRecord>) -> u64 {
    prev.map_or(0, |p| p.seq.saturating_add(1))
}

/// The hash a record after `prev` links to ([`GENESIS_HASH`] starts a chain).
fn prev_hash(prev: Option<&AuditRecord>) -> String {
    prev.map_or_else(|| GENESIS_HASH.to_owned(), |p| p.hash.clone())
}

/// The audit record of a sharing decision, chained after `prev`.
pub fn record_decision(
    prev: Option<&AuditRecord>,
    case_id: &str,
    request: &ShareRequest,
    decision: &Decision,
) -> AuditRecord {
    AuditRecord {
        seq: next_seq(prev),
        at: request.at,
        actor: request.actor.clone(),
        case_id: case_id.to_owned(),
        action: AuditAction::ShareDecision {
            from: request.from.clone(),
            to: request.to.clone(),
            category: request.category,
            purpose: request.purpose.clone(),
        },
        outcome: if decision.allowed { AuditOutcome::Allowed } else { AuditOutcome::Denied },
        basis: decision.basis.clone(),
        reason_codes: decision.reasons.iter().map(|r| r.code).collect(),
        prev_hash: prev_hash(prev),
        hash: String::new(),
    }
    .sealed()
}

/// The audit record of a case event, chained after `prev`. A refused event is recorded
/// as denied with its code.
pub fn record_event(
    prev: Option<&AuditRecord>,
    case_id: &str,
    ctx: &crate::case::EventContext,
    event: &str,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
    refused: Option<Code>,
) -> AuditRecord {
    AuditRecord {
        seq: next_seq(prev),
        at: ctx.now,
        actor: ctx.actor.clone(),
        case_id: case_id.to_owned(),
        action: AuditAction::CaseEvent { event: event.to_owned(), from: states.0, to: states.1 },
        outcome: if refused.is_some() { AuditOutcome::Denied } else { AuditOutcome::Allowed },
        basis: None,
        reason_codes: refused.into_iter().collect(),
        prev_hash: prev_hash(prev),
        hash: String::new(),
    }
    .sealed()
}

/// The result of checking a chain.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ChainReport {
    /// True when every link holds.
    pub valid: bool,
    /// How many records were checked (up to and including the first broken one).
    pub checked: u64,
    /// Index of the first broken record.
    pub first_broken: Option<u64>,
    /// What is wrong with it (path `/<index>`).
    pub finding: Option<Finding>,
}

/// Checks a chain (or a segment of one: a first record with `seq` > 0 may follow anything).
pub fn verify_chain(records: &[AuditRecord], lang: crate::Lang) -> ChainReport {
    let mut prev: Option<&AuditRecord> = None;
    for (i, record) in records.iter().enumerate() {
        if let Some(code) = broken_link(prev, record) {
            let mut finding = Finding::new(code, format!("/{i}"));
            finding.message = finding.render(lang);
            let index = u64::try_from(i).unwrap_or(u64::MAX);
            return ChainReport {
                valid: false,
                checked: index.saturating_add(1),
                first_broken: Some(index),
                finding: Some(finding),
            };
        }
        prev = Some(record);
    }
    ChainReport {
        valid: true,
        checked: u64::try_from(records.len()).unwrap_or(u64::MAX),
        first_broken: None,
        finding: None,
    }
}

fn broken_link(prev: Option<&AuditRecord>, record: &AuditRecord) -> Option<Code> {
    if record.hash != record.content_hash() {
        return Some(Code::AuditHashMismatch);
    }
    match prev {
        None if record.seq == 0 && record.prev_hash != GENESIS_HASH => Some(Code::AuditPrevMismatch),
        None => None,
        Some(p) if record.prev_hash != p.hash => Some(Code::AuditPrevMismatch),
        Some(p) if Some(record.seq) != p.seq.checked_add(1) => Some(Code::AuditSeqGap),
        Some(_) => None,
    }
}

/// Parses a JSON array of records and checks the chain.
pub fn verify_chain_json(json: &str, max_bytes: usize, lang: crate::Lang) -> Result<ChainReport> {
    let records: Vec<AuditRecord> = crate::json::from_json(json, max_bytes)?;
    Ok(verify_chain(&records, lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::decide::Decision;
    use crate::Lang;

    fn request(n: u32) -> ShareRequest {
        ShareRequest {
            from: "school".into(),
            to: "soc".into(),
            category: InformationCategory::Attendance,
            purpose: Purpose::TsiCollaboration,
            at: Instant::parse(&format!("2026-11-{:02}T10:00:00+01:00", n + 1)).unwrap(),
            actor: "staff-1".into(),
        }
    }

    fn chain(n: u32) -> Vec<AuditRecord> {
        let denied =
            Decision { allowed: false, basis: None, reasons: vec![Finding::new(Code::ConsentNone, "/case/consents")] };
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let record = record_decision(out.last(), "case-1", &request(i), &denied);
            out.push(record);
        }
        out
    }

    #[test]
    fn r_au_1_records_chain_from_genesis_and_verify() {
        let records = chain(4);
        assert_eq!(records[0].prev_hash, GENESIS_HASH);
        assert_eq!(records[0].seq, 0);
        assert_eq!(records[3].prev_hash, records[2].hash);
        assert_eq!(records[1].reason_codes, vec![Code::ConsentNone]);
        assert_eq!(records[0].hash.len(), 64);
        let report = verify_chain(&records, Lang::En);
        assert_eq!((report.valid, report.checked, report.first_broken), (true, 4, None));
        assert!(verify_chain(&records[2..], Lang::En).valid, "a segment verifies");
        assert!(verify_chain(&[], Lang::En).valid);
    }

    #[test]
    fn r_au_1_the_first_broken_link_is_named() {
        let mut records = chain(5);
        records[2].outcome = AuditOutcome::Allowed;
        let r = verify_chain(&records, Lang::En);
        assert_eq!((r.valid, r.first_broken), (false, Some(2)));
        assert_eq!(r.finding.as_ref().map(|f| (f.code, f.path.as_str())), Some((Code::AuditHashMismatch, "/2")));

        let mut records = chain(5);
        records.remove(3);
        let r = verify_chain(&records, Lang::En);
        assert_eq!((r.first_broken, r.finding.map(|f| f.code)), (Some(3), Some(Code::AuditPrevMismatch)));

        let mut records = chain(3);
        records[1].seq = 7;
        records[1].hash = records[1].content_hash();
        records[2].prev_hash = records[1].hash.clone();
        records[2].hash = records[2].content_hash();
        assert_eq!(verify_chain(&records, Lang::En).finding.map(|f| f.code), Some(Code::AuditSeqGap));

        let mut records = chain(2);
        records[0].prev_hash = records[1].hash.clone();
        records[0].hash = records[0].content_hash();
        assert_eq!(verify_chain(&records, Lang::En).first_broken, Some(0));
    }

    #[test]
    fn r_au_1_records_round_trip_through_json_and_still_verify() {
        let records = chain(3);
        let json = serde_json::to_string(&records).unwrap();
        assert!(verify_chain_json(&json, 1 << 20, Lang::Sv).unwrap().valid);
        let tampered = json.replacen("staff-1", "staff-2", 1);
        assert_eq!(verify_chain_json(&tampered, 1 << 20, Lang::Sv).unwrap().first_broken, Some(0));
    }
}
