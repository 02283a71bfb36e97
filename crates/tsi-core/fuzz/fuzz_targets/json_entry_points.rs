//! Every JSON entry point of the core on the same bytes, with invariants beyond "no panic":
//! a decision is allowed exactly with a basis and its audit record verifies; a document that
//! reads, written back and read again, reads the same (parse → serialise → parse is stable).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsi_core::time::Instant;
use tsi_core::{audit, canonical, Lang, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let p = Policy::default();
    if let Ok(d) = tsi_core::documents::decide_question(text, None, &p, Lang::En) {
        assert_eq!(d.allowed, d.basis.is_some());
        assert!(audit::verify_chain(&[d.audit], None, Lang::En).valid, "a record the library writes verifies");
    }
    let at = Instant::parse("2026-11-23T10:00:00+01:00").expect("a fixed instant");
    let _ = tsi_core::documents::validate_sharing_case(text, &at, &p, Lang::Sv);
    let _ = tsi_core::documents::check_deidentified(text, &p, Lang::Sv);
    if let Ok(report) = tsi_core::documents::validate_sip(text, &p, Lang::En) {
        assert_eq!(report.valid, report.findings.iter().all(|f| f.severity != tsi_core::Severity::Error));
    }
    let _ = tsi_core::documents::sip_summary(text, &p, Lang::Sv);
    if let Ok(parsed) = tsi_core::documents::parse_policy(text) {
        let again = tsi_core::documents::parse_policy(&tsi_core::documents::policy_json(&parsed)).expect("a written policy reads back");
        assert_eq!(parsed, again, "policy: parse → serialise → parse is stable");
    }
    let _ = tsi_core::documents::verify_audit_chain(text, None, 1 << 20, Lang::En);
    if let Ok(c) = canonical::canonicalize(text, 1 << 20) {
        assert_eq!(canonical::canonicalize(&c, 1 << 20).ok().as_deref(), Some(c.as_str()), "canonical is a fixpoint");
    }
});
