//! De-identified consultation (R-DI-1): before consent, an agency may discuss a case with
//! the joint team without identity. This checks a de-identified summary: no field that
//! identifies a person directly (anywhere, `ext` included), no identity numbers, contact
//! details or exact dates in any text, and a warning when the municipality is so small that
//! the child may be recognised anyway.
//!
//! Free text is also searched for what R-DI-1 names in words: street addresses and
//! postcodes, school classes, and common Swedish names (`names` gives the source). A list
//! cannot hold every name: the summary's author remains responsible for rare ones.

mod names;
mod numbers;
mod words;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::agency::AgencyKind;
use crate::case::ConcernArea;
use crate::error::Result;
use crate::finding::{Code, Finding, Report};
use crate::i18n::Lang;
use crate::policy::Policy;
use crate::reading::from_value;
use numbers::Shape;

/// Schema version of de-identified summaries.
pub const SUMMARY_SCHEMA_VERSION: u32 = 1;

/// What the joint team may see of a case before consent.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DeIdentifiedSummary {
    /// Always 1.
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub schema_version: u32,
    /// The kind of agency that brings the case.
    pub raised_by: AgencyKind,
    /// Age in whole years (never a birth date).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub age_years: Option<u8>,
    /// The areas of concern.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<ConcernArea>>", optional))]
    pub concern_areas: Vec<ConcernArea>,
    /// The description, in free text.
    pub summary: String,
    /// Children living in the municipality (for the small-population warning).
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub municipality_children: Option<u32>,
    /// Vendor data; scanned like everything else, since identity can hide there too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ext: Option<serde_json::Map<String, Value>>,
}

/// Field names (lower case, without `_`, `-` and spaces) that identify a person directly.
const IDENTIFIER_FIELDS: &[&str] = &[
    "personnummer",
    "personalnumber",
    "personalidentitynumber",
    "personalid",
    "personid",
    "ssn",
    "socialsecuritynumber",
    "samordningsnummer",
    "coordinationnumber",
    "reservnummer",
    "name",
    "firstname",
    "lastname",
    "surname",
    "givenname",
    "fullname",
    "fornamn",
    "förnamn",
    "efternamn",
    "namn",
    "address",
    "adress",
    "streetaddress",
    "postaladdress",
    "postcode",
    "postalcode",
    "zipcode",
    "postnummer",
    "birthdate",
    "dateofbirth",
    "dob",
    "fodelsedatum",
    "födelsedatum",
    "schoolclass",
    "class",
    "klass",
    "phone",
    "phonenumber",
    "telephone",
    "telefon",
    "telefonnummer",
    "mobile",
    "mobil",
    "email",
    "epost",
    "mail",
];

const MONTHS: &[&str] = &[
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "january",
    "february",
    "march",
    "may",
    "june",
    "july",
    "august",
    "october",
];

/// Checks a de-identified summary, read as a JSON value so that every key and text is searched
/// (`ext` and unknown fields included). An error only when the rest cannot be read.
pub fn check_summary(value: Value, policy: &Policy, lang: Lang) -> Result<Report> {
    let mut findings = Vec::new();
    scan(&value, "", &mut findings);
    // Identifier fields are reported as such (the strict schema would only call them unknown);
    // the rest of the summary is read strictly, so nothing beside them is passed over.
    let mut rest = value;
    without_identifier_fields(&mut rest);
    let summary: DeIdentifiedSummary =
        crate::reading::check_version(&rest, SUMMARY_SCHEMA_VERSION).and_then(|()| from_value(&rest))?;
    findings.extend(population(&summary, policy));
    Ok(Report::new(findings, lang))
}

/// Removes every member whose name makes it an identifier field, at any depth.
fn without_identifier_fields(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !is_identifier_field(key));
            map.values_mut().for_each(without_identifier_fields);
        }
        Value::Array(items) => items.iter_mut().for_each(without_identifier_fields),
        _ => {}
    }
}

fn population(summary: &DeIdentifiedSummary, policy: &Policy) -> Option<Finding> {
    let threshold = policy.small_population_threshold;
    summary
        .municipality_children
        .filter(|n| *n < threshold)
        .map(|_| Finding::new(Code::DeidSmallPopulation, "/municipality_children").param("threshold", threshold))
}

