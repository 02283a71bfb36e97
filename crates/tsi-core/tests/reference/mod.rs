//! A reference model of R-CN-3, R-CN-4, R-CN-5, R-CN-6 and the meeting rules of R-CP-2,
//! written plainly from SPEC §5–§6 and the README's decisions. It calls no tsi-core function
//! it checks: it reads tsi-core's *types* (the documents) and computes everything itself —
//! ages, local dates, whose consent is needed, what a record lacks — so that the engine and
//! the model can disagree.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, dead_code, missing_docs)]

use chrono::{Datelike, NaiveDate};
use tsi_core::agency::{Agency, AgencyKind};
use tsi_core::case::{Case, ConcernArea};
use tsi_core::consent::decide::{Basis, ShareRequest};
use tsi_core::consent::{
    Consent, ConsentForm, Giver, InformationCategory as Cat, LegalGround, LegalGroundKind, Purpose, Recipient,
    SharingCase, WithdrawalScope,
};
use tsi_core::time::Instant;

/// One reason the model gives: (path, code, the consent it is about).
pub type Reason = (String, &'static str, Option<String>);

/// What the model decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A decision: the basis (None: denied) and the reasons (sorted).
    Decided { basis: Option<Basis>, reasons: Vec<Reason> },
    /// The request cannot be judged: the error code.
    Refused(&'static str),
}

impl Outcome {
    pub fn allowed_on_consent(&self) -> bool {
        matches!(self, Outcome::Decided { basis: Some(Basis::Consent { .. } | Basis::SameAgency), .. })
    }
}

/// The model's settings: SPEC's defaults unless a test changes them.
#[derive(Debug, Clone)]
pub struct Rules {
    pub child_consent_from: u32,
    pub child_alone_from: u32,
    pub child_alone_categories: Vec<Cat>,
    pub warn_days: i64,
    pub zone: chrono_tz::Tz,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            child_consent_from: 12,
            child_alone_from: 15,
            child_alone_categories: vec![Cat::MentalHealth, Cat::Health],
            warn_days: 30,
            zone: chrono_tz::Europe::Stockholm,
        }
    }
}

fn local_day(at: &Instant, zone: chrono_tz::Tz) -> NaiveDate {
    at.as_datetime().with_timezone(&zone).date_naive()
}

/// Whole years; a 29 February birthday falls on 1 March in other years.
fn years_old(born: NaiveDate, day: NaiveDate) -> Option<u32> {
    if born > day {
        return None;
    }
    let birthday_this_year = NaiveDate::from_ymd_opt(day.year(), born.month(), born.day())
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(day.year(), 3, 1).unwrap());
    let mut years = day.year() - born.year();
    if day < birthday_this_year {
        years -= 1;
    }
    Some(years as u32)
}

fn is_health_care(kind: &AgencyKind) -> bool {
    use AgencyKind::*;
    matches!(
        kind,
        StudentHealth | ChildHealthCare | PrimaryCare | FirstLine | YouthClinic | ChildPsychiatry | Habilitation
    )
}

fn agency<'a>(case: &'a SharingCase, id: &str) -> Option<&'a Agency> {
    case.agencies.iter().find(|a| a.id == id)
}

fn names(recipient: &Recipient, a: &Agency) -> bool {
    match recipient {
        Recipient::Agency(id) => *id == a.id,
        Recipient::Kind(k) => *k == a.kind,
    }
}

fn giver_path(case: &SharingCase, g: &Giver) -> String {
    match g {
        Giver::Child => "/case/child".into(),
        Giver::Guardian(id) => match case.guardians.iter().position(|x| x.id == *id) {
            Some(i) => format!("/case/guardians/{i}"),
            None => "/case/guardians".into(),
        },
    }
}

/// Whose consent is needed for one request; `None` in the list's place when guardians are
/// needed but none is recorded.
struct Needed {
    age: u32,
    givers: Vec<Giver>,
    no_guardian: bool,
}

fn needed(case: &SharingCase, from: &Agency, category: Cat, age: u32, r: &Rules) -> Needed {
    let alone = age >= 18
        || (age >= r.child_alone_from && r.child_alone_categories.contains(&category) && is_health_care(&from.kind));
    if alone {
        return Needed { age, givers: vec![Giver::Child], no_guardian: false };
    }
    let mut givers: Vec<Giver> = case.guardians.iter().map(|g| Giver::Guardian(g.id.clone())).collect();
    let no_guardian = givers.is_empty();
    if age >= r.child_consent_from {
        givers.push(Giver::Child);
    }
    Needed { age, givers, no_guardian }
}

