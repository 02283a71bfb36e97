//! Follow-up (SPEC §8, R-FU-1 … R-FU-4): the measures a follow-up records, their range checks,
//! the change between two measurements, problematic absence and the suggestions follow-up
//! makes. A suggestion is a finding, never a state change.
//!
//! Values are read as JSON numbers with at most one decimal and kept as whole tenths, so sums,
//! comparisons and statistics over them are exact in every language.

use crate::named::named_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::finding::{Code, Finding};
use crate::policy::{FollowUpThresholds, Policy};
use crate::reference::{Hit, References};
use crate::time::Instant;

/// The schema version of change questions.
pub const CHANGE_QUESTION_SCHEMA_VERSION: u32 = 1;

/// Items of ORS and SRS (Outcome and Session Rating Scales).
pub const SCALE_ITEMS: usize = 4;

/// The measures of one follow-up (R-FU-1). Every measure is optional; at least one is given.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measures {
    /// ORS: 4 items 0–10 (individual, interpersonal, social, overall), total 0–40.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ors: Option<Vec<f64>>,
    /// SRS: 4 items 0–10 (relationship, goals and topics, approach, overall), total 0–40.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub srs: Option<Vec<f64>>,
    /// School attendance, % of scheduled time (0–100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub attendance_percent: Option<f64>,
    /// Worry/stress 0–10 in the three focus areas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub worry: Option<Worry>,
    /// Goal attainment per goal (an intervention's goal).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<GoalAttainment>>", optional))]
    pub goals: Vec<GoalAttainment>,
}

// Values are checked finite (JSON has no NaN), so equality is an equivalence.
impl Eq for Measures {}

/// Worry/stress 0–10 in the focus areas child, family and school ("Magneten").
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Worry {
    /// The child's own worry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub child: Option<f64>,
    /// Worry in the family.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub family: Option<f64>,
    /// Worry at school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub school: Option<f64>,
}

/// How far one goal is reached, on the goal attainment scale −2 … +2 (0: as expected; ≥ 0 met).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalAttainment {
    /// The intervention whose goal is rated.
    pub intervention: String,
    /// −2 much less than expected … 0 as expected … +2 much more.
    pub attainment: i8,
}

impl Measures {
    /// The ORS total in tenths (0–400), when ORS is given.
    pub fn ors_tenths(&self) -> Option<u32> {
        self.ors.as_deref().map(total_tenths)
    }

    /// The SRS total in tenths, when SRS is given.
    pub fn srs_tenths(&self) -> Option<u32> {
        self.srs.as_deref().map(total_tenths)
    }

    /// Attendance in tenths of a percent (0–1000), when given.
    pub fn attendance_tenths(&self) -> Option<u32> {
        self.attendance_percent.map(tenths)
    }

    /// Whether every goal rated is met (at least as expected); `None` when no goal is rated.
    pub fn goals_met(&self) -> Option<bool> {
        (!self.goals.is_empty()).then(|| self.goals.iter().all(|g| g.attainment >= 0))
    }
}

/// A value as whole tenths (checked values only: finite, ≥ 0, one decimal).
fn tenths(value: f64) -> u32 {
    // Checked values lie in 0..=100 with one decimal, so the cast is exact.
    (value * 10.0).round() as u32
}

fn total_tenths(items: &[f64]) -> u32 {
    items.iter().map(|v| tenths(*v)).sum()
}

