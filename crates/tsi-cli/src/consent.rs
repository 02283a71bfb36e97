//! `tsi consent`, `tsi audit`, `tsi deid`: sharing decisions, record checks, audit chains and
//! de-identified summaries from files.

use clap::Subcommand;
use tsi_core::consent::decide::{decide_question_json, AuditedDecision, Basis};
use tsi_core::consent::validate::validate_sharing_case_json;
use tsi_core::time::Instant;
use tsi_core::{audit, deidentify, policy, Error, Lang, Policy};

use crate::output::{print_error, print_json, print_report, Outcome};
use crate::read_input;

/// Options shared by the commands that read documents.
#[derive(clap::Args)]
pub struct Common {
    /// The file (`-` for standard input).
    pub file: String,
    /// Machine-readable JSON.
    #[arg(long)]
    pub json: bool,
    /// Message language.
    #[arg(long, default_value = "sv")]
    lang: String,
    /// The collaboration's policy file; SPEC defaults if omitted.
    #[arg(long)]
    policy: Option<String>,
}

impl Common {
    /// Reads the file, the policy (or the default) and the language.
    pub fn load(&self) -> Result<(String, Policy, Lang), Error> {
        let lang = self.lang.parse()?;
        let policy_text = self.policy.as_deref().map(read_input).transpose()?;
        let policy = policy::policy_or_default(policy_text.as_deref())?;
        Ok((read_input(&self.file)?, policy, lang))
    }
}

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Decide a sharing question: FILE is `{ "case": …, "request": …, "audit_prev"?: … }`.
    /// Exit 0 allowed, 1 denied, 2 unusable input.
    Decide(Common),
    /// Check a sharing case's consent records at an instant.
    Check {
        #[command(flatten)]
        common: Common,
        /// The instant (RFC 3339 with offset).
        #[arg(long)]
        at: String,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Verify a JSON array of audit records; exit 1 at a broken link.
    Verify(Common),
}

#[derive(Subcommand)]
pub enum DeidCommand {
    /// Check a de-identified summary before a consultation without consent.
    Check(Common),
}

pub fn run_consent(command: ConsentCommand) -> Outcome {
    match command {
        ConsentCommand::Decide(c) => {
            match c.load().and_then(|(text, policy, lang)| decide_question_json(&text, &policy, lang)) {
                Err(e) => print_error(&e, c.json),
                Ok(d) => print_decision(&d, c.json),
            }
        }
        ConsentCommand::Check { common: c, at } => {
            let checked = Instant::parse_arg(&at, "--at").and_then(|at| {
                let (text, policy, lang) = c.load()?;
                validate_sharing_case_json(&text, &at, &policy, lang).map(|r| (r, lang))
            });
            match checked {
                Err(e) => print_error(&e, c.json),
                Ok((report, lang)) => print_report(&report, c.json, lang),
            }
        }
    }
}

pub fn run_audit(command: AuditCommand) -> Outcome {
    let AuditCommand::Verify(c) = command;
    match c.load().and_then(|(text, policy, lang)| audit::verify_chain_json(&text, policy.max_input_bytes(), lang)) {
        Err(e) => print_error(&e, c.json),
        Ok(r) => {
            if c.json {
                print_json(&r);
            } else if let Some(f) = &r.finding {
                println!("broken at record {}: {} {}", f.path, f.code, f.message);
            } else {
                println!("chain intact: {} records", r.checked);
            }
            if r.valid {
                Outcome::Ok
            } else {
                Outcome::Findings
            }
        }
    }
}

pub fn run_deid(command: DeidCommand) -> Outcome {
    let DeidCommand::Check(c) = command;
    match c
        .load()
        .and_then(|(text, policy, lang)| deidentify::check_deidentified_json(&text, &policy, lang).map(|r| (r, lang)))
    {
        Err(e) => print_error(&e, c.json),
        Ok((report, lang)) => print_report(&report, c.json, lang),
    }
}

fn print_decision(d: &AuditedDecision, json: bool) -> Outcome {
    if json {
        print_json(d);
    } else {
        match &d.basis {
            Some(basis) => println!("ALLOWED on {}", describe(basis)),
            None => println!("DENIED: no basis"),
        }
        for r in &d.reasons {
            let path = if r.path.is_empty() { "/" } else { &r.path };
            println!("  {:<32} {:<36} {}", r.code.as_str(), path, r.message);
        }
        println!("audit record #{} {}", d.audit.seq, d.audit.hash);
    }
    if d.allowed {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

/// The basis in words.
pub fn describe(basis: &Basis) -> String {
    match basis {
        Basis::SameAgency => "the same agency (no secrecy boundary)".to_owned(),
        Basis::Consent { id } => format!("consent {id}"),
        Basis::LegalGround { id, ground } => format!("legal ground {id} ({ground:?})"),
    }
}
