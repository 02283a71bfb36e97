//! A serde serializer that writes RFC 8785 canonical JSON directly.
//!
//! Members are written where they fall; when an object ends, its members are put in order
//! (they usually are already) by moving bytes, not by building maps. The output is the same
//! as serde_jcs 0.2 gives for every value (which the tests hold against it), including its
//! choices outside the RFC: numbers of every type are written as the double they round to,
//! a non-finite float is an error at the top and `null` inside a value (as serde_json writes
//! it), and of members with the same name the last one is kept.

use std::fmt;

use serde::ser::{self, Impossible, Serialize};

use super::order::{utf16_order, written_order};

/// A value canonical JSON cannot hold.
#[derive(Debug)]
pub(super) struct Unrepresentable(&'static str);

impl fmt::Display for Unrepresentable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Unrepresentable {}

impl ser::Error for Unrepresentable {
    fn custom<T: fmt::Display>(_: T) -> Self {
        // The message could quote the value; it is not kept.
        Unrepresentable("a value that failed to serialize")
    }
}

type Result<T> = std::result::Result<T, Unrepresentable>;

/// The canonical bytes of `value`.
pub(super) fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut writer = Writer { out: Vec::with_capacity(256), members: Vec::new(), scratch: Vec::new(), nested: false };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

pub(super) struct Writer {
    out: Vec<u8>,
    /// The members of every object still open, innermost last.
    members: Vec<Member>,
    /// Where an object's bytes wait while its members are put in order.
    scratch: Vec<u8>,
    /// Whether a value is being written inside another.
    nested: bool,
}

/// A member of an object: `out[start..name_end]` is its quoted name, `out[start..end]` the
/// whole `"name":value`. An empty span marks a member dropped for a later one of that name.
#[derive(Clone, Copy)]
struct Member {
    start: usize,
    name_end: usize,
    end: usize,
    /// Whether the name was written without escapes (then its bytes are the name's UTF-8).
    plain: bool,
}

impl Writer {
    fn number(&mut self, value: f64) {
        self.out.extend_from_slice(ryu_js::Buffer::new().format_finite(value).as_bytes());
    }

    /// An integer as ECMAScript prints it as a double: up to 2^53 in magnitude the double is
    /// the integer and is printed with all its digits, so they are written without the float
    /// printer (every audit record holds a version and a sequence number).
    fn integer<T: TryInto<i64> + Copy>(&mut self, value: T, as_double: f64) {
        match value.try_into() {
            Ok(exact) if exact.unsigned_abs() <= 1 << 53 => {
                self.out.extend_from_slice(itoa::Buffer::new().format(exact).as_bytes());
            }
            _ => self.number(as_double),
        }
    }

    fn float(&mut self, value: f64) -> Result<()> {
        if value.is_finite() {
            self.number(value);
        } else if self.nested {
            self.out.extend_from_slice(b"null");
        } else {
            return Err(Unrepresentable("a number that is not finite"));
        }
        Ok(())
    }

    fn string(&mut self, text: &str) {
        escaped(&mut self.out, text);
    }

    /// Opens `{"variant":` around a variant's content.
    fn open_variant(&mut self, variant: &str) {
        self.out.push(b'{');
        self.string(variant);
        self.out.push(b':');
    }

    fn open_object(&mut self) -> Object<'_> {
        self.nested = true;
        let (start, base) = (self.out.len(), self.members.len());
        self.out.push(b'{');
        Object { start, base, name: (0, 0), writer: self, variant: false }
    }

    fn begin_member(&mut self, base: usize) -> usize {
        if self.members.len() > base {
            self.out.push(b',');
        }
        self.out.len()
    }

    /// Closes the object that starts at `start` and whose members begin at `base`.
    fn close_object(&mut self, start: usize, base: usize) {
        let Writer { out, members, scratch, .. } = self;
        let mine = members.get_mut(base..).unwrap_or_default();
        let in_order = mine.windows(2).all(|pair| match pair {
            [a, b] => member_order(out, a, b).is_lt(),
            _ => true,
        });
        if !in_order {
            crate::sorting::sort_by(mine, |a, b| member_order(out, a, b));
            drop_all_but_last_of_a_name(out, mine);
            rewrite_in_order(out, scratch, start, mine);
        }
        out.push(b'}');
        members.truncate(base);
    }
}

/// A member's quoted name.
fn name<'o>(out: &'o [u8], member: &Member) -> &'o [u8] {
    out.get(member.start..member.name_end).unwrap_or_default()
}

