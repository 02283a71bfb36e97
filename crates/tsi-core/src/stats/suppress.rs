//! Small-cell suppression (R-ST-3) over a grid of published counts linked by equations
//! (`total = part + part + …`): one-way tables, nested funnels, two-way tables with margins and
//! tables that share a margin are all grids.
//!
//! 1. **Primary**: every count in `1 … min_cell − 1` is suppressed (0 is published: it points
//!    out nobody).
//! 2. **Complementary**, until nothing changes:
//!    - in an equation whose total is published, the suppressed parts are none, or at least
//!      two whose sum is at least `min_cell` (else `total − published parts` gives them away);
//!    - in an equation whose total is suppressed, at least one part is suppressed too (else the
//!      parts add up to it);
//!    - no suppressed count is determined by the published counts through the equations
//!      together (a rank test: the cell's unit vector is not in the row space of the equations
//!      over the suppressed cells).
//!
//!    Each repair suppresses the smallest published non-zero count of the equation concerned,
//!    so the loop ends (every round suppresses one more count).

/// Counts linked by equations.
#[derive(Clone, Debug, Default)]
pub struct Grid {
    values: Vec<u64>,
    equations: Vec<(usize, Vec<usize>)>,
}

impl Grid {
    /// Adds a count; returns its index.
    pub fn cell(&mut self, value: u64) -> usize {
        self.values.push(value);
        self.values.len() - 1
    }

    /// Declares `total = Σ parts` (the caller's counts must add up: [`super::Aggregate::check`]).
    pub fn equation(&mut self, total: usize, parts: Vec<usize>) {
        self.equations.push((total, parts));
    }

    /// The counts.
    pub fn values(&self) -> &[u64] {
        &self.values
    }

    /// The equations, as `(total, parts)`.
    pub fn equations(&self) -> &[(usize, Vec<usize>)] {
        &self.equations
    }

    /// Which counts to suppress at `min_cell`.
    pub fn suppress(&self, min_cell: u64) -> Vec<bool> {
        let mut hidden: Vec<bool> = self.values.iter().map(|v| (1..min_cell).contains(v)).collect();
        loop {
            let repair = self
                .equations
                .iter()
                .find_map(|(total, parts)| self.line_repair(*total, parts, &hidden, min_cell))
                .or_else(|| self.rank_repair(&hidden));
            match repair.and_then(|i| hidden.get_mut(i)) {
                Some(h) if !*h => *h = true,
                _ => return hidden,
            }
        }
    }

    fn value(&self, i: usize) -> u64 {
        self.values.get(i).copied().unwrap_or(0)
    }

    /// The count one equation needs suppressed next, if it leaks.
    fn line_repair(&self, total: usize, parts: &[usize], hidden: &[bool], min_cell: u64) -> Option<usize> {
        let hidden_parts: Vec<usize> = parts.iter().copied().filter(|p| is_hidden(hidden, *p)).collect();
        let leaks = if is_hidden(hidden, total) {
            hidden_parts.is_empty()
        } else {
            let sum: u64 = hidden_parts.iter().map(|p| self.value(*p)).sum();
            !hidden_parts.is_empty() && (hidden_parts.len() < 2 || sum < min_cell)
        };
        if !leaks {
            return None;
        }
        // With no published non-zero part left, the total goes (then the equation is safe).
        self.smallest_published(parts.iter().copied(), hidden).or((!is_hidden(hidden, total)).then_some(total))
    }

    fn smallest_published(&self, cells: impl Iterator<Item = usize>, hidden: &[bool]) -> Option<usize> {
        cells.filter(|c| !is_hidden(hidden, *c) && self.value(*c) > 0).min_by_key(|c| (self.value(*c), *c))
    }

