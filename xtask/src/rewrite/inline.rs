//! Compiles typify's builder conversions only where they are used.
//!
//! Every struct of the `types` module has a builder (`types::builder::X`: `Default`, setters,
//! `TryFrom<builder::X> for X`, `From<X> for builder::X`). The setters are generic, so they
//! cost nothing until called; the conversions and `Default` are not, so rustc compiled all of
//! them into every SDK build: `cargo llvm-lines -p ddmc-sdk --lib` counted 16% of the crate's
//! LLVM IR in those conversions and a further share in the `Result`, `Option`, `Box` and `Vec`
//! helpers they instantiate (BENCHMARKS.md). Users call a handful of builders
//! (`types::ReportRequest::builder()`), and the operation builders only those of request bodies.
//!
//! This pass marks every non-generic function in the impls of `types::builder` `#[inline]`, and
//! each type's `X::builder()` constructor (which calls the builder's `Default`, so it made rustc
//! compile every builder's `Default` too: 5% of the LLVM IR of mgmt-sdk's `jobs` area): rustc
//! then generates code for one only where it is called (in the SDK for request bodies, in the
//! user's crate for the builders they use), and the API is unchanged.

/// Adds `#[inline]` to the non-generic functions of the impls in `types::builder` and of the
/// inherent impls of `types` (`X::builder()`).
pub fn inline_builder_conversions(file: &mut syn::File) {
    let Some(types) = crate::syntax::module_mut(&mut file.items, "types") else {
        return;
    };
    for item in types.iter_mut() {
        if let syn::Item::Impl(imp) = item
            && imp.trait_.is_none()
        {
            inline_plain_fns(imp);
        }
    }
    for item in crate::syntax::module_mut(types, "builder")
        .into_iter()
        .flatten()
    {
        if let syn::Item::Impl(imp) = item {
            inline_plain_fns(imp);
        }
    }
}

/// Marks the non-generic functions of a non-generic impl `#[inline]`.
fn inline_plain_fns(imp: &mut syn::ItemImpl) {
    if !imp.generics.params.is_empty() {
        return;
    }
    for f in &mut imp.items {
        if let syn::ImplItem::Fn(f) = f
            && f.sig.generics.params.is_empty()
            && !f.attrs.iter().any(|a| a.path().is_ident("inline"))
        {
            f.attrs.push(syn::parse_quote!(#[inline]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builders_and_their_constructors_are_inline_and_generic_setters_are_left() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                impl Job {
                    pub fn builder() -> builder::Job { Default::default() }
                }
                impl ::std::fmt::Display for Job {
                    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result { Ok(()) }
                }
                pub mod builder {
                    impl ::std::default::Default for Job {
                        fn default() -> Self { Self { id: Ok(Default::default()) } }
                    }
                    impl Job {
                        pub fn id<T>(mut self, value: T) -> Self { self }
                    }
                }
            }
        };
        inline_builder_conversions(&mut file);
        let text = prettyplease::unparse(&file);
        // Whether the line before the one declaring `fn {name}` is `#[inline]`.
        let inlined = |name: &str| {
            let lines: Vec<&str> = text.lines().collect();
            let at = lines
                .iter()
                .position(|l| l.contains(&format!("fn {name}")))
                .expect(name);
            lines[at - 1].trim() == "#[inline]"
        };
        assert!(inlined("builder"), "{text}");
        assert!(inlined("default"), "{text}");
        assert!(!inlined("id<T>"), "a generic setter is left: {text}");
        assert!(!inlined("fmt"), "a trait impl of `types` is left: {text}");
    }
}
