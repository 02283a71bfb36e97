//! Tests of statistics, one group per rule (R-ST-1 … R-ST-3), and the merge laws.

use proptest::prelude::*;

use super::synthetic::{Reach, Script};
use super::*;
use crate::Lang;

fn at(s: &str) -> Instant {
    Instant::parse(s).unwrap()
}

const AS_OF: &str = "2027-06-01T12:00:00+02:00";

fn script(id: u32, reach: Reach) -> Script {
    Script {
        case_id: format!("synthetic-{id}"),
        raised_at: at("2026-09-01T09:00:00+02:00").plus_local_days(i64::from(id % 60), Default::default()),
        age: 13,
        raised_by: 0,
        reach,
        gaps: [2, 4, 10],
        level: Level::Selective,
        ors: vec![200, 300],
        attendance: vec![700, 920],
        followup_every: 28,
        handover: 0,
        close_reason: CloseReason::GoalsMet,
    }
}

fn aggregate(scripts: &[Script]) -> Aggregate {
    let policy = Policy::default();
    let mut a = Aggregate::new(at(AS_OF), &policy);
    for s in scripts {
        a.add_log(&s.log(), &policy).unwrap_or_else(|e| panic!("{s:?}: {e}"));
    }
    a
}

#[test]
fn r_st_1_counts_by_state_level_raiser_and_close_reason_and_the_funnel() {
    let mut second = script(2, Reach::Working);
    second.raised_by = 3;
    let a = aggregate(&[script(1, Reach::Closed), second, script(3, Reach::Raised), script(4, Reach::Declined)]);
    assert_eq!(a.cases, 4);
    assert_eq!(a.by_state.get(&CaseState::Closed), Some(&2));
    assert_eq!(a.by_state.get(&CaseState::Active), Some(&1));
    assert_eq!(a.by_state.get(&CaseState::Raised), Some(&1));
    assert_eq!(a.by_raising_agency_kind.get("School"), Some(&3));
    assert_eq!(a.by_raising_agency_kind.get("FirstLine"), Some(&1));
    assert_eq!(a.by_close_reason.get(&CloseReason::GoalsMet), Some(&1));
    assert_eq!(a.by_close_reason.get(&CloseReason::Declined), Some(&1));
    let funnel: Vec<u64> = Stage::ALL.iter().map(|s| a.funnel.get(s).copied().unwrap_or(0)).collect();
    assert_eq!(funnel, vec![2, 0, 1, 1]);
    // gaps 2 + 4: consent six local days after the raise; the first meeting ten after that.
    assert_eq!(a.raise_to_consent_days, Histogram::from([(6, 2)]));
    assert_eq!(a.consent_to_first_meeting_days, Histogram::from([(10, 2)]));
    // 20 → 30 at 13 years (cut-off 28): recovered; the working case is measured once only.
    assert_eq!(a.outcomes.get(&Level::Selective).and_then(|m| m.get(&Change::Recovered)), Some(&1));
    assert_eq!((a.attendance.cases, a.attendance.problematic_first, a.attendance.problematic_last), (1, 1, 0));
    // The raised case waits for consent far past 7 days; the working case for its follow-up.
    assert_eq!(a.overdue.get(&Code::DueConsentRequest), Some(&1));
    assert_eq!(a.overdue.get(&Code::DueFollowUp), Some(&1));
    assert_eq!(a.cases_overdue, 2);
}

#[test]
fn r_st_2_the_selective_level_on_its_own() {
    let mut waiting = script(1, Reach::Working);
    waiting.handover = 1;
    let mut declined = script(2, Reach::FollowedUp);
    declined.handover = 2;
    let mut indicated = script(3, Reach::Working);
    (indicated.level, indicated.handover) = (Level::Indicated, 1);
    let a = aggregate(&[waiting, declined, indicated]);
    let s = &a.selective;
    assert_eq!((s.needs, s.waiting, s.declined_handovers), (2, 1, 1));
    // Offered on 2026-09-18 (raise + 2 + 4 + 10 + 1 day id offset), waiting until 2027-06-01.
    assert_eq!(s.waiting_days.keys().copied().collect::<Vec<_>>(), vec![256]);
}

