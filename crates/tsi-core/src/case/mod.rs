//! The case process (SPEC §3 responsibility, §6 process): a case is an event log.
//! [`transition::apply`] is pure and deterministic; [`transition::replay`] of a log gives the
//! same [`Case`]; a refused event gives a [`TransitionError`] and changes nothing. One
//! transition table drives `apply`, `allowed_events` and the Mermaid diagram in the docs.

pub mod coverage;
pub mod due;
mod ids;
pub mod transition;

#[cfg(test)]
pub(crate) mod tests;

use crate::named::named_enum;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agency::{Agency, Level};
use crate::consent::{Child, Consent, Guardian, InformationCategory, SharingCase, Withdrawal};
use crate::finding::{Code, Params};
use crate::followup::Measures;
use crate::i18n::{render, Lang};
use crate::reference::{each, one, within, Hit};
use crate::time::Instant;

pub use crate::category::ConcernArea;

named_enum! {
    /// Where a case is (SPEC §6). The transition table is the contract.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum CaseState {
        /// Raised to the joint team.
        Raised,
        /// Discussed without identity, before consent.
        DeIdentifiedConsultation,
        /// The family has been asked for consent.
        AwaitingConsent,
        /// Consent given; the first meeting is being planned.
        Planning,
        /// Interventions under way.
        Active,
        /// A follow-up meeting is being held.
        FollowUp,
        /// Consent withdrawn: no sharing; each agency continues only its own work (R-CP-5).
        Paused,
        /// The family declined.
        Declined,
        /// Closed.
        Closed,
    }
}

impl CaseState {
    /// Every state, in diagram order.
    pub const ALL: [CaseState; 9] = [
        CaseState::Raised,
        CaseState::DeIdentifiedConsultation,
        CaseState::AwaitingConsent,
        CaseState::Planning,
        CaseState::Active,
        CaseState::FollowUp,
        CaseState::Paused,
        CaseState::Declined,
        CaseState::Closed,
    ];

    /// States where the family is identified and consent has been given (R-CP-5).
    pub fn is_identified(self) -> bool {
        matches!(self, CaseState::Planning | CaseState::Active | CaseState::FollowUp)
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

named_enum! {
    /// The reason a case closes (R-CP-6).
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum CloseReason {
        /// The goals were met.
        GoalsMet,
        /// The family declined.
        Declined,
        /// Consent was withdrawn.
        ConsentWithdrawn,
        /// Handed over to an indicated-level or investigation process.
        HandedOver,
        /// The family moved.
        Moved,
        /// Another reason.
        Other,
    }
}

named_enum! {
    /// The decision of a follow-up meeting (R-CP-4).
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum FollowUpDecision {
        /// Go on as planned.
        Continue,
        /// Adjust the interventions.
        Adjust,
        /// Escalate a need (recorded with an Escalate event).
        Escalate,
        /// De-escalate a need (recorded with a Deescalate event).
        DeEscalate,
        /// Close the case (recorded with a Close event).
        Close,
    }
}

/// An intervention agreed for a need (R-CP-3).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Intervention {
    /// Reference within the case.
    pub id: String,
    /// The need it answers.
    pub need: String,
    /// The responsible agency's id.
    pub responsible_agency: String,
    /// Its level (R-LV-1).
    pub level: Level,
    /// Start date.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    pub start: NaiveDate,
    /// The goal.
    pub goal: String,
    /// The next follow-up date.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    pub next_follow_up: NaiveDate,
    /// When it ended.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ended_at: Option<Instant>,
}

/// A handover offered and not yet answered (R-RS-2).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct PendingHandover {
    /// The agency offered the need.
    pub to: String,
    /// When it was offered.
    pub offered_at: Instant,
}

/// A need in the case, with exactly one accountable agency (R-RS-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Need {
    /// Reference within the case.
    pub id: String,
    /// The area of concern.
    pub area: ConcernArea,
    /// Its current level (R-LV-1, R-RS-3).
    pub level: Level,
    /// The one accountable agency (R-RS-1): never empty.
    pub accountable: String,
    /// A handover offered and not yet answered (R-RS-2).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub pending_handover: Option<PendingHandover>,
    /// Whether the need was handed over and accepted (counts as resolved at close).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub handed_over: bool,
    /// Handovers declined so far (R-ST-2).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<u32>", optional))]
    pub declined_handovers: u32,
}

