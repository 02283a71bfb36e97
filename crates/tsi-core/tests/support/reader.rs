//! An independent reader of published statistics (R-ST-3 "Protection"), shared by the
//! protection tests of tsi-core and of the CLI.
//!
//! The reader sees only a published release (its tables, totals, durations and means), the
//! policy, and what SPEC says about cases: the process (§6), the due actions (R-CP-9, R-RS-2)
//! and how statistics count (§8). From that it searches every whole-number table set
//! consistent with the release by bound propagation and bisection over integer domains — a
//! different method from the library's audit (a simplex with branch and bound), over a model of
//! the relations written here, in terms of sets of cases, not taken from the library's list.
//! [`leaks`] names every suppressed count below `min_cell` that cannot be `min_cell` or more,
//! and every suppressed count pinned to its value.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::BTreeMap;

use tsi_core::stats::Published;
use tsi_core::Policy;

// ------------------------------------------------------------------ the reader's model

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Le,
    Eq,
    Ge,
}

#[derive(Clone, Debug)]
struct Row {
    terms: Vec<(usize, i128)>,
    op: Op,
    rhs: i128,
}

/// Integer variables with bounds, and linear rows over them.
#[derive(Clone, Debug, Default)]
struct Model {
    names: Vec<String>,
    lo: Vec<i128>,
    hi: Vec<i128>,
    rows: Vec<Row>,
}

impl Model {
    fn var(&mut self, name: &str, lo: i128, hi: i128) -> usize {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            self.lo[i] = self.lo[i].max(lo);
            self.hi[i] = self.hi[i].min(hi);
            return i;
        }
        self.names.push(name.to_owned());
        self.lo.push(lo);
        self.hi.push(hi);
        self.names.len() - 1
    }

    fn get(&self, name: &str) -> usize {
        self.names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no variable {name}"))
    }

    fn row(&mut self, left: &[(i128, usize)], op: Op, right: &[(i128, usize)], constant: i128) {
        // Σ left op Σ right + constant
        let mut terms: Vec<(usize, i128)> = left.iter().map(|(a, v)| (*v, *a)).collect();
        terms.extend(right.iter().map(|(a, v)| (*v, -*a)));
        self.rows.push(Row { terms, op, rhs: constant });
    }

    fn sum_eq(&mut self, total: usize, parts: &[usize]) {
        let parts: Vec<(i128, usize)> = parts.iter().map(|p| (1, *p)).collect();
        self.row(&[(1, total)], Op::Eq, &parts, 0);
    }
}

/// Tightens bounds (a bounded number of passes: the search branches on what is left); false
/// when a domain empties.
fn propagate(m: &Model, lo: &mut [i128], hi: &mut [i128]) -> bool {
    for _ in 0..64 {
        let mut changed = false;
        for r in &m.rows {
            let parts: Vec<(Vec<(usize, i128)>, i128)> = match r.op {
                Op::Le => vec![(r.terms.clone(), r.rhs)],
                Op::Ge => vec![(r.terms.iter().map(|(v, a)| (*v, -a)).collect(), -r.rhs)],
                Op::Eq => vec![(r.terms.clone(), r.rhs), (r.terms.iter().map(|(v, a)| (*v, -a)).collect(), -r.rhs)],
            };
            for (terms, rhs) in parts {
                // Σ a·x ≤ rhs
                let min_of = |lo: &[i128], hi: &[i128], v: usize, a: i128| if a > 0 { a * lo[v] } else { a * hi[v] };
                let total_min: i128 = terms.iter().map(|(v, a)| min_of(lo, hi, *v, *a)).sum();
                if total_min > rhs {
                    return false;
                }
                for (v, a) in &terms {
                    // The row's minimum as it stood before this pass (bounds only tighten).
                    let slack = rhs - (total_min - min_of(lo, hi, *v, *a));
                    if *a > 0 {
                        let bound = slack.div_euclid(*a);
                        if bound < hi[*v] {
                            hi[*v] = bound;
                            changed = true;
                        }
                    } else if *a < 0 {
                        // a·x ≤ slack  ⇔  x ≥ ⌈slack / a⌉
                        let bound = -((slack).div_euclid(-*a));
                        if bound > lo[*v] {
                            lo[*v] = bound;
                            changed = true;
                        }
                    }
                    if lo[*v] > hi[*v] {
                        return false;
                    }
                }
            }
        }
        if !changed {
            return true;
        }
    }
    true
}

