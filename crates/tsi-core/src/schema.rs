//! JSON Schemas (2020-12) of the documents tsi reads (#29), generated from the Rust types — one
//! source of truth, like the TypeScript declarations — with each field's description from its
//! doc comment, enums spelled out and `additionalProperties: false` where tsi refuses unknown
//! members (`ext` stays open). Shipped as `bindings/schema/<document>.schema.json`; a test keeps
//! those files equal to what this module makes.

use schemars::JsonSchema;

/// The documents with a schema, by the name `tsi schema <document>` takes.
pub const DOCUMENTS: [&str; 7] =
    ["policy", "sip", "sharing-case", "share-request", "matrix-request", "deidentified-summary", "measures"];

/// The schema of `document` (one of [`DOCUMENTS`]) as pretty JSON; `None` for another name.
pub fn document_schema(document: &str) -> Option<String> {
    match document {
        "policy" => Some(pretty::<crate::policy::Policy>()),
        "sip" => Some(crate::sip::sip_json_schema()),
        "sharing-case" => Some(pretty::<crate::consent::SharingCase>()),
        "share-request" => Some(pretty::<crate::consent::decide::ShareRequest>()),
        "matrix-request" => Some(pretty::<crate::consent::matrix::MatrixRequest>()),
        "deidentified-summary" => Some(pretty::<crate::deidentify::DeIdentifiedSummary>()),
        "measures" => Some(pretty::<crate::followup::Measures>()),
        _ => None,
    }
}

fn pretty<T: JsonSchema>() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(T)).unwrap_or_default()
}
