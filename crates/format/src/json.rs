//! Reading the format's JSON documents: [`from_str`] is `serde_json::from_str` that takes a
//! struct only as a JSON object, as the published schema says every one is.
//!
//! Why not plain serde_json: it also accepts a struct written as an array of its fields, so every
//! derived reader carries a second, array-shaped copy of itself (`visit_seq`), one per struct and
//! per struct variant, which nothing ever uses. In the app's wasm those copies were a few
//! kilobytes gzipped. Here each reader is handed to serde_json through thin wrappers that pass
//! everything through, but ask for a struct as a map ([`Objects`]), so the array-shaped readers
//! are never instantiated. Written by hand because serde has no switch for it; the wrappers are
//! the usual pass-through shape (as in `serde_ignored`), and nothing here knows the format.
//!
//! Not here: what the documents hold (`model`, `pages`) or what makes one valid (`validate`).

use std::fmt;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, Visitor};

/// Reads `T` from `text`: serde_json's reader and errors, a struct only as an object.
pub fn from_str<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = T::deserialize(Objects(&mut de))?;
    de.end()?;
    Ok(value)
}

/// A deserializer that reads structs (and struct variants) only from maps; everything else as
/// the wrapped one does.
struct Objects<D>(D);

/// A visitor passed through, whose nested values are read through [`Objects`] too.
struct Wrap<V>(V);

/// A struct's visitor: takes a map, refuses an array (serde's own error, from `Visitor`'s
/// default `visit_seq`).
struct StructOnly<V>(V);

struct Seq<A>(A);
struct Map<A>(A);
struct Enum<A>(A);
struct Variant<A>(A);
struct Seed<S>(S);

macro_rules! forward {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            self.0.$method(Wrap(visitor))
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Objects<D> {
    type Error = D::Error;

    forward! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_f32 deserialize_f64
        deserialize_char deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map deserialize_identifier
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(visitor)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(visitor))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(StructOnly(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! visit_scalars {
    ($($method:ident: $t:ty)*) => {$(
        fn $method<E: de::Error>(self, v: $t) -> Result<V::Value, E> {
            self.0.$method(v)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    visit_scalars! {
        visit_bool: bool visit_i8: i8 visit_i16: i16 visit_i32: i32 visit_i64: i64
        visit_u8: u8 visit_u16: u16 visit_u32: u32 visit_u64: u64 visit_f32: f32 visit_f64: f64
        visit_char: char visit_str: &str visit_borrowed_str: &'de str visit_string: String
        visit_bytes: &[u8] visit_borrowed_bytes: &'de [u8] visit_byte_buf: Vec<u8>
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Objects(d))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Objects(d))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Seq(seq))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Map(map))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Enum(data))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for StructOnly<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Map(map))
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Seq<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Map<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Seed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Seed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Enum<A> {
    type Error = A::Error;
    type Variant = Variant<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self::Variant), A::Error> {
        self.0.variant_seed(Seed(seed)).map(|(value, variant)| (value, Variant(variant)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Variant<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Seed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, StructOnly(visitor))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Seed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Objects(d))
    }
}

#[cfg(test)]
mod tests {
    use super::from_str;
    use crate::inline::{Inline, LinkTarget};
    use crate::model::Entity;

    #[test]
    fn reads_structs_enums_options_and_lists_as_serde_json_does() {
        let text = r#"[{"text": "a"}, "break", {"link": {"target": {"entity": {"lang": "zh", "slug": "x"}},
            "children": [{"strong": [{"code": "c"}]}]}}, {"link": {"target": {"external": "https://e.org"},
            "children": []}}]"#;
        let ours: Vec<Inline> = from_str(text).unwrap();
        assert_eq!(ours, serde_json::from_str::<Vec<Inline>>(text).unwrap());
        assert!(matches!(&ours[2], Inline::Link { target: LinkTarget::Entity { slug, .. }, .. } if slug == "x"));
    }

    #[test]
    fn refuses_a_struct_written_as_an_array_which_serde_json_would_take() {
        let text = r#"["x", "X"]"#;
        assert!(serde_json::from_str::<Entity>(text).is_ok());
        let error = from_str::<Entity>(text).unwrap_err().to_string();
        assert!(error.starts_with("invalid type: sequence, expected struct Entity at line 1"), "{error}");
        let variant = r#"{"link": {"target": {"entity": ["zh", "x"]}, "children": []}}"#;
        assert!(serde_json::from_str::<Inline>(variant).is_ok());
        assert!(from_str::<Inline>(variant).unwrap_err().to_string().starts_with("invalid type: sequence"));
    }

    #[test]
    fn errors_keep_serde_json_s_message_and_position() {
        let text = "{\"slug\": \"x\",\n \"name\": 3}";
        let ours = from_str::<Entity>(text).unwrap_err().to_string();
        assert_eq!(ours, serde_json::from_str::<Entity>(text).unwrap_err().to_string());
        assert!(ours.ends_with("line 2 column 10"), "{ours}");
        assert!(from_str::<Entity>(r#"{"slug": "x", "name": "y"} ["#).is_err(), "trailing characters");
        let unknown = from_str::<Entity>(r#"{"slug": "x", "name": "y", "extra": 1}"#).unwrap_err().to_string();
        assert!(unknown.starts_with("unknown field `extra`"), "{unknown}");
    }
}
