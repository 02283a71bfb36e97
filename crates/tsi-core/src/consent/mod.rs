//! Consent and information sharing (SPEC §5): who may share what with whom, on which
//! basis. The records here are the case's consent history; [`decide::may_share`] is the one
//! sharing decision and [`validate::validate_sharing_case`] checks the records themselves.
//!
//! Persons are referred to by the document's own references (`{"Guardian": "g1"}`,
//! `"Child"`), and every reason points at them by JSON Pointer, never by value (R-PD-1).

pub mod decide;
pub mod form;
pub mod matrix;
pub mod plan;
mod references;
pub mod remedy;
pub mod validate;

pub use crate::category::InformationCategory;

use crate::named::named_enum;
use serde::{Deserialize, Serialize};

use crate::agency::{Agency, AgencyKind};
use crate::finding::Code;
use crate::reference::{each, one};
use crate::time::Instant;

/// The child the case is about. Only the birth date is needed: ages are computed at the
/// decision instant (R-ID-2).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// Date of birth.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    #[cfg_attr(feature = "schema", schemars(with = "chrono::NaiveDate"))]
    pub birth_date: chrono::NaiveDate,
}

named_enum! {
    /// What makes a person a guardian with custody (R-ID-3). Foster parents and other
    /// relatives are not guardians: they take part as participants, never as consent givers.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum GuardianKind {
        /// A parent with custody (joint or sole).
        Parent,
        /// A specially appointed guardian (särskilt förordnad vårdnadshavare).
        SpeciallyAppointed,
    }
}

/// A guardian with custody (R-ID-3).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Guardian {
    /// The document's reference for this guardian (not a personal identifier).
    pub id: String,
    /// Parent or specially appointed guardian.
    pub kind: GuardianKind,
    /// False when the guardian cannot be reached; such a guardian does not consent (R-CN-3).
    #[serde(default = "yes")]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub reachable: bool,
}

fn yes() -> bool {
    true
}

/// Who gives (or withdraws, or refuses) consent.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Giver {
    /// A guardian, by the guardian's `id`.
    Guardian(String),
    /// The child.
    Child,
}

/// How the consent was given (R-CN-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum ConsentForm {
    /// In writing.
    Written,
    /// Orally, documented by a named staff member.
    OralDocumented {
        /// The staff member's reference.
        documented_by: String,
    },
}

/// One giver of a consent, and the form.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ConsentGiver {
    /// Who.
    pub giver: Giver,
    /// Written, or oral and documented.
    pub form: ConsentForm,
}

/// A recipient of information: one agency, or every agency of a kind.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Recipient {
    /// One agency, by id.
    Agency(String),
    /// Every agency of a kind, e.g. `{"Kind": "ChildPsychiatry"}`.
    Kind(AgencyKind),
}

impl Recipient {
    /// Whether this recipient names the agency.
    pub fn covers(&self, agency: &Agency) -> bool {
        match self {
            Recipient::Agency(id) => id == &agency.id,
            Recipient::Kind(kind) => kind == &agency.kind,
        }
    }
}

/// What the information is shared for (R-CN-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// The joint TSI collaboration around the child.
    TsiCollaboration,
    /// A coordinated individual plan.
    Sip,
    /// One named meeting, by the meeting's id.
    SpecificMeeting(String),
}

/// A consent record (R-CN-1). Specific: it names recipients, categories and a purpose.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Consent {
    /// The record's id (a record reference, not a personal identifier).
    pub id: String,
    /// Everyone who gave it.
    pub givers: Vec<ConsentGiver>,
    /// Who may receive.
    pub recipients: Vec<Recipient>,
    /// Which information.
    pub categories: Vec<InformationCategory>,
    /// For what.
    pub purpose: Purpose,
    /// Valid from this instant (inclusive).
    pub valid_from: Instant,
    /// Valid until this instant (exclusive: at `valid_until` it has expired, R-CN-6).
    pub valid_until: Instant,
    /// When it was recorded.
    pub recorded_at: Instant,
    /// Who recorded it (staff reference).
    pub recorded_by: String,
    /// Vendor data, carried through untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ext: Option<serde_json::Map<String, serde_json::Value>>,
}

/// What a withdrawal takes back (R-CN-2).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub enum WithdrawalScope {
    /// The whole consent.
    Whole,
    /// One recipient.
    Recipient(Recipient),
    /// One category.
    Category(InformationCategory),
}

/// A withdrawal of (part of) a consent by one of its givers (R-CN-2). Never undone: only a
/// new consent supersedes it.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Withdrawal {
    /// The consent's id.
    pub consent: String,
    /// The giver who withdraws.
    pub by: Giver,
    /// When it takes effect.
    pub at: Instant,
    /// What is taken back.
    pub scope: WithdrawalScope,
}

