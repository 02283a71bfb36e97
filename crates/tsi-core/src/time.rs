//! Dates and instants in documents (SPEC §9): dates ISO 8601 (`YYYY-MM-DD`), instants
//! RFC 3339 with offset. Comparisons are by the instant itself, whatever the offset.
//!
//! The date of an instant (ages, day counts, deadlines, meeting slots) is its date in the
//! collaboration's time zone, *policy* `time_zone` ([`Zone`]), never the offset it happens to
//! be written with: the same instant always gives the same answer.

use std::fmt;

use chrono::{DateTime, Duration, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use serde::de::{Error as _, Unexpected};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A point in time with its UTC offset, e.g. `2026-11-23T09:30:00+01:00`.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Instant(pub(crate) DateTime<FixedOffset>);

impl Instant {
    /// Parses RFC 3339 with an explicit offset, in the years 1800–9999 (as dates, SPEC §9).
    /// A leap second (`23:59:60`) is refused rather than silently moved: UTC instants in
    /// journals are written without them, and two readers would place it differently.
    pub fn parse(s: &str) -> Option<Instant> {
        use chrono::{Datelike, Timelike};
        let t = DateTime::parse_from_rfc3339(s.trim()).ok()?;
        let in_range = (1800..=9999).contains(&t.year()) && (1800..=9999).contains(&t.naive_utc().year());
        (in_range && t.nanosecond() < 1_000_000_000).then_some(Instant(t))
    }

    /// Parses an argument, naming it in the `INSTANT_INVALID` error.
    pub fn parse_arg(s: &str, field: &str) -> crate::Result<Instant> {
        Instant::parse(s).ok_or_else(|| crate::Error::new(crate::Code::InstantInvalid, "").param("field", field))
    }

    /// The calendar date in the collaboration's time zone (what a person there calls the day).
    pub fn local_date(&self, zone: Zone) -> NaiveDate {
        self.0.with_timezone(&zone.0).date_naive()
    }

    /// Calendar days from this instant's local date to `later`'s (negative if earlier).
    pub fn days_until(&self, later: &Instant, zone: Zone) -> i64 {
        (later.local_date(zone) - self.local_date(zone)).num_days()
    }

    /// The same local wall-clock time `days` calendar days later in the zone, written with
    /// the offset in force then (so a deadline or slot follows daylight saving time). A wall
    /// time that does not exist (spring forward) moves to the first instant after the gap.
    pub fn plus_local_days(&self, days: i64, zone: Zone) -> Instant {
        let local = self.0.with_timezone(&zone.0).naive_local();
        let target = local.checked_add_signed(Duration::days(days)).unwrap_or(local);
        Instant(zone.resolve(target))
    }

    /// The instant in UTC as RFC 3339 with `Z` (fractions of a second only when present):
    /// the one written form of an instant, used where bytes must not depend on the offset.
    pub fn utc_string(&self) -> String {
        self.0.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }

    /// The instant as RFC 3339 with its offset, as documents write it: one copy of chrono's
    /// writer, not one inlined into each serializer (3 KB of wasm each).
    #[inline(never)]
    fn rfc3339(&self) -> String {
        self.0.to_rfc3339()
    }

    /// The underlying chrono value.
    pub fn as_datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }
}

impl fmt::Display for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl fmt::Debug for Instant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Instant({})", self.rfc3339())
    }
}

impl Serialize for Instant {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Instant {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_string(InstantVisitor)
    }
}

/// Reads an instant where its text lies (no `String` per instant: a case log holds two per
/// event), refusing what `String`'s reader refused, as it refused it.
struct InstantVisitor;

impl serde::de::Visitor<'_> for InstantVisitor {
    type Value = Instant;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Instant, E> {
        Instant::parse(s).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &"an RFC 3339 instant with offset"))
    }

    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Instant, E> {
        let s = std::str::from_utf8(v).map_err(|_| E::invalid_value(Unexpected::Bytes(v), &self))?;
        self.visit_str(s)
    }
}

/// An instant in a schema: an RFC 3339 date-time (the library also requires the offset).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Instant {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Instant".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // The pattern says what a validator that skips `format` would miss: the offset, the
        // years 1800-9999, no leap second. The library also requires the year in UTC in range.
        schemars::json_schema!({
            "description": "An RFC 3339 instant with offset, e.g. `2026-11-23T10:00:00+01:00`, in the years 1800-9999 (also in UTC).",
            "type": "string",
            "format": "date-time",
            "pattern": "^\\s*(1[89][0-9]{2}|[2-9][0-9]{3})-[0-9]{2}-[0-9]{2}[Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})\\s*$"
        })
    }
}

