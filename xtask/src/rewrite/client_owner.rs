//! Rewrites of progenitor's client so that the session is the single owner of the base URL,
//! the HTTP client and the credential, and so that every JSON answer is decoded by `sdk-auth`.
//!
//! - progenitor's public `Client::new(baseurl, inner)` builds its own `reqwest::Client` (no CA,
//!   no pinning, other timeouts) and `new_with_client` takes any client and any base URL: `new`
//!   is removed and `new_with_client` made private, so a client is only made from a session
//!   (`Client::from_session`, the SDKs' `login` constructors).
//! - `ResponseValue::from_response` becomes `sdk_auth::__private::from_response`, which bounds
//!   the body size and quotes at most an excerpt of a body that does not decode.

use syn::visit_mut::VisitMut;

/// Applies both rewrites to the client file.
pub fn rewrite(file: &mut syn::File) {
    for item in &mut file.items {
        if let syn::Item::Impl(imp) = item
            && imp.trait_.is_none()
            && matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"))
        {
            imp.items
                .retain(|i| !matches!(i, syn::ImplItem::Fn(f) if f.sig.ident == "new"));
            for i in &mut imp.items {
                if let syn::ImplItem::Fn(f) = i
                    && f.sig.ident == "new_with_client"
                {
                    f.vis = syn::Visibility::Inherited;
                    f.attrs.retain(|a| !a.path().is_ident("doc"));
                    f.attrs.push(syn::parse_quote!(
                        #[doc = " The client of `session`: its base URL and its HTTP client, nothing else."]
                    ));
                }
            }
        }
    }
    Decode.visit_file_mut(file);
}

struct Decode;

impl VisitMut for Decode {
    fn visit_expr_path_mut(&mut self, path: &mut syn::ExprPath) {
        let segments: Vec<String> = path
            .path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect();
        if segments.ends_with(&["ResponseValue".to_string(), "from_response".to_string()]) {
            *path = syn::parse_quote!(sdk_auth::__private::from_response);
        }
        syn::visit_mut::visit_expr_path_mut(self, path);
    }
}
