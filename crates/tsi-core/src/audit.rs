//! Hash-chained audit records (R-AU-1): every sharing decision and every case event, applied
//! or refused, yields a record of who, what, when, basis and outcome, with a digest of the
//! canonical content it was about. Each record holds the hash of the one before, so a vendor
//! can prove its log was not altered; [`ChainVerifier`] names the first broken link, streaming.
//!
//! The format is versioned and documented (docs/audit-format.md) so that anyone can re-verify
//! a log in any language: a record's hash is SHA-256 (lower-case hex) over the RFC 8785
//! canonical JSON ([`crate::reading::canonical`]) of the record's object without `hash`, with `at`
//! written in UTC (`…Z`). Keys are sorted and instants normalised, so a record re-written by
//! another JSON library, in another key order or with `+01:00` for `Z`, hashes the same.
//! Records hold staff and case references and codes, never the child's identity.
//!
//! What a record was about is proved by a *keyed* digest (HMAC-SHA-256 under an [`AuditKey`] the
//! journal system holds and passes in; the record names the key's id, never the key): a plain
//! digest of a case event could be confirmed by hashing guesses (a birth date is one of a few
//! thousand), and a digest of low-entropy personal data is personal data. Without a key, a record
//! holds no digest. Records of the earlier format (version 2, plain SHA-256) still verify as a
//! chain and are counted as such ([`ChainReport::legacy_records`]).

use crate::named::named_enum;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::consent::decide::{Basis, Decision, ShareRequest};
use crate::consent::matrix::{MatrixRequest, SharingMatrix};
use crate::consent::{InformationCategory, Purpose};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::time::Instant;

/// The `prev_hash` of the first record of a chain.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The version of the record format this library writes (and reads).
pub const AUDIT_SCHEMA_VERSION: u32 = 3;

/// The earlier version, still read and verified: its `subject_digest` is a plain SHA-256.
pub const LEGACY_AUDIT_SCHEMA_VERSION: u32 = 2;

/// The shortest secret an [`AuditKey`] may have, in bytes (128 bits: out of reach of guessing).
pub const AUDIT_KEY_MIN_BYTES: usize = 16;

/// The key of the journal system's audit digests: an id (written into every record it keyed,
/// so a verifier knows which key to use) and a secret (never written anywhere by tsi).
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey {
    id: String,
    secret: Vec<u8>,
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditKey").field("id", &self.id).field("secret", &"…").finish()
    }
}

impl AuditKey {
    /// A key from its id (a reference: 1–64 characters, never a personal identity number) and
    /// secret (at least [`AUDIT_KEY_MIN_BYTES`] bytes; 32 random bytes are best).
    pub fn new(id: &str, secret: &[u8]) -> Result<AuditKey> {
        let bad = |path: &str, expected: &str| Err(Error::new(Code::AuditKeyInvalid, path).param("expected", expected));
        if id.is_empty() || id.chars().count() > 64 || id.chars().any(char::is_control) {
            return bad("/id", "an id of 1 to 64 characters");
        }
        if crate::id::contains_personal_number(id) {
            return Err(Error::new(Code::ReferenceIsPersonalNumber, "/id"));
        }
        if secret.len() < AUDIT_KEY_MIN_BYTES {
            return bad("/secret", "a secret of at least 16 bytes (32 hexadecimal digits)");
        }
        Ok(AuditKey { id: id.to_owned(), secret: secret.to_vec() })
    }

    /// The key's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// HMAC-SHA-256 (hex) of the canonical JSON of `value` under this key.
    pub fn digest<T: Serialize + ?Sized>(&self, value: &T) -> Result<String> {
        use hmac::Mac;
        let bytes = crate::reading::canonical::to_vec(value)?;
        // HMAC takes a key of any length: this cannot fail.
        let mut mac = <hmac::Hmac<Sha256> as Mac>::new_from_slice(&self.secret)
            .map_err(|_| Error::new(Code::AuditKeyInvalid, "/secret").param("expected", "a usable key"))?;
        mac.update(&bytes);
        Ok(hex(&mac.finalize().into_bytes()))
    }
}

pub(crate) fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    let value = |c: u8| char::from(c).to_digit(16).and_then(|d| u8::try_from(d).ok());
    text.as_bytes().chunks(2).map(|pair| Some(value(*pair.first()?)? << 4 | value(*pair.get(1)?)?)).collect()
}

