//! Tagged enums (case events, audit actions, bases) read with their tag first, without
//! serde's buffer.
//!
//! serde reads an internally tagged enum (`{"type": "AddNeed", ...}`) by buffering the whole
//! object before it knows the variant, and reads the variant from that buffer where the one
//! pass (`crate::reading::one_pass`) cannot see: so every case log used to be parsed a second time as a
//! `serde_json::Value` for the positional check. When `type` is the first key, as every writer
//! we know puts it, the variant can be read straight from the rest of the object instead.
//!
//! Only the one pass, and the reader that looks for a refusal's path inside a tagged enum
//! ([`crate::reading`]), read this way ([`while_reading_tag_first`]). An object with its tag
//! elsewhere is buffered as serde would (and walked for the positional check, as before); a
//! refusal of any kind goes to the reader with paths, which reads as serde's derive does. So
//! this can make reading faster, never change what is read or refused: the one pass's tests compare both on every near miss of the example documents.

use std::cell::Cell;

use serde::de::{self, value::MapAccessDeserializer, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};

thread_local! {
    static TAG_FIRST: Cell<bool> = const { Cell::new(false) };
}

/// Runs `read` with tagged enums read tag first.
pub(crate) fn while_reading_tag_first<T>(read: impl FnOnce() -> T) -> T {
    /// Puts the mode back however `read` ends.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            TAG_FIRST.with(|on| on.set(self.0));
        }
    }
    let _restore = Restore(TAG_FIRST.with(|on| on.replace(true)));
    read()
}

/// Whether tagged enums are read tag first now.
pub(crate) fn tag_first() -> bool {
    TAG_FIRST.with(Cell::get)
}

/// Writes a tagged enum (`tag` its tag member, `name` its name as text), and beside it two private copies that serde
/// derives its two readers on (`remote`): as serde reads the tagged enum, and as an externally
/// tagged enum — the shape the rest of an object takes once its tag has been read. One use per
/// module (the copies are named `Tagged` and `AfterTag`).
macro_rules! tagged_enum {
    (tag = $tag:literal, name = $remote:literal; $(#[$meta:meta])* pub enum $name:ident { $($variants:tt)* }) => {
        $(#[$meta])*
        pub enum $name { $($variants)* }

        /// The enum as serde reads an internally tagged enum.
        #[derive(Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(remote = $remote, tag = $tag, deny_unknown_fields)]
        #[allow(dead_code)]
        enum Tagged { $($variants)* }

        /// The enum as the rest of an object after its tag.
        #[derive(Deserialize)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        #[serde(remote = $remote, deny_unknown_fields)]
        #[allow(dead_code)]
        enum AfterTag { $($variants)* }

        impl $crate::reading::tag_first::AfterTag for $name {
            const TAG: &'static str = $tag;

            fn after_tag<'de, D: serde::Deserializer<'de>>(rest: D) -> Result<Self, D::Error> {
                AfterTag::deserialize(rest)
            }

            fn tagged(object: serde_json::Value) -> serde_json::Result<Self> {
                Tagged::deserialize(object)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                if $crate::reading::tag_first::tag_first() {
                    d.deserialize_map($crate::reading::tag_first::TagFirstVisitor(std::marker::PhantomData))
                } else {
                    Tagged::deserialize(d)
                }
            }
        }
    };
}
pub(crate) use tagged_enum;

/// An enum read from the rest of an object once its tag is known.
pub(crate) trait AfterTag: Sized {
    /// The tag member's name.
    const TAG: &'static str;

    /// Reads the variant `rest` names from the rest of its object.
    fn after_tag<'de, D: de::Deserializer<'de>>(rest: D) -> Result<Self, D::Error>;

    /// Reads the enum as serde reads a tagged enum, from the whole object.
    fn tagged(object: serde_json::Value) -> serde_json::Result<Self>;
}

/// Reads an object whose first key is its tag, then the variant from the rest of it.
pub(crate) struct TagFirstVisitor<T>(pub std::marker::PhantomData<T>);

impl<'de, T: AfterTag> Visitor<'de> for TagFirstVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an object with its tag first")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        match map.next_key_seed(FirstKey(T::TAG))? {
            Some(None) => {
                let tag: String = map.next_value()?;
                T::after_tag(Rest { tag, map })
            }
            Some(Some(first)) => buffered(first, map),
            None => Err(de::Error::missing_field(T::TAG)),
        }
    }
}

/// An object whose tag is not first, read as serde does: the object buffered (as a
/// `serde_json::Value`, which the pass marks as buffered, so the positional check still walks
/// it), then the variant read from the buffer. A repeated key is left to the reader with paths.
fn buffered<'de, T: AfterTag, A: MapAccess<'de>>(first: String, mut map: A) -> Result<T, A::Error> {
    let mut object = serde_json::Map::new();
    object.insert(first, map.next_value()?);
    while let Some(key) = map.next_key::<String>()? {
        let value = map.next_value()?;
        if object.insert(key, value).is_some() {
            return Err(de::Error::custom("a repeated key"));
        }
    }
    T::tagged(serde_json::Value::Object(object)).map_err(de::Error::custom)
}

/// The first key of an object: `None` for the tag (named here), else the key.
struct FirstKey(&'static str);

impl<'de> DeserializeSeed<'de> for FirstKey {
    type Value = Option<String>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_str(self)
    }
}

impl Visitor<'_> for FirstKey {
    type Value = Option<String>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Option<String>, E> {
        Ok((key != self.0).then(|| key.to_owned()))
    }
}

/// The rest of a tagged object, as an externally tagged enum: the tag names the variant, the
/// remaining entries are its content.
struct Rest<A> {
    tag: String,
    map: A,
}

impl<'de, A: MapAccess<'de>> de::Deserializer<'de> for Rest<A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_enum(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> de::EnumAccess<'de> for Rest<A> {
    type Error = A::Error;
    type Variant = Content<A>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Content<A>), A::Error> {
        let variant = seed.deserialize(self.tag.into_deserializer())?;
        Ok((variant, Content(self.map)))
    }
}

/// A variant's content: the entries of its object after `type`.
struct Content<A>(A);

impl<'de, A: MapAccess<'de>> de::VariantAccess<'de> for Content<A> {
    type Error = A::Error;

    /// A variant without data: nothing may follow the tag (unknown members are refused).
    fn unit_variant(mut self) -> Result<(), A::Error> {
        match self.0.next_key::<String>()? {
            Some(key) => Err(de::Error::unknown_field(&key, &[])),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        seed.deserialize(MapAccessDeserializer::new(self.0))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, A::Error> {
        Err(de::Error::custom("tagged enums have no tuple variants"))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self.0)
    }
}
