//! Typed access to the words staff and families read for the library's names: each enum a
//! person sees says itself through the one table of [`crate::i18n::display_name`], so the
//! printed form, the CLI and every binding use the same words (#31).

use crate::agency::{AgencyKind, Level, PrincipalKind};
use crate::case::{CaseState, CloseReason, EventKind};
use crate::category::{ConcernArea, InformationCategory};
use crate::consent::{LegalGroundKind, Purpose};
use crate::followup::Change;
use crate::i18n::{display_name, Lang};

/// The table's words for a value its test guarantees is there.
fn words(enum_name: &str, value: &str, lang: Lang) -> &'static str {
    display_name(enum_name, value, lang).unwrap_or_default()
}

/// The name of a unit variant, as JSON writes it.
fn variant(value: &impl std::fmt::Debug) -> String {
    format!("{value:?}")
}

impl InformationCategory {
    /// The category in words, as a consent form names it.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("InformationCategory", &variant(self), lang)
    }
}

impl ConcernArea {
    /// The area of concern in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("ConcernArea", &variant(self), lang)
    }
}

impl AgencyKind {
    /// The kind of agency in words (an agency of another kind is named by its own words).
    pub fn display_name(&self, lang: Lang) -> String {
        match self {
            AgencyKind::Other(own) => own.clone(),
            standard => words("AgencyKind", standard.name(), lang).to_owned(),
        }
    }
}

impl PrincipalKind {
    /// The kind of principal in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("PrincipalKind", &variant(self), lang)
    }
}

impl Level {
    /// The level of support in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("Level", &variant(self), lang)
    }
}

impl Purpose {
    /// What the information is shared for, in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        let name = match self {
            Purpose::TsiCollaboration => "TsiCollaboration",
            Purpose::Sip => "Sip",
            Purpose::SpecificMeeting(_) => "SpecificMeeting",
        };
        words("Purpose", name, lang)
    }
}

impl LegalGroundKind {
    /// The kind of legal ground in words (a ground of another kind as "another ground in law").
    pub fn display_name(&self, lang: Lang) -> &'static str {
        let name = match self {
            LegalGroundKind::Other(_) => "Other".to_owned(),
            known => variant(known),
        };
        words("LegalGroundKind", &name, lang)
    }
}

impl CaseState {
    /// The state of a case in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("CaseState", &self.to_string(), lang)
    }
}

impl EventKind {
    /// What happened, in words (a timeline's line).
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("CaseEvent", self.as_str(), lang)
    }
}

impl CloseReason {
    /// Why a case was closed, in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("CloseReason", &variant(self), lang)
    }
}

impl Change {
    /// How a measure changed, in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        words("Change", &variant(self), lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::named;
    use std::collections::{BTreeMap, BTreeSet};

