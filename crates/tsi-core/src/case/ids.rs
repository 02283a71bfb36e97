//! Where a need or an intervention is, by id. Replay keeps an index of both (built from the
//! case it owns and updated as events add to it), so replaying a long log is linear; a single
//! [`apply`](super::transition::apply) scans, as it sees the case once.

use std::collections::BTreeMap;

use crate::hashing::Map;

use super::Case;

/// The lookups of one replay, or plain scans.
pub(crate) enum Ids {
    /// Scan the case's lists (a case seen once).
    Scan,
    /// Positions by id, and how many running interventions each agency is responsible for.
    Indexed { needs: Map<String, usize>, interventions: Map<String, usize>, running: BTreeMap<String, usize> },
}

impl Ids {
    /// An index of `case` as it is now.
    pub(crate) fn indexed(case: &Case) -> Ids {
        let mut running: BTreeMap<String, usize> = BTreeMap::new();
        for iv in case.interventions.iter().filter(|i| i.ended_at.is_none()) {
            *running.entry(iv.responsible_agency.clone()).or_default() += 1;
        }
        Ids::Indexed {
            needs: case.needs.iter().enumerate().map(|(i, n)| (n.id.clone(), i)).collect(),
            interventions: case.interventions.iter().enumerate().map(|(i, iv)| (iv.id.clone(), i)).collect(),
            running,
        }
    }

    /// The position of need `id`.
    pub(crate) fn need(&self, case: &Case, id: &str) -> Option<usize> {
        match self {
            Ids::Indexed { needs, .. } => {
                needs.get(id).copied().filter(|p| case.needs.get(*p).is_some_and(|n| n.id == id))
            }
            Ids::Scan => case.needs.iter().position(|n| n.id == id),
        }
    }

    /// The position of intervention `id`.
    pub(crate) fn intervention(&self, case: &Case, id: &str) -> Option<usize> {
        match self {
            Ids::Indexed { interventions, .. } => {
                interventions.get(id).copied().filter(|p| case.interventions.get(*p).is_some_and(|i| i.id == id))
            }
            Ids::Scan => case.interventions.iter().position(|i| i.id == id),
        }
    }

    /// Records the need just pushed onto the case.
    pub(crate) fn need_added(&mut self, case: &Case) {
        if let (Ids::Indexed { needs, .. }, Some(n)) = (self, case.needs.last()) {
            needs.insert(n.id.clone(), case.needs.len() - 1);
        }
    }

    /// Records the intervention just pushed onto the case (running).
    pub(crate) fn intervention_added(&mut self, case: &Case) {
        if let (Ids::Indexed { interventions, running, .. }, Some(iv)) = (self, case.interventions.last()) {
            interventions.insert(iv.id.clone(), case.interventions.len() - 1);
            *running.entry(iv.responsible_agency.clone()).or_default() += 1;
        }
    }

    /// Records that an intervention of `agency` ended.
    pub(crate) fn intervention_ended(&mut self, agency: &str) {
        if let Ids::Indexed { running, .. } = self {
            if let Some(count) = running.get_mut(agency) {
                *count = count.saturating_sub(1);
                if *count == 0 {
                    running.remove(agency);
                }
            }
        }
    }

    /// The agencies responsible for running interventions (each once when indexed).
    pub(crate) fn running_agencies<'a>(&'a self, case: &'a Case) -> Vec<&'a str> {
        match self {
            Ids::Indexed { running, .. } => running.keys().map(String::as_str).collect(),
            Ids::Scan => case
                .interventions
                .iter()
                .filter(|i| i.ended_at.is_none())
                .map(|i| i.responsible_agency.as_str())
                .collect(),
        }
    }
}
