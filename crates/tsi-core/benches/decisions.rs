//! Benchmarks of the calls journal systems make most: a sharing decision, replaying a whole
//! case log, validating a SIP. Run with `scripts/bench` (not part of the tests: timings vary).
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use tsi_core::case::transition::replay_json;
use tsi_core::consent::decide::decide_question_json;
use tsi_core::sip::validate_sip_json;
use tsi_core::{Lang, Policy};

const QUESTION: &str = include_str!("../../../examples/sharing/denied.json");
const LOG: &str = include_str!("../../../examples/case/log.json");
const SIP: &str = include_str!("../../../examples/sip/invalid.json");

fn decisions(c: &mut Criterion) {
    let policy = Policy::default();
    c.bench_function("may_share (JSON in, decision + audit record out)", |b| {
        b.iter(|| decide_question_json(black_box(QUESTION), &policy, Lang::Sv).unwrap())
    });
    c.bench_function("replay a 23-event case log (JSON)", |b| {
        b.iter(|| replay_json(black_box(LOG), None, &policy, Lang::Sv).unwrap())
    });
    c.bench_function("validate_sip (JSON, 8 findings)", |b| {
        b.iter(|| validate_sip_json(black_box(SIP), &policy, Lang::Sv).unwrap())
    });
}

criterion_group!(benches, decisions);
criterion_main!(benches);
