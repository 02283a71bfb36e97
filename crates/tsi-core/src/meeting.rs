//! The joint team's fixed meeting slots and the agenda of a slot (R-MT-1). TSI teams call
//! their biweekly slots "holy": they are never moved, so a schedule is a first slot and an
//! interval. Slots keep the first slot's wall-clock time in the policy's time zone, so they
//! follow daylight saving time (10:00 in January is 10:00 in June, at +02:00).

use serde::{Deserialize, Serialize};

use crate::case::due::due_actions;
use crate::case::{Case, CaseState};
use crate::error::{Error, Result};
use crate::finding::Code;
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::time::{Instant, Zone};

/// Most slots `next_slots` returns at once.
pub const MAX_SLOTS: usize = 1_000;

/// A recurring meeting: the first slot and the interval.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MeetingSchedule {
    /// The first meeting.
    pub first_slot: Instant,
    /// Days between meetings (default 14: every second week).
    #[serde(default = "fortnight")]
    #[cfg_attr(feature = "ts", ts(as = "Option<u32>", optional))]
    pub interval_days: u32,
}

fn fortnight() -> u32 {
    14
}

/// The next `n` slots strictly after `after` (at most [`MAX_SLOTS`]), at the first slot's
/// wall-clock time in `zone`.
pub fn next_slots(schedule: &MeetingSchedule, after: &Instant, n: usize, zone: Zone) -> Result<Vec<Instant>> {
    if schedule.interval_days == 0 || schedule.interval_days > 366 {
        return Err(Error::new(Code::JsonInvalidValue, "/interval_days").param("expected", "1 to 366 days"));
    }
    if n > MAX_SLOTS {
        // The count asked for is the caller's value: never repeated (the message says "more
        // than the limit").
        return Err(Error::new(Code::LimitExceeded, "/n").param("limit", MAX_SLOTS));
    }
    let step = i64::from(schedule.interval_days);
    let first = schedule.first_slot;
    let elapsed = first.days_until(after, zone);
    // The first index whose slot lies after `after`: never before the first slot. A day's
    // estimate may be one slot early (the wall time of the day); the loop moves on.
    let mut k = if elapsed < 0 { 0 } else { (elapsed / step).saturating_sub(1) };
    let slot = |k: i64| first.plus_local_days(k.saturating_mul(step), zone);
    while slot(k) <= *after {
        k += 1;
    }
    Ok((0..n).map(|i| slot(k + i64::try_from(i).unwrap_or(0))).collect())
}

/// One overdue item on the agenda.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OverdueItem {
    /// The case's reference.
    pub case_id: String,
    /// What is overdue.
    pub code: Code,
    /// Since when.
    pub due: Instant,
}

/// What a slot should take up, each list sorted by case reference.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Agenda {
    /// The slot.
    pub slot: Instant,
    /// Cases raised and not yet taken further.
    pub new_raises: Vec<String>,
    /// Cases in de-identified consultation.
    pub deidentified_consultations: Vec<String>,
    /// Active cases whose follow-up falls due before the next slot.
    pub due_follow_ups: Vec<String>,
    /// Everything overdue at the slot.
    pub overdue: Vec<OverdueItem>,
}

/// The agenda of one slot, built from many cases (R-MT-1).
pub fn agenda(cases: &[Case], slot: &Instant, policy: &Policy) -> Agenda {
    let ids = |state: CaseState| {
        let mut v: Vec<String> =
            cases.iter().filter(|c| c.state == state && c.raised_at <= *slot).map(|c| c.case_id.clone()).collect();
        crate::sorting::sort(&mut v);
        v
    };
    // A follow-up belongs to this slot when it falls due before the next one.
    let next = slot.plus_local_days(i64::from(policy.timeliness.meeting_interval_days), policy.time_zone);
    let mut due_follow_ups = Vec::new();
    let mut overdue = Vec::new();
    for case in cases {
        for action in due_actions(case, slot, policy, Lang::Sv) {
            if action.code == Code::DueFollowUp && !action.overdue && action.due < next {
                due_follow_ups.push(case.case_id.clone());
            }
            if action.overdue {
                overdue.push(OverdueItem { case_id: case.case_id.clone(), code: action.code, due: action.due });
            }
        }
    }
    crate::sorting::sort(&mut due_follow_ups);
    crate::sorting::sort_by(&mut overdue, |a, b| (&a.case_id, a.code.as_str()).cmp(&(&b.case_id, b.code.as_str())));
    Agenda {
        slot: *slot,
        new_raises: ids(CaseState::Raised),
        deidentified_consultations: ids(CaseState::DeIdentifiedConsultation),
        due_follow_ups,
        overdue,
    }
}
