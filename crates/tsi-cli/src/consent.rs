//! `tsi consent`, `tsi audit`, `tsi deid`: sharing decisions, record checks, audit chains and
//! de-identified summaries from files.

use clap::Subcommand;
use tsi_core::consent::decide::Basis;
use tsi_core::consent::plan::{AgeChange, ConsentPlan};
use tsi_core::consent::remedy::{Remedies, Remedy};
use tsi_core::documents::{AuditedDecision, AuditedMatrix};
use tsi_core::time::Instant;
use tsi_core::{audit, Error, Lang, Policy};

use crate::output::{print_error, print_json, print_report, say, Outcome};

/// Options shared by the commands that read documents.
#[derive(clap::Args)]
pub struct Common {
    /// The file (`-` for standard input).
    pub file: String,
    /// Machine-readable JSON.
    #[arg(long)]
    pub json: bool,
    /// The collaboration's policy file; SPEC defaults if omitted.
    #[arg(long)]
    policy: Option<String>,
}

impl Common {
    /// Reads the file, the policy (or the default) and the language.
    pub fn load(&self) -> Result<(String, Policy, Lang), Error> {
        let (policy, lang) = self.settings()?;
        Ok((crate::read_input_within(&self.file, policy.max_input_bytes())?, policy, lang))
    }

    /// The policy (or the default) and the language.
    pub fn settings(&self) -> Result<(Policy, Lang), Error> {
        Ok((crate::load_policy(self.policy.as_deref())?, crate::output::lang()))
    }
}

#[derive(Subcommand)]
pub enum ConsentCommand {
    /// Decide a sharing question: FILE is `{ "case": …, "request": …, "audit_prev"?: … }`.
    /// Exit 0 allowed, 1 denied, 2 unusable input.
    Decide {
        #[command(flatten)]
        common: Common,
        /// The journal system's audit key, a JSON file `{"id", "secret"}` (hexadecimal, at least
        /// 32 digits): the record's digest of the question is keyed with it. Never printed.
        #[arg(long, value_name = "FILE")]
        audit_key: Option<String>,
    },
    /// What would make a denied question allowed: FILE is `{ "case": …, "request": … }`. Prints
    /// the consent to ask for (a complete draft record), a recorded consent to wait for, or
    /// what no consent can fix. Exit 0 allowed or something to do, 1 nothing consent can fix,
    /// 2 unusable input.
    Remedies {
        #[command(flatten)]
        common: Common,
    },
    /// The consent to ask the family for before a planned meeting or sharing: FILE is
    /// `{ "case": …, "plan": { "from", "recipients", "categories", "purpose", "valid_from",
    /// "valid_until", "actor" } }`. Prints the draft record, the birthdays inside the period
    /// that change whose consent is needed, or that the recorded consents already cover it.
    /// Exit 0 covered or drafted, 1 blocked, 2 unusable input.
    Plan {
        #[command(flatten)]
        common: Common,
        /// Also write the printable consent form (HTML, in the --lang language) to this file.
        #[arg(long, value_name = "FILE")]
        html: Option<String>,
    },
    /// What may be shared with whom (#29): FILE is the sharing case; prints, for every other
    /// agency of the case and every information category, whether the sender may share it
    /// now and on which basis, and which basis lapses first. One audit record for the whole.
    /// Exit 0 something may be shared, 1 nothing, 2 unusable input.
    Matrix {
        #[command(flatten)]
        common: Common,
        /// The sending agency's id.
        #[arg(long)]
        from: String,
        /// The decision instant (RFC 3339 with offset).
        #[arg(long)]
        at: String,
        /// The purpose.
        #[arg(long, default_value = "TsiCollaboration")]
        purpose: String,
        /// Who asks (staff reference), for the audit record.
        #[arg(long, default_value = "tsi-cli")]
        actor: String,
        /// The journal system's audit key (as for `decide`).
        #[arg(long, value_name = "FILE")]
        audit_key: Option<String>,
    },
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
    /// Verify an audit log: JSON Lines (one record per line, streamed in constant memory, any
    /// length) or a JSON array. Without --anchor the log must start at genesis; exit 1 at the
    /// first broken link, which is named.
    Verify {
        #[command(flatten)]
        common: Common,
        /// The head hash of the previous segment, when FILE is a segment of a longer log.
        #[arg(long)]
        anchor: Option<String>,
    },
}

#[derive(Subcommand)]
pub enum DeidCommand {
    /// Check a de-identified summary before a consultation without consent.
    Check(Common),
}

