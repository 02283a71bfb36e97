//! SIP, the coordinated individual plan (SPEC §7): the plan model, `validate_sip`
//! (R-SP-0 … R-SP-6) that collects every finding with a JSON Pointer into the plan,
//! `sip_indicated` (R-SP-0) and `sip_summary` (R-SP-7), a plain-language summary for the family.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::agency::{Agency, AgencyKind, Level, PrincipalKind};
use crate::consent::Giver;
use crate::finding::{duplicate_ids, Code, Finding};
use crate::i18n::Lang;

use crate::policy::Policy;
use crate::reference::{each, one, within, Hit, References};

/// Schema version of SIP documents.
pub const SIP_SCHEMA_VERSION: u32 = 1;

/// A coordinated individual plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Sip {
    /// Always 1.
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    pub schema_version: u32,
    /// The plan's reference.
    pub sip_id: String,
    /// The date of the SIP meeting where the plan was made.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub plan_date: NaiveDate,
    /// When the need of a SIP was identified (R-SP-5).
    #[serde(default, with = "optional_date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate | null", optional))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub need_identified: Option<NaiveDate>,
    /// The consent the plan rests on (R-SP-0): a consent record id.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub consent: Option<String>,
    /// The agencies taking part.
    pub participants: Vec<Participant>,
    /// The child's part in the plan (R-SP-3).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<ChildParticipation>", optional))]
    pub child: ChildParticipation,
    /// The guardians' part in the plan (R-SP-3).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<GuardianParticipation>", optional))]
    pub guardians: GuardianParticipation,
    /// The needs, in the child's own words where possible.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Need>>", optional))]
    pub needs: Vec<Need>,
    /// Point 1 and 2: the interventions and who is responsible for each.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<SipIntervention>>", optional))]
    pub interventions: Vec<SipIntervention>,
    /// Point 3: measures taken by others, or explicitly `"None"`.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub measures_by_others: Option<MeasuresByOthers>,
    /// Point 4: the principal with the lead responsibility (exactly one).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub lead_principals: Vec<String>,
    /// Disagreement with part of the plan, recorded rather than dropped (R-SP-3).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<Dissent>>", optional))]
    pub dissent: Vec<Dissent>,
    /// The next follow-up (R-SP-4).
    #[serde(default, with = "optional_date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate | null", optional))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub follow_up: Option<NaiveDate>,
    /// Vendor data, carried through untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ext: Option<serde_json::Map<String, serde_json::Value>>,
}

/// An agency taking part, with what the family sees.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "SipParticipant"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Participant {
    /// The agency.
    pub agency: Agency,
    /// Its name as the family knows it, e.g. "BUP Uddevalla".
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub name: Option<String>,
    /// How the family reaches it, e.g. a reception's phone number.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub contact: Option<String>,
}

/// The child's part in the plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ChildParticipation {
    /// The child's own goals, in the child's words.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<String>>", optional))]
    pub own_goals: Vec<String>,
    /// The child's view of the plan.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub view: Option<String>,
    /// Why the child's view is not recorded.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub view_not_recorded_reason: Option<String>,
}

/// The guardians' part in the plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct GuardianParticipation {
    /// Whether they took part.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<bool>", optional))]
    pub participated: bool,
    /// Why not.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub absence_reason: Option<String>,
}

/// A need the plan answers.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "SipNeed"))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Need {
    /// Reference within the plan.
    pub id: String,
    /// The need.
    pub description: String,
    /// The child's own words about it.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub child_words: Option<String>,
}

/// An intervention of the plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SipIntervention {
    /// Reference within the plan.
    pub id: String,
    /// The need it answers.
    pub need: String,
    /// What is done.
    pub description: String,
    /// The responsible agency's id (point 2); its principal is responsible.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub responsible_agency: Option<String>,
    /// The intervention's level.
    pub level: Level,
    /// Start date.
    #[serde(with = "crate::time::date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate"))]
    #[cfg_attr(feature = "schema", schemars(with = "NaiveDate"))]
    pub start: NaiveDate,
    /// End date, if planned.
    #[serde(default, with = "optional_date")]
    #[cfg_attr(feature = "ts", ts(type = "IsoDate | null", optional))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<NaiveDate>"))]
    pub end: Option<NaiveDate>,
    /// The goal.
    pub goal: String,
}

