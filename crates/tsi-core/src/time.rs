//! Dates and instants in documents (SPEC §9): dates ISO 8601 (`YYYY-MM-DD`), instants
//! RFC 3339 with offset. Comparisons are by the instant itself, whatever the offset.

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::{Error as _, Unexpected};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time with its UTC offset, e.g. `2026-11-23T09:30:00+01:00`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub(crate) DateTime<FixedOffset>);

impl Instant {
    /// Parses RFC 3339 with an explicit offset.
    pub fn parse(s: &str) -> Option<Instant> {
        DateTime::parse_from_rfc3339(s.trim()).ok().map(Instant)
    }

    /// Parses an argument, naming it in the `INSTANT_INVALID` error.
    pub fn parse_arg(s: &str, field: &str) -> crate::Result<Instant> {
        Instant::parse(s).ok_or_else(|| crate::Error::new(crate::Code::InstantInvalid, "").param("field", field))
    }

    /// The calendar date at the instant's own offset (what a person there would call the day).
    pub fn local_date(&self) -> NaiveDate {
        self.0.date_naive()
    }

    /// Whole days from `self` until `later` (negative if `later` is earlier).
    pub fn days_until(&self, later: &Instant) -> i64 {
        (later.0 - self.0).num_days()
    }

    /// The underlying chrono value.
    pub fn as_datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.to_rfc3339())
    }
}

impl fmt::Debug for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Instant({})", self.0.to_rfc3339())
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Instant::parse(&s)
            .ok_or_else(|| D::Error::invalid_value(Unexpected::Str(&s), &"an RFC 3339 instant with offset"))
    }
}

/// serde for `NaiveDate` fields: strict `YYYY-MM-DD` (see [`crate::id::parse_date`]).
pub mod date {
    use super::*;

    /// Serializes as `YYYY-MM-DD`.
    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&d.to_string())
    }

    /// Deserializes `YYYY-MM-DD` between the years 1800 and 9999.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let s = String::deserialize(d)?;
        crate::id::parse_date(&s, "date")
            .map_err(|_| D::Error::invalid_value(Unexpected::Str(&s), &"a date YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_compare_by_the_instant_not_the_offset() {
        let a = Instant::parse("2026-11-23T10:00:00+01:00").unwrap();
        let b = Instant::parse("2026-11-23T09:00:00Z").unwrap();
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert_eq!(a.local_date(), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert!(Instant::parse("2026-11-23T10:00:00").is_none(), "offset is required");
        assert!(Instant::parse("2026-11-23").is_none());
    }

    #[test]
    fn a_bad_instant_in_a_document_names_what_was_expected_not_the_value() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            at: Instant,
        }
        let e = crate::json::from_json::<Doc>(r#"{"at":"19121212-1212"}"#, 1000).unwrap_err();
        assert_eq!((e.code(), e.path()), (crate::Code::JsonInvalidValue, "/at"));
        assert_eq!(e.params()["expected"], "an RFC 3339 instant with offset");
        assert!(!e.to_string().contains("1212"));
    }
}
