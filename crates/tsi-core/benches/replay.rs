//! Replay of long case logs (R-CP-8) at 1 004, 10 004 and 100 004 events: the growth must be
//! linear (each event changes the case in place). Run with `scripts/bench replay`.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use tsi_core::case::transition::replay;
use tsi_core::{Lang, Policy};

#[path = "../tests/support/long_log.rs"]
mod long_log;
use long_log::{long_log, long_log_json};

fn growth(c: &mut Criterion) {
    let mut policy = Policy::default();
    policy.limits.max_events = 200_000;
    let mut g = c.benchmark_group("replay a long case log (parsed)");
    g.sample_size(10);
    for rounds in [200u32, 2_000, 20_000] {
        let log = long_log(rounds);
        replay(&log, &policy).unwrap();
        g.throughput(Throughput::Elements(log.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(log.len()), &log, |b, log| {
            b.iter(|| replay(black_box(log), &policy).unwrap())
        });
    }
    g.finish();
    // #30's native baseline for `replayCase(log, { audit: false })` from JS: the same logs as
    // bench/js's, read from their text (type first), no audit records, under bench/js's limits.
    policy.limits.max_input_bytes = 64 << 20;
    let mut g = c.benchmark_group("replay_json without audit records (JSON in)");
    g.sample_size(10);
    for rounds in [200u32, 2_000] {
        let log = long_log_json(rounds);
        let events = log.as_array().map_or(0, Vec::len);
        let text = long_log::type_first(&log);
        tsi_core::documents::replay_case_unaudited(&text, None, &policy, Lang::En).unwrap();
        g.throughput(Throughput::Elements(events as u64));
        g.bench_function(BenchmarkId::from_parameter(events), |b| {
            b.iter(|| tsi_core::documents::replay_case_unaudited(black_box(&text), None, &policy, Lang::En).unwrap())
        });
    }
    g.finish();
    // The worst case the default policy admits: the longest log within its limits, as text.
    let policy = Policy::default();
    let log = long_log_json(long_log::rounds_within(policy.limits.max_events));
    let text = long_log::type_first(&log);
    c.bench_function("replay_json, the longest log the default policy admits", |b| {
        b.iter(|| tsi_core::documents::replay_case(black_box(&text), None, None, &policy, Lang::En).unwrap())
    });
    // The same with every event's `type` last (keys sorted): read as serde reads tagged enums.
    let text = log.to_string();
    c.bench_function("replay_json, the longest log, type last", |b| {
        b.iter(|| tsi_core::documents::replay_case(black_box(&text), None, None, &policy, Lang::En).unwrap())
    });
}

criterion_group!(benches, growth);
criterion_main!(benches);
