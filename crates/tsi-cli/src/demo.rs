//! `tsi demo`: a step-by-step walk through what the library decides, for newcomers.

use tsi_core::case::due::due_actions;
use tsi_core::case::transition::apply;
use tsi_core::case::{Case, CaseEvent, CloseReason, EventContext, LogEntry};
use tsi_core::documents::AuditedDecision;
use tsi_core::{id, Code, Lang, NaiveDate, Policy, Report};

use crate::output::Outcome;

/// The demo's fixed decision date, so the demo prints the same every day.
fn demo_date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 23)
}

pub fn run() -> Outcome {
    let Some(at) = demo_date() else { return Outcome::BadInput };
    outln!("tsi {} — the shared rule engine for TSI (tidiga och samordnade insatser)", tsi_core::VERSION);
    case_walkthrough();
    outln!("\n--- What else every journal system asks tsi ---");
    sharing();
    step(4, "Identity numbers are checked at the decision date, never 'now' (R-ID-1, R-ID-2):");
    for number in ["121212-1212", "20121212-1212", "701063-2391", "121212+1212", "121212-1213", "1212"] {
        match id::check_personal_identity(number, at) {
            Ok(c) => outln!("   {number:<15} -> {:?} {}, {} years on {at}", c.kind, c.normalized, c.age),
            Err(e) => outln!("   {number:<15} -> refused: {} ({})", e.code(), e.message(Lang::En)),
        }
    }
    step(5, "Errors never repeat the input: they name a code and a path (R-PD-1).");
    step(6, "Each collaboration has a policy; the defaults come from SPEC.");
    let p = tsi_core::Policy::default();
    outln!(
        "   child consents from {}, alone for health from {}, handover answer within {} days, first meeting within {} days",
        p.consent_policy.child_consent_from,
        p.consent_policy.child_alone_from,
        p.handover_answer_days,
        p.timeliness.first_meeting_within_days
    );
    step(7, "A policy file with mistakes gives a report, not an exception (R-SP-6):");
    let file = r#"{"schema_version":1,"consent_policy":{"child_consent_from":16,"child_alone_from":14},"min_cell":2,"timeliness":{"first_meeting_within_days":7}}"#;
    outln!("   {file}");
    match tsi_core::documents::validate_policy(file, Lang::En) {
        Ok(report) => show(&report),
        Err(e) => outln!("   refused: {}", e.code()),
    }
    step(8, "A typo is refused rather than silently defaulted (SPEC §9):");
    match tsi_core::documents::parse_policy(r#"{"schema_version":1,"min_cel":2}"#) {
        Ok(_) => outln!("   accepted (unexpected)"),
        Err(e) => outln!("   {} at {}", e.code(), e.path()),
    }
    outln!("\nThe same answers come from JavaScript, Kotlin, Swift and Python: see README.md.");
    Outcome::Ok
}

const CASE_LOG: &str = include_str!("../../../examples/case/log.json");

/// The case process, event by event (examples/case/log.json): state, accountability and
/// what falls due; one refused event shows how tsi says no.
fn case_walkthrough() {
    let Ok(log) = serde_json::from_str::<Vec<LogEntry>>(CASE_LOG) else { return };
    let policy = Policy::default();
    outln!("\nA school raises a 13-year-old to the joint team; every event of the case (examples/case/log.json):");
    let mut case: Option<Case> = None;
    for (i, entry) in log.iter().enumerate() {
        if entry.event.name() == "FollowUpMeeting"
            && case.as_ref().is_some_and(|c| !c.followed_up && c.needs.len() == 3)
        {
            show_refusal(case.as_ref(), &entry.ctx, &policy);
        }
        match apply(case.as_ref(), &entry.event, &entry.ctx, &policy) {
            Ok(applied) => {
                let c = applied.case;
                let due: Vec<String> = due_actions(&c, &entry.ctx.now, &policy, Lang::En)
                    .iter()
                    .filter(|d| d.code != Code::DueFollowUp)
                    .map(|d| format!("{} by {}", d.code, d.due.local_date(policy.time_zone)))
                    .collect();
                outln!(
                    "{:>3}. {} {:<19} {:<30} -> {:<24}{}",
                    i + 1,
                    entry.ctx.now.local_date(policy.time_zone),
                    entry.ctx.actor_agency,
                    entry.event.name(),
                    c.state.to_string(),
                    if due.is_empty() { String::new() } else { format!(" due: {}", due.join(", ")) }
                );
                for w in applied.warnings {
                    outln!("     warning {}", w.code);
                }
                case = Some(c);
            }
            Err(e) => outln!("{:>3}. refused: {e}", i + 1),
        }
    }
    if let Some(c) = case {
        outln!("Every need had exactly one accountable agency all along (R-RS-1):");
        for n in &c.needs {
            outln!("     {:<8} {:?} level, accountable: {}", n.id, n.level, n.accountable);
        }
    }
}

