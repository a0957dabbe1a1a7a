//! Tolerant fields: `x-lenient: true` on a property of a component schema (`model::fields`).
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
//! another type) property written inline in the `properties` of a component schema
//! (`lint::lenient`). This pass adds `#[serde(default, deserialize_with = ...)]` to the field of the generated struct.

use crate::model::fields::LenientField;
use crate::rewrite::generated_field;

/// Adds the lenient deserializer to the generated field of each of `fields`; an error names a
/// field no generated struct has (the pass and typify's naming disagree).
pub fn apply(file: &mut syn::File, fields: &[LenientField]) -> Result<(), String> {
    for field in fields {
        let what = format!("x-lenient on {}.{}", field.schema, field.property);
        let f = generated_field(file, &field.schema, &what, |f| {
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