    /// A count that must be suppressed because some suppressed count is determined.
    fn rank_repair(&self, hidden: &[bool]) -> Option<usize> {
        let vars: Vec<usize> = (0..self.values.len()).filter(|i| is_hidden(hidden, *i)).collect();
        let rows: Vec<Vec<f64>> = self
            .equations
            .iter()
            .map(|(total, parts)| {
                vars.iter()
                    .map(|v| if v == total { 1.0 } else { -(parts.iter().filter(|p| *p == v).count() as f64) })
                    .collect::<Vec<f64>>()
            })
            .filter(|row| row.iter().any(|x| *x != 0.0))
            .collect();
        // In reduced row echelon form, e_k lies in the row space exactly when some row is e_k.
        let determined = rref(rows, vars.len()).iter().find_map(|row| {
            let mut nonzero = row.iter().enumerate().filter(|(_, x)| x.abs() > 1e-9);
            match (nonzero.next(), nonzero.next()) {
                (Some((k, _)), None) => vars.get(k).copied(),
                _ => None,
            }
        })?;
        let near = self
            .equations
            .iter()
            .filter(|(t, p)| *t == determined || p.contains(&determined))
            .flat_map(|(t, p)| std::iter::once(*t).chain(p.iter().copied()));
        self.smallest_published(near, hidden).or_else(|| {
            let touching = self
                .equations
                .iter()
                .filter(|(t, p)| is_hidden(hidden, *t) || p.iter().any(|x| is_hidden(hidden, *x)))
                .flat_map(|(t, p)| std::iter::once(*t).chain(p.iter().copied()));
            self.smallest_published(touching, hidden)
        })
    }
}

/// Whether count `i` is suppressed (an index outside the grid counts as suppressed: never shown).
fn is_hidden(hidden: &[bool], i: usize) -> bool {
    hidden.get(i).copied().unwrap_or(true)
}

