//! Whole-number linear programs for the statistics audit (R-ST-3): what a reader can work out
//! from a published release is what such a program can work out.
//!
//! A dense two-phase simplex over `f64` with Bland's rule (it cannot cycle), and a depth-first
//! branch and bound on top for whole numbers. The floating-point part only *proposes*: every
//! whole-number answer is checked exactly in integers against every constraint before it is
//! believed ([`Program::satisfied_by`]). So a rounding error can make the audit miss a table
//! that exists (then it suppresses more than it had to), never believe one that does not.
//! Every loop is bounded (pivots, nodes): a problem too hard for the bounds is answered
//! "not found", with the same safe consequence. Nothing here reads a clock.

/// How a constraint compares its left side with its right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `Σ ≤ rhs`
    AtMost,
    /// `Σ = rhs`
    Equal,
    /// `Σ ≥ rhs`
    AtLeast,
}

/// One linear constraint: `Σ coefficient · variable  op  rhs`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Constraint {
    /// `(variable, coefficient)`; a variable may appear once.
    pub terms: Vec<(usize, i64)>,
    /// The comparison.
    pub op: Op,
    /// The right-hand side.
    pub rhs: i128,
}

/// Whole-number variables `x_j ≥ lower_j` under linear constraints.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Program {
    /// The lower bound of each variable (its count is the number of variables).
    pub lower: Vec<i128>,
    /// The constraints.
    pub constraints: Vec<Constraint>,
}

/// What a linear relaxation found.
#[derive(Clone, Debug, PartialEq)]
enum Relaxed {
    /// No real solution; the constraints (by index) with a non-zero multiplier in the proof.
    Infeasible(Vec<usize>),
    /// The objective grows without bound.
    Unbounded,
    /// An optimal vertex and its objective value.
    Optimal(Vec<f64>, f64),
    /// The pivot budget ran out.
    GaveUp,
}

/// The best whole-number value of an objective, as far as the search went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Extreme {
    /// There is no whole-number solution (proven).
    NotFound,
    /// The search ran out of budget before finding a solution or proving there is none.
    Unknown,
    /// The objective has no upper bound over the whole-number solutions.
    Unbounded,
    /// A whole-number solution reaching this value (`proven`: none reaches more).
    Reached {
        /// The objective's value at `solution`.
        value: i128,
        /// The solution, checked exactly.
        solution: Vec<i128>,
        /// Whether the search proved that no solution does better.
        proven: bool,
    },
}

const EPS: f64 = 1e-9;
/// How close to a whole number a relaxed value must be to be rounded to it.
const WHOLE: f64 = 1e-6;
/// Branch-and-bound nodes per search.
const NODES: u32 = 200;

impl Program {
    /// Whether the whole numbers `x` satisfy every bound and constraint (exact arithmetic).
    pub fn satisfied_by(&self, x: &[i128]) -> bool {
        if x.len() != self.lower.len() || x.iter().zip(&self.lower).any(|(v, l)| v < l) {
            return false;
        }
        self.constraints.iter().all(|c| {
            let sum = c.terms.iter().try_fold(0i128, |acc, (j, a)| {
                x.get(*j).and_then(|v| v.checked_mul(i128::from(*a))).and_then(|t| acc.checked_add(t))
            });
            match sum {
                None => false,
                Some(s) => match c.op {
                    Op::AtMost => s <= c.rhs,
                    Op::Equal => s == c.rhs,
                    Op::AtLeast => s >= c.rhs,
                },
            }
        })
    }

    /// A whole-number solution, if the search finds one.
    pub fn whole_solution(&self) -> Option<Vec<i128>> {
        match self.maximize(&[]) {
            Extreme::Reached { solution, .. } => Some(solution),
            Extreme::NotFound | Extreme::Unknown | Extreme::Unbounded => None,
        }
    }

    /// The largest whole-number value of `Σ coefficient · variable` (branch and bound).
    /// An empty objective asks only for some solution: the first one found is returned.
    pub fn maximize(&self, objective: &[(usize, i64)]) -> Extreme {
        let mut search = Search { program: self, objective, best: None, nodes: 0, complete: true };
        if search.node(Vec::new()) {
            return Extreme::Unbounded;
        }
        match search.best {
            None if search.complete => Extreme::NotFound,
            None => Extreme::Unknown,
            Some((value, solution)) => Extreme::Reached { value, solution, proven: search.complete },
        }
    }

