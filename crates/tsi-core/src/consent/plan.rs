//! "What consent do we ask the family for, before Tuesday's meeting?" — the consent plan (#27).
//!
//! From a sharing plan (the agency that shares, the agencies it shares with, the categories,
//! the purpose, the period) the one consent to ask for: given by everyone R-CN-3 requires at
//! any time in the period — the child too when the child reaches `child_consent_from` before
//! it ends, so that sharing does not stop at that birthday — naming every recipient and
//! category, valid for the period. Birthdays inside the period that change whose consent is
//! needed are said. When the consents already recorded cover every recipient × category for
//! the whole period, there is nothing to ask; what no consent can fix is said instead.
//!
//! Contract: the draft, once recorded as it is, makes every planned sharing allowed at every
//! instant of the period (R-CP-2 for a meeting: the sharing agency is the raising agency and
//! the recipients are the participants).

use crate::named::named_enum;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::decide::{first_with_id, judge_checked, ShareRequest};
use super::{Consent, Giver, InformationCategory, Purpose, Recipient, SharingCase};
use crate::category::ConcernArea;
use crate::error::{Error, Result};
use crate::finding::{Code, Finding, Report};
use crate::i18n::Lang;
use crate::id::age_at;
use crate::policy::Policy;
use crate::time::Instant;

/// What is planned: who shares what with whom, for what, when.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SharingPlan {
    /// The agency that shares (for a meeting: the agency that raised the case).
    pub from: String,
    /// The agencies it shares with (for a meeting: the participants).
    pub recipients: Vec<String>,
    /// The information categories.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<InformationCategory>>", optional))]
    pub categories: Vec<InformationCategory>,
    /// The concern areas the meeting is about: their categories are shared too (R-CP-2).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ConcernArea>>", optional))]
    pub concern_areas: Vec<ConcernArea>,
    /// The purpose.
    pub purpose: Purpose,
    /// The period's start (the meeting, or the first sharing).
    pub valid_from: Instant,
    /// The period's end (exclusive).
    pub valid_until: Instant,
    /// Who plans (staff reference), recorded as the draft's `recorded_by`.
    pub actor: String,
}

impl SharingPlan {
    /// The categories named and those of the concern areas, sorted, without repeats.
    pub fn all_categories(&self) -> Vec<InformationCategory> {
        let areas = self.concern_areas.iter().flat_map(|a| a.categories().iter().copied());
        let mut all: Vec<InformationCategory> = self.categories.iter().copied().chain(areas).collect();
        crate::sorting::sort(&mut all);
        all.dedup();
        all
    }
}

/// A birthday inside the period that changes whose consent is needed (R-CN-3).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct Birthday {
    /// The date the child turns `age` (in the policy's time zone).
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub date: NaiveDate,
    /// The age reached.
    pub age: u32,
    /// What changes.
    pub change: AgeChange,
}

named_enum! {
    /// What a birthday changes (R-CN-3, *policy* `consent_policy`).
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub enum AgeChange {
        /// `child_consent_from`: the child's consent is needed too, and the child's refusal blocks.
        ChildConsentNeeded,
        /// `child_alone_from`: the child's consent alone suffices for `child_alone_categories`
        /// shared by health care.
        ChildAloneForHealth,
        /// 18: the person's consent alone.
        Adult,
    }
}

/// The consent plan of a sharing plan.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct ConsentPlan {
    /// The consents already recorded cover every recipient × category for the whole period:
    /// nothing to ask.
    pub covered: bool,
    /// The one consent to ask for, complete (absent when covered, or when blocked).
    pub consent: Option<Box<Consent>>,
    /// Birthdays inside the period that change whose consent is needed, in order.
    pub birthdays: Vec<Birthday>,
    /// What no consent can fix, and whose it is.
    pub blocked: Vec<Finding>,
}

/// The consent plan (R-CN-3, R-CP-2). Errors for a plan that cannot be judged: an agency not
/// of the case, a period that ends before it starts, a birth after the period's start.
pub fn plan_consent(case: &SharingCase, plan: &SharingPlan, policy: &Policy, lang: Lang) -> Result<ConsentPlan> {
    check_plan(case, plan, policy)?;
    let birth = case.child.birth_date;
    let start = plan.valid_from.local_date(policy.time_zone);
    let age = age_at(birth, start).map_err(|_| Error::new(Code::IdBornAfterDate, "/case/child/birth_date"))?;
    let birthdays = birthdays(birth, start, plan.valid_until.local_date(policy.time_zone), policy);
    // `check_plan` checked the case as every question would: each checkpoint only judges.
    let firsts = first_with_id(case);
    let covered =
        checkpoints(case, plan, &birthdays, policy).iter().all(|at| all_allowed(case, &firsts, plan, at, policy));
    if covered {
        return Ok(ConsentPlan { covered, consent: None, birthdays, blocked: Vec::new() });
    }
    let child_needed = age >= u32::from(policy.consent_policy.child_consent_from)
        || birthdays.iter().any(|b| b.change == AgeChange::ChildConsentNeeded);
    let mut givers: Vec<Giver> = Vec::new();
    if age < 18 {
        givers.extend(case.guardians.iter().map(|g| Giver::Guardian(g.id.clone())));
    }
    if child_needed {
        givers.push(Giver::Child);
    }
    let blocked = blockers(case, plan, &givers, age);
    let consent = blocked.is_empty().then(|| Box::new(draft(case, plan, givers)));
    let blocked = Report::new(blocked, lang).findings;
    Ok(ConsentPlan { covered, consent, birthdays, blocked })
}