/// A time zone a policy may name (SPEC §9, *policy* `time_zone`): an IANA name.
///
/// Only the zones in [`Zone::NAMES`] are accepted, so every build (a vendor's with the whole
/// IANA database, or this workspace's filtered one) accepts the same policies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Zone(chrono_tz::Tz);

impl Zone {
    /// The zones a policy may name: Sweden, its Nordic neighbours, and UTC.
    pub const NAMES: [&'static str; 6] =
        ["Europe/Stockholm", "Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Mariehamn", "UTC"];

    /// Sweden's zone, the default.
    pub const STOCKHOLM: Zone = Zone(chrono_tz::Tz::Europe__Stockholm);

    /// The zone of an IANA name in [`Zone::NAMES`].
    pub fn from_name(name: &str) -> Option<Zone> {
        if !Zone::NAMES.contains(&name) {
            return None;
        }
        name.parse::<chrono_tz::Tz>().ok().map(Zone)
    }

    /// The IANA name.
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// The instant of a local wall-clock time: the earlier of two in the autumn overlap,
    /// the first after the gap in spring.
    pub fn resolve(&self, local: NaiveDateTime) -> DateTime<FixedOffset> {
        let fixed = |t: DateTime<chrono_tz::Tz>| t.with_timezone(&t.offset().fix());
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => fixed(t),
            // Gaps are at most a few hours: an hour on is always past one.
            LocalResult::None => (1..=4)
                .find_map(|h| self.0.from_local_datetime(&(local + Duration::hours(h))).earliest())
                // Never reached for real zones: read the wall time as UTC.
                .map_or_else(|| DateTime::from_naive_utc_and_offset(local, chrono::Utc.fix()), fixed),
        }
    }
}

/// A time zone in a schema: one of [`Zone::NAMES`].
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Zone {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeZone".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "The IANA time zones a policy may name.",
            "type": "string",
            "enum": Zone::NAMES
        })
    }
}

impl Default for Zone {
    fn default() -> Self {
        Zone::STOCKHOLM
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Zone::from_name(&s).ok_or_else(|| {
            D::Error::invalid_value(
                Unexpected::Other("another time zone"),
                &"one of Europe/Stockholm, Europe/Oslo, Europe/Copenhagen, Europe/Helsinki, Europe/Mariehamn, UTC",
            )
        })
    }
}

/// serde for instants written in UTC ([`Instant::utc_string`]); reads any offset.
pub mod utc {
    use super::*;

