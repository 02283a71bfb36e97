//! The one transition table (R-CP-8) and the pure functions built on it: `apply`,
//! `replay`, `allowed_events` and the Mermaid diagram.

use serde::{Deserialize, Serialize};

use super::coverage;
use super::ids::Ids;
use super::{
    Case, CaseEvent, CaseState, ChildView, EventContext, EventKind, FollowUpDecision, LogEntry, Need, PendingHandover,
    TransitionError,
};
use crate::agency::Level;
use crate::consent::{SharingCase, SHARING_CASE_SCHEMA_VERSION};
use crate::finding::{Code, Finding};
use crate::policy::Policy;

/// Where an event leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// To a state.
    To(CaseState),
    /// Stays in the state.
    Stay,
    /// Back to the state before the pause (R-CP-5).
    Resume,
    /// Active, unless the follow-up decided to close (then it stays for the Close event).
    ByDecision,
    /// Paused when no consent carries the case any more, else stays (R-CP-5, R-CN-2).
    PauseUnlessCarried,
}

use CaseState::{
    Active, AwaitingConsent, Closed, DeIdentifiedConsultation as DeId, Declined, FollowUp, Paused, Planning, Raised,
};
use Target::{ByDecision, PauseUnlessCarried, Resume, Stay, To};

/// Work on needs and interventions, allowed wherever the case is active.
const CHANGE_WORK: [EventKind; 10] = [
    EventKind::AddNeed,
    EventKind::StartIntervention,
    EventKind::EndIntervention,
    EventKind::OfferHandover,
    EventKind::AcceptHandover,
    EventKind::DeclineHandover,
    EventKind::Escalate,
    EventKind::Deescalate,
    EventKind::EstablishSip,
    EventKind::RecordConsent,
];

/// The transition table: (from, event, target). `ReportOfConcern` is allowed in every
/// state and changes nothing (R-CP-7); it is added by [`target`], not listed per state.
pub fn transition_table() -> Vec<(CaseState, EventKind, Target)> {
    let mut t = vec![
        (Raised, EventKind::StartDeIdentifiedConsultation, To(DeId)),
        (Raised, EventKind::RequestConsent, To(AwaitingConsent)),
        (Raised, EventKind::Close, To(Closed)),
        (DeId, EventKind::RequestConsent, To(AwaitingConsent)),
        (DeId, EventKind::Close, To(Closed)),
        (AwaitingConsent, EventKind::RecordConsent, To(Planning)),
        (AwaitingConsent, EventKind::DeclineConsent, To(Declined)),
        (AwaitingConsent, EventKind::Close, To(Closed)),
        (Planning, EventKind::FirstMeeting, To(Active)),
        (Planning, EventKind::AddNeed, Stay),
        (Planning, EventKind::RecordConsent, Stay),
        (Planning, EventKind::WithdrawConsent, PauseUnlessCarried),
        (Planning, EventKind::Close, To(Closed)),
        (Active, EventKind::FollowUpMeeting, To(FollowUp)),
        (Active, EventKind::WithdrawConsent, PauseUnlessCarried),
        (Active, EventKind::Close, To(Closed)),
        (FollowUp, EventKind::RecordFollowUp, ByDecision),
        (FollowUp, EventKind::WithdrawConsent, PauseUnlessCarried),
        (FollowUp, EventKind::Close, To(Closed)),
        (Paused, EventKind::RecordConsent, Resume),
        (Paused, EventKind::WithdrawConsent, Stay),
        (Paused, EventKind::EndIntervention, Stay),
        (Paused, EventKind::Close, To(Closed)),
        (Declined, EventKind::Close, To(Closed)),
    ];
    for state in [Active, FollowUp] {
        t.extend(CHANGE_WORK.iter().map(|e| (state, *e, Stay)));
    }
    t
}

/// The transition table, built once: [`target`] asks it for every event applied.
fn table() -> &'static [(CaseState, EventKind, Target)] {
    static TABLE: std::sync::OnceLock<Vec<(CaseState, EventKind, Target)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(transition_table)
}