/// Tenths as a decimal for messages (`285` → `28.5`, `280` → `28`).
pub fn show_tenths(t: u32) -> String {
    if t % 10 == 0 {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

/// Range, precision and count checks (R-FU-1) with paths under `base`.
pub fn check_measures(m: &Measures, base: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let empty = m.ors.is_none()
        && m.srs.is_none()
        && m.attendance_percent.is_none()
        && m.goals.is_empty()
        && m.worry.as_ref().is_none_or(|w| w.child.is_none() && w.family.is_none() && w.school.is_none());
    if empty {
        out.push(Finding::new(Code::FollowupMeasuresEmpty, base));
    }
    for (name, scale) in [("ors", &m.ors), ("srs", &m.srs)] {
        let Some(items) = scale else { continue };
        let path = format!("{base}/{name}");
        if items.len() != SCALE_ITEMS {
            out.push(
                Finding::new(Code::FollowupItemCount, &path).param("expected", SCALE_ITEMS).param("found", items.len()),
            );
        }
        for (i, v) in items.iter().enumerate() {
            check_value(*v, 10, &format!("{path}/{i}"), &mut out);
        }
    }
    if let Some(a) = m.attendance_percent {
        check_value(a, 100, &format!("{base}/attendance_percent"), &mut out);
    }
    if let Some(w) = &m.worry {
        for (name, v) in [("child", w.child), ("family", w.family), ("school", w.school)] {
            if let Some(v) = v {
                check_value(v, 10, &format!("{base}/worry/{name}"), &mut out);
            }
        }
    }
    let mut seen = crate::hashing::Set::default();
    for (i, g) in m.goals.iter().enumerate() {
        let path = format!("{base}/goals/{i}");
        if !(-2..=2).contains(&g.attainment) {
            out.push(
                Finding::new(Code::FollowupValueOutOfRange, format!("{path}/attainment"))
                    .param("min", -2)
                    .param("max", 2),
            );
        }
        if !seen.insert(g.intervention.as_str()) {
            out.push(Finding::new(Code::FollowupGoalTwice, format!("{path}/intervention")));
        }
    }
    out
}

fn check_value(v: f64, max: u32, path: &str, out: &mut Vec<Finding>) {
    if !v.is_finite() || v < 0.0 || v > f64::from(max) {
        out.push(Finding::new(Code::FollowupValueOutOfRange, path).param("min", 0).param("max", max));
    } else if ((v * 10.0).round() - v * 10.0).abs() > 1e-6 {
        out.push(Finding::new(Code::FollowupValuePrecision, path));
    }
}

/// What follow-up notices in one valid measurement (R-FU-2 alliance, R-FU-3 absence).
pub fn notices(m: &Measures, base: &str, t: &FollowUpThresholds) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(srs) = m.srs_tenths().filter(|s| *s < u32::from(t.srs_alert_below) * 10) {
        out.push(
            Finding::new(Code::FollowupAllianceLow, format!("{base}/srs"))
                .param("total", show_tenths(srs))
                .param("threshold", t.srs_alert_below),
        );
    }
    if let Some(a) = m.attendance_tenths().filter(|a| *a < u32::from(t.attendance_problem_below_percent) * 10) {
        out.push(
            Finding::new(Code::FollowupProblematicAbsence, format!("{base}/attendance_percent"))
                .param("percent", show_tenths(a))
                .param("threshold", t.attendance_problem_below_percent),
        );
    }
    out
}

named_enum! {
    /// The change between two measurements (R-FU-2).
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Change {
        /// Reliably improved and crossed the clinical cut-off from below.
        Recovered,
        /// Reliably improved (by at least the reliable-change threshold).
        Improved,
        /// Less than the reliable-change threshold either way.
        Unchanged,
        /// Reliably deteriorated.
        Deteriorated,
    }
}

impl Change {
    /// Every change, best first.
    pub const ALL: [Change; 4] = [Change::Recovered, Change::Improved, Change::Unchanged, Change::Deteriorated];

    /// Improved, recovered or not.
    pub fn is_improved(self) -> bool {
        matches!(self, Change::Recovered | Change::Improved)
    }
}

/// One ORS total at an instant.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// When it was measured.
    pub at: Instant,
    /// The value in whole tenths.
    pub tenths: u32,
}

/// The ORS clinical cut-off in tenths for a child of `age` (R-FU-2); none below 6 years.
pub fn ors_cutoff_tenths(age: u32, t: &FollowUpThresholds) -> Option<u32> {
    let cutoff = match age {
        0..=5 => return None,
        6..=12 => t.ors_cutoff_6_12,
        13..=17 => t.ors_cutoff_13_17,
        _ => t.ors_cutoff_adult,
    };
    Some(u32::from(cutoff) * 10)
}

/// Classifies the change of ORS from `before` to `after` (R-FU-2). The cut-off is the one of the
/// child's age band at each measurement's local date: "recovered" is a reliable improvement
/// from below the cut-off at `before` to at or above the cut-off at `after`.
pub fn classify(before: &Score, after: &Score, birth_date: NaiveDate, policy: &Policy) -> Change {
    let t = &policy.followup;
    let reliable = u32::from(t.reliable_change) * 10;
    if after.tenths + reliable <= before.tenths {
        return Change::Deteriorated;
    }
    if before.tenths + reliable > after.tenths {
        return Change::Unchanged;
    }
    let cutoff = |s: &Score| {
        let age = crate::id::age_at(birth_date, s.at.local_date(policy.time_zone)).ok()?;
        ors_cutoff_tenths(age, t)
    };
    match (cutoff(before), cutoff(after)) {
        (Some(b), Some(a)) if before.tenths < b && after.tenths >= a => Change::Recovered,
        _ => Change::Improved,
    }
}

/// The follow-up history a case keeps: first and last ORS and attendance, and the run of
/// reliable deteriorations (R-FU-4). Enough for suggestions and statistics, bounded in size.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "FollowUpTrack"))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "FollowUpTrack"))]
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Track {
    /// Measurements recorded.
    pub measurements: u32,
    /// Measurements with ORS.
    pub ors_measurements: u32,
    /// The first ORS total.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ors_first: Option<Score>,
    /// The latest ORS total.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ors_last: Option<Score>,
    /// The first attendance, in tenths of a percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub attendance_first: Option<Score>,
    /// The latest attendance.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub attendance_last: Option<Score>,
    /// Reliable ORS deteriorations in a row, up to the latest ORS.
    pub deteriorations_in_row: u32,
}

