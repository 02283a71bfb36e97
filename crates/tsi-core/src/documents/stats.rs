//! Statistics documents (SPEC §8, R-ST-1): case logs counted one at a time, partial aggregates
//! read back.

use crate::policy::Policy;
use crate::stats::{Aggregate, AGGREGATE_SCHEMA_VERSION};
use crate::Result;

/// Counts one case log given as JSON (an array of `{ctx, event}`), within the policy's limits;
/// a log that cannot be read or replayed is counted as skipped and its error returned.
pub fn add_case_log(aggregate: &mut Aggregate, log_json: &str, policy: &Policy) -> Result<()> {
    match super::case::read_log(log_json, policy) {
        Ok(log) => aggregate.add_log(&log, policy),
        Err(e) => {
            aggregate.skipped_logs += 1;
            Err(e)
        }
    }
}

/// Reads a partial aggregate (JSON), within the policy's limits; its counts must add up.
pub fn partial_aggregate(partial_json: &str, policy: &Policy) -> Result<Aggregate> {
    let a: Aggregate = crate::reading::from_versioned_json_within(partial_json, policy, AGGREGATE_SCHEMA_VERSION)?;
    a.check()?;
    Ok(a)
}
