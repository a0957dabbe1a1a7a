//! syn passes over progenitor's output, run in this order by `generate`:
//!
//! - [`encode_path`]: path parameters encoded by `sdk_auth::encode_path`;
//! - [`client_owner`]: the session owns the base URL, HTTP client and credential; JSON answers
//!   decoded by `sdk-auth`;
//! - [`cycles`] then [`boxing`]: optional nested objects boxed;
//! - [`rust_names`]: the wire name put back on fields renamed with `x-rust-name`;
//! - [`lenient`]: the lenient deserializer on `x-lenient` fields;
//! - [`inline`]: typify's builder conversions compiled only where used;
//! - [`password_headers`]: password header parameters sent and matched without showing them;
//! - [`cfg`](mod@cfg) (SDK crates): `#[cfg(feature = ...)]` per API area, `schemars` made optional;
//! - [`aliases`]: `pub type Alias = Target;` for the schemas that are another's `$ref`.

pub mod aliases;
pub mod boxing;
pub mod cfg;
pub mod client_owner;
pub mod cycles;
pub mod encode_path;
pub mod inline;
pub mod lenient;
pub mod password_headers;
pub mod rust_names;

use heck::ToUpperCamelCase;

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
