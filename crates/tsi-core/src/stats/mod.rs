//! Statistics over many cases (SPEC §8, R-ST-1 … R-ST-3).
//!
//! An [`Aggregate`] is the unpublished partial: counts and exact day histograms, no ids. It takes
//! one case at a time (memory does not grow with the number of cases), and two aggregates
//! merge: `merge(a, b)` is the aggregate of the union, associative and commutative, because
//! every field is a sum of counts. Suppression (R-ST-3) applies only when publishing
//! ([`Aggregate::publish`]).

mod audit;
mod by_key;
pub mod publish;
mod relations;
mod simplex;
mod suppress;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;

#[cfg(test)]
mod tests;

use crate::named::named_enum;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use audit::Range;
pub use by_key::ByKey;
pub use publish::{AttendanceMeans, Cell, Durations, Published, Table, MIN_CELL_MAX};

use crate::agency::{AgencyKind, Level};
use crate::case::transition::replay;
use crate::case::{Case, CaseState, CloseReason, LogEntry};
use crate::error::{Error, Result};
use crate::finding::Code;
use crate::followup::Change;
use crate::policy::Policy;
use crate::time::Instant;

/// The schema version of partial aggregates.
pub const AGGREGATE_SCHEMA_VERSION: u32 = 1;

named_enum! {
    /// How far a case has come (R-ST-1 funnel): each case counts once, at its furthest stage.
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Stage {
        /// Raised, no consent (yet).
        Raised,
        /// Consent recorded, no identified meeting.
        Consent,
        /// First meeting held, not closed.
        FirstMeeting,
        /// Closed after a first meeting.
        Closed,
    }
}

impl Stage {
    /// The stages in order.
    pub const ALL: [Stage; 4] = [Stage::Raised, Stage::Consent, Stage::FirstMeeting, Stage::Closed];
}

/// Counts per value of a day count (exact, mergeable quantiles).
pub type Histogram = BTreeMap<u32, u64>;

/// Attendance first → last over the cases measured twice (R-ST-1), in tenths of a percent.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Attendance {
    /// Cases with two attendance measurements.
    pub cases: u64,
    /// Σ first attendance, tenths of a percent.
    pub first_tenths: u64,
    /// Σ latest attendance, tenths of a percent.
    pub last_tenths: u64,
    /// Cases with problematic absence at the first measurement (R-FU-3).
    pub problematic_first: u64,
    /// Cases with problematic absence at the latest.
    pub problematic_last: u64,
}

/// The selective level on its own (R-ST-2): where children fall between chairs.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Selective {
    /// Needs at the selective level in open cases.
    pub needs: u64,
    /// Of them, offered to another agency and not yet answered.
    pub waiting: u64,
    /// Days they have waited so far.
    pub waiting_days: Histogram,
    /// Handovers of selective-level needs declined (events, all cases).
    pub declined_handovers: u64,
}

/// The unpublished partial aggregate: counts and histograms, no ids (R-ST-1).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "StatsPartial"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StatsPartial"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Aggregate {
    /// Always [`AGGREGATE_SCHEMA_VERSION`].
    #[cfg_attr(feature = "schema", schemars(description = "Always 1.", extend("const" = 1)))]
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    pub schema_version: u32,
    /// The instant the statistics describe (overdue, waiting).
    pub at: Instant,
    /// Digest of the policy values the counts depend on: only equal bases merge.
    pub basis: String,
    /// Cases counted.
    pub cases: u64,
    /// Logs that could not be read or replayed.
    pub skipped_logs: u64,
    /// Cases by state.
    #[cfg_attr(feature = "schema", schemars(with = "Keyed<CaseState, u64>"))]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<CaseState, u64>"))]
    pub by_state: ByKey<CaseState>,
    /// Cases by level: the highest level of their needs, else the suggested level.
    #[cfg_attr(feature = "schema", schemars(with = "Keyed<Level, u64>"))]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Level, u64>"))]
    pub by_level: ByKey<Level>,
    /// Cases by the kind of the raising agency (a vendor's own kinds all count as `Other`:
    /// their labels are free text).
    pub by_raising_agency_kind: BTreeMap<String, u64>,
    /// Closed cases by reason.
    #[cfg_attr(feature = "schema", schemars(with = "Keyed<CloseReason, u64>"))]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<CloseReason, u64>"))]
    pub by_close_reason: ByKey<CloseReason>,
    /// Cases by furthest stage.
    #[cfg_attr(feature = "schema", schemars(with = "Keyed<Stage, u64>"))]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Stage, u64>"))]
    pub funnel: ByKey<Stage>,
    /// Local days from raise to consent.
    pub raise_to_consent_days: Histogram,
    /// Local days from consent to the first meeting.
    pub consent_to_first_meeting_days: Histogram,
    /// ORS first → latest, by the case's level (cases measured twice).
    #[cfg_attr(feature = "schema", schemars(with = "Keyed<Level, Keyed<Change, u64>>"))]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Level, BTreeMap<Change, u64>>"))]
    pub outcomes: ByKey<Level, ByKey<Change>>,
    /// Attendance first → latest.
    pub attendance: Attendance,
    /// Cases with something overdue, by code.
    #[cfg_attr(feature = "schema", schemars(with = "Keyed<Code, u64>"))]
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<Code, u64>"))]
    pub overdue: ByKey<Code>,
    /// Cases with anything overdue.
    pub cases_overdue: u64,
    /// The selective level (R-ST-2).
    pub selective: Selective,
}

