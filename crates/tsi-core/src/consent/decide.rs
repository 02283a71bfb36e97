//! `may_share`: the one sharing decision (R-CN-4). Default deny.
//!
//! Allowed only on a basis: the same agency; one consent record valid at the instant that
//! covers the recipient, category and purpose and is given, and not withdrawn, by everyone
//! R-CN-3 requires at the child's age that day; or a recorded legal ground covering it.
//! A denial lists every missing piece. Paths point into the pair `{ "case", "request" }`.
//!
//! Each giver's consent is judged separately: a withdrawal or refusal by a giver blocks
//! exactly when that giver's consent is required (so a guardian's withdrawal does not undo
//! what a 15-year-old may release alone, R-CN-3).

use serde::{Deserialize, Serialize};

use super::{Consent, Giver, InformationCategory, LegalGround, LegalGroundKind, Purpose, SharingCase, WithdrawalScope};
use crate::agency::{Agency, AgencyKind};
use crate::error::{Error, Result};
use crate::finding::{Code, Finding};
use crate::i18n::Lang;
use crate::id::age_at;

use crate::policy::Policy;
use crate::time::Instant;

/// A question: may `from` share `category` with `to`, for `purpose`, at `at`?
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ShareRequest {
    /// The sending agency's id.
    pub from: String,
    /// The receiving agency's id.
    pub to: String,
    /// The information category.
    pub category: InformationCategory,
    /// The purpose.
    pub purpose: Purpose,
    /// The decision instant; ages are taken on its local date.
    pub at: Instant,
    /// Who asks (staff reference), for the audit record.
    pub actor: String,
}

crate::reading::tag_first::tagged_enum! {
tag = "kind", name = "Basis";
/// What an allowed decision rests on.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "kind", deny_unknown_fields)]
pub enum Basis {
    /// Sender and recipient are the same agency: no secrecy boundary is crossed.
    SameAgency,
    /// A consent record.
    Consent {
        /// The consent's id.
        id: String,
    },
    /// A recorded legal ground.
    LegalGround {
        /// The legal ground's id.
        id: String,
        /// Which ground.
        ground: LegalGroundKind,
    },
}
}

/// The sharing decision: allowed or not, the basis, and the reasons.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// True only with a basis.
    pub allowed: bool,
    /// The basis when allowed.
    pub basis: Option<Basis>,
    /// When denied: every missing piece (severity error). When allowed: warnings only
    /// (e.g. `CONSENT_EXPIRING`). Sorted by path, then code.
    pub reasons: Vec<Finding>,
}

/// Whose consent R-CN-3 requires for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    /// The child's age on the decision date.
    pub age: u32,
    /// Everyone whose consent is needed.
    pub givers: Vec<Giver>,
    /// Guardians are needed but the case has none: no consent can suffice.
    pub no_guardian: bool,
}

/// Whose consent is needed (R-CN-3, *policy* `consent_policy`).
pub fn required_givers(
    case: &SharingCase,
    request: &ShareRequest,
    from: &Agency,
    policy: &Policy,
) -> Result<Requirement> {
    let age = age_at(case.child.birth_date, request.at.local_date(policy.time_zone))
        .map_err(|_| Error::new(Code::IdBornAfterDate, "/case/child/birth_date"))?;
    let rules = &policy.consent_policy;
    let child_alone = age >= 18
        || (age >= u32::from(rules.child_alone_from)
            && rules.child_alone_categories.contains(&request.category)
            && from.kind.is_health_care());
    if child_alone {
        return Ok(Requirement { age, givers: vec![Giver::Child], no_guardian: false });
    }
    let mut givers: Vec<Giver> = case.guardians.iter().map(|g| Giver::Guardian(g.id.clone())).collect();
    let no_guardian = givers.is_empty();
    if age >= u32::from(rules.child_consent_from) {
        givers.push(Giver::Child);
    }
    Ok(Requirement { age, givers, no_guardian })
}

/// The sharing decision (R-CN-4). Errors only for a request that cannot be judged (unknown
/// agency, birth after the decision date, input over the policy's limits).
///
/// A record that [`validate_sharing_case`](super::validate::validate_sharing_case) rejects
/// (oral consent nobody documented, a legal ground without provision or assessor, …) is
/// never a basis: its findings are denial reasons.
pub fn may_share(case: &SharingCase, request: &ShareRequest, policy: &Policy, lang: Lang) -> Result<Decision> {
    let (basis, reasons) = judge(case, request, policy)?;
    Ok(decided(basis, reasons, lang))
}

