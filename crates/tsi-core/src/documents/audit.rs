//! Audit documents (R-AU-1): a chain of records to verify, a record to prove against its
//! subject, an audit key.

use serde_json::Value;

use crate::audit::{proves, AuditAction, AuditKey, AuditRecord, ChainReport, ChainVerifier};
use crate::consent::decide::ShareRequest;
use crate::finding::Code;
use crate::{Error, Result};

use serde::{Deserialize, Serialize};

/// [`proves`] on JSON: a record, the subject as the caller has it (the request `{from, to,
/// category, purpose, at, actor}` of a decision, `{from, purpose, at, actor}` of a matrix, the entry `{ctx, event}` of a case event) and
/// the key document. The subject is read as the library reads it, so any JSON writing of the
/// same subject proves alike.
pub fn audit_proves(record_json: &str, subject_json: &str, key_json: &str) -> Result<bool> {
    let key = audit_key(key_json)?;
    let record: AuditRecord = crate::reading::from_json(record_json, 1 << 20).map_err(|e| e.under("/record"))?;
    Ok(match record.action {
        AuditAction::ShareDecision { .. } => {
            let request: ShareRequest =
                crate::reading::from_json(subject_json, 1 << 20).map_err(|e| e.under("/subject"))?;
            proves(&record, &request, &key)
        }
        AuditAction::SharingMatrix { .. } => {
            let request: crate::consent::matrix::MatrixRequest =
                crate::reading::from_json(subject_json, 1 << 20).map_err(|e| e.under("/subject"))?;
            proves(&record, &request, &key)
        }
        AuditAction::CaseEvent { .. } => {
            let entry: crate::case::LogEntry =
                crate::reading::from_json(subject_json, 1 << 20).map_err(|e| e.under("/subject"))?;
            proves(&record, &entry, &key)
        }
    })
}

/// Parses a JSON array of records and checks the chain; each record is hashed as it is written.
pub fn verify_audit_chain(
    records_json: &str,
    anchor: Option<&str>,
    max_bytes: usize,
    lang: crate::Lang,
) -> Result<ChainReport> {
    let records: Vec<Value> = crate::reading::from_json(records_json, max_bytes)?;
    let mut verifier = ChainVerifier::new(anchor);
    for record in &records {
        verifier.push_json(&crate::reading::value_text(record), max_bytes)?;
    }
    Ok(verifier.report(lang))
}

/// An audit key as JSON: `{"id": "…", "secret": "<hex>"}`.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
struct KeyDocument {
    id: String,
    secret: String,
}

/// An audit key from its JSON document `{"id", "secret"}` (the secret in hexadecimal). Paths
/// are under `/audit_key`; the secret is never repeated.
pub fn audit_key(key_json: &str) -> Result<AuditKey> {
    let doc: KeyDocument = crate::reading::from_json(key_json, 4096).map_err(|e| e.under("/audit_key"))?;
    let secret = crate::audit::unhex(doc.secret.trim()).ok_or_else(|| {
        Error::new(Code::AuditKeyInvalid, "/audit_key/secret").param("expected", "hexadecimal digits, two per byte")
    })?;
    AuditKey::new(&doc.id, &secret).map_err(|e| e.under("/audit_key"))
}
