//! Rust field names chosen in the spec: `x-rust-name: <snake_case>` on a property of a
//! component schema.
//!
//! typify names a field after its property (snake case, `_` after a keyword), so two properties
//! can need the same Rust name: the console sends `@type` (the object's class) and `type` (the
//! appliance's kind) side by side, and both would be `type_`; the struct would not compile, so the
//! second could not be modelled and its value was dropped. `x-rust-name` gives the property
//! another Rust name: the xtask hands progenitor a copy of the spec in which the property is
//! renamed (`emit::progenitor::view`), then this pass puts the wire name back with `#[serde(rename = "...")]` on the generated field.
//! Serialization and deserialization see the wire name; Rust code sees the chosen one.
//!
//! Allowed only where it compiles to that (`lint::rust_names`): inline in the `properties` of a
//! component schema, with a snake_case identifier that no other property of the schema has.

use crate::model::fields::{RUST_NAME, RenamedField};
use crate::rewrite::generated_field;

/// Puts the wire name back on each renamed field of the generated `types` module; an error names
/// a field the pass cannot find.
pub fn apply(file: &mut syn::File, renamed: &[RenamedField]) -> Result<(), String> {
    for field in renamed {
        let what = format!("{RUST_NAME} on {}.{}", field.schema, field.property);
        let f = generated_field(file, &field.schema, &what, |f| {
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
    use crate::model::Model;
    use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};

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
        let document: yaml_serde::Value = yaml_serde::from_str(CLEAN).unwrap();
        let model = Model::read(&spec);
        assert!(crate::lint::rust_names::lint(&document, &model).is_empty());
        let view = crate::emit::progenitor::view(&model);
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
        apply(&mut file, &model.rust_names).unwrap();
        let text = prettyplease::unparse(&file);
        assert!(
            text.contains("#[serde(rename = \"type\")]\n        pub appliance_type"),
            "{text}"
        );
    }
}
