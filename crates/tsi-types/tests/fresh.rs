//! The declarations the JS package ships are what the core's types say now.

#[test]
fn the_committed_declarations_are_generated_from_the_core_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tsi-wasm/src/types.d.ts");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    let generated =
        tsi_types::declarations().unwrap_or_else(|clashes| panic!("names shared by several types: {clashes:?}"));
    assert!(
        committed == generated,
        "crates/tsi-wasm/src/types.d.ts is stale: cargo run -p tsi-types > crates/tsi-wasm/src/types.d.ts"
    );
}

#[test]
fn codes_categories_and_event_kinds_are_string_literal_unions() {
    let text = tsi_types::declarations().unwrap_or_default();
    let line = |start: &str| text.lines().find(|l| l.starts_with(start)).unwrap_or_default().to_owned();
    assert!(line("export type Code = ").contains("\"ID_BAD_CHECKSUM\" |"));
    assert!(line("export type InformationCategory = ").contains("\"MentalHealth\""));
    assert!(line("export type CaseEvent = ").contains("{ \"type\": \"RequestConsent\", }"));
    assert!(line("export type TimeZone = ").contains("\"Europe/Stockholm\""));
    // Two Rust types named Need (case and SIP) keep distinct TypeScript names.
    assert!(text.contains("export type Need = ") && text.contains("export type SipNeed = "));
}
