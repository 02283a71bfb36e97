//! What a reader of a published release knows besides its counts (R-ST-3, "Protection"), written
//! down once: every published count, the tables they form, and every linear relation that holds
//! between them because of how cases are counted. The audit ([`super::audit`]) works out from
//! exactly this what a reader can work out; [`super::Aggregate::check`] refuses a partial that
//! breaks any of it. A table is published only from [`tables`], and a test requires every count
//! of every table to stand in at least one relation here.
//!
//! Some relations go through counts nobody publishes (*latent* counts): how many cases are in a
//! given state *and* stage *and* have given codes overdue, or the sum of attendance tenths. The
//! reader does not know them, only that they are whole, non-negative and add up.

use crate::agency::{AgencyKind, Level};
use crate::case::{CaseState, CloseReason};
use crate::finding::Code;
use crate::followup::Change;
use crate::policy::Policy;

use super::{kind_key, Aggregate, Stage};

/// First or latest attendance measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Moment {
    /// At the first measurement.
    First,
    /// At the latest measurement.
    Last,
}

/// One published count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Count {
    /// All cases.
    Cases,
    /// Cases in a state.
    State(CaseState),
    /// Cases at a level.
    Level(Level),
    /// Cases raised by a kind of agency ([`raiser_kinds`] index).
    RaisedBy(usize),
    /// Closed cases by reason.
    CloseReason(CloseReason),
    /// Cases at their furthest stage.
    Stage(Stage),
    /// Cases that reached a stage (that stage or a later one).
    Reached(Stage),
    /// Cases measured twice (ORS) at a level, by change.
    Outcome(Level, Change),
    /// Cases measured twice (ORS) at a level.
    Measured(Level),
    /// Cases measured twice (ORS), by change.
    OutcomeAll(Change),
    /// Cases measured twice (ORS).
    MeasuredAll,
    /// Cases with attendance measured twice.
    AttendanceMeasured,
    /// Of those, with (true) or without problematic absence at a measurement.
    Attendance(Moment, bool),
    /// Cases with something overdue, by code.
    Overdue(Code),
    /// Cases with anything overdue.
    CasesOverdue,
    /// Selective-level needs in open cases (needs, not cases).
    SelectiveNeeds,
    /// Of those, offered to another agency and not yet answered.
    SelectiveWaiting,
    /// Declined handovers of selective-level needs (events).
    SelectiveDeclinedHandovers,
}

/// A count nobody publishes, but that a reader knows to exist.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Latent {
    /// Cases of one [`Profile`] (index into [`profiles`]).
    Profile(usize),
    /// The sum of attendance, in tenths of a percent, at a measurement.
    AttendanceTenths(Moment),
}

/// A count or a latent count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// A published (or suppressed) count.
    Count(Count),
    /// A count nobody publishes.
    Latent(Latent),
}

/// How the two sides of a relation compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `Σ left = Σ right`.
    Equal,
    /// `Σ left ≤ Σ right`.
    AtMost,
}

/// A relation between weighted sums of terms, and why it holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Relation {
    /// How the sides compare.
    pub kind: Kind,
    /// The left side, `(weight, term)`.
    pub left: Vec<(i64, Term)>,
    /// The right side.
    pub right: Vec<(i64, Term)>,
    /// Why it holds, in a sentence (for the docs and for whoever adds a table).
    pub why: &'static str,
}

/// Which state, stage and overdue codes one case can have at once. Every combination the case
/// process allows is one profile; the reader knows the list (it follows from SPEC §6 and the
/// transition table, which are public).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// The case's state.
    pub state: CaseState,
    /// Its furthest stage.
    pub stage: Stage,
    /// Its overdue codes.
    pub overdue: Vec<Code>,
}

/// The codes that can be overdue in statistics ([`crate::case::due::overdue_codes`]):
/// `CONSENT_EXPIRING` is due only before a consent ends, so it is never overdue.
pub const OVERDUE: [Code; 5] =
    [Code::DueConsentRequest, Code::DueFirstMeeting, Code::DueFollowUp, Code::DueHandoverAnswer, Code::DueSipMeeting];

/// The levels, lowest first.
pub const LEVELS: [Level; 3] = [Level::Universal, Level::Selective, Level::Indicated];

/// The close reasons, as published.
pub const CLOSE_REASONS: [CloseReason; 6] = [
    CloseReason::GoalsMet,
    CloseReason::Declined,
    CloseReason::ConsentWithdrawn,
    CloseReason::HandedOver,
    CloseReason::Moved,
    CloseReason::Other,
];

