//! The positional rule of SPEC §9, written once: no struct may be read from a JSON array
//! (serde reads a struct from an array by position, so `["g1", "Parent"]` would pass for a
//! guardian). The value is walked as it serialises, beside the JSON it was read from, without
//! building anything; the path of the first struct read from an array is put together only as
//! the walk stops there.

use serde::ser::{self, Serialize};
use serde_json::Value;

/// Whether every struct in `read` was written as an object in `written`.
pub fn objects_stay_objects(written: &Value, read: &impl Serialize) -> bool {
    read.serialize(Shape(Some(written))).is_ok()
}

/// The JSON Pointer of the first struct of `read` that `written` has as an array, if any.
/// A value that does not serialise has none (it was read, so it was not positional).
pub fn first_positional(written: &Value, read: &impl Serialize) -> Option<String> {
    match read.serialize(Shape(Some(written))) {
        Err(Positional::At(steps)) => Some(steps.iter().rev().fold(String::new(), |mut path, step| {
            crate::reading::push_token(&mut path, step);
            path
        })),
        Err(Positional::NotSerialised) | Ok(()) => None,
    }
}

/// Why the walk stopped.
#[derive(Debug)]
pub enum Positional {
    /// A struct read from an array, at these steps (innermost first: each level adds its own as
    /// the walk unwinds).
    At(Vec<String>),
    /// The value refused to serialise (a key that is not text).
    NotSerialised,
}

impl Positional {
    /// The walk stopped inside `step`: the step joins the path.
    fn within(self, step: impl FnOnce() -> String) -> Positional {
        match self {
            Positional::At(mut steps) => {
                steps.push(step());
                Positional::At(steps)
            }
            other => other,
        }
    }
}

impl std::fmt::Display for Positional {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a struct was read from an array")
    }
}

impl std::error::Error for Positional {}

impl ser::Error for Positional {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Positional::NotSerialised
    }
}

type R = Result<(), Positional>;

/// The serializer: the JSON the value was read from, where there was any.
struct Shape<'a>(Option<&'a Value>);

impl<'a> Shape<'a> {
    fn field(&self, key: &str) -> Shape<'a> {
        Shape(self.0.and_then(|w| w.get(key)))
    }

    fn object(self) -> Result<Fields<'a>, Positional> {
        match self.0 {
            Some(Value::Array(_)) => Err(Positional::At(Vec::new())),
            other => Ok(Fields { written: other, under: None }),
        }
    }

    fn items(self) -> Items<'a> {
        Items { written: self.0.and_then(Value::as_array).map(|a| a.iter()), index: 0, under: None }
    }
}

/// The fields of a struct or map being written, beside the written object; `under` is the
/// variant a struct variant is written under (a step of the path).
struct Fields<'a> {
    written: Option<&'a Value>,
    under: Option<&'static str>,
}

/// The items of a sequence being written, beside the written ones.
struct Items<'a> {
    written: Option<std::slice::Iter<'a, Value>>,
    index: usize,
    under: Option<&'static str>,
}

impl Items<'_> {
    fn next(&mut self, value: &(impl Serialize + ?Sized)) -> R {
        let written = self.written.as_mut().and_then(Iterator::next);
        let index = self.index;
        self.index += 1;
        let under = self.under;
        value.serialize(Shape(written)).map_err(|stop| within_variant(stop.within(|| index.to_string()), under))
    }

    fn under(self, variant: &'static str) -> Self {
        Items { under: Some(variant), ..self }
    }
}

/// A stop inside a tuple or struct variant also passes through the variant's name.
fn within_variant(stop: Positional, under: Option<&'static str>) -> Positional {
    match under {
        Some(variant) => stop.within(|| variant.to_owned()),
        None => stop,
    }
}

macro_rules! scalars {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> R { Ok(()) })*
    };
}

impl<'a> ser::Serializer for Shape<'a> {
    type Ok = ();
    type Error = Positional;
    type SerializeSeq = Items<'a>;
    type SerializeTuple = Items<'a>;
    type SerializeTupleStruct = Items<'a>;
    type SerializeTupleVariant = Items<'a>;
    type SerializeMap = MapFields<'a>;
    type SerializeStruct = Fields<'a>;
    type SerializeStructVariant = Fields<'a>;

    scalars!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64, serialize_f32: f32,
        serialize_f64: f64, serialize_char: char, serialize_str: &str, serialize_bytes: &[u8],
        serialize_unit_struct: &'static str);

