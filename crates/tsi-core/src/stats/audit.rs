//! The audit of a release (R-ST-3, "Protection"): what a reader can still work out about each
//! suppressed count from everything published together — every count shown, the relations of
//! [`super::relations`], that counts are whole and non-negative, that a suppressed count is not
//! zero (zeros are shown), and the published attendance means.
//!
//! The reader's knowledge is a whole-number program ([`super::simplex`]): the suppressed counts
//! and the latent counts are its unknowns, the shown counts its constants. A suppressed count is
//! *protected* when the audit finds a whole-number table consistent with all of it in which the
//! count is at least `min_cell` (so the reader cannot be sure a group of fewer than `min_cell`
//! exists), or, for a count that is not small, a value other than its own (it is not pinned).
//! Such a table is a *witness*: it is checked exactly, so a protected count is a proven one.

use serde::{Deserialize, Serialize};

use super::relations::{self, Count, Kind, Latent, Relation, Term};
use super::simplex::{Constraint, Extreme, Op, Program};
use super::Aggregate;
use crate::policy::Policy;

/// Published attendance means over `n` cases, in tenths of a percent (change: of a percentage
/// point), as rounded for publishing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Means {
    /// The cases measured twice.
    pub n: u64,
    /// Mean first attendance.
    pub first: i64,
    /// Mean latest attendance.
    pub last: i64,
    /// Mean change.
    pub change: i64,
}

/// What a release shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shown {
    /// Per count ([`Release::counts`] order): suppressed.
    pub hidden: Vec<bool>,
    /// The attendance means, when published.
    pub means: Option<Means>,
}

/// The values a reader cannot rule out for a suppressed count: a whole-number table consistent
/// with everything published has the count at `min`, another at `max`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema), schemars(rename = "StatsRange"))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "StatsRange"))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Range {
    /// The smallest value found possible (at least 1: suppressed counts are not zero).
    pub min: u64,
    /// The largest value found possible; `null` when nothing bounds it.
    pub max: Option<u64>,
}

/// A whole-number table: a value for every count and every latent count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Witness {
    counts: Vec<i128>,
    latents: Vec<i128>,
}

/// A release under audit: the counts, their values and the relations between them.
#[derive(Clone, Debug)]
pub struct Release {
    counts: Vec<Count>,
    values: Vec<u64>,
    relations: Vec<Relation>,
    latents: Vec<Latent>,
    /// The latent values the publisher knows (the attendance sums), for [`Release::consistent`].
    known: Vec<Option<u64>>,
}

/// The reader's program and where each count and latent count is in it.
struct Reader {
    program: Program,
    count_var: Vec<Option<usize>>,
    latent_var: Vec<Option<usize>>,
    /// Per constraint, the relation it comes from (`None`: the published means).
    origin: Vec<Option<usize>>,
}

/// What keeps a suppressed count from being protected: the shown counts and whether the
/// means take part in the proof.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blockers {
    /// Shown non-zero counts in the relations of the proof.
    pub counts: Vec<usize>,
    /// Whether the published means are part of it.
    pub means: bool,
}

impl Release {
    /// The release of an aggregate under a policy (its attendance threshold; without one the
    /// relations that need it are left out).
    pub fn new(aggregate: &Aggregate, policy: Option<&Policy>) -> Release {
        let counts = relations::counts();
        let values = counts.iter().map(|c| c.value(aggregate)).collect();
        let relations = relations::relations(policy);
        let mut latents: Vec<Latent> = Vec::new();
        for r in &relations {
            for (_, t) in r.left.iter().chain(&r.right) {
                if let Term::Latent(l) = t {
                    if !latents.contains(l) {
                        latents.push(*l);
                    }
                }
            }
        }
        let known = latents.iter().map(|l| relations::known_latent(*l, aggregate)).collect();
        Release { counts, values, relations, latents, known }
    }

    /// The counts, in publishing order.
    pub fn counts(&self) -> &[Count] {
        &self.counts
    }

    /// The counts' values.
    pub fn values(&self) -> &[u64] {
        &self.values
    }

    /// The relations audited.
    pub fn relations(&self) -> &[Relation] {
        &self.relations
    }

    fn index(&self, c: Count) -> Option<usize> {
        self.counts.iter().position(|x| *x == c)
    }

    fn value(&self, i: usize) -> u64 {
        self.values.get(i).copied().unwrap_or(0)
    }