/// [`may_share`] of a case [`check_case`] has already accepted: a prepared case (#30) asks
/// many questions of one case without checking it again.
pub(crate) fn may_share_checked(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request: &ShareRequest,
    policy: &Policy,
    lang: Lang,
) -> Result<Decision> {
    let (basis, reasons) = judge_checked(case, firsts, request, policy)?;
    Ok(decided(basis, reasons, lang))
}

/// What a case must pass before any question is judged: the policy's limits on its lists and
/// references that are not personal numbers (paths under `/case`).
pub(crate) fn check_case(case: &SharingCase, policy: &Policy) -> Result<()> {
    check_limits(case, policy)?;
    case.check_references("/case")
}

/// The decision's basis and its reasons, messages not yet rendered: what the case process asks
/// when only the basis matters (meeting coverage), without paying for text it would drop.
pub(crate) fn judge(
    case: &SharingCase,
    request: &ShareRequest,
    policy: &Policy,
) -> Result<(Option<Basis>, Vec<Finding>)> {
    check_case(case, policy)?;
    judge_checked(case, None, request, policy)
}

/// [`judge`] of a case already checked (`firsts`: see [`judgement`]).
pub(crate) fn judge_checked(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request: &ShareRequest,
    policy: &Policy,
) -> Result<(Option<Basis>, Vec<Finding>)> {
    judgement(case, firsts, request, policy).map(|j| (j.basis, j.reasons))
}

/// Which consents are the first recorded with their id (a later one is unusable, R-CN-1), in
/// the order of `case.consents`: worked out once for a case asked many questions (a prepared
/// case, a matrix), where a single question looks back through the list instead.
pub(crate) fn first_with_id(case: &SharingCase) -> Vec<bool> {
    let mut seen = crate::hashing::set_with_capacity(case.consents.len());
    case.consents.iter().map(|c| seen.insert(c.id.as_str())).collect()
}

/// A decision before its messages are rendered, with the instant its basis lapses.
pub(crate) struct Judged {
    pub(crate) basis: Option<Basis>,
    pub(crate) reasons: Vec<Finding>,
    /// When a consent basis ends: the end of the covering consent valid longest (R-CN-6).
    /// `None` for a denial and for bases that do not expire (same agency, legal ground).
    pub(crate) lapses: Option<Instant>,
}

impl Judged {
    fn on(basis: Option<Basis>, reasons: Vec<Finding>) -> Self {
        Judged { basis, reasons, lapses: None }
    }

    /// The decision, its messages rendered in `lang` or taken from `rendered`.
    pub(crate) fn decision(self, lang: Lang, rendered: &mut crate::finding::Rendered) -> Decision {
        let report = crate::finding::Report::new_rendered(self.reasons, lang, rendered);
        Decision { allowed: self.basis.is_some(), basis: self.basis, reasons: report.findings }
    }
}

/// The judgement of a case already checked (see [`judge`]); `firsts` is [`first_with_id`] of
/// the case when the caller worked it out.
pub(crate) fn judgement(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request: &ShareRequest,
    policy: &Policy,
) -> Result<Judged> {
    crate::id::check_reference(&request.actor, "/request/actor")?;
    crate::id::check_reference(&request.from, "/request/from")?;
    crate::id::check_reference(&request.to, "/request/to")?;
    if let Some(path) =
        crate::reference::within("/request/purpose", &request.purpose, crate::id::contains_personal_number)
    {
        return Err(Error::new(Code::ReferenceIsPersonalNumber, path));
    }
    let from = case.agency(&request.from).ok_or_else(|| Error::new(Code::ConsentUnknownAgency, "/request/from"))?;
    let to = case.agency(&request.to).ok_or_else(|| Error::new(Code::ConsentUnknownAgency, "/request/to"))?;
    if from.is_same_agency(to) {
        return Ok(Judged::on(Some(Basis::SameAgency), Vec::new()));
    }
    let required = required_givers(case, request, from, policy)?;
    if !required.no_guardian {
        if let Some(allowed) = covered_by_consent(case, firsts, request, to, &required, policy) {
            return Ok(allowed);
        }
    }
    let mut reasons = Vec::new();
    let mut covering = Covering::default();
    let mut seen = crate::hashing::Set::default();
    for (i, consent) in case.consents.iter().enumerate() {
        let first = match firsts {
            Some(firsts) => firsts.get(i).copied().unwrap_or(false),
            None => seen.insert(consent.id.as_str()),
        };
        let missing = usable_consent_gaps(case, i, consent, request, to, &required, first);
        if missing.is_empty() {
            covering.add(i, consent);
        } else {
            reasons.extend(missing);
        }
    }
    if case.consents.is_empty() {
        reasons.push(Finding::new(Code::ConsentNone, "/case/consents"));
        reasons.extend(required.givers.iter().filter_map(|g| absent_giver(case, g, None, request)));
    }
    if required.no_guardian {
        // "Every guardian" of none is vacuously true: missing custody data must not let
        // the child's consent alone through.
        covering = Covering::default();
        reasons.push(Finding::new(Code::ConsentNoGuardian, "/case/guardians").param("age", required.age));
    }
    if let Some(allowed) = covering.allowed(request, policy) {
        return Ok(allowed);
    }
    let mut by_ground: Option<&LegalGround> = None;
    for (k, ground) in case.legal_grounds.iter().enumerate() {
        let base = format!("/case/legal_grounds/{k}");
        let mut gaps = super::validate::ground_record_findings(case, ground, &base);
        // A defect never hides the other gaps (R-CN-4); a dangling scope entry matches no
        // agency, so it is a gap as well.
        gaps.extend(ground_gaps(k, ground, request, to));
        if gaps.is_empty() {
            if by_ground.is_none_or(|best| ground.id < best.id) {
                by_ground = Some(ground);
            }
        } else {
            reasons.extend(gaps);
        }
    }
    let basis = by_ground.map(|g| Basis::LegalGround { id: g.id.clone(), ground: g.ground.clone() });
    let reasons = if basis.is_some() { Vec::new() } else { reasons };
    Ok(Judged::on(basis, reasons))
}

