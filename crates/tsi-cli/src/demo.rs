//! `tsi demo`: a step-by-step walk through what the library decides, for newcomers.

use tsi_core::case::due::due_actions;
use tsi_core::case::transition::apply;
use tsi_core::case::{Case, CaseEvent, CloseReason, EventContext, LogEntry};
use tsi_core::documents::AuditedDecision;
use tsi_core::{id, Code, NaiveDate, Policy, Report};

use crate::output::{lang, say, Outcome};

/// The demo's fixed decision date, so the demo prints the same every day.
fn demo_date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 23)
}

pub fn run() -> Outcome {
    let Some(at) = demo_date() else { return Outcome::BadInput };
    outln!(
        "tsi {} — {}",
        tsi_core::VERSION,
        say(
            "den gemensamma regelmotorn för TSI (tidiga och samordnade insatser)",
            "the shared rule engine for TSI (tidiga och samordnade insatser)"
        )
    );
    case_walkthrough();
    outln!("\n--- {} ---", say("Vad varje journalsystem mer frågar tsi", "What else every journal system asks tsi"));
    sharing();
    step(
        4,
        say(
            "Personnummer kontrolleras vid beslutsdagen, aldrig \"nu\" (R-ID-1, R-ID-2):",
            "Identity numbers are checked at the decision date, never 'now' (R-ID-1, R-ID-2):",
        ),
    );
    for number in ["121212-1212", "20121212-1212", "701063-2391", "121212+1212", "121212-1213", "1212"] {
        match id::check_personal_identity(number, at) {
            Ok(c) => outln!(
                "   {number:<15} -> {} {}, {} {} {at}",
                id_kind(c.kind),
                c.normalized,
                c.age,
                say("år den", "years on")
            ),
            Err(e) => outln!("   {number:<15} -> {} {}", say("avvisas:", "refused:"), e.message(lang())),
        }
    }
    step(
        5,
        say(
            "Fel upprepar aldrig indata: de säger vad som är fel, och programmen får en kod och en sökväg (R-PD-1).",
            "Errors never repeat the input: they say what is wrong, and programs get a code and a path (R-PD-1).",
        ),
    );
    step(
        6,
        say(
            "Varje samverkan har en policy; standardvärdena kommer från SPEC.",
            "Each collaboration has a policy; the defaults come from SPEC.",
        ),
    );
    let p = tsi_core::Policy::default();
    outln!(
        "{}",
        say(
            "   barnet samtycker från {consent} år, ensamt för hälsa från {alone} år, svar på överlämning inom {handover} dagar, första mötet inom {meeting} dagar",
            "   the child consents from {consent}, alone for health from {alone}, handover answer within {handover} days, first meeting within {meeting} days"
        )
        .replace("{consent}", &p.consent_policy.child_consent_from.to_string())
        .replace("{alone}", &p.consent_policy.child_alone_from.to_string())
        .replace("{handover}", &p.handover_answer_days.to_string())
        .replace("{meeting}", &p.timeliness.first_meeting_within_days.to_string())
    );
    step(
        7,
        say(
            "En policyfil med fel ger en rapport, inte ett undantag (R-SP-6):",
            "A policy file with mistakes gives a report, not an exception (R-SP-6):",
        ),
    );
    let file = r#"{"schema_version":1,"consent_policy":{"child_consent_from":16,"child_alone_from":14},"min_cell":2,"timeliness":{"first_meeting_within_days":7}}"#;
    outln!("   {file}");
    match tsi_core::documents::validate_policy(file, lang()) {
        Ok(report) => show(&report),
        Err(e) => outln!("   {} {}", say("avvisas:", "refused:"), e.message(lang())),
    }
    step(
        8,
        say(
            "Ett stavfel avvisas i stället för att tyst bli ett standardvärde (SPEC §9):",
            "A typo is refused rather than silently defaulted (SPEC §9):",
        ),
    );
    match tsi_core::documents::parse_policy(r#"{"schema_version":1,"min_cel":2}"#) {
        Ok(_) => outln!("   {}", say("godtogs (oväntat)", "accepted (unexpected)")),
        Err(e) => outln!("   {}", e.message(lang())),
    }
    outln!(
        "\n{}",
        say(
            "Samma svar kommer från JavaScript, Kotlin, Swift och Python: se README.md.",
            "The same answers come from JavaScript, Kotlin, Swift and Python: see README.md."
        )
    );
    Outcome::Ok
}

const CASE_LOG: &str = include_str!("../../../examples/case/log.json");