    /// The path of the first relation that the counts (and the latent counts the publisher
    /// knows) break, among those that need no other latent count.
    pub fn broken(&self) -> Option<&'static str> {
        let value = |t: &Term| -> Option<i128> {
            match t {
                Term::Count(c) => self.index(*c).map(|k| i128::from(self.value(k))),
                Term::Latent(l) => {
                    let k = self.latents.iter().position(|x| x == l)?;
                    self.known.get(k).copied().flatten().map(i128::from)
                }
            }
        };
        let side = |s: &[(i64, Term)]| s.iter().map(|(w, t)| Some(i128::from(*w) * value(t)?)).sum::<Option<i128>>();
        self.relations
            .iter()
            .find(|r| match (side(&r.left), side(&r.right)) {
                (Some(l), Some(r_)) => match r.kind {
                    Kind::Equal => l != r_,
                    Kind::AtMost => l > r_,
                },
                _ => false,
            })
            .map(Relation::path)
    }

    /// Whether the counts, with the latent counts the publisher knows, can come from cases at all:
    /// a whole-number assignment of the other latent counts satisfies every relation.
    pub fn consistent(&self) -> bool {
        let shown = Shown { hidden: vec![false; self.counts.len()], means: None };
        self.reader(&shown, true).is_some_and(|r| r.program.whole_solution().is_some())
    }

    /// Whether suppressed count `i` is protected under `shown` at `min_cell`. Known witnesses
    /// are tried first; a new one found is kept in `witnesses`.
    pub fn protects(&self, shown: &Shown, i: usize, min_cell: u64, witnesses: &mut Vec<Witness>) -> bool {
        let Some(reader) = self.reader(shown, false) else { return false };
        let Some(var) = reader.count_var.get(i).copied().flatten() else { return false };
        let v = i128::from(self.value(i));
        let small = v < i128::from(min_cell);
        let certifies = |w: &Witness| {
            let x = w.counts.get(i).copied().unwrap_or(0);
            if small {
                x >= i128::from(min_cell)
            } else {
                x != v
            }
        };
        if witnesses.iter().any(|w| certifies(w) && self.fits(&reader, w)) {
            return true;
        }
        let targets = targets(v, min_cell);
        for (op, rhs) in targets {
            let goal = Constraint { terms: vec![(var, 1)], op, rhs };
            if let Some(x) = reader.program.with(goal).whole_solution() {
                witnesses.push(self.witness(&reader, &x));
                return true;
            }
        }
        false
    }

    /// Whether a witness (found while other counts were shown, or means published) is a
    /// solution of the reader's program now: its shown counts are the true ones and it
    /// satisfies every constraint, checked exactly.
    fn fits(&self, reader: &Reader, w: &Witness) -> bool {
        let mut x = vec![0i128; reader.program.lower.len()];
        for (i, var) in reader.count_var.iter().enumerate() {
            let value = w.counts.get(i).copied().unwrap_or(-1);
            match var {
                Some(var) => {
                    if let Some(slot) = x.get_mut(*var) {
                        *slot = value;
                    }
                }
                None if value != i128::from(self.value(i)) => return false,
                None => {}
            }
        }
        for (k, var) in reader.latent_var.iter().enumerate() {
            if let (Some(var), Some(value)) = (var, w.latents.get(k)) {
                if let Some(slot) = x.get_mut(*var) {
                    *slot = *value;
                }
            }
        }
        reader.program.satisfied_by(&x)
    }

    /// Why suppressed count `i` is not protected under `shown`: the relations of a proof that
    /// the real relaxation cannot give it the values protection needs. Empty when there is no
    /// such proof (only whole numbers, or the pivots, are in the way).
    pub fn blockers(&self, shown: &Shown, i: usize, min_cell: u64) -> Blockers {
        let mut out = Blockers::default();
        let Some(reader) = self.reader(shown, false) else { return out };
        let Some(var) = reader.count_var.get(i).copied().flatten() else { return out };
        let targets = targets(i128::from(self.value(i)), min_cell);
        for (op, rhs) in targets {
            let Some(rows) = reader.program.with(Constraint { terms: vec![(var, 1)], op, rhs }).conflict() else {
                continue;
            };
            for row in rows {
                match reader.origin.get(row) {
                    Some(Some(k)) => {
                        for t in self.relations.get(*k).into_iter().flat_map(terms) {
                            let Term::Count(c) = t else { continue };
                            let Some(j) = self.index(c) else { continue };
                            let shown_non_zero = !shown.hidden.get(j).copied().unwrap_or(true) && self.value(j) > 0;
                            if shown_non_zero && !out.counts.contains(&j) {
                                out.counts.push(j);
                            }
                        }
                    }
                    Some(None) => out.means = true,
                    None => {}
                }
            }
        }
        out
    }

    /// The values a reader cannot rule out for suppressed count `i`.
    pub fn range(&self, shown: &Shown, i: usize) -> Range {
        let fallback = Range { min: self.value(i), max: Some(self.value(i)) };
        let Some(reader) = self.reader(shown, false) else { return fallback };
        let Some(var) = reader.count_var.get(i).copied().flatten() else { return fallback };
        let reached = |e: Extreme| match e {
            Extreme::Reached { value, .. } => Some(Some(value)),
            Extreme::Unbounded => Some(None),
            Extreme::NotFound | Extreme::Unknown => None,
        };
        let to_u64 = |v: i128| u64::try_from(v).unwrap_or(0);
        let max = reached(reader.program.maximize(&[(var, 1)]));
        let min = reached(reader.program.maximize(&[(var, -1)]));
        match (min, max) {
            (Some(Some(min)), Some(max)) => Range { min: to_u64(-min), max: max.map(to_u64) },
            _ => fallback,
        }
    }

    /// The shown non-zero count nearest to count `i` through the relations (through suppressed
    /// and latent counts), smallest first: the one to suppress next when `i` is not protected.
    pub fn nearest_shown(&self, i: usize, hidden: &[bool]) -> Option<usize> {
        let is_hidden = |k: usize| hidden.get(k).copied().unwrap_or(true);
        let mut reached = vec![false; self.counts.len()];
        let mut latents_seen: Vec<Latent> = Vec::new();
        let mut frontier: Vec<Term> = self.counts.get(i).map(|c| vec![Term::Count(*c)]).unwrap_or_default();
        if let Some(r) = reached.get_mut(i) {
            *r = true;
        }
        while !frontier.is_empty() {
            let mut next = Vec::new();
            let mut candidates = Vec::new();
            for r in self.relations.iter().filter(|r| terms(r).any(|t| frontier.contains(&t))) {
                for t in terms(r) {
                    match t {
                        Term::Count(c) => {
                            let Some(k) = self.index(c) else { continue };
                            if reached.get(k).copied().unwrap_or(true) {
                                continue;
                            }
                            if let Some(r) = reached.get_mut(k) {
                                *r = true;
                            }
                            if is_hidden(k) {
                                next.push(t);
                            } else if self.value(k) > 0 {
                                candidates.push(k);
                            }
                        }
                        Term::Latent(l) if !latents_seen.contains(&l) => {
                            latents_seen.push(l);
                            next.push(t);
                        }
                        Term::Latent(_) => {}
                    }
                }
            }
            if let Some(best) = candidates.into_iter().min_by_key(|k| (self.value(*k), *k)) {
                return Some(best);
            }
            frontier = next;
        }
        None
    }

    fn witness(&self, reader: &Reader, x: &[i128]) -> Witness {
        // A variable's value from the solution; a constant's from what is known.
        let value = |var: &Option<usize>, known: i128| var.map_or(known, |v| x.get(v).copied().unwrap_or(0));
        let counts = self.values.iter().zip(&reader.count_var).map(|(v, var)| value(var, i128::from(*v))).collect();
        let latents =
            self.known.iter().zip(&reader.latent_var).map(|(k, var)| value(var, k.map_or(0, i128::from))).collect();
        Witness { counts, latents }
    }

    /// The reader's program under `shown`; `fix_known` makes the latent counts the publisher
    /// knows constants (the consistency check). `None` when a value does not fit the arithmetic.
    fn reader(&self, shown: &Shown, fix_known: bool) -> Option<Reader> {
        let mut lower = Vec::new();
        let count_var: Vec<Option<usize>> = shown
            .hidden
            .iter()
            .map(|h| {
                h.then(|| {
                    lower.push(1);
                    lower.len() - 1
                })
            })
            .collect();
        let latent_var: Vec<Option<usize>> = self
            .known
            .iter()
            .map(|k| {
                (!(fix_known && k.is_some())).then(|| {
                    lower.push(0);
                    lower.len() - 1
                })
            })
            .collect();
        let program = Program { lower, constraints: Vec::new() };
        let mut reader = Reader { program, count_var, latent_var, origin: Vec::new() };
        for (k, r) in self.relations.iter().enumerate() {
            let c = self.constraint(r, &reader)?;
            reader.program.constraints.push(c);
            reader.origin.push(Some(k));
        }
        if let Some(m) = shown.means {
            self.mean_constraints(&mut reader, m)?;
        }
        reader.origin.resize(reader.program.constraints.len(), None);
        Some(reader)
    }

    /// A relation as a constraint over the program's variables (shown counts moved right).
    fn constraint(&self, r: &Relation, reader: &Reader) -> Option<Constraint> {
        let (op, sign) = match r.kind {
            Kind::Equal => (Op::Equal, -1),
            Kind::AtMost => (Op::AtMost, -1),
        };
        let mut c = self.linear(&[(1, &r.left), (sign, &r.right)], reader)?;
        c.op = op;
        Some(c)
    }

    /// `Σ sign · weight · term = 0` with constants moved to the right-hand side.
    fn linear(&self, sides: &[(i64, &Vec<(i64, Term)>)], reader: &Reader) -> Option<Constraint> {
        let mut terms: Vec<(usize, i64)> = Vec::new();
        let mut rhs: i128 = 0;
        for (sign, side) in sides {
            for (w, t) in side.iter() {
                let w = w.checked_mul(*sign)?;
                let (var, constant) = match t {
                    Term::Count(c) => {
                        let k = self.index(*c)?;
                        (reader.count_var.get(k).copied().flatten(), i128::from(self.value(k)))
                    }
                    Term::Latent(l) => {
                        let k = self.latents.iter().position(|x| x == l)?;
                        let known = self.known.get(k).copied().flatten().map_or(0, i128::from);
                        (reader.latent_var.get(k).copied().flatten(), known)
                    }
                };
                match var {
                    Some(var) => match terms.iter_mut().find(|(j, _)| *j == var) {
                        Some((_, a)) => *a = a.checked_add(w)?,
                        None => terms.push((var, w)),
                    },
                    None => rhs = rhs.checked_sub(constant.checked_mul(i128::from(w))?)?,
                }
            }
        }
        terms.retain(|(_, a)| *a != 0);
        Some(Constraint { terms, op: Op::Equal, rhs })
    }

    /// What the published means tell about the attendance sums (means are rounded half away
    /// from zero to a tenth: `mean = round(sum / n)`).
    fn mean_constraints(&self, reader: &mut Reader, m: Means) -> Option<()> {
        let var = |moment| {
            let k = self.latents.iter().position(|l| *l == Latent::AttendanceTenths(moment))?;
            reader.latent_var.get(k).copied().flatten()
        };
        let (first, last) = (var(relations::Moment::First)?, var(relations::Moment::Last)?);
        let n = i128::from(m.n);
        for (terms, mean) in
            [(vec![(first, 2)], m.first), (vec![(last, 2)], m.last), (vec![(last, 2), (first, -2)], m.change)]
        {
            let (low, high) = twice_the_sum(n, i128::from(mean))?;
            reader.program.constraints.push(Constraint { terms: terms.clone(), op: Op::AtLeast, rhs: low });
            reader.program.constraints.push(Constraint { terms, op: Op::AtMost, rhs: high });
        }
        Some(())
    }
}

