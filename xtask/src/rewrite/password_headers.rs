//! Header parameters with `format: password` (DD OS 8.x `X-DD-SEC-OFFICER`, the security
//! officer's credentials).
//!
//! `emit::progenitor::settings` makes such a parameter an `sdk_auth::Password` (no `Display`,
//! redacted `Debug`), but progenitor writes a header as `value.to_string().try_into()?` in the
//! client and `value.to_string()` in the mock. This pass rewrites exactly those expressions for the headers
//! the spec declares with `format: password`: the client builds the header with
//! `sdk_auth::__private::password_header` (a `HeaderValue` marked sensitive), the mock matches on
//! `expose_secret()`. Any other header is left as progenitor wrote it.

use std::collections::BTreeSet;

use syn::visit_mut::VisitMut;

/// Rewrites the client's and the mock's code for the headers in `names`.
pub fn apply(client: &mut syn::File, mock: &mut syn::File, names: &BTreeSet<String>) {
    if names.is_empty() {
        return;
    }
    Rewrite { names }.visit_file_mut(client);
    Rewrite { names }.visit_file_mut(mock);
}

struct Rewrite<'a> {
    names: &'a BTreeSet<String>,
}

/// `X.to_string()`: the receiver `X`.
fn to_string_receiver(expr: &syn::Expr) -> Option<&syn::Expr> {
    match expr {
        syn::Expr::MethodCall(call) if call.method == "to_string" && call.args.is_empty() => {
            Some(&call.receiver)
        }
        _ => None,
    }
}

impl VisitMut for Rewrite<'_> {
    fn visit_expr_method_call_mut(&mut self, call: &mut syn::ExprMethodCall) {
        syn::visit_mut::visit_expr_method_call_mut(self, call);
        if call.args.len() != 2 {
            return;
        }
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(name),
            ..
        }) = &call.args[0]
        else {
            return;
        };
        if !self.names.contains(&name.value()) {
            return;
        }
        if call.method == "append" {
            // Client: `header_map.append("NAME", X.to_string().try_into()?)`.
            let syn::Expr::Try(tried) = &call.args[1] else {
                return;
            };
            let syn::Expr::MethodCall(try_into) = tried.expr.as_ref() else {
                return;
            };
            if try_into.method != "try_into" {
                return;
            }
            if let Some(value) = to_string_receiver(&try_into.receiver) {
                let value = value.clone();
                call.args[1] = syn::parse_quote!(::sdk_auth::__private::password_header(&#value)?);
            }
        } else if call.method == "header" {
            // Mock: `self.0.header("NAME", value.to_string())`.
            if let Some(value) = to_string_receiver(&call.args[1]) {
                let value = value.clone();
                call.args[1] = syn::parse_quote!(#value.expose_secret().to_string());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::ToTokens;

    #[test]
    fn rewrites_only_the_named_headers() {
        let names: BTreeSet<String> = ["X-Secret".to_string()].into();
        let mut client: syn::File = syn::parse_quote! {
            fn send() {
                header_map.append("X-Secret", value.to_string().try_into()?);
                header_map.append("X-Other", value.to_string().try_into()?);
            }
        };
        let mut mock: syn::File = syn::parse_quote! {
            fn when() { Self(self.0.header("X-Secret", value.to_string())) }
        };
        apply(&mut client, &mut mock, &names);
        let client = client.to_token_stream().to_string();
        assert!(client.contains(
            "header_map . append (\"X-Secret\" , :: sdk_auth :: __private :: password_header (& value) ?)"
        ));
        assert!(
            client.contains(
                "header_map . append (\"X-Other\" , value . to_string () . try_into () ?)"
            )
        );
        let mock = mock.to_token_stream().to_string();
        assert!(mock.contains("header (\"X-Secret\" , value . expose_secret () . to_string ())"));
    }
}
