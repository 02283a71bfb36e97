//! Publishing an aggregate (R-ST-3): every count goes into one [`Grid`] with the equations that
//! link it to others (table totals, the funnel's nesting, the two-way outcome table and its
//! margins, tables sharing a margin), suppression runs once over the whole grid, and the
//! tables are read back. Medians and p90 of a group whose size is suppressed or below
//! `min_cell` are suppressed too. Nothing here holds an id.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::suppress::Grid;
use super::{quantile, Aggregate, Histogram, Stage};
use crate::agency::{AgencyKind, Level};
use crate::case::{CaseState, CloseReason};
use crate::finding::{Code, Finding};
use crate::followup::{show_tenths, signed_tenths, Change};
use crate::i18n::Lang;
use crate::time::Instant;

/// The schema version of published statistics.
pub const PUBLISHED_SCHEMA_VERSION: u32 = 1;

/// One published count; `count` is `None` when suppressed.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StatsCell"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Cell {
    /// What is counted (a state, level, kind, reason, stage, change or code).
    pub key: String,
    /// The count, or `None` when suppressed (R-ST-3).
    pub count: Option<u64>,
}

/// A published table: cells that add up to `total` (when the table has one).
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Published {
    /// Always [`PUBLISHED_SCHEMA_VERSION`].
    #[cfg_attr(feature = "ts", ts(type = "1"))]
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

/// A table under construction: grid indices of its total and cells.
struct Draft {
    name: String,
    total: Option<(String, usize)>,
    cells: Vec<(String, usize)>,
}

/// The grid and the tables that read it.
#[derive(Default)]
struct Layout {
    grid: Grid,
    drafts: Vec<Draft>,
}

impl Layout {
    /// A table of `cells` adding up to the existing count `total` (when given).
    fn table(&mut self, name: &str, total: Option<(String, usize)>, cells: Vec<(String, u64)>) -> Vec<usize> {
        let cells: Vec<(String, usize)> = cells.into_iter().map(|(k, v)| (k, self.grid.cell(v))).collect();
        let ids: Vec<usize> = cells.iter().map(|c| c.1).collect();
        if let Some((_, t)) = &total {
            self.grid.equation(*t, ids.clone());
        }
        self.drafts.push(Draft { name: name.to_owned(), total, cells });
        ids
    }
}

fn keyed<K: Ord + Serialize>(all: &[K], map: &BTreeMap<K, u64>) -> Vec<(String, u64)> {
    all.iter().map(|k| (crate::json::key_name(k), map.get(k).copied().unwrap_or(0))).collect()
}

fn present<K: Ord + Serialize>(map: &BTreeMap<K, u64>) -> Vec<(String, u64)> {
    map.iter().map(|(k, v)| (crate::json::key_name(k), *v)).collect()
}

impl Aggregate {
    /// Publishes with suppression at `min_cell` (R-ST-3), messages of findings in `lang`. An
    /// aggregate whose counts do not add up is refused ([`Aggregate::check`]).
    pub fn publish(&self, min_cell: u32, lang: Lang) -> crate::Result<Published> {
        self.check()?;
        let mut l = Layout::default();
        let cases = l.grid.cell(self.cases);
        let total = |name: &str| Some((name.to_owned(), cases));
        let states = l.table("by_state", total("cases"), keyed(&CaseState::ALL, &self.by_state));
        let closed =
            CaseState::ALL.iter().zip(&states).find(|(s, _)| **s == CaseState::Closed).map_or(cases, |(_, i)| *i);
        let levels = [Level::Universal, Level::Selective, Level::Indicated];
        l.table("by_level", total("cases"), keyed(&levels, &self.by_level));
        let kinds: Vec<String> =
            AgencyKind::STANDARD.iter().map(super::kind_key).chain(std::iter::once("Other".to_owned())).collect();
        l.table("by_raising_agency_kind", total("cases"), keyed(&kinds, &self.by_raising_agency_kind));
        let reasons = [
            CloseReason::GoalsMet,
            CloseReason::Declined,
            CloseReason::ConsentWithdrawn,
            CloseReason::HandedOver,
            CloseReason::Moved,
            CloseReason::Other,
        ];
        l.table("by_close_reason", Some(("Closed".into(), closed)), keyed(&reasons, &self.by_close_reason));
        let stages = l.table("funnel", total("cases"), keyed(&Stage::ALL, &self.funnel));
        // Reached stage k: the cases at stage k or further (nested in the funnel's partition).
        let reached: Vec<(String, u64)> = Stage::ALL
            .iter()
            .enumerate()
            .map(|(k, s)| {
                (format!("{s:?}"), Stage::ALL.iter().skip(k).map(|x| self.funnel.get(x).copied().unwrap_or(0)).sum())
            })
            .collect();
        let reached_ids = l.table("funnel_reached", None, reached);
        for (k, id) in reached_ids.iter().enumerate() {
            l.grid.equation(*id, stages.iter().skip(k).copied().collect());
        }
        self.outcome_tables(&mut l, &levels);
        let att = &self.attendance;
        let measured = l.grid.cell(att.cases);
        for (name, problematic) in
            [("attendance_first", att.problematic_first), ("attendance_last", att.problematic_last)]
        {
            let cells =
                vec![("Problematic".to_owned(), problematic), ("NotProblematic".to_owned(), att.cases - problematic)];
            l.table(name, Some(("measured".into(), measured)), cells);
        }
        l.table("overdue", None, present(&self.overdue));
        let s = &self.selective;
        let selective = vec![
            ("cases_overdue".to_owned(), self.cases_overdue),
            ("selective_needs".to_owned(), s.needs),
            ("selective_waiting".to_owned(), s.waiting),
            ("selective_declined_handovers".to_owned(), s.declined_handovers),
        ];
        let singles = l.table("selective", None, selective);
        let hidden = l.grid.suppress(u64::from(min_cell));
        let read =
            |i: usize| (!hidden.get(i).copied().unwrap_or(true)).then(|| l.grid.values().get(i).copied()).flatten();
        let tables = l
            .drafts
            .iter()
            .map(|d| Table {
                name: d.name.clone(),
                total: d.total.as_ref().map(|(k, i)| Cell { key: k.clone(), count: read(*i) }),
                cells: d.cells.iter().map(|(k, i)| Cell { key: k.clone(), count: read(*i) }).collect(),
            })
            .collect();
        let durations = vec![
            durations("raise_to_consent_days", &self.raise_to_consent_days, reached_ids.get(1).and_then(|i| read(*i))),
            durations(
                "consent_to_first_meeting_days",
                &self.consent_to_first_meeting_days,
                reached_ids.get(2).and_then(|i| read(*i)),
            ),
            durations("selective_waiting_days", &s.waiting_days, singles.get(2).and_then(|i| read(*i))),
        ];
        let mut findings = Vec::new();
        if self.skipped_logs > 0 {
            let f = Finding::new(Code::StatsLogsSkipped, "").param("count", self.skipped_logs);
            findings = crate::finding::Report::new(vec![f], lang).findings;
        }
        Ok(Published {
            schema_version: PUBLISHED_SCHEMA_VERSION,
            at: self.at,
            min_cell,
            cases: Cell { key: "cases".into(), count: read(cases) },
            tables,
            durations,
            attendance: attendance_means(att, read(measured), min_cell),
            findings,
        })
    }

    /// Outcomes by level with both margins: a two-way table (R-ST-1 share improved/recovered).
    fn outcome_tables(&self, l: &mut Layout, levels: &[Level]) {
        let count = |level: &Level, c: &Change| self.outcomes.get(level).and_then(|m| m.get(c)).copied().unwrap_or(0);
        let grand = l.grid.cell(levels.iter().map(|lv| Change::ALL.iter().map(|c| count(lv, c)).sum::<u64>()).sum());
        let mut rows = Vec::new();
        let mut row_totals = Vec::new();
        for level in levels {
            let total = l.grid.cell(Change::ALL.iter().map(|c| count(level, c)).sum());
            let cells = Change::ALL.iter().map(|c| (format!("{c:?}"), count(level, c))).collect();
            rows.push(l.table(&format!("outcomes/{level:?}"), Some(("measured".into(), total)), cells));
            row_totals.push(total);
        }
        let overall =
            Change::ALL.iter().map(|c| (format!("{c:?}"), levels.iter().map(|lv| count(lv, c)).sum())).collect();
        let columns = l.table("outcomes", Some(("measured".into(), grand)), overall);
        for (k, column) in columns.iter().enumerate() {
            l.grid.equation(*column, rows.iter().filter_map(|r| r.get(k).copied()).collect());
        }
        l.grid.equation(grand, row_totals);
    }
}

/// Median and p90 only when the group size is published (then it is 0 or ≥ `min_cell`).
fn durations(name: &str, h: &Histogram, n: Option<u64>) -> Durations {
    Durations {
        name: name.to_owned(),
        n,
        median: n.and_then(|_| quantile(h, 50)),
        p90: n.and_then(|_| quantile(h, 90)),
    }
}

fn attendance_means(a: &super::Attendance, n: Option<u64>, min_cell: u32) -> AttendanceMeans {
    let Some(n) = n.filter(|n| *n >= u64::from(min_cell).max(1)) else {
        return AttendanceMeans { n, first: None, last: None, change: None };
    };
    // Means in tenths, rounded half away from zero.
    let mean = |sum: i128| -> i64 {
        let n = i128::from(n);
        let r = (sum.abs() * 2 + n) / (2 * n);
        i64::try_from(if sum < 0 { -r } else { r }).unwrap_or(0)
    };
    let (first, last) = (mean(i128::from(a.first_tenths)), mean(i128::from(a.last_tenths)));
    let change = mean(i128::from(a.last_tenths) - i128::from(a.first_tenths));
    let show = |t: i64| show_tenths(u32::try_from(t).unwrap_or(0));
    AttendanceMeans {
        n: Some(n),
        first: Some(show(first)),
        last: Some(show(last)),
        change: Some(signed_tenths(change)),
    }
}