    /// Serializes in UTC with `Z`.
    pub fn serialize<S: Serializer>(at: &Instant, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&at.utc_string())
    }

    /// Deserializes RFC 3339 with any offset.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Instant, D::Error> {
        Instant::deserialize(d)
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
        d.deserialize_str(DateVisitor)
    }

    /// Reads the text where it lies (no copy: dates are in every document).
    struct DateVisitor;

    impl serde::de::Visitor<'_> for DateVisitor {
        type Value = NaiveDate;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a date YYYY-MM-DD")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<NaiveDate, E> {
            crate::id::parse_date(s, "date").map_err(|_| E::invalid_value(Unexpected::Str(s), &self))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read where the text lies, an instant is refused as it was when read as a `String` first
    /// (the oracle below is that reader): the same message for every kind of JSON value (the
    /// position serde_json adds to an error made inside the read is not tsi's: refusals carry
    /// paths).
    #[test]
    fn instants_are_refused_as_strings_were() {
        fn as_string_first(text: &str) -> Result<Instant, String> {
            let s: String = serde_json::from_str(text).map_err(|e| e.to_string())?;
            Instant::parse(&s)
                .ok_or_else(|| serde::de::Error::invalid_value(Unexpected::Str(&s), &"an RFC 3339 instant with offset"))
                .map_err(|e: serde_json::Error| e.to_string())
        }
        let texts = [
            r#""2026-11-23T10:00:00+01:00""#,
            r#"" 2026-11-23T10:00:00Z ""#,
            r#""2026-11-23""#,
            r#""2026-11-23T10:00:00\u002B01:00""#,
            "12",
            "-1.5",
            "null",
            "true",
            "[]",
            "{}",
            r#""""#,
        ];
        for text in texts {
            let ours = serde_json::from_str::<Instant>(text).map_err(|e| e.to_string());
            let unplaced =
                |r: Result<Instant, String>| r.map_err(|e| e.split(" at line ").next().unwrap_or_default().to_owned());
            assert_eq!(unplaced(ours), unplaced(as_string_first(text)), "{text}");
        }
    }

    #[test]
    fn instants_compare_by_the_instant_not_the_offset() {
        let a = Instant::parse("2026-11-23T10:00:00+01:00").unwrap();
        let b = Instant::parse("2026-11-23T09:00:00Z").unwrap();
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert_eq!(a.local_date(Zone::STOCKHOLM), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert!(Instant::parse("2026-11-23T10:00:00").is_none(), "offset is required");
        assert!(Instant::parse("2026-11-23").is_none());
        // SPEC §9: years 1800–9999 only, and no leap seconds.
        assert!(Instant::parse("1799-12-31T23:00:00Z").is_none());
        assert!(Instant::parse("0001-01-01T00:00:00Z").is_none());
        assert!(Instant::parse("9999-12-31T23:30:00-05:00").is_none(), "already year 10000 in UTC");
        assert!(Instant::parse("1800-01-01T00:00:00Z").is_some());
        assert!(Instant::parse("2016-12-31T23:59:60Z").is_none());
        assert!(Instant::parse("2016-12-31T23:59:59.999Z").is_some());
    }

    #[test]
    fn the_local_date_is_the_zones_not_the_written_offset() {
        // 23:30 UTC on the 22nd is already the 23rd in Stockholm, however it is written.
        for written in ["2026-11-22T23:30:00Z", "2026-11-23T00:30:00+01:00", "2026-11-22T18:30:00-05:00"] {
            let at = Instant::parse(written).unwrap();
            assert_eq!(at.local_date(Zone::STOCKHOLM).to_string(), "2026-11-23", "{written}");
            assert_eq!(at.local_date(Zone::from_name("UTC").unwrap()).to_string(), "2026-11-22", "{written}");
        }
    }

    #[test]
    fn local_days_follow_daylight_saving_time() {
        // 10:00 in winter is 10:00 in summer: the offset changes, the wall time does not.
        let winter = Instant::parse("2026-03-23T10:00:00+01:00").unwrap();
        assert_eq!(winter.plus_local_days(14, Zone::STOCKHOLM).to_string(), "2026-04-06T10:00:00+02:00");
        let summer = Instant::parse("2026-10-19T10:00:00+02:00").unwrap();
        assert_eq!(summer.plus_local_days(14, Zone::STOCKHOLM).to_string(), "2026-11-02T10:00:00+01:00");
        // 02:30 does not exist on 2026-03-29 in Stockholm: the first instant after the gap.
        let night = Instant::parse("2026-03-28T02:30:00+01:00").unwrap();
        assert_eq!(night.plus_local_days(1, Zone::STOCKHOLM).to_string(), "2026-03-29T03:30:00+02:00");
        // 02:30 happens twice on 2026-10-25: the earlier one.
        let autumn = Instant::parse("2026-10-24T02:30:00+02:00").unwrap();
        assert_eq!(autumn.plus_local_days(1, Zone::STOCKHOLM).to_string(), "2026-10-25T02:30:00+02:00");
        assert_eq!(winter.days_until(&Instant::parse("2026-03-24T00:30:00+01:00").unwrap(), Zone::STOCKHOLM), 1);
    }

    #[test]
    fn only_the_listed_zones_are_accepted() {
        for name in Zone::NAMES {
            assert_eq!(Zone::from_name(name).map(|z| z.name()), Some(name));
        }
        assert_eq!(Zone::from_name("Europe/Berlin"), None);
        assert_eq!(Zone::from_name("europe/stockholm"), None);
        assert_eq!(Zone::default(), Zone::STOCKHOLM);
    }

    #[test]
    fn a_bad_instant_in_a_document_names_what_was_expected_not_the_value() {
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[derive(Deserialize, Serialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            at: Instant,
        }
        let e = crate::reading::from_json::<Doc>(r#"{"at":"19121212-1212"}"#, 1000).unwrap_err();
        assert_eq!((e.code(), e.path()), (crate::Code::JsonInvalidValue, "/at"));
        assert_eq!(e.params()["expected"], "an RFC 3339 instant with offset");
        assert!(!e.to_string().contains("1212"));
    }
}

/// TypeScript names of the types serialised as text by hand: `Instant` (RFC 3339) and
/// `TimeZone` (one of [`Zone::NAMES`]), declared by crates/tsi-types from this module.
#[cfg(feature = "ts")]
macro_rules! ts_text {
    ($ty:ty, $name:literal) => {
        impl ts_rs::TS for $ty {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn name(_: &ts_rs::Config) -> String {
                $name.to_owned()
            }
            fn inline(_: &ts_rs::Config) -> String {
                $name.to_owned()
            }
        }
    };
}
#[cfg(feature = "ts")]
ts_text!(Instant, "Instant");
#[cfg(feature = "ts")]
ts_text!(Zone, "TimeZone");