/// Refuses a case over the policy's limits or with a personal number in a reference, and a
/// plan that names an agency the case does not know, nothing to share, or an empty period.
fn check_plan(case: &SharingCase, plan: &SharingPlan, policy: &Policy) -> Result<()> {
    super::decide::check_case(case, policy)?;
    crate::id::check_reference(&plan.actor, "/plan/actor")?;
    if let Some(path) = crate::reference::within("/plan/purpose", &plan.purpose, crate::id::contains_personal_number) {
        return Err(Error::new(Code::ReferenceIsPersonalNumber, path));
    }
    if case.agency(&plan.from).is_none() {
        return Err(Error::new(Code::ConsentUnknownAgency, "/plan/from"));
    }
    if let Some(k) = plan.recipients.iter().position(|r| case.agency(r).is_none()) {
        return Err(Error::new(Code::ConsentUnknownAgency, format!("/plan/recipients/{k}")));
    }
    if plan.recipients.iter().all(|to| *to == plan.from) {
        return Err(Error::new(Code::ConsentScopeEmpty, "/plan/recipients"));
    }
    if plan.categories.is_empty() && plan.concern_areas.is_empty() {
        return Err(Error::new(Code::ConsentScopeEmpty, "/plan/categories"));
    }
    if plan.valid_until <= plan.valid_from {
        return Err(Error::new(Code::ConsentDatesReversed, "/plan/valid_until"));
    }
    Ok(())
}

/// The birthdays after the period's first day and before its end that change R-CN-3's answer.
fn birthdays(birth: NaiveDate, start: NaiveDate, end: NaiveDate, policy: &Policy) -> Vec<Birthday> {
    let rules = &policy.consent_policy;
    let changes = [
        (u32::from(rules.child_consent_from), AgeChange::ChildConsentNeeded),
        (u32::from(rules.child_alone_from), AgeChange::ChildAloneForHealth),
        (18, AgeChange::Adult),
    ];
    let mut out: Vec<Birthday> = changes
        .into_iter()
        .filter_map(|(age, change)| {
            let date = turns(birth, age)?;
            (start < date && date <= end).then_some(Birthday { date, age, change })
        })
        .collect();
    crate::sorting::sort_by_key(&mut out, |b| (b.date, b.age));
    out
}

/// The first date the child is `age` years old (R-ID-2's count of years).
fn turns(birth: NaiveDate, age: u32) -> Option<NaiveDate> {
    let candidate = birth.checked_add_months(chrono::Months::new(age.checked_mul(12)?))?;
    if age_at(birth, candidate).is_ok_and(|a| a >= age) {
        Some(candidate)
    } else {
        candidate.succ_opt()
    }
}

/// The instants at which the recorded consents' answer can change within the period: its
/// start, each birthday, each consent's start and end, each withdrawal and refusal, and its
/// last second. Between two of them nothing in the case changes.
fn checkpoints(case: &SharingCase, plan: &SharingPlan, birthdays: &[Birthday], policy: &Policy) -> Vec<Instant> {
    let within = |at: &Instant| plan.valid_from <= *at && *at < plan.valid_until;
    let last = Instant(plan.valid_until.as_datetime() - chrono::Duration::seconds(1));
    let mut out = vec![plan.valid_from, last];
    out.extend(birthdays.iter().map(|b| Instant(policy.time_zone.resolve(b.date.and_time(chrono::NaiveTime::MIN)))));
    out.extend(case.consents.iter().flat_map(|c| [c.valid_from, c.valid_until]));
    out.extend(case.withdrawals.iter().map(|w| w.at));
    out.extend(case.refusals.iter().map(|r| r.at));
    out.retain(within);
    out
}

/// Whether every planned sharing is allowed at `at` on a consent, of a case already checked
/// (`firsts`: [`first_with_id`] of it).
fn all_allowed(case: &SharingCase, firsts: &[bool], plan: &SharingPlan, at: &Instant, policy: &Policy) -> bool {
    plan.recipients.iter().filter(|to| **to != plan.from).all(|to| {
        plan.all_categories().into_iter().all(|category| {
            let request = ShareRequest {
                from: plan.from.clone(),
                to: to.clone(),
                category,
                purpose: plan.purpose.clone(),
                at: *at,
                actor: plan.actor.clone(),
            };
            judge_checked(case, Some(firsts), &request, policy).is_ok_and(|(basis, _)| basis.is_some())
        })
    })
}

/// What keeps the consent from counting: no guardian of a minor, a giver who cannot be
/// reached, a refusal by a giver recorded before the period ends.
fn blockers(case: &SharingCase, plan: &SharingPlan, givers: &[Giver], age: u32) -> Vec<Finding> {
    if age < 18 && case.guardians.is_empty() {
        return vec![Finding::new(Code::ConsentNoGuardian, "/case/guardians").param("age", age)];
    }
    super::remedy::givers_blocked(case, givers, |at| *at < plan.valid_until).collect()
}

/// The consent to ask for: every giver in writing, every recipient but the sender, the period.
fn draft(case: &SharingCase, plan: &SharingPlan, givers: Vec<Giver>) -> Consent {
    let mut recipients: Vec<Recipient> = Vec::new();
    for to in plan.recipients.iter().filter(|to| **to != plan.from) {
        let recipient = Recipient::Agency(to.clone());
        if !recipients.contains(&recipient) {
            recipients.push(recipient);
        }
    }
    let categories = plan.all_categories();
    Consent {
        id: super::remedy::unused_id(case, "plan"),
        givers: givers.iter().map(super::remedy::written).collect(),
        recipients,
        categories,
        purpose: plan.purpose.clone(),
        valid_from: plan.valid_from,
        valid_until: plan.valid_until,
        recorded_at: plan.valid_from,
        recorded_by: plan.actor.clone(),
        ext: None,
    }
}