crate::reading::tag_first::tagged_enum! {
tag = "kind", name = "AuditAction";
/// What was done.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
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
    /// A sharing matrix (#29): what `from` may share, for `purpose`, with every agency of the
    /// case in every category — one question, nothing shared. Allowed when any cell is.
    SharingMatrix {
        /// Sending agency id.
        from: String,
        /// Purpose.
        purpose: Purpose,
    },
    /// A case event (R-CP-8).
    CaseEvent {
        /// The event's kind (written as its name).
        event: crate::case::EventKind,
        /// The state before.
        from: Option<crate::case::CaseState>,
        /// The state after (the same as before when refused).
        to: Option<crate::case::CaseState>,
    },
}
}

named_enum! {
    /// How it ended.
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AuditOutcome {
        /// Allowed (a decision) or applied (an event), on the record's basis.
        Allowed,
        /// Denied (a decision) or refused (an event), for the record's reason codes.
        Denied,
    }
}

/// One audit record.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AuditRecord {
    /// Always [`AUDIT_SCHEMA_VERSION`].
    #[cfg_attr(feature = "schema", schemars(description = "3; records written before keyed digests are 2, and still verified.", extend("enum" = [2, 3])))]
    pub schema_version: u32,
    /// 0 for the first record of a chain, then +1 each.
    pub seq: u64,
    /// When (the decision instant, the event's `now`), written in UTC.
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "ts", ts(type = "Instant"))]
    #[cfg_attr(feature = "schema", schemars(with = "Instant"))]
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
    /// HMAC-SHA-256 (hex) under the key `key_id` of the canonical JSON of what was decided on:
    /// the request of a sharing decision, the `{ctx, event}` entry of a case event. With the key,
    /// the log proves *what* happened; without it, nothing can be confirmed by guessing. `null`
    /// when no key was given. (Version 2 records: a plain SHA-256.)
    pub subject_digest: Option<String>,
    /// The id of the key of `subject_digest` (absent without a key, and in version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub key_id: Option<String>,
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
    Ok(hex(&Sha256::digest(crate::reading::canonical::to_vec(value)?)))
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
/// record as an object, written without building the object). The fields are declared in
/// canonical order (RFC 8785: by name), so the canonical writer streams them without reordering;
/// the order changes no byte of the hash, which sorts members whatever their order.
#[derive(Serialize)]
struct Body<'a> {
    action: &'a AuditAction,
    actor: &'a str,
    #[serde(with = "crate::time::utc")]
    at: Instant,
    basis: &'a Option<Basis>,
    case_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_id: Option<&'a str>,
    outcome: AuditOutcome,
    prev_hash: &'a str,
    reason_codes: &'a [Code],
    schema_version: u32,
    seq: u64,
    subject_digest: &'a Option<String>,
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
            key_id,
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
            key_id: key_id.as_deref(),
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
        let known = [AUDIT_SCHEMA_VERSION, LEGACY_AUDIT_SCHEMA_VERSION].contains(&p.schema_version);
        if !known || p.hash != p.content_hash() {
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

/// The keyed digest of a record's subject and the key's id (neither without a key).
fn keyed<T: Serialize + ?Sized>(key: Option<&AuditKey>, subject: &T) -> Result<(Option<String>, Option<String>)> {
    match key {
        Some(k) => Ok((Some(k.digest(subject)?), Some(k.id.clone()))),
        None => Ok((None, None)),
    }
}

/// Whether `record` was made of `subject` (the request of a decision, the `{ctx, event}` entry
/// of a case event) under `key`: the proof of content that the keyed digest gives its holder.
pub fn proves<T: Serialize + ?Sized>(record: &AuditRecord, subject: &T, key: &AuditKey) -> bool {
    record.key_id.as_deref() == Some(key.id())
        && record.subject_digest.as_deref() == key.digest(subject).ok().as_deref()
}

/// The audit record of a sharing decision, chained after `prev`, its subject keyed by `key`.
pub fn record_decision(
    prev: Option<&AuditRecord>,
    key: Option<&AuditKey>,
    case_id: &str,
    request: &ShareRequest,
    decision: &Decision,
) -> Result<AuditRecord> {
    let (seq, prev_hash) = link(prev)?;
    let (subject_digest, key_id) = keyed(key, request)?;
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
        subject_digest,
        key_id,
        prev_hash,
        hash: String::new(),
    }
    .sealed())
}

