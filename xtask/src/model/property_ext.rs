//! What the extensions that stand on a component schema's property (`x-lenient`,
//! `x-rust-name`) share: finding them in the raw YAML (so that a misplaced one is named, not
//! silently ignored), and finding the generated field they apply to.

use heck::ToUpperCamelCase;
use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use yaml_serde::Value;

/// `(schema, property, value)` for every inline property of a component schema that carries
/// extension `key`, in document order (where the parsed spec keeps it; [`find`] sees the rest).
pub fn on_component_properties(
    spec: &OpenAPI,
    key: &str,
) -> Vec<(String, String, serde_json::Value)> {
    let mut out = Vec::new();
    let Some(components) = &spec.components else {
        return out;
    };
    for (name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            continue;
        };
        for (property, p) in &object.properties {
            if let ReferenceOr::Item(p) = p
                && let Some(value) = p.schema_data.extensions.get(key)
            {
                out.push((name.clone(), property.clone(), value.clone()));
            }
        }
    }
    out
}

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

/// The field of the struct generated for component schema `schema` that `pick` chooses; the
/// error names what is missing, prefixed with `what` (the extension and the property).
pub fn generated_field<'a>(
    file: &'a mut syn::File,
    schema: &str,
    what: &str,
    pick: impl Fn(&syn::Field) -> bool,
) -> Result<&'a mut syn::Field, String> {
    let Some(items) = file.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    }) else {
        return Err(format!("{what}: the generated code has no `types` module"));
    };
    let struct_name = schema.to_upper_camel_case();
    let Some(syn::Item::Struct(target)) = items
        .iter_mut()
        .find(|i| matches!(i, syn::Item::Struct(s) if s.ident == struct_name))
    else {
        return Err(format!("{what}: no generated struct `{struct_name}`"));
    };
    let syn::Fields::Named(named) = &mut target.fields else {
        return Err(format!("{what}: `{struct_name}` has no named fields"));
    };
    named
        .named
        .iter_mut()
        .find(|f| pick(f))
        .ok_or_else(|| format!("{what}: `{struct_name}` has no such field"))
}
