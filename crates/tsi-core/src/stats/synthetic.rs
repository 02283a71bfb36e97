//! Synthetic case logs from a [`Script`]: a pure function of its choices, so the same script
//! gives the same log everywhere. The choices themselves are the caller's (the CLI's
//! `tsi simulate` draws them at random; tests draw them with proptest). Behind the feature
//! `synthetic` (and in tests) so the wasm build does not carry it.

use serde_json::{json, Value};

use crate::agency::Level;
use crate::case::{CloseReason, LogEntry};
use crate::time::Instant;

/// How far a synthetic case gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// Raised only.
    Raised,
    /// Consent asked, not answered.
    ConsentAsked,
    /// The family declined (then closed as declined).
    Declined,
    /// Consent recorded; no meeting yet.
    Consented,
    /// First meeting, need and intervention.
    Working,
    /// Every follow-up held, still open.
    FollowedUp,
    /// Closed after the follow-ups.
    Closed,
}

/// The choices that make one synthetic case.
#[derive(Clone, Debug, PartialEq)]
pub struct Script {
    /// The case's reference (synthetic, never a personal number).
    pub case_id: String,
    /// The raise instant.
    pub raised_at: Instant,
    /// The child's age in years at the raise (6–17).
    pub age: u32,
    /// Index into the agencies: school, student health, social services, first line, BUP.
    pub raised_by: usize,
    /// How far it gets.
    pub reach: Reach,
    /// Days from raise to the consent request, then to the answer, then to the first meeting.
    pub gaps: [u32; 3],
    /// The need's level.
    pub level: Level,
    /// ORS totals in tenths (0–400) at the first meeting and at each follow-up after it.
    pub ors: Vec<u32>,
    /// Attendance in tenths of a percent (0–1000), first meeting and follow-ups.
    pub attendance: Vec<u32>,
    /// Days between follow-ups.
    pub followup_every: u32,
    /// 0: no handover; 1: offered and pending; 2: offered and declined.
    pub handover: u8,
    /// Why it closes.
    pub close_reason: CloseReason,
}

const AGENCIES: [(&str, &str, &str); 5] = [
    ("school", "School", "Municipality"),
    ("student-health", "StudentHealth", "Municipality"),
    ("social-services", "SocialServices", "Municipality"),
    ("first-line", "FirstLine", "Region"),
    ("bup", "ChildPsychiatry", "Region"),
];

impl Script {
    /// The case log of the script.
    pub fn log(&self) -> Vec<LogEntry> {
        let mut b = Builder { script: self, day: 0, out: Vec::new() };
        b.build();
        b.out
    }
}

struct Builder<'a> {
    script: &'a Script,
    day: u32,
    out: Vec<LogEntry>,
}

