//! Publishing an aggregate (R-ST-3): the tables of `stats/relations.rs`, suppressed as one
//! release (`stats/suppress.rs`) so that nothing published together lets a reader narrow a small
//! count below `min_cell` or pin a suppressed one; each suppressed count says the range a reader
//! cannot narrow. Quantiles are shown only with their group size and never at a group's first
//! or last rank. Nothing here holds an id.

use serde::{Deserialize, Serialize};

use super::audit::{Means, Range, Release};
use super::relations::{self, Count};
use super::{quantile, suppress, Aggregate, Histogram, Stage};
use crate::finding::{Code, Finding};
use crate::followup::{show_tenths, signed_tenths};
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::time::Instant;

/// The schema version of published statistics.
pub const PUBLISHED_SCHEMA_VERSION: u32 = 2;

/// One published count; `count` is `None` when suppressed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "StatsCell"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StatsCell"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// What is counted (a state, level, kind, reason, stage, change or code).
    pub key: String,
    /// The count, or `None` when suppressed (R-ST-3).
    pub count: Option<u64>,
    /// For a suppressed count: the values a reader cannot rule out, given everything published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub range: Option<Range>,
}

/// A published table: cells that add up to `total` (when the table has one).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "StatsTable"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StatsTable"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The table's name (`by_state`, `outcomes/Selective`, …).
    pub name: String,
    /// What the cells add up to, when they partition it.
    pub total: Option<Cell>,
    /// The cells.
    pub cells: Vec<Cell>,
}

/// Median and p90 of a day count, with the group size.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "StatsDurations"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StatsDurations"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Durations {
    /// What is measured (`raise_to_consent_days`, …).
    pub name: String,
    /// The group size (suppressed like any count).
    pub n: Option<u64>,
    /// Median in days (nearest rank), suppressed with the group.
    pub median: Option<u32>,
    /// 90th percentile in days (nearest rank), suppressed with the group.
    pub p90: Option<u32>,
}

/// Attendance means over the cases measured twice, as decimals (percent, percentage points).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct AttendanceMeans {
    /// Cases measured twice.
    pub n: Option<u64>,
    /// Mean first attendance, %.
    pub first: Option<String>,
    /// Mean latest attendance, %.
    pub last: Option<String>,
    /// Mean change, percentage points.
    pub change: Option<String>,
}

/// Published statistics: suppressed, no ids (R-ST-1 … R-ST-3).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// Always [`PUBLISHED_SCHEMA_VERSION`].
    #[cfg_attr(feature = "schema", schemars(description = "Always 2.", extend("const" = 2)))]
    #[cfg_attr(feature = "ts", ts(type = "2"))]
    pub schema_version: u32,
    /// The instant described.
    pub at: Instant,
    /// The suppression threshold used.
    pub min_cell: u32,
    /// All cases.
    pub cases: Cell,
    /// The tables.
    pub tables: Vec<Table>,
    /// Day counts: raise → consent, consent → first meeting, selective waiting.
    pub durations: Vec<Durations>,
    /// Attendance first → latest.
    pub attendance: AttendanceMeans,
    /// Notes about the input (`STATS_LOGS_SKIPPED`).
    pub findings: Vec<Finding>,
}

impl Published {
    /// The table of a name.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }
}

/// The largest `min_cell` (the policy check's range, R-ST-3).
pub const MIN_CELL_MAX: u32 = 1_000;