impl Track {
    /// Nothing measured yet.
    pub fn is_empty(&self) -> bool {
        self.measurements == 0
    }

    /// ORS first → last, when measured twice.
    pub fn outcome(&self, birth_date: NaiveDate, policy: &Policy) -> Option<Change> {
        match (&self.ors_first, &self.ors_last) {
            (Some(a), Some(b)) if self.ors_measurements > 1 => Some(classify(a, b, birth_date, policy)),
            _ => None,
        }
    }
}

/// Records one checked measurement at `at` into the track; returns the suggestions (R-FU-4).
pub fn record(track: &mut Track, m: &Measures, at: Instant, birth_date: NaiveDate, policy: &Policy) -> Vec<Finding> {
    track.measurements = track.measurements.saturating_add(1);
    let mut out = Vec::new();
    if let Some(a) = m.attendance_tenths() {
        let score = Score { at, tenths: a };
        track.attendance_first.get_or_insert(score);
        track.attendance_last = Some(score);
    }
    let Some(ors) = m.ors_tenths() else { return out };
    let score = Score { at, tenths: ors };
    track.ors_measurements = track.ors_measurements.saturating_add(1);
    let change = track.ors_last.map(|prev| classify(&prev, &score, birth_date, policy));
    track.ors_first.get_or_insert(score);
    track.ors_last = Some(score);
    track.deteriorations_in_row = match change {
        Some(Change::Deteriorated) => track.deteriorations_in_row.saturating_add(1),
        _ => 0,
    };
    if track.deteriorations_in_row >= 2 {
        out.push(Finding::new(Code::FollowupSuggestEscalation, "/measures/ors"));
    }
    // "Stable": the latest comparison is no reliable deterioration; goals met: every rated goal.
    if m.goals_met() == Some(true) && change.is_some_and(|c| c != Change::Deteriorated) {
        out.push(Finding::new(Code::FollowupSuggestClosure, "/measures/goals"));
    }
    out
}

/// One measurement: when, and what.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    /// When it was measured (its local date sets the child's age band).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at: Instant,
    /// The measures.
    pub measures: Measures,
}

/// A question for [`classify_question`]: the child's birth date and two measurements.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeQuestion {
    /// Always [`CHANGE_QUESTION_SCHEMA_VERSION`].
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    pub schema_version: u32,
    /// The child's date of birth.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub birth_date: NaiveDate,
    /// The earlier measurement.
    pub before: Measurement,
    /// The later measurement.
    pub after: Measurement,
}

/// The change between two measurements, per measure present in both.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ChangeAnswer {
    /// The ORS change (R-FU-2), when both have ORS.
    pub ors: Option<Change>,
    /// ORS total before and after, as decimals.
    pub ors_totals: Option<(String, String)>,
    /// Attendance change in percentage points, as a decimal (`"-12.5"`).
    pub attendance_change: Option<String>,
    /// Problematic absence before and after (R-FU-3).
    pub problematic_absence: Option<(bool, bool)>,
}

/// Classifies a [`ChangeQuestion`]: both measurements checked first (R-FU-1).
pub fn classify_question(q: &ChangeQuestion, policy: &Policy) -> crate::Result<ChangeAnswer> {
    for (name, m) in [("before", &q.before), ("after", &q.after)] {
        if let Some(f) = check_measures(&m.measures, &format!("/{name}/measures")).into_iter().next() {
            return Err(f.params.iter().fold(crate::Error::new(f.code, f.path), |e, (k, v)| e.param(k, v)));
        }
    }
    if q.after.at < q.before.at {
        return Err(crate::Error::new(Code::CaseTimeBackwards, "/after/at"));
    }
    let score = |m: &Measurement, v: Option<u32>| v.map(|tenths| Score { at: m.at, tenths });
    let ors = score(&q.before, q.before.measures.ors_tenths()).zip(score(&q.after, q.after.measures.ors_tenths()));
    let att = q.before.measures.attendance_tenths().zip(q.after.measures.attendance_tenths());
    let problem = u32::from(policy.followup.attendance_problem_below_percent) * 10;
    Ok(ChangeAnswer {
        ors: ors.map(|(a, b)| classify(&a, &b, q.birth_date, policy)),
        ors_totals: ors.map(|(a, b)| (show_tenths(a.tenths), show_tenths(b.tenths))),
        attendance_change: att.map(|(a, b)| signed_tenths(i64::from(b) - i64::from(a))),
        problematic_absence: att.map(|(a, b)| (a < problem, b < problem)),
    })
}

/// Signed tenths as a decimal (`-125` → `-12.5`).
pub fn signed_tenths(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}", show_tenths(u32::try_from(t.unsigned_abs()).unwrap_or(u32::MAX)))
}

impl References for Measures {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        let at = self.goals.iter().position(|goal| hit(&goal.intervention))?;
        Some(format!("/goals/{at}/intervention"))
    }
}

#[cfg(test)]
mod tests;
