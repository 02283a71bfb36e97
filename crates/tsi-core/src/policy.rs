//! The configurable `Policy` of one municipality/region collaboration, with every
//! default SPEC names, and its validation.
//!
//! A policy file may give only the values it changes: every absent field takes its
//! default. Unknown fields are refused (a typo must not silently fall back to a
//! default), and vendor data goes in `ext`, which the library never reads.

use serde::{Deserialize, Serialize};

use crate::agency::{AgencyKind, Level, LevelRange};
use crate::category::InformationCategory;
use crate::finding::{Code, Finding};
use crate::time::Zone;

/// The schema version of policy documents this library reads and writes.
pub const POLICY_SCHEMA_VERSION: u32 = 1;

/// The rules' configurable values. `Policy::default()` is SPEC's defaults.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
#[serde(default, deny_unknown_fields)]
#[cfg_attr(feature = "schema", schemars(transform = version_required))]
pub struct Policy {
    /// Always [`POLICY_SCHEMA_VERSION`].
    #[cfg_attr(feature = "ts", ts(type = "1"))]
    #[cfg_attr(feature = "schema", schemars(description = "Always 1.", extend("const" = 1)))]
    pub schema_version: u32,
    /// The collaboration's time zone (IANA name, default `Europe/Stockholm`): the date of an
    /// instant (ages, day counts, deadlines, meeting slots) is its date there (SPEC §9).
    pub time_zone: Zone,
    /// Whose consent is needed at which age (R-CN-3).
    pub consent_policy: ConsentPolicy,
    /// Days before `valid_until` a consent is reported as expiring (R-CN-6).
    pub consent_warn_days: u32,
    /// Days a consent asked for is drafted to last (remedies and consent plans, #27).
    pub consent_valid_days: u32,
    /// Days an offered handover may stay unanswered before it is overdue (R-RS-2).
    pub handover_answer_days: u32,
    /// Children in the municipality below which a de-identified case may be recognised (R-DI-1).
    pub small_population_threshold: u32,
    /// Deadlines of the case process (R-CP-9).
    pub timeliness: Timeliness,
    /// Days from need identified to SIP meeting before a warning (R-SP-5, R-CP-9).
    pub sip_start_days: u32,
    /// Latest SIP follow-up, in days after the plan date (R-SP-4).
    pub sip_max_followup_days: u32,
    /// Thresholds of follow-up measures (R-FU-2, R-FU-3).
    pub followup: FollowUpThresholds,
    /// Statistics cells below this count are suppressed (R-ST-3).
    pub min_cell: u32,
    /// The level range of each agency kind (R-LV-1); kinds not listed keep the default.
    pub level_ranges: Vec<LevelRangeEntry>,
    /// Input size limits, so hostile input cannot exhaust memory (SPEC §9).
    pub limits: Limits,
    /// Vendor data, carried through untouched and never read.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub ext: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Every other member has a default; the version does not (the library refuses a policy
/// without it), so the schema requires it.
#[cfg(feature = "schema")]
fn version_required(schema: &mut schemars::Schema) {
    schema.insert("required".into(), serde_json::json!(["schema_version"]));
}

/// Consent by age (R-CN-3).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct ConsentPolicy {
    /// From this age the child's own consent is needed too (default 12).
    pub child_consent_from: u8,
    /// From this age the child's consent alone suffices for `child_alone_categories` (default 15).
    pub child_alone_from: u8,
    /// Categories the child may release alone (default `MentalHealth`, `Health`).
    pub child_alone_categories: Vec<InformationCategory>,
}

/// Case-process deadlines in days (R-CP-9).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Timeliness {
    /// Consent asked within this many days of the raise (default 7).
    pub consent_within_days: u32,
    /// First meeting within this many days of consent (default 14).
    pub first_meeting_within_days: u32,
    /// Follow-ups at most this many days apart while active (default 42, six weeks).
    pub followup_max_interval_days: u32,
    /// The joint team's fixed meeting interval (default 14: every second week, R-MT-1).
    pub meeting_interval_days: u32,
}

/// Follow-up thresholds (R-FU-2, R-FU-3).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct FollowUpThresholds {
    /// ORS clinical cut-off for adults, 18 and over (default 25).
    pub ors_cutoff_adult: u8,
    /// ORS clinical cut-off for ages 13–17 (default 28).
    pub ors_cutoff_13_17: u8,
    /// ORS clinical cut-off for ages 6–12 (default 32).
    pub ors_cutoff_6_12: u8,
    /// Reliable change in ORS points (default 5).
    pub reliable_change: u8,
    /// SRS total below which the alliance needs attention (default 36).
    pub srs_alert_below: u8,
    /// Attendance below this percentage is problematic absence (default 90).
    pub attendance_problem_below_percent: u8,
}