/// What makes a consent record meaningless (R-CN-1, R-CN-4 "defective records"), at `base`:
/// such a record is never a basis.
pub fn record_defects(c: &Consent, base: &str, first_with_id: bool) -> Vec<Reason> {
    let mut out: Vec<Reason> = Vec::new();
    let mut push = |path: String, code: &'static str| out.push((path, code, None));
    for (field, empty) in [
        ("givers", c.givers.is_empty()),
        ("recipients", c.recipients.is_empty()),
        ("categories", c.categories.is_empty()),
    ] {
        if empty {
            push(format!("{base}/{field}"), "CONSENT_SCOPE_EMPTY");
        }
    }
    if c.valid_until <= c.valid_from {
        push(format!("{base}/valid_until"), "CONSENT_DATES_REVERSED");
    }
    for (j, g) in c.givers.iter().enumerate() {
        if c.givers[..j].iter().any(|earlier| earlier.giver == g.giver) {
            push(format!("{base}/givers/{j}/giver"), "DUPLICATE_ID");
        }
        if let ConsentForm::OralDocumented { documented_by } = &g.form {
            if documented_by.trim().is_empty() {
                push(format!("{base}/givers/{j}/form"), "CONSENT_ORAL_UNDOCUMENTED");
            }
        }
    }
    if !first_with_id {
        push(format!("{base}/id"), "DUPLICATE_ID");
    }
    out
}

/// The entries of a consent that name no guardian or agency of the case (R-CN-4): each
/// matches nothing, the rest of the record stands; listed as likely typos when denied.
pub fn dangling_entries(case: &SharingCase, c: &Consent, base: &str) -> Vec<Reason> {
    let givers = c.givers.iter().enumerate().filter_map(|(j, g)| match &g.giver {
        Giver::Guardian(id) if !case.guardians.iter().any(|x| x.id == *id) => Some(format!("{base}/givers/{j}/giver")),
        _ => None,
    });
    let recipients = c.recipients.iter().enumerate().filter_map(|(j, r)| match r {
        Recipient::Agency(id) if agency(case, id).is_none() => Some(format!("{base}/recipients/{j}")),
        _ => None,
    });
    givers.chain(recipients).map(|path| (path, "DANGLING_REFERENCE", None)).collect()
}

/// Why one giver's consent is not there for this record and request (None: it is).
fn giver_gap(case: &SharingCase, c: Option<&Consent>, g: &Giver, req: &ShareRequest, to: &Agency) -> Option<Reason> {
    let consent_id = c.map(|c| c.id.clone());
    let gave = c.is_some_and(|c| c.givers.iter().any(|x| x.giver == *g));
    if gave {
        let c = c.unwrap();
        for (k, w) in case.withdrawals.iter().enumerate() {
            let hits = match &w.scope {
                WithdrawalScope::Whole => true,
                WithdrawalScope::Recipient(r) => names(r, to),
                WithdrawalScope::Category(cat) => *cat == req.category,
            };
            if w.consent == c.id && w.by == *g && w.at <= req.at && hits {
                return Some((format!("/case/withdrawals/{k}"), "CONSENT_WITHDRAWN", consent_id));
            }
        }
        // A refusal after the consent was recorded withdraws it whole.
        let k = case.refusals.iter().position(|r| r.by == *g && c.recorded_at < r.at && r.at <= req.at)?;
        return Some((format!("/case/refusals/{k}"), "CONSENT_GIVER_REFUSED", consent_id));
    }
    if let Some(k) = case.refusals.iter().position(|r| r.by == *g && r.at <= req.at) {
        return Some((format!("/case/refusals/{k}"), "CONSENT_GIVER_REFUSED", consent_id));
    }
    let unreachable = match g {
        Giver::Guardian(id) => case.guardians.iter().any(|x| x.id == *id && !x.reachable),
        Giver::Child => false,
    };
    let code = if unreachable { "CONSENT_GUARDIAN_UNREACHABLE" } else { "CONSENT_GIVER_MISSING" };
    Some((giver_path(case, g), code, consent_id))
}

/// Everything that keeps a usable consent from covering the request.
fn consent_problems(
    case: &SharingCase,
    i: usize,
    c: &Consent,
    req: &ShareRequest,
    to: &Agency,
    need: &Needed,
) -> Vec<Reason> {
    let base = format!("/case/consents/{i}");
    let mut out: Vec<Reason> = Vec::new();
    if c.purpose != req.purpose {
        out.push((format!("{base}/purpose"), "CONSENT_PURPOSE_MISMATCH", None));
    }
    if !c.recipients.iter().any(|r| names(r, to)) {
        out.push((format!("{base}/recipients"), "CONSENT_RECIPIENT_NOT_COVERED", None));
    }
    if !c.categories.contains(&req.category) {
        out.push((format!("{base}/categories"), "CONSENT_CATEGORY_NOT_COVERED", None));
    }
    if req.at < c.valid_from {
        out.push((format!("{base}/valid_from"), "CONSENT_NOT_YET_VALID", None));
    }
    if req.at >= c.valid_until {
        out.push((format!("{base}/valid_until"), "CONSENT_EXPIRED", None));
    }
    out.extend(need.givers.iter().filter_map(|g| giver_gap(case, Some(c), g, req, to)));
    out
}

