//! Extensions on a component schema's properties, and the password header parameters.
//!
//! - `x-lenient: true` ([`LenientField`]): the property is decoded leniently (`rewrite::lenient`).
//! - `x-rust-name: <snake_case>` ([`RenamedField`]): the property's Rust field name
//!   (`emit::progenitor::view` renames it for typify, `rewrite::rust_names` puts the wire name
//!   back).
//! - header parameters `{type: string, format: password}` ([`password_headers`]): sent and
//!   matched without showing their value (`rewrite::password_headers`).
//!
//! Only properties written inline in the `properties` of a component schema are read here (what
//! the parsed spec keeps); the lint walks the raw YAML to name an extension that stands anywhere
//! else or says something else (`lint::lenient`, `lint::rust_names`).

use std::collections::BTreeSet;

use openapiv3::{OpenAPI, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind, Type};

use crate::model::{Operation, spec};

/// The extension that marks a lenient property.
pub const LENIENT: &str = "x-lenient";
/// The extension that gives a property its Rust name.
pub const RUST_NAME: &str = "x-rust-name";

/// One lenient field: the component schema and the property (its name on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LenientField {
    /// The component schema's name.
    pub schema: String,
    /// The property's name in the spec (and on the wire).
    pub property: String,
}

/// One renamed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenamedField {
    /// The component schema's name.
    pub schema: String,
    /// The property's name in the spec and on the wire.
    pub property: String,
    /// The Rust field name.
    pub rust_name: String,
}

/// `(schema, property, property schema)` for every inline property of an object component
/// schema, in document order.
fn component_properties(spec: &OpenAPI) -> Vec<(&str, &str, &Schema)> {
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
            if let ReferenceOr::Item(p) = p {
                out.push((name.as_str(), property.as_str(), p.as_ref()));
            }
        }
    }
    out
}

/// The lenient fields of a spec (every property carrying `x-lenient`, whatever its value: the
/// lint takes only `true`), in document order.
pub fn lenient(spec: &OpenAPI) -> Vec<LenientField> {
    component_properties(spec)
        .into_iter()
        .filter(|(_, _, p)| p.schema_data.extensions.contains_key(LENIENT))
        .map(|(schema, property, _)| LenientField {
            schema: schema.to_string(),
            property: property.to_string(),
        })
        .collect()
}

/// The `x-rust-name` of a property's schema, when it is a string (anything else is the lint's to
/// name).
pub fn rust_name_of(property: &Schema) -> Option<&str> {
    match property.schema_data.extensions.get(RUST_NAME) {
        Some(serde_json::Value::String(name)) => Some(name),
        _ => None,
    }
}

/// The renamed fields of a spec, in document order.
pub fn rust_names(spec: &OpenAPI) -> Vec<RenamedField> {
    component_properties(spec)
        .into_iter()
        .filter_map(|(schema, property, p)| {
            Some(RenamedField {
                schema: schema.to_string(),
                property: property.to_string(),
                rust_name: rust_name_of(p)?.to_string(),
            })
        })
        .collect()
}

/// The names of the header parameters (of the path items and of `operations`) whose schema is
/// `{type: string, format: password}`.
pub fn password_headers(spec: &OpenAPI, operations: &[Operation<'_>]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let path_level = spec.paths.paths.values().filter_map(|item| match item {
        ReferenceOr::Item(item) => Some(&item.parameters),
        ReferenceOr::Reference { .. } => None,
    });
    let params = path_level
        .flatten()
        .chain(operations.iter().flat_map(|op| op.op.parameters.iter()));
    for p in params {
        let Some(openapiv3::Parameter::Header { parameter_data, .. }) = spec::parameter(spec, p)
        else {
            continue;
        };
        let ParameterSchemaOrContent::Schema(schema) = &parameter_data.format else {
            continue;
        };
        let schema = match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => {
                spec::ref_name(reference, "schemas").and_then(|name| spec::schema(spec, name))
            }
        };
        if let Some(schema) = schema
            && let SchemaKind::Type(Type::String(s)) = &schema.schema_kind
            && spec::is_password(s)
        {
            out.insert(parameter_data.name.clone());
        }
    }
    out
}