/// Where `event` leads from `state`, if allowed.
pub fn target(state: CaseState, event: EventKind) -> Option<Target> {
    if event == EventKind::ReportOfConcern {
        return Some(Stay);
    }
    table().iter().find(|(from, e, _)| *from == state && *e == event).map(|(_, _, t)| *t)
}

/// The events allowed next (R-CP-8); before a case exists only `Raise`.
pub fn allowed_events(case: Option<&Case>) -> Vec<EventKind> {
    let Some(case) = case else { return vec![EventKind::Raise] };
    let mut events: Vec<EventKind> =
        table().iter().filter(|(from, _, _)| *from == case.state).map(|(_, e, _)| *e).collect();
    events.push(EventKind::ReportOfConcern);
    crate::sorting::sort_by_key(&mut events, |e| e.as_str()); // by name, as published
    events.dedup();
    events
}

/// A case after an event, with any warnings (e.g. closing without a follow-up).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Applied {
    /// The new case.
    pub case: Case,
    /// Warnings; the event was applied.
    pub warnings: Vec<Finding>,
}

type Step = Result<Applied, TransitionError>;

/// Applies one event (R-CP-8): pure and deterministic. A refused event leaves `case` as it was.
pub fn apply(case: Option<&Case>, event: &CaseEvent, ctx: &EventContext, policy: &Policy) -> Step {
    let Some(case) = case else {
        references(None, event, ctx)?;
        return raise(event, ctx);
    };
    let mut next = case.clone();
    let warnings = apply_to(&mut next, event, ctx, policy, &mut Ids::Scan)?;
    Ok(Applied { case: next, warnings })
}

/// Applies one event to `case` in place. Everything that can refuse the event is checked
/// before the case is touched, except the checks that look at the changed case (consent
/// carrying it into planning, follow-up measures): after those refuse, `case` is partly
/// changed and must be dropped — [`apply`] works on a copy; replay stops at a refusal.
fn apply_to(
    case: &mut Case,
    event: &CaseEvent,
    ctx: &EventContext,
    policy: &Policy,
    ids: &mut Ids,
) -> Result<Vec<Finding>, TransitionError> {
    let from = case.state;
    references(Some(from), event, ctx)?;
    let refuse = |code: Code, path: &str| TransitionError::new(Some(from), event, code, path);
    let refuse_with =
        |(code, path, details): Refusal| details.into_iter().fold(refuse(code, path), |e, (k, v)| e.detail(k, v));
    if matches!(event, CaseEvent::Raise(_)) {
        return Err(refuse(Code::CaseMustStartWithRaise, ""));
    }
    // R-CP-2 in every state: a meeting without consent is refused for that, naming the
    // agencies, before the table is asked whether the state allows a meeting.
    meeting_consent(case, event, ctx, policy).map_err(refuse_with)?;
    let Some(target) = target(from, event.kind()) else {
        return Err(refuse(Code::CaseEventNotAllowed, ""));
    };
    if ctx.now < case.last_event_at {
        return Err(refuse(Code::CaseTimeBackwards, "/ctx/now"));
    }
    if case.sharing.agency(&ctx.actor_agency).is_none() {
        return Err(refuse(Code::CaseUnknownReference, "/ctx/actor_agency"));
    }
    let mut warnings = change(case, event, ctx, ids).map_err(refuse_with)?;
    warnings.extend(follow_up(case, event, ctx, policy, ids)?);
    case.last_event_at = ctx.now;
    case.state = match target {
        To(Planning) | Resume => {
            consent_carries(case, ctx, policy).map_err(refuse_with)?;
            if target == Resume {
                case.paused_from.take().unwrap_or(Planning)
            } else {
                Planning
            }
        }
        To(state) => state,
        Stay => from,
        ByDecision => match event {
            CaseEvent::RecordFollowUp { decision: FollowUpDecision::Close, .. } => FollowUp,
            _ => Active,
        },
        PauseUnlessCarried if coverage::carried(case, &ctx.now, policy) => from,
        PauseUnlessCarried => Paused,
    };
    if case.state == Paused && from != Paused {
        case.paused_from = Some(from);
    }
    Ok(warnings)
}