/// The state value of a case: everything `apply` needs, and nothing more.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The case's reference.
    pub case_id: String,
    /// Where the case is.
    pub state: CaseState,
    /// The state to resume after a pause (R-CP-5).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub paused_from: Option<CaseState>,
    /// When it was raised.
    pub raised_at: Instant,
    /// The raising agency's id.
    pub raised_by: String,
    /// The areas of concern.
    pub concern_areas: Vec<ConcernArea>,
    /// The suggested level.
    pub suggested_level: Level,
    /// The consent history and everything sharing decisions need (SPEC §5).
    pub sharing: SharingCase,
    /// When consent was first recorded (R-CP-9).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub consent_at: Option<Instant>,
    /// Needs (R-RS-1).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Need>>", optional))]
    pub needs: Vec<Need>,
    /// Interventions.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Intervention>>", optional))]
    pub interventions: Vec<Intervention>,
    /// The first identified meeting (R-ST-1 consent → first meeting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub first_meeting_at: Option<Instant>,
    /// Follow-up measures so far (R-FU-2, R-FU-4).
    #[serde(default, skip_serializing_if = "crate::followup::Track::is_empty")]
    #[cfg_attr(feature = "ts", ts(as = "Option<crate::followup::Track>", optional))]
    pub follow_up: crate::followup::Track,
    /// The last identified meeting (R-CP-9 follow-up interval).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub last_meeting_at: Option<Instant>,
    /// Whether a follow-up meeting has been held since the last active period (R-CP-6).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub followed_up: bool,
    /// When a SIP became indicated (R-SP-0), and whether one is established.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub sip_indicated_at: Option<Instant>,
    /// The SIP's id, once established.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub sip_id: Option<String>,
    /// Reports of concern made (R-CP-7), as instants.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Instant>>", optional))]
    pub reports_of_concern: Vec<Instant>,
    /// The close reason.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub close_reason: Option<CloseReason>,
    /// The last event's instant (events must not go back in time).
    pub last_event_at: Instant,
}

/// The raise of a case (R-CP-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Raise {
    /// The case's reference.
    pub case_id: String,
    /// The raising agency's id (must be one of `agencies`).
    pub raised_by: String,
    /// Areas of concern (at least one).
    pub concern_areas: Vec<ConcernArea>,
    /// The suggested level.
    pub suggested_level: Level,
    /// The child.
    pub child: Child,
    /// Guardians with custody (0–2).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Guardian>>", optional))]
    pub guardians: Vec<Guardian>,
    /// The agencies of the joint team.
    pub agencies: Vec<Agency>,
}

/// The child's view at the first meeting (R-CP-3): recorded, or a reason why not.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum ChildView {
    /// The view, as recorded.
    Recorded(String),
    /// Why it is not recorded.
    NotRecorded(String),
}