fn ground_record_problems(case: &SharingCase, g: &LegalGround, base: &str) -> Vec<Reason> {
    let mut out: Vec<Reason> = Vec::new();
    let no_citation = matches!(&g.ground, LegalGroundKind::Other(c) if c.trim().is_empty());
    if g.provision.trim().is_empty() || g.assessed_by.trim().is_empty() || g.scope.categories.is_empty() || no_citation
    {
        out.push((base.to_owned(), "LEGAL_GROUND_INCOMPLETE", None));
    }
    if let Some(id) = &g.scope.from {
        if agency(case, id).is_none() {
            out.push((format!("{base}/scope/from"), "DANGLING_REFERENCE", None));
        }
    }
    if let Some(id) = &g.scope.to {
        match agency(case, id) {
            None => out.push((format!("{base}/scope/to"), "DANGLING_REFERENCE", None)),
            Some(a) if g.ground == LegalGroundKind::ReportOfConcern && a.kind != AgencyKind::SocialServices => {
                out.push((format!("{base}/scope/to"), "LEGAL_GROUND_WRONG_RECIPIENT", None));
            }
            Some(_) => {}
        }
    }
    out
}

fn ground_problems(k: usize, g: &LegalGround, req: &ShareRequest, to: &Agency) -> Vec<Reason> {
    let base = format!("/case/legal_grounds/{k}");
    let mut out: Vec<Reason> = Vec::new();
    if g.ground == LegalGroundKind::ReportOfConcern && to.kind != AgencyKind::SocialServices {
        out.push((format!("{base}/ground"), "LEGAL_GROUND_WRONG_RECIPIENT", None));
    }
    if g.scope.from.as_ref().is_some_and(|f| *f != req.from) {
        out.push((format!("{base}/scope/from"), "LEGAL_GROUND_OUT_OF_SCOPE", None));
    }
    if g.scope.to.as_ref().is_some_and(|t| *t != req.to) {
        out.push((format!("{base}/scope/to"), "LEGAL_GROUND_OUT_OF_SCOPE", None));
    }
    if !g.scope.categories.contains(&req.category) {
        out.push((format!("{base}/scope/categories"), "LEGAL_GROUND_OUT_OF_SCOPE", None));
    }
    if req.at < g.scope.valid_from || req.at < g.assessed_at {
        out.push((format!("{base}/scope/valid_from"), "LEGAL_GROUND_OUT_OF_SCOPE", None));
    }
    if g.scope.valid_until.is_some_and(|until| req.at >= until) {
        out.push((format!("{base}/scope/valid_until"), "LEGAL_GROUND_OUT_OF_SCOPE", None));
    }
    out
}

/// R-CN-4: may `req.from` share `req.category` with `req.to`?
pub fn decide(case: &SharingCase, req: &ShareRequest, r: &Rules) -> Outcome {
    let Some(from) = agency(case, &req.from) else { return Outcome::Refused("CONSENT_UNKNOWN_AGENCY") };
    let Some(to) = agency(case, &req.to) else { return Outcome::Refused("CONSENT_UNKNOWN_AGENCY") };
    if from.id == to.id {
        return Outcome::Decided { basis: Some(Basis::SameAgency), reasons: vec![] };
    }
    let Some(age) = years_old(case.child.birth_date, local_day(&req.at, r.zone)) else {
        return Outcome::Refused("ID_BORN_AFTER_DATE");
    };
    let need = needed(case, from, req.category, age, r);
    let mut reasons: Vec<Reason> = Vec::new();
    let mut covering: Vec<usize> = Vec::new();
    for (i, c) in case.consents.iter().enumerate() {
        let first = !case.consents[..i].iter().any(|e| e.id == c.id);
        let base = format!("/case/consents/{i}");
        let defects = record_defects(c, &base, first);
        let gaps = consent_problems(case, i, c, req, to, &need);
        if defects.is_empty() && gaps.is_empty() {
            covering.push(i);
        } else {
            // Defects never hide the record's other gaps; dangling entries are the likely typo.
            reasons.extend(defects);
            reasons.extend(gaps);
            reasons.extend(dangling_entries(case, c, &base));
        }
    }
    if case.consents.is_empty() {
        reasons.push(("/case/consents".into(), "CONSENT_NONE", None));
        reasons.extend(need.givers.iter().filter_map(|g| giver_gap(case, None, g, req, to)));
    }
    if need.no_guardian {
        covering.clear();
        reasons.push(("/case/guardians".into(), "CONSENT_NO_GUARDIAN", None));
    }
    if !covering.is_empty() {
        let basis = covering.iter().map(|&i| &case.consents[i].id).min().unwrap().clone();
        // The covering consent valid longest (the first of equals) says whether sharing lapses soon.
        let mut last = covering[0];
        for &i in &covering {
            if case.consents[i].valid_until > case.consents[last].valid_until {
                last = i;
            }
        }
        let until = case.consents[last].valid_until.as_datetime();
        let left = until - req.at.as_datetime();
        let mut warnings = vec![];
        if left > chrono::Duration::zero() && left <= chrono::Duration::days(r.warn_days) {
            warnings.push((format!("/case/consents/{last}/valid_until"), "CONSENT_EXPIRING", None));
        }
        return Outcome::Decided { basis: Some(Basis::Consent { id: basis }), reasons: warnings };
    }
    let mut grounds: Vec<&LegalGround> = Vec::new();
    for (k, g) in case.legal_grounds.iter().enumerate() {
        let bad = ground_record_problems(case, g, &format!("/case/legal_grounds/{k}"));
        let gaps = ground_problems(k, g, req, to);
        // A dangling scope entry matches no sender or recipient, so it is always also a gap.
        if bad.is_empty() && gaps.is_empty() {
            grounds.push(g);
        } else {
            reasons.extend(bad);
            reasons.extend(gaps);
        }
    }
    if let Some(g) = grounds.iter().min_by(|a, b| a.id.cmp(&b.id)) {
        return Outcome::Decided {
            basis: Some(Basis::LegalGround { id: g.id.clone(), ground: g.ground.clone() }),
            reasons: vec![],
        };
    }
    reasons.sort();
    reasons.dedup();
    Outcome::Decided { basis: None, reasons }
}

