//! Reading a document and checking it in one pass (SPEC §9).
//!
//! [`crate::reading`] reads a document as its type, then reads it again as a `serde_json::Value`
//! to see what the type hides: a struct written as an array (serde reads it by position), a
//! text over the policy's length, the `schema_version`. Half the cost of reading was that
//! second reading. Here the type's deserializer is wrapped, so the same checks happen while
//! the type reads: a struct that meets an array, and a text that is too long, stop the read;
//! the top-level `schema_version` is noted as it passes, and the lists the policy bounds are
//! counted (SPEC §9: limits bound the work), so no extra pass over the text counts them.
//!
//! The pass answers "read, nothing to refuse", "read, but an array was buffered" or "not
//! sure". serde buffers the content of an internally tagged enum or a `serde_json::Value`
//! before it knows the type, and reads structs from that buffer where the pass cannot see: a
//! positional struct could hide there, so such a document is still walked beside its value for
//! that one check ([`crate::reading::shape`]). Case events, the one tagged enum of the documents, are
//! read in the pass with their `type` first and without the buffer
//! ([`crate::reading::tag_first`]). Anything else — a refusal of any
//! kind — sends the document to the reader with paths, which decides exactly as before. So the
//! pass can make reading faster, never more permissive; `tests` compare both readers on every
//! variant of the example documents.

use std::cell::Cell;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

use crate::reading::refusal::{Kind, Refusal};
use crate::reading::Bounds;

/// What the pass saw beside the value.
struct Watch<'b> {
    /// Whether a struct written as an array stops the read.
    refuse_positional: bool,
    /// Whether the path of a refusal is kept (the reader with paths).
    track: bool,
    /// The path of the refusal being returned, innermost segment first, once one started it.
    trail: Cell<Option<Vec<Segment>>>,
    /// The last key or variant name read, when tracking.
    key: Cell<Option<String>>,
    /// Texts longer than this many characters stop the read.
    max_chars: Option<usize>,
    /// Lists of the top-level object by key (`""`: the top-level array) and their limits.
    lists: &'b [(&'b str, usize)],
    /// The limit of the list the next top-level value is.
    next_list: Cell<Option<usize>>,
    /// An array was buffered: a struct may have been read from it where the pass cannot see.
    buffered: Cell<bool>,
    /// The next top-level value is `schema_version`.
    at_version: Cell<bool>,
    /// The top-level `schema_version`, when it was an unsigned integer.
    version: Cell<Option<u64>>,
    /// The kind a type's reader recorded, while its refusal passes through the deserializer
    /// underneath (which carries only its own error type).
    stash: Cell<Option<Box<Kind>>>,
    /// Where the deserializer underneath first refused on its own, if it did.
    context: Cell<Option<Context>>,
    /// What the visitor last described expected (the deserializer underneath asks it while it
    /// makes a wrong-type error).
    expected: Cell<Option<String>>,
}

/// Where the deserializer underneath refused on its own.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Context {
    /// Reading an enum (serde_json calls a value that is neither text nor object a syntax error).
    Enum,
    /// Reading a key (serde_json calls a key that is not the number asked for a syntax error).
    Key,
}

/// A refusal, with where it happened.
pub struct Refused<E> {
    /// What was refused.
    pub refusal: Refusal<E>,
    /// The steps from the document's root (empty for the root, or where none could be said).
    pub path: Vec<Segment>,
    /// Where the deserializer underneath refused on its own, if it did.
    pub context: Option<Context>,
    /// What the value the deserializer underneath refused was expected to be.
    pub expected: Option<String>,
}

/// What the pass read.
pub enum Pass<T> {
    /// The document, with nothing to refuse.
    Sure(T),
    /// The document, with nothing to refuse but perhaps a struct written as an array where
    /// serde buffered the text.
    Buffered(T),
}

/// A document read as `T` in one pass, or `None` where the reader with paths must decide:
/// the input does not read as `T`, a struct is written as an array, a text or a list is over
/// its limit, the version (when asked for) is not the document's, or a text came as bytes.
pub fn read<T: de::DeserializeOwned>(input: &str, bounds: &Bounds<'_>) -> Option<Pass<T>> {
    let watch = Watch::new(bounds, true, false);
    let mut de = serde_json::Deserializer::from_str(input);
    let top = Checked { de: &mut de, watch: &watch, top: true, role: Role::Value, list: watch.limit("") };
    let value = T::deserialize(top).ok()?;
    de.end().ok()?;
    let version_agrees = bounds.version.is_none_or(|v| watch.version.get() == Some(u64::from(v)));
    match (version_agrees, watch.buffered.get()) {
        (false, _) => None,
        (true, false) => Some(Pass::Sure(value)),
        (true, true) => Some(Pass::Buffered(value)),
    }
}

