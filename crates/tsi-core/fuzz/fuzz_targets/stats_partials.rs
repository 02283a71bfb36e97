//! Statistics partials from hostile bytes (R-ST-3): one partial, or an array of them merged in
//! order, then published. Reading, merging and publishing never panic (every sum on counts read
//! from a partial is checked), and a release never shows a count in 1 … min_cell − 1.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tsi_core::stats::Aggregate;
use tsi_core::{Lang, Policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let policy = Policy::default();
    let parts: Vec<Aggregate> = match serde_json::from_str::<Vec<serde_json::Value>>(text) {
        Ok(values) => values.iter().filter_map(|v| tsi_core::documents::partial_aggregate(&v.to_string(), &policy).ok()).collect(),
        Err(_) => tsi_core::documents::partial_aggregate(text, &policy).into_iter().collect(),
    };
    let mut merged: Option<Aggregate> = None;
    for part in parts {
        let _ = part.merge(&part);
        merged = match merged {
            None => Some(part),
            Some(m) => m.merge(&part).ok().or(Some(m)),
        };
    }
    let Some(a) = merged else { return };
    if let Ok(p) = a.publish(&policy, None, Lang::Sv) {
        let small = |c: &tsi_core::stats::Cell| c.count.is_some_and(|n| (1..u64::from(p.min_cell)).contains(&n));
        assert!(!small(&p.cases), "a small total was published");
        for t in &p.tables {
            assert!(!t.cells.iter().chain(t.total.iter()).any(small), "a small count was published in {}", t.name);
        }
    }
});
