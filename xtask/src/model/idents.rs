//! The Rust names progenitor gives to what a spec names: identifiers, builder fields and
//! setters. The emitters and the model name things the same way through these.

use heck::ToSnakeCase;
use proc_macro2::{Ident, Span};

/// A parameter name converted the way progenitor names builder setters.
pub fn rust_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    cleaned.to_snake_case()
}

/// An identifier, as is.
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The builder field and setter progenitor names after parameter `name` (snake case; a keyword
/// gets a trailing `_`).
pub fn field_ident(name: &str) -> Ident {
    let name = rust_name(name);
    syn::parse_str::<Ident>(&name).unwrap_or_else(|_| ident(&format!("{name}_")))
}
