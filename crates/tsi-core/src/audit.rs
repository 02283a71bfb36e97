//! Hash-chained audit records (R-AU-1): every sharing decision and every case event, applied
//! or refused, yields a record of who, what, when, basis and outcome, with a digest of the
//! canonical content it was about. Each record holds the hash of the one before, so a vendor
//! can prove its log was not altered; [`ChainVerifier`] names the first broken link, streaming.
//!
//! The format is versioned and documented (docs/audit-format.md) so that anyone can re-verify
//! a log in any language: a record's hash is SHA-256 (lower-case hex) over the RFC 8785
//! canonical JSON ([`crate::canonical`]) of the record's object without `hash`, with `at`
//! written in UTC (`…Z`). Keys are sorted and instants normalised, so a record re-written by
//! another JSON library, in another key order or with `+01:00` for `Z`, hashes the same.
//! Records hold staff and case references and codes, never the child's identity.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::consent::decide::{Basis, Decision, ShareRequest};
use crate::consent::{InformationCategory, Purpose};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::time::Instant;

/// The `prev_hash` of the first record of a chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The version of the record format this library writes and reads.
pub const AUDIT_SCHEMA_VERSION: u32 = 2;

/// What was done.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditOutcome {
    /// Allowed (a decision) or applied (an event), on the record's basis.
    Allowed,
    /// Denied (a decision) or refused (an event), for the record's reason codes.
    Denied,
}

/// One audit record.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AuditRecord {
    /// Always [`AUDIT_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// 0 for the first record of a chain, then +1 each.
    pub seq: u64,
    /// When (the decision instant, the event's `now`), written in UTC.
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "ts", ts(type = "Instant"))]
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
    /// SHA-256 (hex) of the canonical JSON of what was decided on: the request of a sharing
    /// decision, the `{ctx, event}` entry of a case event. The log proves *what* happened.
    pub subject_digest: String,
    /// Hash of the previous record ([`GENESIS_HASH`] for the first).
    pub prev_hash: String,
    /// SHA-256 (hex) of this record's canonical form (see the module docs).
    pub hash: String,
}

/// Lower-case hex of a digest.
fn hex(bytes: &[u8]) -> String {
    let digit = |n: u8| char::from(if n < 10 { b'0' + n } else { b'a' + n - 10 });
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(digit(b >> 4));
        out.push(digit(b & 0xf));
    }
    out
}

/// SHA-256 (hex) of the canonical JSON of a value.
pub fn digest<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    Ok(hex(&Sha256::digest(crate::canonical::to_vec(value)?)))
}

/// The hash a record object should carry: SHA-256 over its canonical JSON without `hash`,
/// with `at` in UTC. Works on the object as stored, so fields this version does not know
/// would be covered too.
pub fn object_hash(record: &Map<String, Value>) -> Result<String> {
    body_hash(record.clone())
}

fn body_hash(mut body: Map<String, Value>) -> Result<String> {
    body.remove("hash");
    if let Some(Value::String(at)) = body.get_mut("at") {
        if let Some(instant) = Instant::parse(at) {
            *at = instant.utc_string();
        }
    }
    digest(&body)
}

/// A record as its hash covers it: every field but `hash` (what [`object_hash`] hashes of the
/// record as an object, written without building the object).
#[derive(Serialize)]
struct Body<'a> {
    schema_version: u32,
    seq: u64,
    #[serde(with = "crate::time::utc")]
    at: Instant,
    actor: &'a str,
    case_id: &'a str,
    action: &'a AuditAction,
    outcome: AuditOutcome,
    basis: &'a Option<Basis>,
    reason_codes: &'a [Code],
    subject_digest: &'a str,
    prev_hash: &'a str,
}

impl AuditRecord {
    /// The hash this record should carry.
    pub fn content_hash(&self) -> String {
        // A record of plain data always has a canonical form.
        digest(&self.body()).unwrap_or_default()
    }