/// Walks every key and string of the document.
fn scan(value: &Value, path: &str, out: &mut Vec<Finding>) {
    match value {
        Value::Object(map) => {
            for (key, v) in map {
                let child = format!("{path}/{}", crate::reading::token(key));
                if is_identifier_field(key) {
                    out.push(Finding::new(Code::DeidIdentifierField, child.clone()));
                }
                scan(v, &child, out);
            }
        }
        Value::Array(items) => items.iter().enumerate().for_each(|(i, v)| scan(v, &format!("{path}/{i}"), out)),
        Value::String(text) => out.extend(scan_text(text).into_iter().map(|code| Finding::new(code, path))),
        // An identity number can be written as a JSON number too (`{"x": 191212121212}`).
        Value::Number(n) => out.extend(scan_text(&n.to_string()).into_iter().map(|code| Finding::new(code, path))),
        _ => {}
    }
}

/// Parts of a field name that make it an identifier wherever they stand (`child_name`,
/// `barnets_namn`, `elev_personnummer`, `hemadress`, `mobilnr`).
const IDENTIFIER_PARTS: &[&str] = &[
    "personnummer",
    "personnr",
    "persnr",
    "pnr",
    "samordningsnummer",
    "name",
    "namn",
    "address",
    "adress",
    "birthdate",
    "födelse",
    "fodelse",
    "phone",
    "telefon",
    "mobil",
    "email",
    "epost",
    "mejl",
];

fn is_identifier_field(key: &str) -> bool {
    let norm: String = key.chars().filter(|c| !matches!(c, '_' | '-' | ' ' | '.')).collect::<String>().to_lowercase();
    IDENTIFIER_FIELDS.contains(&norm.as_str()) || IDENTIFIER_PARTS.iter().any(|part| norm.contains(part))
}

/// The codes a text gives rise to (each at most once).
pub fn scan_text(text: &str) -> Vec<Code> {
    let text = &numbers::plain(text);
    let mut codes = Vec::new();
    let mut push = |c: Code| {
        if !codes.contains(&c) {
            codes.push(c);
        }
    };
    for number in numbers::numbers(text) {
        match number.shape() {
            Shape::IdNumber => push(Code::DeidIdNumberInText),
            Shape::Phone => push(Code::DeidPhoneInText),
            Shape::Date => push(Code::DeidExactDateInText),
            Shape::Other => {}
        }
    }
    if text.split_whitespace().any(is_email) {
        push(Code::DeidEmailInText);
    }
    if day_and_month_name(text) {
        push(Code::DeidExactDateInText);
    }
    words::scan(text).into_iter().for_each(push);
    codes
}

fn is_email(word: &str) -> bool {
    word.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
}