/// The allowed answer when a consent covers the request, found without writing a single
/// denial reason (most decisions are allowed; building every other consent's reasons made an
/// allowed decision cost as much as a denial). `None`: no consent covers, or not certainly —
/// the full judgement in [`judge`] then decides and explains.
///
/// A cheap test that every covering consent passes (purpose, category, recipient, validity)
/// picks the candidates; each candidate is then judged in full, so this path can never allow
/// what the full judgement would not.
fn covered_by_consent(
    case: &SharingCase,
    firsts: Option<&[bool]>,
    request: &ShareRequest,
    to: &Agency,
    required: &Requirement,
    policy: &Policy,
) -> Option<Judged> {
    let may_cover = |c: &Consent| {
        c.purpose == request.purpose
            && c.categories.contains(&request.category)
            && c.valid_from <= request.at
            && request.at < c.valid_until
            && c.recipients.iter().any(|r| r.covers(to))
    };
    let candidates: Vec<usize> =
        (0..case.consents.len()).filter(|&i| case.consents.get(i).is_some_and(may_cover)).collect();
    let earlier_ids = FirstWithId::new(case, firsts, candidates.len());
    let mut covering = Covering::default();
    for &i in &candidates {
        let consent = case.consents.get(i)?;
        if usable_consent_gaps(case, i, consent, request, to, required, earlier_ids.is_first(case, i)).is_empty() {
            covering.add(i, consent);
        }
    }
    covering.allowed(request, policy)
}

/// The consents that cover a request: the lowest id is the basis (independent of the order of
/// recording); the one valid longest decides whether the sharing is about to lapse (R-CN-6).
#[derive(Default)]
struct Covering<'a> {
    lowest: Option<&'a Consent>,
    longest: Option<(usize, &'a Consent)>,
}

impl<'a> Covering<'a> {
    fn add(&mut self, i: usize, consent: &'a Consent) {
        if self.lowest.is_none_or(|best| consent.id < best.id) {
            self.lowest = Some(consent);
        }
        if self.longest.is_none_or(|(_, best)| consent.valid_until > best.valid_until) {
            self.longest = Some((i, consent));
        }
    }

    /// Allowed on the lowest id, warning when the longest-valid one is about to expire.
    fn allowed(&self, request: &ShareRequest, policy: &Policy) -> Option<Judged> {
        let (basis, (i, last)) = (self.lowest?, self.longest?);
        let path = || format!("/case/consents/{i}/valid_until");
        let warnings = expiring(last, &request.at, policy, path).into_iter().collect();
        Some(Judged {
            basis: Some(Basis::Consent { id: basis.id.clone() }),
            reasons: warnings,
            lapses: Some(last.valid_until),
        })
    }
}

/// Whether a consent is the first recorded with its id (a later one is unusable, R-CN-1).
/// Known when the caller worked it out; else a few candidates look back through the list and
/// many use one set, so the cost stays linear.
enum FirstWithId<'a> {
    Scan,
    Known(std::borrow::Cow<'a, [bool]>),
}