/// The level range of one agency kind.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct LevelRangeEntry {
    /// The agency kind.
    pub agency_kind: AgencyKind,
    /// Lowest level.
    pub min: Level,
    /// Highest level.
    pub max: Level,
}

impl LevelRangeEntry {
    /// The entry's range.
    pub fn range(&self) -> LevelRange {
        LevelRange { min: self.min, max: self.max }
    }
}

/// Input size limits (SPEC §9).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// Largest JSON document read, in bytes (default 1 MiB).
    pub max_input_bytes: u32,
    /// Most events in one case log (default 5 000: at ~190 bytes an event, such a log fits
    /// `max_input_bytes`).
    pub max_events: u32,
    /// Most consent records per case (default 1 000).
    pub max_consents: u32,
    /// Most interventions per SIP (default 200).
    pub max_interventions: u32,
    /// Longest free-text field, in characters (default 10 000).
    pub max_text_chars: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            schema_version: POLICY_SCHEMA_VERSION,
            time_zone: Zone::STOCKHOLM,
            consent_policy: ConsentPolicy::default(),
            consent_warn_days: 30,
            consent_valid_days: 365,
            handover_answer_days: 14,
            small_population_threshold: 2_000,
            timeliness: Timeliness::default(),
            sip_start_days: 10,
            sip_max_followup_days: 183,
            followup: FollowUpThresholds::default(),
            min_cell: 5,
            level_ranges: AgencyKind::STANDARD
                .iter()
                .map(|k| {
                    let LevelRange { min, max } = k.default_level_range();
                    LevelRangeEntry { agency_kind: k.clone(), min, max }
                })
                .collect(),
            limits: Limits::default(),
            ext: None,
        }
    }
}

impl Default for ConsentPolicy {
    fn default() -> Self {
        ConsentPolicy {
            child_consent_from: 12,
            child_alone_from: 15,
            child_alone_categories: vec![InformationCategory::MentalHealth, InformationCategory::Health],
        }
    }
}

impl Default for Timeliness {
    fn default() -> Self {
        Timeliness {
            consent_within_days: 7,
            first_meeting_within_days: 14,
            followup_max_interval_days: 42,
            meeting_interval_days: 14,
        }
    }
}

impl Default for FollowUpThresholds {
    fn default() -> Self {
        FollowUpThresholds {
            ors_cutoff_adult: 25,
            ors_cutoff_13_17: 28,
            ors_cutoff_6_12: 32,
            reliable_change: 5,
            srs_alert_below: 36,
            attendance_problem_below_percent: 90,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 1 << 20,
            max_events: 5_000,
            max_consents: 1_000,
            max_interventions: 200,
            max_text_chars: 10_000,
        }
    }
}

impl Policy {
    /// The level range of an agency kind: the policy's entry, else the built-in default.
    pub fn level_range(&self, kind: &AgencyKind) -> LevelRange {
        self.level_ranges
            .iter()
            .find(|e| &e.agency_kind == kind)
            .map_or_else(|| kind.default_level_range(), LevelRangeEntry::range)
    }

    /// Largest input document, in bytes.
    pub fn max_input_bytes(&self) -> usize {
        usize::try_from(self.limits.max_input_bytes).unwrap_or(usize::MAX)
    }
}

/// Validates a policy: values in range, consent ages in order, level ranges sane.
pub fn validate_policy(policy: &Policy) -> Vec<Finding> {
    let mut out = Vec::new();
    check_consent(&policy.consent_policy, &mut out);
    check_days(policy, &mut out);
    check_followup(&policy.followup, &mut out);
    check_statistics(policy, &mut out);
    check_level_ranges(&policy.level_ranges, &mut out);
    check_limits(&policy.limits, &mut out);
    out
}

/// Pushes `POLICY_VALUE_OUT_OF_RANGE` when `value` is outside `min..=max`.
fn in_range(out: &mut Vec<Finding>, path: &str, value: impl Into<u64>, min: u64, max: u64) {
    let value = value.into();
    if value < min || value > max {
        out.push(Finding::new(Code::PolicyValueOutOfRange, path).param("min", min).param("max", max));
    }
}

