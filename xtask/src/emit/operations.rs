//! The `operations` module of every SDK: one typed constant per operation (what options such as
//! `RetryPolicy::with_safe_operations` take), and the table of POSTs the spec marks safe to
//! repeat (`x-safe-to-retry: true`: they only read), which the hooks hand to `sdk-auth`.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Model;
use crate::model::idents::ident;

/// The `operations` module.
pub fn module(model: &Model<'_>) -> TokenStream {
    let mut consts = Vec::new();
    let mut safe = Vec::new();
    for op in &model.operations {
        let Some(id) = &op.op.operation_id else {
            continue;
        };
        let name = ident(&id.to_shouty_snake_case());
        let doc = format!(" `{} {}`", op.method, op.path);
        consts.push(quote! {
            #[doc = #doc]
            pub const #name: sdk_auth::OperationId = sdk_auth::OperationId::__new(#id);
        });
        if op.safe_to_retry {
            safe.push(name);
        }
    }
    quote! {
        /// Every operation of this API as a typed constant, for the options that name one
        /// (`RetryPolicy::with_safe_operations`, `HttpOptions::with_operation_timeout`).
        pub mod operations {
            #(#consts)*

            /// The POST and PATCH operations the spec marks safe to repeat (they only read):
            /// their transient failures are retried like a GET's.
            pub const SAFE_TO_RETRY: &[sdk_auth::OperationId] = &[#(#safe),*];

            /// Whether the operation `id` is in [`SAFE_TO_RETRY`].
            pub fn is_safe_to_retry(id: &str) -> bool {
                SAFE_TO_RETRY.iter().any(|o| o.as_str() == id)
            }
        }
    }
}