/// The audit record of a sharing matrix, chained after `prev`, its subject (the matrix
/// request) keyed by `key`: allowed when any cell is, with the codes of every denied cell's
/// reasons once each, in the order they first appear.
pub fn record_matrix(
    prev: Option<&AuditRecord>,
    key: Option<&AuditKey>,
    case_id: &str,
    request: &MatrixRequest,
    matrix: &SharingMatrix,
) -> Result<AuditRecord> {
    let (seq, prev_hash) = link(prev)?;
    let (subject_digest, key_id) = keyed(key, request)?;
    let mut reason_codes: Vec<Code> = Vec::new();
    for cell in matrix.cells.iter().filter(|c| !c.decision.allowed) {
        for reason in &cell.decision.reasons {
            if !reason_codes.contains(&reason.code) {
                reason_codes.push(reason.code);
            }
        }
    }
    Ok(AuditRecord {
        schema_version: AUDIT_SCHEMA_VERSION,
        seq,
        at: request.at,
        actor: request.actor.clone(),
        case_id: case_id.to_owned(),
        action: AuditAction::SharingMatrix { from: request.from.clone(), purpose: request.purpose.clone() },
        outcome: if matrix.allowed() > 0 { AuditOutcome::Allowed } else { AuditOutcome::Denied },
        basis: None,
        reason_codes,
        subject_digest,
        key_id,
        prev_hash,
        hash: String::new(),
    }
    .sealed())
}

/// The audit record of a case event (`entry` is its `{ctx, event}`), chained after `prev`.
/// A refused event is recorded as denied with its code, the state unchanged.
pub fn record_event(
    prev: Option<&AuditRecord>,
    key: Option<&AuditKey>,
    case_id: &str,
    entry: &crate::case::LogEntry,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
    refused: Option<Code>,
) -> Result<AuditRecord> {
    event_record(link(prev)?, key, case_id, entry, states, refused)
}

/// [`record_event`] after a record this library has just sealed (a replay's own chain): it is
/// not hashed again to be checked, which was a third of replaying with audit records.
pub(crate) fn record_event_after_own(
    own: Option<&AuditRecord>,
    key: Option<&AuditKey>,
    case_id: &str,
    entry: &crate::case::LogEntry,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
) -> Result<AuditRecord> {
    event_record(link_unchecked(own)?, key, case_id, entry, states, None)
}

fn event_record(
    (seq, prev_hash): (u64, String),
    key: Option<&AuditKey>,
    case_id: &str,
    entry: &crate::case::LogEntry,
    states: (Option<crate::case::CaseState>, Option<crate::case::CaseState>),
    refused: Option<Code>,
) -> Result<AuditRecord> {
    let (subject_digest, key_id) = keyed(key, entry)?;
    Ok(AuditRecord {
        schema_version: AUDIT_SCHEMA_VERSION,
        seq,
        at: entry.ctx.now,
        actor: entry.ctx.actor.clone(),
        case_id: case_id.to_owned(),
        action: AuditAction::CaseEvent { event: entry.event.kind(), from: states.0, to: states.1 },
        outcome: if refused.is_some() { AuditOutcome::Denied } else { AuditOutcome::Allowed },
        basis: None,
        reason_codes: refused.into_iter().collect(),
        subject_digest,
        key_id,
        prev_hash,
        hash: String::new(),
    }
    .sealed())
}

named_enum! {
    /// Where a verified chain begins.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
    pub enum ChainStart {
        /// At genesis: the first record has `seq` 0 and the genesis `prev_hash`. A whole log.
        Genesis,
        /// At the anchor the caller passed: the head hash of the previous segment.
        Anchor,
    }
}

/// The result of checking a chain.
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
    /// Records checked that are of the earlier format (version 2): they verify as a chain, but
    /// their plain `subject_digest` can be confirmed by guessing what it was made of.
    pub legacy_records: u64,
}

/// Verifies a chain record by record, in constant memory: a log of any length streams
/// through it (the size limit applies to each record, never to the log).
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    anchor: Option<String>,
    prev: Option<(u64, String)>,
    checked: u64,
    /// Records given, checked or not: the index of the next one in an error's path.
    given: u64,
    legacy: u64,
    broken: Option<(u64, Code)>,
}

impl ChainVerifier {
    /// A verifier for a whole log (`anchor` None: it must start at genesis) or for the
    /// segment that follows the record whose hash is `anchor`.
    pub fn new(anchor: Option<&str>) -> Self {
        ChainVerifier { anchor: anchor.map(str::to_owned), prev: None, checked: 0, given: 0, legacy: 0, broken: None }
    }

