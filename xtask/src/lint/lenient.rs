//! The `x-lenient` rule: the extension stands only on an optional, scalar property written inline
//! in the `properties` of a component schema, and says `true` (see `rewrite::lenient` for what
//! it does). Walks the raw YAML, so that one standing anywhere else is named, not ignored.

use openapiv3::{ReferenceOr, SchemaKind, Type};
use yaml_serde::Value;

use crate::lint::placement;
use crate::model::fields::LENIENT;
use crate::model::{Model, Problem};

/// The `x-lenient` rule, on the raw YAML text (where the extension may stand and what it may
/// say) and the parsed spec.
pub fn lint(document: &Value, model: &Model<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |detail: String| {
        problems.push(Problem {
            operation: "document".into(),
            rule: "x-lenient",
            detail,
        })
    };
    for (pointer, value) in placement::find(document, LENIENT) {
        let Some((schema, property)) = placement::component_property(&pointer) else {
            push(format!(
                "`{pointer}`: x-lenient stands only on a property in the `properties` of a \
                 component schema"
            ));
            continue;
        };
        if value != Value::Bool(true) {
            push(format!("`{pointer}`: x-lenient takes `true`"));
            continue;
        }
        let Some(ReferenceOr::Item(s)) = model
            .spec
            .components
            .as_ref()
            .and_then(|c| c.schemas.get(&schema))
        else {
            continue;
        };
        let SchemaKind::Type(Type::Object(object)) = &s.schema_kind else {
            push(format!(
                "`{pointer}`: schema `{schema}` is not a plain object (`type: object` with \
                 `properties`)"
            ));
            continue;
        };
        if object.required.iter().any(|r| r == &property) {
            push(format!(
                "`{pointer}`: `{schema}.{property}` is required; a lenient field must be \
                 optional (it holds `None` for a value it cannot represent)"
            ));
        }
        let scalar = match object.properties.get(&property) {
            Some(ReferenceOr::Item(p)) => match &p.schema_kind {
                SchemaKind::Type(Type::Integer(_) | Type::Number(_) | Type::Boolean(_)) => true,
                SchemaKind::Type(Type::String(t)) => {
                    matches!(&t.format, openapiv3::VariantOrUnknownOrEmpty::Empty)
                        && t.enumeration.is_empty()
                }
                _ => false,
            },
            _ => false,
        };
        if !scalar {
            push(format!(
                "`{pointer}`: `{schema}.{property}` is not an inline integer, number, boolean \
                 or plain string (no format, no enum)"
            ));
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
    Event:
      type: object
      required: [needed]
      properties:
        profileID: {type: integer, format: int64, x-lenient: true}
        flag: {type: string, x-lenient: true}
        needed: {type: integer, x-lenient: true}
        when: {type: string, format: date-time, x-lenient: true}
        nested: {type: object, properties: {a: {type: integer, x-lenient: true}}}
        wrong: {type: integer, x-lenient: yes please}
"#;

    #[test]
    fn the_rule_names_each_misplaced_or_uncompilable_use() {
        let spec: OpenAPI = yaml_serde::from_str(SPEC).unwrap();
        let document: Value = yaml_serde::from_str(SPEC).unwrap();
        let model = Model::read(&spec);
        let details: Vec<String> = lint(&document, &model)
            .into_iter()
            .map(|p| p.detail)
            .collect();
        assert_eq!(details.len(), 4, "{details:#?}");
        assert!(details[0].contains("Event.needed` is required"));
        assert!(details[1].contains("Event.when` is not an inline integer"));
        assert!(details[2].contains("/nested/properties/a/x-lenient"));
        assert!(details[3].contains("takes `true`"));
        assert_eq!(
            model
                .lenient
                .iter()
                .map(|f| f.property.as_str())
                .collect::<Vec<_>>(),
            ["profileID", "flag", "needed", "when", "wrong"]
        );
    }
}
