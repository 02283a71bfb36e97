//! Categories of information (R-CN-1): what a consent or legal ground covers, and what the
//! policy lets a child release alone. Below both consent and policy, which name them.

use serde::{Deserialize, Serialize};

/// A category of information that a consent or legal ground covers (R-CN-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