/// The kinds of raising agency, as published: the standard kinds, then `Other`.
pub fn raiser_kinds() -> Vec<String> {
    AgencyKind::STANDARD.iter().map(kind_key).chain(std::iter::once("Other".to_owned())).collect()
}

/// Every profile a case can have (see [`Profile`]). Why each holds:
/// - No consent is recorded before `AwaitingConsent` → `Planning`, and no case returns to
///   `Raised`, `DeIdentifiedConsultation`, `AwaitingConsent` or `Declined` (declined from
///   awaiting): those four are at stage `Raised`. `Planning` has consent but no first meeting
///   (the first meeting moves it to `Active`). `Active` and `FollowUp` come after the first
///   meeting. `Paused` comes from planning (stage `Consent`) or later (`FirstMeeting`).
///   `Closed` can be reached from every stage; stage `Closed` is closed after a first meeting.
/// - Overdue codes follow [`crate::case::due`]: the consent request is due in `Raised` and
///   `DeIdentifiedConsultation`, the first meeting in `Planning`, follow-up in `Active` and
///   `FollowUp`. Handovers are offered and interventions started (which make a SIP indicated)
///   only in `Active` and `FollowUp`, so a handover answer is due only there or in `Paused` after
///   them (stage `FirstMeeting`), a SIP meeting only in `Active` and `FollowUp` (not when paused).
///   Closed and declined cases owe nothing.
pub fn profiles() -> Vec<Profile> {
    use CaseState as S;
    use Code::{DueConsentRequest as C, DueFirstMeeting as M, DueFollowUp as F, DueHandoverAnswer as H};
    let p = |state, stage, overdue: &[Code]| Profile { state, stage, overdue: overdue.to_vec() };
    let mut out = vec![
        p(S::Raised, Stage::Raised, &[]),
        p(S::Raised, Stage::Raised, &[C]),
        p(S::DeIdentifiedConsultation, Stage::Raised, &[]),
        p(S::DeIdentifiedConsultation, Stage::Raised, &[C]),
        p(S::AwaitingConsent, Stage::Raised, &[]),
        p(S::Planning, Stage::Consent, &[]),
        p(S::Planning, Stage::Consent, &[M]),
        p(S::Paused, Stage::Consent, &[]),
        p(S::Paused, Stage::FirstMeeting, &[]),
        p(S::Paused, Stage::FirstMeeting, &[H]),
        p(S::Declined, Stage::Raised, &[]),
        p(S::Closed, Stage::Raised, &[]),
        p(S::Closed, Stage::Consent, &[]),
        p(S::Closed, Stage::Closed, &[]),
    ];
    for state in [S::Active, S::FollowUp] {
        for bits in 0u8..8 {
            let codes: Vec<Code> = [F, H, Code::DueSipMeeting]
                .into_iter()
                .enumerate()
                .filter(|(i, _)| bits & (1 << i) != 0)
                .map(|(_, c)| c)
                .collect();
            out.push(p(state, Stage::FirstMeeting, &codes));
        }
    }
    out
}

/// A published table: `cells` add up to `total` when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// The table's name.
    pub name: String,
    /// The total's key and count.
    pub total: Option<(String, Count)>,
    /// The cells' keys and counts.
    pub cells: Vec<(String, Count)>,
}

fn table(name: &str, total: Option<(&str, Count)>, cells: Vec<(String, Count)>) -> Table {
    Table { name: name.to_owned(), total: total.map(|(k, c)| (k.to_owned(), c)), cells }
}

fn named<K: serde::Serialize + Copy>(keys: &[K], count: impl Fn(K) -> Count) -> Vec<(String, Count)> {
    keys.iter().map(|k| (crate::reading::key_name(k), count(*k))).collect()
}

