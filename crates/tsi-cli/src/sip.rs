//! `tsi sip`: validate a coordinated individual plan, or summarise it for the family.

use clap::Subcommand;

use crate::consent::Common;
use crate::output::{print_error, print_json, print_report, Outcome};

#[derive(Subcommand)]
pub enum SipCommand {
    /// Validate a SIP: a table of findings (exit 0 valid, 1 errors, 2 unreadable).
    Validate(Common),
    /// A plain-language summary for the family.
    Summary(Common),
    /// Print the JSON Schema of SIP documents (bindings/schema/sip.schema.json).
    Schema,
}

pub fn run(command: SipCommand) -> Outcome {
    match command {
        SipCommand::Validate(c) => {
            match c.load().and_then(|(text, policy, lang)| {
                tsi_core::documents::validate_sip(&text, &policy, lang).map(|r| (r, lang))
            }) {
                Err(e) => print_error(&e, c.json),
                Ok((report, lang)) => print_report(&report, c.json, lang),
            }
        }
        SipCommand::Schema => {
            outln!("{}", tsi_core::schema::document_schema("sip").unwrap_or_default());
            Outcome::Ok
        }
        SipCommand::Summary(c) => {
            match c.load().and_then(|(text, policy, lang)| tsi_core::documents::sip_summary(&text, &policy, lang)) {
                Err(e) => print_error(&e, c.json),
                Ok(text) if c.json => print_json(&serde_json::json!({ "summary": text })),
                Ok(text) => {
                    out!("{text}");
                    Outcome::Ok
                }
            }
        }
    }
}
