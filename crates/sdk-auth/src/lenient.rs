//! Tolerant decoding of one response field: what `x-lenient: true` on a spec property compiles
//! into (`#[serde(default, deserialize_with = "::sdk_auth::__private::lenient")]`).
//!
//! Vendors sometimes send a scalar in another type than they document (Druva events send
//! `"profileID": ""` where an integer is documented; Druva's own example sends
//! `privacySettingsEnabled: true` where a string is documented). Decoding such a body strictly
//! fails the whole page for one field. A lenient field never fails; what it then holds:
//!
//! | documented | sent | field holds |
//! | --- | --- | --- |
//! | integer | an integer in range, or a string of one (`"42"`, `" 42 "`) | `Some(42)` |
//! | integer | a number with no fraction (`42.0`) | `Some(42)` |
//! | integer | anything else (`""`, `"n/a"`, `4.5`, `true`, an object, out of range) | `None` |
//! | number | a number, or a string of one | `Some(x)` |
//! | number | anything else | `None` |
//! | boolean | `true`/`false`, the strings `"true"`/`"false"` (any case), `1`/`0`, `"1"`/`"0"` | `Some(b)` |
//! | boolean | anything else | `None` |
//! | string | a string | `Some(s)` |
//! | string | a boolean or a number | `Some` of its JSON text (`true` → `"true"`, `7` → `"7"`) |
//! | string | an object or an array | `Some` of its compact JSON text (nothing is dropped) |
//! | any | `null` or absent | `None` |
//!
//! So a value the field cannot hold becomes `None` only where the documented type has no
//! representation of it (an empty string as an integer); a string field keeps every value.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A scalar type a lenient field can hold: how it is read from any JSON value.
pub trait Lenient: Sized {
    /// The value `v` as this type, or `None` when it has no representation in it.
    fn from_json(v: Value) -> Option<Self>;
}

/// Deserializes an optional lenient field (see the module documentation for what it accepts).
pub fn lenient<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    let value = Value::deserialize(deserializer)?;
    Ok(match value {
        Value::Null => None,
        v => T::from_json(v),
    })
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Lenient for $t {
            fn from_json(v: Value) -> Option<Self> {
                match v {
                    Value::Number(n) => {
                        if let Some(i) = n.as_i64() {
                            <$t>::try_from(i).ok()
                        } else if let Some(u) = n.as_u64() {
                            <$t>::try_from(u).ok()
                        } else {
                            let f = n.as_f64()?;
                            // `42.0`: an integer written as a float (exact up to 2^53), in range.
                            if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 {
                                <$t>::try_from(f as i64).ok()
                            } else {
                                None
                            }
                        }
                    }
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                }
            }
        }
    )*};
}

integers!(i8, i16, i32, i64, u8, u16, u32, u64);

macro_rules! floats {
    ($($t:ty),*) => {$(
        impl Lenient for $t {
            fn from_json(v: Value) -> Option<Self> {
                match v {
                    Value::Number(n) => n.as_f64().map(|f| f as $t),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                }
            }
        }
    )*};
}

floats!(f32, f64);

impl Lenient for bool {
    fn from_json(v: Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(b),
            Value::Number(n) => match n.as_u64() {
                Some(0) => Some(false),
                Some(1) => Some(true),
                _ => None,
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

impl Lenient for String {
    fn from_json(v: Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(s),
            Value::Null => None,
            other => Some(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        #[serde(default, deserialize_with = "super::lenient")]
        id: Option<i64>,
        #[serde(default, deserialize_with = "super::lenient")]
        small: Option<u8>,
        #[serde(default, deserialize_with = "super::lenient")]
        ratio: Option<f64>,
        #[serde(default, deserialize_with = "super::lenient")]
        flag: Option<bool>,
        #[serde(default, deserialize_with = "super::lenient")]
        text: Option<String>,
        name: Option<String>,
    }

    fn item(v: serde_json::Value) -> Item {
        serde_json::from_value(v).expect("a lenient item never fails")
    }

    #[test]
    fn well_typed_values_pass_through() {
        let i = item(
            json!({"id": 7, "small": 200, "ratio": 1.5, "flag": true, "text": "t", "name": "n"}),
        );
        assert_eq!(
            i,
            Item {
                id: Some(7),
                small: Some(200),
                ratio: Some(1.5),
                flag: Some(true),
                text: Some("t".into()),
                name: Some("n".into()),
            }
        );
    }

    #[test]
    fn absent_and_null_are_none() {
        let i = item(json!({"id": null, "text": null}));
        assert_eq!(i.id, None);
        assert_eq!(i.text, None);
        assert_eq!(i.flag, None);
    }

    #[test]
    fn integers() {
        for (sent, held) in [
            (json!(""), None),
            (json!("42"), Some(42)),
            (json!(" 42 "), Some(42)),
            (json!("n/a"), None),
            (json!(42.0), Some(42)),
            (json!(4.5), None),
            (json!(true), None),
            (json!({"a": 1}), None),
            (json!(u64::MAX), None),
        ] {
            assert_eq!(item(json!({"id": sent.clone()})).id, held, "{sent}");
        }
        assert_eq!(item(json!({"small": 300})).small, None);
        assert_eq!(item(json!({"small": -1})).small, None);
        assert_eq!(item(json!({"small": "255"})).small, Some(255));
    }

    #[test]
    fn numbers_booleans_and_strings() {
        assert_eq!(item(json!({"ratio": "2.25"})).ratio, Some(2.25));
        assert_eq!(item(json!({"ratio": 3})).ratio, Some(3.0));
        assert_eq!(item(json!({"ratio": false})).ratio, None);
        for (sent, held) in [
            (json!("TRUE"), Some(true)),
            (json!("false"), Some(false)),
            (json!(1), Some(true)),
            (json!("0"), Some(false)),
            (json!(2), None),
            (json!("yes"), None),
        ] {
            assert_eq!(item(json!({"flag": sent.clone()})).flag, held, "{sent}");
        }
        for (sent, held) in [
            (json!(true), "true"),
            (json!(17), "17"),
            (json!(1.5), "1.5"),
            (json!({"a": [1]}), r#"{"a":[1]}"#),
        ] {
            assert_eq!(
                item(json!({"text": sent.clone()})).text.as_deref(),
                Some(held),
                "{sent}"
            );
        }
    }

    #[test]
    fn strict_fields_stay_strict() {
        let err = serde_json::from_value::<Item>(json!({"name": 5})).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