/// R-PD-1: no reference the case, its findings or its audit records copy may hold a personal
/// identity number.
fn references(state: Option<CaseState>, event: &CaseEvent, ctx: &EventContext) -> Result<(), TransitionError> {
    let refuse = |path: &str| Err(TransitionError::new(state, event, Code::ReferenceIsPersonalNumber, path));
    for (path, value) in [("/ctx/actor", ctx.actor.as_str()), ("/ctx/actor_agency", ctx.actor_agency.as_str())] {
        if crate::id::contains_personal_number(value) {
            return refuse(path);
        }
    }
    match event.find_reference(crate::id::contains_personal_number) {
        Some(path) => refuse(&path),
        None => Ok(()),
    }
}

/// The meeting's consent check (R-CP-2): participants must be agencies of the case, a list
/// of categories must not be empty, and every participant must be covered for every category.
fn meeting_consent(case: &Case, event: &CaseEvent, ctx: &EventContext, policy: &Policy) -> Result<(), Refusal> {
    let (meeting_id, participants, named) = match event {
        CaseEvent::FirstMeeting { meeting_id, participants, categories, .. }
        | CaseEvent::FollowUpMeeting { meeting_id, participants, categories } => {
            (meeting_id, participants, categories.as_deref())
        }
        _ => return Ok(()),
    };
    for p in participants {
        known_agency(case, p, "/participants")?;
    }
    if named.is_some_and(<[_]>::is_empty) {
        return Err((Code::CaseRequiredFieldEmpty, "/categories", Vec::new()));
    }
    let categories = coverage::meeting_categories(case, named);
    let gaps = coverage::meeting_gaps(case, meeting_id, participants, &categories, &ctx.now, policy);
    if gaps.is_empty() {
        return Ok(());
    }
    Err((
        Code::CaseConsentNotCovering,
        "/participants",
        vec![("agencies", gaps.agencies.join(", ")), ("categories", gaps.category_list())],
    ))
}

/// A recorded consent moves a case to `Planning` or resumes it only when it carries the case
/// (R-CN-3 for everything it names); else the consent module's reasons.
fn consent_carries(next: &Case, ctx: &EventContext, policy: &Policy) -> Result<(), Refusal> {
    let last = next.sharing.consents.len().saturating_sub(1);
    let gaps = coverage::carry_gaps(next, last, &ctx.now, policy);
    if gaps.is_empty() {
        return Ok(());
    }
    Err((
        Code::CaseConsentInsufficient,
        "/consent",
        vec![
            ("reasons", gaps.reason_codes()),
            ("categories", gaps.category_list()),
            ("agencies", gaps.agencies.join(", ")),
            ("givers", gaps.giver_paths()),
        ],
    ))
}

/// A refusal found while changing the case: code, path, and details.
type Refusal = (Code, &'static str, Vec<(&'static str, String)>);

fn raise(event: &CaseEvent, ctx: &EventContext) -> Step {
    let CaseEvent::Raise(r) = event else {
        return Err(TransitionError::new(None, event, Code::CaseMustStartWithRaise, ""));
    };
    let refuse = |code: Code, path: &str| TransitionError::new(None, event, code, path);
    if !r.agencies.iter().any(|a| a.id == r.raised_by) {
        return Err(refuse(Code::CaseUnknownReference, "/raised_by"));
    }
    if !r.agencies.iter().any(|a| a.id == ctx.actor_agency) {
        return Err(refuse(Code::CaseUnknownReference, "/ctx/actor_agency"));
    }
    if r.guardians.len() > 2 {
        return Err(refuse(Code::GuardiansTooMany, "/guardians/2"));
    }
    if r.concern_areas.is_empty() {
        return Err(refuse(Code::CaseRequiredFieldEmpty, "/concern_areas"));
    }
    let sharing = SharingCase {
        schema_version: SHARING_CASE_SCHEMA_VERSION,
        case_id: r.case_id.clone(),
        child: r.child.clone(),
        guardians: r.guardians.clone(),
        agencies: r.agencies.clone(),
        consents: Vec::new(),
        withdrawals: Vec::new(),
        refusals: Vec::new(),
        legal_grounds: Vec::new(),
        gdpr_basis: None,
        ext: None,
    };
    let case = Case {
        case_id: r.case_id.clone(),
        state: Raised,
        paused_from: None,
        raised_at: ctx.now,
        raised_by: r.raised_by.clone(),
        concern_areas: r.concern_areas.clone(),
        suggested_level: r.suggested_level,
        sharing,
        consent_at: None,
        first_meeting_at: None,
        follow_up: Default::default(),
        needs: Vec::new(),
        interventions: Vec::new(),
        last_meeting_at: None,
        followed_up: false,
        sip_indicated_at: None,
        sip_id: None,
        reports_of_concern: Vec::new(),
        close_reason: None,
        last_event_at: ctx.now,
    };
    Ok(Applied { case, warnings: Vec::new() })
}

