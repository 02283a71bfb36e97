//! `tsi simulate`: realistic synthetic case logs as JSON Lines (R-ST-1 test data).
//!
//! The randomness lives here and only here: the core's `Script` turns drawn choices into a
//! valid log. A seed gives the same output on every machine (ChaCha8, one stream per
//! municipality). The distributions are documented in docs/followup-and-stats.md.

use std::io::Write;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use tsi_core::agency::Level;
use tsi_core::case::CloseReason;
use tsi_core::stats::synthetic::{Reach, Script};
use tsi_core::time::{Instant, Zone};
use tsi_core::{Code, Error};

use crate::output::{print_error, Outcome};

/// Options of `tsi simulate`.
#[derive(clap::Args)]
pub struct SimulateArgs {
    /// How many cases in all (split evenly over the municipalities).
    #[arg(long, default_value_t = 1000)]
    cases: u64,
    /// The seed: the same seed and options give the same logs.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Municipalities, each with its own practice (consent refusals, waiting times). With
    /// more than one, `--out` is a directory and each gets `municipality-K.jsonl`.
    #[arg(long, default_value_t = 1)]
    municipalities: u32,
    /// Cases are raised over the year before this instant and no event is after it (RFC
    /// 3339); now if omitted.
    #[arg(long)]
    until: Option<String>,
    /// The output file, or directory with several municipalities; standard output if omitted.
    #[arg(long)]
    out: Option<String>,
}

/// The practice of one municipality: how often families decline, how long a first meeting
/// takes to arrange.
struct Practice {
    decline_share: f64,
    meeting_wait_mean: f64,
}

/// Runs `tsi simulate`.
pub fn run(args: &SimulateArgs) -> Outcome {
    match simulate(args) {
        Ok(()) => Outcome::Ok,
        Err(e) => print_error(&e, false),
    }
}

fn simulate(args: &SimulateArgs) -> Result<(), Error> {
    let until = crate::instant_or_now(args.until.as_deref(), "--until")?;
    if args.municipalities == 0 || args.municipalities > 1000 {
        return Err(Error::new(Code::ArgumentOutOfRange, "")
            .param("field", "--municipalities")
            .param("min", 1)
            .param("max", 1000));
    }
    if args.municipalities > 1 && args.out.is_none() {
        return Err(Error::new(Code::ArgumentMissing, "").param("field", "--out"));
    }
    let m = u64::from(args.municipalities);
    for k in 0..m {
        let count = args.cases / m + u64::from(k < args.cases % m);
        let path = match (&args.out, m) {
            (Some(out), 1) => Some(std::path::PathBuf::from(out)),
            (Some(dir), _) => Some(std::path::Path::new(dir).join(format!("municipality-{}.jsonl", k + 1))),
            (None, _) => None,
        };
        let mut sink = open_output(path.as_deref(), m > 1)?;
        let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
        rng.set_stream(k);
        write_municipality(&mut rng, k, count, until, &mut sink)?;
        sink.flush().map_err(|_| Error::new(Code::FileNotWritable, ""))?;
    }
    Ok(())
}

fn open_output(path: Option<&std::path::Path>, in_dir: bool) -> Result<Box<dyn Write>, Error> {
    let Some(path) = path else {
        return Ok(Box::new(std::io::BufWriter::new(crate::output::CheckedStdout)));
    };
    if in_dir {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|_| Error::new(Code::FileNotWritable, ""))?;
        }
    }
    let file = std::fs::File::create(path).map_err(|_| Error::new(Code::FileNotWritable, ""))?;
    Ok(Box::new(std::io::BufWriter::new(file)))
}

fn write_municipality(
    rng: &mut ChaCha8Rng,
    k: u64,
    count: u64,
    until: Instant,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let practice = Practice { decline_share: rng.gen_range(0.04..0.14), meeting_wait_mean: rng.gen_range(7.0..28.0) };
    for i in 0..count {
        let script = draw(rng, &practice, format!("sim-{}-{}", k + 1, i + 1), until);
        // Nothing after `until`: a prefix of a valid log is a valid log.
        let log: Vec<_> = script.log().into_iter().filter(|e| e.ctx.now <= until).collect();
        let line = serde_json::to_string(&log).map_err(|_| Error::new(Code::FileNotWritable, ""))?;
        writeln!(out, "{line}").map_err(|_| Error::new(Code::FileNotWritable, ""))?;
    }
    Ok(())
}

