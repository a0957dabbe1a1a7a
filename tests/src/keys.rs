//! What a decode dropped: the keys a body held that the SDK's type, serialized back, lacks.
//!
//! Every response field of the specs is optional and unknown keys are ignored, so a field a
//! spec lacks decodes "successfully" and is gone. The tests that compare the simulators' bodies
//! and the vendors' examples with the SDKs' types all ask this one question.

use std::collections::BTreeSet;

use serde_json::Value;

/// Keys of `sent` (at every depth, every array item, written `/a/*/b`) with a value that `back`
/// lacks. `null`, `[]` and `{}` carry nothing, so the types may leave them out. An array that
/// comes back shorter is reported as `/path: N items sent, M kept`.
///
/// ```
/// use serde_json::json;
/// let sent = json!({"a": 1, "n": null, "l": [{"x": 1}, {"x": 2, "y": 3}], "o": {"p": {"q": 1}}});
/// let back = json!({"a": 1, "l": [{"x": 1}, {"x": 2}], "o": {"p": {}}});
/// let lost: Vec<_> = sdk_tests::keys::lost_keys(&sent, &back).into_iter().collect();
/// assert_eq!(lost, ["/l/*/y", "/o/p/q"]);
/// ```
pub fn lost_keys(sent: &Value, back: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk(sent, back, "", &mut out);
    out
}

/// [`lost_keys`] of `sent` decoded as `T` and serialized back; `Err` when it does not decode.
pub fn lost_in_decode<T>(sent: &Value) -> Result<BTreeSet<String>, String>
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let typed: T = serde_json::from_value(sent.clone()).map_err(|e| e.to_string())?;
    let back = serde_json::to_value(&typed).map_err(|e| e.to_string())?;
    Ok(lost_keys(sent, &back))
}

/// Panics, naming the type and the keys, unless `sent` decodes as `T` with every key kept.
pub fn assert_keeps_every_key<T>(sent: &Value)
where
    T: serde::de::DeserializeOwned + serde::Serialize,
{
    let name = std::any::type_name::<T>();
    let lost = lost_in_decode::<T>(sent).unwrap_or_else(|e| panic!("{name}: does not decode: {e}"));
    assert!(lost.is_empty(), "{name} drops {lost:?}");
}

/// Whether `v` carries nothing (`null`, `[]`, `{}`).
fn is_empty(v: &Value) -> bool {
    v.is_null()
        || v.as_array().is_some_and(Vec::is_empty)
        || v.as_object().is_some_and(serde_json::Map::is_empty)
}

fn walk(sent: &Value, back: &Value, at: &str, out: &mut BTreeSet<String>) {
    match (sent, back) {
        (Value::Object(sent), Value::Object(back)) => {
            for (key, value) in sent {
                if is_empty(value) {
                    continue;
                }
                let here = format!("{at}/{key}");
                match back.get(key) {
                    None => {
                        out.insert(here);
                    }
                    Some(kept) => walk(value, kept, &here, out),
                }
            }
        }
        (Value::Array(sent), Value::Array(back)) => {
            if back.len() < sent.len() {
                out.insert(format!(
                    "{at}: {} items sent, {} kept",
                    sent.len(),
                    back.len()
                ));
            }
            for (s, b) in sent.iter().zip(back) {
                walk(s, b, &format!("{at}/*"), out);
            }
        }
        _ => {}
    }
}