fn known_agency(case: &Case, id: &str, path: &'static str) -> Result<(), Refusal> {
    case.sharing.agency(id).map(|_| ()).ok_or((Code::CaseUnknownReference, path, Vec::new()))
}

fn need_index(case: &Case, id: &str, ids: &Ids) -> Result<usize, Refusal> {
    ids.need(case, id).ok_or((Code::CaseUnknownReference, "/need_id", Vec::new()))
}

fn need_mut<'a>(case: &'a mut Case, id: &str, ids: &Ids) -> Result<&'a mut Need, Refusal> {
    let i = need_index(case, id, ids)?;
    case.needs.get_mut(i).ok_or((Code::CaseUnknownReference, "/need_id", Vec::new()))
}

/// The event's effect on the case (state changes are the table's).
fn change(case: &mut Case, event: &CaseEvent, ctx: &EventContext, ids: &mut Ids) -> Result<Vec<Finding>, Refusal> {
    match event {
        CaseEvent::Raise(_) => Err((Code::CaseMustStartWithRaise, "", Vec::new())),
        CaseEvent::StartDeIdentifiedConsultation {}
        | CaseEvent::RequestConsent {}
        | CaseEvent::DeclineConsent {}
        | CaseEvent::RecordFollowUp { .. } => Ok(Vec::new()),
        CaseEvent::RecordConsent { consent } => {
            if case.sharing.consents.iter().any(|c| c.id == consent.id) {
                return Err((Code::CaseDuplicateId, "/consent/id", Vec::new()));
            }
            case.sharing.consents.push(consent.clone());
            case.consent_at.get_or_insert(ctx.now);
            Ok(Vec::new())
        }
        CaseEvent::WithdrawConsent { withdrawal } => {
            if !case.sharing.consents.iter().any(|c| c.id == withdrawal.consent) {
                return Err((Code::CaseUnknownReference, "/withdrawal/consent", Vec::new()));
            }
            // It takes effect at its own instant, which the log must already have reached and
            // not yet passed: never before the previous event, never after this one.
            if withdrawal.at > ctx.now || withdrawal.at < case.last_event_at {
                return Err((Code::CaseWithdrawalTime, "/withdrawal/at", Vec::new()));
            }
            case.sharing.withdrawals.push(withdrawal.clone());
            Ok(Vec::new())
        }
        CaseEvent::FirstMeeting { child_view, guardians_invited, guardians_not_invited_reason, .. } => {
            let view = match child_view {
                ChildView::Recorded(s) | ChildView::NotRecorded(s) => s,
            };
            if view.trim().is_empty() {
                return Err((Code::CaseChildViewMissing, "/child_view", Vec::new()));
            }
            case.last_meeting_at = Some(ctx.now);
            case.first_meeting_at.get_or_insert(ctx.now);
            let reasoned = guardians_not_invited_reason.as_deref().is_some_and(|r| !r.trim().is_empty());
            Ok(if *guardians_invited || reasoned {
                Vec::new()
            } else {
                vec![Finding::new(Code::CaseGuardiansNotInvited, "/guardians_invited")]
            })
        }
        CaseEvent::FollowUpMeeting { .. } => {
            case.last_meeting_at = Some(ctx.now);
            case.followed_up = true;
            Ok(Vec::new())
        }
        CaseEvent::AddNeed { need_id, area, level, accountable } => {
            if ids.need(case, need_id).is_some() {
                return Err((Code::CaseDuplicateId, "/need_id", Vec::new()));
            }
            known_agency(case, accountable, "/accountable")?;
            case.needs.push(Need {
                id: need_id.clone(),
                area: *area,
                level: *level,
                accountable: accountable.clone(),
                pending_handover: None,
                handed_over: false,
                declined_handovers: 0,
            });
            ids.need_added(case);
            Ok(Vec::new())
        }
        CaseEvent::StartIntervention { intervention } => start_intervention(case, intervention, ctx, ids),
        CaseEvent::EndIntervention { intervention_id } => {
            let unknown = || (Code::CaseUnknownReference, "/intervention_id", Vec::new());
            let at = ids.intervention(case, intervention_id).ok_or_else(unknown)?;
            let iv = case.interventions.get_mut(at).ok_or_else(unknown)?;
            if iv.ended_at.is_some() {
                return Err((Code::CaseEventNotAllowed, "/intervention_id", Vec::new()));
            }
            iv.ended_at = Some(ctx.now);
            ids.intervention_ended(&iv.responsible_agency);
            Ok(Vec::new())
        }
        CaseEvent::OfferHandover { need_id, to } => {
            known_agency(case, to, "/to")?;
            let need = need_mut(case, need_id, ids)?;
            let why = if ctx.actor_agency != need.accountable {
                Some("only the accountable agency offers a handover")
            } else if &need.accountable == to {
                Some("the need is offered to the agency already accountable")
            } else if need.pending_handover.is_some() {
                Some("a handover is already offered")
            } else {
                None
            };
            if let Some(why) = why {
                return Err((Code::CaseHandoverInvalid, "/to", vec![("why", why.to_owned())]));
            }
            need.pending_handover = Some(PendingHandover { to: to.clone(), offered_at: ctx.now });
            Ok(Vec::new())
        }
        CaseEvent::AcceptHandover { need_id } | CaseEvent::DeclineHandover { need_id, .. } => {
            if let CaseEvent::DeclineHandover { reason, .. } = event {
                required_text(reason, "/reason")?;
            }
            let need = need_mut(case, need_id, ids)?;
            let pending = need.pending_handover.take().ok_or((
                Code::CaseHandoverInvalid,
                "/need_id",
                vec![("why", "no handover is offered".to_owned())],
            ))?;
            if pending.to != ctx.actor_agency {
                return Err((
                    Code::CaseHandoverInvalid,
                    "/need_id",
                    vec![("why", "only the offered agency answers".to_owned())],
                ));
            }
            if matches!(event, CaseEvent::AcceptHandover { .. }) {
                // Accountability passes only now (R-RS-2), never leaving the need unassigned.
                need.accountable = pending.to;
                need.handed_over = true;
            } else {
                need.declined_handovers = need.declined_handovers.saturating_add(1);
            }
            Ok(Vec::new())
        }
        CaseEvent::Escalate { need_id, to, reason } => change_level(case, need_id, *to, reason, true, ids),
        CaseEvent::Deescalate { need_id, to, reason } => change_level(case, need_id, *to, reason, false, ids),
        CaseEvent::EstablishSip { sip_id } => {
            case.sip_id = Some(sip_id.clone());
            Ok(Vec::new())
        }
        CaseEvent::ReportOfConcern {} => {
            case.reports_of_concern.push(ctx.now);
            Ok(Vec::new())
        }
        CaseEvent::Close { reason } => close(case, *reason),
    }
}