/// The range of `2 · sum` whose mean over `n`, rounded half away from zero, is `mean`.
fn twice_the_sum(n: i128, mean: i128) -> Option<(i128, i128)> {
    let below = |d: i128| n.checked_mul(d.checked_mul(2)?.checked_sub(1)?);
    let above = |d: i128| n.checked_mul(d.checked_mul(2)?.checked_add(1)?)?.checked_sub(1);
    match mean {
        0 => Some((-(n - 1), n - 1)),
        d if d > 0 => Some((below(d)?, above(d)?)),
        d => Some((above(-d)?.checked_neg()?, below(-d)?.checked_neg()?)),
    }
}

/// What protects a suppressed count of value `v`: at least `min_cell` for a small count, any
/// other value for a larger one (each a bound on the count to find a witness under).
fn targets(v: i128, min_cell: u64) -> Vec<(Op, i128)> {
    if v < i128::from(min_cell) {
        vec![(Op::AtLeast, i128::from(min_cell))]
    } else {
        vec![(Op::AtLeast, v + 1), (Op::AtMost, v - 1)]
    }
}

fn terms(r: &Relation) -> impl Iterator<Item = Term> + '_ {
    r.left.iter().chain(&r.right).map(|(_, t)| *t)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rounding the published means use (publish.rs), for the range test below.
    fn rounded(sum: i128, n: i128) -> i128 {
        let r = (sum.abs() * 2 + n) / (2 * n);
        if sum < 0 {
            -r
        } else {
            r
        }
    }

    #[test]
    fn twice_the_sum_is_exactly_the_sums_that_round_to_the_mean() {
        for n in 1..12i128 {
            for sum in -60..60i128 {
                let mean = rounded(sum, n);
                let (low, high) = twice_the_sum(n, mean).unwrap();
                assert!(low <= 2 * sum && 2 * sum <= high, "n {n} sum {sum} mean {mean}");
                for other in -60..60i128 {
                    let inside = low <= 2 * other && 2 * other <= high;
                    assert_eq!(inside, rounded(other, n) == mean, "n {n} other {other} mean {mean}");
                }
            }
        }
    }
}