impl<'a> FirstWithId<'a> {
    const SCAN_UP_TO: usize = 8;

    fn new(case: &SharingCase, firsts: Option<&'a [bool]>, candidates: usize) -> Self {
        match firsts {
            Some(known) => FirstWithId::Known(known.into()),
            None if candidates <= Self::SCAN_UP_TO => FirstWithId::Scan,
            None => FirstWithId::Known(first_with_id(case).into()),
        }
    }

    fn is_first(&self, case: &SharingCase, i: usize) -> bool {
        match self {
            FirstWithId::Scan => {
                let id = case.consents.get(i).map(|c| c.id.as_str());
                !case.consents.iter().take(i).any(|c| Some(c.id.as_str()) == id)
            }
            FirstWithId::Known(first) => first.get(i).copied().unwrap_or(false),
        }
    }
}

/// Everything that keeps consent `i` from being the basis (empty: it covers). A defective
/// record (R-CN-4; a later record with an id already used, R-CN-1) is never a basis, and its
/// defects come with every other gap, so that fixing one does not reveal another. An entry
/// naming no guardian or agency of the case matches nothing; the rest of the record stands,
/// and when it does not cover, the entry is listed as the likely typo.
pub(crate) fn usable_consent_gaps(
    case: &SharingCase,
    i: usize,
    consent: &Consent,
    request: &ShareRequest,
    to: &Agency,
    required: &Requirement,
    first_with_id: bool,
) -> Vec<Finding> {
    let base = format!("/case/consents/{i}");
    let mut record = super::validate::consent_record_findings(case, consent, &base);
    if !first_with_id {
        record.push(Finding::new(Code::DuplicateId, format!("{base}/id")));
    }
    let gaps = consent_gaps(case, i, consent, request, to, required);
    let defective = record.iter().any(|f| f.code != Code::DanglingReference);
    if gaps.is_empty() && !defective {
        return gaps;
    }
    record.extend(gaps);
    record
}

fn decided(basis: Option<Basis>, reasons: Vec<Finding>, lang: Lang) -> Decision {
    let report = crate::finding::Report::new(reasons, lang);
    Decision { allowed: basis.is_some(), basis, reasons: report.findings }
}