pub fn run_consent(command: ConsentCommand) -> Outcome {
    match command {
        ConsentCommand::Decide { common: c, audit_key } => {
            let decided = crate::load_audit_key(audit_key.as_deref()).and_then(|key| {
                let (text, policy, lang) = c.load()?;
                tsi_core::documents::decide_question(&text, key.as_ref(), &policy, lang)
            });
            match decided {
                Err(e) => print_error(&e, c.json),
                Ok(d) => print_decision(&d, c.json),
            }
        }
        ConsentCommand::Remedies { common: c } => {
            let found =
                c.load().and_then(|(text, policy, lang)| tsi_core::documents::question_remedies(&text, &policy, lang));
            match found {
                Err(e) => print_error(&e, c.json),
                Ok(r) => print_remedies(&r, c.json),
            }
        }
        ConsentCommand::Plan { common: c, html } => {
            let planned = c.load().and_then(|(text, policy, lang)| {
                let (plan, form) = tsi_core::documents::question_plan_with_form(&text, &policy, lang)?;
                match (&html, form) {
                    (Some(path), Some(form)) => std::fs::write(path, form)
                        .map_err(|_| Error::new(tsi_core::finding::Code::FileNotWritable, ""))?,
                    (Some(_), None) => return Err(Error::new(tsi_core::finding::Code::ConsentPlanNothingToSign, "")),
                    (None, _) => {}
                }
                Ok(plan)
            });
            match planned {
                Err(e) => print_error(&e, c.json),
                Ok(p) => print_plan(&p, c.json),
            }
        }
        ConsentCommand::Matrix { common: c, from, at, purpose, actor, audit_key } => {
            let request = serde_json::json!({ "from": from, "at": at, "purpose": purpose, "actor": actor }).to_string();
            let matrix = crate::load_audit_key(audit_key.as_deref()).and_then(|key| {
                let (text, policy, lang) = c.load()?;
                tsi_core::documents::sharing_matrix(&text, &request, None, key.as_ref(), &policy, lang)
            });
            match matrix {
                Err(e) => print_error(&e, c.json),
                Ok(m) => print_matrix(&m, c.json),
            }
        }
        ConsentCommand::Check { common: c, at } => {
            let checked = Instant::parse_arg(&at, "--at").and_then(|at| {
                let (text, policy, lang) = c.load()?;
                tsi_core::documents::validate_sharing_case(&text, &at, &policy, lang).map(|r| (r, lang))
            });
            match checked {
                Err(e) => print_error(&e, c.json),
                Ok((report, lang)) => print_report(&report, c.json, lang),
            }
        }
    }
}

pub fn run_audit(command: AuditCommand) -> Outcome {
    let AuditCommand::Verify { common: c, anchor } = command;
    match verify_stream(&c, anchor.as_deref()) {
        Err(e) => print_error(&e, c.json),
        Ok(r) => {
            if c.json {
                print_json(&r);
            } else if let Some(f) = &r.finding {
                outln!("{} {}", say("Kedjan är bruten:", "The chain is broken:"), f.message);
            } else if r.legacy_records > 0 {
                let legacy = r.legacy_records;
                let earlier = say("i det tidigare formatet, version 2", "of the earlier format, version 2");
                let (intact, records) = (say("Kedjan är hel:", "Chain intact:"), say("poster", "records"));
                outln!("{intact} {} {records} ({legacy} {earlier})", r.checked);
            } else {
                let (intact, records) = (say("Kedjan är hel:", "Chain intact:"), say("poster", "records"));
                outln!("{intact} {} {records}", r.checked);
            }
            if r.valid {
                Outcome::Ok
            } else {
                Outcome::Findings
            }
        }
    }
}