/// The categories a meeting about these concern areas discusses (the README's table).
pub fn meeting_categories(areas: &[ConcernArea], named: Option<&[Cat]>) -> Vec<Cat> {
    let mut out: Vec<Cat> = match named {
        Some(list) => list.to_vec(),
        None => areas
            .iter()
            .flat_map(|a| match a {
                ConcernArea::ChildDevelopment => vec![Cat::Health, Cat::MentalHealth, Cat::Learning],
                ConcernArea::ParentingCapacity => vec![Cat::FamilySituation],
                ConcernArea::FamilyAndEnvironment => vec![Cat::FamilySituation, Cat::SocialSituation],
                ConcernArea::SchoolAttendance => vec![Cat::Attendance],
            })
            .collect(),
    };
    out.sort();
    out.dedup();
    out
}

fn ask(from: &str, to: &str, category: Cat, purpose: Purpose, at: Instant) -> ShareRequest {
    ShareRequest { from: from.into(), to: to.into(), category, purpose, at, actor: "model".into() }
}

/// R-CP-2: is an identified meeting covered? Every participant but the raiser, every category,
/// on a consent for the collaboration or for this meeting.
pub fn meeting_covered(
    case: &Case,
    meeting_id: &str,
    participants: &[String],
    named: Option<&[Cat]>,
    at: Instant,
    r: &Rules,
) -> bool {
    let categories = meeting_categories(&case.concern_areas, named);
    participants.iter().filter(|p| **p != case.raised_by).all(|p| {
        categories.iter().all(|&c| {
            [Purpose::TsiCollaboration, Purpose::SpecificMeeting(meeting_id.into())]
                .into_iter()
                .any(|purpose| decide(&case.sharing, &ask(&case.raised_by, p, c, purpose, at), r).allowed_on_consent())
        })
    })
}

/// Does consent `i` carry the case at `at`: usable, names at least one other agency, and
/// for every category it names to every agency it names, given by everyone R-CN-3 needs?
pub fn carries(case: &Case, i: usize, at: Instant, r: &Rules) -> bool {
    let s = &case.sharing;
    let c = &s.consents[i];
    let first = !s.consents[..i].iter().any(|e| e.id == c.id);
    if !record_defects(c, "", first).is_empty() {
        return false;
    }
    let Some(from) = agency(s, &case.raised_by) else { return false };
    let named: Vec<&Agency> =
        s.agencies.iter().filter(|a| a.id != from.id && c.recipients.iter().any(|rc| names(rc, a))).collect();
    if named.is_empty() {
        return false;
    }
    let Some(age) = years_old(s.child.birth_date, local_day(&at, r.zone)) else { return false };
    named.iter().all(|to| {
        c.categories.iter().all(|&cat| {
            let need = needed(s, from, cat, age, r);
            let req = ask(&case.raised_by, &to.id, cat, c.purpose.clone(), at);
            !need.no_guardian && consent_problems(s, i, c, &req, to, &need).is_empty()
        })
    })
}

/// Does any consent carry the case?
pub fn carried(case: &Case, at: Instant, r: &Rules) -> bool {
    (0..case.sharing.consents.len()).any(|i| carries(case, i, at, r))
}