/// Picks one of `weights` (in percent or any scale) by its weight.
fn pick<T: Copy>(rng: &mut ChaCha8Rng, weights: &[(T, u32)]) -> Option<T> {
    let total: u32 = weights.iter().map(|w| w.1).sum();
    let mut r = rng.gen_range(0..total.max(1));
    for (value, w) in weights {
        if r < *w {
            return Some(*value);
        }
        r -= w;
    }
    None
}

/// Days drawn from an exponential distribution with the mean, capped at 180.
fn days(rng: &mut ChaCha8Rng, mean: f64) -> u32 {
    let u: f64 = rng.gen_range(f64::EPSILON..1.0);
    // Capped and non-negative, so the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let d = (-u.ln() * mean).round().clamp(0.0, 180.0) as u32;
    d
}

/// How a child's scores move per follow-up: most improve, some stay, a few get worse.
fn trajectory(rng: &mut ChaCha8Rng, level: Level) -> (i64, i64) {
    let improve = match level {
        Level::Universal => 65,
        Level::Selective => 55,
        Level::Indicated => 45,
    };
    match pick(rng, &[(0u8, improve), (1, 90 - improve), (2, 10)]) {
        Some(0) => (20, 80),
        Some(2) => (-60, -25),
        _ => (-15, 15),
    }
}

fn draw(rng: &mut ChaCha8Rng, practice: &Practice, case_id: String, until: Instant) -> Script {
    let zone = Zone::default();
    // A working day's hour, 08:00–16:59 local, on one of the 365 days before `until`.
    let day = until.local_date(zone) - chrono::Days::new(rng.gen_range(1u64..=365));
    let local = day.and_hms_opt(rng.gen_range(8..17), rng.gen_range(0..60), 0).unwrap_or_default();
    let raised_at = Instant::parse(&zone.resolve(local).to_rfc3339()).unwrap_or(until);
    let level = pick(rng, &[(Level::Universal, 30), (Level::Selective, 55), (Level::Indicated, 15)])
        .unwrap_or(Level::Selective);
    // A share in 0.04…0.14, so the percentage fits.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let declined = (practice.decline_share * 100.0).round() as u32;
    let reach = pick(
        rng,
        &[
            (Reach::Raised, 3),
            (Reach::ConsentAsked, 4),
            (Reach::Declined, declined),
            (Reach::Consented, 5),
            (Reach::Working, 15),
            (Reach::FollowedUp, 25),
            (Reach::Closed, 48 - declined.min(48)),
        ],
    )
    .unwrap_or(Reach::Closed);
    // Older cases are more often finished, and old handovers answered.
    let age_days = raised_at.days_until(&until, zone);
    let reach = match reach {
        Reach::Working | Reach::FollowedUp if age_days > 120 && rng.gen_bool(0.7) => Reach::Closed,
        other => other,
    };
    let pending_ok = age_days < 60 || rng.gen_bool(0.1);
    let rounds = rng.gen_range(1usize..=4);
    let (lo, hi) = trajectory(rng, level);
    let mut ors = vec![rng.gen_range(120u32..300)];
    let mut attendance = vec![rng.gen_range(700u32..=1000)];
    for _ in 0..rounds {
        let step = rng.gen_range(lo..=hi);
        ors.push(shift(ors.last().copied().unwrap_or(200), step, 400));
        attendance.push(shift(attendance.last().copied().unwrap_or(800), step, 1000));
    }
    let measured = rng.gen_bool(0.9);
    Script {
        case_id,
        raised_at,
        age: rng.gen_range(6..=17),
        raised_by: pick(rng, &[(0usize, 45), (1, 25), (2, 15), (3, 10), (4, 5)]).unwrap_or(0),
        reach,
        gaps: [days(rng, 3.0), days(rng, 5.0), days(rng, practice.meeting_wait_mean)],
        level,
        ors: if measured { ors } else { Vec::new() },
        attendance: if measured { attendance } else { Vec::new() },
        followup_every: rng.gen_range(28..=56),
        handover: match pick(rng, &[(0u8, 85), (1, 10), (2, 5)]) {
            Some(1) if !pending_ok => 0,
            other => other.unwrap_or(0),
        },
        close_reason: pick(
            rng,
            &[
                (CloseReason::GoalsMet, 60),
                (CloseReason::HandedOver, 15),
                (CloseReason::Moved, 10),
                (CloseReason::ConsentWithdrawn, 5),
                (CloseReason::Other, 10),
            ],
        )
        .unwrap_or(CloseReason::GoalsMet),
    }
}

/// A score moved by `step`, kept within 0…`max`.
fn shift(value: u32, step: i64, max: u32) -> u32 {
    let moved = (i64::from(value) + step).clamp(0, i64::from(max));
    u32::try_from(moved).unwrap_or(max)
}