crate::reading::tag_first::tagged_enum! {
tag = "type", name = "CaseEvent";
/// Every event of a case log (R-CP-8). Events without data are empty struct variants so
/// that unknown fields are refused for them too (serde ignores extra keys of unit variants).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", deny_unknown_fields)]
pub enum CaseEvent {
    /// Any agency raises a child/family (R-CP-1).
    Raise(Raise),
    /// Discuss the case without identity (R-DI-1).
    StartDeIdentifiedConsultation {},
    /// Ask the family for consent.
    RequestConsent {},
    /// Record a consent (also resumes a paused case, R-CP-5).
    RecordConsent {
        /// The consent.
        consent: Consent,
    },
    /// The family declines.
    DeclineConsent {},
    /// A giver withdraws consent (R-CP-5 pauses identified states).
    WithdrawConsent {
        /// The withdrawal.
        withdrawal: Withdrawal,
    },
    /// The first identified meeting: plan and offer interventions (R-CP-2, R-CP-3).
    FirstMeeting {
        /// The meeting's reference.
        meeting_id: String,
        /// Participating agencies' ids.
        participants: Vec<String>,
        /// Whether the guardians were invited.
        guardians_invited: bool,
        /// Why the guardians were not invited (a warning when they were not and this is absent).
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        guardians_not_invited_reason: Option<String>,
        /// The child's view, or why not.
        child_view: ChildView,
        /// The information categories discussed; absent: those of the case's concern areas.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        categories: Option<Vec<InformationCategory>>,
        /// Baseline measures (R-FU-1), the "before" of follow-up.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        measures: Option<Measures>,
    },
    /// A need, with its accountable agency (R-RS-1).
    AddNeed {
        /// Reference within the case.
        need_id: String,
        /// The area of concern.
        area: ConcernArea,
        /// The level.
        level: Level,
        /// The accountable agency's id.
        accountable: String,
    },
    /// An intervention starts (R-CP-3, R-CP-4).
    StartIntervention {
        /// The intervention.
        intervention: Intervention,
    },
    /// An intervention ends.
    EndIntervention {
        /// Its id.
        intervention_id: String,
    },
    /// Offer a need to another agency (R-RS-2, phase 1).
    OfferHandover {
        /// The need.
        need_id: String,
        /// The agency offered it.
        to: String,
    },
    /// The offered agency accepts (phase 2); it becomes accountable.
    AcceptHandover {
        /// The need.
        need_id: String,
    },
    /// The offered agency declines; the offering agency stays accountable.
    DeclineHandover {
        /// The need.
        need_id: String,
        /// Why (free text for the journal; never in findings).
        reason: String,
    },
    /// Raise a need's level (R-RS-3).
    Escalate {
        /// The need.
        need_id: String,
        /// The new level.
        to: Level,
        /// Why.
        reason: String,
    },
    /// Lower a need's level (R-RS-3).
    Deescalate {
        /// The need.
        need_id: String,
        /// The new level.
        to: Level,
        /// Why.
        reason: String,
    },
    /// A follow-up meeting with its measures' decision (R-CP-4).
    FollowUpMeeting {
        /// The meeting's reference.
        meeting_id: String,
        /// Participating agencies' ids.
        participants: Vec<String>,
        /// The information categories discussed; absent: those of the case's concern areas.
        #[serde(default)]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        categories: Option<Vec<InformationCategory>>,
    },
    /// The follow-up's decision.
    RecordFollowUp {
        /// Continue, adjust, escalate, de-escalate or close.
        decision: FollowUpDecision,
        /// The measures of this follow-up (R-FU-1).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "ts", ts(optional = nullable))]
        measures: Option<Measures>,
    },
    /// A SIP is established (R-SP-0).
    EstablishSip {
        /// The SIP's reference.
        sip_id: String,
    },
    /// A report of concern to social services: any state, no consent, no state change (R-CP-7).
    ReportOfConcern {},
    /// Close the case (R-CP-6).
    Close {
        /// Why.
        reason: CloseReason,
    },
}}

impl CaseEvent {
    /// The path of the first reference the event carries for which `hit` holds: references
    /// are what the library copies into the case, findings and audit records (free texts are
    /// not references). Only that one path is written: this runs for every event applied.
    pub fn find_reference(&self, hit: impl Hit) -> Option<String> {
        match self {
            CaseEvent::Raise(r) => one("/case_id", &r.case_id, hit)
                .or_else(|| one("/raised_by", &r.raised_by, hit))
                .or_else(|| each("/agencies", &r.agencies, hit))
                .or_else(|| each("/guardians", &r.guardians, hit)),
            CaseEvent::RecordConsent { consent } => within("/consent", consent, hit),
            CaseEvent::WithdrawConsent { withdrawal } => within("/withdrawal", withdrawal, hit),
            CaseEvent::FirstMeeting { meeting_id, participants, .. }
            | CaseEvent::FollowUpMeeting { meeting_id, participants, .. } => {
                one("/meeting_id", meeting_id, hit).or_else(|| each("/participants", participants, hit))
            }
            CaseEvent::AddNeed { need_id, accountable, .. } => {
                one("/need_id", need_id, hit).or_else(|| one("/accountable", accountable, hit))
            }
            CaseEvent::StartIntervention { intervention: iv } => one("/intervention/id", &iv.id, hit)
                .or_else(|| one("/intervention/need", &iv.need, hit))
                .or_else(|| one("/intervention/responsible_agency", &iv.responsible_agency, hit)),
            CaseEvent::EndIntervention { intervention_id } => one("/intervention_id", intervention_id, hit),
            CaseEvent::OfferHandover { need_id, to } => one("/need_id", need_id, hit).or_else(|| one("/to", to, hit)),
            CaseEvent::AcceptHandover { need_id }
            | CaseEvent::DeclineHandover { need_id, .. }
            | CaseEvent::Escalate { need_id, .. }
            | CaseEvent::Deescalate { need_id, .. } => one("/need_id", need_id, hit),
            CaseEvent::EstablishSip { sip_id } => one("/sip_id", sip_id, hit),
            CaseEvent::RecordFollowUp { measures, .. } => measures.as_ref().and_then(|m| within("/measures", m, hit)),
            CaseEvent::StartDeIdentifiedConsultation {}
            | CaseEvent::RequestConsent {}
            | CaseEvent::DeclineConsent {}
            | CaseEvent::ReportOfConcern {}
            | CaseEvent::Close { .. } => None,
        }
    }