fn check_consent(c: &ConsentPolicy, out: &mut Vec<Finding>) {
    in_range(out, "/consent_policy/child_consent_from", c.child_consent_from, 0, 18);
    in_range(out, "/consent_policy/child_alone_from", c.child_alone_from, 0, 18);
    if c.child_alone_from < c.child_consent_from {
        out.push(
            Finding::new(Code::PolicyConsentAgesOrder, "/consent_policy/child_alone_from")
                .param("alone", c.child_alone_from)
                .param("consent", c.child_consent_from),
        );
    }
    for (i, category) in c.child_alone_categories.iter().enumerate() {
        let path = format!("/consent_policy/child_alone_categories/{i}");
        if c.child_alone_categories.get(..i).is_some_and(|before| before.contains(category)) {
            out.push(Finding::new(Code::PolicyDuplicateEntry, path));
        } else if !category.is_health() {
            out.push(Finding::new(Code::PolicyChildAloneNonHealth, path));
        }
    }
}

fn check_days(p: &Policy, out: &mut Vec<Finding>) {
    let t = &p.timeliness;
    in_range(out, "/consent_warn_days", p.consent_warn_days, 0, 365);
    in_range(out, "/consent_valid_days", p.consent_valid_days, 1, 3_660);
    in_range(out, "/handover_answer_days", p.handover_answer_days, 1, 365);
    in_range(out, "/timeliness/consent_within_days", t.consent_within_days, 1, 365);
    in_range(out, "/timeliness/first_meeting_within_days", t.first_meeting_within_days, 1, 365);
    in_range(out, "/timeliness/followup_max_interval_days", t.followup_max_interval_days, 1, 365);
    in_range(out, "/timeliness/meeting_interval_days", t.meeting_interval_days, 1, 92);
    in_range(out, "/sip_start_days", p.sip_start_days, 1, 365);
    in_range(out, "/sip_max_followup_days", p.sip_max_followup_days, 1, 366);
    // The team meets at fixed slots: a deadline shorter than the interval between them
    // cannot be met by the next meeting (R-MT-1).
    let interval = t.meeting_interval_days;
    for (path, days) in [
        ("/timeliness/first_meeting_within_days", t.first_meeting_within_days),
        ("/timeliness/followup_max_interval_days", t.followup_max_interval_days),
    ] {
        if days >= 1 && days < interval {
            out.push(
                Finding::new(Code::PolicyDeadlineBelowMeetingInterval, path)
                    .param("days", days)
                    .param("interval", interval),
            );
        }
    }
}

fn check_followup(f: &FollowUpThresholds, out: &mut Vec<Finding>) {
    in_range(out, "/followup/ors_cutoff_adult", f.ors_cutoff_adult, 0, 40);
    in_range(out, "/followup/ors_cutoff_13_17", f.ors_cutoff_13_17, 0, 40);
    in_range(out, "/followup/ors_cutoff_6_12", f.ors_cutoff_6_12, 0, 40);
    in_range(out, "/followup/reliable_change", f.reliable_change, 1, 40);
    in_range(out, "/followup/srs_alert_below", f.srs_alert_below, 0, 40);
    in_range(out, "/followup/attendance_problem_below_percent", f.attendance_problem_below_percent, 0, 100);
}

fn check_statistics(p: &Policy, out: &mut Vec<Finding>) {
    in_range(out, "/min_cell", p.min_cell, 1, 1_000);
    if (1..3).contains(&p.min_cell) {
        out.push(Finding::new(Code::PolicyMinCellLow, "/min_cell").param("value", p.min_cell));
    }
    in_range(out, "/small_population_threshold", p.small_population_threshold, 0, 10_000_000);
}

fn check_level_ranges(entries: &[LevelRangeEntry], out: &mut Vec<Finding>) {
    for (i, entry) in entries.iter().enumerate() {
        let path = format!("/level_ranges/{i}");
        if entries.get(..i).is_some_and(|before| before.iter().any(|e| e.agency_kind == entry.agency_kind)) {
            out.push(Finding::new(Code::PolicyDuplicateEntry, format!("{path}/agency_kind")));
        }
        if entry.min > entry.max {
            out.push(Finding::new(Code::PolicyLevelRangeReversed, path));
        }
    }
    for kind in AgencyKind::STANDARD {
        if !entries.iter().any(|e| e.agency_kind == kind) {
            out.push(Finding::new(Code::PolicyLevelRangeDefaulted, "/level_ranges").param("kind", kind.name()));
        }
    }
}