fn bump<K: Ord + Copy>(map: &mut ByKey<K>, key: K, by: u64) {
    map.update(key, |slot| *slot = slot.saturating_add(by));
}

fn bump_tree<K: Ord>(map: &mut BTreeMap<K, u64>, key: K, by: u64) {
    let slot = map.entry(key).or_insert(0);
    *slot = slot.saturating_add(by);
}

/// The digest of the policy values statistics depend on (everything but `min_cell`, limits
/// and `ext`, which only publishing or reading use).
pub fn basis(policy: &Policy) -> String {
    let mut p = policy.clone();
    p.min_cell = 0;
    p.limits = Default::default();
    p.ext = None;
    let bytes = crate::reading::canonical::to_vec(&p).unwrap_or_default();
    let digest = <sha2::Sha256 as sha2::Digest>::digest(&bytes);
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

impl Aggregate {
    /// An empty aggregate as of `at` under `policy`.
    pub fn new(at: Instant, policy: &Policy) -> Self {
        Aggregate {
            schema_version: AGGREGATE_SCHEMA_VERSION,
            at,
            basis: basis(policy),
            cases: 0,
            skipped_logs: 0,
            by_state: ByKey::new(),
            by_level: ByKey::new(),
            by_raising_agency_kind: BTreeMap::new(),
            by_close_reason: ByKey::new(),
            funnel: ByKey::new(),
            raise_to_consent_days: Histogram::new(),
            consent_to_first_meeting_days: Histogram::new(),
            outcomes: ByKey::new(),
            attendance: Attendance::default(),
            overdue: ByKey::new(),
            cases_overdue: 0,
            selective: Selective::default(),
        }
    }

    /// Counts one case as it stands (events after `at` are the caller's to leave out).
    pub fn add_case(&mut self, case: &Case, policy: &Policy) {
        let zone = policy.time_zone;
        self.cases = self.cases.saturating_add(1);
        bump(&mut self.by_state, case.state, 1);
        let level = case.needs.iter().map(|n| n.level).max().unwrap_or(case.suggested_level);
        bump(&mut self.by_level, level, 1);
        if let Some(a) = case.sharing.agency(&case.raised_by) {
            bump_tree(&mut self.by_raising_agency_kind, kind_key(&a.kind), 1);
        }
        if let (CaseState::Closed, Some(r)) = (case.state, case.close_reason) {
            bump(&mut self.by_close_reason, r, 1);
        }
        bump(&mut self.funnel, stage(case), 1);
        let days = |a: &Instant, b: &Instant| u32::try_from(a.days_until(b, zone)).unwrap_or(0);
        if let Some(c) = &case.consent_at {
            bump_tree(&mut self.raise_to_consent_days, days(&case.raised_at, c), 1);
            if let Some(m) = &case.first_meeting_at {
                bump_tree(&mut self.consent_to_first_meeting_days, days(c, m), 1);
            }
        }
        if let Some(change) = case.follow_up.outcome(case.sharing.child.birth_date, policy) {
            self.outcomes.update(level, |changes| bump(changes, change, 1));
        }
        self.add_attendance(case, policy);
        let overdue = crate::case::due::overdue_codes(case, &self.at, policy);
        if !overdue.is_empty() {
            self.cases_overdue = self.cases_overdue.saturating_add(1);
        }
        for code in overdue {
            bump(&mut self.overdue, code, 1);
        }
        self.add_selective(case, zone);
    }

    fn add_attendance(&mut self, case: &Case, policy: &Policy) {
        let t = &case.follow_up;
        let (Some(first), Some(last)) = (t.attendance_first, t.attendance_last) else { return };
        if first.at == last.at {
            return;
        }
        let problem = u32::from(policy.followup.attendance_problem_below_percent) * 10;
        let a = &mut self.attendance;
        a.cases += 1;
        a.first_tenths += u64::from(first.tenths);
        a.last_tenths += u64::from(last.tenths);
        a.problematic_first += u64::from(first.tenths < problem);
        a.problematic_last += u64::from(last.tenths < problem);
    }

    fn add_selective(&mut self, case: &Case, zone: crate::time::Zone) {
        let open = !matches!(case.state, CaseState::Closed | CaseState::Declined);
        for need in case.needs.iter().filter(|n| n.level == Level::Selective) {
            let s = &mut self.selective;
            s.declined_handovers = s.declined_handovers.saturating_add(u64::from(need.declined_handovers));
            if !open {
                continue;
            }
            s.needs += 1;
            if let Some(h) = &need.pending_handover {
                s.waiting += 1;
                let waited = u32::try_from(h.offered_at.days_until(&self.at, zone)).unwrap_or(0);
                bump_tree(&mut s.waiting_days, waited, 1);
            }
        }
    }

    /// Replays one case log as it stood at the aggregate's instant and counts the case: events
    /// after `at` are left out, and a case raised after `at` is not counted. A log that is
    /// refused counts as skipped and the error says why.
    pub fn add_log(&mut self, log: &[LogEntry], policy: &Policy) -> Result<()> {
        let known = log.iter().take_while(|e| e.ctx.now <= self.at).count();
        if known == 0 && !log.is_empty() {
            return Ok(());
        }
        let log = log.get(..known).unwrap_or(log);
        match replay(log, policy) {
            Ok(applied) => {
                self.add_case(&applied.case, policy);
                Ok(())
            }
            Err(e) => {
                self.skipped_logs += 1;
                Err(e.into_error())
            }
        }
    }

    /// The aggregate of both (R-ST-1 merge): only aggregates of the same instant and basis merge.
    pub fn merge(&self, other: &Aggregate) -> Result<Aggregate> {
        self.check()?;
        other.check()?;
        let mismatch = |field: &str| Err(Error::new(Code::StatsMergeMismatch, "").param("field", field));
        if self.at != other.at {
            return mismatch("at");
        }
        if self.basis != other.basis {
            return mismatch("basis");
        }
        let mut m = self.clone();
        add(&mut m.cases, other.cases, "/cases")?;
        add(&mut m.skipped_logs, other.skipped_logs, "/skipped_logs")?;
        add_all(&mut m.by_state, &other.by_state, "/by_state")?;
        add_all(&mut m.by_level, &other.by_level, "/by_level")?;
        add_all_tree(&mut m.by_raising_agency_kind, &other.by_raising_agency_kind, "/by_raising_agency_kind")?;
        add_all(&mut m.by_close_reason, &other.by_close_reason, "/by_close_reason")?;
        add_all(&mut m.funnel, &other.funnel, "/funnel")?;
        add_all_tree(&mut m.raise_to_consent_days, &other.raise_to_consent_days, "/raise_to_consent_days")?;
        add_all_tree(
            &mut m.consent_to_first_meeting_days,
            &other.consent_to_first_meeting_days,
            "/consent_to_first_meeting_days",
        )?;
        for (level, changes) in other.outcomes.iter() {
            let mut sum = m.outcomes.get(level).cloned().unwrap_or_default();
            add_all(&mut sum, changes, "/outcomes")?;
            m.outcomes.insert(*level, sum);
        }
        let (a, b) = (&mut m.attendance, &other.attendance);
        for (into, from) in [
            (&mut a.cases, b.cases),
            (&mut a.first_tenths, b.first_tenths),
            (&mut a.last_tenths, b.last_tenths),
            (&mut a.problematic_first, b.problematic_first),
            (&mut a.problematic_last, b.problematic_last),
        ] {
            add(into, from, "/attendance")?;
        }
        add_all(&mut m.overdue, &other.overdue, "/overdue")?;
        add(&mut m.cases_overdue, other.cases_overdue, "/cases_overdue")?;
        let (s, o) = (&mut m.selective, &other.selective);
        for (into, from) in
            [(&mut s.needs, o.needs), (&mut s.waiting, o.waiting), (&mut s.declined_handovers, o.declined_handovers)]
        {
            add(into, from, "/selective")?;
        }
        add_all_tree(&mut s.waiting_days, &o.waiting_days, "/selective")?;
        m.drop_zeros();
        m.check()?;
        Ok(m)
    }

    /// Removes zero counts so equal aggregates serialise equally, however they were merged.
    fn drop_zeros(&mut self) {
        fn clean<K: Ord + Copy>(m: &mut ByKey<K>) {
            m.retain(|_, v| *v > 0);
        }
        fn clean_tree<K: Ord>(m: &mut BTreeMap<K, u64>) {
            m.retain(|_, v| *v > 0);
        }
        clean(&mut self.by_state);
        clean(&mut self.by_level);
        clean_tree(&mut self.by_raising_agency_kind);
        clean(&mut self.by_close_reason);
        clean(&mut self.funnel);
        clean_tree(&mut self.raise_to_consent_days);
        clean_tree(&mut self.consent_to_first_meeting_days);
        clean(&mut self.overdue);
        clean_tree(&mut self.selective.waiting_days);
        self.outcomes.retain(|_, m| {
            clean(m);
            !m.is_empty()
        });
    }

    /// Checks that the counts are what cases can give (an edited or crafted partial must not
    /// publish cells whose suppression rests on relations that do not hold): every count at most
    /// [`MAX_COUNT`], sums that add up, every relation of the release (docs/followup-and-stats.md) holding,
    /// with whole-number latent counts that complete them.
    pub fn check(&self) -> Result<()> {
        self.check_under(None)
    }

    /// [`Aggregate::check`], with the relations that need the policy (attendance threshold)
    /// when it is given.
    fn check_under(&self, policy: Option<&Policy>) -> Result<()> {
        let bad = |path: &str| Err(Error::new(Code::StatsPartialInconsistent, path));
        if let Some(path) = self.too_large() {
            return bad(path);
        }
        // A key the release does not know is the node: shown only if plain (R-PD-1).
        let known_kind = |k: &String| k == "Other" || AgencyKind::STANDARD.iter().any(|s| &kind_key(s) == k);
        if let Some(kind) = self.by_raising_agency_kind.keys().find(|k| !known_kind(k)) {
            return bad(&format!("/by_raising_agency_kind/{}", crate::reading::token(kind)));
        }
        if let Some(code) = self.overdue.keys().find(|c| !relations::OVERDUE.contains(c)) {
            return bad(&format!("/overdue/{}", crate::reading::token(code.as_str())));
        }
        let a = &self.attendance;
        if a.problematic_first.max(a.problematic_last) > a.cases {
            return bad("/attendance");
        }
        let reached = |s: Stage| relations::Count::Reached(s).value(self);
        let histograms = [
            ("/raise_to_consent_days", &self.raise_to_consent_days, reached(Stage::Consent)),
            ("/consent_to_first_meeting_days", &self.consent_to_first_meeting_days, reached(Stage::FirstMeeting)),
            ("/selective", &self.selective.waiting_days, self.selective.waiting),
        ];
        if let Some((path, _, _)) = histograms.iter().find(|(_, h, n)| sum(h.values()) != Some(*n)) {
            return bad(path);
        }
        let release = audit::Release::new(self, policy);
        if let Some(path) = release.broken() {
            return bad(path);
        }
        if !release.consistent() {
            return bad("");
        }
        Ok(())
    }

    /// The first count above [`MAX_COUNT`] (attendance sums: above 1 000 tenths a case).
    fn too_large(&self) -> Option<&'static str> {
        let over = |v: &u64| *v > MAX_COUNT;
        let maps: [(&'static str, Vec<u64>); 9] = [
            ("/by_state", self.by_state.values().copied().collect()),
            ("/by_level", self.by_level.values().copied().collect()),
            ("/by_raising_agency_kind", self.by_raising_agency_kind.values().copied().collect()),
            ("/by_close_reason", self.by_close_reason.values().copied().collect()),
            ("/funnel", self.funnel.values().copied().collect()),
            ("/raise_to_consent_days", self.raise_to_consent_days.values().copied().collect()),
            ("/consent_to_first_meeting_days", self.consent_to_first_meeting_days.values().copied().collect()),
            ("/outcomes", self.outcomes.values().flat_map(|m| m.values().copied()).collect()),
            ("/overdue", self.overdue.values().copied().collect()),
        ];
        let a = &self.attendance;
        let s = &self.selective;
        let singles: [(&'static str, u64); 8] = [
            ("/cases", self.cases),
            ("/skipped_logs", self.skipped_logs),
            ("/attendance", a.cases.max(a.problematic_first).max(a.problematic_last)),
            ("/cases_overdue", self.cases_overdue),
            ("/selective", s.needs.max(s.waiting).max(s.declined_handovers)),
            ("/selective", s.waiting_days.values().copied().max().unwrap_or(0)),
            ("/funnel", sum(self.funnel.values()).unwrap_or(u64::MAX)),
            (
                "/outcomes",
                self.outcomes
                    .values()
                    .map(|m| sum(m.values()))
                    .try_fold(0u64, |t, v| t.checked_add(v?))
                    .unwrap_or(u64::MAX),
            ),
        ];
        let tenths = |t: u64| a.cases.checked_mul(1_000).is_none_or(|most| t > most);
        maps.iter()
            .find(|(_, values)| values.iter().any(over))
            .map(|(path, _)| *path)
            .or_else(|| singles.iter().find(|(_, v)| over(v)).map(|(path, _)| *path))
            .or_else(|| (tenths(a.first_tenths) || tenths(a.last_tenths)).then_some("/attendance"))
    }
}

/// The largest count a partial may hold: 2^53 − 1, so every number stays exact in JSON and in
/// every language's numbers.
pub const MAX_COUNT: u64 = (1 << 53) - 1;

fn sum<'a>(values: impl IntoIterator<Item = &'a u64>) -> Option<u64> {
    values.into_iter().try_fold(0u64, |a, b| a.checked_add(*b))
}

/// `into += from`, refused when it does not fit.
fn add(into: &mut u64, from: u64, path: &str) -> Result<()> {
    *into = into.checked_add(from).ok_or_else(|| Error::new(Code::StatsPartialInconsistent, path))?;
    Ok(())
}

fn add_all<K: Ord + Copy>(into: &mut ByKey<K>, from: &ByKey<K>, path: &str) -> Result<()> {
    for (k, v) in from.iter() {
        let mut sum = into.get(k).copied().unwrap_or(0);
        add(&mut sum, *v, path)?;
        into.insert(*k, sum);
    }
    Ok(())
}

fn add_all_tree<K: Ord + Clone>(into: &mut BTreeMap<K, u64>, from: &BTreeMap<K, u64>, path: &str) -> Result<()> {
    for (k, v) in from {
        add(into.entry(k.clone()).or_insert(0), *v, path)?;
    }
    Ok(())
}

/// The statistics key of an agency kind: its name, or `Other` for every vendor kind.
pub fn kind_key(kind: &AgencyKind) -> String {
    match kind {
        AgencyKind::Other(_) => "Other".to_owned(),
        standard => crate::reading::key_name(standard),
    }
}

/// The furthest stage of a case (a first meeting counts after a consent, as R-CP-2 requires).
pub fn stage(case: &Case) -> Stage {
    match (case.consent_at.is_some(), case.first_meeting_at.is_some(), case.state) {
        (true, true, CaseState::Closed) => Stage::Closed,
        (true, true, _) => Stage::FirstMeeting,
        (true, false, _) => Stage::Consent,
        (false, _, _) => Stage::Raised,
    }
}

/// The nearest rank of the `p`-th percentile in a group of `n`: ⌈p·n/100⌉, at least 1.
pub fn rank(p: u64, n: u64) -> u64 {
    let r = (u128::from(p) * u128::from(n)).div_ceil(100).max(1);
    u64::try_from(r).unwrap_or(u64::MAX)
}

/// The nearest-rank quantile (`p` in percent) of a histogram: the smallest value with at least
/// ⌈p·n/100⌉ counts at or below it. Exact, and the same however the histogram was merged.
pub fn quantile(h: &Histogram, p: u64) -> Option<u32> {
    let n = h.values().try_fold(0u64, |a, b| a.checked_add(*b))?;
    if n == 0 {
        return None;
    }
    let rank = rank(p, n);
    let mut seen = 0u64;
    h.iter().find_map(|(v, c)| {
        seen = seen.saturating_add(*c);
        (seen >= rank).then_some(*v)
    })
}

/// A map whose keys are the names of `K` (an enum written as its name), in a schema: what
/// schemars says of a map, with `propertyNames` so that a key tsi refuses is refused here too.
#[cfg(feature = "schema")]
pub(crate) struct Keyed<K, V>(std::marker::PhantomData<(K, V)>);

#[cfg(feature = "schema")]
impl<K: schemars::JsonSchema, V: schemars::JsonSchema> schemars::JsonSchema for Keyed<K, V> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("Map_of_{}_to_{}", K::schema_name(), V::schema_name()).into()
    }

    fn inline_schema() -> bool {
        true
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = generator.subschema_for::<std::collections::BTreeMap<String, V>>();
        schema.insert("propertyNames".into(), generator.subschema_for::<K>().to_value());
        schema
    }
}
