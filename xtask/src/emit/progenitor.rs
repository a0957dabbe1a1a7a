//! progenitor itself: the settings every SDK is generated with, the spec it is given ([`view`]),
//! and the run that turns its panics into errors naming the spec. Its output (the client's types,
//! builders and `Client` methods, and the httpmock helpers, see `emit::mock`) is what the other
//! emitters add to and the `rewrite` passes change.

use openapiv3::{OpenAPI, ReferenceOr, SchemaKind, Type};
use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle};
use quote::quote;

use crate::model::Model;
use crate::model::fields::RenamedField;

/// The progenitor settings every SDK is generated with.
pub fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::default();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(sdk_auth::Session))
        .with_hooks(HooksMode::Expected)
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq")
        .with_conversion(
            password_schema(),
            "::sdk_auth::Password",
            std::iter::empty(),
        );
    settings
}

/// `{type: string, format: password}`: a property or parameter of this schema (whatever its
/// description) becomes `sdk_auth::Password`, which serializes the value but never shows it in
/// `Debug`. typify compares schemas without their metadata, so a `pattern` or `enum` next to
/// the format would keep the property a plain `String`; `lint` rejects that.
pub fn password_schema() -> schemars::schema::SchemaObject {
    schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::String.into()),
        format: Some("password".to_string()),
        ..Default::default()
    }
}

/// The spec as progenitor sees it: OPTIONS operations removed (progenitor cannot compile them;
/// `emit::options` generates them) and properties with an `x-rust-name` renamed for typify
/// (`rewrite::rust_names` puts the wire name back).
pub fn view(model: &Model<'_>) -> OpenAPI {
    without_options(rust_names_view(model.spec, &model.rust_names))
}

/// `spec` with every OPTIONS operation removed.
fn without_options(mut spec: OpenAPI) -> OpenAPI {
    for item in spec.paths.paths.values_mut() {
        if let ReferenceOr::Item(item) = item {
            item.options = None;
        }
    }
    spec
}

/// The spec with each renamed property (`x-rust-name`) under its Rust name (in `properties` and
/// `required`), so that typify names the field so.
fn rust_names_view(spec: &OpenAPI, renamed: &[RenamedField]) -> OpenAPI {
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

/// Runs progenitor, turning its panics into errors that name the spec.
pub fn run(
    spec_name: &str,
    spec: &openapiv3::OpenAPI,
    crate_path: &str,
) -> Result<(proc_macro2::TokenStream, proc_macro2::TokenStream), String> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut generator = Generator::new(&settings());
        let client = generator.generate_tokens(spec)?;
        let mock = generator.httpmock(&crate::emit::mock::view(spec), crate_path)?;
        Ok::<_, progenitor::Error>((client, mock))
    }));
    std::panic::set_hook(previous_hook);
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(err)) => Err(format!("progenitor rejected {spec_name}: {err}")),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(format!(
                "progenitor panicked on {spec_name}: {msg} (a spec shape the lint does not catch yet)"
            ))
        }
    }
}