impl Builder<'_> {
    fn now(&self) -> Instant {
        self.script.raised_at.plus_local_days(i64::from(self.day), crate::time::Zone::default())
    }

    fn push(&mut self, actor_agency: &str, event: Value) {
        let entry = json!({"ctx": {"now": self.now(), "actor": "staff", "actor_agency": actor_agency}, "event": event});
        // The builder writes only events it knows to be well-formed.
        if let Ok(entry) = serde_json::from_value(entry) {
            self.out.push(entry);
        }
    }

    fn raiser(&self) -> &'static str {
        AGENCIES.get(self.script.raised_by % AGENCIES.len()).map_or("school", |a| a.0)
    }

    fn build(&mut self) {
        let s = self.script;
        let birth = self.now().local_date(crate::time::Zone::default()) - chrono::Months::new(12 * s.age + 3);
        let agencies: Vec<Value> = AGENCIES
            .iter()
            .map(|(id, kind, p)| json!({"id": id, "kind": kind, "principal": {"id": p.to_lowercase(), "kind": p}}))
            .collect();
        let raiser = self.raiser();
        self.push(raiser, json!({"type": "Raise", "case_id": s.case_id, "raised_by": raiser,
            "concern_areas": ["SchoolAttendance", "ChildDevelopment"], "suggested_level": s.level,
            "child": {"birth_date": birth.to_string()}, "guardians": [{"id": "g1", "kind": "Parent"}], "agencies": agencies}));
        if s.reach == Reach::Raised {
            return;
        }
        self.day += s.gaps[0];
        self.push(raiser, json!({"type": "RequestConsent"}));
        self.day += s.gaps[1];
        match s.reach {
            Reach::ConsentAsked => return,
            Reach::Declined => {
                self.push(raiser, json!({"type": "DeclineConsent"}));
                self.push(raiser, json!({"type": "Close", "reason": "Declined"}));
                return;
            }
            _ => {}
        }
        self.consent();
        if s.reach == Reach::Consented {
            return;
        }
        self.day += s.gaps[2];
        self.work();
    }

    fn consent(&mut self) {
        let mut givers = vec![json!({"giver": {"Guardian": "g1"}, "form": "Written"})];
        if self.script.age >= 12 {
            givers.push(json!({"giver": "Child", "form": "Written"}));
        }
        let recipients: Vec<Value> = AGENCIES.iter().map(|a| json!({"Agency": a.0})).collect();
        let from = self.script.raised_at;
        let until = from.plus_local_days(730, crate::time::Zone::default());
        let consent = json!({"id": "c1", "givers": givers, "recipients": recipients,
            "categories": ["Attendance", "Learning", "Health", "MentalHealth"], "purpose": "TsiCollaboration",
            "valid_from": from, "valid_until": until, "recorded_at": self.now(), "recorded_by": "staff"});
        self.push(self.raiser(), json!({"type": "RecordConsent", "consent": consent}));
    }

    fn measures(&self, k: usize) -> Value {
        let s = self.script;
        let mut m = serde_json::Map::new();
        if let Some(total) = s.ors.get(k) {
            // Four items that add up to the total, each within 0–10 (tenths).
            let items: Vec<f64> = (0..4u32).map(|i| f64::from(total / 4 + u32::from(i < total % 4)) / 10.0).collect();
            m.insert("ors".into(), json!(items));
        }
        if let Some(a) = s.attendance.get(k) {
            m.insert("attendance_percent".into(), json!(f64::from(*a) / 10.0));
        }
        Value::Object(m)
    }

    fn work(&mut self) {
        let s = self.script;
        let raiser = self.raiser();
        let participants: Vec<&str> = AGENCIES.iter().map(|a| a.0).collect();
        let mut meeting = json!({"type": "FirstMeeting", "meeting_id": "m0", "participants": participants,
            "guardians_invited": true, "child_view": {"Recorded": "view"}});
        if let (Some(m), false) = (meeting.as_object_mut(), s.ors.is_empty() && s.attendance.is_empty()) {
            m.insert("measures".into(), self.measures(0));
        }
        self.push(raiser, meeting);
        self.push(raiser, json!({"type": "AddNeed", "need_id": "n1", "area": "SchoolAttendance", "level": s.level, "accountable": raiser}));
        let start = self.now().local_date(crate::time::Zone::default());
        let iv = json!({"id": "i1", "need": "n1", "responsible_agency": raiser, "level": s.level, "start": start.to_string(),
            "goal": "goal", "next_follow_up": (start + chrono::Days::new(u64::from(s.followup_every))).to_string()});
        self.push(raiser, json!({"type": "StartIntervention", "intervention": iv}));
        if s.handover > 0 {
            let to = if raiser == "first-line" { "bup" } else { "first-line" };
            self.push(raiser, json!({"type": "OfferHandover", "need_id": "n1", "to": to}));
            if s.handover == 2 {
                self.day += 3;
                self.push(to, json!({"type": "DeclineHandover", "need_id": "n1", "reason": "reason"}));
            }
        }
        let rounds = s.ors.len().max(s.attendance.len()).max(1);
        if s.reach == Reach::Working {
            return;
        }
        for k in 1..rounds {
            self.day += s.followup_every;
            self.push(
                raiser,
                json!({"type": "FollowUpMeeting", "meeting_id": format!("m{k}"), "participants": participants}),
            );
            self.push(raiser, json!({"type": "RecordFollowUp", "decision": "Continue", "measures": self.measures(k)}));
        }
        if s.reach == Reach::FollowedUp || s.handover == 1 {
            return;
        }
        self.day += 1;
        self.push(raiser, json!({"type": "EndIntervention", "intervention_id": "i1"}));
        if rounds == 1 {
            self.push(raiser, json!({"type": "FollowUpMeeting", "meeting_id": "mc", "participants": participants}));
            self.push(raiser, json!({"type": "RecordFollowUp", "decision": "Close"}));
        }
        self.push(raiser, json!({"type": "Close", "reason": s.close_reason}));
    }
}
