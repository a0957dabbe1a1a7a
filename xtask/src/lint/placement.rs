//! Where the extensions that stand on a component schema's property (`x-lenient`,
//! `x-rust-name`) stand: found in the raw YAML, so that a misplaced one is named, not silently
//! ignored (openapiv3 drops extensions on the objects it does not keep).

use yaml_serde::Value;

/// Every `key` in the document, with its JSON pointer and value (examples and defaults, which
/// are data, are not searched).
pub fn find(document: &Value, key: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    walk(document, key, String::new(), &mut out);
    out
}

fn walk(value: &Value, key: &str, pointer: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let name = match k {
                    Value::String(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                let here = format!("{pointer}/{}", name.replace('~', "~0").replace('/', "~1"));
                if name == key {
                    out.push((here, v.clone()));
                } else if name != "example" && name != "examples" && name != "default" {
                    walk(v, key, here, out);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, key, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The (schema, property) an extension at `pointer` stands on, when that is a property in the
/// `properties` of a component schema (`/components/schemas/S/properties/P/x-...`).
pub fn component_property(pointer: &str) -> Option<(String, String)> {
    let parts: Vec<&str> = pointer.split('/').collect();
    let placed = parts.len() == 7
        && parts[1] == "components"
        && parts[2] == "schemas"
        && parts[4] == "properties";
    placed.then(|| (unescape(parts[3]), unescape(parts[5])))
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}