/// Every published table, in the order they are published.
pub fn tables() -> Vec<Table> {
    let cases = Some(("cases", Count::Cases));
    let mut out = vec![
        table("by_state", cases, named(&CaseState::ALL, Count::State)),
        table("by_level", cases, named(&LEVELS, Count::Level)),
        table(
            "by_raising_agency_kind",
            cases,
            raiser_kinds().into_iter().enumerate().map(|(i, k)| (k, Count::RaisedBy(i))).collect(),
        ),
        table(
            "by_close_reason",
            Some(("Closed", Count::State(CaseState::Closed))),
            named(&CLOSE_REASONS, Count::CloseReason),
        ),
        table("funnel", cases, named(&Stage::ALL, Count::Stage)),
        table("funnel_reached", None, named(&Stage::ALL, Count::Reached)),
    ];
    for level in LEVELS {
        let cells = named(&Change::ALL, |c| Count::Outcome(level, c));
        out.push(table(&format!("outcomes/{level:?}"), Some(("measured", Count::Measured(level))), cells));
    }
    out.push(table("outcomes", Some(("measured", Count::MeasuredAll)), named(&Change::ALL, Count::OutcomeAll)));
    for (name, moment) in [("attendance_first", Moment::First), ("attendance_last", Moment::Last)] {
        let cells = vec![
            ("Problematic".to_owned(), Count::Attendance(moment, true)),
            ("NotProblematic".to_owned(), Count::Attendance(moment, false)),
        ];
        out.push(table(name, Some(("measured", Count::AttendanceMeasured)), cells));
    }
    out.push(table("overdue", None, named(&OVERDUE, Count::Overdue)));
    let singles = [
        ("cases_overdue", Count::CasesOverdue),
        ("selective_needs", Count::SelectiveNeeds),
        ("selective_waiting", Count::SelectiveWaiting),
        ("selective_declined_handovers", Count::SelectiveDeclinedHandovers),
    ];
    out.push(table("selective", None, singles.iter().map(|(k, c)| ((*k).to_owned(), *c)).collect()));
    out
}

/// Every count, once each, in publishing order.
pub fn counts() -> Vec<Count> {
    let mut out = vec![Count::Cases];
    for t in tables() {
        for (_, c) in t.total.iter().chain(&t.cells) {
            if !out.contains(c) {
                out.push(*c);
            }
        }
    }
    out
}

fn count(c: Count) -> (i64, Term) {
    (1, Term::Count(c))
}

fn sum(cs: impl IntoIterator<Item = Count>) -> Vec<(i64, Term)> {
    cs.into_iter().map(count).collect()
}

fn rel(kind: Kind, left: Vec<(i64, Term)>, right: Vec<(i64, Term)>, why: &'static str) -> Relation {
    Relation { kind, left, right, why }
}

/// Every relation a reader knows, under `policy` (its attendance threshold).
pub fn relations(policy: Option<&Policy>) -> Vec<Relation> {
    use Kind::Equal;
    let mut out = Vec::new();
    for t in tables() {
        if let Some((_, total)) = &t.total {
            let why = "a table's cells count each case of its total exactly once";
            out.push(rel(Equal, vec![count(*total)], sum(t.cells.iter().map(|c| c.1)), why));
        }
    }
    for (k, stage) in Stage::ALL.iter().enumerate() {
        let why = "a case reached a stage when its furthest stage is that one or a later one";
        out.push(rel(
            Equal,
            vec![count(Count::Reached(*stage))],
            sum(Stage::ALL.iter().skip(k).map(|s| Count::Stage(*s))),
            why,
        ));
    }
    let profiles = profiles();
    let of = |keep: &dyn Fn(&Profile) -> bool| -> Vec<(i64, Term)> {
        profiles
            .iter()
            .enumerate()
            .filter(|(_, p)| keep(p))
            .map(|(i, _)| (1, Term::Latent(Latent::Profile(i))))
            .collect()
    };
    for state in CaseState::ALL {
        let why = "every case has one profile (state, stage, overdue codes) of those the case process allows";
        out.push(rel(Equal, vec![count(Count::State(state))], of(&|p| p.state == state), why));
    }
    for stage in Stage::ALL {
        let why = "the profiles of a stage are the cases at it";
        out.push(rel(Equal, vec![count(Count::Stage(stage))], of(&|p| p.stage == stage), why));
    }
    for code in OVERDUE {
        let why = "a code is overdue only in the profiles whose state can owe it";
        out.push(rel(Equal, vec![count(Count::Overdue(code))], of(&|p| p.overdue.contains(&code)), why));
    }
    let why = "a case has something overdue when its profile has any overdue code";
    out.push(rel(Equal, vec![count(Count::CasesOverdue)], of(&|p| !p.overdue.is_empty()), why));
    outcome_relations(&mut out);
    attendance_relations(&mut out, policy);
    selective_relations(&mut out);
    out
}

impl Relation {
    /// Where in a partial aggregate a relation that does not hold is reported: the parts of an
    /// equation, the side that is too large of an inequality.
    pub fn path(&self) -> &'static str {
        let side = if self.kind == Kind::Equal { &self.right } else { &self.left };
        side.iter()
            .chain(&self.left)
            .find_map(|(_, t)| match t {
                Term::Count(c) => Some(c.field()),
                Term::Latent(_) => None,
            })
            .unwrap_or("")
    }
}

