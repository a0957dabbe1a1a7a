//! Rust field names chosen in the spec: `x-rust-name: <snake_case>` on a property of a
//! component schema.
//!
//! typify names a field after its property (snake case, `_` after a keyword), so two properties
//! can need the same Rust name: the console sends `@type` (the object's class) and `type` (the
//! appliance's kind) side by side, and both would be `type_`; the struct would not compile, so the
//! second could not be modelled and its value was dropped. `x-rust-name` gives the property
//! another Rust name: the xtask hands progenitor a copy of the spec in which the property is
//! renamed, then puts the wire name back with `#[serde(rename = "...")]` on the generated field.
//! Serialization and deserialization see the wire name; Rust code sees the chosen one.
//!
//! Allowed only where it compiles to that: inline in the `properties` of a component schema,
//! with a snake_case identifier that no other property of the schema has.

use heck::ToSnakeCase;
use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use yaml_serde::Value;

use crate::lint::Problem;
use crate::model::property_ext;

const KEY: &str = "x-rust-name";

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

/// The renamed fields of a spec, in document order (values that are not strings are the
/// lint's to name).
pub fn fields(spec: &OpenAPI) -> Vec<RenamedField> {
    property_ext::on_component_properties(spec, KEY)
        .into_iter()
        .filter_map(|(schema, property, value)| match value {
            serde_json::Value::String(rust_name) => Some(RenamedField {
                schema,
                property,
                rust_name,
            }),
            _ => None,
        })
        .collect()
}

/// The `x-rust-name` rule: where the extension stands and what it says (raw YAML), and that the
/// name is free in its schema.
pub fn lint(yaml: &str, spec: &OpenAPI) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |detail: String| {
        problems.push(Problem {
            operation: "document".into(),
            rule: KEY,
            detail,
        })
    };
    let Ok(document) = yaml_serde::from_str::<Value>(yaml) else {
        return problems;
    };
    for (pointer, value) in property_ext::find(&document, KEY) {
        if property_ext::component_property(&pointer).is_none() {
            push(format!(
                "`{pointer}`: {KEY} stands only on a property in the `properties` of a component schema"
            ));
            continue;
        }
        let Value::String(name) = value else {
            push(format!("`{pointer}`: {KEY} takes a snake_case identifier"));
            continue;
        };
        if name.to_snake_case() != name || syn::parse_str::<syn::Ident>(&name).is_err() {
            push(format!(
                "`{pointer}`: `{name}` is not a snake_case Rust identifier (and not a keyword)"
            ));
        }
    }
    for field in fields(spec) {
        let Some(ReferenceOr::Item(s)) = spec
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(&field.schema))
        else {
            continue;
        };
        if let SchemaKind::Type(Type::Object(object)) = &s.schema_kind {
            let taken = object
                .properties
                .keys()
                .any(|p| p != &field.property && p.to_snake_case() == field.rust_name);
            if taken {
                push(format!(
                    "`/components/schemas/{}/properties/{}`: {KEY} `{}` is the Rust name of another property of `{}`",
                    field.schema, field.property, field.rust_name, field.schema
                ));
            }
        }
    }
    problems
}

/// The spec progenitor is given: each renamed property under its Rust name (in `properties` and
/// `required`), so that typify names the field so.
pub fn progenitor_view(spec: &OpenAPI) -> OpenAPI {
    let renamed = fields(spec);
    let mut view = spec.clone();
    if renamed.is_empty() {
        return view;
    }
    let Some(components) = view.components.as_mut() else {
        return view;
    };
    for (name, schema) in components.schemas.iter_mut() {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let SchemaKind::Type(Type::Object(object)) = &mut schema.schema_kind else {
            continue;
        };
        let here: Vec<&RenamedField> = renamed.iter().filter(|f| &f.schema == name).collect();
        if here.is_empty() {
            continue;
        }
        let rust = |p: &str| {
            here.iter()
                .find(|f| f.property == p)
                .map_or_else(|| p.to_string(), |f| f.rust_name.clone())
        };
        object.properties = std::mem::take(&mut object.properties)
            .into_iter()
            .map(|(p, s)| (rust(&p), s))
            .collect();
        for r in object.required.iter_mut() {
            *r = rust(r);
        }
    }
    view
}

/// Puts the wire name back on each renamed field of the generated `types` module; an error names
/// a field the pass cannot find.
pub fn apply(file: &mut syn::File, renamed: &[RenamedField]) -> Result<(), String> {
    for field in renamed {
        let what = format!("{KEY} on {}.{}", field.schema, field.property);
        let f = property_ext::generated_field(file, &field.schema, &what, |f| {
            f.ident.as_ref().is_some_and(|i| i == &field.rust_name)
        })?;
        // typify writes a `rename` only when the property is not the field's own name; the
        // renamed property is, so there is none to replace.
        let wire = &field.property;
        f.attrs.push(syn::parse_quote!(#[serde(rename = #wire)]));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    ClusterRef:
      type: object
      required: [type]
      properties:
        '@type': {type: string}
        type: {type: string, x-rust-name: appliance_type}
        other: {type: string, x-rust-name: Other}
        name: {type: string, x-rust-name: id}
        id: {type: string}
        nested: {type: object, properties: {a: {type: string, x-rust-name: b}}}
"#;

    #[test]
    fn the_rule_names_each_misplaced_malformed_or_taken_name() {
        let spec: OpenAPI = yaml_serde::from_str(SPEC).unwrap();
        let details: Vec<String> = lint(SPEC, &spec).into_iter().map(|p| p.detail).collect();
        assert_eq!(details.len(), 3, "{details:#?}");
        assert!(
            details[0].contains("`Other` is not a snake_case"),
            "{details:#?}"
        );
        assert!(
            details[1].contains("/nested/properties/a/x-rust-name"),
            "{details:#?}"
        );
        assert!(
            details[2].contains("`id` is the Rust name of another property"),
            "{details:#?}"
        );
    }

    #[test]
    fn progenitor_sees_the_rust_name_and_the_pass_puts_the_wire_name_back() {
        const CLEAN: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    ClusterRef:
      type: object
      required: [type]
      properties:
        '@type': {type: string}
        type: {type: string, x-rust-name: appliance_type}
        name: {type: string}
"#;
        let spec: OpenAPI = yaml_serde::from_str(CLEAN).unwrap();
        assert!(lint(CLEAN, &spec).is_empty());
        let view = progenitor_view(&spec);
        let Some(ReferenceOr::Item(s)) =
            view.components.as_ref().unwrap().schemas.get("ClusterRef")
        else {
            panic!("schema");
        };
        let SchemaKind::Type(Type::Object(object)) = &s.schema_kind else {
            panic!("object");
        };
        let keys: Vec<&str> = object.properties.keys().map(String::as_str).collect();
        assert_eq!(keys, ["@type", "appliance_type", "name"]);
        assert_eq!(object.required, ["appliance_type"]);

        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct ClusterRef {
                    #[serde(rename = "@type")]
                    pub type_: Option<String>,
                    pub appliance_type: String,
                }
            }
        };
        apply(&mut file, &fields(&spec)).unwrap();
        let text = prettyplease::unparse(&file);
        assert!(
            text.contains("#[serde(rename = \"type\")]\n        pub appliance_type"),
            "{text}"
        );
    }
}