#[test]
fn r_st_3_small_cells_are_suppressed_with_a_complement_and_medians_of_small_groups() {
    let mut scripts: Vec<Script> = (0..12).map(|i| script(i, Reach::Closed)).collect();
    scripts.extend((12..14).map(|i| script(i, Reach::Raised)));
    let p = aggregate(&scripts).publish(&Policy::default(), None, Lang::En).unwrap();
    let cell = |table: &str, key: &str| {
        p.table(table).unwrap().cells.iter().find(|c| c.key == key).unwrap_or_else(|| panic!("{table}/{key}")).count
    };
    assert_eq!(p.cases.count, Some(14));
    assert_eq!(cell("by_state", "Raised"), None, "2 < 5");
    assert_eq!(cell("by_state", "Closed"), None, "the complement: else 14 − 12 gives the 2 away");
    assert_eq!(cell("by_state", "Active"), Some(0));
    assert_eq!(cell("funnel", "Closed"), None);
    let consent = p.durations.iter().find(|d| d.name == "raise_to_consent_days").unwrap();
    assert_eq!((consent.median, consent.p90), (None, None), "its n is suppressed with the funnel");
    let waiting = p.durations.iter().find(|d| d.name == "selective_waiting_days").unwrap();
    assert_eq!((waiting.n, waiting.median), (Some(0), None));
    let text = serde_json::to_string(&p).unwrap();
    assert!(!text.contains("synthetic-"), "no ids in published statistics");
    let big: Vec<Script> = (0..20).map(|i| script(i, Reach::Closed)).collect();
    let p = aggregate(&big).publish(&Policy::default(), None, Lang::En).unwrap();
    let consent = p.durations.iter().find(|d| d.name == "raise_to_consent_days").unwrap();
    assert_eq!((consent.n, consent.median, consent.p90), (Some(20), Some(6), Some(6)));
    assert_eq!(p.attendance.change.as_deref(), Some("22"));
}

#[test]
fn partial_aggregates_round_trip_and_refuse_what_does_not_add_up() {
    let policy = Policy::default();
    let a = aggregate(&[script(1, Reach::Closed), script(2, Reach::Raised)]);
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(crate::documents::partial_aggregate(&text, &policy).unwrap(), a);
    let edited = text.replace("\"cases\":2", "\"cases\":3");
    let e = crate::documents::partial_aggregate(&edited, &policy).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::StatsPartialInconsistent, "/by_state"));
    let mut b = a.clone();
    b.at = at("2027-01-01T00:00:00Z");
    assert_eq!(a.merge(&b).unwrap_err().code(), Code::StatsMergeMismatch);
    let mut other = Policy::default();
    other.followup.reliable_change = 6;
    let c = Aggregate::new(a.at, &other);
    assert_eq!(a.merge(&c).unwrap_err().params()["field"], "basis");
    let mut renamed = a.clone();
    renamed.by_raising_agency_kind = BTreeMap::from([("191212121212".to_owned(), 2)]);
    assert_eq!(renamed.publish(&Policy::default(), None, Lang::En).unwrap_err().code(), Code::StatsPartialInconsistent);
}

#[test]
fn quantiles_are_nearest_rank() {
    let h = Histogram::from([(1, 1), (3, 2), (10, 1)]);
    assert_eq!((quantile(&h, 50), quantile(&h, 90), quantile(&h, 100)), (Some(3), Some(10), Some(10)));
    assert_eq!(quantile(&Histogram::new(), 50), None);
}

fn arb_script() -> impl Strategy<Value = Script> {
    let reach = prop::sample::select(vec![
        Reach::Raised,
        Reach::ConsentAsked,
        Reach::Declined,
        Reach::Consented,
        Reach::Working,
        Reach::FollowedUp,
        Reach::Closed,
    ]);
    let level = prop::sample::select(vec![Level::Universal, Level::Selective, Level::Indicated]);
    let reason = prop::sample::select(vec![CloseReason::GoalsMet, CloseReason::Moved, CloseReason::HandedOver]);
    (
        (0u32..1000, 6u32..18, 0usize..5, reach, prop::array::uniform3(0u32..20), level),
        (prop::collection::vec(0u32..=400, 0..4), prop::collection::vec(0u32..=1000, 0..4), 7u32..60, 0u8..3, reason),
    )
        .prop_map(
            |((id, age, raised_by, reach, gaps, level), (ors, attendance, every, handover, close_reason))| {
                let mut s = script(id, reach);
                (s.age, s.raised_by, s.gaps, s.level) = (age, raised_by, gaps, level);
                (s.ors, s.attendance, s.followup_every, s.handover, s.close_reason) =
                    (ors, attendance, every, handover, close_reason);
                s
            },
        )
}

