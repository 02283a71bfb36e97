//! What a JSON Pointer points at, in words for staff: `/case/consents/0/recipients/1` is
//! "mottagare 2 i samtycke 1" / "recipient 2 of consent 1" (#31). Messages say `{subject}`;
//! the pointer itself stays in the finding's `path` for programs.
//!
//! Only the words of the two innermost named parts are said: enough to find the thing on a
//! screen, short enough to read aloud. A field this table does not know is passed over and
//! the thing around it is named instead; documents that wrap others (`case`, `sip`, `request`)
//! are named only when nothing inside them is.

use super::Lang;

/// How a pointer segment is said.
#[derive(Clone, Copy)]
enum Kind {
    /// A list: its items are called this, counted from 1 ("samtycke 2").
    List,
    /// One named thing ("barnet", "the child").
    Thing,
    /// A document that wraps the others: named only when nothing inside it is.
    Wrapper,
}
use Kind::{List, Thing, Wrapper};

/// `(segment, kind, sv, en)`: a table rather than a `match`, so it costs bytes of text and
/// not code in the wasm build. A segment not here (`ctx`, `event`, an unknown field) is
/// passed over.
#[rustfmt::skip]
const WORDS: &[(&str, Kind, &str, &str)] = &[
    ("consents", List, "samtycke", "consent"),
    ("guardians", List, "vårdnadshavare", "guardian"),
    ("givers", List, "person", "person"),
    ("recipients", List, "mottagare", "recipient"),
    ("categories", List, "kategori", "category"),
    ("child_alone_categories", List, "kategori", "category"),
    ("concern_areas", List, "område", "area"),
    ("refusals", List, "nej-besked", "refusal"),
    ("withdrawals", List, "återkallelse", "withdrawal"),
    ("legal_grounds", List, "rättslig grund", "legal ground"),
    ("reports_of_concern", List, "orosanmälan", "report of concern"),
    ("interventions", List, "insats", "intervention"),
    ("agencies", List, "verksamhet", "agency"),
    ("participants", List, "deltagare", "participant"),
    ("lead_principals", List, "huvudansvarig huvudman", "lead principal"),
    ("needs", List, "behov", "need"),
    ("goals", List, "mål", "goal"),
    ("own_goals", List, "mål", "goal"),
    ("dissent", List, "invändning", "dissent"),
    ("log", List, "händelse", "event"),
    ("logs", List, "händelse", "event"),
    ("cases", List, "ärende", "case"),
    ("measures", List, "mätning", "measurement"),
    ("measures_by_others", List, "mätning", "measurement"),
    ("attendance", List, "närvaromätning", "attendance measurement"),
    ("ors", List, "ORS-skattning", "ORS rating"),
    ("srs", List, "SRS-skattning", "SRS rating"),
    ("items", List, "del", "item"),
    ("level_ranges", List, "nivåintervall", "level range"),
    ("partials", List, "delaggregat", "partial aggregate"),
    ("deidentified_consultations", List, "avidentifierad konsultation", "de-identified consultation"),
    ("case", Wrapper, "ärendet", "the case"),
    ("sip", Wrapper, "planen", "the plan"),
    ("plan", Wrapper, "planen", "the plan"),
    ("request", Wrapper, "frågan", "the question"),
    ("child", Thing, "barnet", "the child"),
    ("consent", Thing, "samtycket", "the consent"),
    ("consent_id", Thing, "samtycket", "the consent"),
    ("intervention", Thing, "insatsen", "the intervention"),
    ("intervention_id", Thing, "insatsen", "the intervention"),
    ("need", Thing, "behovet", "the need"),
    ("need_id", Thing, "behovet", "the need"),
    ("goal", Thing, "målet", "the goal"),
    ("from", Thing, "avsändaren", "the sender"),
    ("to", Thing, "mottagaren", "the recipient"),
    ("purpose", Thing, "syftet", "the purpose"),
    ("valid_from", Thing, "startdatumet", "the start date"),
    ("start", Thing, "startdatumet", "the start date"),
    ("valid_until", Thing, "slutdatumet", "the end date"),
    ("end", Thing, "slutdatumet", "the end date"),
    ("birth_date", Thing, "födelsedatumet", "the birth date"),
    ("need_identified", Thing, "datumet då behovet upptäcktes", "the date the need was found"),
    ("plan_date", Thing, "plandatumet", "the plan's date"),
    ("responsible_agency", Thing, "den ansvariga verksamheten", "the responsible agency"),
    ("responsible", Thing, "den ansvariga verksamheten", "the responsible agency"),
    ("actor_agency", Thing, "den verksamhet som agerar", "the acting agency"),
    ("raised_by", Thing, "den verksamhet som väckte ärendet", "the agency that raised the case"),
    ("giver", Thing, "den som ger samtycket", "the person consenting"),
    ("documented_by", Thing, "den som dokumenterade", "the staff member who documented"),
    ("withdrawal", Thing, "återkallelsen", "the withdrawal"),
    ("scope", Thing, "omfattningen", "the scope"),
    ("provision", Thing, "lagrummet", "the provision"),
    ("attainment", Thing, "måluppfyllelsen", "the goal attainment"),
    ("id", Thing, "id-numret", "the id"),
    ("sip_id", Thing, "id-numret", "the id"),
    ("case_id", Thing, "id-numret", "the id"),
    ("meeting_id", Thing, "id-numret", "the id"),
    ("description", Thing, "texten", "the text"),
    ("text", Thing, "texten", "the text"),
    ("note", Thing, "texten", "the text"),
    ("title", Thing, "texten", "the text"),
    ("summary", Thing, "texten", "the text"),
    ("worry", Thing, "beskrivningen av oron", "the description of the worry"),
    ("reason", Thing, "skälet", "the reason"),
    ("close_reason", Thing, "skälet", "the reason"),
    ("audit_key", Thing, "auditnyckeln", "the audit key"),
    ("secret", Thing, "hemligheten", "the secret"),
    ("timeliness", Wrapper, "fristerna", "the deadlines"),
    ("consent_policy", Wrapper, "samtyckesreglerna", "the consent rules"),
    ("min_cell", Thing, "minsta cellstorleken", "the smallest cell size"),
    ("follow_up", Thing, "uppföljningen", "the follow-up"),
    ("policy", Thing, "policyn", "the policy"),
    ("limits", Wrapper, "gränserna", "the limits"),
    ("consent_warn_days", Thing, "varningstiden före ett samtyckes slut", "the warning time before a consent ends"),
    ("consent_valid_days", Thing, "samtyckets giltighetstid", "how long a consent is valid"),
    ("handover_answer_days", Thing, "fristen för svar på en överlämning", "the deadline to answer a handover"),
    ("small_population_threshold", Thing, "gränsen för en liten befolkning", "the small-population threshold"),
    ("sip_start_days", Thing, "fristen för att starta en SIP", "the deadline to start a SIP"),
    ("sip_max_followup_days", Thing, "längsta tiden mellan uppföljningar av en SIP", "the longest time between SIP follow-ups"),
    ("child_consent_from", Thing, "åldern då barnets eget samtycke behövs", "the age the child's own consent is needed from"),
    ("child_alone_from", Thing, "åldern då barnet ensamt får samtycka", "the age the child may consent alone from"),
    ("consent_within_days", Thing, "fristen för samtycke", "the deadline for consent"),
    ("raise_to_consent_days", Thing, "fristen för samtycke", "the deadline for consent"),
    ("first_meeting_within_days", Thing, "fristen för första mötet", "the deadline for the first meeting"),
    ("consent_to_first_meeting_days", Thing, "fristen för första mötet", "the deadline for the first meeting"),
    ("followup_max_interval_days", Thing, "längsta tiden mellan uppföljningar", "the longest time between follow-ups"),
    ("meeting_interval_days", Thing, "tiden mellan teamets möten", "the time between the team's meetings"),
    ("ors_cutoff_adult", Thing, "gränsvärdet för ORS", "the ORS cut-off"),
    ("ors_cutoff_13_17", Thing, "gränsvärdet för ORS", "the ORS cut-off"),
    ("ors_cutoff_6_12", Thing, "gränsvärdet för ORS", "the ORS cut-off"),
    ("reliable_change", Thing, "gränsen för tillförlitlig förändring", "the threshold of reliable change"),
    ("srs_alert_below", Thing, "larmgränsen för SRS", "the SRS alert threshold"),
    ("attendance_problem_below_percent", Thing, "gränsen för problematisk frånvaro", "the threshold of problematic absence"),
    ("max_input_bytes", Thing, "största tillåtna indata", "the largest input allowed"),
    ("max_events", Thing, "högsta antalet händelser", "the most events allowed"),
    ("max_consents", Thing, "högsta antalet samtycken", "the most consents allowed"),
    ("max_interventions", Thing, "högsta antalet insatser", "the most interventions allowed"),
    ("max_text_chars", Thing, "längsta tillåtna text", "the longest text allowed"),
];

