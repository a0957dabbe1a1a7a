//! Tolerant fields: `x-lenient: true` on a property of a component schema.
//!
//! A vendor that sends a scalar in another type than it documents (`"profileID": ""` for an
//! integer) would fail the decoding of a whole page for one field. A property marked
//! `x-lenient: true` is decoded by `sdk_auth::__private::lenient` instead: it never fails, and
//! holds what that function's documentation says (`None` for a value the documented type cannot
//! represent, the JSON text of a non-string value in a string field). Every other field stays
//! strict.
//!
//! The extension is allowed only where it can be compiled: on an optional (not `required`),
//! scalar (`integer`, `number`, `boolean`, `string` without a `format` that typify maps to
//! another type) property written inline in the `properties` of a component schema. This pass
//! adds `#[serde(default, deserialize_with = ...)]` to the field of the generated struct.

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use yaml_serde::Value;

use crate::lint::Problem;
use crate::model::property_ext;

/// One lenient field: the component schema and the property (its name on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LenientField {
    /// The component schema's name.
    pub schema: String,
    /// The property's name in the spec (and on the wire).
    pub property: String,
}

/// The lenient fields of a spec, in document order.
pub fn fields(spec: &OpenAPI) -> Vec<LenientField> {
    property_ext::on_component_properties(spec, "x-lenient")
        .into_iter()
        .map(|(schema, property, _)| LenientField { schema, property })
        .collect()
}

/// The `x-lenient` rule, on the raw YAML text (where the extension may stand and what it may
/// say) and the parsed spec.
pub fn lint(yaml: &str, spec: &OpenAPI) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |detail: String| {
        problems.push(Problem {
            operation: "document".into(),
            rule: "x-lenient",
            detail,
        })
    };
    let Ok(document) = yaml_serde::from_str::<Value>(yaml) else {
        return problems;
    };
    for (pointer, value) in property_ext::find(&document, "x-lenient") {
        let Some((schema, property)) = property_ext::component_property(&pointer) else {
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
        let Some(ReferenceOr::Item(s)) = spec
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

/// Adds the lenient deserializer to the generated field of each of `fields`; an error names a
/// field no generated struct has (the pass and typify's naming disagree).
pub fn apply(file: &mut syn::File, fields: &[LenientField]) -> Result<(), String> {
    for field in fields {
        let what = format!("x-lenient on {}.{}", field.schema, field.property);
        let f = property_ext::generated_field(file, &field.schema, &what, |f| {
            wire_name(f).as_deref() == Some(field.property.as_str())
        })?;
        if !is_option(&f.ty) {
            return Err(format!("{what}: the generated field is not an `Option`"));
        }
        f.attrs.push(syn::parse_quote!(
            #[serde(default, deserialize_with = "::sdk_auth::__private::lenient")]
        ));
    }
    Ok(())
}

/// The name a field has on the wire: its `#[serde(rename = "...")]`, else its identifier.
fn wire_name(field: &syn::Field) -> Option<String> {
    for attr in &field.attrs {
        if !attr.path().is_ident("serde") {
            continue;
        }
        let mut renamed = None;
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let lit: syn::LitStr = meta.value()?.parse()?;
                renamed = Some(lit.value());
            } else if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
        if renamed.is_some() {
            return renamed;
        }
    }
    field
        .ident
        .as_ref()
        .map(|i| i.to_string().trim_start_matches("r#").to_string())
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
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
        let details: Vec<String> = lint(SPEC, &spec).into_iter().map(|p| p.detail).collect();
        assert_eq!(details.len(), 4, "{details:#?}");
        assert!(details[0].contains("Event.needed` is required"));
        assert!(details[1].contains("Event.when` is not an inline integer"));
        assert!(details[2].contains("/nested/properties/a/x-lenient"));
        assert!(details[3].contains("takes `true`"));
        assert_eq!(
            fields(&spec)
                .iter()
                .map(|f| f.property.as_str())
                .collect::<Vec<_>>(),
            ["profileID", "flag", "needed", "when", "wrong"]
        );
    }

    #[test]
    fn the_pass_adds_the_deserializer_to_the_named_field() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct InsyncEvent {
                    #[serde(rename = "profileID", skip_serializing_if = "::std::option::Option::is_none")]
                    pub profile_id: ::std::option::Option<i64>,
                    pub ip: ::std::option::Option<String>,
                }
            }
        };
        let f = |p: &str| LenientField {
            schema: "InsyncEvent".into(),
            property: p.into(),
        };
        apply(&mut file, &[f("profileID"), f("ip")]).unwrap();
        let text = prettyplease::unparse(&file);
        assert_eq!(text.matches("deserialize_with").count(), 2, "{text}");
        let err = apply(&mut file, &[f("missing")]).unwrap_err();
        assert!(
            err.contains("InsyncEvent.missing: `InsyncEvent` has no such field"),
            "{err}"
        );
    }
}
