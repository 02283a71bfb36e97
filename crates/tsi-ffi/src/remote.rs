//! Mirrors of the core types that cross uniffi as records and enums. uniffi's remote types
//! generate the conversions from these declarations; the conversions name every field and
//! variant of the real type, so a mirror that no longer matches core does not compile.

use tsi_core::audit::{ChainReport, ChainStart};
use tsi_core::case::due::DueAction;
use tsi_core::case::{CaseState, EventKind};
use tsi_core::consent::decide::{Basis, Decision};
use tsi_core::consent::matrix::{Lapse, MatrixCell};
use tsi_core::consent::{InformationCategory, LegalGroundKind};
use tsi_core::finding::{Code, CodeKind, Finding, Params, Report, Severity};
use tsi_core::followup::Change;
use tsi_core::id::{IdCheck, IdKind};
use tsi_core::time::Instant;
use tsi_core::Lang;

use crate::types::IsoDate;

/// A language for messages.
#[uniffi::remote(Enum)]
pub enum Lang {
    /// Swedish, the default.
    Sv,
    /// English.
    En,
}

/// How serious a finding is. Errors make a document invalid; warnings and infos do not.
#[uniffi::remote(Enum)]
pub enum Severity {
    /// The document breaks a rule: it is not valid.
    Error,
    /// The document is valid but something deserves attention.
    Warning,
    /// A remark; nothing to fix.
    Info,
}

/// Whether a code is raised as an [`Error`](crate::Error) (input refused) or as a
/// [`Finding`] in a report (a rule about a well-formed document).
#[uniffi::remote(Enum)]
pub enum CodeKind {
    /// Raised as an error: the input could not be used at all.
    Error,
    /// Reported as a finding in a report.
    Finding,
}

/// One rule outcome about a document, pointing at the field by JSON Pointer.
#[uniffi::remote(Record)]
pub struct Finding {
    /// The registry code.
    pub code: Code,
    /// Severity, from the registry.
    pub severity: Severity,
    /// JSON Pointer into the input (`""` is the whole document).
    pub path: String,
    /// Message parameters.
    pub params: Params,
    /// The message in the report's language.
    pub message: String,
}

/// The result of validating a document: never thrown, always returned (R-SP-6).
#[uniffi::remote(Record)]
pub struct Report {
    /// True when no finding has severity `error`.
    pub valid: bool,
    /// All findings, sorted by path, then code string.
    pub findings: Vec<Finding>,
}

/// Which kind of number it is.
#[uniffi::remote(Enum)]
pub enum IdKind {
    /// Personnummer.
    PersonalNumber,
    /// Samordningsnummer: the day of birth plus 60.
    CoordinationNumber,
}

/// Everything a caller usually wants from one check: the number normalised, its kind,
/// the birth date and the age at the decision date.
#[uniffi::remote(Record)]
pub struct IdCheck {
    /// The 12-digit form without separator.
    pub normalized: String,
    /// Personal or coordination number.
    pub kind: IdKind,
    /// Date of birth.
    pub birth_date: IsoDate,
    /// Age in whole years at the date checked at.
    pub age: u32,
}

/// One thing due in a case.
#[uniffi::remote(Record)]
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

/// Where a verified chain begins.
#[uniffi::remote(Enum)]
pub enum ChainStart {
    /// At genesis: the first record has `seq` 0 and the genesis `prev_hash`. A whole log.
    Genesis,
    /// At the anchor the caller passed: the head hash of the previous segment.
    Anchor,
}

/// The result of checking a chain.
#[uniffi::remote(Record)]
pub struct ChainReport {
    /// True when every link holds, from genesis or from the anchor.
    pub valid: bool,
    /// Where the chain was required to begin.
    pub starts_at: ChainStart,
    /// How many records were checked (up to and including the first broken one).
    pub checked: u64,
    /// Index of the first broken record.
    pub first_broken: Option<u64>,
    /// What is wrong with it (path `/<index>`).
    pub finding: Option<Finding>,
    /// The hash of the last record of an intact chain: the anchor of the next segment. Keep
    /// it apart from the log: records cut off the end are found only against a kept head.
    pub head: Option<String>,
    /// Records checked that are of the earlier format (version 2): they verify as a chain, but
    /// their plain `subject_digest` can be confirmed by guessing what it was made of.
    pub legacy_records: u64,
}