/// The document read as `T` as serde reads it, checking nothing: for the reader with paths,
/// which makes its checks beside the value. Through the same wrapper as [`read`], so each type
/// is compiled for one reader less (the wasm build's size is mostly readers).
pub fn read_as_serde_does<T: de::DeserializeOwned>(input: &str) -> Option<T> {
    let mut de = serde_json::Deserializer::from_str(input);
    let value = read_unchecked(std::marker::PhantomData, &mut de, false).ok()?;
    de.end().ok()?;
    Some(value)
}

/// Reads `T` from `de` as serde does, and on a refusal also says what and where.
pub fn read_with_path<'de, T: de::Deserialize<'de>, D: Deserializer<'de>>(de: D) -> Result<T, Refused<D::Error>> {
    read_seed_with_path(std::marker::PhantomData, de)
}

/// [`read_with_path`] for what a seed reads.
pub fn read_seed_with_path<'de, S: DeserializeSeed<'de>, D: Deserializer<'de>>(
    seed: S,
    de: D,
) -> Result<S::Value, Refused<D::Error>> {
    read_unchecked(seed, de, true)
}

/// Reads through the wrapper with every check off; with `track`, a refusal's path is kept.
fn read_unchecked<'de, S: DeserializeSeed<'de>, D: Deserializer<'de>>(
    seed: S,
    de: D,
    track: bool,
) -> Result<S::Value, Refused<D::Error>> {
    let watch = Watch::new(&Bounds::default(), false, track);
    seed.deserialize(Checked { de, watch: &watch, top: true, role: Role::Value, list: None }).map_err(|refusal| {
        let mut path = watch.trail.take().unwrap_or_default();
        path.reverse();
        Refused { refusal, path, context: watch.context.take(), expected: watch.expected.take() }
    })
}

/// What a text being read is.
#[derive(Clone, Copy, PartialEq)]
enum Role {
    /// A value: measured.
    Value,
    /// A key of the top-level object: looked at for `schema_version` and bounded lists, not
    /// measured.
    TopKey,
    /// Another key, or a variant's name: kept for the path of a refusal when tracking.
    Key,
    /// The value of the top-level `schema_version`.
    Version,
}

/// How the type asked for a value.
#[derive(Clone, Copy, PartialEq)]
enum Asked {
    /// By its own kind (string, sequence, map, …).
    Kind,
    /// As a struct: an array is a positional struct.
    Struct,
    /// As anything: serde is buffering, and arrays read later as structs cannot be seen.
    Any,
}

/// A step of the path to a refusal.
#[derive(Debug, PartialEq)]
pub enum Segment {
    /// An item of an array.
    Index(usize),
    /// A key of an object, or an enum's variant.
    Key(String),
    /// A key that was not read.
    Unknown,
}

impl Watch<'_> {
    fn new<'b>(bounds: &Bounds<'b>, refuse_positional: bool, track: bool) -> Watch<'b> {
        Watch {
            refuse_positional,
            track,
            trail: Cell::new(None),
            key: Cell::new(None),
            max_chars: bounds.max_chars,
            lists: bounds.lists,
            next_list: Cell::new(None),
            buffered: Cell::new(false),
            at_version: Cell::new(false),
            version: Cell::new(None),
            stash: Cell::new(None),
            context: Cell::new(None),
            expected: Cell::new(None),
        }
    }

    /// A refusal enters the deserializer underneath, which carries only its own errors: a
    /// recorded kind waits here until it comes out ([`Watch::lift`]).
    #[inline(never)] // one copy per error type, not one per visitor (wasm size)
    fn lower<E: de::Error>(&self, refusal: Refusal<E>) -> E {
        match refusal {
            Refusal::Kind(kind) => {
                self.stash.set(Some(kind));
                E::custom("refused")
            }
            Refusal::Inner(e) => e,
        }
    }

    /// A refusal comes out of the deserializer underneath: the kind recorded inside it, or the
    /// deserializer's own.
    #[inline(never)]
    fn lift<E>(&self, e: E) -> Refusal<E> {
        match self.stash.take() {
            Some(kind) => Refusal::Kind(kind),
            None => Refusal::Inner(e),
        }
    }

    /// Notes what a visitor expected while its description is written into an error message
    /// (not generic: one copy for every visitor).
    fn note_expected(&self, expected: &dyn de::Expected, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = expected.to_string();
        f.write_str(&text)?;
        self.expected.set(Some(text));
        Ok(())
    }

    /// [`Watch::lift`], noting where a refusal of the deserializer's own happened.
    #[inline(never)]
    fn lift_at<E>(&self, e: E, context: Context) -> Refusal<E> {
        let refusal = self.lift(e);
        if matches!(refusal, Refusal::Inner(_)) && self.context.get().is_none() {
            self.context.set(Some(context));
        }
        refusal
    }

    /// A refusal leaves a value's deserializer: where none started the path, it starts here.
    fn start<E>(&self, e: E) -> E {
        if self.track {
            let trail = self.trail.take().unwrap_or_default();
            self.trail.set(Some(trail));
        }
        e
    }

    /// A refusal leaves an item or an entry: its step joins a path started inside it (one
    /// started by the array or object itself ends there, as serde_path_to_error's does).
    fn out_of<E>(&self, e: E, step: impl FnOnce() -> Segment) -> E {
        if self.track {
            let trail = match self.trail.take() {
                Some(mut trail) => {
                    trail.push(step());
                    trail
                }
                None => Vec::new(),
            };
            self.trail.set(Some(trail));
        }
        e
    }

    /// A refusal leaves an enum's variant or a key: the step is always on its path.
    fn through<E>(&self, e: E, step: impl FnOnce() -> Segment) -> E {
        if self.track {
            let mut trail = self.trail.take().unwrap_or_default();
            trail.push(step());
            self.trail.set(Some(trail));
        }
        e
    }

    /// The limit of the list at `key` of the top-level object (`""`: the top-level array).
    fn limit(&self, key: &str) -> Option<usize> {
        self.lists.iter().find(|(k, _)| *k == key).map(|(_, max)| *max)
    }
}

