//! The words staff and families read for the library's names: one table per enum, in Swedish
//! and English (the words of the TSI material and Socialstyrelsen), so that every screen and
//! printed form says the same thing. #31 extends this table to every enum.

use crate::agency::AgencyKind;
use crate::category::InformationCategory;
use crate::consent::Purpose;
use crate::i18n::Lang;

/// A name in both languages.
fn pick(lang: Lang, sv: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Sv => sv,
        Lang::En => en,
    }
}

impl InformationCategory {
    /// The category in words, as a consent form names it.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        use InformationCategory as C;
        match self {
            C::Attendance => pick(lang, "närvaro i skolan", "school attendance"),
            C::Learning => pick(lang, "lärande och skolresultat", "learning and school results"),
            C::Health => pick(lang, "hälsa", "health"),
            C::MentalHealth => pick(lang, "psykisk hälsa", "mental health"),
            C::SocialSituation => pick(lang, "social situation och fritid", "social situation and leisure"),
            C::FamilySituation => pick(lang, "familjens situation", "the family's situation"),
            C::Assessments => pick(lang, "utredningar och bedömningar", "assessments"),
            C::PlanContent => {
                pick(lang, "innehållet i planer, till exempel en SIP", "the content of plans, such as a SIP")
            }
        }
    }
}

impl AgencyKind {
    /// The kind of agency in words (an agency of another kind is named by its own words).
    pub fn display_name(&self, lang: Lang) -> String {
        use AgencyKind as K;
        let name = match self {
            K::Preschool => pick(lang, "förskolan", "the preschool"),
            K::School => pick(lang, "skolan", "the school"),
            K::StudentHealth => pick(lang, "elevhälsan", "student health"),
            K::SocialServices => pick(lang, "socialtjänsten", "social services"),
            K::ChildHealthCare => pick(lang, "barnavårdscentralen (BVC)", "child health care (BVC)"),
            K::PrimaryCare => pick(lang, "vårdcentralen", "primary care"),
            K::FirstLine => {
                pick(lang, "första linjen för barn och unga", "first-line care for children and young people")
            }
            K::YouthClinic => pick(lang, "ungdomsmottagningen", "the youth clinic"),
            K::ChildPsychiatry => {
                pick(lang, "barn- och ungdomspsykiatrin (BUP)", "child and adolescent psychiatry (BUP)")
            }
            K::Habilitation => pick(lang, "habiliteringen", "habilitation"),
            K::Other(own) => return own.clone(),
        };
        name.to_owned()
    }
}

impl Purpose {
    /// What the information is shared for, in words.
    pub fn display_name(&self, lang: Lang) -> &'static str {
        match self {
            Purpose::TsiCollaboration => pick(
                lang,
                "att vi tillsammans ska kunna ge barnet tidigt och samordnat stöd (TSI)",
                "so that we can give the child early and coordinated support together (TSI)",
            ),
            Purpose::Sip => pick(
                lang,
                "att göra och följa upp en samordnad individuell plan (SIP)",
                "to make and follow up a coordinated individual plan (SIP)",
            ),
            Purpose::SpecificMeeting(_) => {
                pick(lang, "ett bestämt möte om barnet", "one planned meeting about the child")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_words_in_both_languages_and_no_identifier() {
        for c in InformationCategory::ALL {
            let (sv, en) = (c.display_name(Lang::Sv), c.display_name(Lang::En));
            assert_ne!(sv, en, "{c:?}");
            let id = format!("{c:?}");
            assert!(!sv.contains(&id) && !en.contains(&id), "{c:?}");
        }
        for k in AgencyKind::STANDARD {
            assert_ne!(k.display_name(Lang::Sv), k.display_name(Lang::En), "{k:?}");
        }
    }
}