    /// Whether a broken link has been found (later records are not looked at).
    pub fn is_broken(&self) -> bool {
        self.broken.is_some()
    }

    /// Checks the next record, given as its JSON text (one line of an NDJSON log). Text that
    /// is not a record of this format is an error with the record's index in the path, after
    /// a broken link too (its links are not looked at, but bad input is never passed over).
    pub fn push_json(&mut self, text: &str, max_bytes: usize) -> Result<()> {
        let at = format!("/{}", self.given);
        self.given = self.given.saturating_add(1);
        let value: Value = crate::reading::from_json(text, max_bytes).map_err(|e| e.under(&at))?;
        let Value::Object(map) = &value else {
            return Err(Error::new(Code::JsonWrongType, at).param("expected", "an audit record object"));
        };
        if crate::reading::check_version(&value, LEGACY_AUDIT_SCHEMA_VERSION).is_err() {
            crate::reading::check_version(&value, AUDIT_SCHEMA_VERSION).map_err(|e| e.under(&at))?;
        }
        let hash = object_hash(map)?;
        let record: AuditRecord = crate::reading::from_value(&value).map_err(|e| e.under(&at))?;
        if self.broken.is_none() {
            self.check(&record, &hash);
        }
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
        if record.schema_version == LEGACY_AUDIT_SCHEMA_VERSION {
            self.legacy = self.legacy.saturating_add(1);
        }
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
            legacy_records: self.legacy,
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

    /// The journal system's key in these tests.
    fn key() -> AuditKey {
        AuditKey::new("k-test", &[7u8; 32]).unwrap()
    }

    fn chain(n: u32) -> Vec<AuditRecord> {
        let denied =
            Decision { allowed: false, basis: None, reasons: vec![Finding::new(Code::ConsentNone, "/case/consents")] };
        let mut out: Vec<AuditRecord> = Vec::new();
        for i in 0..n {
            let record = record_decision(out.last(), Some(&key()), "case-1", &request(i), &denied).unwrap();
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
        assert_eq!(records[0].subject_digest, Some(key().digest(&request(0)).unwrap()));
        assert_eq!(records[0].key_id.as_deref(), Some("k-test"));
        assert!(proves(&records[0], &request(0), &key()));
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
        let view = crate::documents::replay_case(log, None, None, &policy, Lang::En).unwrap();
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
        let view = crate::documents::replay_case(log, None, None, &policy, Lang::En).unwrap();
        let allowed = Decision {
            allowed: true,
            basis: Some(Basis::Consent { id: "c-1".into() }),
            reasons: vec![Finding::new(Code::ConsentNone, "/x")],
        };
        let mut records = chain(3);
        records.push(record_decision(records.last(), None, "case-1", &request(3), &allowed).unwrap());
        records.extend(view.audit);
        for record in &records {
            let Value::Object(map) = serde_json::to_value(record).unwrap() else { unreachable!() };
            assert_eq!(record.content_hash(), object_hash(&map).unwrap(), "{map:?}");
            assert_eq!(record.hash, record.content_hash());
        }
    }

    #[test]
    fn r_au_1_a_keyed_digest_proves_content_only_to_the_key_holder() {
        let r = &chain(1)[0];
        assert!(proves(r, &request(0), &key()));
        assert!(!proves(r, &request(1), &key()), "another subject");
        let other = AuditKey::new("k-test", &[8u8; 32]).unwrap();
        assert!(!proves(r, &request(0), &other), "another secret under the same id");
        let renamed = AuditKey::new("k-other", &[7u8; 32]).unwrap();
        assert!(!proves(r, &request(0), &renamed), "the record names its key");
        // The plain digest of the subject is not what the record holds.
        assert_ne!(r.subject_digest.as_deref(), Some(digest(&request(0)).unwrap().as_str()));
        // Without a key a record holds no digest and no key id, and still chains.
        let bare = record_decision(
            Some(r),
            None,
            "case-1",
            &request(1),
            &Decision { allowed: false, basis: None, reasons: vec![] },
        )
        .unwrap();
        let text = serde_json::to_string(&bare).unwrap();
        assert!(text.contains(r#""subject_digest":null"#) && !text.contains("key_id"), "{text}");
        assert!(verify_chain(&[r.clone(), bare], None, Lang::En).valid);
    }

    #[test]
    fn r_au_1_a_key_is_checked_and_never_repeated() {
        let secret = "00112233445566778899aabbccddeeff";
        let k = crate::documents::audit_key(&format!(r#"{{"id":"k1","secret":"{secret}"}}"#)).unwrap();
        assert_eq!(k.id(), "k1");
        assert!(!format!("{k:?}").contains(secret), "Debug hides the secret");
        for (doc, code, path) in [
            (r#"{"id":"k1","secret":"0011"}"#, Code::AuditKeyInvalid, "/audit_key/secret"),
            (r#"{"id":"k1","secret":"not hex at all, 32 chars long!!"}"#, Code::AuditKeyInvalid, "/audit_key/secret"),
            (r#"{"id":"","secret":"00112233445566778899aabbccddeeff"}"#, Code::AuditKeyInvalid, "/audit_key/id"),
            (
                r#"{"id":"19121212-1212","secret":"00112233445566778899aabbccddeeff"}"#,
                Code::ReferenceIsPersonalNumber,
                "/audit_key/id",
            ),
            (r#"{"id":"k1"}"#, Code::JsonMissingField, "/audit_key/secret"),
            (
                r#"{"id":"k1","secret":"00112233445566778899aabbccddeeff","extra":1}"#,
                Code::JsonUnknownField,
                "/audit_key/extra",
            ),
        ] {
            let e = crate::documents::audit_key(doc).unwrap_err();
            assert_eq!((e.code(), e.path()), (code, path), "{doc}");
            let shown = format!("{e} {:?} {}", e.params(), e.message(Lang::Sv));
            assert!(!shown.contains("0011") && !shown.contains("1212-1212") && !shown.contains("not hex"), "{shown}");
        }
    }

    /// Records of version 2 (plain digests) still verify, are counted as such, and a version 3
    /// record chains onto one (a vendor's log goes on across the upgrade).
    #[test]
    fn r_au_1_records_of_the_earlier_format_still_verify_and_are_marked() {
        let mut v2: Vec<AuditRecord> = Vec::new();
        for i in 0..3 {
            let mut r = record_decision(
                v2.last(),
                None,
                "case-1",
                &request(i),
                &Decision { allowed: false, basis: None, reasons: vec![] },
            )
            .unwrap();
            r.schema_version = LEGACY_AUDIT_SCHEMA_VERSION;
            r.subject_digest = Some(digest(&request(i)).unwrap());
            r.prev_hash = v2.last().map_or(GENESIS_HASH.to_owned(), |p| p.hash.clone());
            r.hash = r.content_hash();
            v2.push(r);
        }
        let text = serde_json::to_string(&v2).unwrap();
        assert!(!text.contains("key_id"), "version 2 has no key id");
        let report = crate::documents::verify_audit_chain(&text, None, 1 << 20, Lang::En).unwrap();
        assert!(report.valid && report.legacy_records == 3, "{report:?}");
        let next = record_decision(
            v2.last(),
            Some(&key()),
            "case-1",
            &request(3),
            &Decision { allowed: false, basis: None, reasons: vec![] },
        )
        .unwrap();
        assert_eq!(next.schema_version, AUDIT_SCHEMA_VERSION);
        let mut all = v2.clone();
        all.push(next);
        let report =
            crate::documents::verify_audit_chain(&serde_json::to_string(&all).unwrap(), None, 1 << 20, Lang::En)
                .unwrap();
        assert!(report.valid && report.legacy_records == 3 && report.checked == 4, "{report:?}");
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
            None,
            "case-1",
            &request(3),
            &Decision { allowed: true, basis: Some(Basis::SameAgency), reasons: vec![] },
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::AuditPrevInvalid, "/audit_prev"));
        let mut last = chain(1).remove(0);
        last.seq = u64::MAX;
        last.hash = last.content_hash();
        let e = record_decision(
            Some(&last),
            None,
            "c",
            &request(1),
            &Decision { allowed: false, basis: None, reasons: vec![] },
        );
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
        let report = crate::documents::verify_audit_chain(&format!("[{rewritten}]"), None, 1 << 20, Lang::En).unwrap();
        assert!(report.valid, "{rewritten}");
        let tampered = json.replacen("staff-0", "staff-2", 1);
        assert_eq!(
            crate::documents::verify_audit_chain(&format!("[{tampered}]"), None, 1 << 20, Lang::Sv)
                .unwrap()
                .first_broken,
            Some(0)
        );
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
                    5 => r.subject_digest = Some("0".repeat(64)),
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
            prop_assert_eq!(crate::documents::verify_audit_chain(&json, None, 1 << 20, Lang::En).unwrap().first_broken, Some(expected));
        }
    }
}