impl Count {
    /// The member of a partial aggregate the count is read from.
    pub fn field(self) -> &'static str {
        match self {
            Count::Cases => "/cases",
            Count::State(_) => "/by_state",
            Count::Level(_) => "/by_level",
            Count::RaisedBy(_) => "/by_raising_agency_kind",
            Count::CloseReason(_) => "/by_close_reason",
            Count::Stage(_) | Count::Reached(_) => "/funnel",
            Count::Outcome(..) | Count::Measured(_) | Count::OutcomeAll(_) | Count::MeasuredAll => "/outcomes",
            Count::AttendanceMeasured | Count::Attendance(..) => "/attendance",
            Count::Overdue(_) => "/overdue",
            Count::CasesOverdue => "/cases_overdue",
            Count::SelectiveNeeds | Count::SelectiveWaiting | Count::SelectiveDeclinedHandovers => "/selective",
        }
    }
}

fn outcome_relations(out: &mut Vec<Relation>) {
    for change in Change::ALL {
        let why = "outcomes by change add up over the levels";
        out.push(rel(
            Kind::Equal,
            vec![count(Count::OutcomeAll(change))],
            sum(LEVELS.iter().map(|l| Count::Outcome(*l, change))),
            why,
        ));
    }
    let why = "the cases measured twice add up over the levels";
    out.push(rel(Kind::Equal, vec![count(Count::MeasuredAll)], sum(LEVELS.iter().map(|l| Count::Measured(*l))), why));
    for level in LEVELS {
        let why = "an outcome is counted at the case's level, once per case";
        out.push(rel(Kind::AtMost, vec![count(Count::Measured(level))], vec![count(Count::Level(level))], why));
    }
    let why =
        "measures are recorded at the first meeting and at follow-ups, so a case measured twice had its first meeting";
    out.push(rel(Kind::AtMost, vec![count(Count::MeasuredAll)], vec![count(Count::Reached(Stage::FirstMeeting))], why));
}

fn attendance_relations(out: &mut Vec<Relation>, policy: Option<&Policy>) {
    let why =
        "attendance is measured at the first meeting and at follow-ups, so a case measured twice had its first meeting";
    out.push(rel(
        Kind::AtMost,
        vec![count(Count::AttendanceMeasured)],
        vec![count(Count::Reached(Stage::FirstMeeting))],
        why,
    ));
    // Problematic absence is attendance below the threshold (R-FU-3), in tenths of a percent.
    let Some(policy) = policy else { return };
    let below = i64::from(policy.followup.attendance_problem_below_percent) * 10;
    for moment in [Moment::First, Moment::Last] {
        let tenths = (1, Term::Latent(Latent::AttendanceTenths(moment)));
        let (problem, fine) = (Count::Attendance(moment, true), Count::Attendance(moment, false));
        let why = "a case without problematic absence attends at least the threshold";
        out.push(rel(Kind::AtMost, vec![(below, Term::Count(fine))], vec![tenths], why));
        let why = "a case with problematic absence attends less than the threshold, any case at most 100 %";
        out.push(rel(
            Kind::AtMost,
            vec![tenths],
            vec![((below - 1).max(0), Term::Count(problem)), (1000, Term::Count(fine))],
            why,
        ));
    }
}

/// The selective level (R-ST-2). A reader also knows where needs and handovers can exist — a
/// selective need is in a case at the selective level or above and in an open case from
/// planning on; a waiting or declined handover in a case past its first meeting — but each of
/// those says only that some count is not zero (cases at those levels, in those states, at that
/// stage), and every such count is shown or suppressed, and a suppressed count is not zero. So
/// they narrow nothing and are not listed.
fn selective_relations(out: &mut Vec<Relation>) {
    // The needs count has no upper bound (a case holds any number of needs), so this never
    // narrows a range below a shown count of needs; it keeps partials honest (`check`).
    let why = "a need waiting for an answer is a selective need of an open case";
    out.push(rel(Kind::AtMost, vec![count(Count::SelectiveWaiting)], vec![count(Count::SelectiveNeeds)], why));
}

fn get<K: Ord + Copy>(m: &super::ByKey<K>, k: &K) -> u64 {
    m.get(k).copied().unwrap_or(0)
}

