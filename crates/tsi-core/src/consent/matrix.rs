//! The sharing matrix (#29): for one sender, purpose and instant, the decision for every other
//! agency of the case × every information category — the screen "what may I share, with
//! whom, right now?" in one call. Every cell is exactly the [`may_share`](super::decide::may_share)
//! answer to that question (property test in `tests/differential.rs`); the case is checked
//! once and the sender's age rule read once, so the matrix costs far less than its cells
//! asked one by one.

use serde::{Deserialize, Serialize};

use super::decide::{judgement, Decision, ShareRequest};
use super::{InformationCategory, Purpose, SharingCase};
use crate::error::Result;
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::time::Instant;

/// The question a matrix answers: what may `from` share, for `purpose`, at `at`?
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MatrixRequest {
    /// The sending agency's id.
    pub from: String,
    /// The purpose.
    pub purpose: Purpose,
    /// The decision instant; ages are taken on its local date.
    pub at: Instant,
    /// Who asks (staff reference), for the audit record.
    pub actor: String,
}

impl MatrixRequest {
    /// The one-by-one question of a cell.
    pub fn cell(&self, to: &str, category: InformationCategory) -> ShareRequest {
        ShareRequest {
            from: self.from.clone(),
            to: to.to_owned(),
            category,
            purpose: self.purpose.clone(),
            at: self.at,
            actor: self.actor.clone(),
        }
    }
}

/// One cell: may the sender share `category` with `to`?
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MatrixCell {
    /// The receiving agency's id.
    pub to: String,
    /// The information category.
    pub category: InformationCategory,
    /// The decision, exactly as `may_share` gives it.
    pub decision: Decision,
    /// When an allowed consent basis lapses: the end of the covering consent valid longest
    /// (R-CN-6). `null` when denied or when the basis does not expire.
    pub lapses: Option<Instant>,
}

/// The allowed cell whose basis lapses first.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Lapse {
    /// The receiving agency's id.
    pub to: String,
    /// The information category.
    pub category: InformationCategory,
    /// When its basis lapses.
    pub at: Instant,
}

/// The matrix: one cell per agency of the case other than the sender (in the case's order) ×
/// category (in [`InformationCategory::ALL`]'s order).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SharingMatrix {
    /// Every cell, row by row.
    pub cells: Vec<MatrixCell>,
    /// What expires soonest: the first cell to lapse (the earlier cell on a tie), if any.
    pub expires_first: Option<Lapse>,
}

impl SharingMatrix {
    /// How many cells are allowed.
    pub fn allowed(&self) -> usize {
        self.cells.iter().filter(|c| c.decision.allowed).count()
    }
}

/// The matrix of a case already checked (`decide::check_case`): errors as `may_share` raises
/// them for the first cell that cannot be judged (unknown sender, birth after the date, a
/// personal number as a reference).
pub(crate) fn matrix_checked(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request: &MatrixRequest,
    policy: &Policy,
    lang: Lang,
) -> Result<SharingMatrix> {
    // Which consents are the first with their id: a prepared case knows; else once for all cells.
    let worked_out;
    let firsts = match firsts {
        Some(known) => known,
        None => {
            worked_out = super::decide::first_with_id(case);
            worked_out.as_slice()
        }
    };
    let firsts = Some(firsts);
    // The sender's own question checks the request (references, a known sender) even when the
    // case has no other agency to ask about.
    judgement(case, firsts, &request.cell(&request.from, InformationCategory::Attendance), policy)?;
    let recipients = case.agencies.iter().filter(|a| a.id != request.from);
    let mut rendered = crate::finding::Rendered::default();
    let mut cells = Vec::with_capacity(case.agencies.len().saturating_mul(InformationCategory::ALL.len()));
    for to in recipients {
        for category in InformationCategory::ALL {
            let judged = judgement(case, firsts, &request.cell(&to.id, category), policy)?;
            let lapses = judged.lapses;
            cells.push(MatrixCell {
                to: to.id.clone(),
                category,
                decision: judged.decision(lang, &mut rendered),
                lapses,
            });
        }
    }
    let expires_first = first_lapse(&cells);
    Ok(SharingMatrix { cells, expires_first })
}

/// The sharing matrix (#29): checks the case, then judges every cell.
pub fn sharing_matrix(
    case: &SharingCase,
    request: &MatrixRequest,
    policy: &Policy,
    lang: Lang,
) -> Result<SharingMatrix> {
    super::decide::check_case(case, policy)?;
    matrix_checked(case, None, request, policy, lang)
}

fn first_lapse(cells: &[MatrixCell]) -> Option<Lapse> {
    let mut first: Option<(&MatrixCell, Instant)> = None;
    for cell in cells {
        if let Some(at) = cell.lapses {
            if first.is_none_or(|(_, best)| at < best) {
                first = Some((cell, at));
            }
        }
    }
    first.map(|(cell, at)| Lapse { to: cell.to.clone(), category: cell.category, at })
}
