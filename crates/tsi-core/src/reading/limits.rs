//! The limits of SPEC §9, each written once: what is too large, too long or too many, and the
//! refusal that says so. The one pass (`one_pass`, while reading) and the reader with paths
//! (`super`, over the written value) both ask these; neither has its own comparison.

use crate::error::Error;
use crate::finding::Code;

/// Whether a document of `bytes` bytes is over `max_bytes` (`limits.max_input_bytes`).
pub(crate) fn document_over(bytes: usize, max_bytes: usize) -> bool {
    bytes > max_bytes
}

/// The refusal of a document over its size.
pub(crate) fn document_refusal(bytes: usize, max_bytes: usize) -> Error {
    Error::new(Code::InputTooLarge, "").param("size", bytes).param("limit", max_bytes)
}

/// Whether a text is longer than `max` characters (`limits.max_text_chars`). A text of at most
/// `max` bytes has at most `max` characters, so most texts are never counted.
pub(crate) fn text_over(text: &str, max: usize) -> bool {
    text.len() > max && text.chars().count() > max
}

/// The refusal of a text over its length, at its path.
pub(crate) fn text_refusal(path: &str, text: &str, max: usize) -> Error {
    Error::new(Code::LimitExceeded, path).param("count", text.chars().count()).param("limit", max)
}

/// Whether a list with `count` items read so far is over its `limit` (`limits.max_events`, …).
pub(crate) fn list_over(count: usize, limit: usize) -> bool {
    count > limit
}

/// The refusal of a list over its limit, at its path, found while reading: the list was not
/// read to its end (the limit bounds the work), so it has no count: the message says "more than
/// the limit" in its own language (`i18n::render`).
pub(crate) fn list_refusal(path: String, limit: usize) -> Error {
    Error::new(Code::LimitExceeded, path).param("limit", limit)
}

/// The refusal of a list over its limit found in a value already read, with its length.
pub(crate) fn list_refusal_counted(path: &str, count: usize, limit: usize) -> Error {
    Error::new(Code::LimitExceeded, path).param("count", count).param("limit", limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_limit_admits_its_own_size_and_refuses_one_more() {
        assert!(!document_over(10, 10) && document_over(11, 10));
        assert!(!list_over(5, 5) && list_over(6, 5));
        // Characters, not bytes: four two-byte letters are four characters.
        assert!(!text_over("åäöé", 4) && text_over("åäöéü", 4));
        assert!(!text_over("abc", 3) && text_over("abcd", 3));
    }

    #[test]
    fn refusals_say_how_many_and_the_limit_never_the_text() {
        let e = text_refusal("/goal", "hemligt namn", 5);
        assert_eq!((e.code(), e.path()), (Code::LimitExceeded, "/goal"));
        assert_eq!(e.params().get("count").map(String::as_str), Some("12"));
        assert!(!format!("{e} {:?}", e.params()).contains("hemligt"));
        let e = list_refusal("/consents".to_owned(), 3);
        assert_eq!((e.params().get("count"), e.params().get("limit").map(String::as_str)), (None, Some("3")));
        // Not counted, said in the message's language (an English "more than 3" once stood in
        // the Swedish message as the count).
        assert_eq!(e.message(crate::Lang::Sv), "Dokumentet har fler än 3 poster, mer än gränsen 3.");
        assert_eq!(e.message(crate::Lang::En), "The document has more than 3 entries, more than the limit of 3.");
        let e = document_refusal(11, 10);
        assert_eq!((e.code(), e.params().get("limit").map(String::as_str)), (Code::InputTooLarge, Some("10")));
    }
}