    /// When the program has no real solution: the constraints (indices) that prove it, those
    /// with a non-zero multiplier in a Farkas combination. `None` when there is a real solution
    /// (or the pivots ran out).
    pub fn conflict(&self) -> Option<Vec<usize>> {
        match relax(self, &[], &[]) {
            Relaxed::Infeasible(rows) => Some(rows),
            _ => None,
        }
    }

    /// The program with one more constraint.
    pub fn with(&self, constraint: Constraint) -> Program {
        let mut p = self.clone();
        p.constraints.push(constraint);
        p
    }
}

/// A depth-first branch and bound.
struct Search<'a> {
    program: &'a Program,
    objective: &'a [(usize, i64)],
    best: Option<(i128, Vec<i128>)>,
    nodes: u32,
    /// False once a node was left unexplored (budget, pivots, numerics).
    complete: bool,
}

impl Search<'_> {
    /// Explores the program with the branching constraints `extra`; true when unbounded.
    fn node(&mut self, extra: Vec<Constraint>) -> bool {
        if self.nodes >= NODES {
            self.complete = false;
            return false;
        }
        self.nodes += 1;
        let relaxed = relax(self.program, &extra, self.objective);
        let (x, bound) = match relaxed {
            Relaxed::Infeasible(_) => return false,
            Relaxed::Unbounded => {
                // Unbounded in real numbers and whole-number feasible (rational data, Meyer):
                // whole-number unbounded too, once a whole solution is known.
                return self.anchor(&extra);
            }
            Relaxed::GaveUp => {
                self.complete = false;
                return false;
            }
            Relaxed::Optimal(x, bound) => (x, bound),
        };
        let floor = (bound + WHOLE).floor();
        if let Some((best, _)) = &self.best {
            if !self.objective.is_empty() && floor <= *best as f64 {
                return false;
            }
        }
        match x.iter().position(|v| (v - v.round()).abs() > WHOLE) {
            None => {
                let whole: Vec<i128> = x.iter().map(|v| v.round() as i128).collect();
                if self.program.satisfied_by(&whole) && extra.iter().all(|c| holds(c, &whole)) {
                    let value = dot(self.objective, &whole);
                    if self.best.as_ref().is_none_or(|(b, _)| value > *b) {
                        self.best = Some((value, whole));
                    }
                } else {
                    self.complete = false;
                }
                false
            }
            Some(j) => {
                let v = x.get(j).copied().unwrap_or(0.0);
                let (down, up) = (v.floor() as i128, v.ceil() as i128);
                // Up first: the audit asks how far a count can go.
                for (op, rhs) in [(Op::AtLeast, up), (Op::AtMost, down)] {
                    let mut branch = extra.clone();
                    branch.push(Constraint { terms: vec![(j, 1)], op, rhs });
                    if self.node(branch) {
                        return true;
                    }
                    if self.objective.is_empty() && self.best.is_some() {
                        break;
                    }
                }
                false
            }
        }
    }

    /// Finds a whole solution of a node whose relaxation is unbounded; true when one exists.
    fn anchor(&mut self, extra: &[Constraint]) -> bool {
        let feasible = Program {
            lower: self.program.lower.clone(),
            constraints: self.program.constraints.iter().chain(extra).cloned().collect(),
        };
        let mut inner = Search { program: &feasible, objective: &[], best: None, nodes: self.nodes, complete: true };
        inner.node(Vec::new());
        self.nodes = inner.nodes;
        if inner.best.is_some() {
            return true;
        }
        self.complete = false;
        false
    }
}

fn holds(c: &Constraint, x: &[i128]) -> bool {
    Program { lower: vec![i128::MIN; x.len()], constraints: vec![c.clone()] }.satisfied_by(x)
}

fn dot(objective: &[(usize, i64)], x: &[i128]) -> i128 {
    objective.iter().map(|(j, a)| x.get(*j).copied().unwrap_or(0).saturating_mul(i128::from(*a))).sum()
}

