//! De-identified summaries (R-DI-1), read as they are written: every key and text is searched.

use crate::deidentify::check_summary;
use crate::policy::Policy;
use crate::reading::{object_value, text_lengths};
use crate::{Lang, Report, Result};

/// Checks a de-identified summary (JSON). An error only when it cannot be read.
pub fn check_deidentified(summary_json: &str, policy: &Policy, lang: Lang) -> Result<Report> {
    let value = object_value(summary_json, policy.max_input_bytes())?;
    let max_chars = usize::try_from(policy.limits.max_text_chars).unwrap_or(usize::MAX);
    text_lengths(&value, max_chars, &mut String::new())?;
    check_summary(value, policy, lang)
}