/// The case process, event by event (examples/case/log.json): state, accountability and
/// what falls due; one refused event shows how tsi says no.
fn case_walkthrough() {
    let Ok(log) = serde_json::from_str::<Vec<LogEntry>>(CASE_LOG) else { return };
    let policy = Policy::default();
    outln!(
        "\n{}",
        say(
            "En skola tar upp en 13-åring i det gemensamma teamet; varje händelse i ärendet (examples/case/log.json):",
            "A school raises a 13-year-old to the joint team; every event of the case (examples/case/log.json):"
        )
    );
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
                let due: Vec<String> = due_actions(&c, &entry.ctx.now, &policy, lang())
                    .iter()
                    .filter(|d| d.code != Code::DueFollowUp)
                    .map(|d| {
                        let action =
                            tsi_core::i18n::display_name("DueAction", d.code.as_str(), lang()).unwrap_or_default();
                        format!("{action} {} {}", say("senast", "by"), d.due.local_date(policy.time_zone))
                    })
                    .collect();
                outln!(
                    "{:>3}. {} {:<19} {:<30} -> {:<24}{}",
                    i + 1,
                    entry.ctx.now.local_date(policy.time_zone),
                    entry.ctx.actor_agency,
                    entry.event.kind().display_name(lang()),
                    c.state.display_name(lang()),
                    if due.is_empty() {
                        String::new()
                    } else {
                        format!(" {} {}", say("att göra:", "due:"), due.join(", "))
                    }
                );
                for w in applied.warnings {
                    outln!("     {} {}", say("varning:", "warning:"), w.render(lang()));
                }
                case = Some(c);
            }
            Err(e) => outln!("{:>3}. {} {}", i + 1, say("avvisas:", "refused:"), e.message(lang())),
        }
    }
    if let Some(c) = case {
        outln!(
            "{}",
            say(
                "Varje behov hade hela tiden exakt en ansvarig verksamhet (R-RS-1):",
                "Every need had exactly one accountable agency all along (R-RS-1):"
            )
        );
        for n in &c.needs {
            let accountable = say("ansvarig:", "accountable:");
            outln!("     {:<8} {}, {accountable} {}", n.id, n.level.display_name(lang()), n.accountable);
        }
    }
}

/// Closing too early is refused with its reason, and the case stays as it was (R-CP-6, R-CP-8).
fn show_refusal(case: Option<&Case>, ctx: &EventContext, policy: &Policy) {
    let close = CaseEvent::Close { reason: CloseReason::GoalsMet };
    if let Err(e) = apply(case, &close, ctx, policy) {
        outln!(
            "     ({}) {} {:<19} {} -> {} {}",
            say("försök", "try"),
            ctx.now.local_date(policy.time_zone),
            ctx.actor_agency,
            close.kind().display_name(lang()),
            say("AVVISAS:", "REFUSED:"),
            e.message(lang())
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
    step(1, say("Får skolan berätta för socialtjänsten om närvaron? Båda vårdnadshavarna och 13-åringen har samtyckt (R-CN-3, R-CN-4):", "May the school tell social services about attendance? Both guardians and the 13-year-old consented (R-CN-3, R-CN-4):"));
    let allowed = tsi_core::documents::decide_question(EXAMPLE, None, &policy, lang());
    print_decision(&allowed);
    step(
        2,
        say(
            "Får skolan berätta för BUP om psykisk hälsa? Samtycket nämner inget av dem (allt som saknas räknas upp):",
            "May the school tell BUP about mental health? The consent names neither (every missing piece is listed):",
        ),
    );
    let mut denied = question.clone();
    set(&mut denied, "/request/to", "bup".into());
    set(&mut denied, "/request/category", "MentalHealth".into());
    if let (Ok(Some(prev)), Some(doc)) =
        (allowed.as_ref().map(|d| serde_json::to_value(&d.audit).ok()), denied.as_object_mut())
    {
        doc.insert("audit_prev".to_owned(), prev);
    }
    let second = tsi_core::documents::decide_question(&denied.to_string(), None, &policy, lang());
    print_decision(&second);
    step(3, say("En vårdnadshavare återkallar samtycket. En orosanmälan till socialtjänsten behöver ändå inget samtycke (R-CN-5):", "A guardian withdraws consent. A report of concern to social services still needs no consent (R-CN-5):"));
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
    print_decision(&tsi_core::documents::decide_question(&withdrawn.to_string(), None, &policy, lang()));
    if let (Ok(a), Ok(b)) = (allowed, second) {
        let chain = tsi_core::audit::verify_chain(&[a.audit, b.audit], None, lang());
        let intact = if chain.valid { say("hel", "intact") } else { say("bruten", "broken") };
        outln!(
            "   {} {}, {intact} (R-AU-1)",
            say("beslutens logg: poster", "the decisions' audit log: records"),
            chain.checked
        );
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
                Some(b) => outln!("   {} {}", say("Ja. Grund:", "Yes. Basis:"), crate::consent::describe(b)),
                None => outln!("   {}", say("Nej.", "No.")),
            }
            for r in &d.reasons {
                outln!("   – {}", r.message);
            }
        }
        Err(e) => outln!("   {} {}", say("avvisas:", "refused:"), e.message(lang())),
    }
}

const EXAMPLE: &str = include_str!("../../../examples/sharing/allowed.json");

fn step(n: u32, text: &str) {
    outln!("\n{n}. {text}");
}

fn show(report: &Report) {
    outln!("   {}", if report.valid { say("giltig", "valid") } else { say("ogiltig", "not valid") });
    for f in &report.findings {
        outln!("   – {}: {}", crate::output::severity(f.severity), f.message);
    }
}

/// The kind of identity number in words.
fn id_kind(kind: id::IdKind) -> &'static str {
    match kind {
        id::IdKind::PersonalNumber => say("personnummer", "personal identity number"),
        id::IdKind::CoordinationNumber => say("samordningsnummer", "coordination number"),
    }
}
