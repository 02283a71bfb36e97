//! Numbers in free text: identity numbers however written (spaced, dashed, in any script's
//! digits), phone numbers and exact dates.

/// The zero of every run of ten decimal digits (Unicode category Nd) outside ASCII, with the
/// Unicode version that added it. Generated from Python's `unicodedata` (Unicode 14) and
/// completed from the Unicode 15 and 16 code charts; `digit_value` maps any digit to ASCII
/// with it so `١٢١٢١٢-١٢١٢` (Arabic-Indic) reads as `121212-1212`.
const DIGIT_ZEROS: &[(u32, u8)] = &[
    (0x0660, 1),
    (0x06F0, 1),
    (0x07C0, 5),
    (0x0966, 1),
    (0x09E6, 1),
    (0x0A66, 1),
    (0x0AE6, 1),
    (0x0B66, 1),
    (0x0BE6, 4),
    (0x0C66, 1),
    (0x0CE6, 1),
    (0x0D66, 1),
    (0x0DE6, 7),
    (0x0E50, 1),
    (0x0ED0, 1),
    (0x0F20, 2),
    (0x1040, 3),
    (0x1090, 5),
    (0x17E0, 3),
    (0x1810, 3),
    (0x1946, 4),
    (0x19D0, 4),
    (0x1A80, 5),
    (0x1A90, 5),
    (0x1B50, 5),
    (0x1BB0, 5),
    (0x1C40, 5),
    (0x1C50, 5),
    (0xA620, 5),
    (0xA8D0, 5),
    (0xA900, 5),
    (0xA9D0, 5),
    (0xA9F0, 7),
    (0xAA50, 5),
    (0xABF0, 5),
    (0xFF10, 1),
    (0x104A0, 4),
    (0x10D30, 11),
    (0x10D40, 16),
    (0x11066, 6),
    (0x110F0, 6),
    (0x11136, 6),
    (0x111D0, 6),
    (0x112F0, 7),
    (0x11450, 9),
    (0x114D0, 7),
    (0x11650, 7),
    (0x116C0, 6),
    (0x116D0, 16),
    (0x116DA, 16),
    (0x11730, 8),
    (0x118E0, 7),
    (0x11950, 13),
    (0x11BF0, 16),
    (0x11C50, 9),
    (0x11D50, 10),
    (0x11DA0, 11),
    (0x11F50, 15),
    (0x16130, 16),
    (0x16A60, 7),
    (0x16AC0, 14),
    (0x16B50, 7),
    (0x16D70, 16),
    (0x1CCF0, 16),
    (0x1D7CE, 3),
    (0x1D7D8, 3),
    (0x1D7E2, 3),
    (0x1D7EC, 3),
    (0x1D7F6, 3),
    (0x1E140, 12),
    (0x1E2F0, 12),
    (0x1E4F0, 15),
    (0x1E5F1, 16),
    (0x1E950, 9),
    (0x1FBF0, 13),
];

/// The ASCII digit a decimal digit of any script stands for.
fn digit_value(c: char) -> Option<char> {
    let code = u32::from(c);
    let at = DIGIT_ZEROS.partition_point(|(zero, _)| *zero <= code);
    let (zero, _) = DIGIT_ZEROS.get(at.checked_sub(1)?)?;
    let value = code - zero;
    (value < 10).then(|| char::from_digit(value, 10)).flatten()
}

/// The text with look-alikes made plain: every script's digits as ASCII digits, Unicode
/// dashes and minus as `-`, non-breaking and thin spaces as spaces — so `１２１２１２–１２１２`
/// and `١٢١٢١٢-١٢١٢` are seen.
pub(super) fn plain(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}' => '-',
            '\u{00A0}' | '\u{2007}' | '\u{2009}' | '\u{202F}' => ' ',
            c if c.is_ascii() => c,
            other => digit_value(other).unwrap_or(other),
        })
        .collect()
}

/// A run of digit groups joined by separators, e.g. `121212-1212`, `070 123 45 67` or
/// `12 12 12 - 12 12` (a dash with spaces around it counts as the dash).
pub(super) struct Number {
    groups: Vec<String>,
    separators: Vec<char>,
    leading_plus: bool,
}

/// What a number looks like.
pub(super) enum Shape {
    IdNumber,
    Phone,
    Date,
    Other,
}

impl Number {
    fn digits(&self) -> String {
        self.groups.concat()
    }

    pub(super) fn shape(&self) -> Shape {
        if self.holds_id_number() {
            return Shape::IdNumber;
        }
        let digits = self.digits();
        let lens: Vec<usize> = self.groups.iter().map(String::len).collect();
        let date_layout = match (lens.as_slice(), self.separators.as_slice()) {
            ([4, 2, 2], ['-', '-']) => true,
            ([1 | 2, 1 | 2, 2 | 4], [a, b]) => a == b && matches!(a, '/' | '.'),
            ([8], []) => {
                digits.get(..4).and_then(|y| y.parse::<u32>().ok()).is_some_and(|y| (1900..=2100).contains(&y))
            }
            _ => false,
        };
        if date_layout {
            return Shape::Date;
        }
        if (self.leading_plus || digits.starts_with('0')) && (7..=13).contains(&digits.len()) {
            return Shape::Phone;
        }
        Shape::Other
    }

