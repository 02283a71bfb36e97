//! How core value types cross uniffi: as the text they are written as in JSON, so Kotlin,
//! Swift and Python see the same strings the JSON documents hold.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::finding::{Code, Params};
use crate::time::Instant;

// A stable code (`ID_BAD_CHECKSUM`, …): its SCREAMING_SNAKE text (see `codes()`).
uniffi::custom_type!(Code, String, {
    lower: |code| code.as_str().to_owned(),
    try_lift: |text| Code::from_text(&text).ok_or_else(|| uniffi::deps::anyhow::anyhow!("unknown code")),
});

uniffi::custom_type!(Instant, String, {
    lower: |instant| instant.to_string(),
    try_lift: |text| Instant::parse(&text).ok_or_else(|| uniffi::deps::anyhow::anyhow!("not an RFC 3339 instant")),
});

/// A calendar date, `YYYY-MM-DD` (not `Date`: Swift's Foundation has one).
type IsoDate = NaiveDate;

uniffi::custom_type!(IsoDate, String, {
    remote,
    lower: |date| date.to_string(),
    try_lift: |text| crate::id::parse_date(&text, "date").map_err(|_| uniffi::deps::anyhow::anyhow!("not a date")),
});

// Message parameters: a map (sorted in Rust, plain in the foreign language).
uniffi::custom_type!(Params, HashMap<String, String>, {
    remote,
    lower: |params| params.into_iter().collect(),
    try_lift: |map| Ok(map.into_iter().collect()),
});
