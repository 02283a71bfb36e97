//! The words staff and families read for the library's names, in Swedish and English (#31):
//! one table for every enum a person sees (states, events, categories, agency kinds, levels,
//! purposes, close reasons, legal grounds, due actions, …), so every screen, printed form,
//! message and binding says the same thing. Plain strings, so messages can use it and every
//! language can ask it by name (`displayName("CaseState", "AwaitingConsent", "sv")`).

use super::Lang;

/// `(enum, value, sv, en)`: the enum as the documents and bindings name it, the value as it
/// is written in JSON.
const NAMES: &[(&str, &str, &str, &str)] = &[
    ("CaseState", "Raised", "oro väckt", "concern raised"),
    ("CaseState", "DeIdentifiedConsultation", "avidentifierad konsultation", "de-identified consultation"),
    ("CaseState", "AwaitingConsent", "väntar på samtycke", "awaiting consent"),
    ("CaseState", "Planning", "planering", "planning"),
    ("CaseState", "Active", "insatser pågår", "interventions under way"),
    ("CaseState", "FollowUp", "uppföljning", "follow-up"),
    ("CaseState", "Paused", "vilande", "paused"),
    ("CaseState", "Declined", "samtycke nekat", "consent declined"),
    ("CaseState", "Closed", "avslutat", "closed"),
    // Before the first event there is no state (a transition error says `none`).
    ("CaseState", "none", "inte väckt", "not raised"),
    ("CaseEvent", "Raise", "oro väcks", "concern raised"),
    ("CaseEvent", "StartDeIdentifiedConsultation", "avidentifierad konsultation", "de-identified consultation"),
    ("CaseEvent", "RequestConsent", "samtycke efterfrågas", "consent requested"),
    ("CaseEvent", "RecordConsent", "samtycke lämnas", "consent given"),
    ("CaseEvent", "DeclineConsent", "samtycke nekas", "consent declined"),
    ("CaseEvent", "WithdrawConsent", "samtycke återkallas", "consent withdrawn"),
    ("CaseEvent", "FirstMeeting", "första mötet", "first meeting"),
    ("CaseEvent", "AddNeed", "behov läggs till", "need added"),
    ("CaseEvent", "StartIntervention", "insats startar", "intervention started"),
    ("CaseEvent", "EndIntervention", "insats avslutas", "intervention ended"),
    ("CaseEvent", "OfferHandover", "överlämning erbjuds", "handover offered"),
    ("CaseEvent", "AcceptHandover", "överlämning tas emot", "handover accepted"),
    ("CaseEvent", "DeclineHandover", "överlämning avböjs", "handover declined"),
    ("CaseEvent", "Escalate", "upptrappning", "escalation"),
    ("CaseEvent", "Deescalate", "nedtrappning", "de-escalation"),
    ("CaseEvent", "FollowUpMeeting", "uppföljningsmöte", "follow-up meeting"),
    ("CaseEvent", "RecordFollowUp", "uppföljning dokumenteras", "follow-up recorded"),
    ("CaseEvent", "EstablishSip", "SIP upprättas", "SIP established"),
    ("CaseEvent", "ReportOfConcern", "orosanmälan", "report of concern"),
    ("CaseEvent", "Close", "ärendet avslutas", "case closed"),
    ("CloseReason", "GoalsMet", "målen är nådda", "goals met"),
    ("CloseReason", "Declined", "samtycke nekat", "consent declined"),
    ("CloseReason", "ConsentWithdrawn", "samtycket återkallat", "consent withdrawn"),
    ("CloseReason", "HandedOver", "överlämnat", "handed over"),
    ("CloseReason", "Moved", "familjen har flyttat", "the family moved"),
    ("CloseReason", "Other", "annat skäl", "another reason"),
    ("FollowUpDecision", "Continue", "fortsätt", "continue"),
    ("FollowUpDecision", "Adjust", "justera", "adjust"),
    ("FollowUpDecision", "Escalate", "trappa upp", "escalate"),
    ("FollowUpDecision", "DeEscalate", "trappa ned", "de-escalate"),
    ("FollowUpDecision", "Close", "avsluta", "close"),
    ("Level", "Universal", "generell nivå", "universal level"),
    ("Level", "Selective", "riktad nivå", "selective level"),
    ("Level", "Indicated", "indikerad nivå", "indicated level"),
    ("AgencyKind", "Preschool", "förskolan", "the preschool"),
    ("AgencyKind", "School", "skolan", "the school"),
    ("AgencyKind", "StudentHealth", "elevhälsan", "student health"),
    ("AgencyKind", "SocialServices", "socialtjänsten", "social services"),
    ("AgencyKind", "ChildHealthCare", "barnavårdscentralen (BVC)", "child health care (BVC)"),
    ("AgencyKind", "PrimaryCare", "vårdcentralen", "primary care"),
    ("AgencyKind", "FirstLine", "första linjen för barn och unga", "first-line care for children and young people"),
    ("AgencyKind", "YouthClinic", "ungdomsmottagningen", "the youth clinic"),
    ("AgencyKind", "ChildPsychiatry", "barn- och ungdomspsykiatrin (BUP)", "child and adolescent psychiatry (BUP)"),
    ("AgencyKind", "Habilitation", "habiliteringen", "habilitation"),
    ("PrincipalKind", "Municipality", "en kommun", "a municipality"),
    ("PrincipalKind", "Region", "en region", "a region"),
    ("PrincipalKind", "Private", "en enskild huvudman", "a private provider"),
    ("PrincipalKind", "State", "staten", "the state"),
    ("InformationCategory", "Attendance", "närvaro i skolan", "school attendance"),
    ("InformationCategory", "Learning", "lärande och skolresultat", "learning and school results"),
    ("InformationCategory", "Health", "hälsa", "health"),
    ("InformationCategory", "MentalHealth", "psykisk hälsa", "mental health"),
    ("InformationCategory", "SocialSituation", "social situation och fritid", "social situation and leisure"),
    ("InformationCategory", "FamilySituation", "familjens situation", "the family's situation"),
    ("InformationCategory", "Assessments", "utredningar och bedömningar", "assessments"),
    (
        "InformationCategory",
        "PlanContent",
        "innehållet i planer, till exempel en SIP",
        "the content of plans, such as a SIP",
    ),
    ("ConcernArea", "ChildDevelopment", "barnets utveckling", "the child's development"),
    ("ConcernArea", "ParentingCapacity", "föräldrarnas förmåga", "the parents' capacity"),
    ("ConcernArea", "FamilyAndEnvironment", "familj och miljö", "family and environment"),
    ("ConcernArea", "SchoolAttendance", "skolnärvaro", "school attendance"),
    (
        "Purpose",
        "TsiCollaboration",
        "att vi tillsammans ska kunna ge barnet tidigt och samordnat stöd (TSI)",
        "so that we can give the child early and coordinated support together (TSI)",
    ),
    (
        "Purpose",
        "Sip",
        "att göra och följa upp en samordnad individuell plan (SIP)",
        "to make and follow up a coordinated individual plan (SIP)",
    ),
    ("Purpose", "SpecificMeeting", "ett bestämt möte om barnet", "one planned meeting about the child"),
    ("Basis", "SameAgency", "inom samma verksamhet", "within the same agency"),
    ("Basis", "Consent", "samtycke", "consent"),
    ("Basis", "LegalGround", "stöd i lag", "a legal ground"),
    ("GuardianKind", "Parent", "förälder", "parent"),
    ("GuardianKind", "SpeciallyAppointed", "särskilt förordnad vårdnadshavare", "specially appointed guardian"),
    ("ConsentForm", "Written", "skriftligt", "written"),
    ("ConsentForm", "OralDocumented", "muntligt och dokumenterat", "oral and documented"),
    ("LegalGroundKind", "ReportOfConcern", "orosanmälan", "report of concern"),
    ("LegalGroundKind", "ObligationToProvide", "uppgiftsskyldighet", "obligation to provide information"),
    ("LegalGroundKind", "ChildAtRisk", "barn som far illa", "a child at risk"),
    ("LegalGroundKind", "Emergency", "nödsituation", "emergency"),
    ("LegalGroundKind", "Other", "annan grund i lag", "another ground in law"),
    (
        "GdprBasis",
        "PublicTask",
        "uppgift av allmänt intresse eller myndighetsutövning",
        "a task in the public interest",
    ),
    ("GdprBasis", "LegalObligation", "rättslig förpliktelse", "a legal obligation"),
    ("GdprBasis", "VitalInterests", "grundläggande intressen", "vital interests"),
    ("GdprBasis", "Consent", "samtycke", "consent"),
    ("Change", "Recovered", "återhämtat", "recovered"),
    ("Change", "Improved", "förbättrat", "improved"),
    ("Change", "Unchanged", "oförändrat", "unchanged"),
    ("Change", "Deteriorated", "försämrat", "deteriorated"),
    // Why a handover does not hold (`CASE_HANDOVER_INVALID`'s `why`, kept as written for programs).
    (
        "HandoverProblem",
        "only the accountable agency offers a handover",
        "bara den ansvariga verksamheten kan erbjuda en överlämning",
        "only the accountable agency may offer a handover",
    ),
    (
        "HandoverProblem",
        "the need is offered to the agency already accountable",
        "behovet erbjuds den verksamhet som redan är ansvarig",
        "the need is offered to the agency that is already accountable",
    ),
    (
        "HandoverProblem",
        "a handover is already offered",
        "en överlämning är redan erbjuden",
        "a handover has already been offered",
    ),
    ("HandoverProblem", "no handover is offered", "ingen överlämning är erbjuden", "no handover has been offered"),
    (
        "HandoverProblem",
        "only the offered agency answers",
        "bara den verksamhet som fått erbjudandet kan svara",
        "only the agency offered the need may answer",
    ),
    ("DueAction", "DUE_CONSENT_REQUEST", "be om samtycke", "ask for consent"),
    ("DueAction", "DUE_FIRST_MEETING", "håll första mötet", "hold the first meeting"),
    ("DueAction", "DUE_FOLLOW_UP", "följ upp", "follow up"),
    ("DueAction", "DUE_HANDOVER_ANSWER", "svara på överlämningen", "answer the handover"),
    ("DueAction", "DUE_SIP_MEETING", "håll SIP-mötet", "hold the SIP meeting"),
];

/// The words for `value` of `enum_name` in `lang`, or `None` for a name the table lacks.
pub fn display_name(enum_name: &str, value: &str, lang: Lang) -> Option<&'static str> {
    NAMES.iter().find(|(e, v, _, _)| *e == enum_name && *v == value).map(|(_, _, sv, en)| match lang {
        Lang::Sv => *sv,
        Lang::En => *en,
    })
}

/// Every `(enum, value)` the table names, in its order.
pub fn named() -> impl Iterator<Item = (&'static str, &'static str)> {
    NAMES.iter().map(|(e, v, _, _)| (*e, *v))
}

/// A message parameter holding a name is said in words: which enums its value may come from.
pub(crate) fn enums_of_param(param: &str) -> &'static [&'static str] {
    match param {
        "event" => &["CaseEvent"],
        "state" => &["CaseState"],
        "kind" => &["AgencyKind", "PrincipalKind"],
        "level" => &["Level"],
        "categories" => &["InformationCategory"],
        "why" => &["HandoverProblem"],
        _ => &[],
    }
}
