//! `tsi stats`: statistics over many case logs (R-ST-1 … R-ST-3), published with suppression;
//! `tsi stats partial` / `tsi stats merge` for the unpublished partial aggregates that
//! municipalities compute separately and a region merges.

use std::io::BufRead;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use tsi_core::policy::Policy;
use tsi_core::stats::{Aggregate, Published, Range};
use tsi_core::time::Instant;
use tsi_core::{Code, Error, Lang};

use crate::output::{pad, pad_left, print_error, print_json, Outcome};
use crate::report_svg;

/// Options of `tsi stats`.
#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct StatsArgs {
    #[command(subcommand)]
    command: Option<StatsCommand>,
    /// JSON Lines of case logs (one `[{ctx, event}, …]` per line); `-` or nothing for
    /// standard input.
    files: Vec<String>,
    #[command(flatten)]
    publish: PublishArgs,
    #[command(flatten)]
    input: InputArgs,
}

#[derive(Subcommand)]
enum StatsCommand {
    /// Count case logs into an unpublished partial aggregate (JSON, no ids, not suppressed:
    /// keep it inside the organisation).
    Partial {
        /// JSON Lines of case logs; `-` or nothing for standard input.
        files: Vec<String>,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Merge partial aggregates (same instant and policy) into one; `--publish` publishes it.
    Merge {
        /// Partial aggregates (JSON files).
        #[arg(required = true)]
        files: Vec<String>,
        /// The collaboration's policy file; SPEC defaults if omitted.
        #[arg(long)]
        policy: Option<String>,
        /// Publish the merged aggregate instead of printing the partial.
        #[arg(long)]
        publish: bool,
        #[command(flatten)]
        output: PublishArgs,
    },
}

/// What the logs are read against.
#[derive(clap::Args)]
struct InputArgs {
    /// The instant the statistics describe (RFC 3339); now if omitted. Events after it are left out.
    #[arg(long)]
    at: Option<String>,
    /// The collaboration's policy file; SPEC defaults if omitted.
    #[arg(long)]
    policy: Option<String>,
}

/// How published statistics are written.
#[derive(clap::Args)]
struct PublishArgs {
    /// Machine-readable JSON.
    #[arg(long)]
    json: bool,
    /// CSV: `table,key,count,suppressed,min,max` (min/max: the range of a suppressed count).
    #[arg(long, conflicts_with = "json")]
    csv: bool,
    /// Also draw an SVG report (funnel, outcomes by level, selective level) to this file.
    #[arg(long)]
    svg: Option<String>,
    /// Suppress counts below this (R-ST-3); the policy's `min_cell` if omitted.
    #[arg(long)]
    min_cell: Option<u32>,
}

/// Runs `tsi stats`.
pub fn run(args: StatsArgs) -> Outcome {
    let result = match args.command {
        None => aggregate(&args.files, &args.input).and_then(|(a, p)| publish(&a, &p, &args.publish)),
        Some(StatsCommand::Partial { files, input }) => aggregate(&files, &input).map(|(a, _)| print_json(&a)),
        Some(StatsCommand::Merge { files, policy, publish: p, output }) => merge(&files, policy.as_deref())
            .and_then(|(a, policy)| if p { publish(&a, &policy, &output) } else { Ok(print_json(&a)) }),
    };
    result.unwrap_or_else(|e| print_error(&e, args.publish.json))
}

/// Reads every log of every file into one aggregate, a line at a time. Logs are counted on
/// every core: each worker keeps its own partial and the partials merge at the end (the
/// aggregate does not depend on order, R-ST-1).
fn aggregate(files: &[String], input: &InputArgs) -> Result<(Aggregate, Policy), Error> {
    let policy = crate::load_policy(input.policy.as_deref())?;
    let at = crate::instant_or_now(input.at.as_deref(), "--at")?;
    let stdin = ["-".to_owned()];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let workers = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get).clamp(1, 8);
    let (batches, rx) = std::sync::mpsc::sync_channel::<Vec<String>>(workers * 2);
    let rx = std::sync::Mutex::new(rx);
    let (policy_ref, rx_ref) = (&policy, &rx);
    let (read, parts) = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers).map(|_| scope.spawn(move || count(at, policy_ref, rx_ref))).collect();
        let mut read = Aggregate::new(at, policy_ref);
        let result = files.iter().try_for_each(|file| send_file(&mut read, file, policy_ref, &batches));
        drop(batches);
        let parts: Vec<Aggregate> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        (result.map(|()| read), parts)
    });
    let total = parts.iter().try_fold(read?, |total, part| total.merge(part))?;
    Ok((total, policy))
}

