//! "What do we need so that we may?" — the remedies of a denied sharing question (#27).
//!
//! [`may_share`](super::decide::may_share) turned round: for a question it denies, the ways to
//! make exactly that question allowed, most likely first. A remedy is a consent to ask for (a
//! complete draft record, R-CN-1, given by everyone R-CN-3 requires on the question's date),
//! either new or replacing a recorded consent that lacks only a recipient, a category or a
//! giver (consent history is append-only, R-CN-2: a record is superseded, never edited); or a
//! recorded consent to wait for. What no consent can fix is said instead, with whose it is: a
//! minor without a recorded guardian, a required guardian who cannot be reached, a refusal
//! that stands. A legal ground is a recorded fact and is never proposed (R-CN-5).
//!
//! Contract: a draft added to the case as it is makes the question allowed (each is checked
//! by deciding again before it is offered), and no piece it adds can be left out.

use serde::Serialize;

use super::decide::{check_case, judge_checked, required_givers, usable_consent_gaps, Requirement, ShareRequest};
use super::{Consent, ConsentForm, ConsentGiver, Giver, Recipient, SharingCase};
use crate::agency::Agency;
use crate::error::Result;
use crate::finding::{Code, Finding, Report};
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::time::Instant;

/// The remedies of one question.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Remedies {
    /// The question is allowed already: there is nothing to do.
    pub allowed: bool,
    /// Ways to make it allowed, most likely first; each one alone suffices.
    pub remedies: Vec<Remedy>,
    /// What no consent can fix, and whose it is (paths into `{ "case", "request" }`).
    pub blocked: Vec<Finding>,
}

/// One way to make a denied question allowed.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq)]
#[serde(tag = "kind")]
pub enum Remedy {
    /// Ask for this consent. Once every giver has signed, record it (set `recorded_at` and
    /// `recorded_by` to when and by whom) and the question is allowed.
    AskConsent {
        /// The draft record.
        consent: Box<Consent>,
        /// The recorded consent it replaces, with the pieces that one lacked added.
        supersedes: Option<String>,
    },
    /// A recorded consent covers the question from an instant: ask again then.
    WaitUntil {
        /// When it becomes valid.
        at: Instant,
        /// The consent's id.
        consent: String,
    },
}

/// The remedies of a question (R-CN-4 turned round). Errors as [`may_share`](super::decide::may_share).
pub fn remedies(case: &SharingCase, request: &ShareRequest, policy: &Policy, lang: Lang) -> Result<Remedies> {
    check_case(case, policy)?;
    remedies_checked(case, None, request, policy, lang)
}

/// [`remedies`] of a case [`check_case`] has already accepted (`firsts`: see
/// [`super::decide::first_with_id`]): a prepared case does not check it again for each question.
pub(crate) fn remedies_checked(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request: &ShareRequest,
    policy: &Policy,
    lang: Lang,
) -> Result<Remedies> {
    let (basis, _) = judge_checked(case, firsts, request, policy)?;
    if basis.is_some() {
        return Ok(Remedies { allowed: true, remedies: Vec::new(), blocked: Vec::new() });
    }
    let to = case.agency(&request.to).ok_or_else(|| crate::Error::new(Code::ConsentUnknownAgency, "/request/to"))?;
    let from =
        case.agency(&request.from).ok_or_else(|| crate::Error::new(Code::ConsentUnknownAgency, "/request/from"))?;
    let required = required_givers(case, request, from, policy)?;
    let blocked = blockers(case, request, &required, policy);
    let mut remedies = Vec::new();
    if blocked.is_empty() {
        let drafts = [superseding(case, request, to, &required, policy), Some(fresh(case, request, &required, policy))];
        for (consent, supersedes) in drafts.into_iter().flatten() {
            if allows(case, &consent, request, policy) {
                remedies.push(Remedy::AskConsent { consent: Box::new(consent), supersedes });
            }
        }
    }
    remedies.extend(wait(case, request, from, to, policy));
    let blocked = Report::new(blocked, lang).findings;
    Ok(Remedies { allowed: false, remedies, blocked })
}

/// What keeps any new consent from counting: no guardian of a minor, a case as full of consents
/// as the policy allows, a required guardian who cannot be reached, a refusal by a required
/// giver that stands at the question's instant.
fn blockers(case: &SharingCase, request: &ShareRequest, required: &Requirement, policy: &Policy) -> Vec<Finding> {
    if required.no_guardian {
        return vec![Finding::new(Code::ConsentNoGuardian, "/case/guardians").param("age", required.age)];
    }
    let mut out = Vec::new();
    // A case already holding as many consents as the policy allows cannot record one more.
    let max = usize::try_from(policy.limits.max_consents).unwrap_or(usize::MAX);
    if crate::reading::limits::list_over(case.consents.len() + 1, max) {
        out.push(
            Finding::new(Code::LimitExceeded, "/case/consents").param("count", case.consents.len()).param("limit", max),
        );
    }
    out.extend(givers_blocked(case, &required.givers, |at| *at <= request.at));
    out
}