/// The lists of a sharing case document and their limit (*policy* `limits.max_consents`), for
/// [`crate::reading::check_counts`].
pub(crate) fn record_limits(policy: &Policy) -> [(&'static str, usize); 4] {
    let max = usize::try_from(policy.limits.max_consents).unwrap_or(usize::MAX);
    [("consents", max), ("withdrawals", max), ("refusals", max), ("legal_grounds", max)]
}

/// Refuses input over the policy's size limits (SPEC §9).
pub(crate) fn check_limits(case: &SharingCase, policy: &Policy) -> Result<()> {
    let max = usize::try_from(policy.limits.max_consents).unwrap_or(usize::MAX);
    for (path, len) in [
        ("/case/consents", case.consents.len()),
        ("/case/withdrawals", case.withdrawals.len()),
        ("/case/refusals", case.refusals.len()),
        ("/case/legal_grounds", case.legal_grounds.len()),
    ] {
        if crate::reading::limits::list_over(len, max) {
            return Err(crate::reading::limits::list_refusal_counted(path, len, max));
        }
    }
    Ok(())
}

/// Everything that keeps consent `i`, a usable record ([`usable_consent_gaps`] and the case's
/// carry check look at the record first), from covering the request (empty: it covers).
pub(crate) fn consent_gaps(
    case: &SharingCase,
    i: usize,
    consent: &Consent,
    request: &ShareRequest,
    to: &Agency,
    required: &Requirement,
) -> Vec<Finding> {
    let at = |field: &str| format!("/case/consents/{i}{field}");
    let mut gaps = Vec::new();
    if consent.purpose != request.purpose {
        gaps.push(Finding::new(Code::ConsentPurposeMismatch, at("/purpose")));
    }
    if !consent.recipients.iter().any(|r| r.covers(to)) {
        gaps.push(Finding::new(Code::ConsentRecipientNotCovered, at("/recipients")));
    }
    if !consent.categories.contains(&request.category) {
        gaps.push(Finding::new(Code::ConsentCategoryNotCovered, at("/categories")));
    }
    if request.at < consent.valid_from {
        gaps.push(Finding::new(Code::ConsentNotYetValid, at("/valid_from")));
    }
    if request.at >= consent.valid_until {
        gaps.push(Finding::new(Code::ConsentExpired, at("/valid_until")));
    }
    for giver in &required.givers {
        let gave = consent.givers.iter().any(|g| &g.giver == giver);
        let gap = if gave {
            taken_back(case, consent, giver, request, to)
        } else {
            absent_giver(case, giver, Some(consent), request)
        };
        gaps.extend(gap);
    }
    gaps
}

/// A required giver who is not among a consent's givers: unreachable, refused or missing.
fn absent_giver(
    case: &SharingCase,
    giver: &Giver,
    consent: Option<&Consent>,
    request: &ShareRequest,
) -> Option<Finding> {
    let refusal = case.refusals.iter().position(|r| &r.by == giver && r.at <= request.at);
    let unreachable = match giver {
        Giver::Guardian(id) => case.guardians.iter().any(|g| &g.id == id && !g.reachable),
        Giver::Child => false,
    };
    let finding = match (refusal, unreachable) {
        (Some(k), _) => Finding::new(Code::ConsentGiverRefused, format!("/case/refusals/{k}")),
        (None, true) => Finding::new(Code::ConsentGuardianUnreachable, format!("/case{}", case.giver_path(giver))),
        (None, false) => Finding::new(Code::ConsentGiverMissing, format!("/case{}", case.giver_path(giver))),
    };
    Some(match consent {
        Some(c) => finding.param("consent", &c.id),
        None => finding,
    })
}

/// A giver's own withdrawal or later refusal that takes back what the request needs.
fn taken_back(
    case: &SharingCase,
    consent: &Consent,
    giver: &Giver,
    request: &ShareRequest,
    to: &Agency,
) -> Option<Finding> {
    let withdrawn = case.withdrawals.iter().enumerate().find(|(_, w)| {
        w.consent == consent.id
            && &w.by == giver
            && w.at <= request.at
            && match &w.scope {
                WithdrawalScope::Whole => true,
                WithdrawalScope::Recipient(r) => r.covers(to),
                WithdrawalScope::Category(c) => c == &request.category,
            }
    });
    if let Some((k, w)) = withdrawn {
        return Some(
            Finding::new(Code::ConsentWithdrawn, format!("/case/withdrawals/{k}"))
                .param("consent", &consent.id)
                .param("at", w.at),
        );
    }
    let refused =
        case.refusals.iter().position(|r| &r.by == giver && consent.recorded_at < r.at && r.at <= request.at)?;
    Some(Finding::new(Code::ConsentGiverRefused, format!("/case/refusals/{refused}")).param("consent", &consent.id))
}

/// `CONSENT_EXPIRING` at `path` when at most *policy* `consent_warn_days` remain (R-CN-6):
/// 30 days exactly warns. `days` is counted in calendar days of the policy's time zone.
pub(crate) fn expiring(
    consent: &Consent,
    at: &Instant,
    policy: &Policy,
    path: impl FnOnce() -> String,
) -> Option<Finding> {
    let left = consent.valid_until.as_datetime() - at.as_datetime();
    let warn = chrono::Duration::days(i64::from(policy.consent_warn_days));
    let days = at.days_until(&consent.valid_until, policy.time_zone);
    (*at < consent.valid_until && left <= warn).then(|| Finding::new(Code::ConsentExpiring, path()).param("days", days))
}

/// Everything that keeps legal ground `k` from covering the request (empty: it covers).
fn ground_gaps(k: usize, ground: &LegalGround, request: &ShareRequest, to: &Agency) -> Vec<Finding> {
    let out_of_scope = |field: &str| {
        Finding::new(Code::LegalGroundOutOfScope, format!("/case/legal_grounds/{k}/scope/{field}"))
            .param("field", field)
    };
    let scope = &ground.scope;
    let mut gaps = Vec::new();
    if ground.ground == LegalGroundKind::ReportOfConcern && to.kind != AgencyKind::SocialServices {
        gaps.push(Finding::new(Code::LegalGroundWrongRecipient, format!("/case/legal_grounds/{k}/ground")));
    }
    if scope.from.as_ref().is_some_and(|f| f != &request.from) {
        gaps.push(out_of_scope("from"));
    }
    if scope.to.as_ref().is_some_and(|t| t != &request.to) {
        gaps.push(out_of_scope("to"));
    }
    if !scope.categories.contains(&request.category) {
        gaps.push(out_of_scope("categories"));
    }
    // A ground holds from its assessment and its scope's start, until its scope's end.
    if request.at < scope.valid_from || request.at < ground.assessed_at {
        gaps.push(out_of_scope("valid_from"));
    }
    if scope.valid_until.is_some_and(|until| request.at >= until) {
        gaps.push(out_of_scope("valid_until"));
    }
    gaps
}
