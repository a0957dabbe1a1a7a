//! Boxes optional nested objects in the generated types.
//!
//! typify lays every object out inline: an `Option<ClusterRest>` field holds a whole
//! `ClusterRest` whether or not the answer has one. Nested objects nest further, so a console
//! `ApplicationRest` came to 22 KB and a page of 1,000 applications to 22 MB, most of it `None`,
//! copied each time an item moved (into the page vector, through the stream, into the caller's
//! collection). Measured in `BENCHMARKS.md`: that copying dominated listing time.
//!
//! This pass rewrites `Option<T>` into `Option<Box<T>>` in the fields of the generated structs
//! wherever `T` is a struct of the generated `types` module. An absent nested object then costs
//! one pointer, a present one a single allocation. Optional fields that typify boxes to break a
//! type cycle are made `Option<Box<T>>` before this pass runs (see `cycles`). The builders keep
//! taking the plain `T` (`.quota_config(config)`): their conversions to and from the struct box
//! and unbox the rewritten fields.

use std::collections::{HashMap, HashSet};

/// Boxes every optional nested struct field of the `types` module and adapts the builders.
pub fn box_optional_structs(file: &mut syn::File) {
    let Some(items) = types_items(file) else {
        return;
    };
    let structs: HashSet<String> = items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if matches!(s.fields, syn::Fields::Named(_)) => {
                Some(s.ident.to_string())
            }
            _ => None,
        })
        .collect();
    let boxed = rewrite_fields(items, |field| {
        match optional_struct(&mut field.ty, &structs) {
            Some(inner) => {
                *inner = syn::parse_quote!(::std::boxed::Box<#inner>);
                true
            }
            None => false,
        }
    });
    for item in builder_items(items).into_iter().flatten() {
        if let syn::Item::Impl(imp) = item {
            adapt_conversion(imp, &boxed);
        }
    }
}

/// The items of the generated `types` module.
pub(crate) fn types_items(file: &mut syn::File) -> Option<&mut Vec<syn::Item>> {
    crate::syntax::module_mut(&mut file.items, "types")
}

/// The items of the `builder` module inside the `types` module's `items`.
pub(crate) fn builder_items(items: &mut [syn::Item]) -> Option<&mut Vec<syn::Item>> {
    crate::syntax::module_mut(items, "builder")
}

/// Offers every named field of the structs in `items` to `rewrite`, which changes it or not
/// (and says so); returns the fields changed, by struct name.
pub(crate) fn rewrite_fields(
    items: &mut [syn::Item],
    mut rewrite: impl FnMut(&mut syn::Field) -> bool,
) -> HashMap<String, HashSet<String>> {
    let mut changed: HashMap<String, HashSet<String>> = HashMap::new();
    for item in items.iter_mut() {
        if let syn::Item::Struct(s) = item
            && let syn::Fields::Named(fields) = &mut s.fields
        {
            for field in fields.named.iter_mut() {
                if rewrite(field)
                    && let Some(name) = &field.ident
                {
                    changed
                        .entry(s.ident.to_string())
                        .or_default()
                        .insert(name.to_string());
                }
            }
        }
    }
    changed
}

/// `T` of `Option<T>` when `T` is one of the generated structs.
fn optional_struct<'a>(
    ty: &'a mut syn::Type,
    structs: &HashSet<String>,
) -> Option<&'a mut syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last_mut()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &mut last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(inner)) = args.args.first_mut() else {
        return None;
    };
    let syn::Type::Path(inner_path) = &*inner else {
        return None;
    };
    let name = inner_path.path.segments.last()?;
    (name.arguments.is_none() && structs.contains(&name.ident.to_string())).then_some(inner)
}

fn last_ident(path: &syn::Path) -> Option<String> {
    path.segments.last().map(|s| s.ident.to_string())
}