/// The wrapped deserializer.
struct Checked<'w, D> {
    de: D,
    watch: &'w Watch<'w>,
    top: bool,
    role: Role,
    /// The limit of the list being read, if it is one the policy bounds.
    list: Option<usize>,
}

/// The wrapped visitor.
struct Visit<'w, V> {
    visitor: V,
    watch: &'w Watch<'w>,
    top: bool,
    role: Role,
    list: Option<usize>,
    asked: Asked,
}

/// A wrapped seed: what it reads is read by a [`Checked`] deserializer.
struct Seed<'w, S> {
    seed: S,
    watch: &'w Watch<'w>,
    role: Role,
    list: Option<usize>,
}

impl<'w, D> Checked<'w, D> {
    fn visit<V>(&self, visitor: V, asked: Asked) -> Visit<'w, V> {
        Visit { visitor, watch: self.watch, top: self.top, role: self.role, list: self.list, asked }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<'_, S> {
    type Value = S::Value;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<S::Value, D::Error> {
        let watch = self.watch;
        // A type may refuse what it read (a date that is none) after its deserializer is done.
        let checked = Checked { de, watch, top: false, role: self.role, list: self.list };
        self.seed.deserialize(checked).map_err(|e| watch.start(watch.lower(e)))
    }
}

/// Deserializer methods that only pass the visitor on, wrapped.
macro_rules! forward {
    ($($method:ident($($arg:ident: $t:ty),*)),* $(,)?) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $t,)* visitor: V) -> Result<V::Value, Refusal<D::Error>> {
            let (visit, watch) = (self.visit(visitor, Asked::Kind), self.watch);
            self.de.$method($($arg,)* visit).map_err(|e| watch.start(watch.lift(e)))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Checked<'_, D> {
    type Error = Refusal<D::Error>;

    forward!(
        deserialize_bool(), deserialize_i8(), deserialize_i16(), deserialize_i32(), deserialize_i64(),
        deserialize_i128(), deserialize_u8(), deserialize_u16(), deserialize_u32(), deserialize_u64(),
        deserialize_u128(), deserialize_f32(), deserialize_f64(), deserialize_char(), deserialize_str(),
        deserialize_string(), deserialize_bytes(), deserialize_byte_buf(), deserialize_option(),
        deserialize_unit(), deserialize_seq(), deserialize_map(), deserialize_identifier(),
        deserialize_unit_struct(name: &'static str), deserialize_newtype_struct(name: &'static str),
        deserialize_tuple(len: usize), deserialize_tuple_struct(name: &'static str, len: usize),
    );

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refusal<D::Error>> {
        let (visit, watch) = (self.visit(visitor, Asked::Kind), self.watch);
        self.de.deserialize_enum(name, variants, visit).map_err(|e| watch.start(watch.lift_at(e, Context::Enum)))
    }

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refusal<D::Error>> {
        let (visit, watch) = (self.visit(visitor, Asked::Any), self.watch);
        self.de.deserialize_any(visit).map_err(|e| watch.start(watch.lift(e)))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refusal<D::Error>> {
        let (visit, watch) = (self.visit(visitor, Asked::Struct), self.watch);
        self.de.deserialize_struct(name, fields, visit).map_err(|e| watch.start(watch.lift(e)))
    }

    /// Ignored values are read anyway: their texts count against the limit as any other.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refusal<D::Error>> {
        self.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.de.is_human_readable()
    }
}

impl<'w, V> Visit<'w, V> {
    /// Measures a text (SPEC §9 `limits.max_text_chars`) or notes a top-level key.
    fn text<E: de::Error>(&self, text: &str) -> Result<(), E> {
        match self.role {
            Role::TopKey => {
                self.watch.at_version.set(text == "schema_version");
                self.watch.next_list.set(self.watch.limit(text));
                self.keep_key(text);
            }
            Role::Key => self.keep_key(text),
            Role::Value | Role::Version => {
                let max = self.watch.max_chars.unwrap_or(usize::MAX);
                if crate::reading::limits::text_over(text, max) {
                    return Err(E::custom("a text over the limit"));
                }
            }
        }
        Ok(())
    }

    /// Keeps a key read as a number (a map keyed by days: serde_json gives every key it reads
    /// as a whole number to `visit_u64`) for the path of a refusal.
    fn number_key(&self, key: u64) {
        if self.role == Role::Key && self.watch.track {
            self.keep_key(&key.to_string());
        }
    }

    /// Keeps a key (or variant name) for the path of a refusal, when tracking.
    fn keep_key(&self, text: &str) {
        if self.watch.track {
            self.watch.key.set(Some(text.to_owned()));
        }
    }
}

/// Visitor methods that only pass a scalar on.
macro_rules! scalars {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $t) -> Result<V::Value, E> {
            let watch = self.watch;
            self.visitor.$method(v).map_err(|e| watch.lower(e))
        }
    )*};
}