/// Verifies the log in `c.file` record by record: only one record is in memory at a time, and
/// the policy's `max_input_bytes` bounds each record, never the log.
fn verify_stream(c: &Common, anchor: Option<&str>) -> Result<audit::ChainReport, Error> {
    use std::io::{BufRead, Read};
    let (policy, lang) = c.settings()?;
    let max = policy.max_input_bytes();
    let mut reader = crate::open_input(&c.file)?;
    let mut verifier = audit::ChainVerifier::new(anchor);
    let mut line = Vec::new();
    let mut first = true;
    loop {
        line.clear();
        let read = Read::take(&mut reader, max as u64 + 1).read_until(b'\n', &mut line);
        let n = read.map_err(|_| Error::new(tsi_core::Code::FileUnreadable, ""))?;
        if n == 0 {
            break;
        }
        if line.len() > max && line.last() != Some(&b'\n') {
            return Err(Error::new(tsi_core::Code::InputTooLarge, "").param("size", line.len()).param("limit", max));
        }
        let text = std::str::from_utf8(&line).map_err(|_| Error::new(tsi_core::Code::JsonSyntax, ""))?;
        if text.trim().is_empty() {
            continue;
        }
        if first && text.trim_start().starts_with('[') {
            // A JSON array: the whole document within the limit.
            let mut rest = String::from(text);
            Read::take(reader, max as u64)
                .read_to_string(&mut rest)
                .map_err(|_| Error::new(tsi_core::Code::JsonSyntax, ""))?;
            return tsi_core::documents::verify_audit_chain(&rest, anchor, max, lang);
        }
        first = false;
        verifier.push_json(text, max)?;
        if verifier.is_broken() {
            break;
        }
    }
    Ok(verifier.report(lang))
}

pub fn run_deid(command: DeidCommand) -> Outcome {
    let DeidCommand::Check(c) = command;
    match c.load().and_then(|(text, policy, lang)| {
        tsi_core::documents::check_deidentified(&text, &policy, lang).map(|r| (r, lang))
    }) {
        Err(e) => print_error(&e, c.json),
        Ok((report, lang)) => print_report(&report, c.json, lang),
    }
}

