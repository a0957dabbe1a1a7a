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
//! This pass marks every non-generic function in the impls of `types::builder` `#[inline]`:
//! rustc then generates code for one only where it is called (in the SDK for request bodies, in
//! the user's crate for the builders they use), and the API is unchanged.

/// Adds `#[inline]` to the non-generic functions of the impls in `types::builder`.
pub fn inline_builder_conversions(file: &mut syn::File) {
    for item in &mut file.items {
        let syn::Item::Mod(types) = item else {
            continue;
        };
        if types.ident != "types" {
            continue;
        }
        for item in types.content.iter_mut().flat_map(|(_, items)| items) {
            let syn::Item::Mod(builder) = item else {
                continue;
            };
            if builder.ident != "builder" {
                continue;
            }
            for item in builder.content.iter_mut().flat_map(|(_, items)| items) {
                let syn::Item::Impl(imp) = item else { continue };
                if !imp.generics.params.is_empty() {
                    continue;
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
        }
    }
}