/// Closing too early is refused with its reason, and the case stays as it was (R-CP-6, R-CP-8).
fn show_refusal(case: Option<&Case>, ctx: &EventContext, policy: &Policy) {
    let close = CaseEvent::Close { reason: CloseReason::GoalsMet };
    if let Err(e) = apply(case, &close, ctx, policy) {
        outln!(
            "     (try) {} {:<19} Close -> REFUSED {}: {}",
            ctx.now.local_date(policy.time_zone),
            ctx.actor_agency,
            e.code,
            e.message(Lang::En)
        );
    }
}

/// Steps 1–3: the sharing decision on the example case (examples/sharing).
fn sharing() {
    let question: serde_json::Value = match serde_json::from_str(EXAMPLE) {
        Ok(v) => v,
        Err(_) => return,
    };
    let policy = Policy::default();
    step(1, "May the school tell social services about attendance? Both guardians and the 13-year-old consented (R-CN-3, R-CN-4):");
    let allowed = tsi_core::documents::decide_question(EXAMPLE, None, &policy, Lang::En);
    print_decision(&allowed);
    step(2, "May the school tell BUP about mental health? The consent names neither (every missing piece is listed):");
    let mut denied = question.clone();
    set(&mut denied, "/request/to", "bup".into());
    set(&mut denied, "/request/category", "MentalHealth".into());
    if let (Ok(Some(prev)), Some(doc)) =
        (allowed.as_ref().map(|d| serde_json::to_value(&d.audit).ok()), denied.as_object_mut())
    {
        doc.insert("audit_prev".to_owned(), prev);
    }
    let second = tsi_core::documents::decide_question(&denied.to_string(), None, &policy, Lang::En);
    print_decision(&second);
    step(3, "A guardian withdraws consent. A report of concern to social services still needs no consent (R-CN-5):");
    let mut withdrawn = question;
    set(
        &mut withdrawn,
        "/case/withdrawals",
        serde_json::json!([{"consent":"samtycke-1","by":{"Guardian":"vh-2"},"at":"2026-11-20T16:00:00+01:00","scope":"Whole"}]),
    );
    set(
        &mut withdrawn,
        "/case/legal_grounds",
        serde_json::json!([{"id":"oro-1","ground":"ReportOfConcern","assessed_by":"rektor-1",
        "assessed_at":"2026-11-22T09:00:00+01:00","provision":"SoL (2025:400) orosanmälan",
        "scope":{"from":"skola-ekbacken","categories":["Attendance","SocialSituation"],"valid_from":"2026-11-22T09:00:00+01:00"}}]),
    );
    print_decision(&tsi_core::documents::decide_question(&withdrawn.to_string(), None, &policy, Lang::En));
    if let (Ok(a), Ok(b)) = (allowed, second) {
        let chain = tsi_core::audit::verify_chain(&[a.audit, b.audit], None, Lang::En);
        outln!("   audit log of the decisions: {} records, intact: {} (R-AU-1)", chain.checked, chain.valid);
    }
}

/// Replaces the value at a JSON Pointer that exists in the example.
fn set(doc: &mut serde_json::Value, pointer: &str, value: serde_json::Value) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        *slot = value;
    }
}

fn print_decision(d: &Result<AuditedDecision, tsi_core::Error>) {
    match d {
        Ok(d) => {
            match &d.basis {
                Some(b) => outln!("   ALLOWED on {}", crate::consent::describe(b)),
                None => outln!("   DENIED"),
            }
            for r in &d.reasons {
                outln!("   - {} at {}", r.code, r.path);
            }
        }
        Err(e) => outln!("   refused: {} at {}", e.code(), e.path()),
    }
}

const EXAMPLE: &str = include_str!("../../../examples/sharing/allowed.json");

fn step(n: u32, text: &str) {
    outln!("\n{n}. {text}");
}

fn show(report: &Report) {
    outln!("   valid: {}", report.valid);
    for f in &report.findings {
        outln!("   - {:?} {} at {}: {}", f.severity, f.code, f.path, f.message);
    }
}
