//! `tsi`: the command-line face of the tsi rule engine.
//!
//! Exit codes: 0 ok; 1 a document was read but has findings of severity error;
//! 2 input that could not be used (bad arguments, unreadable file, unparsable JSON,
//! malformed identity number); 3 the output could not be written (a full disk).

#[macro_use]
mod output;
mod case;
mod consent;
mod demo;
mod report_svg;
mod simulate;
mod sip;
mod stats;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tsi_core::{finding, id, policy, Error, NaiveDate};

use output::{print_error, print_json, print_report, Outcome};

#[derive(Parser)]
#[command(name = "tsi", version, about = "Rules of Swedish multi-agency collaboration for children at risk (TSI)")]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Language of messages and human output; default: sv when the LANG environment
    /// variable starts with "sv", else en.
    #[arg(long, global = true, value_enum)]
    lang: Option<output::LangArg>,
}

#[derive(Subcommand)]
enum Command {
    /// Walk through what tsi decides, step by step.
    #[command(after_help = "Examples:\n  tsi demo\n  tsi demo | less")]
    Demo,
    /// Personal identity and coordination numbers.
    #[command(
        after_help = "Examples:\n  tsi id check 121212-1212 --at 2026-11-23\n  tsi id check 20121212-1212 --json"
    )]
    Id {
        #[command(subcommand)]
        command: IdCommand,
    },
    /// The collaboration's policy.
    #[command(after_help = "Examples:\n  tsi policy default > policy.json\n  tsi policy check policy.json --lang en")]
    Policy {
        #[command(subcommand)]
        command: PolicyCommand,
    },
    /// The case process: replay a log, print the diagram (SPEC §6).
    #[command(
        after_help = "Examples:\n  tsi case replay examples/case/log.json --at 2026-10-01T09:00:00+02:00\n  tsi case diagram > process.mmd"
    )]
    Case {
        #[command(subcommand)]
        command: case::CaseCommand,
    },
    /// Information sharing: decisions and consent records (SPEC §5).
    #[command(
        after_help = "Examples:\n  tsi consent decide examples/sharing/denied.json --json\n  tsi consent matrix examples/sharing/case.json --from skola-ekbacken --at 2026-11-23T10:00:00+01:00\n  tsi consent check examples/sharing/case.json --at 2026-11-23T10:00:00+01:00"
    )]
    Consent {
        #[command(subcommand)]
        command: consent::ConsentCommand,
    },
    /// Hash-chained audit logs (R-AU-1).
    #[command(
        after_help = "Examples:\n  tsi audit verify audit.jsonl\n  tsi audit verify segment-2.jsonl --anchor <head hash of segment 1>"
    )]
    Audit {
        #[command(subcommand)]
        command: consent::AuditCommand,
    },
    /// De-identified consultations (R-DI-1).
    #[command(after_help = "Examples:\n  tsi deid check examples/sharing/deidentified.json")]
    Deid {
        #[command(subcommand)]
        command: consent::DeidCommand,
    },
    /// SIP, the coordinated individual plan (SPEC §7).
    #[command(
        after_help = "Examples:\n  tsi sip validate examples/sip/invalid.json --lang en\n  tsi sip summary examples/sip/valid.json\n  tsi sip schema > sip.schema.json"
    )]
    Sip {
        #[command(subcommand)]
        command: sip::SipCommand,
    },
    /// Write realistic synthetic case logs as JSON Lines (for trying `tsi stats`).
    #[command(
        after_help = "Examples:\n  tsi simulate --cases 100000 --seed 7 > logs.jsonl\n  tsi simulate --cases 20000 --municipalities 2 --out dir/"
    )]
    Simulate(simulate::SimulateArgs),
    /// Statistics over case logs, published with suppression (SPEC §8, R-ST-1 … R-ST-3).
    #[command(
        after_help = "Examples:\n  tsi stats logs.jsonl --svg report.svg\n  tsi stats logs.jsonl --csv --min-cell 10\n  tsi stats partial dir/municipality-1.jsonl > a.json\n  tsi stats merge a.json b.json --publish --svg region.svg"
    )]
    Stats(stats::StatsArgs),
    /// Print a shell completion script: `tsi completions bash > /etc/bash_completion.d/tsi`.
    #[command(
        after_help = "Examples:\n  tsi completions bash > ~/.local/share/bash-completion/completions/tsi\n  tsi completions zsh > ~/.zfunc/_tsi"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff): `tsi man > tsi.1 && man ./tsi.1`.
    #[command(after_help = "Examples:\n  tsi man > tsi.1\n  tsi man | man -l -")]
    Man,
    /// Print the JSON Schema (2020-12) of a document tsi reads or writes (bindings/schema/, docs/schemas.md).
    #[command(
        after_help = "Examples:\n  tsi schema sharing-case > sharing-case.schema.json\n  tsi schema case-log\n  tsi schema statistics-report"
    )]
    Schema {
        /// The document.
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(tsi_core::schema::DOCUMENTS))]
        document: String,
    },
    /// List every error and finding code with its rule ID.
    #[command(after_help = "Examples:\n  tsi codes\n  tsi codes --json")]
    Codes {
        /// Machine-readable JSON.
        #[arg(long)]
        json: bool,
        /// A Markdown table (docs/codes.md is this output).
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
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
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e).exit_code(),
    };
    output::set_lang(cli.lang);
    let outcome = match cli.command {
        Command::Demo => demo::run(),
        Command::Codes { json, markdown } => codes(json, markdown),
        Command::Schema { document } => {
            outln!("{}", tsi_core::schema::document_schema(&document).unwrap_or_default());
            Outcome::Ok
        }
        Command::Case { command } => case::run(command),
        Command::Consent { command } => consent::run_consent(command),
        Command::Audit { command } => consent::run_audit(command),
        Command::Deid { command } => consent::run_deid(command),
        Command::Sip { command } => sip::run(command),
        Command::Simulate(args) => simulate::run(&args),
        Command::Man => manual(),
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut <Cli as clap::CommandFactory>::command(), "tsi", &mut script);
            out!("{}", String::from_utf8_lossy(&script));
            Outcome::Ok
        }
        Command::Stats(args) => stats::run(args),
        Command::Id { command: IdCommand::Check { number, at, json } } => id_check(&number, at.as_deref(), json),
        Command::Policy { command: PolicyCommand::Default } => {
            outln!("{}", tsi_core::documents::default_policy_json());
            Outcome::Ok
        }
        Command::Policy { command: PolicyCommand::Check { file, json } } => policy_check(&file, json),
    };
    output::flush_stdout();
    outcome.exit_code()
}