    /// The event's kind: what the transition table is keyed by.
    pub fn kind(&self) -> EventKind {
        match self {
            CaseEvent::Raise(_) => EventKind::Raise,
            CaseEvent::StartDeIdentifiedConsultation {} => EventKind::StartDeIdentifiedConsultation,
            CaseEvent::RequestConsent {} => EventKind::RequestConsent,
            CaseEvent::RecordConsent { .. } => EventKind::RecordConsent,
            CaseEvent::DeclineConsent {} => EventKind::DeclineConsent,
            CaseEvent::WithdrawConsent { .. } => EventKind::WithdrawConsent,
            CaseEvent::FirstMeeting { .. } => EventKind::FirstMeeting,
            CaseEvent::AddNeed { .. } => EventKind::AddNeed,
            CaseEvent::StartIntervention { .. } => EventKind::StartIntervention,
            CaseEvent::EndIntervention { .. } => EventKind::EndIntervention,
            CaseEvent::OfferHandover { .. } => EventKind::OfferHandover,
            CaseEvent::AcceptHandover { .. } => EventKind::AcceptHandover,
            CaseEvent::DeclineHandover { .. } => EventKind::DeclineHandover,
            CaseEvent::Escalate { .. } => EventKind::Escalate,
            CaseEvent::Deescalate { .. } => EventKind::Deescalate,
            CaseEvent::FollowUpMeeting { .. } => EventKind::FollowUpMeeting,
            CaseEvent::RecordFollowUp { .. } => EventKind::RecordFollowUp,
            CaseEvent::EstablishSip { .. } => EventKind::EstablishSip,
            CaseEvent::ReportOfConcern {} => EventKind::ReportOfConcern,
            CaseEvent::Close { .. } => EventKind::Close,
        }
    }

    /// The event's name, as written in a log's `type`.
    pub fn name(&self) -> &'static str {
        self.kind().as_str()
    }
}

/// The kind of a case event, without its data (R-CP-8): the transition table, the events
/// allowed next, a refusal and an audit record name events by it. Written as the event's
/// `type` (`"RecordConsent"`), so audit records hash as before.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    /// `Raise`.
    Raise,
    /// `StartDeIdentifiedConsultation`.
    StartDeIdentifiedConsultation,
    /// `RequestConsent`.
    RequestConsent,
    /// `RecordConsent`.
    RecordConsent,
    /// `DeclineConsent`.
    DeclineConsent,
    /// `WithdrawConsent`.
    WithdrawConsent,
    /// `FirstMeeting`.
    FirstMeeting,
    /// `AddNeed`.
    AddNeed,
    /// `StartIntervention`.
    StartIntervention,
    /// `EndIntervention`.
    EndIntervention,
    /// `OfferHandover`.
    OfferHandover,
    /// `AcceptHandover`.
    AcceptHandover,
    /// `DeclineHandover`.
    DeclineHandover,
    /// `Escalate`.
    Escalate,
    /// `Deescalate`.
    Deescalate,
    /// `FollowUpMeeting`.
    FollowUpMeeting,
    /// `RecordFollowUp`.
    RecordFollowUp,
    /// `EstablishSip`.
    EstablishSip,
    /// `ReportOfConcern`.
    ReportOfConcern,
    /// `Close`.
    Close,
}

