//! The one registry of error and finding codes (SPEC §9), and validation reports (R-SP-6).
//!
//! Every code is a stable SCREAMING_SNAKE string with its rule ID and a Swedish and an
//! English message template. Templates name parameters as `{name}`; parameters never
//! carry personal data (R-PD-1), only paths, numbers, field names and codes.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::{render, Lang};

/// How serious a finding is. Errors make a document invalid; warnings and infos do not.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document breaks a rule: it is not valid.
    Error,
    /// The document is valid but something deserves attention.
    Warning,
    /// A remark; nothing to fix.
    Info,
}

/// Whether a code is raised as an [`Error`](crate::Error) (input refused) or as a
/// [`Finding`] in a report (a rule about a well-formed document).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum CodeKind {
    /// Raised as an error: the input could not be used at all.
    Error,
    /// Reported as a finding in a report.
    Finding,
}

/// An error code: raised, never reported.
const E: (CodeKind, Severity) = (CodeKind::Error, Severity::Error);

/// A finding code of a severity.
const fn finding(severity: Severity) -> (CodeKind, Severity) {
    (CodeKind::Finding, severity)
}

macro_rules! codes {
    ($( $(#[$doc:meta])* $variant:ident = $text:literal, $kind:expr, $rule:literal, sv: $sv:literal, en: $en:literal; )*) => {
        /// Every error and finding code the library produces. The serialized form is the
        /// stable SCREAMING_SNAKE string; see [`Code::info`] for rule and messages.
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[$doc])* #[cfg_attr(feature = "ts", ts(rename = $text))]
                #[cfg_attr(feature = "schema", schemars(rename = $text))] $variant, )*
        }

        impl Code {
            /// All codes, in registry order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The code's registry entry.
            pub fn info(self) -> CodeInfo {
                match self {
                    $( Code::$variant => CodeInfo { code: self, text: $text, kind: $kind.0, severity: $kind.1, rule: $rule, sv: $sv, en: $en }, )*
                }
            }
        }
    };
}

use Severity::{Error as Err, Info, Warning as Warn};

include!("finding/registry.rs");

/// A code's registry entry: rule ID, kind and message templates.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodeInfo {
    /// The code.
    #[serde(skip)]
    pub code: Code,
    /// The stable SCREAMING_SNAKE string.
    #[serde(rename = "code")]
    pub text: &'static str,
    /// Raised as an error, or reported as a finding.
    pub kind: CodeKind,
    /// Severity when reported (always `error` for error codes).
    pub severity: Severity,
    /// The SPEC rule ID (`R-…`), or the SPEC section (`§9`) for data rules.
    pub rule: &'static str,
    /// Swedish message template.
    pub sv: &'static str,
    /// English message template.
    pub en: &'static str,
}

impl CodeInfo {
    /// The message template in a language.
    pub fn template(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }
}

impl Code {
    /// The stable string form, e.g. `ID_BAD_CHECKSUM`.
    pub fn as_str(self) -> &'static str {
        self.info().text
    }

    /// The severity when reported as a finding (`Error` for error codes).
    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// Looks a code up by its stable string.
    pub fn from_text(text: &str) -> Option<Code> {
        static BY_TEXT: std::sync::OnceLock<Vec<(&'static str, Code)>> = std::sync::OnceLock::new();
        let by_text = BY_TEXT.get_or_init(|| {
            let mut all: Vec<(&'static str, Code)> = Code::ALL.iter().map(|c| (c.as_str(), *c)).collect();
            crate::sorting::sort(&mut all);
            all
        });
        let i = by_text.binary_search_by(|(t, _)| (*t).cmp(text)).ok()?;
        by_text.get(i).map(|(_, code)| *code)
    }
}

// Written and read as its text by hand: serde's derive writes a visitor of some 200 names per
// reader and writer, and codes are read in every audit record (measured: 20.5 KB of the gzipped
// wasm). Codes are found by a binary search of their texts.
impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Code::from_text(&text).ok_or_else(|| {
            const NAMES: &[&str] = &["a code of the registry (docs/codes.md)"];
            serde::de::Error::unknown_variant(&text, NAMES)
        })
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The registry as a list, for docs, the CLI and the bindings.
pub fn codes() -> Vec<CodeInfo> {
    Code::ALL.iter().map(|c| c.info()).collect()
}

/// Named parameters of a message; values are never personal data (R-PD-1).
pub type Params = BTreeMap<String, String>;

/// One rule outcome about a document, pointing at the field by JSON Pointer.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    /// The registry code.
    pub code: Code,
    /// Severity, from the registry.
    pub severity: Severity,
    /// JSON Pointer into the input (`""` is the whole document).
    pub path: String,
    /// Message parameters.
    pub params: Params,
    /// The message in the report's language.
    pub message: String,
}