fn day_and_month_name(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    words.windows(2).any(|pair| match pair {
        [day, month] => day.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d)) && MONTHS.contains(&month.as_str()),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str) -> Report {
        crate::documents::check_deidentified(json, &Policy::default(), Lang::En).unwrap()
    }
    fn codes(r: &Report) -> Vec<(&str, &str)> {
        r.findings.iter().map(|f| (f.path.as_str(), f.code.as_str())).collect()
    }
    const OK: &str = r#"{"schema_version":1,"raised_by":"School","age_years":9,"concern_areas":["SchoolAttendance"],
        "summary":"Frånvaro sedan höstlovet, oro för hemsituationen.","municipality_children":12000}"#;

    #[test]
    fn r_di_1_a_clean_summary_passes() {
        let r = check(OK);
        assert!(r.valid && r.findings.is_empty(), "{r:?}");
    }

    #[test]
    fn r_di_1_identifier_fields_are_reported_wherever_they_are() {
        let r = check(
            r#"{"schema_version":1,"raised_by":"School","summary":"x","Personnummer":"1","ext":{"kontakt":{"first_name":"A","E-post":"a"}}}"#,
        );
        assert_eq!(
            codes(&r),
            vec![
                ("/Personnummer", "DEID_IDENTIFIER_FIELD"),
                ("/ext/kontakt/*", "DEID_IDENTIFIER_FIELD"),
                ("/ext/kontakt/first_name", "DEID_IDENTIFIER_FIELD")
            ]
        );
        assert!(!r.valid);
    }

    #[test]
    fn r_di_1_numbers_contacts_and_dates_in_text() {
        assert_eq!(scan_text("pnr 121212-1212 ok"), vec![Code::DeidIdNumberInText]);
        assert_eq!(scan_text("201212121212"), vec![Code::DeidIdNumberInText]);
        assert_eq!(scan_text("ring 070-123 45 67"), vec![Code::DeidPhoneInText]);
        assert_eq!(scan_text("ring +46 70 123 45 67"), vec![Code::DeidPhoneInText]);
        assert_eq!(scan_text("mejla anna@example.se"), vec![Code::DeidEmailInText]);
        // Look-alikes: a Unicode dash, full-width digits, a space, inside a sentence.
        for text in [
            "Pojke 121212–1212, 3 syskon",
            "pojke １２１２１２-１２１２",
            "pnr 121212 1212 enligt skolan",
            "12 12 12 - 12 12",
            "pnr 1212 12 12 12",
            "1912 12 12 -1212",
            "åk 6 121212-1212",
            "pojke \u{661}\u{662}\u{661}\u{662}\u{661}\u{662}-\u{661}\u{662}\u{661}\u{662}",
            "\u{6F1}\u{6F2}\u{6F1}\u{6F2}\u{6F1}\u{6F2}\u{6F1}\u{6F2}\u{6F1}\u{6F2}",
        ] {
            assert_eq!(scan_text(text), vec![Code::DeidIdNumberInText], "{text}");
        }
        assert!(
            scan_text("ring 070123 4567").iter().all(|c| *c != Code::DeidIdNumberInText),
            "a phone number with a space"
        );
        assert_eq!(scan_text("född 2014-05-03"), vec![Code::DeidExactDateInText]);
        assert_eq!(scan_text("född 3 maj 2014"), vec![Code::DeidExactDateInText]);
        assert_eq!(scan_text("sedan 3/5/2014"), vec![Code::DeidExactDateInText]);
        assert!(scan_text("9 år, 3 syskon, frånvaro 40 % sedan vecka 12").is_empty());
        let r = check(r#"{"schema_version":1,"raised_by":"School","summary":"Mamma nås på 0701234567 eller a@b.se"}"#);
        assert_eq!(codes(&r), vec![("/summary", "DEID_EMAIL_IN_TEXT"), ("/summary", "DEID_PHONE_IN_TEXT")]);
    }

    proptest::proptest! {
        /// A personal number planted in any text, in any of these scripts' digits and with any
        /// of these dashes, is found; no text makes the scan panic.
        #[test]
        fn r_di_1_a_planted_number_is_always_found(
            before in "[a-zåäöA-Z .,:()]{0,30}",
            after in "[a-zåäöA-Z .,:()%]{0,30}",
            zero in proptest::sample::select(vec![0x30u32, 0x660, 0x6F0, 0x966, 0xFF10, 0x1D7CE]),
            dash in proptest::sample::select(vec!["-", "–", " - ", "+", "\u{2212}"]),
            noise in ".{0,40}",
        ) {
            let digits = |s: &str| s.chars().map(|c| char::from_u32(zero + c.to_digit(10).unwrap()).unwrap()).collect::<String>();
            let text = format!("{before} {}{dash}{} {after}", digits("121212"), digits("1212"));
            proptest::prop_assert!(scan_text(&text).contains(&Code::DeidIdNumberInText), "{}", text);
            let _ = scan_text(&noise);
        }
    }

    #[test]
    fn r_di_1_small_population_warns() {
        let r = check(&OK.replace("12000", "1500"));
        assert_eq!(codes(&r), vec![("/municipality_children", "DEID_SMALL_POPULATION")]);
        assert!(r.valid);
        assert_eq!(r.findings[0].params["threshold"], "2000");
    }

    #[test]
    fn r_di_1_unreadable_summaries_are_errors() {
        let e = crate::documents::check_deidentified(
            r#"{"schema_version":1,"raised_by":"School","summary":"x","note":"y"}"#,
            &Policy::default(),
            Lang::Sv,
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/note"));
        let e = crate::documents::check_deidentified("[]", &Policy::default(), Lang::Sv).unwrap_err();
        assert_eq!(e.code(), Code::JsonWrongType);
        let e = crate::documents::check_deidentified(
            r#"{"schema_version":3,"raised_by":"School","summary":"x"}"#,
            &Policy::default(),
            Lang::Sv,
        )
        .unwrap_err();
        assert_eq!(e.code(), Code::SchemaVersionUnsupported);
    }
}