/// Visitor methods given bytes: where they came from a text and texts are measured, the pass
/// cannot measure it and leaves the document to the reader with paths.
macro_rules! bytes {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method<E: de::Error>(self, v: $t) -> Result<V::Value, E> {
            if self.watch.max_chars.is_some() {
                return Err(E::custom("a text read as bytes"));
            }
            let watch = self.watch;
            self.visitor.$method(v).map_err(|e| watch.lower(e))
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Visit<'_, V> {
    type Value = V::Value;

    /// Asked only while an error is made: what the value was expected to be is noted for it.
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let expected: &dyn de::Expected = &self.visitor;
        self.watch.note_expected(expected, f)
    }

    scalars!(
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64, visit_i128: i128,
        visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u128: u128, visit_f32: f32, visit_f64: f64,
        visit_char: char,
    );
    bytes!(visit_bytes: &[u8], visit_borrowed_bytes: &'de [u8], visit_byte_buf: Vec<u8>);

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.number_key(v);
        if self.role == Role::Version {
            self.watch.version.set(Some(v));
        }
        let watch = self.watch;
        self.visitor.visit_u64(v).map_err(|e| watch.lower(e))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.text(v)?;
        let watch = self.watch;
        self.visitor.visit_str(v).map_err(|e| watch.lower(e))
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        self.text(v)?;
        let watch = self.watch;
        self.visitor.visit_borrowed_str(v).map_err(|e| watch.lower(e))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        self.text(&v)?;
        let watch = self.watch;
        self.visitor.visit_string(v).map_err(|e| watch.lower(e))
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        let watch = self.watch;
        self.visitor.visit_none().map_err(|e| watch.lower(e))
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        let watch = self.watch;
        self.visitor.visit_unit().map_err(|e| watch.lower(e))
    }

    fn visit_some<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let watch = self.watch;
        let checked = Checked { de, watch, top: self.top, role: self.role, list: self.list };
        self.visitor.visit_some(checked).map_err(|e| watch.lower(e))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, de: D) -> Result<V::Value, D::Error> {
        let watch = self.watch;
        let checked = Checked { de, watch, top: self.top, role: self.role, list: self.list };
        self.visitor.visit_newtype_struct(checked).map_err(|e| watch.lower(e))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        match self.asked {
            Asked::Struct if self.watch.refuse_positional => {
                return Err(de::Error::custom("a struct written as an array"))
            }
            Asked::Struct => {}
            Asked::Any => self.watch.buffered.set(true),
            Asked::Kind => {}
        }
        let watch = self.watch;
        let items = Items { seq, watch, max: self.list, count: 0 };
        self.visitor.visit_seq(items).map_err(|e| watch.lower(e))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        let (watch, top) = (self.watch, self.top);
        self.visitor.visit_map(Entries { map, watch, top, key: None }).map_err(|e| watch.lower(e))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        let watch = self.watch;
        self.visitor.visit_enum(Variants { data, watch }).map_err(|e| watch.lower(e))
    }
}