impl Finding {
    /// A finding of `code` at `path`, with no parameters yet. The message is rendered
    /// when the finding is put into a [`Report`].
    pub fn new(code: Code, path: impl Into<String>) -> Self {
        Finding { code, severity: code.severity(), path: path.into(), params: Params::new(), message: String::new() }
    }

    /// Adds a message parameter.
    pub fn param(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// Renders the message in a language (`{subject}` says what the path points at).
    pub fn render(&self, lang: Lang) -> String {
        render(self.code.info().template(lang), &self.params, &self.path, lang)
    }
}

/// Reports `DUPLICATE_ID` at `path(i)` for every id already seen earlier in the list.
pub(crate) fn duplicate_ids<'a>(
    ids: impl Iterator<Item = &'a str>,
    path: impl Fn(usize) -> String,
    out: &mut Vec<Finding>,
) {
    let mut seen = crate::hashing::Set::default();
    for (i, id) in ids.enumerate() {
        if !seen.insert(id) {
            out.push(Finding::new(Code::DuplicateId, path(i)));
        }
    }
}

/// The result of validating a document: never thrown, always returned (R-SP-6).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// True when no finding has severity `error`.
    pub valid: bool,
    /// All findings, sorted by path, then code string.
    pub findings: Vec<Finding>,
}

/// Messages already rendered, by their finding (message not yet set), for [`Report::new_rendered`].
#[derive(Default)]
pub(crate) struct Rendered(crate::hashing::Map<Finding, String>);

impl Report {
    /// Builds a report: renders messages in `lang`, sorts by (path, code), drops exact repeats.
    pub fn new(mut findings: Vec<Finding>, lang: Lang) -> Self {
        for finding in &mut findings {
            finding.message = finding.render(lang);
        }
        Self::sorted(findings)
    }

    /// [`Report::new`] of one report among many in the same language: a message rendered
    /// once is taken from `rendered` (a sharing matrix says the same finding in many cells).
    pub(crate) fn new_rendered(mut findings: Vec<Finding>, lang: Lang, rendered: &mut Rendered) -> Self {
        for finding in &mut findings {
            finding.message = match rendered.0.get(finding) {
                Some(message) => message.clone(),
                None => {
                    let message = finding.render(lang);
                    rendered.0.insert(finding.clone(), message.clone());
                    message
                }
            };
        }
        Self::sorted(findings)
    }

    fn sorted(mut findings: Vec<Finding>) -> Self {
        // The code's text only on a tie of paths: looking it up is most of a comparison's cost.
        crate::sorting::sort_by(&mut findings, |a, b| {
            a.path.cmp(&b.path).then_with(|| a.code.as_str().cmp(b.code.as_str()))
        });
        findings.dedup();
        let valid = findings.iter().all(|f| f.severity != Severity::Error);
        Report { valid, findings }
    }