/// Point 3: what others do, or explicitly nothing.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum MeasuresByOthers {
    /// No measures by others (stated explicitly).
    None,
    /// Measures by others.
    Measures(Vec<OtherMeasure>),
}

/// A measure taken by someone outside the plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct OtherMeasure {
    /// Who (e.g. "the football club", "grandmother").
    pub by: String,
    /// What.
    pub description: String,
}

/// A recorded disagreement with part of the plan.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Dissent {
    /// The child or a guardian.
    pub by: Giver,
    /// JSON Pointer to the part disagreed with, e.g. `/interventions/1`.
    pub about: String,
    /// The disagreement, as said.
    pub text: String,
}

mod optional_date {
    use super::*;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> std::result::Result<S::Ok, S::Error> {
        match d {
            Some(d) => crate::time::date::serialize(d, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<NaiveDate>, D::Error> {
        #[derive(Deserialize)]
        struct Wrapped(#[serde(with = "crate::time::date")] NaiveDate);
        Ok(Option::<Wrapped>::deserialize(d)?.map(|Wrapped(date)| date))
    }
}

/// R-SP-0: a SIP is indicated when interventions come from both social services
/// (municipality) and health care (region).
pub fn sip_indicated<'a>(agencies: &[Agency], responsible: impl IntoIterator<Item = &'a str>) -> Option<Finding> {
    let kinds: Vec<&Agency> = responsible.into_iter().filter_map(|id| agencies.iter().find(|a| a.id == id)).collect();
    let social = kinds.iter().any(|a| a.kind == AgencyKind::SocialServices);
    let health = kinds.iter().any(|a| a.kind.is_health_care() && a.principal.kind == PrincipalKind::Region);
    (social && health).then(|| Finding::new(Code::SipIndicated, ""))
}

/// Every rule of SPEC §7 on a plan; findings are sorted by the report.
pub fn validate_sip(sip: &Sip, policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    if sip.consent.as_deref().is_none_or(|c| c.trim().is_empty()) {
        out.push(Finding::new(Code::SipConsentMissing, "/consent"));
    }
    check_ids(sip, &mut out);
    check_interventions(sip, policy, &mut out);
    check_other_measures(sip, &mut out);
    check_lead(sip, &mut out);
    check_child_and_guardians(sip, &mut out);
    check_dates(sip, policy, &mut out);
    out
}

fn check_ids(sip: &Sip, out: &mut Vec<Finding>) {
    duplicate_ids(
        sip.participants.iter().map(|p| p.agency.id.as_str()),
        |i| format!("/participants/{i}/agency/id"),
        out,
    );
    duplicate_ids(sip.needs.iter().map(|n| n.id.as_str()), |i| format!("/needs/{i}/id"), out);
    duplicate_ids(sip.interventions.iter().map(|n| n.id.as_str()), |i| format!("/interventions/{i}/id"), out);
}

fn participant<'a>(sip: &'a Sip, agency_id: &str) -> Option<&'a Participant> {
    sip.participants.iter().find(|p| p.agency.id == agency_id)
}

fn check_interventions(sip: &Sip, policy: &Policy, out: &mut Vec<Finding>) {
    if sip.interventions.is_empty() {
        out.push(Finding::new(Code::SipInterventionsMissing, "/interventions"));
    }
    // The same need, agency and description twice is one intervention written twice.
    let mut seen = crate::hashing::set_with_capacity(sip.interventions.len());
    let needs: crate::hashing::Set<&str> = sip.needs.iter().map(|n| n.id.as_str()).collect();
    for (i, iv) in sip.interventions.iter().enumerate() {
        let at = |field: &str| format!("/interventions/{i}{field}");
        match iv.responsible_agency.as_deref().filter(|a| !a.trim().is_empty()) {
            None => out.push(Finding::new(Code::SipResponsibleMissing, at("/responsible_agency"))),
            Some(id) => match participant(sip, id) {
                None => out.push(Finding::new(Code::SipResponsibleNotParticipating, at("/responsible_agency"))),
                Some(p) if !policy.level_range(&p.agency.kind).contains(iv.level) => {
                    out.push(Finding::new(Code::SipLevelOutsideRange, at("/level")));
                }
                Some(_) => {}
            },
        }
        if !needs.contains(iv.need.as_str()) {
            out.push(Finding::new(Code::DanglingReference, at("/need")));
        }
        if !seen.insert((&iv.need, &iv.responsible_agency, &iv.description)) {
            out.push(Finding::new(Code::SipDuplicateIntervention, at("")));
        }
        if iv.end.is_some_and(|end| end < iv.start) {
            out.push(Finding::new(Code::SipDatesReversed, at("/end")));
        }
    }
}

fn check_other_measures(sip: &Sip, out: &mut Vec<Finding>) {
    let stated = match &sip.measures_by_others {
        None => false,
        Some(MeasuresByOthers::None) => true,
        Some(MeasuresByOthers::Measures(list)) => !list.is_empty(),
    };
    if !stated {
        out.push(Finding::new(Code::SipOtherMeasuresMissing, "/measures_by_others"));
    }
}

fn check_lead(sip: &Sip, out: &mut Vec<Finding>) {
    match sip.lead_principals.len() {
        0 => out.push(Finding::new(Code::SipLeadMissing, "/lead_principals")),
        1 => {}
        _ => out.push(Finding::new(Code::SipLeadNotUnique, "/lead_principals/1")),
    }
    for (k, lead) in sip.lead_principals.iter().enumerate() {
        let path = format!("/lead_principals/{k}");
        match sip.participants.iter().find(|p| &p.agency.principal.id == lead) {
            None => out.push(Finding::new(Code::SipLeadNotParticipating, path)),
            Some(p) if !matches!(p.agency.principal.kind, PrincipalKind::Municipality | PrincipalKind::Region) => {
                out.push(
                    Finding::new(Code::SipLeadWrongKind, path).param("kind", format!("{:?}", p.agency.principal.kind)),
                );
            }
            Some(_) => {}
        }
    }
}

fn blank(s: &Option<String>) -> bool {
    s.as_deref().is_none_or(|s| s.trim().is_empty())
}

fn check_child_and_guardians(sip: &Sip, out: &mut Vec<Finding>) {
    let own_goals = sip.child.own_goals.iter().any(|g| !g.trim().is_empty());
    if !own_goals && sip.needs.iter().all(|n| blank(&n.child_words)) {
        out.push(Finding::new(Code::SipChildGoalsMissing, "/child/own_goals"));
    }
    if blank(&sip.child.view) && blank(&sip.child.view_not_recorded_reason) {
        out.push(Finding::new(Code::SipChildViewMissing, "/child/view"));
    }
    if !sip.guardians.participated && blank(&sip.guardians.absence_reason) {
        out.push(Finding::new(Code::SipGuardiansAbsent, "/guardians"));
    }
    for (k, d) in sip.dissent.iter().enumerate() {
        if d.text.trim().is_empty() {
            out.push(Finding::new(Code::SipDissentEmpty, format!("/dissent/{k}/text")));
        }
        if d.about.is_empty() || !crate::reading::pointer::resolves(sip, &d.about) {
            out.push(Finding::new(Code::DanglingReference, format!("/dissent/{k}/about")));
        }
    }
}

fn check_dates(sip: &Sip, policy: &Policy, out: &mut Vec<Finding>) {
    match sip.follow_up {
        None => out.push(Finding::new(Code::SipFollowupMissing, "/follow_up")),
        Some(f) if f <= sip.plan_date => out.push(Finding::new(Code::SipFollowupNotAfterPlan, "/follow_up")),
        Some(f) => {
            let days = (f - sip.plan_date).num_days();
            if days > i64::from(policy.sip_max_followup_days) {
                out.push(
                    Finding::new(Code::SipFollowupTooLate, "/follow_up")
                        .param("days", days)
                        .param("max", policy.sip_max_followup_days),
                );
            }
        }
    }
    if let Some(identified) = sip.need_identified {
        let days = (sip.plan_date - identified).num_days();
        if days < 0 {
            out.push(Finding::new(Code::SipDatesReversed, "/need_identified"));
        } else if days > i64::from(policy.sip_start_days) {
            out.push(
                Finding::new(Code::SipStartedLate, "/plan_date")
                    .param("days", days)
                    .param("max", policy.sip_start_days),
            );
        }
    }
}

/// R-SP-7: a plain-language summary for the family: who does what, by when, who leads,
/// the next follow-up and who to call.
pub fn sip_summary(sip: &Sip, lang: Lang) -> String {
    let t = Texts::of(lang);
    let name = |agency_id: &str| {
        participant(sip, agency_id)
            .map_or_else(|| agency_id.to_owned(), |p| p.name.clone().unwrap_or_else(|| p.agency.id.clone()))
    };
    let mut out = format!("{} {}\n\n", t.title, sip.plan_date);
    if let Some(lead) = sip.lead_principals.first() {
        let leads: Vec<String> = sip
            .participants
            .iter()
            .filter(|p| &p.agency.principal.id == lead)
            .map(|p| p.name.clone().unwrap_or_else(|| p.agency.id.clone()))
            .collect();
        out.push_str(&format!("{} {}\n\n", t.lead, if leads.is_empty() { lead.clone() } else { leads.join(", ") }));
    }
    out.push_str(t.who_does_what);
    out.push('\n');
    for iv in &sip.interventions {
        let who = iv.responsible_agency.as_deref().map_or_else(|| t.unknown.to_owned(), name);
        let until = iv.end.map(|e| format!(" {} {e}", t.until)).unwrap_or_default();
        out.push_str(&format!(
            "- {who}: {} ({} {}{until}). {} {}\n",
            iv.description, t.from, iv.start, t.goal, iv.goal
        ));
    }
    match &sip.measures_by_others {
        Some(MeasuresByOthers::Measures(list)) if !list.is_empty() => {
            out.push_str(&format!("\n{}\n", t.others));
            for m in list {
                out.push_str(&format!("- {}: {}\n", m.by, m.description));
            }
        }
        _ => out.push_str(&format!("\n{}\n", t.no_others)),
    }
    if !sip.dissent.is_empty() {
        out.push_str(&format!("\n{}\n", t.dissent));
        for d in &sip.dissent {
            out.push_str(&format!("- {}\n", d.text));
        }
    }
    let next = sip.follow_up.map_or_else(|| t.not_set.to_owned(), |d| d.to_string());
    out.push_str(&format!("\n{} {next}\n", t.follow_up));
    let contacts: Vec<String> = sip
        .participants
        .iter()
        .filter_map(|p| {
            p.contact.as_ref().map(|c| format!("- {}: {c}", p.name.clone().unwrap_or_else(|| p.agency.id.clone())))
        })
        .collect();
    if !contacts.is_empty() {
        out.push_str(&format!("\n{}\n{}\n", t.call, contacts.join("\n")));
    }
    out
}

/// The summary's fixed words in one language.
struct Texts {
    title: &'static str,
    lead: &'static str,
    who_does_what: &'static str,
    from: &'static str,
    until: &'static str,
    goal: &'static str,
    others: &'static str,
    no_others: &'static str,
    dissent: &'static str,
    follow_up: &'static str,
    not_set: &'static str,
    call: &'static str,
    unknown: &'static str,
}

impl Texts {
    fn of(lang: Lang) -> Texts {
        match lang {
            Lang::Sv => Texts {
                title: "Samordnad individuell plan (SIP), gjord",
                lead: "Huvudansvar för att planen hålls samman:",
                who_does_what: "Vem gör vad:",
                from: "från",
                until: "till",
                goal: "Mål:",
                others: "Det här gör andra:",
                no_others: "Inga andra gör något som hör till planen.",
                dissent: "Det här håller ni inte med om, och det står i planen:",
                follow_up: "Vi följer upp planen tillsammans:",
                not_set: "datum är inte bestämt ännu",
                call: "Här kan du ringa:",
                unknown: "(ansvarig saknas)",
            },
            Lang::En => Texts {
                title: "Coordinated individual plan (SIP), made",
                lead: "Lead responsibility for keeping the plan together:",
                who_does_what: "Who does what:",
                from: "from",
                until: "until",
                goal: "Goal:",
                others: "What others do:",
                no_others: "Nobody else does anything that belongs to the plan.",
                dissent: "What you disagree with, recorded in the plan:",
                follow_up: "We follow up the plan together on:",
                not_set: "the date is not set yet",
                call: "Who to call:",
                unknown: "(no one responsible yet)",
            },
        }
    }
}

/// The JSON Schema of SIP documents, generated from these types (shipped as
/// bindings/schema/sip.schema.json; `crate::schema` has every document's).
#[cfg(feature = "schema")]
pub fn sip_json_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(Sip)).unwrap_or_default()
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

#[cfg(test)]
mod tests;