/// The kind and words of a segment, or `None` for a segment passed over.
fn word(segment: &str) -> Option<(Kind, &'static str, &'static str)> {
    WORDS.iter().find(|(name, ..)| *name == segment).map(|&(_, kind, sv, en)| (kind, sv, en))
}

/// The words for what `path` points at, in `lang`.
pub(crate) fn subject(path: &str, lang: Lang) -> String {
    let say = |sv: &'static str, en: &'static str| if lang == Lang::Sv { sv } else { en };
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let mut named: Vec<String> = Vec::new();
    let mut wrapper: Option<&'static str> = None;
    let mut i = 0;
    while let Some(segment) = segments.get(i) {
        let index = segments.get(i + 1).and_then(|s| s.parse::<usize>().ok());
        match (word(segment), index) {
            (Some((List, sv, en)), Some(n)) => {
                named.push(format!("{} {}", say(sv, en), n.saturating_add(1)));
                i += 1;
            }
            (Some((Thing, sv, en)), _) => named.push(say(sv, en).to_owned()),
            (Some((Wrapper, sv, en)), _) => wrapper = wrapper.or(Some(say(sv, en))),
            // A list of the top level (the lines of a log): its items are entries.
            (None, _) => {
                if let Some(n) = segment.parse::<usize>().ok().filter(|_| i == 0) {
                    named.push(format!("{} {}", say("post", "entry"), n.saturating_add(1)));
                }
            }
            _ => {}
        }
        i += 1;
    }
    let join = say(" i ", " of ");
    match named.as_slice() {
        [] => wrapper.unwrap_or(say("dokumentet", "the document")).to_owned(),
        [one] => one.clone(),
        [.., outer, inner] => format!("{inner}{join}{outer}"),
    }
}