/// The measures a meeting or follow-up records (R-FU-1): checked, tracked, and what follow-up
/// notices and suggests (R-FU-2 … R-FU-4) as warnings. A suggestion never changes the state.
fn follow_up(
    case: &mut Case,
    event: &CaseEvent,
    ctx: &EventContext,
    policy: &Policy,
    ids: &Ids,
) -> Result<Vec<Finding>, TransitionError> {
    let (CaseEvent::FirstMeeting { measures: Some(m), .. } | CaseEvent::RecordFollowUp { measures: Some(m), .. }) =
        event
    else {
        return Ok(Vec::new());
    };
    let refuse = |f: Finding| {
        let e = TransitionError::new(Some(case.state), event, f.code, &f.path);
        f.params.iter().fold(e, |e, (k, v)| e.detail(k, v))
    };
    if let Some(f) = crate::followup::check_measures(m, "/measures").into_iter().next() {
        return Err(refuse(f));
    }
    if let Some(i) = m.goals.iter().position(|g| ids.intervention(case, &g.intervention).is_none()) {
        return Err(refuse(Finding::new(Code::CaseUnknownReference, format!("/measures/goals/{i}/intervention"))));
    }
    let mut out = crate::followup::notices(m, "/measures", &policy.followup);
    let birth = case.sharing.child.birth_date;
    out.extend(crate::followup::record(&mut case.follow_up, m, ctx.now, birth, policy));
    Ok(out)
}

