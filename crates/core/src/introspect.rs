//! Field names of a serde-derived struct, for callers that must reject unknown keys themselves
//! (e.g. reading JavaScript objects, where serde-wasm-bindgen only looks at the known ones).

use core::fmt;
use serde::de::{self, Deserialize, Visitor};

/// The error the probing deserializer returns once it has seen the field list.
#[derive(Debug)]
struct Probe;

impl fmt::Display for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field probe")
    }
}

impl de::StdError for Probe {}

impl de::Error for Probe {
    fn custom<T: fmt::Display>(_msg: T) -> Self {
        Probe
    }
}

struct FieldProbe<'a> {
    fields: &'a mut &'static [&'static str],
}

impl<'de> de::Deserializer<'de> for FieldProbe<'_> {
    type Error = Probe;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Probe> {
        Err(Probe)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Probe> {
        *self.fields = fields;
        Err(Probe)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The serialized field names of `T` if it deserializes as a struct (empty otherwise).
pub fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldProbe {
        fields: &mut fields,
    });
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AgentConfig, SwarmConfig, TaskConfig, Topology};

    #[test]
    fn lists_camel_case_field_names() {
        assert_eq!(
            struct_fields::<TaskConfig>(),
            [
                "id",
                "description",
                "priority",
                "requiredCapabilities",
                "dependencies",
                "maxRetries"
            ]
        );
        assert!(struct_fields::<SwarmConfig>().contains(&"maxConcurrentPerAgent"));
        assert!(struct_fields::<AgentConfig>().contains(&"cognitivePattern"));
        assert!(struct_fields::<Topology>().is_empty());
        assert!(struct_fields::<alloc::vec::Vec<TaskConfig>>().is_empty());
    }
}