/// The change between two measurements (R-FU-2).
#[uniffi::remote(Enum)]
pub enum Change {
    /// Reliably improved and crossed the clinical cut-off from below.
    Recovered,
    /// Reliably improved (by at least the reliable-change threshold).
    Improved,
    /// Less than the reliable-change threshold either way.
    Unchanged,
    /// Reliably deteriorated.
    Deteriorated,
}

/// The kind of a legal ground other than consent (R-CN-5).
#[uniffi::remote(Enum)]
pub enum LegalGroundKind {
    /// Mandatory report of concern to social services (orosanmälan): from any agency to
    /// social services, without consent, in every case state.
    ReportOfConcern,
    /// Uppgiftsskyldighet (OSL 10 kap 28 §).
    ObligationToProvide,
    /// A child at risk (OSL 25 kap 12 §, 26 kap 9 §).
    ChildAtRisk,
    /// Danger to life or health.
    Emergency,
    /// Another provision, with its citation.
    Other(String),
}

/// What an allowed decision rests on.
#[uniffi::remote(Enum)]
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

/// An information category (R-CN-1).
#[uniffi::remote(Enum)]
pub enum InformationCategory {
    /// Närvaro: school attendance.
    Attendance,
    /// Lärande: learning and school results.
    Learning,
    /// Hälsa: somatic health.
    Health,
    /// Psykisk hälsa.
    MentalHealth,
    /// Social situation.
    SocialSituation,
    /// Familjesituation.
    FamilySituation,
    /// Bedömningar: assessments and investigations.
    Assessments,
    /// Innehållet i en plan (e.g. a SIP).
    PlanContent,
}

/// The sharing decision: allowed or not, the basis, and the reasons.
#[uniffi::remote(Record)]
pub struct Decision {
    /// True only with a basis.
    pub allowed: bool,
    /// The basis when allowed.
    pub basis: Option<Basis>,
    /// Denied: every missing piece. Allowed: warnings only.
    pub reasons: Vec<Finding>,
}

/// One cell of a sharing matrix: may the sender share `category` with `to`?
#[uniffi::remote(Record)]
pub struct MatrixCell {
    /// The receiving agency's id.
    pub to: String,
    /// The information category.
    pub category: InformationCategory,
    /// The decision, exactly as `may_share` gives it.
    pub decision: Decision,
    /// When an allowed consent basis lapses (R-CN-6); absent when denied or when the basis
    /// does not expire.
    pub lapses: Option<Instant>,
}

/// The allowed cell of a sharing matrix whose basis lapses first.
#[uniffi::remote(Record)]
pub struct Lapse {
    /// The receiving agency's id.
    pub to: String,
    /// The information category.
    pub category: InformationCategory,
    /// When its basis lapses.
    pub at: Instant,
}

/// Where a case is (SPEC §6). The transition table is the contract.
#[uniffi::remote(Enum)]
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

/// The kind of a case event, without its data (R-CP-8): the transition table, the events
/// allowed next, a refusal and an audit record name events by it. Written as the event's
/// `type` (`"RecordConsent"`), so audit records hash as before.
#[uniffi::remote(Enum)]
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

// `Code` as an enum: the registry of tsi-core (its `codes!` entries) read by a macro that keeps
// only the variants and their docs, so the mirror cannot miss a code.
macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, $kind:expr, $rule:literal, sv: $sv:literal, en: $en:literal; )*) => {
        /// Every error and finding code the library produces (`codes()` gives each one's
        /// rule and messages). Stable: journal systems store and match on them.
        #[uniffi::remote(Enum)]
        pub enum Code {
            $( $(#[$doc])* $variant, )*
        }
    };
}

include!("../../tsi-core/src/finding/registry.rs");