/// `subject` with its first letter in upper case, to begin a sentence.
pub(crate) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(path: &str) -> (String, String) {
        (subject(path, Lang::Sv), subject(path, Lang::En))
    }

    #[test]
    fn names_the_innermost_two_things_counting_from_one() {
        let (sv, en) = both("/case/consents/0/recipients/1");
        assert_eq!((sv.as_str(), en.as_str()), ("mottagare 2 i samtycke 1", "recipient 2 of consent 1"));
        let (sv, en) = both("/case/consents/2/valid_until");
        assert_eq!((sv.as_str(), en.as_str()), ("slutdatumet i samtycke 3", "the end date of consent 3"));
        assert_eq!(both("/case/child").0, "barnet");
        assert_eq!(both("/sip/interventions/1/responsible_agency").1, "the responsible agency of intervention 2");
    }

    #[test]
    fn passes_over_unknown_fields_and_names_wrappers_only_when_alone() {
        assert_eq!(both("/case/guardians/1/x_unknown").0, "vårdnadshavare 2");
        assert_eq!(both("/case/whatever").1, "the case");
        assert_eq!(both("").0, "dokumentet");
        assert_eq!(both("/3/hash").1, "entry 4");
        assert_eq!(both("/log/3/event/to").0, "mottagaren i händelse 4");
    }

    #[test]
    fn never_repeats_a_pointer_or_a_field_name() {
        for path in ["/case/consents/0/givers/0/giver", "/timeliness/first_meeting_within_days", "/a/b/c"] {
            for lang in [Lang::Sv, Lang::En] {
                let words = subject(path, lang);
                assert!(!words.contains('/') && !words.contains('_'), "{path}: {words}");
            }
        }
        assert_eq!(capitalized("barnet"), "Barnet");
        assert_eq!(capitalized(""), "");
    }
}