/// clap's answer to arguments it could not parse, as tsi's coded errors in the run's language:
/// the argument's position or name, never its value (#26: whatever was typed may be a personal
/// number). Help and version are printed as they are.
fn usage_error(e: &clap::Error) -> Outcome {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let raw: Vec<String> = std::env::args_os().skip(1).map(|a| a.to_string_lossy().into_owned()).collect();
    let lang = match raw.iter().position(|a| a == "--lang").and_then(|i| raw.get(i + 1)).map(String::as_str) {
        Some("sv") => Some(output::LangArg::Sv),
        Some("en") => Some(output::LangArg::En),
        _ if raw.iter().any(|a| a == "--lang=sv") => Some(output::LangArg::Sv),
        _ if raw.iter().any(|a| a == "--lang=en") => Some(output::LangArg::En),
        _ => None,
    };
    output::set_lang(lang);
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            out!("{}", e.render());
            return Outcome::Ok;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            out!("{}", e.render());
            return Outcome::BadInput;
        }
        _ => {}
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    // An argument's name as clap prints it ("--lang <LANG>"), without the value placeholder.
    let name = |s: String| s.split_whitespace().next().unwrap_or_default().to_owned();
    let err = match e.kind() {
        ErrorKind::UnknownArgument | ErrorKind::InvalidSubcommand => {
            let token = context(ContextKind::InvalidArg).or_else(|| context(ContextKind::InvalidSubcommand));
            let position = token
                .and_then(|t| raw.iter().position(|a| *a == t || a.split('=').next() == Some(t.as_str())))
                .map_or(0, |i| i + 1);
            Error::new(tsi_core::Code::ArgumentUnknown, "").param("position", position)
        }
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            let field = context(ContextKind::InvalidArg).map(name).unwrap_or_else(|| "COMMAND".to_owned());
            Error::new(tsi_core::Code::ArgumentMissing, "").param("field", field)
        }
        _ => {
            let field = context(ContextKind::InvalidArg).map(name).unwrap_or_default();
            Error::new(tsi_core::Code::ArgumentInvalid, "").param("field", field)
        }
    };
    print_error(&err, raw.iter().any(|a| a == "--json"))
}

