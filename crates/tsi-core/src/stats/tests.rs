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
    let p = aggregate(&scripts).publish(5, Lang::En).unwrap();
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
    let p = aggregate(&big).publish(5, Lang::En).unwrap();
    let consent = p.durations.iter().find(|d| d.name == "raise_to_consent_days").unwrap();
    assert_eq!((consent.n, consent.median, consent.p90), (Some(20), Some(6), Some(6)));
    assert_eq!(p.attendance.change.as_deref(), Some("22"));
}

#[test]
fn partial_aggregates_round_trip_and_refuse_what_does_not_add_up() {
    let policy = Policy::default();
    let a = aggregate(&[script(1, Reach::Closed), script(2, Reach::Raised)]);
    let text = serde_json::to_string(&a).unwrap();
    assert_eq!(Aggregate::from_json(&text, &policy).unwrap(), a);
    let edited = text.replace("\"cases\":2", "\"cases\":3");
    let e = Aggregate::from_json(&edited, &policy).unwrap_err();
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
    assert_eq!(renamed.publish(5, Lang::En).unwrap_err().code(), Code::StatsPartialInconsistent);
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
        let p = aggregate(&scripts).publish(min_cell, Lang::En).unwrap();
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
