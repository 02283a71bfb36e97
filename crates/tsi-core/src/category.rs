//! Categories of information (R-CN-1): what a consent or legal ground covers, and what the
//! policy lets a child release alone; and the concern areas a case is raised for (R-CP-1),
//! with the categories a meeting about each discusses. Below consent, case and policy, which
//! name them.

use crate::named::named_enum;
use serde::Deserialize;

named_enum! {
    /// A category of information that a consent or legal ground covers (R-CN-1).
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
}

impl InformationCategory {
    /// Every category.
    pub const ALL: [InformationCategory; 8] = [
        InformationCategory::Attendance,
        InformationCategory::Learning,
        InformationCategory::Health,
        InformationCategory::MentalHealth,
        InformationCategory::SocialSituation,
        InformationCategory::FamilySituation,
        InformationCategory::Assessments,
        InformationCategory::PlanContent,
    ];

    /// Health categories: the ones a child may release alone from `child_alone_from` (R-CN-3).
    pub fn is_health(self) -> bool {
        matches!(self, InformationCategory::Health | InformationCategory::MentalHealth)
    }
}

named_enum! {
    /// Why a child is raised to the joint team (R-CP-1): the BBIC triangle plus school attendance.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum ConcernArea {
        /// The child's development (health, learning, emotions, behaviour).
        ChildDevelopment,
        /// The guardians' parenting capacity.
        ParentingCapacity,
        /// Family and environment.
        FamilyAndEnvironment,
        /// School attendance.
        SchoolAttendance,
    }
}

impl ConcernArea {
    /// The information categories a meeting about this area discusses (R-CP-2): the child's
    /// development is health, mental health and learning; parenting capacity is the family
    /// situation; family and environment the family and social situation; school attendance
    /// is attendance.
    pub fn categories(self) -> &'static [InformationCategory] {
        use InformationCategory::*;
        match self {
            ConcernArea::ChildDevelopment => &[Health, MentalHealth, Learning],
            ConcernArea::ParentingCapacity => &[FamilySituation],
            ConcernArea::FamilyAndEnvironment => &[FamilySituation, SocialSituation],
            ConcernArea::SchoolAttendance => &[Attendance],
        }
    }
}