    /// Number of findings with severity `error`.
    pub fn error_count(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_screaming_snake() {
        let mut seen = HashSet::new();
        for info in codes() {
            assert!(seen.insert(info.text), "duplicate code {}", info.text);
            assert!(
                info.text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
                "{} is not SCREAMING_SNAKE",
                info.text
            );
        }
        assert_eq!(seen.len(), Code::ALL.len());
    }

    #[test]
    fn every_code_has_both_languages_and_a_rule_id() {
        for info in codes() {
            assert!(!info.sv.trim().is_empty(), "{} lacks Swedish", info.text);
            assert!(!info.en.trim().is_empty(), "{} lacks English", info.text);
            assert_ne!(info.sv, info.en, "{} is not translated", info.text);
            assert!(info.rule.starts_with("R-") || info.rule.starts_with('§'), "{} has no rule id", info.text);
        }
    }

    #[test]
    fn templates_name_the_same_parameters_in_both_languages() {
        fn names(t: &str) -> Vec<String> {
            let mut v: Vec<String> =
                t.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(n, _)| n.to_lowercase())).collect();
            crate::sorting::sort(&mut v);
            v
        }
        for info in codes() {
            assert_eq!(names(info.sv), names(info.en), "{}", info.text);
        }
    }

    #[test]
    fn code_serializes_as_its_stable_string_and_round_trips() {
        for &code in Code::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
            assert_eq!(Code::from_text(code.as_str()), Some(code));
        }
        assert_eq!(Code::from_text("NO_SUCH_CODE"), None);
    }

    #[test]
    fn a_code_tsi_does_not_know_is_refused_at_its_place() {
        let line = include_str!("../../../examples/audit/case-log.jsonl").lines().next().unwrap_or_default();
        let mut record: serde_json::Value = serde_json::from_str(line).unwrap();
        for (code, refused) in
            [(serde_json::json!("NO_SUCH_CODE"), Code::JsonInvalidValue), (7.into(), Code::JsonWrongType)]
        {
            record["reason_codes"] = serde_json::json!([code]);
            let chain = serde_json::json!([record]).to_string();
            let e = crate::documents::verify_audit_chain(&chain, None, 1 << 20, Lang::En).unwrap_err();
            assert_eq!((e.code(), e.path()), (refused, "/0/reason_codes/0"), "{code}");
        }
    }

    #[test]
    fn report_sorts_by_path_then_code_and_is_valid_without_errors() {
        let report = Report::new(
            vec![
                Finding::new(Code::PolicyMinCellLow, "/min_cell").param("value", 2),
                Finding::new(Code::PolicyValueOutOfRange, "/a").param("min", 1).param("max", 2),
                Finding::new(Code::PolicyDuplicateEntry, "/a"),
            ],
            Lang::En,
        );
        let order: Vec<_> = report.findings.iter().map(|f| (f.path.as_str(), f.code)).collect();
        assert_eq!(
            order,
            vec![
                ("/a", Code::PolicyDuplicateEntry),
                ("/a", Code::PolicyValueOutOfRange),
                ("/min_cell", Code::PolicyMinCellLow)
            ]
        );
        assert!(!report.valid);
        assert_eq!(report.error_count(), 2);
        let warnings_only = Report::new(vec![Finding::new(Code::PolicyMinCellLow, "/min_cell")], Lang::Sv);
        assert!(warnings_only.valid);
    }

    /// The template with its placeholders taken out, and the placeholders' names.
    fn prose_and_placeholders(template: &str) -> (String, Vec<&str>) {
        let (mut prose, mut names) = (String::new(), Vec::new());
        for (i, part) in template.split('{').enumerate() {
            match part.split_once('}') {
                Some((name, rest)) if i > 0 => {
                    names.push(name);
                    prose.push_str(rest);
                }
                _ => prose.push_str(part),
            }
        }
        (prose, names)
    }

    #[test]
    fn templates_speak_words_not_paths_or_identifiers() {
        for info in codes() {
            for template in [info.sv, info.en] {
                let (prose, names) = prose_and_placeholders(template);
                assert!(!names.contains(&"path"), "{}: {template}", info.text);
                let pointer = prose.split('/').skip(1).any(|s| s.starts_with(|c: char| c.is_alphanumeric()));
                assert!(!pointer, "{} has a JSON Pointer: {template}", info.text);
                let identifier = prose.split(|c: char| !c.is_alphanumeric() && c != '_').find(|w| {
                    let camel = w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase);
                    camel || w.contains('_')
                });
                assert_eq!(identifier, None, "{} has an identifier: {template}", info.text);
            }
        }
    }

    #[test]
    fn messages_render_parameters_and_subjects_in_the_chosen_language() {
        let f = Finding::new(Code::PolicyMinCellLow, "/min_cell").param("value", 2);
        assert_eq!(
            f.render(Lang::En),
            "The smallest cell size 2 is low: small cells can point out individual children (default 5)."
        );
        assert!(f.render(Lang::Sv).starts_with("Minsta cellstorleken 2 är låg"));
        let f = Finding::new(Code::ConsentRecipientNotCovered, "/case/consents/1/recipients");
        assert_eq!(f.render(Lang::Sv), "Mottagaren omfattas inte av samtycke 2.");
        assert_eq!(f.render(Lang::En), "The recipient is not covered by consent 2.");
        let f = Finding::new(Code::ConsentGuardianUnreachable, "/case/guardians/0");
        assert_eq!(f.render(Lang::Sv), "Vårdnadshavare 1 går inte att nå och har därför inte samtyckt.");
    }
}