/// The linear relaxation of `program` with `extra` constraints, maximizing `objective`.
fn relax(program: &Program, extra: &[Constraint], objective: &[(usize, i64)]) -> Relaxed {
    let n = program.lower.len();
    let lower: Vec<f64> = program.lower.iter().map(|l| *l as f64).collect();
    // x = lower + y with y ≥ 0; every row's right side made non-negative.
    let rows: Vec<Row> = program
        .constraints
        .iter()
        .chain(extra)
        .map(|c| {
            let terms: Vec<(usize, f64)> = c.terms.iter().map(|(j, a)| (*j, *a as f64)).collect();
            let shift: f64 = terms.iter().map(|(j, a)| a * lower.get(*j).copied().unwrap_or(0.0)).sum();
            let rhs = c.rhs as f64 - shift;
            if rhs < 0.0 {
                let flipped = match c.op {
                    Op::AtMost => Op::AtLeast,
                    Op::Equal => Op::Equal,
                    Op::AtLeast => Op::AtMost,
                };
                (terms.into_iter().map(|(j, a)| (j, -a)).collect(), flipped, -rhs)
            } else {
                (terms, c.op, rhs)
            }
        })
        .collect();
    let mut t = Tableau::new(n, &rows);
    let cost: Vec<f64> = (0..t.width).map(|j| if t.is_artificial(j) { -1.0 } else { 0.0 }).collect();
    t.set_objective(&cost);
    match t.optimize(false) {
        Phase::Done => {}
        Phase::Unbounded | Phase::GaveUp => return Relaxed::GaveUp,
    }
    if t.value() < -EPS * (1.0 + t.scale) {
        return Relaxed::Infeasible(t.proof());
    }
    t.drive_out_artificials();
    let mut cost = vec![0.0; t.width];
    for (j, a) in objective {
        if let Some(c) = cost.get_mut(*j) {
            *c += *a as f64;
        }
    }
    t.set_objective(&cost);
    match t.optimize(true) {
        Phase::Unbounded => return Relaxed::Unbounded,
        Phase::GaveUp => return Relaxed::GaveUp,
        Phase::Done => {}
    }
    let y = t.solution(n);
    let x: Vec<f64> = y.iter().zip(&lower).map(|(y, l)| y + l).collect();
    let value = objective.iter().map(|(j, a)| *a as f64 * x.get(*j).copied().unwrap_or(0.0)).sum();
    Relaxed::Optimal(x, value)
}

/// A constraint in real numbers: terms, comparison, non-negative right-hand side.
type Row = (Vec<(usize, f64)>, Op, f64);

enum Phase {
    Done,
    Unbounded,
    GaveUp,
}

/// A dense simplex tableau: `rows` hold `[y | slacks | artificials | rhs]`, `z` the reduced
/// costs (`z_j − c_j`, a column may enter while negative) and the objective value last.
struct Tableau {
    rows: Vec<Vec<f64>>,
    z: Vec<f64>,
    basis: Vec<usize>,
    /// Columns before the right-hand side.
    width: usize,
    /// The first artificial column.
    artificial_from: usize,
    /// The largest right-hand side, for tolerances.
    scale: f64,
    /// Per row, the column of its slack (`≤`) or artificial (`=`, `≥`): its multiplier's column.
    own: Vec<usize>,
}

impl Tableau {
    fn new(n: usize, rows: &[Row]) -> Tableau {
        let slacks = rows.iter().filter(|r| r.1 != Op::Equal).count();
        let artificials = rows.iter().filter(|r| r.1 != Op::AtMost).count();
        let width = n + slacks + artificials;
        let mut t = Tableau {
            rows: Vec::with_capacity(rows.len()),
            z: vec![0.0; width + 1],
            basis: Vec::with_capacity(rows.len()),
            width,
            artificial_from: n + slacks,
            scale: rows.iter().fold(0.0f64, |m, r| m.max(r.2)),
            own: Vec::with_capacity(rows.len()),
        };
        let (mut slack, mut art) = (n, n + slacks);
        for (terms, op, rhs) in rows {
            let mut row = vec![0.0; width + 1];
            for (j, a) in terms {
                if let Some(cell) = row.get_mut(*j) {
                    *cell += a;
                }
            }
            if let Some(last) = row.last_mut() {
                *last = *rhs;
            }
            let basic = match op {
                Op::AtMost => {
                    set(&mut row, slack, 1.0);
                    slack += 1;
                    slack - 1
                }
                Op::AtLeast => {
                    set(&mut row, slack, -1.0);
                    set(&mut row, art, 1.0);
                    slack += 1;
                    art += 1;
                    art - 1
                }
                Op::Equal => {
                    set(&mut row, art, 1.0);
                    art += 1;
                    art - 1
                }
            };
            t.rows.push(row);
            t.basis.push(basic);
            t.own.push(basic);
        }
        t
    }

    fn is_artificial(&self, j: usize) -> bool {
        j >= self.artificial_from && j < self.width
    }

    /// Reduced costs of maximizing `cost · columns` under the current basis.
    fn set_objective(&mut self, cost: &[f64]) {
        let c = |j: usize| cost.get(j).copied().unwrap_or(0.0);
        let mut z: Vec<f64> = (0..=self.width).map(|j| if j < self.width { -c(j) } else { 0.0 }).collect();
        for (row, b) in self.rows.iter().zip(&self.basis) {
            let cb = c(*b);
            if cb != 0.0 {
                z.iter_mut().zip(row).for_each(|(z, r)| *z += cb * r);
            }
        }
        self.z = z;
    }

