//! Optional fields that break a type cycle are `Option<Box<T>>` and skipped when unset.
//!
//! typify breaks a containment cycle (`A` contains `B` contains `A`, or `A` contains `A`) by
//! boxing one of its fields. For an optional field it boxes the option, not the object:
//! `Box<Option<T>>`, with `#[serde(default)]` but no `skip_serializing_if`. Such a field costs
//! an allocation even when absent, and an unset one is sent as `null` in request bodies, which
//! the console reads as "clear this". The spec used to avoid the cycles with reference stubs
//! (`{id, href, name}`) that dropped the wire's other fields on decode.
//!
//! This pass turns every such field into the `Option<Box<T>>` with
//! `#[serde(default, skip_serializing_if = "Option::is_none")]` that the other optional nested
//! objects have (see `boxing`). As there, the builders keep taking the plain type
//! (`.vcenter_host(host)`, an `Option<T>` underneath); their conversions box and unbox.

use syn::punctuated::Punctuated;

use crate::rewrite::boxing;

/// Rewrites the cycle-breaking `Box<Option<T>>` fields of the `types` module and its builders.
pub fn unbox_optional_cycles(file: &mut syn::File) {
    let Some(items) = boxing::types_items(file) else {
        return;
    };
    let rewritten = boxing::rewrite_fields(items, |field| {
        let Some(inner) = boxed_option(&field.ty) else {
            return false;
        };
        field.ty = syn::parse_quote!(::std::option::Option<::std::boxed::Box<#inner>>);
        skip_when_none(&mut field.attrs);
        true
    });
    for item in boxing::builder_items(items).into_iter().flatten() {
        match item {
            syn::Item::Struct(s) if rewritten.contains_key(&s.ident.to_string()) => {
                syn::visit_mut::VisitMut::visit_item_struct_mut(&mut UnboxOption, s);
            }
            syn::Item::Impl(imp) => {
                if let syn::Type::Path(self_ty) = &*imp.self_ty
                    && self_ty
                        .path
                        .segments
                        .last()
                        .is_some_and(|s| rewritten.contains_key(&s.ident.to_string()))
                    && imp.trait_.is_none()
                {
                    // The setters: `T: TryInto<Box<Option<T>>>` → `TryInto<Option<T>>`.
                    syn::visit_mut::VisitMut::visit_item_impl_mut(&mut UnboxOption, imp);
                }
                boxing::adapt_conversion(imp, &rewritten);
            }
            _ => {}
        }
    }
}

/// `T` of `Box<Option<T>>`.
fn boxed_option(ty: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Box" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(option))) = args.args.first() else {
        return None;
    };
    let option = option.path.segments.last()?;
    if option.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &option.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) => Some(inner.clone()),
        _ => None,
    }
}

/// Makes the field's serde attribute say `default, skip_serializing_if = "…is_none"`,
/// keeping whatever else it says (a `rename`).
fn skip_when_none(attrs: &mut Vec<syn::Attribute>) {
    let serde = attrs.iter_mut().find(|a| a.path().is_ident("serde"));
    let mut metas: Punctuated<syn::Meta, syn::Token![,]> = match &serde {
        Some(attr) => attr
            .parse_args_with(Punctuated::parse_terminated)
            .unwrap_or_default(),
        None => Punctuated::new(),
    };
    let has = |metas: &Punctuated<syn::Meta, syn::Token![,]>, name: &str| {
        metas.iter().any(|m| m.path().is_ident(name))
    };
    if !has(&metas, "default") {
        metas.push(syn::parse_quote!(default));
    }
    if !has(&metas, "skip_serializing_if") {
        metas.push(syn::parse_quote!(
            skip_serializing_if = "::std::option::Option::is_none"
        ));
    }
    let attr: syn::Attribute = syn::parse_quote!(#[serde(#metas)]);
    match serde {
        Some(existing) => *existing = attr,
        None => attrs.push(attr),
    }
}

/// Replaces `Box<Option<T>>` with `Option<T>` wherever it is visited.
struct UnboxOption;

impl syn::visit_mut::VisitMut for UnboxOption {
    fn visit_type_mut(&mut self, ty: &mut syn::Type) {
        if let Some(inner) = boxed_option(ty) {
            *ty = syn::parse_quote!(::std::option::Option<#inner>);
        }
        syn::visit_mut::visit_type_mut(self, ty);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_fields_become_skipped_optional_boxes() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                pub struct Policy {
                    #[serde(default)]
                    pub predecessor: ::std::boxed::Box<::std::option::Option<Policy>>,
                    #[serde(default, rename = "vcenterHost")]
                    pub vcenter_host: ::std::boxed::Box<::std::option::Option<Host>>,
                    pub required: ::std::boxed::Box<Policy>,
                    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
                    pub name: ::std::option::Option<::std::string::String>,
                }
                pub mod builder {
                    pub struct Policy {
                        predecessor: ::std::result::Result<
                            ::std::boxed::Box<::std::option::Option<super::Policy>>,
                            ::std::string::String,
                        >,
                        name: ::std::result::Result<
                            ::std::option::Option<::std::string::String>,
                            ::std::string::String,
                        >,
                    }
                    impl Policy {
                        pub fn predecessor<T>(mut self, value: T) -> Self
                        where
                            T: ::std::convert::TryInto<
                                ::std::boxed::Box<::std::option::Option<super::Policy>>
                            >,
                        {
                            self
                        }
                    }
                    impl ::std::convert::TryFrom<Policy> for super::Policy {
                        fn try_from(value: Policy) -> Result<Self, E> {
                            Ok(Self { predecessor: value.predecessor?, name: value.name? })
                        }
                    }
                    impl ::std::convert::From<super::Policy> for Policy {
                        fn from(value: super::Policy) -> Self {
                            Self { predecessor: Ok(value.predecessor), name: Ok(value.name) }
                        }
                    }
                }
            }
        };
        unbox_optional_cycles(&mut file);
        let text = quote::quote!(#file).to_string().replace(' ', "");
        assert!(text.contains(
            "#[serde(default,skip_serializing_if=\"::std::option::Option::is_none\")]\
             pubpredecessor:::std::option::Option<::std::boxed::Box<Policy>>"
        ));
        assert!(text.contains(
            "#[serde(default,rename=\"vcenterHost\",skip_serializing_if=\"::std::option::Option::is_none\")]\
             pubvcenter_host:::std::option::Option<::std::boxed::Box<Host>>"
        ));
        assert!(
            text.contains("pubrequired:::std::boxed::Box<Policy>"),
            "required cycle fields stay boxed"
        );
        assert!(
            text.contains("predecessor:::std::result::Result<::std::option::Option<super::Policy>"),
            "builders keep the plain type"
        );
        assert!(text.contains("T:::std::convert::TryInto<::std::option::Option<super::Policy>>"));
        assert!(text.contains("predecessor:value.predecessor?.map(::std::boxed::Box::new)"));
        assert!(text.contains("predecessor:Ok(value.predecessor.map(|boxed|*boxed))"));
        assert!(text.contains("name:value.name?"));
        assert!(!text.contains("Box<::std::option::Option"));
    }
}
