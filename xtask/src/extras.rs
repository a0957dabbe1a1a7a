//! What progenitor does not generate: the `ClientHooks` impl that hands every request to
//! `sdk-auth`, and item streams for list operations carrying an `x-pagination` extension.

use heck::{ToPascalCase, ToSnakeCase};
use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::spec::{self, Op};

/// How a list operation pages, read from its `x-pagination` extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// DDMC: 0-based `page` and `size` query parameters; totals in a paging-info object.
    PageSize {
        /// Property of the body holding `{current_page, page_entries, total_entries, page_size}`.
        paging_info: String,
    },
    /// Management console: `offset` and `limit` query parameters.
    OffsetLimit,
    /// Druva: an opaque next-page token echoed back in a query parameter or body property.
    PageToken {
        /// Name of the query parameter or body property that carries the token.
        token_param: String,
        /// Whether the token goes in the query or in the JSON body.
        in_body: bool,
        /// Property of the response holding the next token.
        next_token: String,
    },
}

/// Everything needed to emit one operation's item stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// progenitor's builder struct name for the operation.
    pub builder: String,
    /// Rust type of one item.
    pub item_type: String,
    /// Rust type of the operation's error body.
    pub error_type: String,
    /// Property of the response holding the item array.
    pub items: String,
    /// The paging style.
    pub style: Style,
}

fn str_field<'a>(ext: &'a serde_json::Value, key: &str) -> Result<&'a str, String> {
    ext.get(key)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("`x-pagination.{key}` is missing or not a string"))
}