/// Two members in the order of their names: names without escapes (nearly all) are compared
/// as they are written.
fn member_order(out: &[u8], a: &Member, b: &Member) -> std::cmp::Ordering {
    if a.plain && b.plain {
        let unquoted = |m: &Member| out.get(m.start + 1..m.name_end.saturating_sub(1)).unwrap_or_default();
        utf16_order(unquoted(a), unquoted(b))
    } else {
        written_order(name(out, a), name(out, b))
    }
}

/// Of members with the same name (now side by side), only the last is written, as serde_jcs does.
fn drop_all_but_last_of_a_name(out: &[u8], members: &mut [Member]) {
    for i in 1..members.len() {
        if let (Some(a), Some(b)) = (members.get(i - 1), members.get(i)) {
            if member_order(out, a, b).is_eq() {
                if let Some(dropped) = members.get_mut(i - 1) {
                    dropped.end = dropped.start;
                }
            }
        }
    }
}

/// Writes the object at `start` again, `{` and its members in the given order (without the
/// closing brace).
fn rewrite_in_order(out: &mut Vec<u8>, scratch: &mut Vec<u8>, start: usize, members: &[Member]) {
    scratch.clear();
    scratch.extend_from_slice(out.get(start..).unwrap_or_default());
    out.truncate(start);
    out.push(b'{');
    let mut first = true;
    for m in members.iter().filter(|m| m.end > m.start) {
        if !first {
            out.push(b',');
        }
        first = false;
        out.extend_from_slice(scratch.get(m.start - start..m.end - start).unwrap_or_default());
    }
}

/// A JSON string with the escapes RFC 8785 §3.2.2.2 prescribes (those of ECMAScript's
/// `JSON.stringify`, which are serde_json's too).
fn escaped(out: &mut Vec<u8>, text: &str) {
    out.push(b'"');
    let mut rest = text.as_bytes();
    while let Some(at) = rest.iter().position(|&b| b < 0x20 || b == b'"' || b == b'\\') {
        let (plain, from_escape) = rest.split_at(at);
        out.extend_from_slice(plain);
        let Some((&byte, after)) = from_escape.split_first() else { break };
        match byte {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hex_digit(byte >> 4), hex_digit(byte & 0xF)]),
        }
        rest = after;
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

fn hex_digit(nibble: u8) -> u8 {
    if nibble < 10 {
        b'0' + nibble
    } else {
        b'a' + nibble - 10
    }
}

/// An open object: a map, a struct, or a struct variant's content.
pub(super) struct Object<'a> {
    writer: &'a mut Writer,
    start: usize,
    base: usize,
    /// The span of the name of the map entry whose value comes next.
    name: (usize, usize),
    /// Whether a `{"variant":` wrapper closes after this object.
    variant: bool,
}

impl Object<'_> {
    fn field<T: Serialize + ?Sized>(&mut self, name: &str, value: &T) -> Result<()> {
        let start = self.writer.begin_member(self.base);
        self.writer.string(name);
        self.value_after((start, self.writer.out.len()), value)
    }

    fn value_after<T: Serialize + ?Sized>(&mut self, (start, name_end): (usize, usize), value: &T) -> Result<()> {
        let plain = !self.writer.out.get(start..name_end).unwrap_or_default().contains(&b'\\');
        self.writer.out.push(b':');
        value.serialize(&mut *self.writer)?;
        let end = self.writer.out.len();
        self.writer.members.push(Member { start, name_end, end, plain });
        Ok(())
    }

    fn close(self) {
        self.writer.close_object(self.start, self.base);
        if self.variant {
            self.writer.out.push(b'}');
        }
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Unrepresentable;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        let start = self.writer.begin_member(self.base);
        key.serialize(Name(&mut *self.writer))?;
        self.name = (start, self.writer.out.len());
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.value_after(self.name, value)
    }

    fn end(self) -> Result<()> {
        self.close();
        Ok(())
    }
}

macro_rules! struct_impls {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Object<'_> {
            type Ok = ();
            type Error = Unrepresentable;

            fn serialize_field<T: Serialize + ?Sized>(&mut self, name: &'static str, value: &T) -> Result<()> {
                self.field(name, value)
            }

            fn end(self) -> Result<()> {
                self.close();
                Ok(())
            }
        }
    )*};
}

struct_impls!(SerializeStruct, SerializeStructVariant);

/// An open array, and what closes it (`]`, or `]}` for a tuple variant).
pub(super) struct Array<'a> {
    writer: &'a mut Writer,
    first: bool,
    close: &'static [u8],
}

impl Array<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        if !self.first {
            self.writer.out.push(b',');
        }
        self.first = false;
        value.serialize(&mut *self.writer)
    }

    fn close(self) -> Result<()> {
        self.writer.out.extend_from_slice(self.close);
        Ok(())
    }
}