/// One worker: counts the batches it takes until the reader is done.
fn count(
    at: Instant,
    policy: &Policy,
    batches: &std::sync::Mutex<std::sync::mpsc::Receiver<Vec<String>>>,
) -> Aggregate {
    let mut part = Aggregate::new(at, policy);
    loop {
        let batch = match batches.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return part,
        };
        let Ok(batch) = batch else { return part };
        for log in batch {
            // A refused log is counted as skipped inside; its error holds nothing to show.
            let _ = tsi_core::documents::add_case_log(&mut part, &log, policy);
        }
    }
}

/// Reads one JSON Lines file into batches of logs for the workers; a line longer than the
/// policy's input limit is counted as skipped without being held in memory.
fn send_file(
    total: &mut Aggregate,
    file: &str,
    policy: &Policy,
    batches: &std::sync::mpsc::SyncSender<Vec<String>>,
) -> Result<(), Error> {
    const BATCH: usize = 256;
    let mut reader = crate::open_input(file)?;
    let bar = progress(file);
    let max = policy.max_input_bytes();
    let mut line = Vec::new();
    let mut batch = Vec::with_capacity(BATCH);
    loop {
        line.clear();
        let (read, complete) = read_line_within(&mut reader, &mut line, max)?;
        if read == 0 {
            break;
        }
        bar.inc(read as u64);
        if !complete {
            total.skipped_logs += 1;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        if !text.trim().is_empty() {
            batch.push(text.into_owned());
        }
        if batch.len() == BATCH {
            // The workers only stop when this sender is dropped.
            let _ = batches.send(std::mem::replace(&mut batch, Vec::with_capacity(BATCH)));
        }
    }
    if !batch.is_empty() {
        let _ = batches.send(batch);
    }
    bar.finish_and_clear();
    Ok(())
}

/// Reads one line into `line` (at most `max` bytes kept); returns the bytes consumed and
/// whether the line fit. The rest of a longer line is consumed and dropped.
fn read_line_within(reader: &mut dyn BufRead, line: &mut Vec<u8>, max: usize) -> Result<(usize, bool), Error> {
    let unreadable = |_| Error::new(Code::FileUnreadable, "");
    let mut consumed = 0usize;
    let mut fits = true;
    loop {
        let buf = reader.fill_buf().map_err(unreadable)?;
        if buf.is_empty() {
            return Ok((consumed, fits));
        }
        let (chunk, done) = match buf.iter().position(|b| *b == b'\n') {
            Some(i) => (buf.get(..=i).unwrap_or(buf), true),
            None => (buf, false),
        };
        let n = chunk.len();
        if fits && line.len() + n <= max + 1 {
            line.extend_from_slice(chunk);
        } else {
            fits = false;
            line.clear();
        }
        reader.consume(n);
        consumed += n;
        if done {
            return Ok((consumed, fits));
        }
    }
}

/// A progress bar on a terminal for a file of known size; hidden when stderr is not a tty.
fn progress(file: &str) -> ProgressBar {
    let size = (file != "-").then(|| std::fs::metadata(file).ok()).flatten().map_or(0, |m| m.len());
    if size == 0 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(size);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {eta}") {
        bar.set_style(style);
    }
    bar
}

fn merge(files: &[String], policy: Option<&str>) -> Result<(Aggregate, Policy), Error> {
    let policy = crate::load_policy(policy)?;
    let mut merged: Option<Aggregate> = None;
    for file in files {
        let text = crate::read_input_within(file, policy.max_input_bytes())?;
        let part = tsi_core::documents::partial_aggregate(&text, &policy)?;
        merged = Some(match merged {
            None => part,
            Some(m) => m.merge(&part)?,
        });
    }
    merged.map(|m| (m, policy)).ok_or_else(|| Error::new(Code::ArgumentMissing, "").param("field", "FILE"))
}

fn publish(a: &Aggregate, policy: &Policy, out: &PublishArgs) -> Result<Outcome, Error> {
    let lang = crate::output::lang();
    let published = a.publish(policy, out.min_cell, lang)?;
    if let Some(path) = &out.svg {
        std::fs::write(path, report_svg::draw(&published)).map_err(|_| Error::new(Code::FileNotWritable, ""))?;
    }
    Ok(if out.json {
        print_json(&published)
    } else if out.csv {
        out!("{}", csv(&published));
        Outcome::Ok
    } else {
        out!("{}", text(&published, lang));
        Outcome::Ok
    })
}

