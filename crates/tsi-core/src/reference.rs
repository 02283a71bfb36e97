//! R-PD-1 (clarified 2026-12): every id a document carries — case, agency, principal,
//! guardian, need, intervention, meeting, consent, ground, actor — is a reference, and one
//! written as a personal identity number is refused. Each document part lists its own
//! references here, so a new id field is swept where its type is defined.

use crate::agency::Agency;
use crate::consent::{
    Consent, ConsentForm, ConsentGiver, Giver, Guardian, LegalGround, LegalGroundKind, Purpose, Recipient, Refusal,
    Withdrawal, WithdrawalScope,
};
use crate::followup::Measures;
use crate::sip::{Dissent, Need, Participant, Sip, SipIntervention};

/// A test on one reference (e.g. "holds a personal number"). Generic rather than `dyn`, so the
/// test's fast path (most references are short) is inlined: this runs on every decision.
pub trait Hit: Fn(&str) -> bool + Copy {}
impl<F: Fn(&str) -> bool + Copy> Hit for F {}

/// A part of a document that carries references.
pub trait References {
    /// The path, relative to this value, of the first reference for which `hit` holds. The
    /// path is written only on a hit: this runs on every decision and every event.
    fn find_reference(&self, hit: impl Hit) -> Option<String>;
}

/// `value` at `path` when it is a hit.
pub fn one(path: &str, value: &str, hit: impl Hit) -> Option<String> {
    hit(value).then(|| path.to_owned())
}

/// The first hit among `items`, at `list/<index>…`.
pub fn each<T: References>(list: &str, items: &[T], hit: impl Hit) -> Option<String> {
    items.iter().enumerate().find_map(|(i, item)| item.find_reference(hit).map(|p| format!("{list}/{i}{p}")))
}

/// A hit inside `part`, at `path…`.
pub fn within<T: References>(path: &str, part: &T, hit: impl Hit) -> Option<String> {
    part.find_reference(hit).map(|p| format!("{path}{p}"))
}

impl References for String {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("", self, hit)
    }
}

impl References for Agency {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("/id", &self.id, hit).or_else(|| one("/principal/id", &self.principal.id, hit))
    }
}

impl References for Guardian {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("/id", &self.id, hit)
    }
}

impl References for Giver {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        match self {
            Giver::Guardian(id) => one("/Guardian", id, hit),
            Giver::Child => None,
        }
    }
}

impl References for ConsentGiver {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        within("/giver", &self.giver, hit).or_else(|| match &self.form {
            ConsentForm::OralDocumented { documented_by } => {
                one("/form/OralDocumented/documented_by", documented_by, hit)
            }
            ConsentForm::Written => None,
        })
    }
}

impl References for Recipient {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        match self {
            Recipient::Agency(id) => one("/Agency", id, hit),
            Recipient::Kind(_) => None,
        }
    }
}

impl References for Purpose {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        match self {
            Purpose::SpecificMeeting(meeting) => one("/SpecificMeeting", meeting, hit),
            Purpose::TsiCollaboration | Purpose::Sip => None,
        }
    }
}

impl References for Consent {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("/id", &self.id, hit)
            .or_else(|| each("/givers", &self.givers, hit))
            .or_else(|| each("/recipients", &self.recipients, hit))
            .or_else(|| within("/purpose", &self.purpose, hit))
            .or_else(|| one("/recorded_by", &self.recorded_by, hit))
    }
}

impl References for Withdrawal {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        let recipient = || match &self.scope {
            WithdrawalScope::Recipient(recipient) => within("/scope/Recipient", recipient, hit),
            WithdrawalScope::Whole | WithdrawalScope::Category(_) => None,
        };
        one("/consent", &self.consent, hit).or_else(|| within("/by", &self.by, hit)).or_else(recipient)
    }
}

impl References for Refusal {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        within("/by", &self.by, hit)
    }
}

impl References for LegalGround {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        let scope = &self.scope;
        // A citation is no id, but it is copied into the decision's basis and its audit record.
        let citation = || match &self.ground {
            LegalGroundKind::Other(citation) => one("/ground/Other", citation, hit),
            _ => None,
        };
        one("/id", &self.id, hit)
            .or_else(citation)
            .or_else(|| one("/assessed_by", &self.assessed_by, hit))
            .or_else(|| scope.from.as_deref().and_then(|from| one("/scope/from", from, hit)))
            .or_else(|| scope.to.as_deref().and_then(|to| one("/scope/to", to, hit)))
    }
}

impl References for Measures {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        let at = self.goals.iter().position(|goal| hit(&goal.intervention))?;
        Some(format!("/goals/{at}/intervention"))
    }
}

impl References for Participant {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        within("/agency", &self.agency, hit)
    }
}

impl References for Need {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("/id", &self.id, hit)
    }
}

impl References for SipIntervention {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        let responsible = || self.responsible_agency.as_deref().and_then(|a| one("/responsible_agency", a, hit));
        one("/id", &self.id, hit).or_else(|| one("/need", &self.need, hit)).or_else(responsible)
    }
}

impl References for Dissent {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        within("/by", &self.by, hit).or_else(|| one("/about", &self.about, hit))
    }
}

/// A plan's references: its own id, the consent it rests on, the agencies, needs,
/// interventions, lead principals and dissents. The names, contacts and texts are the family's
/// plan and not references (who takes a measure outside the plan is written as text).
impl References for Sip {
    fn find_reference(&self, hit: impl Hit) -> Option<String> {
        one("/sip_id", &self.sip_id, hit)
            .or_else(|| self.consent.as_deref().and_then(|c| one("/consent", c, hit)))
            .or_else(|| each("/participants", &self.participants, hit))
            .or_else(|| each("/needs", &self.needs, hit))
            .or_else(|| each("/interventions", &self.interventions, hit))
            .or_else(|| each("/lead_principals", &self.lead_principals, hit))
            .or_else(|| each("/dissent", &self.dissent, hit))
    }
}
