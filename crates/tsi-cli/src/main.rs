//! `tsi`: the command-line face of the tsi rule engine.
//!
//! Exit codes: 0 ok; 1 a document was read but has findings of severity error;
//! 2 input that could not be used (bad arguments, unreadable file, unparsable JSON,
//! malformed identity number).

mod consent;
mod demo;
mod output;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tsi_core::{finding, id, policy, Error, Lang, NaiveDate};

use output::{print_error, print_json, print_report, Outcome};

#[derive(Parser)]
#[command(name = "tsi", version, about = "Rules of Swedish multi-agency collaboration for children at risk (TSI)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Walk through what tsi decides, step by step.
    Demo,
    /// Personal identity and coordination numbers.
    Id {
        #[command(subcommand)]
        command: IdCommand,
    },
    /// The collaboration's policy.
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// Information sharing: decisions and consent records (SPEC §5).
    Consent {
        #[command(subcommand)]
        command: consent::ConsentCommand,
    },
    /// Hash-chained audit logs (R-AU-1).
    Audit {
        #[command(subcommand)]
        command: consent::AuditCommand,
    },
    /// De-identified consultations (R-DI-1).
    Deid {
        #[command(subcommand)]
        command: consent::DeidCommand,
    },
    /// List every error and finding code with its rule ID.
    Codes {
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum IdCommand {
    /// Check a number and compute the age at a date.
    Check {
        /// The number, 10 or 12 digits, with or without - / +.
        number: String,
        /// The decision date (YYYY-MM-DD); today if omitted.
        #[arg(long)]
        at: Option<String>,
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum PolicyCommand {
    /// Print the default policy (JSON).
    Default,
    /// Validate a policy file (`-` for standard input).
    Check {
        /// The policy file.
        file: String,
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
        /// Message language.
        #[arg(long, default_value = "sv")]
        lang: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Demo => demo::run(),
        Command::Codes { json } => codes(json),
        Command::Consent { command } => consent::run_consent(command),
        Command::Audit { command } => consent::run_audit(command),
        Command::Deid { command } => consent::run_deid(command),
        Command::Id { command: IdCommand::Check { number, at, json } } => id_check(&number, at.as_deref(), json),
        Command::Policy { command: PolicyCommand::Default } => {
            println!("{}", policy::default_policy_json());
            Outcome::Ok
        }
        Command::Policy { command: PolicyCommand::Check { file, json, lang } } => policy_check(&file, json, &lang),
    };
    outcome.exit_code()
}

fn codes(json: bool) -> Outcome {
    let all = finding::codes();
    if json {
        return print_json(&all);
    }
    for c in all {
        println!(
            "{:<40} {:<8} {:<8} {:<7} {}",
            c.text,
            format!("{:?}", c.kind),
            format!("{:?}", c.severity),
            c.rule,
            c.en
        );
    }
    Outcome::Ok
}

fn id_check(number: &str, at: Option<&str>, json: bool) -> Outcome {
    let result = decision_date(at).and_then(|at| id::check_personal_identity(number, at).map(|c| (c, at)));
    match result {
        Err(e) => print_error(&e, json),
        Ok((check, _)) if json => print_json(&check),
        Ok((check, at)) => {
            let kind = match check.kind {
                id::IdKind::PersonalNumber => "personal identity number",
                id::IdKind::CoordinationNumber => "coordination number",
            };
            println!("valid {kind} {}", check.normalized);
            println!("born {}, {} years old on {at}", check.birth_date, check.age);
            Outcome::Ok
        }
    }
}

/// The given date, or today's: the CLI may read the clock, the core never does.
fn decision_date(at: Option<&str>) -> Result<NaiveDate, Error> {
    match at {
        Some(s) => id::parse_date(s, "--at"),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn policy_check(file: &str, json: bool, lang: &str) -> Outcome {
    let result = lang.parse::<Lang>().and_then(|lang| {
        read_input(file).and_then(|text| policy::validate_policy_json(&text, lang)).map(|r| (r, lang))
    });
    match result {
        Err(e) => print_error(&e, json),
        Ok((report, lang)) => print_report(&report, json, lang),
    }
}

/// Reads a file, or standard input for `-`. An unreadable file is reported as empty
/// input with the file as path; its name is the user's own argument.
pub(crate) fn read_input(file: &str) -> Result<String, Error> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    match read {
        Ok(()) => Ok(text),
        Err(_) => Err(Error::new(tsi_core::Code::InputEmpty, "").param("file", file)),
    }
}
