//! Enums of unit variants written by their variant's name (`"Raised"`), as serde's derive writes
//! them, but through one `serialize_str` of a name looked up in a table. The derive writes each
//! variant by a call of its own, which the writer is inlined into: ~150 bytes of wasm a variant
//! for each writer (JSON out, canonical JSON of audit records), for sixty-odd variants
//! (docs/PERFORMANCE.md). Reading stays serde's derive.

/// Declares the enum as written, with `as_str` (the variant's name) and a `Serialize` that
/// writes that name. The enum must not derive `Serialize` itself, nor rename its variants.
macro_rules! named_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident,)* }) => {
        $(#[$meta])*
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            /// Every variant, for the tests that write each one.
            #[cfg(test)]
            pub(crate) const VARIANTS: &'static [$name] = &[$($name::$variant,)*];

            /// The variant's name, as documents write it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => stringify!($variant),)* }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}
pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use std::fmt::Debug;

    /// Each variant is written as serde's derive wrote it — its name, as `Debug` (derived, not
    /// this module's) spells it — in JSON and in the canonical JSON of audit records.
    fn written_by_name<T: Serialize + Debug>(variants: &[T]) {
        assert!(!variants.is_empty());
        for v in variants {
            let json = serde_json::to_string(v).unwrap();
            assert_eq!(json, format!("\"{v:?}\""));
            assert_eq!(crate::reading::canonical::to_vec(v).unwrap(), json.as_bytes());
            assert_eq!(serde_json::to_value(v).unwrap(), serde_json::Value::String(format!("{v:?}")));
        }
    }

    /// [`written_by_name`], and what is written reads back as itself through the derived reader.
    fn read_back<T: Serialize + DeserializeOwned + Debug + PartialEq>(variants: &[T]) {
        written_by_name(variants);
        for v in variants {
            assert_eq!(&serde_json::from_str::<T>(&serde_json::to_string(v).unwrap()).unwrap(), v);
        }
    }

    #[test]
    fn every_named_enum_writes_each_variant_by_its_name() {
        use crate::{agency, audit, case, category, consent, followup, id, stats};
        read_back(agency::PrincipalKind::VARIANTS);
        read_back(agency::Level::VARIANTS);
        read_back(audit::AuditOutcome::VARIANTS);
        read_back(audit::ChainStart::VARIANTS);
        read_back(case::CaseState::VARIANTS);
        read_back(case::CloseReason::VARIANTS);
        read_back(case::FollowUpDecision::VARIANTS);
        read_back(category::InformationCategory::VARIANTS);
        read_back(category::ConcernArea::VARIANTS);
        read_back(consent::GuardianKind::VARIANTS);
        read_back(consent::GdprBasis::VARIANTS);
        // Written only (a consent plan's answer).
        written_by_name(consent::plan::AgeChange::VARIANTS);
        read_back(followup::Change::VARIANTS);
        read_back(id::IdKind::VARIANTS);
        read_back(stats::Stage::VARIANTS);
    }

    #[test]
    fn an_agency_kind_is_written_by_name_and_another_with_its_label() {
        use crate::agency::AgencyKind;
        read_back(&AgencyKind::STANDARD);
        let other = AgencyKind::Other("Fritids".into());
        let json = serde_json::to_string(&other).unwrap();
        assert_eq!(json, r#"{"Other":"Fritids"}"#);
        assert_eq!(crate::reading::canonical::to_vec(&other).unwrap(), json.as_bytes());
        assert_eq!(serde_json::from_str::<AgencyKind>(&json).unwrap(), other);
    }

    #[test]
    fn a_map_keyed_by_a_named_enum_is_keyed_by_the_name() {
        let map = std::collections::BTreeMap::from([(crate::case::CaseState::Raised, 1)]);
        assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"Raised":1}"#);
    }
}