macro_rules! array_impls {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Array<'_> {
            type Ok = ();
            type Error = Unrepresentable;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.element(value)
            }

            fn end(self) -> Result<()> {
                self.close()
            }
        }
    )*};
}

array_impls!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

macro_rules! numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, value: $ty) -> Result<()> {
            // As a double, as serde_jcs writes every number (RFC 8785 §3.2.2.3).
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            self.integer(value, value as f64);
            Ok(())
        }
    )*};
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Unrepresentable;
    type SerializeSeq = Array<'a>;
    type SerializeTuple = Array<'a>;
    type SerializeTupleStruct = Array<'a>;
    type SerializeTupleVariant = Array<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, value: bool) -> Result<()> {
        self.out.extend_from_slice(if value { b"true" } else { b"false" });
        Ok(())
    }

    numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_f32(self, value: f32) -> Result<()> {
        self.float(f64::from(value))
    }

    fn serialize_f64(self, value: f64) -> Result<()> {
        self.float(value)
    }

    fn serialize_char(self, value: char) -> Result<()> {
        self.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<()> {
        self.string(value);
        Ok(())
    }

    fn serialize_bytes(self, value: &[u8]) -> Result<()> {
        let mut array = ser::Serializer::serialize_seq(self, Some(value.len()))?;
        for byte in value {
            ser::SerializeSeq::serialize_element(&mut array, byte)?;
        }
        array.close()
    }

    fn serialize_none(self) -> Result<()> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        self.nested = true;
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        self.out.extend_from_slice(b"null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<()> {
        self.nested = true;
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<()> {
        self.nested = true;
        self.open_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push(b'}');
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Array<'a>> {
        self.nested = true;
        self.out.push(b'[');
        Ok(Array { writer: self, first: true, close: b"]" })
    }

    fn serialize_tuple(self, len: usize) -> Result<Array<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Array<'a>> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Array<'a>> {
        self.nested = true;
        self.open_variant(variant);
        self.out.push(b'[');
        Ok(Array { writer: self, first: true, close: b"]}" })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a>> {
        Ok(self.open_object())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Object<'a>> {
        Ok(self.open_object())
    }

    fn serialize_struct_variant(self, _: &'static str, _: u32, variant: &'static str, _: usize) -> Result<Object<'a>> {
        self.nested = true;
        self.open_variant(variant);
        Ok(Object { variant: true, ..self.open_object() })
    }
}

/// Writes a map key as a member name: strings as they are, numbers and booleans quoted (as
/// serde_json does); anything else has no name.
struct Name<'a>(&'a mut Writer);

fn no_name<T>() -> Result<T> {
    Err(Unrepresentable("a map key that is not a string"))
}

macro_rules! quoted_numbers {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, value: $ty) -> Result<()> {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            self.serialize_f64(value as f64)
        }
    )*};
}

impl ser::Serializer for Name<'_> {
    type Ok = ();
    type Error = Unrepresentable;
    type SerializeSeq = Impossible<(), Unrepresentable>;
    type SerializeTuple = Impossible<(), Unrepresentable>;
    type SerializeTupleStruct = Impossible<(), Unrepresentable>;
    type SerializeTupleVariant = Impossible<(), Unrepresentable>;
    type SerializeMap = Impossible<(), Unrepresentable>;
    type SerializeStruct = Impossible<(), Unrepresentable>;
    type SerializeStructVariant = Impossible<(), Unrepresentable>;

    fn serialize_bool(self, value: bool) -> Result<()> {
        self.0.out.extend_from_slice(if value { b"\"true\"" } else { b"\"false\"" });
        Ok(())
    }

    quoted_numbers!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64, serialize_i128: i128,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_u128: u128);

    fn serialize_f32(self, value: f32) -> Result<()> {
        self.serialize_f64(f64::from(value))
    }

    fn serialize_f64(self, value: f64) -> Result<()> {
        if !value.is_finite() {
            return no_name();
        }
        self.0.out.push(b'"');
        self.0.number(value);
        self.0.out.push(b'"');
        Ok(())
    }

    fn serialize_char(self, value: char) -> Result<()> {
        self.0.string(value.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, value: &str) -> Result<()> {
        self.0.string(value);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<()> {
        no_name()
    }

    fn serialize_none(self) -> Result<()> {
        no_name()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<()> {
        no_name()
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        no_name()
    }

    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<()> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<()> {
        no_name()
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        no_name()
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        no_name()
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct> {
        no_name()
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        no_name()
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        no_name()
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        no_name()
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        no_name()
    }
}
