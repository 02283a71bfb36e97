//! Identifiers written in words: street addresses and postcodes, school classes, and names
//! (R-DI-1 names "name, address, exact birth date, school class").

use super::names;
use crate::finding::Code;

/// A word of the text, without the punctuation around it.
struct Word<'a> {
    text: &'a str,
    /// The first word of the text or of a sentence, where every word is capitalised.
    sentence_start: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut sentence_start = true;
    text.split_whitespace()
        .map(|raw| {
            let word = Word { text: raw.trim_matches(|c: char| !(is_letter(c) || c.is_ascii_digit())), sentence_start };
            sentence_start = raw.ends_with(['.', '!', '?', ':']);
            word
        })
        .filter(|w| !w.text.is_empty())
        .collect()
}

/// The codes the words of a (plain) text give rise to.
pub(super) fn scan(text: &str) -> Vec<Code> {
    let words = words(text);
    let mut codes = Vec::new();
    if (0..words.len()).any(|i| street_address(&words, i) || postcode(&words, i)) {
        codes.push(Code::DeidAddressInText);
    }
    if (0..words.len()).any(|i| school_class(&words, i)) {
        codes.push(Code::DeidSchoolClassInText);
    }
    if words.iter().any(name) {
        codes.push(Code::DeidNameInText);
    }
    codes
}

fn lower(word: &Word<'_>) -> String {
    word.text.to_lowercase()
}

/// The letters of Swedish words, street names and the listed names. Deliberately not Unicode's
/// letter and case tables, which would add about 10 kB to the gzipped wasm build; identifiers
/// in other scripts are numbers, which are read in every script's digits.
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c, 'å' | 'ä' | 'ö' | 'é' | 'ü' | 'Å' | 'Ä' | 'Ö' | 'É' | 'Ü')
}

fn is_upper(c: char) -> bool {
    c.is_ascii_uppercase() || matches!(c, 'Å' | 'Ä' | 'Ö' | 'É' | 'Ü')
}

fn is_lower(c: char) -> bool {
    is_letter(c) && !is_upper(c)
}

fn capitalised(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(is_upper) && chars.any(is_lower)
}

/// Endings of Swedish street names (`Storgatan`, `Björkvägen`, `Kvarngränd`).
const STREET_ENDINGS: &[&str] = &[
    "gatan",
    "gata",
    "vägen",
    "väg",
    "gränd",
    "gränden",
    "stigen",
    "backen",
    "allén",
    "allé",
    "torget",
    "platsen",
    "leden",
    "stråket",
    "slingan",
    "kajen",
    "esplanaden",
    "promenaden",
    "höjden",
    "svängen",
];

/// Street words written apart after a name (`Drottning Kristinas väg 5`).
const STREET_WORDS: &[&str] = &["gata", "gatan", "väg", "vägen", "allé", "allén", "gränd", "torg", "torget"];

/// Words after a number that make it a count rather than a house number (`skolvägen 2 gånger`).
const UNITS: &[&str] = &["gånger", "gång", "år", "dagar", "dag", "veckor", "vecka", "timmar", "minuter", "km", "meter"];