/// Whether a whole-number assignment within the bounds satisfies every row: depth first over
/// the open domains, counts before latent counts, trying each count's `hint` (its true value,
/// which the search may use to look first where a solution is likely — the answer does not
/// depend on it) before the rest of its domain. `budget` counts nodes; `None` when it runs out.
fn solvable(m: &Model, lo: &[i128], hi: &[i128], hint: &[Option<i128>], budget: &mut u32) -> Option<bool> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let (mut lo, mut hi) = (lo.to_vec(), hi.to_vec());
    if !propagate(m, &mut lo, &mut hi) {
        return Some(false);
    }
    let open = (0..lo.len()).filter(|i| lo[*i] < hi[*i]).min_by_key(|i| (hint[*i].is_none(), hi[*i] - lo[*i]));
    let Some(v) = open else { return Some(true) };
    let (l, h) = (lo[v], hi[v]);
    let parts: Vec<(i128, i128)> = match hint[v] {
        Some(t) if l <= t && t <= h => [(t, t), (l, t - 1), (t + 1, h)].into_iter().filter(|(a, b)| a <= b).collect(),
        Some(t) if t > h => vec![(l + (h - l) / 2 + 1, h), (l, l + (h - l) / 2)],
        _ => vec![(l, l + (h - l) / 2), (l + (h - l) / 2 + 1, h)],
    };
    let mut unknown = false;
    for (a, b) in parts {
        let (mut lo2, mut hi2) = (lo.clone(), hi.clone());
        lo2[v] = a;
        hi2[v] = b;
        match solvable(m, &lo2, &hi2, hint, budget) {
            Some(true) => return Some(true),
            Some(false) => {}
            None => unknown = true,
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}

// ------------------------------------------------------------------ the reader's knowledge

const STAGES: [&str; 4] = ["Raised", "Consent", "FirstMeeting", "Closed"];
const LEVELS: [&str; 3] = ["Universal", "Selective", "Indicated"];

/// The reader's name of a table's total: the same count wherever it is a total.
fn total_name(table: &str, key: &str) -> String {
    match (table, key) {
        (_, "cases") => "cases".to_owned(),
        ("by_close_reason", _) => "by_state/Closed".to_owned(),
        ("attendance_first" | "attendance_last", _) => "attendance/measured".to_owned(),
        (table, key) => format!("{table}/{key}"),
    }
}

/// The reader's model of a release: its counts as variables, suppressed ones ≥ 1, shown ones
/// fixed, and everything it knows about how they relate.
fn reader(p: &Published, policy: &Policy, cap: i128) -> Model {
    let mut m = Model::default();
    let fix = |m: &mut Model, name: &str, count: Option<u64>| match count {
        Some(v) => m.var(name, i128::from(v), i128::from(v)),
        None => m.var(name, 1, cap),
    };
    fix(&mut m, "cases", p.cases.count);
    for t in &p.tables {
        let total = t.total.as_ref().map(|c| fix(&mut m, &total_name(&t.name, &c.key), c.count));
        let cells: Vec<usize> =
            t.cells.iter().map(|c| fix(&mut m, &format!("{}/{}", t.name, c.key), c.count)).collect();
        if let Some(total) = total {
            m.sum_eq(total, &cells);
        }
    }
    let v = |m: &Model, name: &str| m.get(name);
    // Reached a stage: at it or further.
    for (k, stage) in STAGES.iter().enumerate() {
        let parts: Vec<usize> = STAGES[k..].iter().map(|s| v(&m, &format!("funnel/{s}"))).collect();
        let total = v(&m, &format!("funnel_reached/{stage}"));
        m.sum_eq(total, &parts);
    }
    process(&mut m, cap);
    // Outcomes: a two-way table whose rows are at most the cases of their level, all of them
    // cases that had a first meeting (measures come from meetings).
    for change in ["Recovered", "Improved", "Unchanged", "Deteriorated"] {
        let parts: Vec<usize> = LEVELS.iter().map(|l| v(&m, &format!("outcomes/{l}/{change}"))).collect();
        m.sum_eq(v(&m, &format!("outcomes/{change}")), &parts);
    }
    let rows: Vec<usize> = LEVELS.iter().map(|l| v(&m, &format!("outcomes/{l}/measured"))).collect();
    m.sum_eq(v(&m, "outcomes/measured"), &rows);
    for (l, row) in LEVELS.iter().zip(&rows) {
        let level = v(&m, &format!("by_level/{l}"));
        m.row(&[(1, *row)], Op::Le, &[(1, level)], 0);
    }
    let met = v(&m, "funnel_reached/FirstMeeting");
    let measured = v(&m, "outcomes/measured");
    m.row(&[(1, measured)], Op::Le, &[(1, met)], 0);
    let att = v(&m, "attendance/measured");
    m.row(&[(1, att)], Op::Le, &[(1, met)], 0);
    attendance(&mut m, p, policy, cap);
    selective(&mut m);
    m
}

/// SPEC §6 and R-CP-9/R-RS-2 as a reader knows them, in counts of cases:
/// - consent moves a case from awaiting consent to planning and no way leads back, so raised,
///   de-identified, awaiting and declined cases never had consent (stage Raised); planning has
///   consent but no first meeting (which moves it to active); active and follow-up had the
///   first meeting; a pause comes before the first meeting or after; a case closes from
///   anywhere, and stage Closed means closed after a first meeting;
/// - the consent request is overdue only while raised or de-identified, the first meeting only
///   in planning, follow-up, handover answers and SIP meetings only in active work — a handover
///   still waiting may also sit in a pause after the first meeting — and closed or declined
///   cases owe nothing. A case counts once in `cases_overdue` whatever it owes: among the working
///   cases those owing something are the union of three sets of known sizes, which can be any
///   size from the largest of them to their sum (at most the working cases).
fn process(m: &mut Model, cap: i128) {
    let state = |m: &Model, s: &str| m.get(&format!("by_state/{s}"));
    let stage = |m: &Model, s: &str| m.get(&format!("funnel/{s}"));
    let due = |m: &Model, c: &str| m.get(&format!("overdue/DUE_{c}"));
    let [closed_unconsented, closed_unmet, paused_unmet, paused_met, paused_waiting, working_waiting, working_owing] =
        [
            "closed_unconsented",
            "closed_unmet",
            "paused_unmet",
            "paused_met",
            "paused_waiting",
            "working_waiting",
            "working_owing",
        ]
        .map(|n| m.var(&format!("process/{n}"), 0, cap));
    let closed_met = stage(m, "Closed");
    let (closed, paused) = (state(m, "Closed"), state(m, "Paused"));
    m.sum_eq(closed, &[closed_unconsented, closed_unmet, closed_met]);
    m.sum_eq(paused, &[paused_unmet, paused_met]);
    let raised: Vec<usize> =
        ["Raised", "DeIdentifiedConsultation", "AwaitingConsent", "Declined"].iter().map(|s| state(m, s)).collect();
    let mut parts = raised.clone();
    parts.push(closed_unconsented);
    m.sum_eq(stage(m, "Raised"), &parts);
    let (planning, active, follow_up) = (state(m, "Planning"), state(m, "Active"), state(m, "FollowUp"));
    m.sum_eq(stage(m, "Consent"), &[planning, paused_unmet, closed_unmet]);
    m.sum_eq(stage(m, "FirstMeeting"), &[active, follow_up, paused_met]);
    let before_consent = [(1, state(m, "Raised")), (1, state(m, "DeIdentifiedConsultation"))];
    m.row(&[(1, due(m, "CONSENT_REQUEST"))], Op::Le, &before_consent, 0);
    m.row(&[(1, due(m, "FIRST_MEETING"))], Op::Le, &[(1, planning)], 0);
    let working = [(1, active), (1, follow_up)];
    let (follow, handover, sip) = (due(m, "FOLLOW_UP"), due(m, "HANDOVER_ANSWER"), due(m, "SIP_MEETING"));
    m.sum_eq(handover, &[working_waiting, paused_waiting]);
    m.row(&[(1, paused_waiting)], Op::Le, &[(1, paused_met)], 0);
    for owed in [follow, working_waiting, sip] {
        m.row(&[(1, owed)], Op::Le, &working, 0);
        m.row(&[(1, owed)], Op::Le, &[(1, working_owing)], 0);
    }
    m.row(&[(1, working_owing)], Op::Le, &working, 0);
    m.row(&[(1, working_owing)], Op::Le, &[(1, follow), (1, working_waiting), (1, sip)], 0);
    let owing = [due(m, "CONSENT_REQUEST"), due(m, "FIRST_MEETING"), working_owing, paused_waiting];
    m.sum_eq(m.get("selective/cases_overdue"), &owing);
}

/// Attendance: each case attends 0–100 %, below the threshold exactly when problematic; the
/// published means are the sums over the group, rounded to a tenth, half away from zero.
fn attendance(m: &mut Model, p: &Published, policy: &Policy, cap: i128) {
    let threshold = i128::from(policy.followup.attendance_problem_below_percent) * 10;
    let tenths = |s: &Option<String>| -> Option<i128> {
        let s = s.as_deref()?;
        let (sign, s) = s.strip_prefix('-').map_or((1, s), |r| (-1, r));
        let (whole, frac) = s.split_once('.').unwrap_or((s, "0"));
        Some(sign * (whole.parse::<i128>().ok()? * 10 + frac.parse::<i128>().ok()?))
    };
    // Without published means any problematic/fine split has attendance sums that fit, so the
    // sums only matter with the means.
    let Some(n) = p.attendance.n.filter(|n| *n > 0).map(i128::from) else { return };
    let mut sums = Vec::new();
    for moment in ["first", "last"] {
        let sum = m.var(&format!("attendance/{moment}/tenths"), 0, 1000 * cap);
        let bad = m.get(&format!("attendance_{moment}/Problematic"));
        let fine = m.get(&format!("attendance_{moment}/NotProblematic"));
        m.row(&[(threshold, fine)], Op::Le, &[(1, sum)], 0);
        m.row(&[(1, sum)], Op::Le, &[((threshold - 1).max(0), bad), (1000, fine)], 0);
        sums.push(sum);
    }
    // round(S / n) = μ  ⇔  S ∈ the sums that round to μ (checked against the rounding below).
    let window = |mu: i128| -> (i128, i128) {
        let (lo, hi) = (-(10 * n * 1000), 10 * n * 1000);
        let rounds = |s: i128| {
            let r = (s.abs() * 2 + n) / (2 * n);
            (if s < 0 { -r } else { r }) == mu
        };
        // The window is an interval around μ·n: find its ends by search (small n·ranges).
        let centre = mu * n;
        let mut a = centre;
        while a > lo && rounds(a - 1) {
            a -= 1;
        }
        let mut b = centre;
        while b < hi && rounds(b + 1) {
            b += 1;
        }
        (a, b)
    };
    let (first, last) = (sums[0], sums[1]);
    for (terms, mean) in [
        (vec![(1, first)], tenths(&p.attendance.first)),
        (vec![(1, last)], tenths(&p.attendance.last)),
        (vec![(1, last), (-1, first)], tenths(&p.attendance.change)),
    ] {
        let Some(mu) = mean else { continue };
        let (a, b) = window(mu);
        let row: Vec<(usize, i128)> = terms.iter().map(|(k, v)| (*v, *k)).collect();
        m.rows.push(Row { terms: row.clone(), op: Op::Ge, rhs: a });
        m.rows.push(Row { terms: row, op: Op::Le, rhs: b });
    }
}

/// R-ST-2's selective counts: needs live in cases at the selective level or above, open ones
/// from planning on; handovers are offered and declined in active work.
fn selective(m: &mut Model) {
    let needs = m.get("selective/selective_needs");
    let waiting = m.get("selective/selective_waiting");
    let declined = m.get("selective/selective_declined_handovers");
    m.row(&[(1, waiting)], Op::Le, &[(1, needs)], 0);
    let higher = [m.get("by_level/Selective"), m.get("by_level/Indicated")];
    let open_with_needs: Vec<usize> =
        ["Planning", "Active", "FollowUp", "Paused"].iter().map(|s| m.get(&format!("by_state/{s}"))).collect();
    let active: Vec<usize> = vec![m.get("by_state/Active"), m.get("by_state/FollowUp"), m.get("process/paused_met")];
    let met = [m.get("funnel_reached/FirstMeeting")];
    let implications: [(usize, &[usize]); 6] = [
        (needs, &higher),
        (waiting, &higher),
        (declined, &higher),
        (needs, &open_with_needs),
        (waiting, &active),
        (declined, &met),
    ];
    for (premise, then) in implications {
        // The reader knows the premise is not zero when it is shown non-zero or suppressed.
        if m.lo[premise] >= 1 {
            let then: Vec<(usize, i128)> = then.iter().map(|v| (*v, 1)).collect();
            m.rows.push(Row { terms: then, op: Op::Ge, rhs: 1 });
        }
    }
}

// ------------------------------------------------------------------ the check

/// Every count of a release by its reader name, from a release published with nothing
/// suppressed (the truth the reader does not see).
fn truth(p: &Published) -> BTreeMap<String, Option<u64>> {
    let mut out = BTreeMap::new();
    out.insert("cases".to_owned(), p.cases.count);
    for t in &p.tables {
        for c in &t.cells {
            out.insert(format!("{}/{}", t.name, c.key), c.count);
        }
        if let Some(c) = &t.total {
            out.insert(total_name(&t.name, &c.key), c.count);
        }
    }
    out
}

/// The names of the suppressed cells and, where protection fails, why.
pub fn leaks(p: &Published, everything: &Published, policy: &Policy) -> Vec<String> {
    let min_cell = i128::from(p.min_cell);
    let all: BTreeMap<String, i128> =
        truth(everything).into_iter().map(|(k, v)| (k, i128::from(v.expect("nothing suppressed")))).collect();
    let hidden: Vec<(String, i128)> =
        truth(p).into_iter().filter(|(_, v)| v.is_none()).map(|(k, _)| (k.clone(), all[&k])).collect();
    let mut out = Vec::new();
    for (name, value) in hidden {
        let asks: Vec<(i128, i128)> =
            if value < min_cell { vec![(min_cell, i128::MAX)] } else { vec![(value + 1, i128::MAX), (1, value - 1)] };
        let mut found = false;
        let mut unknown = false;
        'caps: for cap in [4 * (all.values().copied().max().unwrap_or(0) + min_cell), 1 << 20] {
            let model = reader(p, policy, cap);
            let v = model.get(&name);
            let hint: Vec<Option<i128>> = model.names.iter().map(|n| all.get(n).copied()).collect();
            for (lo, hi) in &asks {
                let (mut l, mut h) = (model.lo.clone(), model.hi.clone());
                l[v] = l[v].max(*lo);
                h[v] = h[v].min(*hi);
                let mut budget = 20_000;
                match solvable(&model, &l, &h, &hint, &mut budget) {
                    Some(true) => {
                        found = true;
                        break 'caps;
                    }
                    Some(false) => {}
                    None => unknown = true,
                }
            }
        }
        if !found {
            let why = if value < min_cell { "cannot reach min_cell" } else { "is pinned" };
            out.push(format!("{name} = {value} {why}{}", if unknown { " (search budget ran out)" } else { "" }));
        }
    }
    out
}