    /// Every value the JSON documents can hold for each enum a person sees, written out here
    /// apart from the table (the enums' own lists where they have one).
    fn every_value() -> BTreeMap<&'static str, Vec<String>> {
        let names = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let mut all = BTreeMap::new();
        all.insert("CaseState", CaseState::ALL.iter().map(|s| s.to_string()).collect());
        all.insert("CaseEvent", EventKind::ALL.iter().map(|e| e.as_str().to_owned()).collect());
        all.insert("InformationCategory", InformationCategory::ALL.iter().map(variant).collect());
        all.insert("AgencyKind", AgencyKind::STANDARD.iter().map(|k| k.name().to_owned()).collect());
        all.insert("Change", Change::ALL.iter().map(variant).collect());
        all.insert("CloseReason", names(&["GoalsMet", "Declined", "ConsentWithdrawn", "HandedOver", "Moved", "Other"]));
        all.insert("FollowUpDecision", names(&["Continue", "Adjust", "Escalate", "DeEscalate", "Close"]));
        all.insert("Level", names(&["Universal", "Selective", "Indicated"]));
        all.insert("PrincipalKind", names(&["Municipality", "Region", "Private", "State"]));
        all.insert(
            "ConcernArea",
            names(&["ChildDevelopment", "ParentingCapacity", "FamilyAndEnvironment", "SchoolAttendance"]),
        );
        all.insert("Purpose", names(&["TsiCollaboration", "Sip", "SpecificMeeting"]));
        all.insert("Basis", names(&["SameAgency", "Consent", "LegalGround"]));
        all.insert("GuardianKind", names(&["Parent", "SpeciallyAppointed"]));
        all.insert("ConsentForm", names(&["Written", "OralDocumented"]));
        all.insert(
            "LegalGroundKind",
            names(&["ReportOfConcern", "ObligationToProvide", "ChildAtRisk", "Emergency", "Other"]),
        );
        all.insert("GdprBasis", names(&["PublicTask", "LegalObligation", "VitalInterests", "Consent"]));
        let due =
            ["DUE_CONSENT_REQUEST", "DUE_FIRST_MEETING", "DUE_FOLLOW_UP", "DUE_HANDOVER_ANSWER", "DUE_SIP_MEETING"];
        all.insert("DueAction", names(&due));
        all.insert(
            "HandoverProblem",
            names(&[
                "only the accountable agency offers a handover",
                "the need is offered to the agency already accountable",
                "a handover is already offered",
                "no handover is offered",
                "only the offered agency answers",
            ]),
        );
        all
    }

    /// A word that is a code identifier: CamelCase inside a word, or SCREAMING_SNAKE.
    fn identifier(text: &str) -> Option<&str> {
        text.split(|c: char| !c.is_alphanumeric() && c != '_').find(|w| {
            let camel = w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase);
            camel || w.contains('_')
        })
    }

    #[test]
    fn every_value_has_words_in_both_languages_and_the_table_nothing_else() {
        let all = every_value();
        let mut expected = BTreeSet::new();
        for (e, values) in &all {
            for v in values {
                expected.insert((e.to_string(), v.clone()));
                let (sv, en) = (display_name(e, v, Lang::Sv), display_name(e, v, Lang::En));
                let (sv, en) = (sv.unwrap_or_else(|| panic!("{e} {v} lacks words")), en.unwrap_or_default());
                assert!(!sv.is_empty() && !en.is_empty(), "{e} {v}");
                assert!(identifier(sv).is_none() && identifier(en).is_none(), "{e} {v}: {sv} / {en}");
                assert!(!sv.contains(v.as_str()) && !en.contains(v.as_str()), "{e} {v} says its identifier");
            }
        }
        let table: BTreeSet<_> =
            named().filter(|(_, v)| *v != "none").map(|(e, v)| (e.to_owned(), v.to_owned())).collect();
        assert_eq!(table, expected, "the table names values no document holds, or misses some");
    }

    #[test]
    fn typed_names_read_the_table() {
        assert_eq!(InformationCategory::MentalHealth.display_name(Lang::Sv), "psykisk hälsa");
        assert_eq!(AgencyKind::ChildPsychiatry.display_name(Lang::En), "child and adolescent psychiatry (BUP)");
        assert_eq!(AgencyKind::Other("Fritidsgården".into()).display_name(Lang::Sv), "Fritidsgården");
        assert_eq!(CaseState::AwaitingConsent.display_name(Lang::Sv), "väntar på samtycke");
        assert_eq!(EventKind::RecordConsent.display_name(Lang::En), "consent given");
        assert_eq!(Level::Indicated.display_name(Lang::Sv), "indikerad nivå");
        assert_eq!(CloseReason::GoalsMet.display_name(Lang::En), "goals met");
        assert_eq!(Change::Improved.display_name(Lang::Sv), "förbättrat");
        assert_eq!(PrincipalKind::Region.display_name(Lang::Sv), "en region");
        assert_eq!(ConcernArea::ParentingCapacity.display_name(Lang::En), "the parents' capacity");
        assert_eq!(LegalGroundKind::ReportOfConcern.display_name(Lang::Sv), "orosanmälan");
        assert_eq!(LegalGroundKind::Other("LSS".into()).display_name(Lang::En), "another ground in law");
    }
}
