//! Meeting documents (SPEC §6): a schedule's next slots, the agenda of a slot.

use crate::case::Case;
use crate::meeting::{Agenda, MeetingSchedule};
use crate::policy::Policy;
use crate::time::Instant;
use crate::Result;

/// `next_slots` with the schedule as JSON, in the policy's time zone.
pub fn next_slots(schedule_json: &str, after: &Instant, n: u64, policy: &Policy) -> Result<Vec<Instant>> {
    let schedule: MeetingSchedule = crate::reading::from_json(schedule_json, policy.max_input_bytes())?;
    crate::meeting::next_slots(&schedule, after, usize::try_from(n).unwrap_or(usize::MAX), policy.time_zone)
}

/// `agenda` with the cases as a JSON array.
pub fn agenda(cases_json: &str, slot: &Instant, policy: &Policy) -> Result<Agenda> {
    let cases: Vec<Case> = crate::reading::from_json(cases_json, policy.max_input_bytes())?;
    Ok(crate::meeting::agenda(&cases, slot, policy))
}