/// The manual page of `tsi`, from the same definitions as `--help`.
fn manual() -> Outcome {
    let page = clap_mangen::Man::new(<Cli as clap::CommandFactory>::command());
    let mut out = Vec::new();
    if page.render(&mut out).is_err() {
        return Outcome::BadInput;
    }
    out!("{}", String::from_utf8_lossy(&out));
    Outcome::Ok
}

fn codes(json: bool, markdown: bool) -> Outcome {
    let all = finding::codes();
    if json {
        return print_json(&all);
    }
    if markdown {
        outln!("# Error and finding codes\n");
        outln!("Generated by `tsi codes --markdown`; a test fails when this file is stale.\n");
        outln!("| code | kind | severity | rule | English | Svenska |\n|---|---|---|---|---|---|");
        for c in all {
            outln!("| `{}` | {:?} | {:?} | {} | {} | {} |", c.text, c.kind, c.severity, c.rule, c.en, c.sv);
        }
        return Outcome::Ok;
    }
    for c in all {
        outln!(
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
            outln!("valid {kind} {}", check.normalized);
            outln!("born {}, {} years old on {at}", check.birth_date, check.age);
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

/// The given instant, or now to the second (`field` names the argument in the error).
pub(crate) fn instant_or_now(at: Option<&str>, field: &str) -> Result<tsi_core::time::Instant, Error> {
    let now = || chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    tsi_core::time::Instant::parse_arg(&at.map_or_else(now, str::to_owned), field)
}

/// The collaboration's policy from a file (`-` for standard input), or SPEC's defaults.
pub(crate) fn load_policy(file: Option<&str>) -> Result<policy::Policy, Error> {
    let text = file.map(read_input).transpose()?;
    tsi_core::documents::policy_or_default(text.as_deref())
}

fn policy_check(file: &str, json: bool) -> Outcome {
    let lang = output::lang();
    match read_input(file).and_then(|text| tsi_core::documents::validate_policy(&text, lang)) {
        Err(e) => print_error(&e, json),
        Ok(report) => print_report(&report, json, lang),
    }
}

/// Reads a file, or standard input for `-`. An unreadable file is reported as empty
/// input with the file as path; its name is the user's own argument.
/// A buffered reader over a file or standard input (`-`).
pub(crate) fn open_input(file: &str) -> Result<Box<dyn std::io::BufRead>, Error> {
    if file == "-" {
        return Ok(Box::new(std::io::BufReader::new(std::io::stdin())));
    }
    if std::path::Path::new(file).is_dir() {
        return Err(Error::new(tsi_core::Code::FileIsDirectory, ""));
    }
    std::fs::File::open(file)
        .map(|f| Box::new(std::io::BufReader::new(f)) as Box<dyn std::io::BufRead>)
        .map_err(|e| file_error(&e))
}

/// A file that cannot be opened, by its own code. The file's name is never repeated: it is
/// the caller's, and may hold a name (R-PD-1).
fn file_error(e: &std::io::Error) -> Error {
    match e.kind() {
        std::io::ErrorKind::NotFound => Error::new(tsi_core::Code::FileNotFound, ""),
        std::io::ErrorKind::IsADirectory => Error::new(tsi_core::Code::FileIsDirectory, ""),
        _ => Error::new(tsi_core::Code::FileUnreadable, ""),
    }
}

/// Reads a whole document, never more than the default input limit plus one byte: a file
/// larger than that (`/dev/zero`) is `INPUT_TOO_LARGE` after reading the limit, not 2 GB.
pub(crate) fn read_input(file: &str) -> Result<String, Error> {
    read_input_within(file, tsi_core::reading::DEFAULT_MAX_INPUT_BYTES)
}

/// [`read_input`] with a limit (the policy's `max_input_bytes`).
/// The audit key of `--audit-key FILE` (JSON `{"id", "secret"}`), when given.
pub(crate) fn load_audit_key(file: Option<&str>) -> Result<Option<tsi_core::audit::AuditKey>, Error> {
    file.map(|f| read_input_within(f, 4096).and_then(|text| tsi_core::documents::audit_key(&text))).transpose()
}

pub(crate) fn read_input_within(file: &str, max: usize) -> Result<String, Error> {
    let mut bytes = Vec::new();
    let reader = open_input(file)?;
    reader.take(max as u64 + 1).read_to_end(&mut bytes).map_err(|e| file_error(&e))?;
    if bytes.len() > max {
        return Err(Error::new(tsi_core::Code::InputTooLarge, "").param("size", bytes.len()).param("limit", max));
    }
    String::from_utf8(bytes).map_err(|_| Error::new(tsi_core::Code::InputNotUtf8, ""))
}
