//! Whether consent lets a case go on (R-CP-2, R-CP-5, R-CN-3): is an identified meeting
//! covered, and does a consent *carry* the case. Both are answered by the consent module
//! giver by giver, exactly as [`may_share`](crate::consent::decide::may_share) answers, so the case state and the sharing
//! decision never disagree.
//!
//! - A meeting is covered when, for every participating agency and every information
//!   category the meeting discusses, the raising agency may share with it on a consent
//!   (purpose `TsiCollaboration` or this meeting).
//! - A consent carries the case when it is a usable record and satisfies R-CN-3 for
//!   everything it names: every category, to every agency of the case it names (other than
//!   the raising agency), from the raising agency, at the instant. Only such a consent moves
//!   a case to `Planning` or resumes it; a withdrawal pauses an identified case when no
//!   consent carries it any more.

use super::Case;
use crate::consent::decide::{check_case, consent_gaps, judge_checked, required_givers, Basis, ShareRequest};
use crate::consent::validate::consent_record_findings;
use crate::consent::{Consent, InformationCategory, Purpose};
use crate::finding::{Code, Finding};
use crate::policy::Policy;
use crate::time::Instant;

/// The categories a meeting discusses: those named on the event, else those of the case's
/// concern areas ([`super::ConcernArea::categories`]); sorted, without repeats.
pub fn meeting_categories(case: &Case, named: Option<&[InformationCategory]>) -> Vec<InformationCategory> {
    let mut categories: Vec<InformationCategory> = match named {
        Some(list) => list.to_vec(),
        None => case.concern_areas.iter().flat_map(|a| a.categories().iter().copied()).collect(),
    };
    crate::sorting::sort(&mut categories);
    categories.dedup();
    categories
}

/// What keeps a meeting or a consent from going ahead: the agencies and categories not
/// covered (in the order of the input), and every reason the consent module gave.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Uncovered {
    /// Agencies' ids.
    pub agencies: Vec<String>,
    /// Categories.
    pub categories: Vec<InformationCategory>,
    /// The consent module's reasons.
    pub reasons: Vec<Finding>,
}

impl Uncovered {
    /// Nothing is missing.
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty() && self.categories.is_empty() && self.reasons.is_empty()
    }

    fn add(&mut self, agency: &str, category: InformationCategory) {
        if !self.agencies.iter().any(|a| a == agency) {
            self.agencies.push(agency.to_owned());
        }
        if !self.categories.contains(&category) {
            self.categories.push(category);
        }
    }

    /// The distinct reason codes, sorted, joined by `, `.
    pub fn reason_codes(&self) -> String {
        let mut codes: Vec<&str> = self.reasons.iter().map(|f| f.code.as_str()).collect();
        crate::sorting::sort(&mut codes);
        codes.dedup();
        codes.join(", ")
    }

    /// The categories, joined by `, `.
    pub fn category_list(&self) -> String {
        let mut names: Vec<String> = self.categories.iter().map(|c| format!("{c:?}")).collect();
        crate::sorting::sort(&mut names);
        names.join(", ")
    }

    /// The givers the reasons name, as paths in the case (`/sharing/guardians/0`,
    /// `/sharing/child`), sorted.
    pub fn giver_paths(&self) -> String {
        let mut paths: Vec<String> = self
            .reasons
            .iter()
            .filter(|f| f.path.starts_with("/case/guardians") || f.path == "/case/child")
            .map(|f| f.path.replacen("/case", "/sharing", 1))
            .collect();
        crate::sorting::sort(&mut paths);
        paths.dedup();
        paths.join(", ")
    }
}