    fn body(&self) -> Body<'_> {
        // Named one by one so that a field added to the record cannot be left out of its hash.
        let AuditRecord {
            schema_version,
            seq,
            at,
            actor,
            case_id,
            action,
            outcome,
            basis,
            reason_codes,
            subject_digest,
            prev_hash,
            hash: _,
        } = self;
        Body {
            schema_version: *schema_version,
            seq: *seq,
            at: *at,
            actor,
            case_id,
            action,
            outcome: *outcome,
            basis,
            reason_codes,
            subject_digest,
            prev_hash,
        }
    }

    fn sealed(mut self) -> Self {
        self.hash = self.content_hash();
        self
    }
}

/// Where a new record goes: its `seq` and `prev_hash`. A previous record that does not carry
/// its own hash is refused (`AUDIT_PREV_INVALID`): a forged record must not be chained onto.
fn link(prev: Option<&AuditRecord>) -> Result<(u64, String)> {
    if let Some(p) = prev {
        if p.schema_version != AUDIT_SCHEMA_VERSION || p.hash != p.content_hash() {
            return Err(Error::new(Code::AuditPrevInvalid, "/audit_prev"));
        }
    }
    link_unchecked(prev)
}

/// [`link`] without checking the previous record (one this library has just sealed).
fn link_unchecked(prev: Option<&AuditRecord>) -> Result<(u64, String)> {
    let Some(p) = prev else { return Ok((0, GENESIS_HASH.to_owned())) };
    let seq = p.seq.checked_add(1).ok_or_else(|| Error::new(Code::LimitExceeded, "/audit_prev/seq"))?;
    Ok((seq, p.hash.clone()))
}

/// The audit record of a sharing decision, chained after `prev`.
pub fn record_decision(
    prev: Option<&AuditRecord>,
    case_id: &str,
    request: &ShareRequest,
    decision: &Decision,
) -> Result<AuditRecord> {
    let (seq, prev_hash) = link(prev)?;
    Ok(AuditRecord {
        schema_version: AUDIT_SCHEMA_VERSION,
        seq,
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
        subject_digest: digest(request)?,
        prev_hash,
        hash: String::new(),
    }
    .sealed())
}

/// The audit record of a case event (`entry` is its `{ctx, event}`), chained after `prev`.
/// A refused event is recorded as denied with its code, the state unchanged.
pub fn record_event(
    prev: Option<&AuditRecord>,
    case_id: &str,
    entry: &crate::case::LogEntry,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
    refused: Option<Code>,
) -> Result<AuditRecord> {
    event_record(link(prev)?, case_id, entry, states, refused)
}

/// [`record_event`] after a record this library has just sealed (a replay's own chain): it is
/// not hashed again to be checked, which was a third of replaying with audit records.
pub(crate) fn record_event_after_own(
    own: Option<&AuditRecord>,
    case_id: &str,
    entry: &crate::case::LogEntry,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
) -> Result<AuditRecord> {
    event_record(link_unchecked(own)?, case_id, entry, states, None)
}

fn event_record(
    (seq, prev_hash): (u64, String),
    case_id: &str,
    entry: &crate::case::LogEntry,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
    refused: Option<Code>,
) -> Result<AuditRecord> {
    Ok(AuditRecord {
        schema_version: AUDIT_SCHEMA_VERSION,
        seq,
        at: entry.ctx.now,
        actor: entry.ctx.actor.clone(),
        case_id: case_id.to_owned(),
        action: AuditAction::CaseEvent { event: entry.event.name().to_owned(), from: states.0, to: states.1 },
        outcome: if refused.is_some() { AuditOutcome::Denied } else { AuditOutcome::Allowed },
        basis: None,
        reason_codes: refused.into_iter().collect(),
        subject_digest: digest(entry)?,
        prev_hash,
        hash: String::new(),
    }
    .sealed())
}

