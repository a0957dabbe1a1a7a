//! The glue between progenitor's client and `sdk-auth`, emitted at the top of the generated
//! client after progenitor's code: the `ClientHooks` impl that hands every request to `sdk-auth`
//! (auth, retries, typed session errors), `Client::from_session` / `session` / `logout`, and
//! `__decode_every_response_type` for the property tests.

use std::collections::BTreeSet;

use heck::ToPascalCase;
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::Model;
use crate::model::idents::ident;
use crate::model::spec;

/// The hooks impl, the session constructors and the decode-everything test helper.
pub fn hooks(model: &Model<'_>) -> TokenStream {
    let mut bodies = BTreeSet::new();
    for op in &model.operations {
        for name in [
            spec::success_schema_name(model.spec, op.op),
            spec::error_schema_name(model.spec, op.op),
        ]
        .into_iter()
        .flatten()
        {
            bodies.insert(name.to_pascal_case());
        }
    }
    let bodies: Vec<Ident> = bodies.iter().map(|b| ident(b)).collect();
    quote! {
        /// Decodes `bytes` as JSON into every response body type of this API (success and error
        /// bodies) and returns how many accepted them. For property tests: whatever the bytes,
        /// decoding must return, never panic. `#[inline]`, so that its decoders are compiled in
        /// the test that calls it, not in every build of the SDK.
        #[doc(hidden)]
        #[inline]
        pub fn __decode_every_response_type(bytes: &[u8]) -> usize {
            let mut accepted = 0;
            #(
                accepted += usize::from(serde_json::from_slice::<types::#bodies>(bytes).is_ok());
            )*
            accepted
        }

        /// Every request goes through `sdk-auth`: `pre` makes sure the session is logged in and adds
        /// the vendor's auth headers; `exec` sends the request, re-authenticates once when the
        /// credentials have expired and retries transient failures of requests safe to repeat
        /// (the spec's `x-safe-to-retry` included) within the session's policy; `post` turns a
        /// session failure (refused re-login, redirect to another origin, a non-JSON error page,
        /// a transport failure) into a typed error (see `sdk_auth::CallError`).
        impl ClientHooks<sdk_auth::Session> for Client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &OperationInfo,
            ) -> std::result::Result<(), Error<E>> {
                sdk_auth::__private::pre(&self.inner, request, info.operation_id).await
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                sdk_auth::__private::exec(
                    &self.inner,
                    request,
                    info.operation_id,
                    operations::is_safe_to_retry(info.operation_id),
                )
                .await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                info: &OperationInfo,
            ) -> std::result::Result<(), Error<E>> {
                sdk_auth::__private::post(&self.inner, result, info.operation_id).await
            }
        }

        impl Client {
            /// A client over an existing [`sdk_auth::Session`] (sharing its HTTP client and
            /// login). This is the only way to make a client: every request goes to the
            /// session's base URL through the session's HTTP client (TLS trust, pinning,
            /// timeouts, redirect policy).
            pub fn from_session(session: sdk_auth::Session) -> Self {
                let baseurl = session.base_url().to_string();
                let http = session.http().clone();
                Self::new_with_client(&baseurl, http, session)
            }

            /// The session: credentials, current token or session id, retry policy.
            pub fn session(&self) -> &sdk_auth::Session {
                &self.inner
            }

            /// Logs out of the API (see [`sdk_auth::Session::logout`]). A later call logs in again.
            pub async fn logout(&self) -> std::result::Result<(), sdk_auth::Error> {
                self.inner.logout().await
            }
        }
    }
}
