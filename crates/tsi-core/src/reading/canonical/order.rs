//! The order RFC 8785 §3.2.3 gives object members: by the UTF-16 code units of their names.

use std::cmp::Ordering;

/// Compares two names, given as UTF-8, by their UTF-16 code units — without converting them.
///
/// UTF-8 byte order is code point order. UTF-16 order differs from it only between a code point
/// above U+FFFF (a surrogate pair, D800–DFFF, lead byte F0–F4) and one in U+E000–U+FFFF (lead
/// byte EE or EF): the pair sorts first. Where two names first differ both bytes start a
/// character, so that is the only place the order can turn.
pub(super) fn utf16_order(a: &[u8], b: &[u8]) -> Ordering {
    match a.iter().zip(b).find(|(x, y)| x != y) {
        None => a.len().cmp(&b.len()),
        Some((&x, &y)) => match (x >= 0xF0, y >= 0xF0) {
            (true, false) if y >= 0xEE => Ordering::Less,
            (false, true) if x >= 0xEE => Ordering::Greater,
            _ => x.cmp(&y),
        },
    }
}

/// Compares two names as written (quoted, escaped) by what they say. The writer calls this only
/// for a name with an escape (a control character, a quote, a backslash); it compares the rest
/// with [`utf16_order`] as written.
pub(super) fn written_order(a: &[u8], b: &[u8]) -> Ordering {
    // Read as text, by the reader of every document (`from_slice` compiled a second one).
    let name = |bytes| std::str::from_utf8(bytes).ok().and_then(|text| serde_json::from_str::<String>(text).ok());
    match (name(a), name(b)) {
        (Some(a), Some(b)) => a.encode_utf16().cmp(b.encode_utf16()),
        // Not reached: the writer only writes names it escaped itself.
        _ => a.cmp(b),
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use proptest::prelude::*;

    fn oracle(a: &str, b: &str) -> Ordering {
        a.encode_utf16().cmp(b.encode_utf16())
    }

    #[test]
    fn a_surrogate_pair_sorts_before_the_top_of_the_basic_plane() {
        for (a, b) in [("😀", "ﬁ"), ("😀", "\u{E000}"), ("a😀", "a\u{FFFF}"), ("\u{10000}", "\u{EFFF}")] {
            assert_eq!(utf16_order(a.as_bytes(), b.as_bytes()), Ordering::Less, "{a} {b}");
            assert_eq!(utf16_order(b.as_bytes(), a.as_bytes()), Ordering::Greater, "{a} {b}");
        }
        assert_eq!(utf16_order("\u{D7FF}".as_bytes(), "😀".as_bytes()), Ordering::Less);
    }

    #[test]
    fn escaped_names_compare_by_what_they_say() {
        // "\n" (0A) sorts before "A" (41) although its escape starts with a backslash (5C).
        assert_eq!(written_order(br#""\n""#, br#""A""#), Ordering::Less);
        assert_eq!(written_order(br#""a\"b""#, br#""a#""#), Ordering::Less);
        assert_eq!(written_order(br#""\u001f""#, br#""\u001f""#), Ordering::Equal);
    }

    /// Member names with characters from every range where the orders could part, and escapes.
    pub(in crate::reading::canonical) fn name() -> impl Strategy<Value = String> {
        let ch = prop_oneof![
            Just('a'),
            Just('b'),
            Just('\n'),
            Just('"'),
            Just('\\'),
            Just('\u{7f}'),
            Just('é'),
            Just('\u{D7FF}'),
            Just('\u{E000}'),
            Just('ﬁ'),
            Just('\u{FFFF}'),
            Just('\u{10000}'),
            Just('😀'),
            any::<char>(),
        ];
        proptest::collection::vec(ch, 0..4).prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn agrees_with_comparing_utf16_code_units(a in name(), b in name()) {
            prop_assert_eq!(utf16_order(a.as_bytes(), b.as_bytes()), oracle(&a, &b));
            let (wa, wb) = (serde_json::to_vec(&a).unwrap(), serde_json::to_vec(&b).unwrap());
            prop_assert_eq!(written_order(&wa, &wb), oracle(&a, &b));
        }
    }
}
