//! Small-cell suppression of a whole release (R-ST-3): the frequency rule with an upper
//! protection level, audited over everything published together.
//!
//! 1. **Primary**: every count in `1 … min_cell − 1` is suppressed (0 is shown: it points out
//!    nobody, and a reader knows a suppressed count is not zero).
//! 2. **Quick complements**: in a table whose total is shown, the suppressed cells are none,
//!    or at least two adding up to `min_cell` or more; a suppressed total has a suppressed cell.
//!    This is the common case and costs nothing to check.
//! 3. **Audit and repair**: the audit ([`super::audit`]) looks for a count that is not
//!    protected. The first remedy is to withhold the attendance means (derived numbers, the
//!    least loss); else the nearest shown non-zero count through the relations is suppressed,
//!    the smallest of them. Suppressing only widens what a reader can think possible, so
//!    protected counts stay protected and the loop ends: every round suppresses one more count.
//!
//! Why it always ends protected: once every non-zero count is suppressed, the means are
//! withheld (their group size is) and every relation is homogeneous, so the true table times
//! `min_cell` is consistent with what is shown — every suppressed count could be `min_cell`
//! times larger, so none is pinned and each could be at least `min_cell`.

use super::audit::{Means, Range, Release, Shown};
use super::relations::{Count, Kind, Term};

/// What to show of a release at `min_cell`, with the means if they may be published.
pub fn protect(release: &Release, min_cell: u64, means: Option<Means>) -> Shown {
    let values = release.values();
    let hidden: Vec<bool> = values.iter().map(|v| (1..min_cell).contains(v)).collect();
    let mut shown = Shown { hidden, means };
    let mut witnesses = Vec::new();
    loop {
        quick_complements(release, &mut shown.hidden, min_cell);
        withhold_means_without_group(release, &mut shown);
        let failing = (0..values.len())
            .filter(|i| shown.hidden.get(*i).copied().unwrap_or(false))
            .find(|i| !release.protects(&shown, *i, min_cell, &mut witnesses));
        let Some(i) = failing else { return shown };
        let blockers = release.blockers(&shown, i, min_cell);
        if shown.means.is_some() && (blockers.means || blockers.counts.is_empty()) {
            let without = Shown { means: None, ..shown.clone() };
            if blockers.means || release.protects(&without, i, min_cell, &mut witnesses) {
                shown = without;
                continue;
            }
        }
        let next = blockers
            .counts
            .iter()
            .copied()
            .min_by_key(|k| (values.get(*k).copied().unwrap_or(0), *k))
            .or_else(|| release.nearest_shown(i, &shown.hidden))
            .or_else(|| smallest_shown(values, &shown.hidden));
        match next.and_then(|k| shown.hidden.get_mut(k)) {
            Some(h) => *h = true,
            // Nothing left to suppress: every non-zero count is (see the module's proof).
            None => return shown,
        }
    }
}

/// The range a reader cannot narrow, for every suppressed count (`None` for shown ones).
pub fn ranges(release: &Release, shown: &Shown) -> Vec<Option<Range>> {
    shown.hidden.iter().enumerate().map(|(i, h)| h.then(|| release.range(shown, i))).collect()
}

fn smallest_shown(values: &[u64], hidden: &[bool]) -> Option<usize> {
    (0..values.len())
        .filter(|i| !hidden.get(*i).copied().unwrap_or(true))
        .filter(|i| values.get(*i).copied().unwrap_or(0) > 0)
        .min_by_key(|i| (values.get(*i).copied().unwrap_or(0), *i))
}

/// Means are published only with their group size.
fn withhold_means_without_group(release: &Release, shown: &mut Shown) {
    let group = release.counts().iter().position(|c| *c == Count::AttendanceMeasured);
    if group.is_none_or(|k| shown.hidden.get(k).copied().unwrap_or(true)) {
        shown.means = None;
    }
}

/// Step 2 over every relation `total = Σ parts` of counts alone, until nothing changes.
fn quick_complements(release: &Release, hidden: &mut [bool], min_cell: u64) {
    let counts = release.counts();
    let index = |t: &Term| match t {
        Term::Count(c) => counts.iter().position(|x| x == c),
        Term::Latent(_) => None,
    };
    let lines: Vec<(usize, Vec<usize>)> = release
        .relations()
        .iter()
        .filter(|r| r.kind == Kind::Equal && r.left.len() == 1)
        .filter(|r| r.left.iter().chain(&r.right).all(|(w, t)| *w == 1 && matches!(t, Term::Count(_))))
        .filter_map(|r| {
            let total = r.left.first().and_then(|(_, t)| index(t))?;
            let parts = r.right.iter().map(|(_, t)| index(t)).collect::<Option<Vec<usize>>>()?;
            Some((total, parts))
        })
        .collect();
    let values = release.values();
    let value = |i: usize| values.get(i).copied().unwrap_or(0);
    let is_hidden = |h: &[bool], i: usize| h.get(i).copied().unwrap_or(true);
    loop {
        let repair = lines.iter().find_map(|(total, parts)| {
            let hidden_parts: Vec<usize> = parts.iter().copied().filter(|p| is_hidden(hidden, *p)).collect();
            let leaks = if is_hidden(hidden, *total) {
                hidden_parts.is_empty()
            } else {
                let sum: u64 = hidden_parts.iter().map(|p| value(*p)).fold(0, u64::saturating_add);
                !hidden_parts.is_empty() && (hidden_parts.len() < 2 || sum < min_cell)
            };
            if !leaks {
                return None;
            }
            let smallest = parts
                .iter()
                .copied()
                .filter(|c| !is_hidden(hidden, *c) && value(*c) > 0)
                .min_by_key(|c| (value(*c), *c));
            // With no shown non-zero part left, the total goes (then the line is safe).
            smallest.or((!is_hidden(hidden, *total)).then_some(*total))
        });
        match repair.and_then(|i| hidden.get_mut(i)) {
            Some(h) if !*h => *h = true,
            _ => return,
        }
    }
}