/// Where a verified chain begins.
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainStart {
    /// At genesis: the first record has `seq` 0 and the genesis `prev_hash`. A whole log.
    Genesis,
    /// At the anchor the caller passed: the head hash of the previous segment.
    Anchor,
}

/// The result of checking a chain.
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ChainReport {
    /// True when every link holds, from genesis or from the anchor.
    pub valid: bool,
    /// Where the chain was required to begin.
    pub starts_at: ChainStart,
    /// How many records were checked (up to and including the first broken one).
    pub checked: u64,
    /// Index of the first broken record.
    pub first_broken: Option<u64>,
    /// What is wrong with it (path `/<index>`).
    pub finding: Option<Finding>,
    /// The hash of the last record of an intact chain: the anchor of the next segment. Keep
    /// it apart from the log: records cut off the end are found only against a kept head.
    pub head: Option<String>,
}

/// Verifies a chain record by record, in constant memory: a log of any length streams
/// through it (the size limit applies to each record, never to the log).
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    anchor: Option<String>,
    prev: Option<(u64, String)>,
    checked: u64,
    broken: Option<(u64, Code)>,
}

impl ChainVerifier {
    /// A verifier for a whole log (`anchor` None: it must start at genesis) or for the
    /// segment that follows the record whose hash is `anchor`.
    pub fn new(anchor: Option<&str>) -> Self {
        ChainVerifier { anchor: anchor.map(str::to_owned), prev: None, checked: 0, broken: None }
    }

    /// Whether a broken link has been found (later records are not looked at).
    pub fn is_broken(&self) -> bool {
        self.broken.is_some()
    }

    /// Checks the next record, given as its JSON text (one line of an NDJSON log). Text that
    /// is not a record of this format is an error with the record's index in the path.
    pub fn push_json(&mut self, text: &str, max_bytes: usize) -> Result<()> {
        if self.broken.is_some() {
            return Ok(());
        }
        let at = format!("/{}", self.checked);
        let value: Value = crate::json::from_json(text, max_bytes).map_err(|e| e.under(&at))?;
        let Value::Object(map) = &value else {
            return Err(Error::new(Code::JsonWrongType, at).param("expected", "an audit record object"));
        };
        crate::json::check_version(&value, AUDIT_SCHEMA_VERSION).map_err(|e| e.under(&at))?;
        let hash = object_hash(map)?;
        let record: AuditRecord = crate::json::from_value(value.clone()).map_err(|e| e.under(&at))?;
        self.check(&record, &hash);
        Ok(())
    }

    /// Checks the next record.
    pub fn push(&mut self, record: &AuditRecord) {
        if self.broken.is_none() {
            self.check(record, &record.content_hash());
        }
    }

    fn check(&mut self, record: &AuditRecord, computed: &str) {
        let index = self.checked;
        self.checked = self.checked.saturating_add(1);
        let code = if record.hash != computed {
            Some(Code::AuditHashMismatch)
        } else {
            match (&self.prev, &self.anchor) {
                (None, None) if record.seq != 0 || record.prev_hash != GENESIS_HASH => Some(Code::AuditNotAtGenesis),
                (None, Some(anchor)) if &record.prev_hash != anchor => Some(Code::AuditPrevMismatch),
                (None, _) => None,
                (Some((_, hash)), _) if &record.prev_hash != hash => Some(Code::AuditPrevMismatch),
                (Some((seq, _)), _) if Some(record.seq) != seq.checked_add(1) => Some(Code::AuditSeqGap),
                (Some(_), _) => None,
            }
        };
        match code {
            Some(code) => self.broken = Some((index, code)),
            None => self.prev = Some((record.seq, record.hash.clone())),
        }
    }