    /// After an infeasible phase one: the rows whose multiplier is not zero. A row's multiplier
    /// is `z` of its own column, less that column's cost (−1 for an artificial).
    fn proof(&self) -> Vec<usize> {
        self.own
            .iter()
            .enumerate()
            .filter(|(_, col)| {
                let z = self.z.get(**col).copied().unwrap_or(0.0);
                let y = if self.is_artificial(**col) { z - 1.0 } else { z };
                y.abs() > 1e-7
            })
            .map(|(r, _)| r)
            .collect()
    }

    fn value(&self) -> f64 {
        self.z.last().copied().unwrap_or(0.0)
    }

    /// Pivots until optimal (Bland's rule: lowest entering column, lowest leaving basis).
    fn optimize(&mut self, no_artificials: bool) -> Phase {
        let budget = 50 * (self.rows.len() + self.width) + 100;
        for _ in 0..budget {
            let entering = self
                .z
                .iter()
                .take(self.width)
                .enumerate()
                .find(|(j, z)| **z < -EPS && !(no_artificials && self.is_artificial(*j)))
                .map(|(j, _)| j);
            let Some(col) = entering else { return Phase::Done };
            let leaving = self
                .rows
                .iter()
                .enumerate()
                .filter_map(|(i, row)| {
                    let a = row.get(col).copied().unwrap_or(0.0);
                    (a > EPS).then(|| (row.last().copied().unwrap_or(0.0) / a, self.basis.get(i).copied(), i))
                })
                .min_by(|x, y| x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)))
                .map(|(_, _, i)| i);
            let Some(row) = leaving else { return Phase::Unbounded };
            self.pivot(row, col);
        }
        Phase::GaveUp
    }

    fn pivot(&mut self, r: usize, c: usize) {
        let Some(pivot_row) = self.rows.get(r) else { return };
        let p = pivot_row.get(c).copied().unwrap_or(1.0);
        let unit: Vec<f64> = pivot_row.iter().map(|x| x / p).collect();
        for (i, row) in self.rows.iter_mut().enumerate() {
            if i == r {
                row.clone_from(&unit);
                continue;
            }
            eliminate(row, &unit, c);
        }
        eliminate(&mut self.z, &unit, c);
        if let Some(b) = self.basis.get_mut(r) {
            *b = c;
        }
    }

    /// After phase one: artificial columns still in the basis (at zero) leave it where a real
    /// column can take their place; a row with none is redundant and keeps its artificial at 0.
    fn drive_out_artificials(&mut self) {
        for r in 0..self.rows.len() {
            let basic = self.basis.get(r).copied().unwrap_or(0);
            if !self.is_artificial(basic) {
                continue;
            }
            let col =
                self.rows.get(r).and_then(|row| row.iter().take(self.artificial_from).position(|a| a.abs() > EPS));
            if let Some(col) = col {
                self.pivot(r, col);
            }
        }
    }

    /// The values of the first `n` columns.
    fn solution(&self, n: usize) -> Vec<f64> {
        let mut y = vec![0.0; n];
        for (row, b) in self.rows.iter().zip(&self.basis) {
            if let Some(v) = y.get_mut(*b) {
                *v = row.last().copied().unwrap_or(0.0).max(0.0);
            }
        }
        y
    }
}

fn set(row: &mut [f64], j: usize, v: f64) {
    if let Some(cell) = row.get_mut(j) {
        *cell = v;
    }
}

