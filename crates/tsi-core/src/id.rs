//! Swedish personal identity numbers and coordination numbers (R-ID-1), ages at a
//! given date (R-ID-2), and opaque vendor reserve ids.
//!
//! Hand-written rather than taken from a crate: R-ID-1 infers the century of a 10-digit
//! number relative to a *given* date (never the clock) and must report every malformed
//! input with its own code, which the crates on offer do not do.

use crate::named::named_enum;
use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::finding::Code;

named_enum! {
    /// Which kind of number it is.
    #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
    #[derive(Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum IdKind {
        /// Personnummer.
        PersonalNumber,
        /// Samordningsnummer: the day of birth plus 60.
        CoordinationNumber,
    }
}

/// A checked personal identity or coordination number.
///
/// `Debug` and `Display` show only the kind, never the number (R-PD-1): the number
/// must be asked for explicitly with [`PersonalIdentity::normalized`].
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq, Hash)]
#[serde(deny_unknown_fields)]
pub struct PersonalIdentity {
    normalized: String,
    kind: IdKind,
    birth_date: NaiveDate,
}

impl PersonalIdentity {
    /// The 12-digit form without separator, e.g. `201212121212`. For a coordination
    /// number the day keeps its +60.
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Personal or coordination number.
    pub fn kind(&self) -> IdKind {
        self.kind
    }

    /// The date of birth (for a coordination number: the day minus 60).
    pub fn birth_date(&self) -> NaiveDate {
        self.birth_date
    }

    /// Age in whole years at `at` (R-ID-2).
    pub fn age_at(&self, at: NaiveDate) -> Result<u32> {
        age_at(self.birth_date, at)
    }
}

impl fmt::Debug for PersonalIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonalIdentity({:?}, <redacted>)", self.kind)
    }
}

/// Everything a caller usually wants from one check: the number normalised, its kind,
/// the birth date and the age at the decision date.
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Deserialize, Clone, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct IdCheck {
    /// The 12-digit form without separator.
    pub normalized: String,
    /// Personal or coordination number.
    pub kind: IdKind,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Age in whole years at the date checked at.
    pub age: u32,
}

impl fmt::Debug for IdCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdCheck({:?}, <redacted>)", self.kind)
    }
}

/// Parses and checks a personal identity or coordination number at the date `at`
/// (R-ID-1): 10 or 12 digits, optionally `-` or `+` before the last four (`+` only in
/// the 10-digit form, meaning 100 years or older), surrounding whitespace ignored.
///
/// ```
/// use chrono::NaiveDate;
/// let at = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
/// let id = tsi_core::id::parse_personal_identity("121212-1212", at).unwrap();
/// assert_eq!(id.normalized(), "201212121212");
/// assert_eq!(id.age_at(at).unwrap(), 13);
/// ```
pub fn parse_personal_identity(input: &str, at: NaiveDate) -> Result<PersonalIdentity> {
    let raw = Raw::split(input)?;
    let month = raw.number(2, 4)?;
    let day_field = raw.number(4, 6)?;
    let (kind, day) = match day_field {
        61..=91 => (IdKind::CoordinationNumber, day_field - 60),
        _ => (IdKind::PersonalNumber, day_field),
    };
    let birth_date = match raw.century {
        Some(century) => date(century * 100 + raw.number(0, 2)?, month, day)?,
        None => infer_century(raw.number(0, 2)?, month, day, raw.plus, at)?,
    };
    if birth_date > at {
        return Err(Error::new(Code::IdBornAfterDate, ""));
    }
    // The birth number 000 is never issued (R-ID-1): such a number is invalid even when its
    // check digit fits.
    if raw.digits.get(6..9) == Some("000") {
        return Err(Error::new(Code::IdBirthNumberNeverIssued, ""));
    }
    if luhn_check_digit(raw.digits.get(..9).unwrap_or_default()) != raw.digits.get(9..).and_then(first_digit) {
        return Err(Error::new(Code::IdBadChecksum, ""));
    }
    let normalized = format!("{:04}{}", birth_date.year(), raw.digits.get(2..).unwrap_or_default());
    Ok(PersonalIdentity { normalized, kind, birth_date })
}

