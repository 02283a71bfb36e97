//! Human and JSON output, and the exit code each outcome gives.

use std::process::ExitCode;

use serde_json::json;
use tsi_core::{Error, Lang, Report, Severity};

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
        let value = json!({ "error": { "code": err.code(), "path": err.path(), "params": err.params(), "message": err.message(Lang::En) } });
        println!("{value:#}");
    } else {
        eprintln!("error {}: {}", err.code(), err.message(Lang::En));
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
    let verdict = match (report.valid, lang) {
        (true, Lang::Sv) => "giltig",
        (true, Lang::En) => "valid",
        (false, Lang::Sv) => "ogiltig",
        (false, Lang::En) => "not valid",
    };
    println!("{verdict} ({} findings)", report.findings.len());
    for f in &report.findings {
        let mark = match f.severity {
            Severity::Error => "ERROR",
            Severity::Warning => "WARN ",
            Severity::Info => "INFO ",
        };
        let path = if f.path.is_empty() { "/" } else { &f.path };
        println!("  {mark} {:<40} {:<36} {}", f.code.as_str(), path, f.message);
    }
}
