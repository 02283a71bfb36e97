//! Whether a JSON Pointer (RFC 6901) names a place in a value's JSON form, found while the
//! value serialises, without building the JSON (a SIP's dissent points into the plan itself,
//! R-SP-5; serialising the whole plan to a `Value` to look was nine tenths of validating it).
//! Answers exactly as `serde_json::to_value(value)?.pointer(pointer).is_some()`.

use serde::ser::{self, Serialize};

/// Whether `pointer` names a value inside `value` as JSON (`""` names the whole value).
pub fn resolves(value: &impl Serialize, pointer: &str) -> bool {
    value.serialize(Seek(pointer)).unwrap_or(false)
}

/// Not an error of the value: serialisation simply stops (the answer is then "no").
#[derive(Debug)]
pub struct Stop;

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped")
    }
}

impl std::error::Error for Stop {}

impl ser::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

type R = Result<bool, Stop>;

/// The part of the pointer still to follow (`""`: here; else it starts with `/`).
#[derive(Clone, Copy)]
struct Seek<'p>(&'p str);

impl<'p> Seek<'p> {
    /// The next reference token, unescaped, and what follows it.
    fn split(self) -> Option<(String, Seek<'p>)> {
        let rest = self.0.strip_prefix('/')?;
        let (token, after) =
            rest.find('/').map_or((rest, ""), |at| (rest.get(..at).unwrap_or(""), rest.get(at..).unwrap_or("")));
        Some((token.replace("~1", "/").replace("~0", "~"), Seek(after)))
    }

    /// A scalar is found only when nothing is left to follow.
    fn here(self) -> R {
        Ok(self.0.is_empty())
    }

    fn object(self) -> Fields<'p> {
        Fields(if self.0.is_empty() { Target::Here } else { self.split().map_or(Target::Nowhere, Target::Key) })
    }

    fn items(self) -> Items<'p> {
        let target = if self.0.is_empty() {
            Target::Here
        } else {
            match self.split() {
                Some((token, after)) => index(&token).map_or(Target::Nowhere, |i| Target::Index(i, after)),
                None => Target::Nowhere,
            }
        };
        Items { target, next: 0, found: false }
    }

    /// `{"variant": inner}`: the inner value, if the pointer goes through the variant's name.
    fn variant(self, name: &str) -> Option<Seek<'p>> {
        let (token, after) = self.split()?;
        (token == name).then_some(after)
    }
}

/// An array index as serde_json reads one: digits only, no leading zero, no sign.
fn index(token: &str) -> Option<usize> {
    if token.starts_with('+') || (token.starts_with('0') && token.len() != 1) {
        return None;
    }
    token.parse().ok()
}

enum Target<'p> {
    Here,
    Nowhere,
    Key((String, Seek<'p>)),
    Index(usize, Seek<'p>),
}

/// The fields of a struct or map (or a variant's wrapper object) being written.
struct Fields<'p>(Target<'p>);

impl Fields<'_> {
    fn field(&mut self, key: &str, value: &(impl Serialize + ?Sized)) -> Result<(), Stop> {
        if let Target::Key((token, after)) = &self.0 {
            if token == key {
                let found = value.serialize(*after)?;
                self.0 = if found { Target::Here } else { Target::Nowhere };
            }
        }
        Ok(())
    }

    fn end(self) -> R {
        Ok(matches!(self.0, Target::Here))
    }
}

/// The items of a sequence being written.
struct Items<'p> {
    target: Target<'p>,
    next: usize,
    found: bool,
}

impl Items<'_> {
    fn item(&mut self, value: &(impl Serialize + ?Sized)) -> Result<(), Stop> {
        if let Target::Index(i, after) = self.target {
            if i == self.next {
                self.found = value.serialize(after)?;
            }
        }
        self.next += 1;
        Ok(())
    }

    fn end(self) -> R {
        Ok(self.found || matches!(self.target, Target::Here))
    }
}

/// A variant's wrapper `{"name": …}` around items or fields.
struct Wrapped<T>(Option<T>, bool);

macro_rules! scalars {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> R { self.here() })*
    };
}

impl<'p> ser::Serializer for Seek<'p> {
    type Ok = bool;
    type Error = Stop;
    type SerializeSeq = Items<'p>;
    type SerializeTuple = Items<'p>;
    type SerializeTupleStruct = Items<'p>;
    type SerializeTupleVariant = Wrapped<Items<'p>>;
    type SerializeMap = MapFields<'p>;
    type SerializeStruct = Fields<'p>;
    type SerializeStructVariant = Wrapped<Fields<'p>>;

    scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_none(self) -> R {
        self.here()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        self.here()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
        self.here()
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
        value: &T,
    ) -> R {
        if self.0.is_empty() {
            return Ok(true);
        }
        self.variant(v).map_or(Ok(false), |inner| value.serialize(inner))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'p>, Stop> {
        Ok(self.items())
    }
    fn serialize_tuple(self, _: usize) -> Result<Items<'p>, Stop> {
        Ok(self.items())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'p>, Stop> {
        Ok(self.items())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
        _: usize,
    ) -> Result<Wrapped<Items<'p>>, Stop> {
        Ok(Wrapped(self.variant(v).map(Seek::items), self.0.is_empty()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapFields<'p>, Stop> {
        Ok(MapFields { fields: self.object(), key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'p>, Stop> {
        Ok(self.object())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
        _: usize,
    ) -> Result<Wrapped<Fields<'p>>, Stop> {
        Ok(Wrapped(self.variant(v).map(Seek::object), self.0.is_empty()))
    }
}

/// The compound serializers differ only in their method's name (and a field's key).
macro_rules! compound {
    ($($trait:ident :: $method:ident for $ty:ty => |$s:ident, $v:ident| $body:expr, end |$e:ident| $end:expr;)*) => {$(
        impl ser::$trait for $ty {
            type Ok = bool;
            type Error = Stop;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
                let ($s, $v) = (self, value);
                $body
            }
            fn end(self) -> R {
                let $e = self;
                $end
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element for Items<'_> => |s, v| s.item(v), end |e| e.end();
    SerializeTuple::serialize_element for Items<'_> => |s, v| s.item(v), end |e| e.end();
    SerializeTupleStruct::serialize_field for Items<'_> => |s, v| s.item(v), end |e| e.end();
    SerializeTupleVariant::serialize_field for Wrapped<Items<'_>> => |s, v| s.0.as_mut().map_or(Ok(()), |i| i.item(v)),
        end |e| Ok(e.1 || e.0.map_or(Ok(false), Items::end)?);
);

macro_rules! struct_fields {
    ($($trait:ident for $ty:ty => |$s:ident, $k:ident, $v:ident| $body:expr, end |$e:ident| $end:expr;)*) => {$(
        impl ser::$trait for $ty {
            type Ok = bool;
            type Error = Stop;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Stop> {
                let ($s, $k, $v) = (self, key, value);
                $body
            }
            fn end(self) -> R {
                let $e = self;
                $end
            }
        }
    )*};
}

struct_fields!(
    SerializeStruct for Fields<'_> => |s, k, v| s.field(k, v), end |e| e.end();
    SerializeStructVariant for Wrapped<Fields<'_>> => |s, k, v| s.0.as_mut().map_or(Ok(()), |f| f.field(k, v)),
        end |e| Ok(e.1 || e.0.map_or(Ok(false), Fields::end)?);
);

/// A map being written: keys are named as JSON names them (strings).
struct MapFields<'p> {
    fields: Fields<'p>,
    key: Option<String>,
}

impl ser::SerializeMap for MapFields<'_> {
    type Ok = bool;
    type Error = Stop;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stop> {
        self.key = Some(crate::reading::key_name(key));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stop> {
        let key = self.key.take().unwrap_or_default();
        self.fields.field(&key, value)
    }
    fn end(self) -> R {
        self.fields.end()
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;
    use serde_json::Value;

    use super::*;
    use crate::case::LogEntry;
    use crate::documents::ShareQuestion;
    use crate::sip::Sip;

    /// Every node of `v` by JSON Pointer, and near misses of each: an index one past the end,
    /// a leading zero or sign, an unknown key, a key escaped, a step into a scalar.
    fn pointers(v: &Value, path: String, out: &mut Vec<String>) {
        out.push(path.clone());
        out.push(format!("{path}/x"));
        out.push(format!("{path}/0"));
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let escaped = k.replace('~', "~0").replace('/', "~1");
                    out.push(format!("{path}/{escaped}~1"));
                    pointers(x, format!("{path}/{escaped}"), out);
                }
            }
            Value::Array(a) => {
                out.extend([
                    format!("{path}/{}", a.len()),
                    format!("{path}/00"),
                    format!("{path}/+0"),
                    format!("{path}/-"),
                ]);
                a.iter().enumerate().for_each(|(i, x)| pointers(x, format!("{path}/{i}"), out));
            }
            _ => {}
        }
    }

    /// An exhaustive small world: every pointer into three documents and its near misses
    /// answer as serde_json's own `Value::pointer` does.
    fn agrees<T: DeserializeOwned + Serialize>(text: &str) -> usize {
        let typed: T = serde_json::from_str(text).unwrap();
        let doc = serde_json::to_value(&typed).unwrap();
        let mut all = vec!["nope".to_owned(), "/".to_owned()];
        pointers(&doc, String::new(), &mut all);
        for p in &all {
            assert_eq!(resolves(&typed, p), doc.pointer(p).is_some(), "{p}");
        }
        all.len()
    }

    #[test]
    fn resolves_exactly_as_serde_json_pointer_does() {
        let n = agrees::<Sip>(include_str!("../../../../examples/sip/valid.json"))
            + agrees::<Sip>(include_str!("../../../../examples/sip/invalid.json"))
            + agrees::<Vec<LogEntry>>(include_str!("../../../../examples/case/log.json"))
            + agrees::<ShareQuestion>(include_str!("../../../../examples/sharing/denied.json"));
        assert!(n > 500, "{n}");
    }

    #[test]
    fn keys_with_slash_and_tilde_are_escaped() {
        let mut m = serde_json::Map::new();
        m.insert("a/b~c".into(), Value::from(1));
        let doc = Value::Object(m);
        assert!(resolves(&doc, "/a~1b~0c"));
        assert!(!resolves(&doc, "/a/b~c"));
    }
}