/// Parses, checks and reports the age at `at` in one call (used by the bindings and CLI).
pub fn check_personal_identity(input: &str, at: NaiveDate) -> Result<IdCheck> {
    let id = parse_personal_identity(input, at)?;
    Ok(IdCheck { age: id.age_at(at)?, normalized: id.normalized, kind: id.kind, birth_date: id.birth_date })
}

/// Age in whole years at `at` (R-ID-2). The birthday counts from its own month and day,
/// so a child born on 29 February turns a year older on 1 March in common years.
pub fn age_at(birth_date: NaiveDate, at: NaiveDate) -> Result<u32> {
    if birth_date > at {
        return Err(Error::new(Code::IdBornAfterDate, ""));
    }
    let before_birthday = (at.month(), at.day()) < (birth_date.month(), birth_date.day());
    let years = at.year() - birth_date.year() - i32::from(before_birthday);
    Ok(u32::try_from(years).unwrap_or(0))
}

/// Parses an ISO 8601 calendar date `YYYY-MM-DD` (ten characters, digits and two dashes, around
/// which blanks are ignored) between 1800 and 9999; `field` names the argument in the error.
pub fn parse_date(input: &str, field: &str) -> Result<NaiveDate> {
    let bad = || Error::new(Code::DateInvalid, "").param("field", field);
    let d = calendar_date(input.trim()).ok_or_else(bad)?;
    if (1800..=9999).contains(&d.year()) {
        Ok(d)
    } else {
        Err(bad())
    }
}

/// `YYYY-MM-DD` written with digits, if it names a day that exists. By hand rather than with
/// chrono's format parser, which also takes a month or day padded with a blank (`2026- 3-05`,
/// not ISO 8601) and is a fifth of the wasm's date code (dates are in every document).
fn calendar_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |range: std::ops::Range<usize>| {
        let digits = b.get(range)?;
        digits.iter().all(u8::is_ascii_digit).then(|| digits.iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
    };
    NaiveDate::from_ymd_opt(i32::try_from(num(0..4)?).ok()?, num(5..7)?, num(8..10)?)
}

/// The digits of a number, split from its separator.
struct Raw {
    /// The 10-digit form (YYMMDDNNNC).
    digits: String,
    /// The century given by a 12-digit number.
    century: Option<i32>,
    /// `+` separator: 100 years or older.
    plus: bool,
}

