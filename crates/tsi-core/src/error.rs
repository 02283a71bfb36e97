//! The one public error of the library.
//!
//! An error means the input could not be used at all (unparsable JSON, a malformed
//! identity number, …). Rule outcomes about a well-formed document are findings in a
//! [`Report`](crate::Report) instead. An error carries a stable [`Code`], a JSON Pointer
//! path and non-personal parameters; its message never contains input values (R-PD-1).

use std::fmt;

use serde::Serialize;

use crate::finding::{Code, Params};
use crate::i18n::{render, Lang};

/// The library's error: a registry code, where it applies, and message parameters.
///
/// One shape for every failure so that JavaScript, Kotlin, Swift and Python all see the
/// same `code` / `path`; match on [`Error::code`] for exhaustive handling in Rust.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    code: Code,
    path: String,
    params: Params,
}

impl Error {
    /// An error of `code` at JSON Pointer `path` (`""` for the whole input).
    pub fn new(code: Code, path: impl Into<String>) -> Self {
        Error { code, path: path.into(), params: Params::new() }
    }

    /// Adds a message parameter (never personal data).
    pub fn param(mut self, name: &str, value: impl ToString) -> Self {
        self.params.insert(name.to_owned(), value.to_string());
        self
    }

    /// The same error with its path placed under `prefix` (e.g. `/case`), for documents
    /// that are parts of a larger input.
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = format!("{prefix}{}", self.path);
        self
    }

    /// The same error with `prefix` removed from the front of its path.
    pub fn relative_to(mut self, prefix: &str) -> Self {
        if let Some(rest) = self.path.strip_prefix(prefix) {
            self.path = rest.to_owned();
        }
        self
    }

    /// The stable code.
    pub fn code(&self) -> Code {
        self.code
    }

    /// JSON Pointer to the offending part of the input (`""` for the whole input).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Message parameters.
    pub fn params(&self) -> &Params {
        &self.params
    }

    /// The message in a language.
    pub fn message(&self, lang: Lang) -> String {
        render(self.code.info().template(lang), &self.params, &self.path, lang)
    }
}

impl fmt::Display for Error {
    /// `CODE: English message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message(Lang::En))
    }
}

/// Shorthand for results of this library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A language by its name, `sv` or `en` (any case, spaces around ignored); any other is
/// `LANG_UNKNOWN`. Here rather than in `i18n`, which sits below the registry of codes.
impl std::str::FromStr for Lang {
    type Err = Error;

    /// Parses `sv` or `en` (case-insensitive); anything else is `LANG_UNKNOWN`.
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" => Ok(Lang::Sv),
            "en" => Ok(Lang::En),
            _ => Err(Error::new(Code::LangUnknown, "")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_code_then_english_message() {
        let e = Error::new(Code::InputTooLarge, "").param("size", 9).param("limit", 4);
        assert_eq!(e.to_string(), "INPUT_TOO_LARGE: The input is 9 bytes, more than the limit of 4 bytes.");
        assert_eq!(e.code().as_str(), "INPUT_TOO_LARGE");
        assert_eq!(e.path(), "");
    }
}