/// `row −= row[c] · unit`, with entries that cancel set to exactly zero.
fn eliminate(row: &mut [f64], unit: &[f64], c: usize) {
    let f = row.get(c).copied().unwrap_or(0.0);
    if f == 0.0 {
        return;
    }
    for (x, u) in row.iter_mut().zip(unit) {
        *x -= f * u;
        if x.abs() < EPS * 1e-3 {
            *x = 0.0;
        }
    }
    set(row, c, 0.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn c(terms: &[(usize, i64)], op: Op, rhs: i128) -> Constraint {
        Constraint { terms: terms.to_vec(), op, rhs }
    }

    #[test]
    fn a_total_bounds_its_parts() {
        // x0 + x1 = 7, each ≥ 1: x0 goes from 1 to 6.
        let p = Program { lower: vec![1, 1], constraints: vec![c(&[(0, 1), (1, 1)], Op::Equal, 7)] };
        assert!(matches!(p.maximize(&[(0, 1)]), Extreme::Reached { value: 6, proven: true, .. }));
        assert!(matches!(p.maximize(&[(0, -1)]), Extreme::Reached { value: -1, proven: true, .. }));
        assert_eq!(p.with(c(&[(0, 1)], Op::AtLeast, 7)).whole_solution(), None);
    }

    #[test]
    fn whole_numbers_where_the_relaxation_is_fractional() {
        // 2·x0 = 2·x1 + 1 has real solutions only.
        let p = Program { lower: vec![0, 0], constraints: vec![c(&[(0, 2), (1, -2)], Op::Equal, 1)] };
        assert_eq!(p.whole_solution(), None);
        // 2·x0 + 2·x1 ≤ 9: the relaxation reaches 4.5, whole numbers 4.
        let q = Program { lower: vec![0, 0], constraints: vec![c(&[(0, 2), (1, 2)], Op::AtMost, 9)] };
        assert!(matches!(q.maximize(&[(0, 1), (1, 1)]), Extreme::Reached { value: 4, proven: true, .. }));
    }

    #[test]
    fn a_conflict_names_the_constraints_that_prove_it() {
        // x0 + x1 = 7 and x0 ≥ 9 cannot both hold; x2 ≤ 3 plays no part.
        let p = Program {
            lower: vec![1, 1, 0],
            constraints: vec![
                c(&[(2, 1)], Op::AtMost, 3),
                c(&[(0, 1), (1, 1)], Op::Equal, 7),
                c(&[(0, 1)], Op::AtLeast, 9),
            ],
        };
        assert_eq!(p.conflict(), Some(vec![1, 2]));
        assert_eq!(p.with(c(&[], Op::Equal, 0)).constraints.len(), 4);
        let feasible = Program { lower: vec![0], constraints: vec![c(&[(0, 1)], Op::AtMost, 3)] };
        assert_eq!(feasible.conflict(), None);
    }

    #[test]
    fn an_open_direction_is_unbounded() {
        let p = Program { lower: vec![1, 0], constraints: vec![c(&[(0, 1), (1, -1)], Op::Equal, 1)] };
        assert_eq!(p.maximize(&[(0, 1)]), Extreme::Unbounded);
    }

    /// Every whole-number point of a small box, the plain way.
    fn brute(p: &Program, objective: &[(usize, i64)], bound: i128) -> Option<i128> {
        let n = p.lower.len();
        let mut x: Vec<i128> = p.lower.clone();
        let mut best = None;
        loop {
            if p.satisfied_by(&x) {
                let v = dot(objective, &x);
                best = Some(best.map_or(v, |b: i128| b.max(v)));
            }
            let Some(k) = (0..n).find(|k| x[*k] < bound) else { return best };
            x[k] += 1;
            (0..k).for_each(|i| x[i] = p.lower[i]);
        }
    }

    fn arb_program() -> impl Strategy<Value = (Program, Vec<(usize, i64)>)> {
        let constraint = (
            prop::collection::vec((0usize..4, -3i64..=3), 1..4),
            prop::sample::select(vec![Op::AtMost, Op::Equal, Op::AtLeast]),
            -4i128..12,
        )
            .prop_map(|(mut terms, op, rhs)| {
                crate::sorting::sort_by_key(&mut terms, |t| t.0);
                terms.dedup_by_key(|t| t.0);
                Constraint { terms, op, rhs }
            });
        let objective = prop::collection::vec(-3i64..=3, 4);
        (prop::collection::vec(0i128..2, 4), prop::collection::vec(constraint, 1..5), objective).prop_map(
            |(lower, mut constraints, objective)| {
                // A box keeps brute force finite: every variable ≤ 6.
                constraints.extend((0..4).map(|j| Constraint { terms: vec![(j, 1)], op: Op::AtMost, rhs: 6 }));
                (Program { lower, constraints }, objective.into_iter().enumerate().collect())
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// The search agrees with brute force on small boxed programs, wherever it claims proof.
        #[test]
        fn branch_and_bound_agrees_with_brute_force((p, objective) in arb_program()) {
            let truth = brute(&p, &objective, 6);
            match p.maximize(&objective) {
                Extreme::NotFound => prop_assert_eq!(truth, None),
                Extreme::Unknown => {}
                Extreme::Unbounded => prop_assert!(false, "a boxed program is bounded"),
                Extreme::Reached { value, solution, proven } => {
                    prop_assert!(p.satisfied_by(&solution));
                    prop_assert_eq!(dot(&objective, &solution), value);
                    if proven {
                        prop_assert_eq!(Some(value), truth);
                    }
                }
            }
        }
    }
}