    /// Whether consecutive groups hold 10 or 12 digits written as an identity number. At most
    /// twelve digits per window keeps this linear however long the run.
    fn holds_id_number(&self) -> bool {
        (0..self.groups.len()).any(|start| {
            let mut digits = String::new();
            self.groups.iter().enumerate().skip(start).any(|(end, group)| {
                digits.push_str(group);
                digits.len() <= 12 && matches!(digits.len(), 10 | 12) && self.window_is_id(start, end, &digits)
            })
        })
    }

    /// Groups `start..=end` holding `digits` (10 or 12): an identity number when written as one
    /// (`1212121212`, unless a phone number from 0), with a dash or plus before the last four
    /// digits and spaces elsewhere (`12 12 12 - 12 12`), or spaced with a valid date and check
    /// digit (`121212 1212`, which could otherwise be a phone number).
    fn window_is_id(&self, start: usize, end: usize, digits: &str) -> bool {
        let valid = || crate::id::contains_personal_number(digits);
        let separators = self.separators.get(start..end).unwrap_or_default();
        if separators.is_empty() {
            return !(digits.len() == 10 && digits.starts_with('0')) || valid();
        }
        let split = digits.len() - 4;
        let mut at = 0;
        let mut dash_before_last_four = false;
        let mut only_spaces_else = true;
        for (group, separator) in self.groups.iter().skip(start).zip(separators) {
            at += group.len();
            match separator {
                '-' | '+' if at == split => dash_before_last_four = true,
                ' ' => {}
                _ => only_spaces_else = false,
            }
        }
        only_spaces_else && (dash_before_last_four || valid())
    }
}

/// The numbers of a (plain) text.
pub(super) fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars.get(i).is_some_and(char::is_ascii_digit) {
            i += 1;
            continue;
        }
        let leading_plus = i > 0 && chars.get(i - 1) == Some(&'+');
        let mut n = Number { groups: vec![String::new()], separators: Vec::new(), leading_plus };
        while let Some(&c) = chars.get(i) {
            if c.is_ascii_digit() {
                if let Some(g) = n.groups.last_mut() {
                    g.push(c);
                }
                i += 1;
            } else if let Some((separator, len)) = separator_at(&chars, i) {
                n.separators.push(separator);
                n.groups.push(String::new());
                i += len;
            } else {
                break;
            }
        }
        out.push(n);
    }
    out
}

/// The separator starting at `i` and its length, when a digit follows it: one of `-+ /.`, or
/// a dash or plus with a space on either side or both (` - `).
fn separator_at(chars: &[char], i: usize) -> Option<(char, usize)> {
    let at = |k: usize| chars.get(i + k).copied();
    let digit_at = |k: usize| at(k).is_some_and(|c| c.is_ascii_digit());
    let dash = |c: Option<char>| c.filter(|c| matches!(c, '-' | '+'));
    let first = at(0)?;
    if matches!(first, '-' | '+' | ' ' | '/' | '.') && digit_at(1) {
        return Some((first, 1));
    }
    if first == ' ' {
        if let Some(d) = dash(at(1)) {
            if digit_at(2) {
                return Some((d, 2));
            }
            if at(2) == Some(' ') && digit_at(3) {
                return Some((d, 3));
            }
        }
    }
    dash(Some(first)).filter(|_| at(1) == Some(' ') && digit_at(2)).map(|d| (d, 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_zero_starts_ten_digits_the_compiler_knows() {
        let (major, ..) = char::UNICODE_VERSION;
        assert!(DIGIT_ZEROS.windows(2).all(|w| matches!(w, [a, b] if a.0 + 10 <= b.0)), "sorted, apart");
        for (zero, version) in DIGIT_ZEROS.iter().filter(|(_, v)| *v <= major) {
            for value in 0..10 {
                let c = char::from_u32(zero + value).unwrap();
                assert!(c.is_numeric() && !c.is_ascii(), "{zero:X} (Unicode {version})");
                assert_eq!(digit_value(c), char::from_digit(value, 10));
            }
        }
        // Just outside a run is no digit.
        assert_eq!(digit_value('\u{066A}'), None);
        assert_eq!(digit_value('a'), None);
    }

    #[test]
    fn separators() {
        let shapes = |t: &str| numbers(&plain(t)).iter().map(|n| n.groups.len()).collect::<Vec<_>>();
        assert_eq!(shapes("12 12 12 - 12 12"), vec![5]);
        assert_eq!(shapes("121212 -1212 och 3 -x"), vec![2, 1]);
        assert_eq!(shapes("5 -  6"), vec![1, 1]);
    }
}
