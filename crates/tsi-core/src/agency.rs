//! Agencies, principals and intervention levels (R-AG-1, R-LV-1).
//!
//! School and social services of one municipality are different agencies (different
//! committees, so secrecy applies between them), and student health's medical and
//! psychological part is its own agency: identity is the agency id, never the principal.

use crate::named::named_enum;
use serde::{Deserialize, Serialize};

/// What kind of agency (verksamhet) it is (R-AG-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum AgencyKind {
    /// Förskola.
    Preschool,
    /// Skola (teaching staff, special-needs education).
    School,
    /// Elevhälsa's medical/psychological part: its own secrecy domain (OSL 25 kap 1 §).
    StudentHealth,
    /// Socialtjänst.
    SocialServices,
    /// Barnhälsovård (BVC).
    ChildHealthCare,
    /// Primärvård.
    PrimaryCare,
    /// Första linjen: first-line child and youth mental health.
    FirstLine,
    /// Ungdomsmottagning.
    YouthClinic,
    /// Barn- och ungdomspsykiatri (BUP).
    ChildPsychiatry,
    /// Habilitering.
    Habilitation,
    /// Any other agency, with a label of the vendor's choosing.
    Other(String),
}

/// Written as serde's derive wrote it — a standard kind by its name, another as
/// `{"Other": label}` — but a standard kind by one write of its name from [`AgencyKind::name`]
/// (the derive inlined a writer call per variant into each writer: `crate::named`).
impl Serialize for AgencyKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            AgencyKind::Other(label) => s.serialize_newtype_variant("AgencyKind", 10, "Other", label),
            standard => s.serialize_str(standard.name()),
        }
    }
}

impl AgencyKind {
    /// The standard kinds (all but `Other`).
    pub const STANDARD: [AgencyKind; 10] = [
        AgencyKind::Preschool,
        AgencyKind::School,
        AgencyKind::StudentHealth,
        AgencyKind::SocialServices,
        AgencyKind::ChildHealthCare,
        AgencyKind::PrimaryCare,
        AgencyKind::FirstLine,
        AgencyKind::YouthClinic,
        AgencyKind::ChildPsychiatry,
        AgencyKind::Habilitation,
    ];

    /// The built-in level range of the kind (R-LV-1): school carries the universal
    /// level, BUP and habilitation the indicated, first line the selective.
    pub fn default_level_range(&self) -> LevelRange {
        use Level::{Indicated as I, Selective as S, Universal as U};
        let (min, max) = match self {
            AgencyKind::Preschool => (U, U),
            AgencyKind::School
            | AgencyKind::StudentHealth
            | AgencyKind::ChildHealthCare
            | AgencyKind::PrimaryCare
            | AgencyKind::YouthClinic => (U, S),
            AgencyKind::FirstLine => (S, S),
            AgencyKind::SocialServices => (S, I),
            AgencyKind::ChildPsychiatry | AgencyKind::Habilitation => (I, I),
            AgencyKind::Other(_) => (U, I),
        };
        LevelRange { min, max }
    }

    /// Health care under HSL: student health's medical part, BVC, primary care, first line,
    /// youth clinics, BUP and habilitation (used by the child's own consent, R-CN-3).
    pub fn is_health_care(&self) -> bool {
        matches!(
            self,
            AgencyKind::StudentHealth
                | AgencyKind::ChildHealthCare
                | AgencyKind::PrimaryCare
                | AgencyKind::FirstLine
                | AgencyKind::YouthClinic
                | AgencyKind::ChildPsychiatry
                | AgencyKind::Habilitation
        )
    }

    /// The kind's name as written in JSON (`Other` for every other agency).
    pub fn name(&self) -> &'static str {
        match self {
            AgencyKind::Preschool => "Preschool",
            AgencyKind::School => "School",
            AgencyKind::StudentHealth => "StudentHealth",
            AgencyKind::SocialServices => "SocialServices",
            AgencyKind::ChildHealthCare => "ChildHealthCare",
            AgencyKind::PrimaryCare => "PrimaryCare",
            AgencyKind::FirstLine => "FirstLine",
            AgencyKind::YouthClinic => "YouthClinic",
            AgencyKind::ChildPsychiatry => "ChildPsychiatry",
            AgencyKind::Habilitation => "Habilitation",
            AgencyKind::Other(_) => "Other",
        }
    }
}