impl Count {
    /// The count's value in an aggregate.
    pub fn value(self, a: &Aggregate) -> u64 {
        let reached =
            |from: Stage| a.funnel.iter().filter(|(s, _)| **s >= from).fold(0u64, |s, (_, v)| s.saturating_add(*v));
        let outcome = |l: Level, c: Change| a.outcomes.get(&l).map_or(0, |m| get(m, &c));
        let measured = |l: Level| a.outcomes.get(&l).map_or(0, |m| m.values().fold(0u64, |s, v| s.saturating_add(*v)));
        let att = &a.attendance;
        match self {
            Count::Cases => a.cases,
            Count::State(s) => get(&a.by_state, &s),
            Count::Level(l) => get(&a.by_level, &l),
            Count::RaisedBy(i) => {
                raiser_kinds().get(i).map_or(0, |k| a.by_raising_agency_kind.get(k).copied().unwrap_or(0))
            }
            Count::CloseReason(r) => get(&a.by_close_reason, &r),
            Count::Stage(s) => get(&a.funnel, &s),
            Count::Reached(s) => reached(s),
            Count::Outcome(l, c) => outcome(l, c),
            Count::Measured(l) => measured(l),
            Count::OutcomeAll(c) => LEVELS.iter().fold(0u64, |s, l| s.saturating_add(outcome(*l, c))),
            Count::MeasuredAll => LEVELS.iter().fold(0u64, |s, l| s.saturating_add(measured(*l))),
            Count::AttendanceMeasured => att.cases,
            Count::Attendance(Moment::First, true) => att.problematic_first,
            Count::Attendance(Moment::Last, true) => att.problematic_last,
            Count::Attendance(Moment::First, false) => att.cases.saturating_sub(att.problematic_first),
            Count::Attendance(Moment::Last, false) => att.cases.saturating_sub(att.problematic_last),
            Count::Overdue(code) => get(&a.overdue, &code),
            Count::CasesOverdue => a.cases_overdue,
            Count::SelectiveNeeds => a.selective.needs,
            Count::SelectiveWaiting => a.selective.waiting,
            Count::SelectiveDeclinedHandovers => a.selective.declined_handovers,
        }
    }
}

/// The value of a latent count an aggregate knows (the reader does not): attendance sums.
pub fn known_latent(l: Latent, a: &Aggregate) -> Option<u64> {
    match l {
        Latent::AttendanceTenths(Moment::First) => Some(a.attendance.first_tenths),
        Latent::AttendanceTenths(Moment::Last) => Some(a.attendance.last_tenths),
        Latent::Profile(_) => None,
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// A table is not publishable without its relations: every count of every table stands in
    /// at least one relation besides its own table's total (the audit would otherwise treat it as
    /// unrelated to the rest of the release).
    #[test]
    fn every_published_count_stands_in_a_relation_beyond_its_table() {
        let relations = relations(Some(&Policy::default()));
        for t in tables() {
            for (key, c) in t.total.iter().chain(&t.cells) {
                let own = |r: &&Relation| {
                    r.kind == Kind::Equal
                        && r.left.len() == 1
                        && t.total
                            .as_ref()
                            .is_some_and(|(_, total)| r.left.iter().any(|(_, x)| *x == Term::Count(*total)))
                        && r.right.len() == t.cells.len()
                };
                let elsewhere = relations
                    .iter()
                    .filter(|r| !own(r))
                    .any(|r| r.left.iter().chain(&r.right).any(|(_, x)| *x == Term::Count(*c)));
                // Related only to their table's total: the kind of the raising agency and the close
                // reason say nothing else about a case. Declined handovers are events of any case,
                // related to no other count (suppressed alone when small, never pinned).
                let alone = t.name == "by_raising_agency_kind"
                    || t.name == "by_close_reason"
                    || *c == Count::SelectiveDeclinedHandovers;
                assert!(elsewhere || alone, "{}/{key} stands in no relation beyond its table", t.name);
            }
        }
        assert!(relations.iter().all(|r| !r.why.is_empty()));
    }

    #[test]
    fn profiles_are_distinct_and_cover_every_state_and_stage() {
        let p = profiles();
        for (i, a) in p.iter().enumerate() {
            assert!(!p.iter().skip(i + 1).any(|b| b == a), "{a:?} twice");
        }
        assert!(CaseState::ALL.iter().all(|s| p.iter().any(|x| x.state == *s)));
        assert!(Stage::ALL.iter().all(|s| p.iter().any(|x| x.stage == *s)));
        assert!(OVERDUE.iter().all(|c| p.iter().any(|x| x.overdue.contains(c))));
    }
}
