//! Follow-up and statistics exports (SPEC §8): measures, change classification, and the
//! statistics accumulator over case logs (`add`, `merge`, `publish`).

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::TsiError;
use tsi_core::followup::{self, Change};
use tsi_core::stats::Aggregate;
use tsi_core::time::Instant;
use tsi_core::{Code, Lang, Report};

/// The change between two measurements, per measure present in both (the core's
/// `ChangeAnswer` with its before/after pairs as separate fields: uniffi has no tuples).
#[derive(uniffi::Record)]
pub struct ChangeAnswer {
    /// The ORS change, when both have ORS.
    pub ors: Option<Change>,
    /// The ORS total before, as a decimal.
    pub ors_before: Option<String>,
    /// The ORS total after, as a decimal.
    pub ors_after: Option<String>,
    /// Attendance change in percentage points, as a decimal (`"-12.5"`).
    pub attendance_change: Option<String>,
    /// Problematic absence before (R-FU-3).
    pub problematic_before: Option<bool>,
    /// Problematic absence after.
    pub problematic_after: Option<bool>,
}

impl From<followup::ChangeAnswer> for ChangeAnswer {
    fn from(a: followup::ChangeAnswer) -> Self {
        let (ors_before, ors_after) = a.ors_totals.unzip();
        let (problematic_before, problematic_after) = a.problematic_absence.unzip();
        ChangeAnswer {
            ors: a.ors,
            ors_before,
            ors_after,
            attendance_change: a.attendance_change,
            problematic_before,
            problematic_after,
        }
    }
}

/// Checks follow-up measures (R-FU-1, R-FU-3): range errors name the item's path.
#[uniffi::export(default(policy_json = None))]
pub fn validate_measures(measures_json: String, lang: Lang, policy_json: Option<String>) -> Result<Report, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(tsi_core::documents::validate_measures(&measures_json, &policy, lang)?)
}

/// Classifies the change between two measurements of one child (`{schema_version, birth_date,
/// before, after}`).
#[uniffi::export(default(policy_json = None))]
pub fn classify_change(question_json: String, policy_json: Option<String>) -> Result<ChangeAnswer, TsiError> {
    let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
    Ok(tsi_core::documents::classify_change(&question_json, &policy)?.into())
}

/// Statistics over case logs, one log at a time (R-ST-1): `add` each log (JSON text), `merge`
/// with another municipality's accumulator, `publish` with suppression (R-ST-3). Safe to share
/// between threads.
#[derive(uniffi::Object)]
pub struct StatsAccumulator {
    aggregate: Mutex<Aggregate>,
    policy: tsi_core::Policy,
}

impl StatsAccumulator {
    /// The counts, locked. The core does not panic, so the lock is never poisoned; were it,
    /// publish and merge check that the counts add up before using them.
    fn counts(&self) -> MutexGuard<'_, Aggregate> {
        self.aggregate.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[uniffi::export]
impl StatsAccumulator {
    /// An empty accumulator describing the instant `at` (RFC 3339); events after it are left out.
    #[uniffi::constructor(default(policy_json = None))]
    pub fn new(at: String, policy_json: Option<String>) -> Result<Arc<Self>, TsiError> {
        let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
        let at = Instant::parse_arg(&at, "at")?;
        Ok(Arc::new(StatsAccumulator { aggregate: Mutex::new(Aggregate::new(at, &policy)), policy }))
    }

    /// Continues from a partial aggregate (JSON; its counts must add up).
    #[uniffi::constructor(default(policy_json = None))]
    pub fn from_partial(partial_json: String, policy_json: Option<String>) -> Result<Arc<Self>, TsiError> {
        let policy = tsi_core::documents::policy_or_default(policy_json.as_deref())?;
        let aggregate = tsi_core::documents::partial_aggregate(&partial_json, &policy)?;
        Ok(Arc::new(StatsAccumulator { aggregate: Mutex::new(aggregate), policy }))
    }

    /// Counts one case log (a JSON array of `{ctx, event}`); returns `None`, or the code of
    /// why the log was skipped (it is counted as skipped).
    pub fn add(&self, log_json: String) -> Option<Code> {
        tsi_core::documents::add_case_log(&mut self.counts(), &log_json, &self.policy).err().map(|e| e.code())
    }

    /// The aggregate of both (same instant and policy); neither accumulator changes.
    pub fn merge(&self, other: Arc<StatsAccumulator>) -> Result<Arc<StatsAccumulator>, TsiError> {
        // A copy of the other's counts first: merging an accumulator with itself must not
        // hold its lock twice.
        let theirs = other.counts().clone();
        let merged = self.counts().merge(&theirs)?;
        Ok(Arc::new(StatsAccumulator { aggregate: Mutex::new(merged), policy: self.policy.clone() }))
    }

    /// Cases counted so far.
    pub fn cases(&self) -> u64 {
        self.counts().cases
    }

    /// The unpublished partial aggregate as JSON (no ids, not suppressed: keep it inside).
    pub fn partial_json(&self) -> String {
        crate::to_json(&*self.counts())
    }

    /// Published statistics as JSON, suppressed below `min_cell` (the policy's if absent; never
    /// below it: `ARGUMENT_OUT_OF_RANGE`).
    #[uniffi::method(default(min_cell = None))]
    pub fn publish_json(&self, lang: Lang, min_cell: Option<u64>) -> Result<String, TsiError> {
        // 64-bit so that any whole number reaches the range check and its coded error.
        let min_cell = min_cell.map(|m| u32::try_from(m).unwrap_or(u32::MAX));
        Ok(crate::to_json(&self.counts().publish(&self.policy, min_cell, lang)?))
    }
}