    fn serialize_none(self) -> R {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
        Ok(())
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
        value.serialize(self.field(v)).map_err(|stop| stop.within(|| v.to_owned()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Items<'a>, Positional> {
        Ok(self.items())
    }
    fn serialize_tuple(self, _: usize) -> Result<Items<'a>, Positional> {
        Ok(self.items())
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Items<'a>, Positional> {
        Ok(self.items())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
        _: usize,
    ) -> Result<Items<'a>, Positional> {
        Ok(self.field(v).items().under(v))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapFields<'a>, Positional> {
        Ok(MapFields { fields: self.object()?, key: None })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Fields<'a>, Positional> {
        self.object()
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        v: &'static str,
        _: usize,
    ) -> Result<Fields<'a>, Positional> {
        self.field(v).object().map(|fields| fields.under(v)).map_err(|stop| stop.within(|| v.to_owned()))
    }
}

/// The compound serializers differ only in their method's name (and a field's key): one impl
/// per serde trait, each passing the value on beside its written twin.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Items<'_> {
            type Ok = ();
            type Error = Positional;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
                self.next(value)
            }
            fn end(self) -> R {
                Ok(())
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl Fields<'_> {
    fn field(&self, key: &str, value: &(impl Serialize + ?Sized)) -> R {
        value
            .serialize(Shape(self.written.and_then(|w| w.get(key))))
            .map_err(|stop| within_variant(stop.within(|| key.to_owned()), self.under))
    }

    fn under(self, variant: &'static str) -> Self {
        Fields { under: Some(variant), ..self }
    }
}

macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Fields<'_> {
            type Ok = ();
            type Error = Positional;
            fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> R {
                self.field(key, value)
            }
            fn end(self) -> R {
                Ok(())
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

/// A map being written: keys are read as JSON keys are (strings).
struct MapFields<'a> {
    fields: Fields<'a>,
    key: Option<String>,
}

impl ser::SerializeMap for MapFields<'_> {
    type Ok = ();
    type Error = Positional;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        self.key = Some(crate::reading::key_name(key));
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        let key = self.key.take().unwrap_or_default();
        self.fields.field(&key, value)
    }
    fn end(self) -> R {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde::de::DeserializeOwned;

    use super::*;
    use crate::case::LogEntry;
    use crate::documents::ShareQuestion;
    use crate::sip::Sip;

    /// Every object node of `v`, by JSON Pointer.
    fn objects(v: &Value, path: String, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                out.push(path.clone());
                for (k, x) in m {
                    objects(x, format!("{path}/{k}"), out);
                }
            }
            Value::Array(a) => a.iter().enumerate().for_each(|(i, x)| objects(x, format!("{path}/{i}"), out)),
            _ => {}
        }
    }

    /// The oracle, written apart from the serializer walk: the value read is written back as
    /// JSON and compared with the input node by node; where the input has an array and the
    /// value an object, a struct was read positionally.
    fn oracle(written: &Value, read: &Value, path: String) -> Option<String> {
        match (written, read) {
            (Value::Array(_), Value::Object(_)) => Some(path),
            (Value::Object(w), Value::Object(r)) => {
                w.iter().find_map(|(k, v)| r.get(k).and_then(|back| oracle(v, back, format!("{path}/{k}"))))
            }
            (Value::Array(w), Value::Array(r)) => {
                w.iter().zip(r).enumerate().find_map(|(i, (v, back))| oracle(v, back, format!("{path}/{i}")))
            }
            _ => None,
        }
    }

    /// The walk agrees with the oracle — yes or no, and the path — on the document and on
    /// every variant of it with one object written positionally (an array of its values, in
    /// order), wherever that variant still parses: an exhaustive small world.
    fn agrees<T: DeserializeOwned + Serialize>(text: &str) -> usize {
        let doc: Value = serde_json::from_str(text).unwrap();
        let typed: T = serde_json::from_str(text).unwrap();
        assert!(objects_stay_objects(&doc, &typed));
        assert_eq!(first_positional(&doc, &typed), None);
        let mut paths = Vec::new();
        objects(&doc, String::new(), &mut paths);
        let mut positional = 0;
        for path in paths.iter().filter(|p| !p.is_empty()) {
            let mut variant = doc.clone();
            let node = variant.pointer_mut(path).unwrap();
            *node = Value::Array(node.as_object().unwrap().values().cloned().collect());
            let Ok(read) = serde_json::from_value::<T>(variant.clone()) else { continue };
            let expected = oracle(&variant, &serde_json::to_value(&read).unwrap(), String::new());
            assert_eq!(first_positional(&variant, &read), expected, "{path}");
            assert_eq!(objects_stay_objects(&variant, &read), expected.is_none(), "{path}");
            positional += usize::from(expected.is_some());
        }
        positional
    }

    #[test]
    fn the_positional_walk_agrees_with_the_oracle_and_names_the_node() {
        let log = agrees::<Vec<LogEntry>>(include_str!("../../../../examples/case/log.json"));
        let question = agrees::<ShareQuestion>(include_str!("../../../../examples/sharing/denied.json"));
        let sip = agrees::<Sip>(include_str!("../../../../examples/sip/valid.json"));
        // Each document has objects that parse positionally and must be refused.
        assert!(log > 10 && question > 3 && sip > 3, "{log} {question} {sip}");
    }
}
