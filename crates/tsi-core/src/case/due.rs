//! What is due or overdue in a case (R-CP-9, R-RS-2), from the policy's deadlines.

use serde::{Deserialize, Serialize};

use super::{Case, CaseState};
use crate::finding::{Code, Finding};
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::time::Instant;

/// One thing due in a case.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DueAction {
    /// What (a `DUE_…` code, or `CONSENT_EXPIRING`).
    pub code: Code,
    /// Where in the case (JSON Pointer).
    pub path: String,
    /// By when.
    pub due: Instant,
    /// Past `due` at the instant asked about.
    pub overdue: bool,
    /// The message.
    pub message: String,
}

/// Everything due or overdue at `now`, sorted by due date, then code.
pub fn due_actions(case: &Case, now: &Instant, policy: &Policy, lang: Lang) -> Vec<DueAction> {
    let mut out: Vec<DueAction> = deadlines(case, now, policy)
        .into_iter()
        .map(|(code, path, at)| {
            let days = now.days_until(&at, policy.time_zone);
            let finding = Finding::new(code, path.clone()).param("due", at).param("days", days);
            DueAction { code, path, due: at, overdue: *now > at, message: finding.render(lang) }
        })
        .collect();
    crate::sorting::sort_by(&mut out, |a, b| (a.due, a.code.as_str()).cmp(&(b.due, b.code.as_str())));
    out
}

/// The codes overdue at `now` (statistics, R-ST-1): deadlines without messages.
pub fn overdue_codes(case: &Case, now: &Instant, policy: &Policy) -> Vec<Code> {
    let mut codes: Vec<Code> = deadlines(case, now, policy).into_iter().filter(|d| *now > d.2).map(|d| d.0).collect();
    crate::sorting::sort(&mut codes);
    codes.dedup();
    codes
}

/// Every deadline of the case at `now`: code, path and instant.
fn deadlines(case: &Case, now: &Instant, policy: &Policy) -> Vec<(Code, String, Instant)> {
    let t = &policy.timeliness;
    // Deadlines are the same wall-clock time so many calendar days later in the policy's zone.
    let after = |at: &Instant, days: u32| at.plus_local_days(i64::from(days), policy.time_zone);
    let mut due: Vec<(Code, String, Instant)> = Vec::new();
    match case.state {
        CaseState::Raised | CaseState::DeIdentifiedConsultation => {
            due.push((Code::DueConsentRequest, String::new(), after(&case.raised_at, t.consent_within_days)));
        }
        CaseState::Planning => {
            let from = case.consent_at.unwrap_or(case.raised_at);
            due.push((Code::DueFirstMeeting, String::new(), after(&from, t.first_meeting_within_days)));
        }
        CaseState::Active | CaseState::FollowUp => {
            let from = case.last_meeting_at.unwrap_or(case.raised_at);
            due.push((Code::DueFollowUp, String::new(), after(&from, t.followup_max_interval_days)));
        }
        _ => {}
    }
    let open = !matches!(case.state, CaseState::Closed | CaseState::Declined);
    for (i, need) in case.needs.iter().enumerate() {
        if let (true, Some(h)) = (open, &need.pending_handover) {
            due.push((
                Code::DueHandoverAnswer,
                format!("/needs/{i}/pending_handover"),
                after(&h.offered_at, policy.handover_answer_days),
            ));
        }
    }
    if let (true, Some(at), None) = (open && case.state != CaseState::Paused, case.sip_indicated_at, &case.sip_id) {
        due.push((Code::DueSipMeeting, "/sip_indicated_at".into(), after(&at, policy.sip_start_days)));
    }
    if case.state.is_identified() {
        for (i, consent) in case.sharing.consents.iter().enumerate() {
            let path = || format!("/sharing/consents/{i}/valid_until");
            if let Some(f) = crate::consent::decide::expiring(consent, now, policy, path) {
                due.push((f.code, f.path, consent.valid_until));
            }
        }
    }
    due
}
