//! Human and JSON output, and the exit code each outcome gives.
//!
//! Everything a command prints goes through [`write_stdout`] (the `out!` and `outln!` macros):
//! writing to standard output can fail, and `println!` panics when it does. A reader that went
//! away (`tsi demo | head -1`) ends the run quietly, as `head` meant: exit 0. Any other failure
//! (a full disk: `tsi demo > /dev/full`) is `OUTPUT_NOT_WRITABLE` on standard error, exit 3.

use std::io::Write;
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

/// Human output in this run's language. Human output speaks to staff: words, never codes,
/// paths or identifiers (#31); `--json` carries those for programs.
pub fn say(sv: &'static str, en: &'static str) -> &'static str {
    if lang() == Lang::Sv {
        sv
    } else {
        en
    }
}

/// A severity in words.
pub fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => say("fel", "error"),
        Severity::Warning => say("varning", "warning"),
        Severity::Info => say("info", "note"),
    }
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

/// `print!` that never panics: see the module.
macro_rules! out {
    ($($arg:tt)*) => { $crate::output::write_stdout(format_args!($($arg)*)) };
}

/// `println!` that never panics: see the module.
macro_rules! outln {
    () => { $crate::output::write_stdout(format_args!("\n")) };
    ($($arg:tt)*) => { $crate::output::write_stdout(format_args!("{}\n", format_args!($($arg)*))) };
}

/// The exit code of a run whose output could not be written.
pub const OUTPUT_FAILED: u8 = 3;

/// Writes to standard output (colours dropped when it is not a terminal or `NO_COLOR` is set).
pub fn write_stdout(args: std::fmt::Arguments) {
    if let Err(e) = anstream::stdout().lock().write_fmt(args) {
        output_failed(&e);
    }
}

/// Flushes standard output at the end of a run (a failure there is a failure to write).
pub fn flush_stdout() {
    if let Err(e) = std::io::stdout().lock().flush() {
        output_failed(&e);
    }
}

/// Writes to standard error; a failure there has nowhere to be reported and is ignored.
pub fn write_stderr(args: std::fmt::Arguments) {
    let _ = anstream::stderr().lock().write_fmt(args);
}

/// Standard output as a writer for bulk output (`tsi simulate`): a failure ends the run as
/// [`output_failed`] says, so callers never see it.
pub struct CheckedStdout;

impl Write for CheckedStdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        std::io::stdout().lock().write(buf).or_else(|e| output_failed(&e))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stdout().lock().flush().or_else(|e| output_failed(&e))
    }
}

/// Ends the run after standard output failed: quietly for a reader that went away, else with
/// the coded error on standard error.
pub fn output_failed(e: &std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let err = Error::new(tsi_core::Code::OutputNotWritable, "");
    let word = if lang() == Lang::Sv { "fel" } else { "error" };
    write_stderr(format_args!("{word} {}: {}\n", err.code(), err.message(lang())));
    std::process::exit(i32::from(OUTPUT_FAILED));
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
            outln!("{text}");
            Outcome::Ok
        }
        Err(_) => Outcome::BadInput,
    }
}

pub fn print_error(err: &Error, json: bool) -> Outcome {
    if json {
        let value = json!({ "error": { "code": err.code(), "path": err.path(), "params": err.params(), "message": err.message(lang()) } });
        outln!("{value:#}");
    } else {
        let word = if lang() == Lang::Sv { "fel" } else { "error" };
        write_stderr(format_args!("{word} {}: {}\n", err.code(), err.message(lang())));
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
    outln!("{bold}{verdict}{bold:#} ({} {findings})", report.findings.len());
    for f in &report.findings {
        let colour = match f.severity {
            Severity::Error => AnsiColor::Red,
            Severity::Warning => AnsiColor::Yellow,
            Severity::Info => AnsiColor::Blue,
        };
        let style = Style::new().fg_color(Some(colour.into())).bold();
        outln!("  {style}{:<8}{style:#} {}", severity(f.severity), f.message);
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
