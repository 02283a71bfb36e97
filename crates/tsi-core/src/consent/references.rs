//! The references of the consent records (R-PD-1).

use super::{
    Consent, ConsentForm, ConsentGiver, Giver, Guardian, LegalGround, LegalGroundKind, Purpose, Recipient, Refusal,
    Withdrawal, WithdrawalScope,
};
use crate::reference::{each, one, within, Hit, References};

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