/// The givers no consent can be had from: a refusal that stands (`stands` says which instants
/// of refusal count) or, for a guardian, not being reachable. Shared with the consent plan.
pub(super) fn givers_blocked<'a>(
    case: &'a SharingCase,
    givers: &'a [Giver],
    stands: impl Fn(&Instant) -> bool + 'a,
) -> impl Iterator<Item = Finding> + 'a {
    givers.iter().filter_map(move |giver| {
        if let Some(k) = case.refusals.iter().position(|r| &r.by == giver && stands(&r.at)) {
            return Some(Finding::new(Code::ConsentGiverRefused, format!("/case/refusals/{k}")));
        }
        let unreachable =
            matches!(giver, Giver::Guardian(id) if case.guardians.iter().any(|g| &g.id == id && !g.reachable));
        unreachable.then(|| Finding::new(Code::ConsentGuardianUnreachable, format!("/case{}", case.giver_path(giver))))
    })
}

/// A new consent of exactly what the question needs, valid from its instant for the policy's
/// `consent_valid_days`.
fn fresh(
    case: &SharingCase,
    request: &ShareRequest,
    required: &Requirement,
    policy: &Policy,
) -> (Consent, Option<String>) {
    let consent = Consent {
        id: unused_id(case, "draft"),
        givers: required.givers.iter().map(written).collect(),
        recipients: vec![Recipient::Agency(request.to.clone())],
        categories: vec![request.category],
        purpose: request.purpose.clone(),
        valid_from: request.at,
        valid_until: request.at.plus_local_days(i64::from(policy.consent_valid_days), policy.time_zone),
        recorded_at: request.at,
        recorded_by: request.actor.clone(),
        ext: None,
    };
    (consent, None)
}

/// The recorded consent valid now that lacks the fewest recipients, categories and givers
/// (and nothing else), with those added: what the family signed, completed. Ties go to the
/// lowest id.
fn superseding(
    case: &SharingCase,
    request: &ShareRequest,
    to: &Agency,
    required: &Requirement,
    policy: &Policy,
) -> Option<(Consent, Option<String>)> {
    let fixable = |f: &Finding| {
        matches!(f.code, Code::ConsentRecipientNotCovered | Code::ConsentCategoryNotCovered | Code::ConsentGiverMissing)
    };
    let mut seen = crate::hashing::Set::default();
    let mut best: Option<(usize, &Consent)> = None;
    for (i, consent) in case.consents.iter().enumerate() {
        let first = seen.insert(consent.id.as_str());
        let gaps = usable_consent_gaps(case, i, consent, request, to, required, first);
        let missing = gaps.len();
        if missing == 0 || !gaps.iter().all(fixable) {
            continue;
        }
        if best.is_none_or(|(fewest, b)| missing < fewest || (missing == fewest && consent.id < b.id)) {
            best = Some((missing, consent));
        }
    }
    let (_, old) = best?;
    let mut consent = old.clone();
    consent.id = unused_id(case, "draft");
    for giver in &required.givers {
        if !consent.givers.iter().any(|g| &g.giver == giver) {
            consent.givers.push(written(giver));
        }
    }
    if !consent.recipients.iter().any(|r| r.covers(to)) {
        consent.recipients.push(Recipient::Agency(request.to.clone()));
    }
    if !consent.categories.contains(&request.category) {
        consent.categories.push(request.category);
    }
    consent.valid_from = request.at;
    consent.recorded_at = request.at;
    consent.recorded_by = request.actor.clone();
    // A replacement lasts as long as the one it replaces, or the policy's span if that is longer.
    let span = request.at.plus_local_days(i64::from(policy.consent_valid_days), policy.time_zone);
    consent.valid_until = consent.valid_until.max(span);
    Some((consent, Some(old.id.clone())))
}

/// The recorded consent not yet valid that would alone be the basis once it is, earliest first
/// (ties: lowest id). Each is judged on its own at its start, so the cost stays linear.
fn wait(case: &SharingCase, request: &ShareRequest, from: &Agency, to: &Agency, policy: &Policy) -> Option<Remedy> {
    let mut seen = crate::hashing::Set::default();
    let mut best: Option<&Consent> = None;
    for (i, consent) in case.consents.iter().enumerate() {
        let first = seen.insert(consent.id.as_str());
        if consent.valid_from <= request.at {
            continue;
        }
        let later = ShareRequest { at: consent.valid_from, ..request.clone() };
        let Ok(required) = required_givers(case, &later, from, policy) else { continue };
        let covers =
            !required.no_guardian && usable_consent_gaps(case, i, consent, &later, to, &required, first).is_empty();
        if covers && best.is_none_or(|b| (consent.valid_from, &consent.id) < (b.valid_from, &b.id)) {
            best = Some(consent);
        }
    }
    best.map(|c| Remedy::WaitUntil { at: c.valid_from, consent: c.id.clone() })
}

/// Whether the case with `draft` recorded decides the question allowed: checked and judged as
/// one question to that case.
fn allows(case: &SharingCase, draft: &Consent, request: &ShareRequest, policy: &Policy) -> bool {
    let mut with = case.clone();
    with.consents.push(draft.clone());
    check_case(&with, policy).is_ok()
        && judge_checked(&with, None, request, policy).is_ok_and(|(basis, _)| basis.is_some())
}

/// A giver who signs in writing (every drafted consent is asked for on paper).
pub(super) fn written(giver: &Giver) -> ConsentGiver {
    ConsentGiver { giver: giver.clone(), form: ConsentForm::Written }
}

/// `<prefix>-N`, the first not used by a consent of the case.
pub(super) fn unused_id(case: &SharingCase, prefix: &str) -> String {
    let used: crate::hashing::Set<&str> = case.consents.iter().map(|c| c.id.as_str()).collect();
    (1..).map(|n| format!("{prefix}-{n}")).find(|id| !used.contains(id.as_str())).unwrap_or_default()
}