/// A street name followed by a house number (`Storgatan 12`, `Björkvägen 3B`).
fn street_address(words: &[Word<'_>], i: usize) -> bool {
    let (Some(street), Some(number)) = (words.get(i), words.get(i + 1)) else {
        return false;
    };
    let name = lower(street);
    let compound = STREET_ENDINGS
        .iter()
        .any(|ending| name.ends_with(ending) && name.chars().count() >= ending.chars().count() + 3);
    let apart = STREET_WORDS.contains(&name.as_str())
        && i.checked_sub(1).and_then(|p| words.get(p)).is_some_and(|w| capitalised(w.text));
    let counted = words.get(i + 2).is_some_and(|w| UNITS.contains(&lower(w).as_str()));
    (compound || apart) && house_number(number.text) && !counted
}

/// `12`, `12B`, `3a`: one to four digits and at most one letter.
fn house_number(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let rest: Vec<char> = text.chars().skip(digits).collect();
    (1..=4).contains(&digits) && rest.len() <= 1 && rest.iter().all(|c| is_letter(*c))
}

/// A Swedish postcode before a place name (`123 45 Åsele`, `12345 Åsele`, `SE-123 45 Åsele`).
fn postcode(words: &[Word<'_>], i: usize) -> bool {
    let Some(first) = words.get(i).map(|w| strip_country(w.text)) else {
        return false;
    };
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let place_at = |k: usize| words.get(k).is_some_and(|w| capitalised(w.text));
    let leading = first.bytes().next().is_some_and(|b| (b'1'..=b'9').contains(&b));
    let split = digits(first, 3) && words.get(i + 1).is_some_and(|w| digits(w.text, 2)) && place_at(i + 2);
    leading && (split || (digits(first, 5) && place_at(i + 1)))
}

fn strip_country(text: &str) -> &str {
    ["SE-", "S-", "se-", "s-"].iter().find_map(|p| text.strip_prefix(p)).unwrap_or(text)
}

/// Words that introduce a school class.
const CLASS_WORDS: &[&str] = &["klass", "klassen", "åk", "årskurs", "class"];

/// Technical terms shaped like a class (`3D`).
const NOT_CLASSES: &[&str] = &["2D", "3D", "3G", "4G", "5G", "4K", "8K"];

/// A school class: `7B`, `6A` anywhere; `7b`, `7 B` or `7:2` after "klass" or "åk".
fn school_class(words: &[Word<'_>], i: usize) -> bool {
    let Some(word) = words.get(i) else { return false };
    let (grade, rest) = split_grade(word.text);
    let house_number = i.checked_sub(1).is_some_and(|street| street_address(words, street));
    if grade == 0 || grade > 10 || house_number {
        return false;
    }
    let uppercase_letter = rest.chars().count() == 1 && rest.chars().all(is_upper);
    if uppercase_letter && !NOT_CLASSES.contains(&word.text) {
        return true;
    }
    let after_class_word =
        i.checked_sub(1).and_then(|p| words.get(p)).is_some_and(|w| CLASS_WORDS.contains(&lower(w).as_str()));
    let section = match rest.strip_prefix(':') {
        Some(n) => !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()),
        None => rest.chars().count() == 1 && rest.chars().all(is_letter),
    };
    let letter_apart = rest.is_empty()
        && words.get(i + 1).is_some_and(|w| w.text.chars().count() == 1 && w.text.chars().all(is_letter));
    after_class_word && (section || letter_apart)
}

/// The grade at the start of a word (`7` of `7B`), 0 when it has none or more than two digits.
fn split_grade(text: &str) -> (u32, &str) {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    match (digits, text.get(..digits).and_then(|d| d.parse().ok())) {
        (1 | 2, Some(grade)) => (grade, text.get(digits..).unwrap_or_default()),
        _ => (0, text),
    }
}

/// A capitalised word that is a common Swedish given name or surname, or shaped like a
/// patronymic surname (`…sson`). Names that are also ordinary words (`Bo`, `Stig`, `Björk`)
/// count only inside a sentence, where an ordinary word is not capitalised.
fn name(word: &Word<'_>) -> bool {
    word.text.split('-').any(|part| {
        if !capitalised(part) {
            return false;
        }
        let part = part.to_lowercase();
        let genitive = part.strip_suffix('s').filter(|p| p.chars().count() >= 2);
        let known = |p: &str| names::is_name(p) && !(word.sentence_start && names::is_also_a_word(p));
        known(&part) || genitive.is_some_and(known) || (part.ends_with("sson") && part.chars().count() >= 6)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<Code> {
        scan(text)
    }

    #[test]
    fn addresses() {
        for text in [
            "Eleven bor på Storgatan 12 i Åsele",
            "Familjen bor på björkvägen 3B sedan i våras",
            "adress Gamla Kyrkans väg 5, andra våningen",
            "Post till 123 45 Åsele",
            "SE-91991 Åsele enligt blanketten",
        ] {
            assert_eq!(found(text), vec![Code::DeidAddressInText], "{text}");
        }
        for text in ["Han har gått skolvägen 2 gånger i veckan", "på vägen 3 gånger", "frånvaro 123 45 dagar"] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn school_classes() {
        for text in ["Eleven går i 7B.", "klass 7b", "i klass 7 B nu", "åk 7:2 enligt schemat", "(6A)"] {
            assert_eq!(found(text), vec![Code::DeidSchoolClassInText], "{text}");
        }
        for text in ["går i åk 8", "klass 3 på lågstadiet", "spelar 3D-spel", "tittar på 3D", "12 år"] {
            assert!(found(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn names() {
        for text in [
            "Eleven Kalle berättar",
            "Mamma heter Anna.",
            "enligt Andersson på skolan",
            "Annas pappa kommer",
            "Anna-Karin hämtar",
            "Lärare Lindqvistsson",
            "brodern Bo är 15",
        ] {
            assert_eq!(found(text), vec![Code::DeidNameInText], "{text}");
        }
        for text in ["Bo hemma hos mamma, inte pappa.", "Stig fram till läraren!", "björk och ek", "BUP och BVC"] {
            assert!(found(text).is_empty(), "{text}");
        }
    }
}
