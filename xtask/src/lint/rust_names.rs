//! The `x-rust-name` rule: the extension stands only on a property written inline in the
//! `properties` of a component schema, names a snake_case Rust identifier (not a keyword), and
//! that name is no other property's in the schema (see `rewrite::rust_names` for what it does).
//! Walks the raw YAML, so that one standing anywhere else is named, not ignored.

use heck::ToSnakeCase;
use openapiv3::{ReferenceOr, SchemaKind, Type};
use yaml_serde::Value;

use crate::lint::placement;
use crate::model::fields::RUST_NAME;
use crate::model::{Model, Problem};

/// The `x-rust-name` rule: where the extension stands and what it says (raw YAML), and that the
/// name is free in its schema.
pub fn lint(document: &Value, model: &Model<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |detail: String| {
        problems.push(Problem {
            operation: "document".into(),
            rule: RUST_NAME,
            detail,
        })
    };
    for (pointer, value) in placement::find(document, RUST_NAME) {
        if placement::component_property(&pointer).is_none() {
            push(format!(
                "`{pointer}`: {RUST_NAME} stands only on a property in the `properties` of a component schema"
            ));
            continue;
        }
        let Value::String(name) = value else {
            push(format!(
                "`{pointer}`: {RUST_NAME} takes a snake_case identifier"
            ));
            continue;
        };
        if name.to_snake_case() != name || syn::parse_str::<syn::Ident>(&name).is_err() {
            push(format!(
                "`{pointer}`: `{name}` is not a snake_case Rust identifier (and not a keyword)"
            ));
        }
    }
    for field in &model.rust_names {
        let Some(ReferenceOr::Item(s)) = model
            .spec
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
                    "`/components/schemas/{}/properties/{}`: {RUST_NAME} `{}` is the Rust name of another property of `{}`",
                    field.schema, field.property, field.rust_name, field.schema
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use openapiv3::OpenAPI;

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
        let document: Value = yaml_serde::from_str(SPEC).unwrap();
        let details: Vec<String> = lint(&document, &Model::read(&spec))
            .into_iter()
            .map(|p| p.detail)
            .collect();
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
}