/// A required text must say something (R-RS-3 reasons, R-RS-2 decline reasons).
fn required_text(text: &str, path: &'static str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        return Err((Code::CaseRequiredFieldEmpty, path, Vec::new()));
    }
    Ok(())
}

fn change_level(
    case: &mut Case,
    need_id: &str,
    to: Level,
    reason: &str,
    up: bool,
    ids: &Ids,
) -> Result<Vec<Finding>, Refusal> {
    required_text(reason, "/reason")?;
    let need = need_mut(case, need_id, ids)?;
    let ok = if up { to > need.level } else { to < need.level };
    if !ok {
        return Err((Code::CaseLevelDirection, "/to", vec![("direction", if up { "up" } else { "down" }.to_owned())]));
    }
    need.level = to;
    Ok(Vec::new())
}

fn start_intervention(
    case: &mut Case,
    iv: &super::Intervention,
    ctx: &EventContext,
    ids: &mut Ids,
) -> Result<Vec<Finding>, Refusal> {
    if ids.intervention(case, &iv.id).is_some() {
        return Err((Code::CaseDuplicateId, "/intervention/id", Vec::new()));
    }
    need_index(case, &iv.need, ids).map_err(|_| (Code::CaseUnknownReference, "/intervention/need", Vec::new()))?;
    known_agency(case, &iv.responsible_agency, "/intervention/responsible_agency")?;
    if iv.goal.trim().is_empty() {
        return Err((Code::CaseInterventionIncomplete, "/intervention/goal", vec![("field", "goal".to_owned())]));
    }
    if iv.next_follow_up < iv.start {
        return Err((
            Code::CaseInterventionIncomplete,
            "/intervention/next_follow_up",
            vec![("field", "a follow-up date after the start".to_owned())],
        ));
    }
    let mut started = iv.clone();
    started.ended_at = None;
    case.interventions.push(started);
    ids.intervention_added(case);
    case.followed_up = false;
    if case.sip_indicated_at.is_none()
        && crate::sip::sip_indicated(&case.sharing.agencies, ids.running_agencies(case)).is_some()
    {
        case.sip_indicated_at = Some(ctx.now);
    }
    Ok(Vec::new())
}

fn close(case: &mut Case, reason: super::CloseReason) -> Result<Vec<Finding>, Refusal> {
    let open: Vec<&str> = case
        .needs
        .iter()
        .filter(|n| {
            let ivs: Vec<_> = case.interventions.iter().filter(|i| i.need == n.id).collect();
            let ended = !ivs.is_empty() && ivs.iter().all(|i| i.ended_at.is_some());
            !(ended || n.handed_over)
        })
        .map(|n| n.id.as_str())
        .collect();
    if !open.is_empty() {
        return Err((Code::CaseCloseOpenNeeds, "/reason", vec![("needs", open.join(", "))]));
    }
    case.close_reason = Some(reason);
    let worked = !case.interventions.is_empty();
    Ok(if worked && !case.followed_up { vec![Finding::new(Code::CaseClosingFollowupMissing, "")] } else { Vec::new() })
}