/// In typify's `TryFrom<builder::S> for S` the boxed fields are boxed (`value.f?.map(Box::new)`);
/// in `From<S> for builder::S` they are unboxed (`Ok(value.f.map(|b| *b))`).
pub(crate) fn adapt_conversion(imp: &mut syn::ItemImpl, boxed: &HashMap<String, HashSet<String>>) {
    let Some((_, trait_path, _)) = &imp.trait_ else {
        return;
    };
    let Some(conversion) = last_ident(trait_path) else {
        return;
    };
    let syn::Type::Path(self_ty) = &*imp.self_ty else {
        return;
    };
    let Some(fields) = last_ident(&self_ty.path).and_then(|s| boxed.get(&s)) else {
        return;
    };
    let into_struct = match conversion.as_str() {
        "TryFrom" => true,
        "From" => false,
        _ => return,
    };
    for item in imp.items.iter_mut() {
        if let syn::ImplItem::Fn(function) = item {
            let mut rewriter = FieldRewriter {
                fields,
                into_struct,
            };
            syn::visit_mut::VisitMut::visit_block_mut(&mut rewriter, &mut function.block);
        }
    }
}

struct FieldRewriter<'a> {
    fields: &'a HashSet<String>,
    into_struct: bool,
}

impl syn::visit_mut::VisitMut for FieldRewriter<'_> {
    fn visit_field_value_mut(&mut self, field: &mut syn::FieldValue) {
        if let syn::Member::Named(name) = &field.member
            && self.fields.contains(&name.to_string())
        {
            field.expr = if self.into_struct {
                syn::parse_quote!(value.#name?.map(::std::boxed::Box::new))
            } else {
                syn::parse_quote!(Ok(value.#name.map(|boxed| *boxed)))
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_optional_structs_only() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Outer {
                    pub inner: ::std::option::Option<Inner>,
                    pub name: ::std::option::Option<::std::string::String>,
                    pub kind: ::std::option::Option<Kind>,
                    pub list: ::std::vec::Vec<Inner>,
                    pub again: ::std::option::Option<::std::boxed::Box<Outer>>,
                }
                pub struct Inner { pub a: i64 }
                pub enum Kind { A }
                pub mod builder {
                    pub struct Outer {
                        inner: ::std::result::Result<::std::option::Option<super::Inner>, ::std::string::String>,
                    }
                    impl ::std::convert::TryFrom<Outer> for super::Outer {
                        fn try_from(value: Outer) -> Result<Self, E> {
                            Ok(Self { inner: value.inner?, name: value.name? })
                        }
                    }
                    impl ::std::convert::From<super::Outer> for Outer {
                        fn from(value: super::Outer) -> Self {
                            Self { inner: Ok(value.inner), name: Ok(value.name) }
                        }
                    }
                }
            }
            pub struct Elsewhere { pub inner: ::std::option::Option<types::Inner> }
        };
        box_optional_structs(&mut file);
        let text = quote::quote!(#file).to_string().replace(' ', "");
        assert!(text.contains("pubinner:::std::option::Option<::std::boxed::Box<Inner>>"));
        assert!(
            text.contains("inner:::std::result::Result<::std::option::Option<super::Inner>"),
            "builders keep the plain type"
        );
        assert!(text.contains("inner:value.inner?.map(::std::boxed::Box::new)"));
        assert!(text.contains("name:value.name?"));
        assert!(text.contains("inner:Ok(value.inner.map(|boxed|*boxed))"));
        assert!(text.contains("name:Ok(value.name)"));
        assert!(text.contains("pubname:::std::option::Option<::std::string::String>"));
        assert!(text.contains("pubkind:::std::option::Option<Kind>"));
        assert!(text.contains("publist:::std::vec::Vec<Inner>"));
        assert!(text.contains("::std::option::Option<::std::boxed::Box<Outer>>"));
        assert!(!text.contains("Box<::std::boxed::Box"));
        assert!(
            text.contains("pubinner:::std::option::Option<types::Inner>"),
            "outside `types` untouched"
        );
    }
}
