//! Human and JSON output, and the exit code each outcome gives.

use std::process::ExitCode;

use serde_json::json;
use tsi_core::{Error, Lang, Report, Severity};

/// The `--lang` values.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum LangArg {
    /// Svenska.
    Sv,
    /// English.
    En,
}

static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// Sets the language of this run: `--lang`, else `LANG` starting with `sv`, else English.
pub fn set_lang(arg: Option<LangArg>) {
    let lang = match arg {
        Some(LangArg::Sv) => Lang::Sv,
        Some(LangArg::En) => Lang::En,
        None if std::env::var("LANG").is_ok_and(|l| l.starts_with("sv")) => Lang::Sv,
        None => Lang::En,
    };
    let _ = LANG.set(lang);
}

/// The language of messages and human output in this run.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::En)
}

/// `text` followed by spaces to `width` terminal columns: columns are counted as a terminal
/// shows them (a decomposed `å` is one column, two chars), so tables stay aligned.
pub fn pad(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// [`pad`] on the left, for numbers.
pub fn pad_left(text: &str, width: usize) -> String {
    let shown = unicode_width::UnicodeWidthStr::width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(shown)))
}

/// What a command ended in.
pub enum Outcome {
    /// Success: exit 0.
    Ok,
    /// A document with findings of severity error: exit 1.
    Findings,
    /// Unusable input: exit 2.
    BadInput,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Ok => ExitCode::SUCCESS,
            Outcome::Findings => ExitCode::from(1),
            Outcome::BadInput => ExitCode::from(2),
        }
    }
}

pub fn print_json<T: serde::Serialize>(value: &T) -> Outcome {
    match serde_json::to_string_pretty(value) {
        Ok(text) => {
            println!("{text}");
            Outcome::Ok
        }
        Err(_) => Outcome::BadInput,
    }
}

pub fn print_error(err: &Error, json: bool) -> Outcome {
    if json {
        let value = json!({ "error": { "code": err.code(), "path": err.path(), "params": err.params(), "message": err.message(lang()) } });
        println!("{value:#}");
    } else {
        let word = if lang() == Lang::Sv { "fel" } else { "error" };
        eprintln!("{word} {}: {}", err.code(), err.message(lang()));
    }
    Outcome::BadInput
}

pub fn print_report(report: &Report, json: bool, lang: Lang) -> Outcome {
    if json {
        print_json(report);
    } else {
        print_report_table(report, lang);
    }
    if report.valid {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

fn print_report_table(report: &Report, lang: Lang) {
    use anstyle::{AnsiColor, Style};
    let verdict = match (report.valid, lang) {
        (true, Lang::Sv) => "giltig",
        (true, Lang::En) => "valid",
        (false, Lang::Sv) => "ogiltig",
        (false, Lang::En) => "not valid",
    };
    let findings = if lang == Lang::Sv { "fynd" } else { "findings" };
    let bold = Style::new().bold();
    // anstream drops the colours when stdout is not a terminal or NO_COLOR is set.
    anstream::println!("{bold}{verdict}{bold:#} ({} {findings})", report.findings.len());
    for f in &report.findings {
        let (mark, colour) = match f.severity {
            Severity::Error => ("ERROR", AnsiColor::Red),
            Severity::Warning => ("WARN ", AnsiColor::Yellow),
            Severity::Info => ("INFO ", AnsiColor::Blue),
        };
        let style = Style::new().fg_color(Some(colour.into())).bold();
        let path = if f.path.is_empty() { "/" } else { &f.path };
        anstream::println!("  {style}{mark}{style:#} {:<40} {:<36} {}", f.code.as_str(), path, f.message);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padding_counts_terminal_columns() {
        // "å" precomposed (1 char) and decomposed (a + ring, 2 chars) are both one column.
        for word in ["ärenden", "a\u{30a}renden"] {
            assert_eq!(unicode_width::UnicodeWidthStr::width(pad(word, 10).as_str()), 10, "{word:?}");
            assert_eq!(unicode_width::UnicodeWidthStr::width(pad_left(word, 10).as_str()), 10, "{word:?}");
        }
        assert_eq!(pad("för långt ord", 3), "för långt ord");
    }
}