named_enum! {
    /// The kind of principal (huvudman) behind an agency.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum PrincipalKind {
        /// Kommun: school, student health, social services.
        Municipality,
        /// Region: health care, BUP, habilitation.
        Region,
        /// Enskild huvudman, e.g. an independent school.
        Private,
        /// Staten, e.g. SiS.
        State,
    }
}

/// A principal (huvudman).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Principal {
    /// The vendor's id of the principal.
    pub id: String,
    /// Municipality, region, private or state.
    pub kind: PrincipalKind,
}

/// An agency (verksamhet): the unit secrecy is counted between (R-AG-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Agency {
    /// The vendor's id of the agency.
    pub id: String,
    /// What kind of agency.
    pub kind: AgencyKind,
    /// Who runs it.
    pub principal: Principal,
}

impl Agency {
    /// Whether two agencies are the same secrecy domain: the same agency id. Two
    /// agencies of one principal are still different agencies (OSL 8 kap 1 §).
    pub fn is_same_agency(&self, other: &Agency) -> bool {
        self.id == other.id
    }
}

named_enum! {
    /// Intervention level (R-LV-1), ordered `Universal < Selective < Indicated`.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    pub enum Level {
        /// Reaches all children: preschool, school, BVC, health promotion.
        Universal,
        /// Children at risk: first line, open early interventions, targeted student health.
        /// Where children fall between chairs (R-ST-2).
        Selective,
        /// Established problems: BUP, habilitation, investigated social-services interventions.
        Indicated,
    }
}

/// An inclusive range of levels.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct LevelRange {
    /// Lowest level.
    pub min: Level,
    /// Highest level.
    pub max: Level,
}

impl LevelRange {
    /// Whether `level` lies in the range.
    pub fn contains(&self, level: Level) -> bool {
        self.min <= level && level <= self.max
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agency(id: &str, kind: AgencyKind, principal: &str) -> Agency {
        Agency { id: id.into(), kind, principal: Principal { id: principal.into(), kind: PrincipalKind::Municipality } }
    }

    #[test]
    fn r_ag_1_agencies_of_one_principal_are_different_agencies() {
        let school = agency("school-1", AgencyKind::School, "kommun");
        let health = agency("elevhalsa-1", AgencyKind::StudentHealth, "kommun");
        let social = agency("soc-1", AgencyKind::SocialServices, "kommun");
        assert!(!school.is_same_agency(&health));
        assert!(!school.is_same_agency(&social));
        assert!(school.is_same_agency(&school.clone()));
    }

    #[test]
    fn r_ag_1_kinds_serialize_by_name_and_other_carries_its_label() {
        assert_eq!(serde_json::to_string(&AgencyKind::FirstLine).unwrap(), "\"FirstLine\"");
        let other: AgencyKind = serde_json::from_str(r#"{"Other":"Fritidsgård"}"#).unwrap();
        assert_eq!(other, AgencyKind::Other("Fritidsgård".into()));
        assert!(serde_json::from_str::<AgencyKind>("\"Kindergarten\"").is_err());
        for kind in AgencyKind::STANDARD {
            assert_eq!(serde_json::to_string(&kind).unwrap(), format!("\"{}\"", kind.name()));
        }
    }

    #[test]
    fn r_lv_1_levels_are_ordered_and_default_ranges_follow_tsi_practice() {
        assert!(Level::Universal < Level::Selective && Level::Selective < Level::Indicated);
        assert!(AgencyKind::School.default_level_range().contains(Level::Universal));
        assert!(!AgencyKind::School.default_level_range().contains(Level::Indicated));
        assert_eq!(
            AgencyKind::ChildPsychiatry.default_level_range(),
            LevelRange { min: Level::Indicated, max: Level::Indicated }
        );
        assert!(AgencyKind::FirstLine.default_level_range().contains(Level::Selective));
        for kind in AgencyKind::STANDARD {
            let r = kind.default_level_range();
            assert!(r.min <= r.max, "{kind:?}");
        }
    }
}