/// The reduced row echelon form of a small matrix (partial pivoting; entries are small
/// integers, so a tolerance of 1e-9 separates zero from non-zero).
fn rref(mut m: Vec<Vec<f64>>, cols: usize) -> Vec<Vec<f64>> {
    let at = |row: &[f64], c: usize| row.get(c).copied().unwrap_or(0.0);
    let mut r = 0;
    for c in 0..cols {
        let pivot = m.iter().enumerate().skip(r).max_by(|a, b| at(a.1, c).abs().total_cmp(&at(b.1, c).abs()));
        let Some((pivot, row)) = pivot else { break };
        let p = at(row, c);
        if p.abs() < 1e-9 {
            continue;
        }
        let unit: Vec<f64> = row.iter().map(|x| x / p).collect();
        m.swap(r, pivot);
        for (i, row) in m.iter_mut().enumerate() {
            if i == r {
                row.clone_from(&unit);
                continue;
            }
            let f = at(row, c);
            if f != 0.0 {
                row.iter_mut().zip(&unit).for_each(|(x, u)| *x -= f * u);
            }
        }
        r += 1;
    }
    m.truncate(r);
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A one-way table with its total, and a funnel nested in it: reached stage k = Σ parts from k on.
    fn one_way_with_funnel(g: &mut Grid, oneway: &[u64]) {
        let parts: Vec<usize> = oneway.iter().map(|v| g.cell(*v)).collect();
        let total = g.cell(oneway.iter().sum());
        g.equation(total, parts.clone());
        for k in 1..parts.len() {
            let reached = g.cell(oneway[k..].iter().sum());
            g.equation(reached, parts[k..].to_vec());
        }
    }

    /// A grid shaped like the published statistics: a one-way table, a funnel nested in it, and
    /// a two-way table with both margins and a grand total.
    fn arb_grid() -> impl Strategy<Value = Grid> {
        (prop::collection::vec(0u64..9, 2..5), prop::collection::vec(prop::collection::vec(0u64..7, 2..4), 2..4))
            .prop_map(|(oneway, twoway)| {
                let mut g = Grid::default();
                one_way_with_funnel(&mut g, &oneway);
                let cols = twoway.iter().map(Vec::len).min().unwrap_or(0);
                let cells: Vec<Vec<usize>> =
                    twoway.iter().map(|row| row[..cols].iter().map(|v| g.cell(*v)).collect()).collect();
                let mut row_totals = Vec::new();
                for (r, row) in cells.iter().enumerate() {
                    let t = g.cell(twoway[r][..cols].iter().sum());
                    g.equation(t, row.clone());
                    row_totals.push(t);
                }
                let mut col_totals = Vec::new();
                for c in 0..cols {
                    let t = g.cell(twoway.iter().map(|row| row[c]).sum());
                    g.equation(t, cells.iter().map(|row| row[c]).collect());
                    col_totals.push(t);
                }
                let grand = g.cell(twoway.iter().map(|row| row[..cols].iter().sum::<u64>()).sum());
                g.equation(grand, row_totals);
                g.equation(grand, col_totals);
                g
            })
    }

    /// Oracle, sharing nothing with the engine: every non-negative integer table that agrees
    /// with the published counts and the equations; a suppressed count that takes one value in
    /// all of them is disclosed.
    fn disclosed(g: &Grid, hidden: &[bool], bound: u64) -> Vec<usize> {
        let vars: Vec<usize> = (0..g.values.len()).filter(|i| hidden[*i]).collect();
        let mut seen: Vec<std::collections::BTreeSet<u64>> = vec![Default::default(); vars.len()];
        let mut values = g.values.clone();
        let mut odometer = vec![0u64; vars.len()];
        loop {
            for (k, v) in vars.iter().enumerate() {
                values[*v] = odometer[k];
            }
            if g.equations.iter().all(|(t, p)| values[*t] == p.iter().map(|x| values[*x]).sum::<u64>()) {
                for (k, v) in vars.iter().enumerate() {
                    seen[k].insert(values[*v]);
                }
            }
            let Some(k) = odometer.iter().position(|x| *x < bound) else { break };
            odometer[k] += 1;
            odometer[..k].iter_mut().for_each(|x| *x = 0);
        }
        vars.iter().zip(seen).filter(|(_, s)| s.len() == 1).map(|(v, _)| *v).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn no_published_count_or_derivable_difference_is_small(g in arb_grid(), min_cell in 2u64..7) {
            let hidden = g.suppress(min_cell);
            for (i, v) in g.values.iter().enumerate() {
                prop_assert!(hidden[i] || !(1..min_cell).contains(v), "cell {i} = {v} published");
            }
            for (t, parts) in &g.equations {
                let hidden_parts: Vec<u64> = parts.iter().filter(|p| hidden[**p]).map(|p| g.values[*p]).collect();
                if hidden[*t] {
                    prop_assert!(!hidden_parts.is_empty(), "suppressed total derivable from its parts");
                } else if !hidden_parts.is_empty() {
                    prop_assert!(hidden_parts.len() >= 2 && hidden_parts.iter().sum::<u64>() >= min_cell,
                        "total − published parts = {:?}", hidden_parts);
                }
            }
        }

        #[test]
        fn no_suppressed_count_is_determined_by_the_published_ones(
            oneway in prop::collection::vec(0u64..6, 2..4), min_cell in 2u64..6
        ) {
            // Small enough to enumerate every consistent table.
            let mut g = Grid::default();
            one_way_with_funnel(&mut g, &oneway);
            let hidden = g.suppress(min_cell);
            prop_assume!(hidden.iter().filter(|h| **h).count() <= 4);
            let bound = g.values.iter().copied().max().unwrap_or(0);
            prop_assert_eq!(disclosed(&g, &hidden, bound), Vec::<usize>::new());
        }
    }

    #[test]
    fn two_way_tables_protect_every_cell() {
        // 2×2 with margins; one small cell needs a rectangle of four.
        let mut g = Grid::default();
        let v = [[2u64, 8], [7, 9]];
        let c: Vec<Vec<usize>> = v.iter().map(|r| r.iter().map(|x| g.cell(*x)).collect()).collect();
        let rows: Vec<usize> = (0..2).map(|r| g.cell(v[r].iter().sum())).collect();
        let cols: Vec<usize> = (0..2).map(|k| g.cell(v[0][k] + v[1][k])).collect();
        let grand = g.cell(26);
        for r in 0..2 {
            g.equation(rows[r], c[r].clone());
        }
        for k in 0..2 {
            g.equation(cols[k], vec![c[0][k], c[1][k]]);
        }
        g.equation(grand, rows.clone());
        g.equation(grand, cols.clone());
        let hidden = g.suppress(5);
        assert!([c[0][0], c[0][1], c[1][0], c[1][1]].iter().all(|i| hidden[*i]), "{hidden:?}");
        assert_eq!(hidden.iter().filter(|h| **h).count(), 4, "the rectangle, no more");
        assert!(disclosed(&g, &hidden, 26).is_empty());
    }

    #[test]
    fn a_total_below_min_cell_is_suppressed_with_all_its_parts() {
        let mut g = Grid::default();
        let parts = vec![g.cell(1), g.cell(2), g.cell(0)];
        let total = g.cell(3);
        g.equation(total, parts);
        assert_eq!(g.suppress(5), vec![true, true, false, true]);
    }
}