impl EventKind {
    /// Every kind, in the order of SPEC §6.
    pub const ALL: [EventKind; 20] = [
        EventKind::Raise,
        EventKind::StartDeIdentifiedConsultation,
        EventKind::RequestConsent,
        EventKind::RecordConsent,
        EventKind::DeclineConsent,
        EventKind::WithdrawConsent,
        EventKind::FirstMeeting,
        EventKind::AddNeed,
        EventKind::StartIntervention,
        EventKind::EndIntervention,
        EventKind::OfferHandover,
        EventKind::AcceptHandover,
        EventKind::DeclineHandover,
        EventKind::Escalate,
        EventKind::Deescalate,
        EventKind::FollowUpMeeting,
        EventKind::RecordFollowUp,
        EventKind::EstablishSip,
        EventKind::ReportOfConcern,
        EventKind::Close,
    ];

    /// The kind's name, as written in a log's `type`.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Raise => "Raise",
            EventKind::StartDeIdentifiedConsultation => "StartDeIdentifiedConsultation",
            EventKind::RequestConsent => "RequestConsent",
            EventKind::RecordConsent => "RecordConsent",
            EventKind::DeclineConsent => "DeclineConsent",
            EventKind::WithdrawConsent => "WithdrawConsent",
            EventKind::FirstMeeting => "FirstMeeting",
            EventKind::AddNeed => "AddNeed",
            EventKind::StartIntervention => "StartIntervention",
            EventKind::EndIntervention => "EndIntervention",
            EventKind::OfferHandover => "OfferHandover",
            EventKind::AcceptHandover => "AcceptHandover",
            EventKind::DeclineHandover => "DeclineHandover",
            EventKind::Escalate => "Escalate",
            EventKind::Deescalate => "Deescalate",
            EventKind::FollowUpMeeting => "FollowUpMeeting",
            EventKind::RecordFollowUp => "RecordFollowUp",
            EventKind::EstablishSip => "EstablishSip",
            EventKind::ReportOfConcern => "ReportOfConcern",
            EventKind::Close => "Close",
        }
    }
}

// Written and read as its name by hand: serde's derive writes a visitor per reader and writer,
// and this enum is read in every audit record (measured: +8 KB of wasm with the derive).
impl Serialize for EventKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventKind {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        EventKind::ALL.into_iter().find(|k| k.as_str() == name).ok_or_else(|| {
            const NAMES: &[&str] = &["an event's name (Raise, RecordConsent, …)"];
            serde::de::Error::unknown_variant(&name, NAMES)
        })
    }
}

impl std::fmt::Display for EventKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Who and when, for every event (time is a parameter, never read from a clock).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EventContext {
    /// When the event happens.
    pub now: Instant,
    /// Who records it (staff reference).
    pub actor: String,
    /// The actor's agency id (must be one of the case's agencies).
    pub actor_agency: String,
}

/// One entry of a case log.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// Who and when.
    pub ctx: EventContext,
    /// What.
    pub event: CaseEvent,
}

/// A refused event (R-CP-8): the state it was refused in, the event, a code and details.
/// The case is unchanged.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TransitionError {
    /// The state the event was refused in (`None` before Raise).
    pub from: Option<CaseState>,
    /// The event's kind.
    pub event: EventKind,
    /// Why.
    pub code: Code,
    /// Where in the event (JSON Pointer).
    pub path: String,
    /// Message parameters (ids of agencies and needs, never personal data).
    pub details: Params,
}

impl TransitionError {
    pub(crate) fn new(from: Option<CaseState>, event: &CaseEvent, code: Code, path: &str) -> Self {
        let mut details = Params::new();
        details.insert("event".into(), event.name().into());
        details.insert("state".into(), from.map_or_else(|| "none".to_owned(), |s| s.to_string()));
        TransitionError { from, event: event.kind(), code, path: path.to_owned(), details }
    }

    pub(crate) fn detail(mut self, key: &str, value: impl ToString) -> Self {
        self.details.insert(key.to_owned(), value.to_string());
        self
    }

    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        render(self.code.info().template(lang), &self.details, &self.path, lang)
    }

    /// As the library's [`crate::Error`] (for the bindings).
    pub fn into_error(self) -> crate::Error {
        self.details.iter().fold(crate::Error::new(self.code, self.path), |e, (k, v)| e.param(k, v))
    }
}

impl fmt::Display for TransitionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Lang::En))
    }
}

impl std::error::Error for TransitionError {}
