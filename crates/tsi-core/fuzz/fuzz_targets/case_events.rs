//! Case logs and single events: a replayed log's audit chain verifies and its state reads back
//! unchanged; a refused event changes nothing and is recorded as denied.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsi_core::case::Case;
use tsi_core::{audit, Lang, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let p = Policy::default();
    // The input is a log; its first entries are also a case to apply the last entry to.
    let Ok(view) = tsi_core::documents::replay_case(text, None, None, &p, Lang::En) else { return };
    assert!(audit::verify_chain(&view.audit, None, Lang::En).valid, "a chain the library writes verifies");
    let written = serde_json::to_string(&view.case).expect("a case serialises");
    let read: Case = serde_json::from_str(&written).expect("a written case reads back");
    assert_eq!(read, view.case, "case: parse → serialise → parse is stable");
    let entries: Vec<serde_json::Value> = serde_json::from_str(text).unwrap_or_default();
    if let Some(last) = entries.last() {
        if let Ok(step) = tsi_core::documents::record_case_event(Some(&written), &last.to_string(), None, None, &p, Lang::En) {
            if !step.applied {
                assert_eq!(step.case.as_ref(), Some(&view.case), "a refused event changes nothing");
                assert_eq!(step.audit.outcome, audit::AuditOutcome::Denied);
            }
        }
    }
});
