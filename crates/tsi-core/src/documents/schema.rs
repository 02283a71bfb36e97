//! JSON Schemas (2020-12) of the documents tsi reads and writes (#29), generated from the Rust
//! types — one source of truth, like the TypeScript declarations — with each field's description
//! from its doc comment, enums spelled out and `additionalProperties: false` where tsi refuses
//! unknown members (`ext` stays open). Shipped as `bindings/schema/<document>.schema.json`; a test
//! keeps those files equal to what this module makes.
//!
//! A document tsi reads is described as it is read (a member with a default may be left out); a
//! document tsi only writes, as it is written (a member it leaves out when empty is optional).

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

use crate::audit::AuditRecord;
use crate::case::{Case, LogEntry};

/// The documents with a schema, by the name `tsi schema <document>` takes: those tsi reads, then
/// the three it only writes (statistics-report, remedies, consent-plan).
pub const DOCUMENTS: [&str; 18] = [
    "policy",
    "sip",
    "sharing-case",
    "share-request",
    "share-question",
    "matrix-request",
    "sharing-plan",
    "case-log",
    "case-entry",
    "case-state",
    "deidentified-summary",
    "measures",
    "audit-record",
    "audit-chain",
    "statistics-partial",
    "statistics-report",
    "remedies",
    "consent-plan",
];

/// The schema of `document` (one of [`DOCUMENTS`]) as pretty JSON; `None` for
/// another name.
pub fn document_schema(document: &str) -> Option<String> {
    Some(match document {
        "policy" => read::<crate::policy::Policy>(None),
        "sip" => crate::sip::sip_json_schema(),
        "sharing-case" => read::<crate::consent::SharingCase>(None),
        "share-request" => read::<crate::consent::decide::ShareRequest>(None),
        "share-question" => read::<crate::documents::ShareQuestion>(None),
        "matrix-request" => read::<crate::consent::matrix::MatrixRequest>(None),
        "sharing-plan" => read::<crate::consent::plan::SharingPlan>(None),
        "case-log" => read::<Vec<LogEntry>>(Some(("CaseLog", "A case log (R-CP-8): its events in order."))),
        "case-entry" => read::<LogEntry>(None),
        "case-state" => read::<Case>(None),
        "deidentified-summary" => read::<crate::deidentify::DeIdentifiedSummary>(None),
        "measures" => read::<crate::followup::Measures>(None),
        "audit-record" => read::<AuditRecord>(None),
        "audit-chain" => read::<Vec<AuditRecord>>(Some(("AuditChain", "An audit chain (R-AU-1): records in order."))),
        "statistics-partial" => read::<crate::stats::Aggregate>(None),
        "statistics-report" => written::<crate::stats::publish::Published>(),
        "remedies" => written::<crate::consent::remedy::Remedies>(),
        "consent-plan" => written::<crate::consent::plan::ConsentPlan>(),
        _ => return None,
    })
}

/// The schema of a document as tsi reads it; a list is given a title and description.
fn read<T: JsonSchema>(list: Option<(&str, &str)>) -> String {
    let mut schema = SchemaSettings::draft2020_12().for_deserialize().into_generator().into_root_schema_for::<T>();
    if let Some((title, description)) = list {
        schema.insert("title".into(), title.into());
        schema.insert("description".into(), description.into());
    }
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The schema of a document as tsi writes it.
fn written<T: JsonSchema>() -> String {
    let schema = SchemaSettings::draft2020_12().for_serialize().into_generator().into_root_schema_for::<T>();
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