impl Raw {
    fn split(input: &str) -> Result<Raw> {
        let s = input.trim();
        if s.is_empty() {
            return Err(Error::new(Code::IdEmpty, ""));
        }
        let bad = || Error::new(Code::IdBadFormat, "");
        // Bound the work before looking at characters: the longest form is 13.
        if s.len() > 13 || !s.bytes().all(|b| b.is_ascii_digit() || b == b'-' || b == b'+') {
            return Err(bad());
        }
        let (digits, separator) = match s.find(['-', '+']) {
            Some(pos) if pos + 5 == s.len() => {
                let (head, tail) = s.split_at(pos);
                let tail = tail.get(1..).unwrap_or_default();
                (format!("{head}{tail}"), s.as_bytes().get(pos).copied())
            }
            Some(_) => return Err(bad()),
            None => (s.to_owned(), None),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let plus = separator == Some(b'+');
        match digits.len() {
            10 => Ok(Raw { digits, century: None, plus }),
            12 if !plus => {
                let century = digits.get(..2).and_then(|c| c.parse().ok()).ok_or_else(bad)?;
                Ok(Raw { digits: digits.get(2..).unwrap_or_default().to_owned(), century: Some(century), plus })
            }
            _ => Err(bad()),
        }
    }

    /// The decimal number in `digits[from..to]` (always ASCII digits here).
    fn number(&self, from: usize, to: usize) -> Result<i32> {
        self.digits.get(from..to).and_then(|s| s.parse().ok()).ok_or_else(|| Error::new(Code::IdBadFormat, ""))
    }
}

/// A birth date; years before 1800 are refused like impossible dates.
fn date(year: i32, month: i32, day: i32) -> Result<NaiveDate> {
    if year < 1800 {
        return Err(Error::new(Code::IdBadDate, ""));
    }
    let m = u32::try_from(month).ok();
    let d = u32::try_from(day).ok();
    m.zip(d).and_then(|(m, d)| NaiveDate::from_ymd_opt(year, m, d)).ok_or_else(|| Error::new(Code::IdBadDate, ""))
}

/// The latest year ending in `yy` whose date is not after `at`; `+` takes 100 more years.
fn infer_century(yy: i32, month: i32, day: i32, plus: bool, at: NaiveDate) -> Result<NaiveDate> {
    let mut year = at.year() - (at.year() - yy).rem_euclid(100);
    // A date that exists in neither candidate year is bad whatever the century.
    if let Ok(candidate) = date(year, month, day) {
        if candidate > at {
            year -= 100;
        }
    } else if date(year - 100, month, day).is_ok() {
        year -= 100;
    }
    if plus {
        year -= 100;
    }
    date(year, month, day)
}

/// The Luhn check digit over nine digits (weights 2,1,2,…).
fn luhn_check_digit(nine: &str) -> Option<u32> {
    let mut sum = 0;
    for (i, c) in nine.chars().enumerate() {
        let d = c.to_digit(10)?;
        let p = if i % 2 == 0 { d * 2 } else { d };
        sum += p / 10 + p % 10;
    }
    Some((10 - sum % 10) % 10)
}

fn first_digit(s: &str) -> Option<u32> {
    s.chars().next()?.to_digit(10)
}

/// Whether a text holds something shaped like a personal identity or coordination number:
/// 10 or 12 digits (a `-` or `+` allowed before the last four) whose month and day could be a
/// birth date and whose check digit fits. Used to refuse such a number where the library would
/// copy a caller's reference into output or an audit record (R-PD-1).
#[inline]
pub fn contains_personal_number(text: &str) -> bool {
    // Runs on every reference of every decision: most have fewer than ten digits in all, and
    // this test (inlined where references are swept) rules them out without a call.
    let bytes = text.as_bytes();
    bytes.len() >= 10 && holds_ten_digits(bytes) && number_in(bytes, text)
}

/// [`contains_personal_number`] for a text with ten digits or more: looks at each run.
fn number_in(bytes: &[u8], text: &str) -> bool {
    let mut start = 0;
    while start < bytes.len() {
        let Some(offset) = bytes.get(start..).and_then(|rest| rest.iter().position(u8::is_ascii_digit)) else {
            return false;
        };
        let from = start + offset;
        let len = bytes
            .get(from..)
            .map_or(0, |rest| rest.iter().take_while(|b| b.is_ascii_digit() || **b == b'-' || **b == b'+').count());
        // Fewer than ten bytes cannot hold ten digits: most references end here, unallocated.
        if len < 10 {
            start = from + len.max(1);
            continue;
        }
        let run: String = text.get(from..from + len).unwrap_or_default().chars().filter(char::is_ascii_digit).collect();
        if number_shaped(&run) {
            return true;
        }
        start = from + len.max(1);
    }
    false
}

/// 10 or 12 digits with a possible birth month and day (day + 60 for coordination numbers)
/// and a fitting check digit.
fn number_shaped(digits: &str) -> bool {
    let ten = match digits.len() {
        10 => digits,
        12 => digits.get(2..).unwrap_or_default(),
        _ => return false,
    };
    let part = |a: usize, b: usize| ten.get(a..b).and_then(|s| s.parse::<u32>().ok()).unwrap_or(0);
    let (month, day) = (part(2, 4), part(4, 6));
    let day_ok = (1..=31).contains(&day) || (61..=91).contains(&day);
    (1..=12).contains(&month)
        && day_ok
        && luhn_check_digit(ten.get(..9).unwrap_or_default()) == ten.get(9..).and_then(first_digit)
}

/// Whether `bytes` holds at least ten ASCII digits. Stops as soon as the bytes left cannot
/// make up the difference: a reference such as `consent-017` is ruled out at its second byte.
#[inline]
fn holds_ten_digits(bytes: &[u8]) -> bool {
    let mut digits = 0;
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            digits += 1;
            if digits == 10 {
                return true;
            }
        } else if digits + (bytes.len() - i - 1) < 10 {
            return false;
        }
    }
    false
}