fn print_decision(d: &AuditedDecision, json: bool) -> Outcome {
    if json {
        print_json(d);
    } else {
        match &d.basis {
            Some(basis) => outln!("{} {}", say("Ja, får delas. Grund:", "Yes, may be shared. Basis:"), describe(basis)),
            None => outln!(
                "{}",
                say("Nej, får inte delas: det finns ingen grund.", "No, may not be shared: there is no basis.")
            ),
        }
        for r in &d.reasons {
            outln!("  – {}", r.message);
        }
        outln!("{} {} {}", say("Loggpost", "Audit record"), d.audit.seq, d.audit.hash);
    }
    if d.allowed {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

/// The matrix, one agency at a time: the categories that may be shared (with their basis), then
/// those that may not.
fn print_matrix(m: &AuditedMatrix, json: bool) -> Outcome {
    let lang = crate::output::lang();
    if json {
        print_json(m);
    } else {
        if let tsi_core::audit::AuditAction::SharingMatrix { from, purpose } = &m.audit.action {
            let (what, to) = (say("Vad får", "What may"), say("dela, för", "share, for"));
            outln!("{what} {from} {to} {}, {}?", purpose.display_name(lang), m.audit.at);
        }
        for row in m.cells.chunk_by(|a, b| a.to == b.to) {
            let Some(first) = row.first() else { continue };
            outln!("{}", first.to);
            let (yes, no): (Vec<_>, Vec<_>) = row.iter().partition(|c| c.decision.allowed);
            for cell in yes {
                let basis = cell.decision.basis.as_ref().map(describe).unwrap_or_default();
                outln!("  {} {}: {basis}", say("ja ", "yes"), cell.category.display_name(lang));
            }
            let denied: Vec<&str> = no.iter().map(|c| c.category.display_name(lang)).collect();
            if !denied.is_empty() {
                outln!("  {} {}", say("nej", "no "), denied.join("; "));
            }
        }
        if let Some(l) = &m.expires_first {
            let (first, category) = (say("Upphör först:", "Lapses first:"), l.category.display_name(lang));
            outln!("{first} {}, {category}, {}", l.to, l.at);
        }
        outln!("{} {} {}", say("Loggpost", "Audit record"), m.audit.seq, m.audit.hash);
    }
    if m.cells.iter().any(|c| c.decision.allowed) {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

fn print_plan(p: &ConsentPlan, json: bool) -> Outcome {
    if json {
        print_json(p);
    } else {
        if p.covered {
            outln!(
                "{}",
                say(
                    "Klart: samtyckena täcker allt som ska delas under hela perioden.",
                    "Covered: the recorded consents allow every planned sharing for the whole period."
                )
            );
        }
        if let Some(consent) = &p.consent {
            print_draft(&format!("{} {}:", say("Be om samtycke", "Ask for consent"), consent.id), consent);
        }
        for b in &p.birthdays {
            let turns = say("fyller barnet", "the child turns");
            outln!("{} {} {turns} {}: {}", say("Födelsedag:", "Birthday:"), b.date, b.age, birthday_change(b.change));
        }
        print_blocked(&p.blocked);
    }
    if p.covered || p.consent.is_some() {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

/// A draft consent record, one line per part.
/// A draft consent record in words (the guardians by their place in the record, the agencies
/// by their references, the categories and the purpose as a consent form names them).
fn print_draft(heading: &str, consent: &tsi_core::consent::Consent) {
    use tsi_core::consent::{Giver, Recipient};
    let lang = crate::output::lang();
    let (guardian, child) = if lang == Lang::Sv { ("vårdnadshavare", "barnet") } else { ("guardian", "the child") };
    outln!("{heading}");
    let mut n = 0;
    let givers: Vec<String> = consent
        .givers
        .iter()
        .map(|g| match g.giver {
            Giver::Guardian(_) => {
                n += 1;
                format!("{guardian} {n}")
            }
            Giver::Child => child.to_owned(),
        })
        .collect();
    let recipients: Vec<String> = consent
        .recipients
        .iter()
        .map(|r| match r {
            Recipient::Agency(id) => id.clone(),
            Recipient::Kind(kind) => kind.display_name(lang),
        })
        .collect();
    let categories: Vec<&str> = consent.categories.iter().map(|c| c.display_name(lang)).collect();
    outln!("  {:<12} {}", say("ges av", "given by"), givers.join(", "));
    outln!("  {:<12} {}", say("mottagare", "recipients"), recipients.join(", "));
    outln!("  {:<12} {}", say("uppgifter", "information"), categories.join(", "));
    outln!("  {:<12} {}", say("syfte", "purpose"), consent.purpose.display_name(lang));
    let until = say("till", "until");
    outln!("  {:<12} {} {until} {}", say("gäller", "valid"), consent.valid_from, consent.valid_until);
}

/// What a birthday changes, in words.
fn birthday_change(change: AgeChange) -> &'static str {
    let sv = crate::output::lang() == Lang::Sv;
    match (change, sv) {
        (AgeChange::ChildConsentNeeded, true) => "barnets eget samtycke behövs också",
        (AgeChange::ChildConsentNeeded, false) => "the child's own consent is needed too",
        (AgeChange::ChildAloneForHealth, true) => "barnet kan självt samtycka till att vården delar hälsouppgifter",
        (AgeChange::ChildAloneForHealth, false) => {
            "the child alone can consent to health care sharing health information"
        }
        (AgeChange::Adult, true) => "hen bestämmer själv",
        (AgeChange::Adult, false) => "they decide for themselves",
    }
}

fn print_remedies(r: &Remedies, json: bool) -> Outcome {
    if json {
        print_json(r);
    } else {
        if r.allowed {
            outln!("{}", say("Får redan delas: inget behöver göras.", "May already be shared: nothing to do."));
        }
        for remedy in &r.remedies {
            match remedy {
                Remedy::AskConsent { consent, supersedes } => {
                    let replacing = supersedes
                        .as_ref()
                        .map(|id| format!(", {} {id}", say("i stället för", "replacing")))
                        .unwrap_or_default();
                    print_draft(
                        &format!("{} {}{replacing}:", say("Be om samtycke", "Ask for consent"), consent.id),
                        consent,
                    );
                }
                Remedy::WaitUntil { at, consent } => {
                    let covers = say("täcker det då", "covers it then");
                    outln!(
                        "{} {at}: {} {consent} {covers}",
                        say("Vänta till", "Wait until"),
                        say("samtycke", "consent")
                    );
                }
            }
        }
        print_blocked(&r.blocked);
    }
    if r.allowed || !r.remedies.is_empty() {
        Outcome::Ok
    } else {
        Outcome::Findings
    }
}

/// What no consent can fix, one line each.
fn print_blocked(blocked: &[tsi_core::finding::Finding]) {
    for b in blocked {
        outln!("{} {}", say("Inget samtycke kan ändra detta:", "No consent can fix this:"), b.message);
    }
}

/// The basis in words.
pub fn describe(basis: &Basis) -> String {
    let lang = crate::output::lang();
    match basis {
        Basis::SameAgency => {
            say("samma verksamhet (ingen sekretessgräns)", "the same agency (no secrecy boundary)").to_owned()
        }
        Basis::Consent { id } => format!("{} {id}", say("samtycke", "consent")),
        Basis::LegalGround { id, ground } => {
            format!("{} {id} ({})", say("stöd i lag", "legal ground"), ground.display_name(lang))
        }
    }
}