/// A recorded refusal: the person was asked and said no. A refusal after a consent the
/// person gave withdraws that consent whole from the refusal on.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Refusal {
    /// Who refused.
    pub by: Giver,
    /// When.
    pub at: Instant,
}

/// The kind of a legal ground other than consent (R-CN-5).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
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

/// The scope of a legal ground: between which agencies, which categories, when.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GroundScope {
    /// The sending agency's id; absent means any agency.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub from: Option<String>,
    /// The receiving agency's id; absent means any agency.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub to: Option<String>,
    /// The categories it covers (at least one).
    pub categories: Vec<InformationCategory>,
    /// From this instant (inclusive).
    pub valid_from: Instant,
    /// Until this instant (exclusive); absent means open-ended.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub valid_until: Option<Instant>,
}

/// A recorded legal ground (R-CN-5): a fact someone assessed, never inferred by the library.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LegalGround {
    /// The record's id.
    pub id: String,
    /// Which ground.
    pub ground: LegalGroundKind,
    /// Who assessed it (staff reference).
    pub assessed_by: String,
    /// When it was assessed; it covers nothing before.
    pub assessed_at: Instant,
    /// The cited provision, e.g. `OSL 25 kap 12 §`.
    pub provision: String,
    /// What it covers.
    pub scope: GroundScope,
}

named_enum! {
    /// The GDPR legal basis of the processing (R-CN-7). A separate field from secrecy consent:
    /// the sharing decision never reads it.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq)]
    pub enum GdprBasis {
        /// Article 6.1 e: a task in the public interest.
        PublicTask,
        /// Article 6.1 c: a legal obligation.
        LegalObligation,
        /// Article 6.1 d: vital interests.
        VitalInterests,
        /// Article 6.1 a: GDPR consent, which is not secrecy consent either.
        Consent,
    }
}

/// Schema version of sharing-case documents.
pub const SHARING_CASE_SCHEMA_VERSION: u32 = 1;

/// Everything the sharing decision needs about one case (the consent history is append-only).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SharingCase {
    /// Always 1.
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub schema_version: u32,
    /// The case's reference.
    pub case_id: String,
    /// The child.
    pub child: Child,
    /// Guardians with custody: 0–2 (R-ID-3).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Guardian>>", optional))]
    pub guardians: Vec<Guardian>,
    /// The agencies taking part.
    pub agencies: Vec<Agency>,
    /// Consent records, in the order recorded.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Consent>>", optional))]
    pub consents: Vec<Consent>,
    /// Withdrawals, in the order recorded.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Withdrawal>>", optional))]
    pub withdrawals: Vec<Withdrawal>,
    /// Refusals, in the order recorded.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Refusal>>", optional))]
    pub refusals: Vec<Refusal>,
    /// Legal grounds other than consent.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<LegalGround>>", optional))]
    pub legal_grounds: Vec<LegalGround>,
    /// The GDPR basis of processing (R-CN-7); never read by the sharing decision.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub gdpr_basis: Option<GdprBasis>,
    /// Vendor data, carried through untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ext: Option<serde_json::Map<String, serde_json::Value>>,
}

impl SharingCase {
    /// Refuses references that hold a personal identity number (R-PD-1): the case id, agency
    /// and guardian ids, record ids and staff references are copied into decisions and audit
    /// records. `base` is the document's path (`/case`).
    pub fn check_references(&self, base: &str) -> crate::Result<()> {
        let hit = crate::id::contains_personal_number;
        let found = one("/case_id", &self.case_id, hit)
            .or_else(|| each("/agencies", &self.agencies, hit))
            .or_else(|| each("/guardians", &self.guardians, hit))
            .or_else(|| each("/consents", &self.consents, hit))
            .or_else(|| each("/withdrawals", &self.withdrawals, hit))
            .or_else(|| each("/refusals", &self.refusals, hit))
            .or_else(|| each("/legal_grounds", &self.legal_grounds, hit));
        match found {
            Some(path) => Err(crate::Error::new(Code::ReferenceIsPersonalNumber, format!("{base}{path}"))),
            None => Ok(()),
        }
    }

    /// The agency with an id.
    pub fn agency(&self, id: &str) -> Option<&Agency> {
        self.agencies.iter().find(|a| a.id == id)
    }

    /// JSON Pointer to a giver: `/child` or `/guardians/<index>` (`/guardians` if unknown).
    pub fn giver_path(&self, giver: &Giver) -> String {
        match giver {
            Giver::Child => "/child".to_owned(),
            Giver::Guardian(id) => match self.guardians.iter().position(|g| &g.id == id) {
                Some(i) => format!("/guardians/{i}"),
                None => "/guardians".to_owned(),
            },
        }
    }
}

#[cfg(test)]
mod tests;