/// The items of an array, each read by a [`Checked`] deserializer, and counted against the
/// list's limit.
struct Items<'w, A> {
    seq: A,
    watch: &'w Watch<'w>,
    max: Option<usize>,
    count: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, A> {
    type Error = Refusal<A::Error>;
    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Self::Error> {
        let (watch, index) = (self.watch, self.count);
        let seed = Seed { seed, watch, role: Role::Value, list: None };
        let item =
            self.seq.next_element_seed(seed).map_err(|e| watch.out_of(watch.lift(e), || Segment::Index(index)))?;
        self.count += usize::from(item.is_some());
        if self.max.is_some_and(|max| crate::reading::limits::list_over(self.count, max)) {
            return Err(de::Error::custom("a list over its limit"));
        }
        Ok(item)
    }
    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// The entries of an object; only the top-level object's keys are looked at.
struct Entries<'w, A> {
    map: A,
    watch: &'w Watch<'w>,
    top: bool,
    /// The key of the entry being read, when tracking.
    key: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<'_, A> {
    type Error = Refusal<A::Error>;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Self::Error> {
        let watch = self.watch;
        if watch.track {
            let role = if self.top { Role::TopKey } else { Role::Key };
            watch.key.take(); // nothing left over from a value names this key
            let key = self.map.next_key_seed(Seed { seed, watch, role, list: None });
            self.key = watch.key.take();
            // A refused key (an unknown field) is the last step of its own path.
            key.map_err(|e| {
                let refusal = watch.lift_at(e, Context::Key);
                watch.through(refusal, || self.key.take().map_or(Segment::Unknown, Segment::Key))
            })
        } else {
            // Every key is read through the wrapper, tracked or not: the key readers are then
            // compiled for one error type only (wasm size).
            let role = if self.top { Role::TopKey } else { Role::Key };
            self.map.next_key_seed(Seed { seed, watch, role, list: None }).map_err(|e| watch.lift(e))
        }
    }
    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Self::Error> {
        let role = if self.top && self.watch.at_version.replace(false) { Role::Version } else { Role::Value };
        let list = if self.top { self.watch.next_list.take() } else { None };
        let watch = self.watch;
        let value = self.map.next_value_seed(Seed { seed, watch, role, list });
        let key = &mut self.key;
        value.map_err(|e| watch.out_of(watch.lift(e), || key.take().map_or(Segment::Unknown, Segment::Key)))
    }
    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An externally tagged enum: the variant's name is not measured, its content is.
struct Variants<'w, A> {
    data: A,
    watch: &'w Watch<'w>,
}

impl<'w, 'de, A: EnumAccess<'de>> EnumAccess<'de> for Variants<'w, A> {
    type Error = Refusal<A::Error>;
    type Variant = Content<'w, A::Variant>;
    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self::Variant), Self::Error> {
        let watch = self.watch;
        let seed = Seed { seed, watch, role: Role::Key, list: None };
        let (value, variant) = self.data.variant_seed(seed).map_err(|e| watch.lift(e))?;
        let name = watch.key.take();
        Ok((value, Content { variant, watch, name }))
    }
}

/// A variant's content.
struct Content<'w, A> {
    variant: A,
    watch: &'w Watch<'w>,
    /// The variant's name, when tracking: a step of the path to a refusal inside it.
    name: Option<String>,
}