/// The oracle of a published cell: every count not suppressed is 0 or at least min_cell.
fn published_counts(p: &Published) -> Vec<u64> {
    let tables = p.tables.iter().flat_map(|t| t.cells.iter().chain(t.total.iter()));
    tables.chain(std::iter::once(&p.cases)).filter_map(|c| c.count).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn merge_of_any_split_is_the_whole_and_order_does_not_matter(
        scripts in prop::collection::vec(arb_script(), 0..14), cut in 0usize..14, cut2 in 0usize..14
    ) {
        let cut = cut.min(scripts.len());
        let cut2 = cut2.min(scripts.len()).max(cut);
        let whole = aggregate(&scripts);
        let (a, b, c) = (aggregate(&scripts[..cut]), aggregate(&scripts[cut..cut2]), aggregate(&scripts[cut2..]));
        let left = a.merge(&b).unwrap().merge(&c).unwrap();
        let right = a.merge(&b.merge(&c).unwrap()).unwrap();
        prop_assert_eq!(&left, &whole);
        prop_assert_eq!(&right, &whole);
        prop_assert_eq!(&b.merge(&a).unwrap(), &a.merge(&b).unwrap());
        let reversed: Vec<Script> = scripts.iter().rev().cloned().collect();
        prop_assert_eq!(&aggregate(&reversed), &whole);
    }

    #[test]
    fn no_published_count_is_small_and_small_groups_have_no_median(
        scripts in prop::collection::vec(arb_script(), 0..40), min_cell in 2u32..8
    ) {
        let policy = Policy { min_cell, ..Policy::default() };
        let p = aggregate(&scripts).publish(&policy, None, Lang::En).unwrap();
        for n in published_counts(&p) {
            prop_assert!(n == 0 || n >= u64::from(min_cell), "published {n} < {min_cell}");
        }
        for t in &p.tables {
            let Some(Some(total)) = t.total.as_ref().map(|c| c.count) else { continue };
            let hidden: Vec<&Cell> = t.cells.iter().filter(|c| c.count.is_none()).collect();
            let shown: u64 = t.cells.iter().filter_map(|c| c.count).sum();
            prop_assert!(hidden.is_empty() || (hidden.len() >= 2 && total - shown >= u64::from(min_cell)),
                "{}: total {total} − published {shown}", t.name);
        }
        for d in &p.durations {
            if d.median.is_some() {
                prop_assert!(d.n.is_some_and(|n| n >= u64::from(min_cell)));
            }
        }
    }
}

#[test]
fn r_st_1_a_log_counts_as_it_stood_at_the_instant() {
    let policy = Policy::default();
    let log = script(1, Reach::Closed).log();
    // One day after the raise: raised, consent asked — not yet closed.
    let early = log.first().unwrap().ctx.now.plus_local_days(1, Default::default());
    let mut a = Aggregate::new(early, &policy);
    a.add_log(&log, &policy).unwrap();
    assert_eq!((a.cases, a.by_state.get(&CaseState::Raised)), (1, Some(&1)));
    // Before the raise the case does not exist yet: neither counted nor skipped.
    let before = log.first().unwrap().ctx.now.plus_local_days(-1, Default::default());
    let mut b = Aggregate::new(before, &policy);
    b.add_log(&log, &policy).unwrap();
    assert_eq!((b.cases, b.skipped_logs), (0, 0));
    // An empty log is not a case: skipped.
    assert!(b.add_log(&[], &policy).is_err());
    assert_eq!(b.skipped_logs, 1);
}

#[test]
fn r_st_3_min_cell_cannot_go_below_the_policy() {
    let a = aggregate(&(0..12).map(|i| script(i, Reach::Closed)).collect::<Vec<_>>());
    let policy = Policy::default();
    for low in [0, 1, 4] {
        let e = a.publish(&policy, Some(low), Lang::En).unwrap_err();
        assert_eq!((e.code(), e.params()["field"].as_str()), (Code::ArgumentOutOfRange, "min_cell"), "{low}");
        assert_eq!((e.params()["min"].as_str(), e.params()["max"].as_str()), ("5", "1000"));
    }
    assert!(a.publish(&policy, Some(1001), Lang::En).is_err());
    assert_eq!(a.publish(&policy, Some(7), Lang::En).unwrap().min_cell, 7, "raising it is allowed");
    // A policy of 2 is allowed with the policy check's warning, which the release repeats.
    let low = Policy { min_cell: 2, ..Policy::default() };
    let p = a.publish(&low, None, Lang::En).unwrap();
    assert_eq!(p.findings.iter().map(|f| f.code).collect::<Vec<_>>(), vec![Code::PolicyMinCellLow]);
    let zero = Policy { min_cell: 0, ..Policy::default() };
    assert_eq!(a.publish(&zero, None, Lang::En).unwrap_err().code(), Code::ArgumentOutOfRange);
}