    /// The report so far.
    pub fn report(&self, lang: crate::Lang) -> ChainReport {
        let starts_at = if self.anchor.is_some() { ChainStart::Anchor } else { ChainStart::Genesis };
        let finding = self.broken.map(|(index, code)| {
            let mut f = Finding::new(code, format!("/{index}"));
            f.message = f.render(lang);
            f
        });
        ChainReport {
            valid: self.broken.is_none(),
            starts_at,
            checked: self.checked,
            first_broken: self.broken.map(|(i, _)| i),
            finding,
            head: if self.broken.is_none() { self.prev.as_ref().map(|(_, h)| h.clone()) } else { None },
        }
    }
}

/// Checks a whole log (from genesis) or, with `anchor`, the segment after that hash.
pub fn verify_chain(records: &[AuditRecord], anchor: Option<&str>, lang: crate::Lang) -> ChainReport {
    let mut verifier = ChainVerifier::new(anchor);
    for record in records {
        verifier.push(record);
    }
    verifier.report(lang)
}

/// Parses a JSON array of records and checks the chain; each record is hashed as it is written.
pub fn verify_chain_json(json: &str, anchor: Option<&str>, max_bytes: usize, lang: crate::Lang) -> Result<ChainReport> {
    let records: Vec<Value> = crate::json::from_json(json, max_bytes)?;
    let mut verifier = ChainVerifier::new(anchor);
    for record in &records {
        verifier.push_json(&record.to_string(), max_bytes)?;
    }
    Ok(verifier.report(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consent::decide::Decision;
    use crate::Lang;
    use proptest::prelude::*;

    fn request(n: u32) -> ShareRequest {
        ShareRequest {
            from: "school".into(),
            to: "soc".into(),
            category: InformationCategory::Attendance,
            purpose: Purpose::TsiCollaboration,
            at: Instant::parse(&format!("2026-11-{:02}T10:00:00+01:00", n % 28 + 1)).unwrap(),
            actor: format!("staff-{}", n % 3),
        }
    }

    fn chain(n: u32) -> Vec<AuditRecord> {
        let denied =
            Decision { allowed: false, basis: None, reasons: vec![Finding::new(Code::ConsentNone, "/case/consents")] };
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let record = record_decision(out.last(), "case-1", &request(i), &denied).unwrap();
            out.push(record);
        }
        out
    }

    fn broken(records: &[AuditRecord], anchor: Option<&str>) -> (Option<u64>, Option<Code>) {
        let r = verify_chain(records, anchor, Lang::En);
        (r.first_broken, r.finding.map(|f| f.code))
    }

    #[test]
    fn r_au_1_records_chain_from_genesis_and_verify() {
        let records = chain(4);
        assert_eq!((records[0].prev_hash.as_str(), records[0].seq), (GENESIS_HASH, 0));
        assert_eq!(records[3].prev_hash, records[2].hash);
        assert_eq!(records[1].reason_codes, vec![Code::ConsentNone]);
        assert_eq!(records[0].hash.len(), 64);
        assert_eq!(records[0].subject_digest, digest(&request(0)).unwrap());
        let report = verify_chain(&records, None, Lang::En);
        assert_eq!((report.valid, report.checked, report.first_broken), (true, 4, None));
        assert_eq!((report.starts_at, report.head.as_deref()), (ChainStart::Genesis, Some(records[3].hash.as_str())));
        assert!(verify_chain(&[], None, Lang::En).valid);
    }

    /// A replay chains its own records without checking each one again: the chain it returns
    /// must verify as any other, each record after the one before.
    #[test]
    fn r_au_1_a_replays_records_verify_as_a_chain() {
        let policy = crate::Policy::default();
        let log = include_str!("../../../examples/case/log.json");
        let view = crate::case::transition::replay_json(log, None, &policy, Lang::En).unwrap();
        assert!(view.audit.len() > 10);
        let report = verify_chain(&view.audit, None, Lang::En);
        assert_eq!((report.valid, report.checked, report.first_broken), (true, view.audit.len() as u64, None));
    }

    /// A record's own hash is written from its fields; a stored record is hashed as the object
    /// it is (`object_hash`). Both must agree on every kind of record, or sealed records would
    /// not verify.
    #[test]
    fn r_au_1_a_record_hashes_as_its_stored_object_does() {
        let policy = crate::Policy::default();
        let log = include_str!("../../../examples/case/log.json");
        let view = crate::case::transition::replay_json(log, None, &policy, Lang::En).unwrap();
        let allowed = Decision {
            allowed: true,
            basis: Some(Basis::Consent { id: "c-1".into() }),
            reasons: vec![Finding::new(Code::ConsentNone, "/x")],
        };
        let mut records = chain(3);
        records.push(record_decision(records.last(), "case-1", &request(3), &allowed).unwrap());
        records.extend(view.audit);
        for record in &records {
            let Value::Object(map) = serde_json::to_value(record).unwrap() else { unreachable!() };
            assert_eq!(record.content_hash(), object_hash(&map).unwrap(), "{map:?}");
            assert_eq!(record.hash, record.content_hash());
        }
    }

    #[test]
    fn r_au_1_a_segment_verifies_only_against_its_anchor() {
        let records = chain(5);
        assert_eq!(broken(&records[2..], None), (Some(0), Some(Code::AuditNotAtGenesis)), "beginning cut off");
        let anchored = verify_chain(&records[2..], Some(&records[1].hash), Lang::En);
        assert!(anchored.valid && anchored.starts_at == ChainStart::Anchor);
        assert_eq!(broken(&records[2..], Some(&records[0].hash)), (Some(0), Some(Code::AuditPrevMismatch)));
    }

    #[test]
    fn r_au_1_the_first_broken_link_is_named() {
        let mut records = chain(5);
        records[2].outcome = AuditOutcome::Allowed;
        assert_eq!(broken(&records, None), (Some(2), Some(Code::AuditHashMismatch)));
        let mut records = chain(5);
        records.remove(3);
        assert_eq!(broken(&records, None), (Some(3), Some(Code::AuditPrevMismatch)));
        let mut records = chain(5);
        records.remove(0);
        assert_eq!(broken(&records, None), (Some(0), Some(Code::AuditNotAtGenesis)), "deleting the first record");
        let mut records = chain(3);
        records[1].seq = 7;
        records[1].hash = records[1].content_hash();
        records[2].prev_hash = records[1].hash.clone();
        records[2].hash = records[2].content_hash();
        assert_eq!(broken(&records, None), (Some(1), Some(Code::AuditSeqGap)));
    }

    #[test]
    fn r_au_1_a_forged_previous_record_is_not_chained_onto() {
        let mut records = chain(2);
        records[1].actor = "someone-else".into();
        let e = record_decision(
            Some(&records[1]),
            "case-1",
            &request(3),
            &Decision { allowed: true, basis: Some(Basis::SameAgency), reasons: vec![] },
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::AuditPrevInvalid, "/audit_prev"));
        let mut last = chain(1).remove(0);
        last.seq = u64::MAX;
        last.hash = last.content_hash();
        let e =
            record_decision(Some(&last), "c", &request(1), &Decision { allowed: false, basis: None, reasons: vec![] });
        assert_eq!(e.unwrap_err().code(), Code::LimitExceeded, "seq never saturates");
    }

    #[test]
    fn r_au_1_the_hash_does_not_depend_on_offset_or_key_order() {
        let record = chain(1).remove(0);
        let json = serde_json::to_string(&record).unwrap();
        assert!(json.contains("\"at\":\"2026-11-01T09:00:00Z\""), "stored in UTC: {json}");
        // Re-written with +01:00 and keys reversed by another writer: still verifies.
        let mut map: Vec<(String, Value)> = match serde_json::from_str::<Value>(&json).unwrap() {
            Value::Object(m) => m.into_iter().collect(),
            _ => unreachable!(),
        };
        map.reverse();
        let mut rewritten = String::from("{");
        for (i, (k, v)) in map.iter().enumerate() {
            let v = if k == "at" { Value::String("2026-11-01T10:00:00+01:00".into()) } else { v.clone() };
            rewritten.push_str(&format!("{}{}:{}", if i > 0 { ", " } else { "" }, Value::String(k.clone()), v));
        }
        rewritten.push('}');
        let report = verify_chain_json(&format!("[{rewritten}]"), None, 1 << 20, Lang::En).unwrap();
        assert!(report.valid, "{rewritten}");
        let tampered = json.replacen("staff-0", "staff-2", 1);
        assert_eq!(verify_chain_json(&format!("[{tampered}]"), None, 1 << 20, Lang::Sv).unwrap().first_broken, Some(0));
    }

    /// One way of tampering with a chain, and the index verification must name.
    #[derive(Debug, Clone)]
    enum Tamper {
        Field(usize, u8),
        Swap(usize),
        Delete(usize),
        Duplicate(usize),
        Insert(usize),
    }

    fn tamper(records: &mut Vec<AuditRecord>, t: &Tamper) -> u64 {
        let n = records.len();
        match *t {
            Tamper::Field(i, field) => {
                let r = &mut records[i % n];
                match field % 7 {
                    0 => r.seq = r.seq.wrapping_add(1),
                    1 => r.actor.push('x'),
                    2 => r.case_id.push('x'),
                    3 => {
                        r.outcome = if r.outcome == AuditOutcome::Allowed {
                            AuditOutcome::Denied
                        } else {
                            AuditOutcome::Allowed
                        }
                    }
                    4 => r.reason_codes.push(Code::ConsentExpired),
                    5 => r.subject_digest = "0".repeat(64),
                    _ => r.at = Instant::parse("2027-01-01T00:00:00Z").unwrap(),
                }
                (i % n) as u64
            }
            Tamper::Swap(i) => {
                let i = i % (n - 1);
                records.swap(i, i + 1);
                i as u64
            }
            Tamper::Delete(i) => {
                // Deleting the last record leaves an intact shorter chain: only a kept head finds it.
                let i = i % (n - 1);
                records.remove(i);
                i as u64
            }
            Tamper::Duplicate(i) => {
                let i = i % n;
                records.insert(i + 1, records[i].clone());
                (i + 1) as u64
            }
            Tamper::Insert(i) => {
                // A well-forged record: right prev and seq, hash recomputed. The next link breaks.
                let i = i % (n - 1);
                let mut forged = records[i].clone();
                forged.actor = "forger".into();
                forged.seq += 1;
                forged.prev_hash = records[i].hash.clone();
                forged.hash = forged.content_hash();
                records.insert(i + 1, forged);
                (i + 2) as u64
            }
        }
    }

    fn arb_tamper() -> impl Strategy<Value = Tamper> {
        prop_oneof![
            (any::<usize>(), any::<u8>()).prop_map(|(i, f)| Tamper::Field(i, f)),
            any::<usize>().prop_map(Tamper::Swap),
            any::<usize>().prop_map(Tamper::Delete),
            any::<usize>().prop_map(Tamper::Duplicate),
            any::<usize>().prop_map(Tamper::Insert),
        ]
    }

    proptest! {
        #[test]
        fn r_au_1_any_tampering_is_found_at_the_first_broken_link(n in 2u32..12, t in arb_tamper()) {
            let mut records = chain(n);
            prop_assert!(verify_chain(&records, None, Lang::En).valid);
            let expected = tamper(&mut records, &t);
            let report = verify_chain(&records, None, Lang::En);
            prop_assert!(!report.valid, "{:?} not found", t);
            prop_assert_eq!(report.first_broken, Some(expected), "{:?}", t);
            // The same through the JSON text, hashed as written.
            let json = serde_json::to_string(&records).unwrap();
            prop_assert_eq!(verify_chain_json(&json, None, 1 << 20, Lang::En).unwrap().first_broken, Some(expected));
        }
    }
}
