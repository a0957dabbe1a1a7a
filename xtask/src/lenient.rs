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

use heck::ToUpperCamelCase;
use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use yaml_serde::Value;

use crate::lint::Problem;

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
                && p.schema_data.extensions.contains_key("x-lenient")
            {
                out.push(LenientField {
                    schema: name.clone(),
                    property: property.clone(),
                });
            }
        }
    }
    out
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
    let mut found = Vec::new();
    find(&document, String::new(), &mut found);
    for (pointer, value) in found {
        let parts: Vec<&str> = pointer.split('/').collect();
        // ["", "components", "schemas", S, "properties", P, "x-lenient"]
        let placed = parts.len() == 7
            && parts[1] == "components"
            && parts[2] == "schemas"
            && parts[4] == "properties";
        if !placed {
            push(format!(
                "`{pointer}`: x-lenient stands only on a property in the `properties` of a \
                 component schema"
            ));
            continue;
        }
        if value != Value::Bool(true) {
            push(format!("`{pointer}`: x-lenient takes `true`"));
            continue;
        }
        let (schema, property) = (unescape(parts[3]), unescape(parts[5]));
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

fn find(value: &Value, pointer: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Mapping(map) => {
            for (k, v) in map {
                let key = match k {
                    Value::String(s) => s.clone(),
                    other => format!("{other:?}"),
                };
                let here = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                if key == "x-lenient" {
                    out.push((here, v.clone()));
                } else if key != "example" && key != "examples" && key != "default" {
                    find(v, here, out);
                }
            }
        }
        Value::Sequence(items) => {
            for (i, v) in items.iter().enumerate() {
                find(v, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Adds the lenient deserializer to the generated field of each of `fields`; an error names a
/// field no generated struct has (the pass and typify's naming disagree).
pub fn apply(file: &mut syn::File, fields: &[LenientField]) -> Result<(), String> {
    if fields.is_empty() {
        return Ok(());
    }
    let Some(items) = file.items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == "types" => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    }) else {
        return Err("x-lenient: the generated code has no `types` module".into());
    };
    for field in fields {
        let struct_name = field.schema.to_upper_camel_case();
        let target = items.iter_mut().find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == struct_name => Some(s),
            _ => None,
        });
        let Some(target) = target else {
            return Err(format!(
                "x-lenient on {}.{}: no generated struct `{struct_name}`",
                field.schema, field.property
            ));
        };
        let syn::Fields::Named(named) = &mut target.fields else {
            return Err(format!(
                "x-lenient on {}.{}: `{struct_name}` has no named fields",
                field.schema, field.property
            ));
        };
        let Some(f) = named
            .named
            .iter_mut()
            .find(|f| wire_name(f).as_deref() == Some(field.property.as_str()))
        else {
            return Err(format!(
                "x-lenient on {}.{}: `{struct_name}` has no field for `{}`",
                field.schema, field.property, field.property
            ));
        };
        if !is_option(&f.ty) {
            return Err(format!(
                "x-lenient on {}.{}: the generated field is not an `Option`",
                field.schema, field.property
            ));
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
        assert!(err.contains("no field for `missing`"), "{err}");
    }
}