/// R-CP-2: the participants (other than the raising agency) and categories a meeting at `at`
/// is not covered for. Participants must be agencies of the case.
///
/// Each participant, category and purpose is one sharing question; the sharing case is checked
/// once for all of them, not once a question (a meeting of three agencies in four categories
/// asked sixteen, each checking every id of the case again). A case that fails its check
/// covers nobody, as each question refused it.
pub fn meeting_gaps(
    case: &Case,
    meeting_id: &str,
    participants: &[String],
    categories: &[InformationCategory],
    at: &Instant,
    policy: &Policy,
) -> Uncovered {
    let checked = check_case(&case.sharing, policy).is_ok();
    let mut gaps = Uncovered::default();
    for participant in participants.iter().filter(|p| **p != case.raised_by) {
        let mut requests =
            [Purpose::TsiCollaboration, Purpose::SpecificMeeting(meeting_id.to_owned())].map(|purpose| ShareRequest {
                from: case.raised_by.clone(),
                to: participant.clone(),
                category: InformationCategory::Attendance,
                purpose,
                at: *at,
                actor: String::new(),
            });
        for &category in categories {
            let covered = checked
                && requests.iter_mut().any(|request| {
                    request.category = category;
                    shared_on_consent(case, request, policy)
                });
            if !covered {
                gaps.add(participant, category);
            }
        }
    }
    gaps
}

/// May the raising agency share what `request` asks, on a consent (or within one agency)?
/// Legal grounds do not open a joint meeting: R-CP-2 asks for consent.
fn shared_on_consent(case: &Case, request: &ShareRequest, policy: &Policy) -> bool {
    judge_checked(&case.sharing, None, request, policy)
        .is_ok_and(|(basis, _)| matches!(basis, Some(Basis::Consent { .. } | Basis::SameAgency)))
}

/// Everything that keeps consent `i` of the case from carrying it at `at` (empty: it carries).
pub fn carry_gaps(case: &Case, i: usize, at: &Instant, policy: &Policy) -> Uncovered {
    let sharing = &case.sharing;
    let mut gaps = Uncovered::default();
    let (Some(consent), Some(from)) = (sharing.consents.get(i), sharing.agency(&case.raised_by)) else {
        return gaps;
    };
    // Defects never hide the other gaps; dangling entries match nothing (R-CN-4).
    let record = consent_record_findings(sharing, consent, &format!("/case/consents/{i}"));
    let defective = record.iter().any(|f| f.code != Code::DanglingReference);
    let named: Vec<_> = sharing
        .agencies
        .iter()
        .filter(|a| !from.is_same_agency(a) && consent.recipients.iter().any(|r| r.covers(a)))
        .collect();
    if named.is_empty() {
        gaps.reasons.push(Finding::new(Code::ConsentRecipientNotCovered, format!("/case/consents/{i}/recipients")));
    }
    for to in named {
        for &category in &consent.categories {
            let missing = gaps_for(case, i, consent, (from, to), category, at, policy);
            if !missing.is_empty() {
                gaps.add(&to.id, category);
                gaps.reasons.extend(missing);
            }
        }
    }
    if defective || !gaps.reasons.is_empty() {
        gaps.reasons.splice(0..0, record);
    }
    gaps
}

fn gaps_for(
    case: &Case,
    i: usize,
    consent: &Consent,
    (from, to): (&crate::agency::Agency, &crate::agency::Agency),
    category: InformationCategory,
    at: &Instant,
    policy: &Policy,
) -> Vec<Finding> {
    let sharing = &case.sharing;
    let request = ShareRequest {
        from: case.raised_by.clone(),
        to: to.id.clone(),
        category,
        purpose: consent.purpose.clone(),
        at: *at,
        actor: String::new(),
    };
    match required_givers(sharing, &request, from, policy) {
        Err(e) => vec![Finding::new(e.code(), e.path())],
        Ok(required) if required.no_guardian => {
            vec![Finding::new(Code::ConsentNoGuardian, "/case/guardians").param("age", required.age)]
        }
        Ok(required) => consent_gaps(sharing, i, consent, &request, to, &required),
    }
}

/// Whether any consent of the case carries it at `at`.
pub fn carried(case: &Case, at: &Instant, policy: &Policy) -> bool {
    (0..case.sharing.consents.len()).any(|i| carry_gaps(case, i, at, policy).is_empty())
}