impl<'w, A> Content<'w, A> {
    fn visit<V>(&self, visitor: V, asked: Asked) -> Visit<'w, V> {
        Visit { visitor, watch: self.watch, top: false, role: Role::Value, list: None, asked }
    }

    /// A refusal inside the variant: its name is a step of the path.
    fn inside<E>(watch: &Watch<'_>, name: Option<String>, e: E) -> Refusal<E> {
        watch.through(watch.lift(e), || name.map_or(Segment::Unknown, Segment::Key))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Content<'_, A> {
    type Error = Refusal<A::Error>;
    fn unit_variant(self) -> Result<(), Self::Error> {
        let Content { variant, watch, name } = self;
        variant.unit_variant().map_err(|e| Self::inside(watch, name.clone(), e))?;
        // A unit variant may be a map's key (`{"Selective": 2}`): the key names the entry.
        watch.key.set(name);
        Ok(())
    }
    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Self::Error> {
        let Content { variant, watch, name } = self;
        let seed = Seed { seed, watch, role: Role::Value, list: None };
        variant.newtype_variant_seed(seed).map_err(|e| Self::inside(watch, name, e))
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Self::Error> {
        let visit = self.visit(visitor, Asked::Kind);
        let Content { variant, watch, name } = self;
        variant.tuple_variant(len, visit).map_err(|e| Self::inside(watch, name, e))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        let visit = self.visit(visitor, Asked::Struct);
        let Content { variant, watch, name } = self;
        variant.struct_variant(fields, visit).map_err(|e| Self::inside(watch, name, e))
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde::Serialize;
    use serde_json::{json, Value};

    use crate::reading::{read_slowly, Bounds};

    /// Texts longer than this are refused in these tests (the examples' longest is 67).
    const MAX: usize = 80;

    /// Every node of `v` by JSON Pointer, in document order.
    fn nodes(v: &Value, path: String, out: &mut Vec<String>) {
        out.push(path.clone());
        match v {
            Value::Object(m) => m.iter().for_each(|(k, x)| nodes(x, format!("{path}/{k}"), out)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| nodes(x, format!("{path}/{i}"), out)),
            _ => {}
        }
    }

    /// The document and its near misses: each node written positionally, too long (and just
    /// within the limit in characters, over it in bytes), of another type, removed, beside an
    /// unknown key, repeated; and versions that are not the one supported.
    fn variants(doc: &Value) -> Vec<Value> {
        let mut paths = Vec::new();
        nodes(doc, String::new(), &mut paths);
        let mut out = vec![doc.clone()];
        for path in &paths {
            let node = doc.pointer(path).cloned().unwrap_or(Value::Null);
            let mut edits: Vec<Value> = vec![json!(7), json!(null), json!([]), json!({}), json!("x".repeat(MAX + 1))];
            edits.push(json!("å".repeat(MAX)));
            match &node {
                Value::Object(m) => {
                    edits.push(Value::Array(m.values().cloned().collect()));
                    let mut extra = m.clone();
                    extra.insert("unknown".into(), json!(1));
                    edits.push(Value::Object(extra));
                }
                Value::Array(a) => edits.push(Value::Array(a.iter().chain(a).cloned().collect())),
                _ => {}
            }
            for edit in edits {
                let mut variant = doc.clone();
                if let Some(at) = variant.pointer_mut(path) {
                    *at = edit;
                }
                out.push(variant);
            }
            if let Some((parent, key)) = path.rsplit_once('/') {
                let mut variant = doc.clone();
                if let Some(Value::Object(m)) = variant.pointer_mut(parent) {
                    m.remove(key);
                }
                out.push(variant);
            }
        }
        out
    }

    /// A refusal's path is the one serde_path_to_error finds, from the text and from a value.
    fn same_path_as_serde_path_to_error<T: DeserializeOwned + std::fmt::Debug>(text: &str) {
        let ours = super::read_with_path::<T, _>(&mut serde_json::Deserializer::from_str(text));
        let theirs = serde_path_to_error::deserialize::<_, T>(&mut serde_json::Deserializer::from_str(text));
        assert_eq!(ours.err().map(|r| (r.path, kind(&r.refusal))), theirs.err().map(as_ours), "{text}");
        let Ok(value) = serde_json::from_str::<Value>(text) else { return };
        let ours = super::read_with_path::<T, _>(&value);
        let theirs = serde_path_to_error::deserialize::<_, T>(&value);
        assert_eq!(ours.err().map(|r| (r.path, kind(&r.refusal))), theirs.err().map(as_ours), "{text}");
    }

    /// The kind of our refusal, named as [`their_kind`] names serde's.
    fn kind(refusal: &super::Refusal<serde_json::Error>) -> String {
        use super::Kind;
        match refusal {
            super::Refusal::Kind(kind) => match **kind {
                Kind::Missing(_) => "missing field",
                Kind::Unknown(_) => "unknown field",
                Kind::Duplicate(_) => "duplicate field",
                Kind::WrongType { .. } => "invalid type",
                Kind::InvalidValue { .. } => "invalid value",
                Kind::UnknownVariant { .. } => "unknown variant",
                Kind::Other => "other",
            }
            .to_owned(),
            super::Refusal::Inner(e) => their_kind(e),
        }
    }

    /// The kind of a serde_json error, read from its message (this oracle may read messages:
    /// the code it checks does not), or the message of a syntax error.
    fn their_kind(e: &serde_json::Error) -> String {
        let message = e.to_string();
        if e.classify() != serde_json::error::Category::Data {
            return message;
        }
        let kinds =
            ["missing field", "unknown field", "duplicate field", "invalid type", "invalid value", "unknown variant"];
        let kind = kinds.iter().find(|kind| message.starts_with(*kind));
        let kind = kind.copied().or(message.starts_with("invalid length").then_some("invalid value"));
        kind.unwrap_or("other").to_owned()
    }

    /// serde_path_to_error's path in our steps, and its error's message.
    fn as_ours(e: serde_path_to_error::Error<serde_json::Error>) -> (Vec<super::Segment>, String) {
        use serde_path_to_error::Segment as Theirs;
        let path = e
            .path()
            .iter()
            .map(|s| match s {
                Theirs::Seq { index } => super::Segment::Index(*index),
                Theirs::Map { key } | Theirs::Enum { variant: key } => super::Segment::Key(key.clone()),
                Theirs::Unknown => super::Segment::Unknown,
            })
            .collect();
        (path, their_kind(e.inner()))
    }

    /// Every list of the top level, with its length as its limit (a longer variant is refused).
    fn at_their_limits(doc: &Value) -> Vec<(String, usize)> {
        match doc {
            Value::Array(items) => vec![(String::new(), items.len())],
            Value::Object(m) => m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_array()?.len()))).collect(),
            _ => vec![],
        }
    }

    /// `value` as JSON text with every object's `type` key first.
    fn written_type_first(value: &Value) -> String {
        match value {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                crate::sorting::sort_by_key(&mut keys, |k| k.as_str() != "type");
                let members: Vec<String> = keys
                    .iter()
                    .map(|k| format!("{}:{}", Value::String((*k).clone()), written_type_first(&m[k.as_str()])))
                    .collect();
                format!("{{{}}}", members.join(","))
            }
            Value::Array(items) => format!("[{}]", items.iter().map(written_type_first).collect::<Vec<_>>().join(",")),
            other => other.to_string(),
        }
    }

    /// Both readers answer every variant alike — the same value or the same error.
    fn agree<T: DeserializeOwned + Serialize + std::fmt::Debug>(text: &str, version: Option<u32>) -> Counts {
        let doc: Value = serde_json::from_str(text).unwrap();
        let lists = at_their_limits(&doc);
        let lists: Vec<(&str, usize)> = lists.iter().map(|(key, max)| (key.as_str(), *max)).collect();
        let bounds = Bounds { max_bytes: usize::MAX, max_chars: Some(MAX), version, lists: &lists };
        // Each variant with `type` first (as writers put it, and case events are read in the
        // pass), and with keys sorted (`type` of an event last: only the slow reader reads it).
        let mut texts: Vec<(String, bool)> = Vec::new();
        for variant in variants(&doc) {
            texts.push((written_type_first(&variant), true));
            texts.push((variant.to_string(), false));
        }
        texts.push((text.replacen("\"schema_version\": 1", "\"schema_version\": 1, \"schema_version\": 1", 1), true));
        texts.push((text.replacen("\"schema_version\": 1", "\"schema_version\": 1.0", 1), true));
        let (mut read, mut fast, mut first, mut sure) = (0, 0, 0, 0);
        for (text, type_first) in &texts {
            let both = crate::reading::read::<T>(text, bounds);
            let slow = read_slowly::<T>(text, bounds);
            same_path_as_serde_path_to_error::<T>(text);
            // The wrapper reads what serde reads, checking nothing when asked to.
            let serde = serde_json::from_str::<T>(text).ok();
            assert_eq!(format!("{:?}", super::read_as_serde_does::<T>(text)), format!("{serde:?}"), "{text}");
            assert_eq!(format!("{both:?}"), format!("{slow:?}"), "{text}");
            let pass = if slow.is_ok() { super::read::<T>(text, &bounds) } else { None };
            read += usize::from(slow.is_ok());
            fast += usize::from(pass.is_some());
            if *type_first {
                first += usize::from(slow.is_ok());
                sure += usize::from(matches!(pass, Some(super::Pass::Sure(_))));
            }
        }
        Counts { read, fast, first, sure }
    }

    /// How many variants were read; how many of those the pass read; how many of those with
    /// `type` first were read, and how many of them the pass read without serde buffering an
    /// array (no walk beside the value needed).
    #[derive(Debug)]
    struct Counts {
        read: usize,
        fast: usize,
        first: usize,
        sure: usize,
    }

    #[test]
    fn the_one_pass_decides_as_the_reader_with_paths() {
        let sip = agree::<crate::sip::Sip>(include_str!("../../../../examples/sip/valid.json"), Some(1));
        let case =
            agree::<crate::consent::SharingCase>(include_str!("../../../../examples/sharing/case.json"), Some(1));
        let question =
            agree::<crate::documents::ShareQuestion>(include_str!("../../../../examples/sharing/denied.json"), None);
        let log = agree::<Vec<crate::case::LogEntry>>(include_str!("../../../../examples/case/log.json"), None);
        // The pass reads every document that is read (a pass that refused too much would still
        // decide right, only slowly).
        for counts in [&sip, &case, &question, &log] {
            assert!(counts.read > 50 && counts.fast == counts.read, "{counts:?}");
        }
        // Case events with `type` first are read without serde's buffer (case::tag_first).
        assert!(log.first > 50 && log.sure == log.first, "{log:?}");
    }

    /// Events are read tag first in the pass and buffered when `type` is elsewhere; repeated
    /// keys and a missing or repeated `type` must still be decided as the reader with paths does.
    #[test]
    fn events_with_type_anywhere_or_keys_repeated_decide_alike() {
        let ctx = r#""ctx": {"now": "2026-09-01T09:00:00+02:00", "actor": "a", "actor_agency": "s"}"#;
        let events = [
            r#"{"type": "AddNeed", "need_id": "n", "area": "SchoolAttendance", "level": "Selective", "accountable": "s"}"#,
            r#"{"need_id": "n", "area": "SchoolAttendance", "type": "AddNeed", "level": "Selective", "accountable": "s"}"#,
            r#"{"need_id": "n", "type": "AddNeed", "need_id": "m", "area": "SchoolAttendance", "level": "Selective", "accountable": "s"}"#,
            r#"{"type": "AddNeed", "need_id": "n", "need_id": "m", "area": "SchoolAttendance", "level": "Selective", "accountable": "s"}"#,
            r#"{"type": "AddNeed", "need_id": "n", "type": "AddNeed", "area": "SchoolAttendance", "level": "Selective", "accountable": "s"}"#,
            r#"{"need_id": "n", "type": "AddNeed", "type": "AddNeed", "area": "SchoolAttendance", "level": "Selective", "accountable": "s"}"#,
            r#"{"type": "AddNeed", "need_id": "n"}"#,
            r#"{"need_id": "n"}"#,
            r#"{}"#,
            r#"{"type": "RequestConsent"}"#,
            r#"{"type": "RequestConsent", "x": 1}"#,
            r#"{"x": 1, "type": "RequestConsent"}"#,
            r#"{"type": "Nope"}"#,
            r#"{"type": 7}"#,
            r#"["AddNeed", "n", "SchoolAttendance", "Selective", "s"]"#,
            r#"{"need_id": "n", "type": "AddNeed", "area": "SchoolAttendance", "level": "Selective", "accountable": ["s"]}"#,
        ];
        let mut read = 0;
        for event in events {
            let text = format!(r#"[{{{ctx}, "event": {event}}}]"#);
            let bounds = Bounds::default();
            let both = crate::reading::read::<Vec<crate::case::LogEntry>>(&text, bounds);
            let slow = read_slowly::<Vec<crate::case::LogEntry>>(&text, bounds);
            assert_eq!(format!("{both:?}"), format!("{slow:?}"), "{event}");
            read += usize::from(slow.is_ok());
        }
        assert_eq!(read, 3, "type first, type later, an empty event");
    }

    /// A type that ignores unknown keys: their texts still count against the limit.
    #[derive(serde::Deserialize, Serialize, Debug)]
    struct Loose {
        a: String,
    }

    /// A type that reads its text as bytes.
    #[derive(Debug, PartialEq, Serialize)]
    struct Blob(Vec<u8>);

    impl<'de> serde::Deserialize<'de> for Blob {
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct Bytes;
            impl serde::de::Visitor<'_> for Bytes {
                type Value = Blob;
                fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.write_str("bytes")
                }
                fn visit_bytes<E>(self, v: &[u8]) -> Result<Blob, E> {
                    Ok(Blob(v.to_vec()))
                }
            }
            d.deserialize_bytes(Bytes)
        }
    }

    #[test]
    fn a_text_read_as_bytes_is_read_as_serde_does_and_measured_by_the_reader_with_paths() {
        let text = r#""abcdef""#;
        assert_eq!(super::read_as_serde_does::<Blob>(text), Some(Blob(b"abcdef".to_vec())));
        same_path_as_serde_path_to_error::<Blob>(text);
        let bounds = Bounds { max_chars: Some(5), ..Bounds::default() };
        assert!(super::read::<Blob>(text, &bounds).is_none());
        let refused = crate::reading::read::<Blob>(text, bounds).unwrap_err();
        assert_eq!(refused.code(), crate::finding::Code::LimitExceeded);
        assert_eq!(
            crate::reading::read::<Blob>(text, Bounds { max_chars: Some(6), ..bounds }).unwrap(),
            Blob(b"abcdef".to_vec())
        );
    }

    #[test]
    fn ignored_values_are_measured_too() {
        let counts = agree::<Loose>(r#"{"a": "x", "b": {"c": "y"}, "d": "z"}"#, None);
        assert!(counts.read > 10 && counts.fast > 0, "{counts:?}");
    }
}