fn check_limits(l: &Limits, out: &mut Vec<Finding>) {
    in_range(out, "/limits/max_input_bytes", l.max_input_bytes, 1_024, 64 << 20);
    in_range(out, "/limits/max_events", l.max_events, 1, 1_000_000);
    in_range(out, "/limits/max_consents", l.max_consents, 1, 100_000);
    in_range(out, "/limits/max_interventions", l.max_interventions, 1, 10_000);
    in_range(out, "/limits/max_text_chars", l.max_text_chars, 1, 1_000_000);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Lang, Report};
    use proptest::prelude::*;

    fn report(json: &str) -> Report {
        crate::documents::validate_policy(json, Lang::En).unwrap()
    }
    fn codes_at(r: &Report) -> Vec<(&str, &str)> {
        r.findings.iter().map(|f| (f.path.as_str(), f.code.as_str())).collect()
    }

    #[test]
    fn the_default_policy_has_every_spec_default_and_is_valid() {
        let p = Policy::default();
        assert_eq!((p.consent_policy.child_consent_from, p.consent_policy.child_alone_from), (12, 15));
        assert_eq!(
            p.consent_policy.child_alone_categories,
            vec![InformationCategory::MentalHealth, InformationCategory::Health]
        );
        assert_eq!((p.handover_answer_days, p.consent_warn_days), (14, 30));
        assert_eq!(p.small_population_threshold, 2_000);
        assert_eq!((p.timeliness.consent_within_days, p.timeliness.first_meeting_within_days), (7, 14));
        assert_eq!(p.timeliness.followup_max_interval_days, 42);
        assert_eq!((p.sip_start_days, p.sip_max_followup_days), (10, 183));
        let f = &p.followup;
        assert_eq!((f.ors_cutoff_adult, f.ors_cutoff_13_17, f.ors_cutoff_6_12), (25, 28, 32));
        assert_eq!((f.reliable_change, f.srs_alert_below, f.attendance_problem_below_percent), (5, 36, 90));
        assert_eq!(p.min_cell, 5);
        let r = Report::new(validate_policy(&p), Lang::Sv);
        assert!(r.valid && r.findings.is_empty(), "{r:?}");
    }

    #[test]
    fn default_json_round_trips() {
        assert_eq!(
            crate::documents::parse_policy(&crate::documents::default_policy_json()).unwrap(),
            Policy::default()
        );
    }

    #[test]
    fn a_partial_policy_takes_defaults_for_what_it_leaves_out() {
        let p =
            crate::documents::parse_policy(r#"{"schema_version":1,"consent_policy":{"child_alone_from":16}}"#).unwrap();
        assert_eq!(p.consent_policy.child_alone_from, 16);
        assert_eq!(p.consent_policy.child_consent_from, 12);
        assert_eq!(p.min_cell, 5);
    }

    #[test]
    fn typos_and_unknown_versions_are_errors_not_defaults() {
        let e = crate::documents::parse_policy(r#"{"schema_version":1,"min_cel":3}"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/min_cel"));
        let e = crate::documents::parse_policy(r#"{"schema_version":1,"consent_policy":{"child_alone_form":16}}"#)
            .unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonUnknownField, "/consent_policy/child_alone_form"));
        assert_eq!(crate::documents::parse_policy(r#"{"min_cell":3}"#).unwrap_err().code(), Code::JsonMissingField);
        assert_eq!(
            crate::documents::parse_policy(r#"{"schema_version":9}"#).unwrap_err().code(),
            Code::SchemaVersionUnsupported
        );
        let e = crate::documents::parse_policy(r#"{"schema_version":1,"min_cell":-1}"#).unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/min_cell"));
        let e = crate::documents::parse_policy(
            r#"{"schema_version":1,"level_ranges":[{"agency_kind":"School","min":"Low","max":"Indicated"}]}"#,
        )
        .unwrap_err();
        assert_eq!((e.code(), e.path()), (Code::JsonInvalidValue, "/level_ranges/0/min"));
    }

    #[test]
    fn ext_is_carried_through_untouched() {
        let p = crate::documents::parse_policy(r#"{"schema_version":1,"ext":{"vendor":{"x":[1,2]}}}"#).unwrap();
        let back: serde_json::Value = serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back["ext"], serde_json::json!({"vendor":{"x":[1,2]}}));
    }

    #[test]
    fn r_cn_3_consent_ages_must_be_in_order_and_within_childhood() {
        let r = report(r#"{"schema_version":1,"consent_policy":{"child_consent_from":16,"child_alone_from":14}}"#);
        assert_eq!(codes_at(&r), vec![("/consent_policy/child_alone_from", "POLICY_CONSENT_AGES_ORDER")]);
        assert!(!r.valid);
        let r = report(r#"{"schema_version":1,"consent_policy":{"child_consent_from":19,"child_alone_from":20}}"#);
        assert_eq!(
            codes_at(&r),
            vec![
                ("/consent_policy/child_alone_from", "POLICY_VALUE_OUT_OF_RANGE"),
                ("/consent_policy/child_consent_from", "POLICY_VALUE_OUT_OF_RANGE")
            ]
        );
    }

    #[test]
    fn r_cn_3_child_alone_categories_outside_health_warn_and_duplicates_are_errors() {
        let r = report(
            r#"{"schema_version":1,"consent_policy":{"child_alone_categories":["Health","SocialSituation","Health"]}}"#,
        );
        assert_eq!(
            codes_at(&r),
            vec![
                ("/consent_policy/child_alone_categories/1", "POLICY_CHILD_ALONE_NON_HEALTH"),
                ("/consent_policy/child_alone_categories/2", "POLICY_DUPLICATE_ENTRY")
            ]
        );
    }

    #[test]
    fn r_lv_1_level_ranges_reversed_duplicated_or_missing() {
        let r = report(
            r#"{"schema_version":1,"level_ranges":[
                {"agency_kind":"School","min":"Indicated","max":"Universal"},
                {"agency_kind":"School","min":"Universal","max":"Universal"},
                {"agency_kind":{"Other":"Fritidsgård"},"min":"Universal","max":"Selective"}]}"#,
        );
        let codes: Vec<_> = codes_at(&r);
        assert!(codes.contains(&("/level_ranges/0", "POLICY_LEVEL_RANGE_REVERSED")));
        assert!(codes.contains(&("/level_ranges/1/agency_kind", "POLICY_DUPLICATE_ENTRY")));
        let defaulted = r.findings.iter().filter(|f| f.code == Code::PolicyLevelRangeDefaulted).count();
        assert_eq!(defaulted, 9);
        assert!(!r.valid);
        let p = crate::documents::parse_policy(r#"{"schema_version":1,"level_ranges":[]}"#).unwrap();
        assert_eq!(p.level_range(&AgencyKind::School), AgencyKind::School.default_level_range());
    }

    #[test]
    fn r_st_3_low_min_cell_warns_and_zero_is_an_error() {
        let r = report(r#"{"schema_version":1,"min_cell":2}"#);
        assert_eq!(codes_at(&r), vec![("/min_cell", "POLICY_MIN_CELL_LOW")]);
        assert!(r.valid);
        assert!(!report(r#"{"schema_version":1,"min_cell":0}"#).valid);
    }

    #[test]
    fn r_cp_9_deadlines_shorter_than_the_meeting_interval_warn() {
        let r = report(r#"{"schema_version":1,"timeliness":{"first_meeting_within_days":7}}"#);
        assert_eq!(
            codes_at(&r),
            vec![("/timeliness/first_meeting_within_days", "POLICY_DEADLINE_BELOW_MEETING_INTERVAL")]
        );
        assert_eq!(r.findings[0].message, "The deadline for the first meeting (7 days) is shorter than the time between the team's meetings (14 days) and will often be missed.");
    }

    #[test]
    fn level_range_entries_read_flat() {
        let p = crate::documents::parse_policy(
            r#"{"schema_version":1,"level_ranges":[{"agency_kind":"School","min":"Universal","max":"Indicated"}]}"#,
        )
        .unwrap();
        assert_eq!(p.level_range(&AgencyKind::School), LevelRange { min: Level::Universal, max: Level::Indicated });
    }

    proptest! {
        #[test]
        fn validation_never_panics_and_is_deterministic(
            consent in 0u8..=255, alone in 0u8..=255, min_cell in 0u32..10, days in 0u32..400, pct in 0u8..=255,
        ) {
            let mut p = Policy::default();
            p.consent_policy.child_consent_from = consent;
            p.consent_policy.child_alone_from = alone;
            p.min_cell = min_cell;
            p.handover_answer_days = days;
            p.timeliness.first_meeting_within_days = days;
            p.followup.attendance_problem_below_percent = pct;
            let a = Report::new(validate_policy(&p), Lang::Sv);
            let b = Report::new(validate_policy(&p.clone()), Lang::Sv);
            prop_assert_eq!(&a, &b);
            prop_assert_eq!(a.valid, consent <= 18 && alone <= 18 && consent <= alone && min_cell >= 1
                && (1..=365).contains(&days) && pct <= 100);
        }
    }
}