/// Every published number as `table,key,count,suppressed,min,max` (keys are fixed names, never
/// quoted; `min`/`max` the range a reader cannot narrow of a suppressed count, `max` empty when
/// nothing bounds it).
pub fn csv(p: &Published) -> String {
    let mut out = String::from("table,key,count,suppressed,min,max\n");
    let mut ranged = |table: &str, key: &str, value: Option<String>, range: Option<Range>| {
        let suppressed = value.is_none();
        let (min, max) = range.map_or((String::new(), String::new()), |r| {
            (r.min.to_string(), r.max.map(|m| m.to_string()).unwrap_or_default())
        });
        out.push_str(&format!("{table},{key},{},{suppressed},{min},{max}\n", value.unwrap_or_default()));
    };
    ranged("cases", "cases", p.cases.count.map(|c| c.to_string()), p.cases.range);
    for t in &p.tables {
        for c in t.total.iter().chain(&t.cells) {
            ranged(&t.name, &c.key, c.count.map(|c| c.to_string()), c.range);
        }
    }
    let mut row = |table: &str, key: &str, value: Option<String>| ranged(table, key, value, None);
    for d in &p.durations {
        let name = format!("durations/{}", d.name);
        row(&name, "n", d.n.map(|v| v.to_string()));
        row(&name, "median", d.median.map(|v| v.to_string()));
        row(&name, "p90", d.p90.map(|v| v.to_string()));
    }
    let a = &p.attendance;
    row("attendance", "n", a.n.map(|v| v.to_string()));
    row("attendance", "first", a.first.clone());
    row("attendance", "last", a.last.clone());
    row("attendance", "change", a.change.clone());
    out
}

fn show(count: Option<u64>) -> String {
    count.map_or_else(|| "..".to_owned(), |c| c.to_string())
}

/// The words of the text report, in the run's language (table names and keys are the fixed
/// names of the JSON and CSV output, in every language).
struct Words {
    cases_at: &'static str,
    suppressed: &'static str,
    cases: &'static str,
    days: &'static str,
    attendance: &'static str,
    first: &'static str,
    latest: &'static str,
    change: &'static str,
}

const SV: Words = Words {
    cases_at: "ärenden per",
    suppressed: "antal under {min} visas inte: ..",
    cases: "ärenden",
    days: "dagar",
    attendance: "närvaro",
    first: "första",
    latest: "senaste",
    change: "förändring {change} procentenheter",
};

const EN: Words = Words {
    cases_at: "cases at",
    suppressed: "counts below {min} suppressed: ..",
    cases: "cases",
    days: "days",
    attendance: "attendance",
    first: "first",
    latest: "latest",
    change: "change {change} points",
};

/// The enum whose names a table's keys are (`outcomes/Selective` counts changes).
fn enum_of_table(table: &str) -> Option<&'static str> {
    match table.split('/').next()? {
        "by_state" => Some("CaseState"),
        "by_level" => Some("Level"),
        "by_raising_agency_kind" => Some("AgencyKind"),
        "by_close_reason" => Some("CloseReason"),
        "outcomes" => Some("Change"),
        "overdue" => Some("DueAction"),
        _ => None,
    }
}

/// The published statistics as text tables; `..` marks a suppressed count. Columns are
/// padded by terminal width ([`pad`]), so Swedish words keep the numbers aligned.
pub fn text(p: &Published, lang: Lang) -> String {
    let w = if lang == Lang::Sv { &SV } else { &EN };
    let suppressed = w.suppressed.replace("{min}", &p.min_cell.to_string());
    let mut out = format!("{} {}: {} ({suppressed})\n", w.cases_at, p.at, show(p.cases.count));
    for t in &p.tables {
        out.push_str(&format!("\n{}\n", t.name));
        // The total row is labelled "cases" in the run's language; the others by their key in
        // words where the key is a name the library says (a state, a level, a due action).
        let said = |key: &str| {
            enum_of_table(&t.name).and_then(|e| tsi_core::i18n::display_name(e, key, lang)).unwrap_or(key).to_owned()
        };
        let rows = t.total.iter().map(|c| (w.cases.to_owned(), c)).chain(t.cells.iter().map(|c| (said(&c.key), c)));
        for (label, c) in rows {
            out.push_str(&format!("  {} {}\n", pad(&label, 36), pad_left(&show(c.count), 8)));
        }
    }
    let head = ["n", "median", "p90"].map(|h| pad_left(h, 8)).join(" ");
    out.push_str(&format!("\n  {} {head}\n", pad(w.days, 32)));
    for d in &p.durations {
        let n = |v: Option<u32>| pad_left(&v.map_or_else(|| "..".to_owned(), |v| v.to_string()), 8);
        out.push_str(&format!("  {} {} {} {}\n", pad(&d.name, 32), pad_left(&show(d.n), 8), n(d.median), n(d.p90)));
    }
    let a = &p.attendance;
    let s = |v: &Option<String>| v.clone().unwrap_or_else(|| "..".to_owned());
    out.push_str(&format!(
        "\n{} (n {}): {} {} %, {} {} %, {}\n",
        w.attendance,
        show(a.n),
        w.first,
        s(&a.first),
        w.latest,
        s(&a.last),
        w.change.replace("{change}", &s(&a.change))
    ));
    for f in &p.findings {
        out.push_str(&format!("\n{} {}\n", f.code.as_str(), f.message));
    }
    out
}