/// A parameter name converted the way progenitor names builder setters.
fn rust_name(name: &str) -> String {
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

impl Pagination {
    /// Reads and validates the `x-pagination` extension of `op`; `Ok(None)` when there is none.
    pub fn from_operation(spec: &OpenAPI, op: &Op<'_>) -> Result<Option<Pagination>, String> {
        let Some(ext) = op.op.extensions.get("x-pagination") else {
            return Ok(None);
        };
        let Some(op_id) = &op.op.operation_id else {
            return Err("needs an operationId".into());
        };
        let items = str_field(ext, "items")?.to_string();
        let query_params: Vec<String> = op
            .op
            .parameters
            .iter()
            .filter_map(|p| spec::parameter(spec, p))
            .filter(|p| matches!(p, openapiv3::Parameter::Query { .. }))
            .map(|p| p.parameter_data_ref().name.clone())
            .collect();
        let need_query = |names: &[&str]| -> Result<(), String> {
            for n in names {
                if !query_params.iter().any(|q| q == n) {
                    return Err(format!("style needs an optional query parameter `{n}`"));
                }
            }
            Ok(())
        };
        let success = spec::success_schema_name(spec, op.op)
            .ok_or("the success response must be a `$ref` to a component schema")?;
        let success_schema = spec::schema(spec, success)
            .ok_or_else(|| format!("schema `{success}` does not resolve"))?;
        let (items_schema, _) = spec::property(spec, success_schema, &items)
            .ok_or_else(|| format!("`{success}` has no property `{items}` (x-pagination.items)"))?;
        let item = spec::array_item_ref(spec, items_schema).ok_or_else(|| {
            format!("`{success}.{items}` must be an array whose items are a `$ref`")
        })?;
        let error = spec::error_schema_name(spec, op.op)
            .ok_or("needs a 4XX/5XX response whose body is a `$ref` (the stream's error type)")?;
        let style = match str_field(ext, "style")? {
            "page-size" => {
                need_query(&["page", "size"])?;
                let paging_info = str_field(ext, "paging-info")?.to_string();
                match spec::property(spec, success_schema, &paging_info) {
                    None => {
                        return Err(format!(
                            "`{success}` has no property `{paging_info}` (x-pagination.paging-info)"
                        ));
                    }
                    Some((_, true)) => {
                        return Err(format!("`{success}.{paging_info}` must be optional"));
                    }
                    Some(_) => {}
                }
                Style::PageSize { paging_info }
            }
            "offset-limit" => {
                need_query(&["offset", "limit"])?;
                Style::OffsetLimit
            }
            "page-token" => {
                let token_param = str_field(ext, "token-param")?.to_string();
                let next_token = str_field(ext, "next-token")?.to_string();
                if spec::property(spec, success_schema, &next_token).is_none() {
                    return Err(format!(
                        "`{success}` has no property `{next_token}` (x-pagination.next-token)"
                    ));
                }
                let in_body = match str_field(ext, "token-in")? {
                    "query" => {
                        need_query(&[token_param.as_str()])?;
                        false
                    }
                    "body" => {
                        let body = op
                            .op
                            .request_body
                            .as_ref()
                            .and_then(|b| spec::request_body(spec, b))
                            .ok_or("token-in: body needs a request body")?;
                        let schema_name = body
                            .content
                            .values()
                            .next()
                            .and_then(|mt| match mt.schema.as_ref()? {
                                ReferenceOr::Reference { reference } => spec::ref_name(reference, "schemas"),
                                ReferenceOr::Item(_) => None,
                            })
                            .ok_or("token-in: body needs a request body that is a `$ref` to a component schema")?;
                        let body_schema = spec::schema(spec, schema_name)
                            .ok_or_else(|| format!("schema `{schema_name}` does not resolve"))?;
                        if spec::property(spec, body_schema, &token_param).is_none() {
                            return Err(format!(
                                "request body `{schema_name}` has no property `{token_param}`"
                            ));
                        }
                        true
                    }
                    other => {
                        return Err(format!(
                            "`x-pagination.token-in` is `{other}`; expected `query` or `body`"
                        ));
                    }
                };
                Style::PageToken {
                    token_param,
                    in_body,
                    next_token,
                }
            }
            other => {
                return Err(format!(
                    "`x-pagination.style` is `{other}`; expected `page-size`, `offset-limit` or `page-token`"
                ));
            }
        };
        Ok(Some(Pagination {
            builder: op_id.to_pascal_case(),
            item_type: item.to_pascal_case(),
            error_type: error.to_pascal_case(),
            items,
            style,
        }))
    }
}

fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The hooks impl plus every pagination stream of `spec`.
pub fn extras(spec: &OpenAPI) -> Result<TokenStream, String> {
    let mut streams = Vec::new();
    let mut bodies = std::collections::BTreeSet::new();
    for op in spec::operations(spec) {
        for name in [
            spec::success_schema_name(spec, op.op),
            spec::error_schema_name(spec, op.op),
        ]
        .into_iter()
        .flatten()
        {
            bodies.insert(name.to_pascal_case());
        }
        if let Some(p) =
            Pagination::from_operation(spec, &op).map_err(|e| format!("{}: {e}", op.name()))?
        {
            streams.push(stream_impl(&p));
        }
    }
    let bodies: Vec<Ident> = bodies.iter().map(|b| ident(b)).collect();
    Ok(quote! {
        /// Decodes `bytes` as JSON into every response body type of this API (success and error
        /// bodies) and returns how many accepted them. For property tests: whatever the bytes,
        /// decoding must return, never panic.
        #[doc(hidden)]
        pub fn __decode_every_response_type(bytes: &[u8]) -> usize {
            let mut accepted = 0;
            #(
                accepted += usize::from(serde_json::from_slice::<types::#bodies>(bytes).is_ok());
            )*
            accepted
        }

        /// Every request goes through `sdk-auth`: `pre` makes sure the session is logged in and adds
        /// the vendor's auth headers; `exec` sends the request, re-authenticates once when the
        /// credentials have expired and retries transient failures within the session's policy;
        /// `post` turns an error answer whose body is not JSON into a clear error (operation,
        /// status, excerpt).
        impl ClientHooks<sdk_auth::Session> for Client {
            async fn pre<E>(
                &self,
                request: &mut reqwest::Request,
                info: &OperationInfo,
            ) -> std::result::Result<(), Error<E>> {
                self.inner
                    .authorize(request, info.operation_id)
                    .await
                    .map_err(|e| Error::Custom(e.to_string()))
            }

            async fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> reqwest::Result<reqwest::Response> {
                self.inner.execute(&self.client, request, info.operation_id).await
            }

            async fn post<E>(
                &self,
                result: &reqwest::Result<reqwest::Response>,
                _info: &OperationInfo,
            ) -> std::result::Result<(), Error<E>> {
                self.inner
                    .check_response(result)
                    .map_err(|e| Error::Custom(e.to_string()))
            }
        }

        impl Client {
            /// A client over an existing [`sdk_auth::Session`] (sharing its HTTP client and login).
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

        #(#streams)*
    })
}

fn stream_impl(p: &Pagination) -> TokenStream {
    let builder = ident(&p.builder);
    let item = ident(&p.item_type);
    let error = ident(&p.error_type);
    let items = ident(&rust_name(&p.items));
    let ret = quote!(sdk_auth::paging::ItemStream<'a, types::#item, Error<types::#error>>);
    match &p.style {
        Style::PageSize { paging_info } => {
            let paging_info = ident(&rust_name(paging_info));
            quote! {
                impl<'a> builder::#builder<'a> {
                    /// Streams every item of every page, requesting 200 items per page (the API's
                    /// maximum; without paging the API silently returns only the first 20).
                    pub fn stream(self) -> #ret {
                        self.stream_with_page_size(200)
                    }

                    /// Streams every item of every page, requesting `page_size` items per page.
                    pub fn stream_with_page_size(self, page_size: u32) -> #ret {
                        sdk_auth::paging::numbered_pages(page_size, move |page, size| {
                            let request = self.clone().page(page).size(size);
                            async move {
                                let body = request.send().await?.into_inner();
                                let total = body
                                    .#paging_info
                                    .as_ref()
                                    .and_then(|p| sdk_auth::paging::Count::count(&p.total_entries));
                                Ok(sdk_auth::paging::Page::new(
                                    sdk_auth::paging::Items::into_items(body.#items),
                                    total,
                                ))
                            }
                        })
                    }
                }
            }
        }
        Style::OffsetLimit => quote! {
            impl<'a> builder::#builder<'a> {
                /// Streams every item, fetching 1000 items per request (`offset`/`limit`).
                pub fn stream(self) -> #ret {
                    self.stream_with_page_size(1000)
                }

                /// Streams every item, fetching `page_size` items per request (`offset`/`limit`).
                pub fn stream_with_page_size(self, page_size: u32) -> #ret {
                    self.stream_parallel(page_size, 1)
                }

                /// Streams every item in order with up to `concurrency` page requests in flight
                /// (`page_size` items each): much faster on long lists and slow links. Ends after
                /// the first short page; a few requests past the end are cancelled.
                pub fn stream_parallel(self, page_size: u32, concurrency: usize) -> #ret {
                    sdk_auth::paging::offset_pages_parallel(page_size, concurrency, move |offset, limit| {
                        let request = self.clone().offset(offset).limit(limit);
                        async move {
                            let body = request.send().await?.into_inner();
                            Ok(sdk_auth::paging::Page::new(
                                sdk_auth::paging::Items::into_items(body.#items),
                                None,
                            ))
                        }
                    })
                }
            }
        },
        Style::PageToken {
            token_param,
            in_body,
            next_token,
        } => {
            let setter = ident(&rust_name(token_param));
            let next_token = ident(&rust_name(next_token));
            let with_token = if *in_body {
                quote!(self.clone().body_map(move |body| body.#setter(token)))
            } else {
                quote!(self.clone().#setter(token))
            };
            quote! {
                impl<'a> builder::#builder<'a> {
                    /// Streams every item of every page, following the next-page token until the
                    /// API returns an empty token or an empty page (a repeated token also ends it).
                    pub fn stream(self) -> #ret {
                        sdk_auth::paging::token_pages(move |token: Option<String>| {
                            let request = match token {
                                Some(token) => #with_token,
                                None => self.clone(),
                            };
                            async move {
                                let body = request.send().await?.into_inner();
                                Ok(sdk_auth::paging::TokenPage::new(
                                    sdk_auth::paging::Items::into_items(body.#items),
                                    sdk_auth::paging::Token::into_token(body.#next_token),
                                ))
                            }
                        })
                    }
                }
            }
        }
    }
}
