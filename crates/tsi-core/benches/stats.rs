//! Statistics over synthetic case logs (R-ST-1): the cost per log and its parts, and the
//! aggregate over 1 000 / 3 000 / 10 000 logs to show the growth is linear. Run with
//! `scripts/bench stats`; `scripts/bench-stats` times the CLI over 100 000 and 1 000 000.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tsi_core::agency::Level;
use tsi_core::case::transition::replay;
use tsi_core::case::{CloseReason, LogEntry};
use tsi_core::reading::steps as json;
use tsi_core::stats::synthetic::{Reach, Script};
use tsi_core::stats::Aggregate;
use tsi_core::time::Instant;
use tsi_core::Policy;

/// Deterministic variety: every reach, level, raiser and trajectory in turn.
fn log_text(k: u32) -> String {
    let reaches = [Reach::Raised, Reach::Consented, Reach::Working, Reach::FollowedUp, Reach::Closed, Reach::Closed];
    let levels = [Level::Universal, Level::Selective, Level::Indicated];
    let script = Script {
        case_id: format!("bench-{k}"),
        raised_at: Instant::parse("2026-01-05T09:00:00+01:00")
            .unwrap()
            .plus_local_days(i64::from(k % 300), Default::default()),
        age: 6 + k % 12,
        raised_by: (k % 5) as usize,
        reach: reaches[(k % 6) as usize],
        gaps: [k % 7, k % 5, 5 + k % 20],
        level: levels[(k % 3) as usize],
        ors: (0..1 + k % 4).map(|i| 150 + 30 * i + k % 50).collect(),
        attendance: (0..1 + k % 4).map(|i| 700 + 40 * i).collect(),
        followup_every: 28 + k % 21,
        handover: (k % 9 == 0) as u8,
        close_reason: CloseReason::GoalsMet,
    };
    serde_json::to_string(&script.log()).unwrap()
}

fn per_log(c: &mut Criterion) {
    let policy = Policy::default();
    let text = log_text(4);
    let log: Vec<LogEntry> = serde_json::from_str(&text).unwrap();
    let at = Instant::parse("2027-01-01T00:00:00Z").unwrap();
    let mut g = c.benchmark_group("one case log");
    let mut total = Aggregate::new(at, &policy);
    g.bench_function("add_case_log (all of it)", |b| {
        b.iter(|| tsi_core::documents::add_case_log(&mut total, black_box(&text), &policy).unwrap())
    });
    g.bench_function("check_counts", |b| b.iter(|| json::check_counts(black_box(&text), &[("", 10_000)]).unwrap()));
    g.bench_function("from_json_within (typed + checks)", |b| {
        b.iter(|| json::from_json_within::<Vec<LogEntry>>(black_box(&text), &policy).unwrap())
    });
    g.bench_function("serde_json typed only", |b| {
        b.iter(|| serde_json::from_str::<Vec<LogEntry>>(black_box(&text)).unwrap())
    });
    g.bench_function("serde_path_to_error typed", |b| {
        b.iter(|| {
            let mut de = serde_json::Deserializer::from_str(black_box(&text));
            serde_path_to_error::deserialize::<_, Vec<LogEntry>>(&mut de).unwrap()
        })
    });
    let written: serde_json::Value = serde_json::from_str(&text).unwrap();
    g.bench_function("Value parse", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&text)).unwrap())
    });
    g.bench_function("objects_stay_objects", |b| {
        b.iter(|| json::objects_stay_objects(black_box(&written), &log).unwrap())
    });
    g.bench_function("text_lengths", |b| {
        b.iter(|| json::text_lengths(black_box(&written), 10_000, &mut String::new()).unwrap())
    });
    g.bench_function("add_case (replayed)", |b| {
        let case = replay(&log, &policy).unwrap().case;
        let mut total = Aggregate::new(at, &policy);
        b.iter(|| total.add_case(black_box(&case), &policy))
    });
    g.bench_function("replay (parsed)", |b| b.iter(|| replay(black_box(&log), &policy).unwrap()));
    g.finish();
}

fn growth(c: &mut Criterion) {
    let policy = Policy::default();
    let at = Instant::parse("2027-01-01T00:00:00Z").unwrap();
    let mut g = c.benchmark_group("stats over logs");
    g.sample_size(10);
    for n in [1_000u32, 3_000, 10_000] {
        let logs: Vec<String> = (0..n).map(log_text).collect();
        g.throughput(Throughput::Elements(u64::from(n)));
        g.bench_with_input(BenchmarkId::from_parameter(n), &logs, |b, logs| {
            b.iter(|| {
                let mut a = Aggregate::new(at, &policy);
                for log in logs {
                    tsi_core::documents::add_case_log(&mut a, log, &policy).unwrap();
                }
                black_box(a)
            })
        });
    }
    g.finish();
}

/// Publishing (R-ST-3): a region merging the partials of 30 / 100 / 300 municipalities (100 cases
/// each) and publishing, and small releases (10 / 40 / 400 cases), where most counts are small
/// and the audit works hardest.
fn publish(c: &mut Criterion) {
    let policy = Policy::default();
    let at = Instant::parse("2027-01-01T00:00:00Z").unwrap();
    let counted = |from: u32, n: u32| {
        let mut a = Aggregate::new(at, &policy);
        for k in from..from + n {
            tsi_core::documents::add_case_log(&mut a, &log_text(k), &policy).unwrap();
        }
        a
    };
    let mut g = c.benchmark_group("publish");
    g.sample_size(10);
    for m in [30u32, 100, 300] {
        let parts: Vec<Aggregate> = (0..m).map(|k| counted(k * 100, 100)).collect();
        g.bench_with_input(BenchmarkId::new("region: merge + publish, municipalities", m), &parts, |b, parts| {
            b.iter(|| {
                let region = parts[1..].iter().try_fold(parts[0].clone(), |r, p| r.merge(p)).unwrap();
                black_box(region.publish(&policy, None, tsi_core::Lang::Sv).unwrap())
            })
        });
    }
    for n in [10u32, 40, 400] {
        let a = counted(0, n);
        g.bench_with_input(BenchmarkId::new("one release, cases", n), &a, |b, a| {
            b.iter(|| black_box(a.publish(&policy, None, tsi_core::Lang::Sv).unwrap()))
        });
    }
    g.finish();
}

criterion_group!(benches, per_log, growth, publish);
criterion_main!(benches);