impl Aggregate {
    /// Publishes with suppression (R-ST-3) at `min_cell` — the policy's when `None`; a caller
    /// may raise it, never lower it below the policy's (`ARGUMENT_OUT_OF_RANGE`, the range in
    /// the params). Every count a reader could narrow below `min_cell`, or pin, from
    /// everything published together is suppressed (docs/followup-and-stats.md), and each suppressed
    /// count carries the range a reader cannot narrow. Messages of findings are in `lang`. An
    /// aggregate whose counts do not add up is refused ([`Aggregate::check`]).
    pub fn publish(&self, policy: &Policy, min_cell: Option<u32>, lang: Lang) -> crate::Result<Published> {
        let floor = policy.min_cell.max(1);
        let min_cell = min_cell.unwrap_or(policy.min_cell);
        if !(floor..=MIN_CELL_MAX).contains(&min_cell) {
            return Err(crate::Error::new(Code::ArgumentOutOfRange, "")
                .param("field", "min_cell")
                .param("min", floor)
                .param("max", MIN_CELL_MAX));
        }
        self.check_under(Some(policy))?;
        let release = Release::new(self, Some(policy));
        let m = u64::from(min_cell);
        let shown = suppress::protect(&release, m, self.means());
        let ranges = suppress::ranges(&release, &shown);
        let counts = release.counts();
        let read = |c: &Count| -> Cell {
            let i = counts.iter().position(|x| x == c);
            let hidden = i.is_none_or(|i| shown.hidden.get(i).copied().unwrap_or(true));
            let count = (!hidden).then(|| i.and_then(|i| release.values().get(i).copied())).flatten();
            let range = i.and_then(|i| ranges.get(i).copied().flatten());
            Cell { key: String::new(), count, range }
        };
        let cell = |key: &str, c: &Count| Cell { key: key.to_owned(), ..read(c) };
        let tables = relations::tables()
            .iter()
            .map(|t| Table {
                name: t.name.clone(),
                total: t.total.as_ref().map(|(k, c)| cell(k, c)),
                cells: t.cells.iter().map(|(k, c)| cell(k, c)).collect(),
            })
            .collect();
        let n = |c: Count| read(&c).count;
        let durations = vec![
            durations("raise_to_consent_days", &self.raise_to_consent_days, n(Count::Reached(Stage::Consent))),
            durations(
                "consent_to_first_meeting_days",
                &self.consent_to_first_meeting_days,
                n(Count::Reached(Stage::FirstMeeting)),
            ),
            durations("selective_waiting_days", &self.selective.waiting_days, n(Count::SelectiveWaiting)),
        ];
        let mut findings = Vec::new();
        if (1..3).contains(&min_cell) {
            findings.push(Finding::new(Code::PolicyMinCellLow, "/min_cell").param("value", min_cell));
        }
        if self.skipped_logs > 0 {
            findings.push(Finding::new(Code::StatsLogsSkipped, "").param("count", self.skipped_logs));
        }
        Ok(Published {
            schema_version: PUBLISHED_SCHEMA_VERSION,
            at: self.at,
            min_cell,
            cases: cell("cases", &Count::Cases),
            tables,
            durations,
            attendance: attendance_means(shown.means),
            findings: crate::finding::Report::new(findings, lang).findings,
        })
    }

    /// The attendance means (tenths, rounded half away from zero), when anyone was measured.
    fn means(&self) -> Option<Means> {
        let a = &self.attendance;
        let n = i128::from(a.cases);
        if n == 0 {
            return None;
        }
        let mean = |sum: i128| -> i64 {
            let r = (sum.abs() * 2 + n) / (2 * n);
            i64::try_from(if sum < 0 { -r } else { r }).unwrap_or(0)
        };
        let (first, last) = (i128::from(a.first_tenths), i128::from(a.last_tenths));
        Some(Means { n: a.cases, first: mean(first), last: mean(last), change: mean(last - first) })
    }
}

/// A quantile is shown only with its group size, and only where its nearest rank is neither
/// the group's first nor its last: never one child's extreme (the median from 3 cases, p90
/// from 10).
fn durations(name: &str, h: &Histogram, n: Option<u64>) -> Durations {
    let inner = |p: u64| n.filter(|n| (2..*n).contains(&super::rank(p, *n))).and_then(|_| quantile(h, p));
    Durations { name: name.to_owned(), n, median: inner(50), p90: inner(90) }
}

fn attendance_means(means: Option<Means>) -> AttendanceMeans {
    let Some(m) = means else {
        return AttendanceMeans { n: None, first: None, last: None, change: None };
    };
    let show = |t: i64| show_tenths(u32::try_from(t).unwrap_or(0));
    AttendanceMeans {
        n: Some(m.n),
        first: Some(show(m.first)),
        last: Some(show(m.last)),
        change: Some(signed_tenths(m.change)),
    }
}