#[test]
fn r_st_3_no_quantile_is_a_groups_first_or_last() {
    // Raise → consent takes (1 + i) + 4 days for case i: every case a different day count.
    let group = |n: u32| -> Published {
        let scripts: Vec<Script> = (0..n)
            .map(|i| {
                let mut s = script(i, Reach::Consented);
                s.gaps = [1 + i, 4, 10];
                s
            })
            .collect();
        let policy = Policy { min_cell: 3, ..Policy::default() };
        aggregate(&scripts).publish(&policy, None, Lang::En).unwrap()
    };
    let consent = |p: &Published| p.durations.iter().find(|d| d.name == "raise_to_consent_days").cloned().unwrap();
    for n in 3..=9 {
        let d = consent(&group(n));
        assert_eq!(d.n, Some(u64::from(n)));
        assert!(d.median.is_some(), "the median is inside from 3 cases");
        assert_eq!(d.p90, None, "p90 of {n} would be the largest");
    }
    let d = consent(&group(10));
    // Day counts 5 … 14: the median is the 5th, 9; p90 by nearest rank the 9th, 13 — not the
    // largest, 14.
    assert_eq!((d.median, d.p90), (Some(9), Some(13)));
}

#[test]
fn crafted_partials_with_huge_counts_are_refused_not_overflowed() {
    let policy = Policy::default();
    let a = aggregate(&[script(1, Reach::Closed), script(2, Reach::Raised)]);
    let text = serde_json::to_string(&a).unwrap();
    let huge = u64::MAX.to_string();
    for (from, to) in [
        ("\"cases\":2", format!("\"cases\":{huge}")),
        ("\"first_tenths\":700", format!("\"first_tenths\":{huge}")),
        ("\"declined_handovers\":0", format!("\"declined_handovers\":{huge}")),
        ("\"Raised\":1", format!("\"Raised\":{}", (1u64 << 53) + 1)),
    ] {
        let edited = text.replacen(from, &to, 1);
        assert_ne!(edited, text, "{from}");
        let e = crate::documents::partial_aggregate(&edited, &policy).unwrap_err();
        assert_eq!(e.code(), Code::StatsPartialInconsistent, "{from}");
    }
    // Two partials each within the limits whose sum is not.
    let mut big = a.clone();
    big.selective.declined_handovers = MAX_COUNT;
    big.check().unwrap();
    assert_eq!(big.merge(&big).unwrap_err().code(), Code::StatsPartialInconsistent);
    big.attendance.first_tenths = u64::MAX;
    assert_eq!(big.publish(&policy, None, Lang::En).unwrap_err().code(), Code::StatsPartialInconsistent);
}

#[test]
fn a_partial_that_breaks_a_relation_is_refused_at_its_place() {
    let policy = Policy::default();
    let a = aggregate(&[script(1, Reach::Closed), script(2, Reach::Raised)]);
    // More cases measured at a level than the level has.
    let mut b = a.clone();
    b.outcomes.update(Level::Selective, |m| m.insert(Change::Improved, 2));
    assert_eq!(b.check().unwrap_err().path(), "/outcomes");
    // An overdue code in a state that cannot owe it: the raised case owes a consent request,
    // not a follow-up (no case is active).
    let mut c = a.clone();
    c.overdue = ByKey::from_iter([(Code::DueFollowUp, 1)]);
    assert_eq!(c.check().unwrap_err().code(), Code::StatsPartialInconsistent);
    // A code that is never overdue in statistics.
    let mut d = a.clone();
    d.overdue.insert(Code::ConsentExpiring, 1);
    assert_eq!(d.check().unwrap_err().path(), "/overdue/CONSENT_EXPIRING");
    assert!(a.publish(&policy, None, Lang::En).is_ok());
}

#[test]
fn r_sp_6_a_refused_count_in_a_written_partial_names_its_key() {
    let policy = Policy::default();
    let mut partial = serde_json::to_value(Aggregate::new(at(AS_OF), &policy)).unwrap();
    partial["raise_to_consent_days"] = serde_json::json!({ "3": true });
    partial["by_level"] = serde_json::json!({ "Selective": "x" });
    let e = crate::documents::partial_aggregate(&partial.to_string(), &policy).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::JsonWrongType, "/by_level/Selective"));
    partial["by_level"] = serde_json::json!({});
    let e = crate::documents::partial_aggregate(&partial.to_string(), &policy).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::JsonWrongType, "/raise_to_consent_days/3"));
    partial["raise_to_consent_days"] = serde_json::json!({ "3": 1, "tre": 1 });
    let e = crate::documents::partial_aggregate(&partial.to_string(), &policy).unwrap_err();
    assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/raise_to_consent_days/tre"));
}
