//! What a type refused while it was read, recorded where it happens.
//!
//! A derived reader says what is wrong by calling its error type's constructors
//! (`missing_field`, `unknown_variant`, …). The readers of [`crate::reading`] give it
//! [`Refusal`] as that type, so the kind of each refusal is kept as data ([`Kind`]) instead of
//! an English message to be read back: the code of every reading error is chosen from the kind.
//! Nothing here keeps an input value: a wrong value is described by what was expected.

use std::fmt;

use serde::de;

/// A refusal of a typed read: a [`Kind`] recorded by the type's reader, or an error of the
/// deserializer underneath (`E`: its syntax errors, and values of the wrong JSON type).
#[derive(Debug)]
pub enum Refusal<E> {
    /// Recorded by the reader of the type.
    Kind(Box<Kind>),
    /// The underlying deserializer's own.
    Inner(E),
}

/// The kind of a refusal, with the names it needs and never an input value.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A required member is absent.
    Missing(&'static str),
    /// A member the type does not know (its key: part of the path, never a value).
    Unknown(String),
    /// A member given twice (empty where the key is already the last step of the path).
    Duplicate(&'static str),
    /// A value of the wrong JSON type.
    WrongType { expected: String },
    /// A value of the right type that is not allowed.
    InvalidValue { expected: String },
    /// A name that is not one of the enum's variants.
    UnknownVariant { allowed: &'static [&'static str] },
    /// A refusal the reader described in its own words (not kept: they may quote the input).
    Other,
}

impl<E> Refusal<E> {
    fn kind(kind: Kind) -> Self {
        Refusal::Kind(Box::new(kind))
    }
}

impl Kind {
    /// The same refusal made by another error type's constructors, so that a reader given
    /// that type records it in turn (a tagged enum read from a buffer).
    pub fn replay<E: de::Error>(&self) -> E {
        let unexpected = de::Unexpected::Other("the value");
        match self {
            Kind::Missing(field) => E::missing_field(field),
            Kind::Unknown(key) => E::unknown_field(key, &[]),
            Kind::Duplicate(field) => E::duplicate_field(field),
            Kind::WrongType { expected } => E::invalid_type(unexpected, &expected.as_str()),
            Kind::InvalidValue { expected } => E::invalid_value(unexpected, &expected.as_str()),
            Kind::UnknownVariant { allowed } => E::unknown_variant("", allowed),
            Kind::Other => E::custom("a valid value"),
        }
    }
}

/// The variant names as serde lists them after "expected".
pub fn one_of(allowed: &[&str]) -> String {
    match allowed {
        [] => "no variant".to_owned(),
        [only] => format!("`{only}`"),
        [first, second] => format!("`{first}` or `{second}`"),
        _ => {
            let names: Vec<String> = allowed.iter().map(|name| format!("`{name}`")).collect();
            format!("one of {}", names.join(", "))
        }
    }
}

impl<E: fmt::Display> fmt::Display for Refusal<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Kind(kind) => write!(f, "{kind:?}"),
            Refusal::Inner(e) => e.fmt(f),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for Refusal<E> {}

impl<E: de::Error> de::Error for Refusal<E> {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refusal::kind(Kind::Other)
    }

    fn invalid_type(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Refusal::kind(Kind::WrongType { expected: expected.to_string() })
    }

    fn invalid_value(_: de::Unexpected<'_>, expected: &dyn de::Expected) -> Self {
        Refusal::kind(Kind::InvalidValue { expected: expected.to_string() })
    }

    fn invalid_length(_: usize, expected: &dyn de::Expected) -> Self {
        Refusal::kind(Kind::InvalidValue { expected: expected.to_string() })
    }

    fn unknown_variant(_: &str, allowed: &'static [&'static str]) -> Self {
        Refusal::kind(Kind::UnknownVariant { allowed })
    }

    fn unknown_field(key: &str, _: &'static [&'static str]) -> Self {
        Refusal::kind(Kind::Unknown(key.to_owned()))
    }

    fn missing_field(field: &'static str) -> Self {
        Refusal::kind(Kind::Missing(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Refusal::kind(Kind::Duplicate(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use de::Error as _;

    #[test]
    fn constructors_record_kinds_without_values() {
        type R = Refusal<serde_json::Error>;
        let wrong = R::invalid_type(de::Unexpected::Str("Tolvan"), &"a date");
        assert!(matches!(&wrong, Refusal::Kind(k) if **k == Kind::WrongType { expected: "a date".into() }));
        assert!(!format!("{wrong}").contains("Tolvan"));
        let custom = R::custom("input contains 19121212-1212");
        assert!(!format!("{custom}").contains("1212"));
        assert!(matches!(R::missing_field("x"), Refusal::Kind(k) if *k == Kind::Missing("x")));
    }

    #[test]
    fn a_replayed_kind_is_the_same_kind() {
        let kinds = [
            Kind::Missing("a"),
            Kind::Unknown("b".into()),
            Kind::Duplicate("c"),
            Kind::WrongType { expected: "a string".into() },
            Kind::InvalidValue { expected: "a date".into() },
            Kind::UnknownVariant { allowed: &["One", "Two"] },
            Kind::Other,
        ];
        for kind in kinds {
            let again: Refusal<serde_json::Error> = kind.replay();
            assert!(matches!(&again, Refusal::Kind(k) if **k == kind), "{kind:?}");
        }
    }

    #[test]
    fn variant_lists_read_as_serde_writes_them() {
        assert_eq!(one_of(&["A"]), "`A`");
        assert_eq!(one_of(&["A", "B"]), "`A` or `B`");
        assert_eq!(one_of(&["A", "B", "C"]), "one of `A`, `B`, `C`");
    }
}
