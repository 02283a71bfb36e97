//! Languages of messages and summaries: Swedish (default) and English (R-SP-6).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

mod names;
mod subject;

pub use names::{display_name, named};

/// A language for messages.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        })
    }
}

/// Fills `{name}` placeholders from `params`; `{subject}` (`{Subject}` to begin a sentence)
/// says in words what the path points at. Unknown placeholders stay as written.
/// The pointer of what holds `path`'s last segment (`""` for a top-level member).
fn parent(path: &str) -> &str {
    path.rfind('/').map_or("", |at| path.get(..at).unwrap_or_default())
}

pub(crate) fn render(template: &str, params: &BTreeMap<String, String>, path: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, after) = rest.split_at(open);
        out.push_str(before);
        match after.find('}') {
            Some(close) => {
                let name = after.get(1..close).unwrap_or_default();
                match params.get(name).map(String::as_str) {
                    Some(value) => push_in_words(&mut out, name, value, lang),
                    None if name == "subject" => out.push_str(&subject::subject(path, lang)),
                    None if name == "Subject" => out.push_str(&subject::capitalized(&subject::subject(path, lang))),
                    // What holds the field the path names: a missing field is not there to name.
                    None if name == "within" => out.push_str(&subject::subject(parent(path), lang)),
                    // A list refused at its limit was not read to its end: it has no count.
                    None if name == "count" && params.contains_key("limit") => {
                        out.push_str(more_than(lang));
                        out.push_str(params.get("limit").map_or("", String::as_str));
                    }
                    None => out.push_str(after.get(..=close).unwrap_or_default()),
                }
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// "More than" before an uncounted number, in `lang`.
fn more_than(lang: Lang) -> &'static str {
    match lang {
        Lang::Sv => "fler än ",
        Lang::En => "more than ",
    }
}

/// A parameter's value, in words where it names what the table knows (an event, a state, each
/// category of a list "Attendance, Health").
fn push_in_words(out: &mut String, param: &str, value: &str, lang: Lang) {
    let enums = names::enums_of_param(param);
    if enums.is_empty() {
        out.push_str(value);
        return;
    }
    for (i, item) in value.split(", ").enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(enums.iter().find_map(|e| display_name(e, item, lang)).unwrap_or(item));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Code, Params};

    #[test]
    fn parses_languages_and_rejects_others_with_a_code() {
        assert_eq!("sv".parse::<Lang>().unwrap(), Lang::Sv);
        assert_eq!(" EN ".parse::<Lang>().unwrap(), Lang::En);
        assert_eq!("de".parse::<Lang>().unwrap_err().code(), Code::LangUnknown);
        assert_eq!(Lang::default(), Lang::Sv);
    }

    #[test]
    fn render_fills_known_and_keeps_unknown_placeholders() {
        let mut p = Params::new();
        p.insert("a".into(), "1".into());
        assert_eq!(render("x {a} {b} {subject} {", &p, "/case/child", Lang::En), "x 1 {b} the child {");
        assert_eq!(render("{Subject}.", &p, "", Lang::Sv), "Dokumentet.");
        assert_eq!(render("{path}", &p, "/q", Lang::Sv), "{path}");
        assert_eq!(render("in {within}", &p, "/case/child/birth_date", Lang::En), "in the child");
        assert_eq!(render("i {within}", &p, "/schema_version", Lang::Sv), "i dokumentet");
    }
}
