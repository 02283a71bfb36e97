//! Replay's cost per event, counted instead of timed (timings move with the machine; counts do
//! not): the allocations a replay makes per event of the long log stay the same from 1 000 to
//! 10 000 events — the growth docs/PERFORMANCE.md measures in time is not more work per event —
//! and stay within a budget, so a change that allocates per participant or per consent again
//! shows here. Counted by dhat in this test binary only (its own global allocator).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use tsi_core::case::transition::replay;
use tsi_core::Policy;

#[path = "support/long_log.rs"]
mod long_log;

#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

/// Allocations of one replay of the long log of `rounds` rounds, per event.
fn per_event(rounds: u32, policy: &Policy) -> f64 {
    let log = long_log::long_log(rounds);
    let before = dhat::HeapStats::get().total_blocks;
    let applied = replay(&log, policy).expect("the long log replays");
    let counted = dhat::HeapStats::get().total_blocks - before;
    drop(applied);
    counted as f64 / log.len() as f64
}

/// What one event of the long log may allocate on average: its payload copied into the case
/// (ids, texts), its index entries and the meeting's consent check. Measured 2026-12-03: 3.89
/// at 1 004 events, 3.81 at 10 004 (docs/PERFORMANCE.md).
const BUDGET_PER_EVENT: f64 = 4.5;

#[test]
fn replay_allocates_the_same_per_event_at_any_length() {
    let _profiler = dhat::Profiler::builder().testing().build();
    let mut policy = Policy::default();
    policy.limits.max_events = 20_000;
    let small = per_event(200, &policy);
    let large = per_event(2_000, &policy);
    println!("allocations per event: {small:.2} (1 004 events), {large:.2} (10 004 events)");
    assert!(large <= small * 1.05, "per event: {small:.2} at 1 004 events, {large:.2} at 10 004");
    assert!(large <= BUDGET_PER_EVENT, "{large:.2} allocations per event, budget {BUDGET_PER_EVENT}");
}
