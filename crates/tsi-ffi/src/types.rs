//! How core value types cross uniffi: as the text they are written as in JSON, so Kotlin,
//! Swift and Python see the same strings the JSON documents hold.

use std::collections::HashMap;

use chrono::NaiveDate;

use tsi_core::finding::Params;
use tsi_core::time::Instant;

uniffi::custom_type!(Instant, String, {
    remote,
    lower: |instant| instant.to_string(),
    try_lift: |text| Instant::parse(&text).ok_or_else(|| uniffi::deps::anyhow::anyhow!("not an RFC 3339 instant")),
});

/// A calendar date, `YYYY-MM-DD` (not `Date`: Swift's Foundation has one).
pub(crate) type IsoDate = NaiveDate;

uniffi::custom_type!(IsoDate, String, {
    remote,
    lower: |date| date.to_string(),
    try_lift: |text| tsi_core::id::parse_date(&text, "date").map_err(|_| uniffi::deps::anyhow::anyhow!("not a date")),
});

// Message parameters: a map (sorted in Rust, plain in the foreign language).
uniffi::custom_type!(Params, HashMap<String, String>, {
    remote,
    lower: |params| params.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});

#[cfg(test)]
mod tests {
    use uniffi::{Lift, Lower};

    use super::*;
    use crate::UniFfiTag;
    use tsi_core::case::{CaseState, EventKind};
    use tsi_core::Code;

    /// Lowers a value as the library hands it to Kotlin/Swift/Python, and lifts it back.
    fn round_trip<T>(value: T) -> uniffi::Result<T>
    where
        T: Lower<UniFfiTag> + Lift<UniFfiTag, FfiType = <T as Lower<UniFfiTag>>::FfiType>,
    {
        <T as Lift<UniFfiTag>>::try_lift(<T as Lower<UniFfiTag>>::lower(value))
    }

    /// What the foreign side reads: the string uniffi writes for a value.
    fn as_text<T: Lower<UniFfiTag>>(value: T) -> String {
        let mut buf = Vec::new();
        <T as Lower<UniFfiTag>>::write(value, &mut buf);
        let mut bytes = buf.as_slice();
        <String as Lift<UniFfiTag>>::try_read(&mut bytes).unwrap_or_default()
    }

    /// The variant number uniffi writes for an enum value (1-based, in declaration order).
    fn variant<T: Lower<UniFfiTag>>(value: T) -> Option<i32> {
        let mut buf = Vec::new();
        <T as Lower<UniFfiTag>>::write(value, &mut buf);
        Some(i32::from_be_bytes(buf.get(..4)?.try_into().ok()?))
    }

    #[test]
    fn every_code_state_and_event_crosses_as_its_own_variant_and_comes_back() {
        for (i, code) in Code::ALL.iter().enumerate() {
            assert_eq!(variant(*code), i32::try_from(i + 1).ok(), "{code}");
            assert_eq!(round_trip(*code).ok(), Some(*code));
        }
        for (i, event) in EventKind::ALL.iter().enumerate() {
            assert_eq!(variant(*event), i32::try_from(i + 1).ok(), "{event}");
            assert_eq!(round_trip(*event).ok(), Some(*event));
        }
        for (i, state) in CaseState::ALL.iter().enumerate() {
            assert_eq!(variant(*state), i32::try_from(i + 1).ok(), "{state}");
            assert_eq!(round_trip(*state).ok(), Some(*state));
        }
    }

    #[test]
    fn every_code_is_named_in_kotlin_and_python_by_its_stable_text() {
        use heck::ToShoutySnakeCase;
        for code in Code::ALL {
            assert_eq!(format!("{code:?}").to_shouty_snake_case(), code.as_str());
        }
    }

    #[test]
    fn text_that_is_not_an_instant_or_a_date_is_refused() {
        let lift_text = |text: &str| <String as Lower<UniFfiTag>>::lower(text.to_owned());
        assert!(<Instant as Lift<UniFfiTag>>::try_lift(lift_text("2026-02-30T09:00:00Z")).is_err());
        assert!(<IsoDate as Lift<UniFfiTag>>::try_lift(lift_text("2026-13-01")).is_err());
    }

    #[test]
    fn instants_dates_and_params_cross_as_json_writes_them() {
        let instant = Instant::parse("2026-03-02T09:00:00+01:00");
        assert_eq!(instant.map(as_text).as_deref(), Some("2026-03-02T09:00:00+01:00"));
        assert_eq!(instant.map(|i| round_trip(i).ok()), Some(instant));
        let date = NaiveDate::from_ymd_opt(2012, 12, 12);
        assert_eq!(date.map(as_text).as_deref(), Some("2012-12-12"));
        assert_eq!(date.map(|d| round_trip(d).ok()), Some(date));
        let params: Params = [("limit".to_owned(), "5".to_owned()), ("count".to_owned(), "7".to_owned())].into();
        assert_eq!(round_trip(params.clone()).ok(), Some(params));
    }
}
