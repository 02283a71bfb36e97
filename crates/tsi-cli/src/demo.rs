//! `tsi demo`: a step-by-step walk through what the library decides, for newcomers.

use tsi_core::{id, policy, Lang, NaiveDate, Report};

use crate::output::Outcome;

/// The demo's fixed decision date, so the demo prints the same every day.
fn demo_date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 23)
}

pub fn run() -> Outcome {
    let Some(at) = demo_date() else { return Outcome::BadInput };
    println!("tsi {} — the shared rule engine for TSI (tidiga och samordnade insatser)\n", tsi_core::VERSION);
    step(
        1,
        "A school raises a child. Identity numbers are checked at the decision date, never 'now' (R-ID-1, R-ID-2).",
    );
    for number in ["121212-1212", "20121212-1212", "701063-2391", "121212+1212", "121212-1213", "1212"] {
        match id::check_personal_identity(number, at) {
            Ok(c) => println!("   {number:<15} -> {:?} {}, {} years on {at}", c.kind, c.normalized, c.age),
            Err(e) => println!("   {number:<15} -> refused: {} ({})", e.code(), e.message(Lang::En)),
        }
    }
    step(2, "Errors never repeat the input: they name a code and a path (R-PD-1).");
    step(3, "Each collaboration has a policy; the defaults come from SPEC.");
    let p = tsi_core::Policy::default();
    println!(
        "   child consents from {}, alone for health from {}, handover answer within {} days, first meeting within {} days",
        p.consent_policy.child_consent_from,
        p.consent_policy.child_alone_from,
        p.handover_answer_days,
        p.timeliness.first_meeting_within_days
    );
    step(4, "A policy file with mistakes gives a report, not an exception (R-SP-6):");
    let file = r#"{"schema_version":1,"consent_policy":{"child_consent_from":16,"child_alone_from":14},"min_cell":2,"timeliness":{"first_meeting_within_days":7}}"#;
    println!("   {file}");
    match policy::validate_policy_json(file, Lang::En) {
        Ok(report) => show(&report),
        Err(e) => println!("   refused: {}", e.code()),
    }
    step(5, "A typo is refused rather than silently defaulted (SPEC §9):");
    match policy::parse_policy(r#"{"schema_version":1,"min_cel":2}"#) {
        Ok(_) => println!("   accepted (unexpected)"),
        Err(e) => println!("   {} at {}", e.code(), e.path()),
    }
    println!("\nThe same answers come from JavaScript, Kotlin, Swift and Python: see README.md.");
    Outcome::Ok
}

fn step(n: u32, text: &str) {
    println!("\n{n}. {text}");
}

fn show(report: &Report) {
    println!("   valid: {}", report.valid);
    for f in &report.findings {
        println!("   - {:?} {} at {}: {}", f.severity, f.code, f.path, f.message);
    }
}
