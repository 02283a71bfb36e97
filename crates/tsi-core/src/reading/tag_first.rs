//! Tagged enums (case events, audit actions, bases) read with their tag first, without
//! serde's buffer.
//!
//! serde reads an internally tagged enum (`{"type": "AddNeed", ...}`) by buffering the whole
//! object before it knows the variant, and reads the variant from that buffer where the one
//! pass (`crate::reading::one_pass`) cannot see: so every case log used to be parsed a second time as a
//! `serde_json::Value` for the positional check. When `type` is the first key, as every writer
//! we know puts it, the variant can be read straight from the rest of the object instead.
//!
//! Every reader reads tagged enums this way; there is no mode to switch (no global state). An
//! object with its tag elsewhere is buffered in order as serde would (and walked for the
//! positional check, as before), then written again tag first and read as any other. Refusals
//! are the ones serde's reader makes, at the same places: an unknown tag is refused inside the
//! tag member (`/type`), a repeated tag or member is a duplicate by its name. The corpus and the
//! path oracle (every node of every document broken four ways) check exactly that.

use serde::de::{
    self, value::MapAccessDeserializer, Deserialize, DeserializeSeed, IntoDeserializer, MapAccess, Visitor,
};

use crate::reading::refusal::{Kind, Refusal};

/// Writes a tagged enum (`tag` its tag member, `name` its name as text), and beside it a private
/// copy that serde derives its reader on (`remote`): as an externally tagged enum — the shape the
/// rest of an object takes once its tag has been read. One use per module (the copy is named
/// `AfterTag`).
macro_rules! tagged_enum {
    (tag = $tag:literal, name = $remote:literal; $(#[$meta:meta])* pub enum $name:ident { $($variants:tt)* }) => {
        $(#[$meta])*
        pub enum $name { $($variants)* }

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
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                d.deserialize_map($crate::reading::tag_first::TagFirstVisitor(std::marker::PhantomData))
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
}

/// The variant names of `T`, as its derived reader declares them (asked of the reader itself,
/// so no list is kept by hand).
fn variants<T: AfterTag>() -> &'static [&'static str] {
    match T::after_tag(Names) {
        Err(NamesFound(names)) => names,
        Ok(_) => &[],
    }
}

/// A deserializer that only learns the variant names a derived enum reader passes it.
struct Names;

/// The names [`Names`] learnt (or none, if the reader asked for something else).
#[derive(Debug)]
struct NamesFound(&'static [&'static str]);

impl std::fmt::Display for NamesFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("variant names")
    }
}

impl std::error::Error for NamesFound {}

impl de::Error for NamesFound {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        NamesFound(&[])
    }
}

impl<'de> de::Deserializer<'de> for Names {
    type Error = NamesFound;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, NamesFound> {
        Err(NamesFound(&[]))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, NamesFound> {
        Err(NamesFound(variants))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// The tag's value: a variant name of `T`, refused inside the tag member (so a refusal names
/// `/type`, as serde's reader does).
struct KnownTag(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for KnownTag {
    type Value = String;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
        let tag = String::deserialize(d)?;
        if self.0.contains(&tag.as_str()) {
            Ok(tag)
        } else {
            Err(de::Error::unknown_variant(&tag, self.0))
        }
    }
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
                let tag = map.next_value_seed(KnownTag(variants::<T>()))?;
                T::after_tag(Rest { tag, map: WithoutTag { map, tag: T::TAG } })
            }
            Some(Some(first)) => buffered(first, map),
            None => Err(de::Error::missing_field(T::TAG)),
        }
    }
}

/// An object whose tag is not first, read as serde does: the entries buffered in order (as
/// `serde_json::Value`s, which the pass marks as buffered, so the positional check still walks
/// them; a repeated key is kept, for the reader to refuse by its name), then written again with
/// the tag first and read tag first. Reading the buffer itself with serde's derived reader of
/// the tagged enum would compile a second reader of every variant (for case events alone 64 KB
/// of wasm); the tag-first reader of JSON text is the one every document is read with.
fn buffered<'de, T: AfterTag, A: MapAccess<'de>>(first: String, mut map: A) -> Result<T, A::Error> {
    let mut entries = vec![(first, map.next_value::<serde_json::Value>()?)];
    while let Some(key) = map.next_key::<String>()? {
        entries.push((key, map.next_value()?));
    }
    // The first tag moves first; a repeated one stays in its place, to be refused by name.
    let at = entries.iter().position(|(key, _)| key == T::TAG).ok_or_else(|| de::Error::missing_field(T::TAG))?;
    if let Some(up_to_tag) = entries.get_mut(..=at) {
        up_to_tag.rotate_right(1);
    }
    let text = serde_json::to_string(&InOrder(&entries)).map_err(de::Error::custom)?;
    let mut text_reader = serde_json::Deserializer::from_str(&text);
    let read = crate::reading::one_pass::read_seed_with_path(TagFirst(std::marker::PhantomData), &mut text_reader);
    read.map_err(|refused| {
        // The text's own refusal is a value of the wrong type (it holds only JSON values).
        let kind = match refused.refusal {
            Refusal::Kind(kind) => *kind,
            Refusal::Inner(_) => {
                Kind::WrongType { expected: refused.expected.unwrap_or_else(|| "a valid value".to_owned()) }
            }
        };
        kind.replay()
    })
}

/// Entries written as one object, in their order, repeats kept.
struct InOrder<'a>(&'a [(String, serde_json::Value)]);

impl serde::Serialize for InOrder<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(key, value)| (key, value)))
    }
}

/// Reads `T` tag first.
struct TagFirst<T>(std::marker::PhantomData<T>);

impl<'de, T: AfterTag> DeserializeSeed<'de> for TagFirst<T> {
    type Value = T;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_map(TagFirstVisitor(std::marker::PhantomData))
    }
}

/// The entries after the tag: the tag again is a repeated member, refused by name.
struct WithoutTag<A> {
    map: A,
    tag: &'static str,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for WithoutTag<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        let tag = self.tag;
        match self.map.next_key_seed(NotTag { seed, tag })? {
            Some(Some(key)) => Ok(Some(key)),
            Some(None) => Err(de::Error::duplicate_field(tag)),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// A key seed that answers `None` for the tag and passes any other key on.
struct NotTag<K> {
    seed: K,
    tag: &'static str,
}

impl<'de, K: DeserializeSeed<'de>> DeserializeSeed<'de> for NotTag<K> {
    type Value = Option<K::Value>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Option<K::Value>, D::Error> {
        let key = String::deserialize(d)?;
        if key == self.tag {
            return Ok(None);
        }
        self.seed.deserialize(de::IntoDeserializer::<D::Error>::into_deserializer(key)).map(Some)
    }
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