/// Places a refusal's path inside its log entry at `entry` (`/3`, `/entry`): fields of the
/// context under the entry, everything else under its event.
pub(crate) fn located(mut e: TransitionError, entry: &str) -> TransitionError {
    e.path = if e.path.starts_with("/ctx") { format!("{entry}{}", e.path) } else { format!("{entry}/event{}", e.path) };
    e
}

/// Places a warning inside its log entry at `entry`: a field of the event under `/event`, the
/// event as a whole at the entry itself.
fn warning_at(mut w: Finding, entry: &str) -> Finding {
    w.path = if w.path.is_empty() { entry.to_owned() } else { format!("{entry}/event{}", w.path) };
    w
}

/// The warnings of one entry given as JSON, rendered: one about a field points into the entry,
/// one about the whole event keeps the empty path.
pub(crate) fn entry_warnings(warnings: Vec<Finding>, lang: crate::Lang) -> Vec<Finding> {
    let placed = warnings.into_iter().map(|w| if w.path.is_empty() { w } else { warning_at(w, "/entry") });
    crate::finding::Report::new(placed.collect(), lang).findings
}

/// Replays a log, calling `step` after each applied event with the state before it.
pub(crate) fn replay_with(
    log: &[LogEntry],
    policy: &Policy,
    mut step: impl FnMut(&LogEntry, Option<CaseState>, &Case),
) -> Result<Applied, TransitionError> {
    // One case, changed in place event by event: replay is linear in the log (a refusal
    // ends the replay, so a partly changed case is never seen).
    let mut current: Option<Case> = None;
    let mut ids = Ids::Scan;
    let mut warnings = Vec::new();
    for (i, entry) in log.iter().enumerate() {
        let before = current.as_ref().map(|c| c.state);
        let found = match current.as_mut() {
            Some(case) => apply_to(case, &entry.event, &entry.ctx, policy, &mut ids),
            None => apply(None, &entry.event, &entry.ctx, policy).map(|applied| {
                // The index lives as long as this replay, beside the one case it changes.
                ids = Ids::indexed(&applied.case);
                current = Some(applied.case);
                applied.warnings
            }),
        };
        let found = found.map_err(|e| located(e, &format!("/{i}")))?;
        warnings.extend(found.into_iter().map(|w| warning_at(w, &format!("/{i}"))));
        if let Some(case) = &current {
            step(entry, before, case);
        }
    }
    match current {
        Some(case) => Ok(Applied { case, warnings }),
        None => Err(TransitionError {
            from: None,
            event: EventKind::Raise,
            code: Code::CaseMustStartWithRaise,
            path: String::new(),
            details: Default::default(),
        }),
    }
}

/// Replays a log (R-CP-8): the same log always gives the same case. A refused event is
/// reported with its index in the path (`/3/event…`).
pub fn replay(log: &[LogEntry], policy: &Policy) -> Result<Applied, TransitionError> {
    replay_with(log, policy, |_, _, _| {})
}

/// The transition table as a Mermaid state diagram (docs/case-process.md is this output).
pub fn mermaid() -> String {
    let mut out = String::from("stateDiagram-v2\n    [*] --> Raised: Raise\n");
    for (from, event, target) in transition_table() {
        match target {
            To(to) => out.push_str(&format!("    {from:?} --> {to:?}: {event}\n")),
            Resume => {
                for to in [Planning, Active, FollowUp] {
                    out.push_str(&format!("    {from:?} --> {to:?}: {event} (resume)\n"));
                }
            }
            ByDecision => {
                out.push_str(&format!("    {from:?} --> Active: {event} (continue, adjust, escalate, de-escalate)\n"));
            }
            PauseUnlessCarried => {
                out.push_str(&format!("    {from:?} --> Paused: {event} (when no consent carries the case)\n"));
            }
            Stay => {}
        }
    }
    out.push_str("    Closed --> [*]\n");
    out
}
