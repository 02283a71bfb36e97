//! SPEC §9: the default limits agree with each other — a case log with as many events as
//! `max_events` allows, written as compactly as a journal system would, fits in
//! `max_input_bytes` and replays; one round more is refused by count, not by size.
#![allow(clippy::unwrap_used, clippy::expect_used, missing_docs)]

#[path = "support/long_log.rs"]
mod long_log;

use tsi_core::{Code, Lang, Policy};

#[test]
fn spec_9_the_longest_log_the_default_policy_admits_fits_its_input_limit() {
    let policy = Policy::default();
    let rounds = long_log::rounds_within(policy.limits.max_events);
    let text = long_log::long_log_json(rounds).to_string();
    let max = policy.max_input_bytes();
    assert!(text.len() <= max, "{} events take {} bytes, over the {max}-byte limit", rounds * 5 + 4, text.len());
    let replayed = tsi_core::documents::replay_case(&text, None, None, &policy, Lang::En)
        .expect("the longest admitted log replays");
    assert!(!replayed.case.needs.is_empty());
    let over = long_log::long_log_json(rounds + 1).to_string();
    let e = tsi_core::documents::replay_case(&over, None, None, &policy, Lang::En).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::LimitExceeded, ""), "{}", over.len());
}