/// Refuses a reference (`path` points at it) that holds a personal identity number.
pub fn check_reference(reference: &str, path: &str) -> Result<()> {
    if contains_personal_number(reference) {
        return Err(Error::new(Code::ReferenceIsPersonalNumber, path));
    }
    Ok(())
}

/// Longest vendor reserve id accepted.
pub const RESERVE_ID_MAX_CHARS: usize = 64;

/// An opaque vendor reserve id (reservnummer) for a person without a Swedish number.
/// The library never interprets it; `Debug` hides it (R-PD-1).
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[derive(Serialize, Clone, PartialEq, Eq, Hash)]
#[serde(transparent)]
pub struct ReserveId(String);

impl ReserveId {
    /// Accepts 1–64 characters without control characters.
    pub fn new(id: &str) -> Result<Self> {
        let ok =
            !id.trim().is_empty() && id.chars().count() <= RESERVE_ID_MAX_CHARS && !id.chars().any(char::is_control);
        if ok {
            Ok(ReserveId(id.to_owned()))
        } else {
            Err(Error::new(Code::IdReserveInvalid, "").param("max", RESERVE_ID_MAX_CHARS))
        }
    }

    /// The id as given.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ReserveId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ReserveId(<redacted>)")
    }
}

impl<'de> Deserialize<'de> for ReserveId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        ReserveId::new(&s).map_err(|_| serde::de::Error::custom("a reserve id of 1-64 characters"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s, "at").unwrap()
    }
    fn code(input: &str, at: &str) -> Code {
        parse_personal_identity(input, d(at)).unwrap_err().code()
    }
    fn norm(input: &str, at: &str) -> String {
        parse_personal_identity(input, d(at)).unwrap().normalized().to_owned()
    }

    /// Builds a valid 12-digit number for a date and serial (R-ID-1 Luhn).
    fn make(year: i32, month: u32, day: u32, serial: u32) -> String {
        let nine = format!("{:02}{:02}{:02}{:03}", year % 100, month, day, serial);
        format!("{:04}{:02}{:02}{:03}{}", year, month, day, serial, luhn_check_digit(&nine).unwrap())
    }

    #[test]
    fn r_id_1_accepts_every_written_form_and_normalises_to_12_digits() {
        for form in ["121212-1212", "1212121212", "201212121212", "20121212-1212", " 121212-1212 "] {
            assert_eq!(norm(form, "2026-11-23"), "201212121212", "{form}");
        }
    }

    #[test]
    fn r_id_1_infers_the_century_relative_to_the_given_date() {
        assert_eq!(norm("121212-1212", "2012-12-12"), "201212121212");
        assert_eq!(norm("121212-1212", "2012-12-11"), "191212121212");
        assert_eq!(norm("121212+1212", "2026-11-23"), "191212121212");
    }

    #[test]
    fn r_id_1_plus_means_a_hundred_years_or_older() {
        let id = parse_personal_identity("121212+1212", d("2026-11-23")).unwrap();
        assert_eq!(id.age_at(d("2026-11-23")).unwrap(), 113);
        assert_eq!(code("191212121212+", "2026-11-23"), Code::IdBadFormat);
        assert_eq!(code("19121212+1212", "2026-11-23"), Code::IdBadFormat);
    }

    #[test]
    fn r_id_1_coordination_numbers_have_day_plus_60() {
        let id = parse_personal_identity("701063-2391", d("2026-11-23")).unwrap();
        assert_eq!(id.kind(), IdKind::CoordinationNumber);
        assert_eq!(id.birth_date(), d("1970-10-03"));
        assert_eq!(id.normalized(), "197010632391");
        assert_eq!(code("701092-2391", "2026-11-23"), Code::IdBadDate);
    }

    #[test]
    fn r_id_1_every_malformed_input_has_its_own_code() {
        let at = "2026-11-23";
        assert_eq!(code("", at), Code::IdEmpty);
        assert_eq!(code("   ", at), Code::IdEmpty);
        for bad in [
            "12121-21212",
            "121212--1212",
            "12121212121",
            "1212121212123",
            "abcdefghij",
            "١٢١٢١٢١٢١٢",
            "121212 1212",
            &"1".repeat(10_000),
        ] {
            assert_eq!(code(bad, at), Code::IdBadFormat, "{bad}");
        }
        assert_eq!(code("121312-1212", at), Code::IdBadDate);
        assert_eq!(code("121232-1212", at), Code::IdBadDate);
        assert_eq!(code("121200-1212", at), Code::IdBadDate);
        assert_eq!(code("121212-1213", at), Code::IdBadChecksum);
        assert_eq!(code("203012121212", at), Code::IdBornAfterDate);
    }

    #[test]
    fn r_id_1_leap_days_depend_on_the_inferred_century() {
        let n = make(2000, 2, 29, 123);
        let ten = n.get(2..).unwrap();
        assert_eq!(norm(ten, "2026-01-01"), n);
        // Before 2000-02-29 the century is 1900, and 1900 was no leap year.
        assert_eq!(code(ten, "2000-02-28"), Code::IdBadDate);
        assert_eq!(code(&make(2001, 2, 28, 1).replace("0228", "0229"), "2026-01-01"), Code::IdBadDate);
    }

    #[test]
    fn r_id_2_age_is_computed_at_the_given_date() {
        let birth = d("2014-11-23");
        assert_eq!(age_at(birth, d("2026-11-22")).unwrap(), 11);
        assert_eq!(age_at(birth, d("2026-11-23")).unwrap(), 12);
        assert_eq!(age_at(birth, birth).unwrap(), 0);
        assert_eq!(age_at(birth, d("2014-11-22")).unwrap_err().code(), Code::IdBornAfterDate);
        let leap = d("2012-02-29");
        assert_eq!(age_at(leap, d("2026-02-28")).unwrap(), 13);
        assert_eq!(age_at(leap, d("2026-03-01")).unwrap(), 14);
    }

    #[test]
    fn dates_are_strict_iso_8601() {
        assert_eq!(d("2026-11-23"), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let padded = ["2026- 3-05", "2026-03- 5", "2026-\t3-05", "2026-03-\n5"];
        for bad in ["2026-11-31", "20261123", "2026-1-23", "+2026-11-23", "1799-12-31", "", "2026-11-23T00:00"] {
            assert_eq!(parse_date(bad, "at").unwrap_err().code(), Code::DateInvalid, "{bad}");
        }
        // chrono's `%Y-%m-%d` reads these as 5 March; ISO 8601 does not.
        for bad in padded {
            assert!(NaiveDate::parse_from_str(bad, "%Y-%m-%d").is_ok(), "{bad}");
            assert_eq!(parse_date(bad, "at").unwrap_err().code(), Code::DateInvalid, "{bad:?}");
        }
    }

    #[test]
    fn debug_never_shows_the_number() {
        let id = parse_personal_identity("121212-1212", d("2026-11-23")).unwrap();
        assert!(!format!("{id:?}").contains("1212"));
        let check = check_personal_identity("121212-1212", d("2026-11-23")).unwrap();
        assert!(!format!("{check:?}").contains("1212"));
        assert!(!format!("{:?}", ReserveId::new("R-77").unwrap()).contains("77"));
    }

    #[test]
    fn reserve_ids_are_opaque_but_bounded() {
        assert_eq!(ReserveId::new("ABC-123").unwrap().as_str(), "ABC-123");
        for bad in ["", "  ", "a\u{0}b", &"x".repeat(65)] {
            assert_eq!(ReserveId::new(bad).unwrap_err().code(), Code::IdReserveInvalid);
        }
    }

    proptest! {
        /// Dates read by hand agree with chrono's own `%Y-%m-%d` parser (the oracle) on what it
        /// reads in the ISO shape `dddd-dd-dd`, and refuse every other spelling: strings built
        /// from digits, dashes, signs and blanks around that shape.
        #[test]
        fn dates_read_as_chrono_reads_them(s in prop_oneof![
            "[0-9 +-]{0,2}[0-9]{1,4}-[0-9+ ]{1,2}-[0-9 ]{1,3}",
            "(1[89]|20)[0-9]{2}-[01 ][0-9 ]-[0-3 ][0-9]",
            (1700u32..10000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        ]) {
            let t = s.trim();
            let iso = t.len() == 10
                && t.chars().zip("dddd-dd-dd".chars()).all(|(c, p)| if p == 'd' { c.is_ascii_digit() } else { c == p });
            let oracle = NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .ok()
                .filter(|d| iso && (1800..=9999).contains(&d.year()));
            prop_assert_eq!(parse_date(&s, "f").ok(), oracle);
        }

        #[test]
        fn r_id_1_round_trips_every_valid_number_in_every_form(
            days in 0i64..(200 * 365), serial in 1u32..1000, coord: bool, form in 0usize..4,
        ) {
            let at = d("2026-11-23");
            let birth = at - chrono::Duration::days(days);
            let day = birth.day() + if coord { 60 } else { 0 };
            let twelve = make(birth.year(), birth.month(), day, serial);
            let ten = &twelve[2..];
            let old = days >= 0 && age_at(birth, at).unwrap() >= 100;
            let written = match form {
                0 => twelve.clone(),
                1 => format!("{}-{}", &twelve[..8], &twelve[8..]),
                2 => format!("{}{}{}", &ten[..6], if old { "+" } else { "-" }, &ten[6..]),
                _ if old => format!("{}+{}", &ten[..6], &ten[6..]),
                _ => ten.to_owned(),
            };
            let id = parse_personal_identity(&written, at).unwrap();
            prop_assert_eq!(id.normalized(), twelve.as_str());
            prop_assert_eq!(id.birth_date(), birth);
            prop_assert_eq!(id.kind() == IdKind::CoordinationNumber, coord);
            // Re-parsing the normalised form gives the same identity.
            prop_assert_eq!(parse_personal_identity(id.normalized(), at).unwrap(), id);
        }

        #[test]
        fn r_id_1_never_panics_and_always_gives_a_code(s in "\\PC{0,20}", days in 0i64..80_000) {
            let at = d("2026-11-23") - chrono::Duration::days(days);
            if let Err(e) = parse_personal_identity(&s, at) {
                prop_assert!(e.code().as_str().starts_with("ID_"));
            }
        }

        #[test]
        fn r_id_1_a_changed_digit_is_caught(serial in 0u32..1000, pos in 0usize..10, delta in 1u32..10) {
            let twelve = make(2010, 5, 17, serial);
            let mut ten: Vec<u32> = twelve[2..].chars().map(|c| c.to_digit(10).unwrap()).collect();
            ten[pos] = (ten[pos] + delta) % 10;
            let s: String = ten.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect();
            prop_assert!(parse_personal_identity(&s, d("2026-11-23")).is_err());
        }
    }
}

#[cfg(test)]
mod reference_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // The early stop answers as counting every digit does (the oracle), for texts made
        // mostly of digits, separators and letters around the threshold of ten.
        #[test]
        fn holds_ten_digits_is_a_count_of_digits(text in "[0-9a-z+ -]{0,24}") {
            let counted = text.bytes().filter(u8::is_ascii_digit).count() >= 10;
            prop_assert_eq!(holds_ten_digits(text.as_bytes()), counted);
        }
    }

    #[test]
    fn r_pd_1_personal_numbers_inside_references_are_found() {
        for id in
            ["191212121212", "19121212-1212", "121212-1212", "case-191212121212", "x 121212+1212 y", "701063-2391"]
        {
            assert!(contains_personal_number(id), "{id}");
        }
        for id in ["case-2026-0147", "skola-ekbacken", "121212-1213", "1234567890", "20261123", "k1", ""] {
            assert!(!contains_personal_number(id), "{id}");
        }
    }
}
