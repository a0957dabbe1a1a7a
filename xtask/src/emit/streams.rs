//! What progenitor does not generate: the `ClientHooks` impl that hands every request to
//! `sdk-auth`, and item streams for list operations carrying an `x-pagination` extension.

use heck::{ToPascalCase, ToSnakeCase};
use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::model::spec::{self, Op};

/// How a list operation pages, read from its `x-pagination` extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// DDMC: 0-based `page` and `size` query parameters; totals in a paging-info object.
    PageSize {
        /// Property of the body holding `{current_page, page_entries, total_entries, page_size}`.
        paging_info: String,
    },
    /// Management console (and Druva AWS Native): an offset and a page size in the query.
    OffsetLimit {
        /// Query parameter of the index of the first item (`offset`).
        offset_param: String,
        /// Query parameter of the page size (`limit` on the console, `pageSize` on AWS Native).
        limit_param: String,
        /// Page size `stream()` asks for (`max-page-size`; 1000 when not given).
        default_size: u32,
    },
    /// Druva: an opaque next-page token echoed back in a query parameter or body property.
    PageToken {
        /// Name of the query parameter or body property that carries the token.
        token_param: String,
        /// Whether the token goes in the query or in the JSON body.
        in_body: bool,
        /// Property of the response holding the next token.
        next_token: String,
        /// `style: tracker` (inSync events): boolean property of the response saying whether
        /// another page waits (`nextPageExists`); the walk stops when it is false or absent.
        more_flag: Option<String>,
        /// `token-replaces-filters: true` (Platform events): later pages send the token alone
        /// (the token carries the filters and page size), keeping only these path and header
        /// parameters (their builder field names).
        replaces_filters: Option<Vec<String>>,
    },
    /// Druva legal hold v4 and eDiscovery lists: 1-based page numbers.
    PageNumber {
        /// Query parameter of the 1-based page number (`pageNumber`).
        page_param: String,
        /// Query parameter of the page size (`pageSize`).
        size_param: String,
        /// Where the response says how many pages there are (`pageInfo.totalPages`), if it does.
        total_pages: Option<FieldPath>,
        /// Page size `stream()` asks for (the API's maximum).
        default_size: u32,
    },
}

/// A property path from a response body to a field (`results.usersList`), each step with
/// whether the generated field is an `Option` (not required, or nullable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(pub Vec<(String, bool)>);

/// Resolves a dotted property path (`pageInfo.totalPages`) from `object`; the error names the
/// missing step. Returns the path and the schema of its last property.
fn field_path<'a>(
    spec: &'a OpenAPI,
    object: &'a openapiv3::Schema,
    object_name: &str,
    dotted: &str,
    key: &str,
) -> Result<(FieldPath, &'a ReferenceOr<Box<openapiv3::Schema>>), String> {
    let mut steps = Vec::new();
    let mut current = object;
    let mut current_name = object_name.to_string();
    let mut last = None;
    for name in dotted.split('.') {
        if let Some(prev) = last {
            current = spec::resolve(spec, prev).ok_or_else(|| {
                format!("`{current_name}` is not an object schema (x-pagination.{key} `{dotted}`)")
            })?;
        }
        let (schema, required) = spec::property(spec, current, name).ok_or_else(|| {
            if dotted.contains('.') {
                format!("`{current_name}` has no property `{name}` (x-pagination.{key} `{dotted}`)")
            } else {
                format!("`{current_name}` has no property `{name}` (x-pagination.{key})")
            }
        })?;
        let nullable = spec::resolve(spec, schema).is_some_and(|s| s.schema_data.nullable);
        steps.push((name.to_string(), !required || nullable));
        current_name = format!("{current_name}.{name}");
        last = Some(schema);
    }
    let last = last.ok_or_else(|| format!("`x-pagination.{key}` is empty"))?;
    Ok((FieldPath(steps), last))
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
    /// Property of the response holding the item array (dotted when nested: `results.usersList`).
    pub items: String,
    /// The same as a resolved path.
    pub items_path: FieldPath,
    /// The paging style.
    pub style: Style,
}

fn bool_field(ext: &serde_json::Value, key: &str) -> Result<bool, String> {
    match ext.get(key) {
        None => Ok(false),
        Some(v) => v
            .as_bool()
            .ok_or_else(|| format!("`x-pagination.{key}` must be `true` or `false`")),
    }
}

fn str_field<'a>(ext: &'a serde_json::Value, key: &str) -> Result<&'a str, String> {
    ext.get(key)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("`x-pagination.{key}` is missing or not a string"))
}

/// A parameter name converted the way progenitor names builder setters.
pub(crate) fn rust_name(name: &str) -> String {
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
        let (items_path, items_schema) =
            field_path(spec, success_schema, success, &items, "items")?;
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
                let name = |key: &str, default: &str| -> Result<String, String> {
                    match ext.get(key) {
                        None => Ok(default.to_string()),
                        Some(_) => str_field(ext, key).map(str::to_string),
                    }
                };
                let offset_param = name("offset-param", "offset")?;
                let limit_param = name("limit-param", "limit")?;
                need_query(&[offset_param.as_str(), limit_param.as_str()])?;
                let default_size = match ext.get("max-page-size") {
                    None => 1000,
                    Some(v) => v
                        .as_u64()
                        .and_then(|v| u32::try_from(v).ok())
                        .filter(|v| *v > 0)
                        .ok_or("`x-pagination.max-page-size` is not a positive integer")?,
                };
                Style::OffsetLimit {
                    offset_param,
                    limit_param,
                    default_size,
                }
            }
            style @ ("page-token" | "tracker") => {
                let tracker = style == "tracker";
                let token_param = str_field(ext, "token-param")?.to_string();
                let next_token = str_field(ext, "next-token")?.to_string();
                if spec::property(spec, success_schema, &next_token).is_none() {
                    return Err(format!(
                        "`{success}` has no property `{next_token}` (x-pagination.next-token)"
                    ));
                }
                let more_flag = if tracker {
                    let flag = str_field(ext, "more-flag")?.to_string();
                    let (schema, _) =
                        spec::property(spec, success_schema, &flag).ok_or_else(|| {
                            format!("`{success}` has no property `{flag}` (x-pagination.more-flag)")
                        })?;
                    let boolean = spec::resolve(spec, schema).is_some_and(|s| {
                        matches!(
                            s.schema_kind,
                            openapiv3::SchemaKind::Type(openapiv3::Type::Boolean(_))
                        )
                    });
                    if !boolean {
                        return Err(format!(
                            "`{success}.{flag}` must be a boolean (x-pagination.more-flag)"
                        ));
                    }
                    Some(flag)
                } else if ext.get("more-flag").is_some() {
                    return Err("`x-pagination.more-flag` needs `style: tracker`".into());
                } else {
                    None
                };
                let replaces = bool_field(ext, "token-replaces-filters")?;
                if replaces && (tracker || str_field(ext, "token-in")? != "query") {
                    return Err(
                        "`x-pagination.token-replaces-filters` needs `style: page-token` and `token-in: query`"
                            .into(),
                    );
                }
                let replaces_filters = replaces.then(|| {
                    op.op
                        .parameters
                        .iter()
                        .filter_map(|p| spec::parameter(spec, p))
                        .filter(|p| {
                            matches!(
                                p,
                                openapiv3::Parameter::Path { .. }
                                    | openapiv3::Parameter::Header { .. }
                            )
                        })
                        .map(|p| p.parameter_data_ref().name.clone())
                        .collect()
                });
                let token_in = if tracker {
                    "query"
                } else {
                    str_field(ext, "token-in")?
                };
                let in_body = match token_in {
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
                    more_flag,
                    replaces_filters,
                }
            }
            "page-number" => {
                let page_param = str_field(ext, "page-param")?.to_string();
                let size_param = str_field(ext, "size-param")?.to_string();
                need_query(&[page_param.as_str(), size_param.as_str()])?;
                let total_pages = match ext.get("total-pages") {
                    None => None,
                    Some(_) => {
                        let dotted = str_field(ext, "total-pages")?;
                        Some(field_path(spec, success_schema, success, dotted, "total-pages")?.0)
                    }
                };
                let default_size = ext
                    .get("max-page-size")
                    .and_then(|v| v.as_u64())
                    .and_then(|v| u32::try_from(v).ok())
                    .filter(|v| *v > 0)
                    .ok_or("`x-pagination.max-page-size` is missing or not a positive integer")?;
                Style::PageNumber {
                    page_param,
                    size_param,
                    total_pages,
                    default_size,
                }
            }
            other => {
                return Err(format!(
                    "`x-pagination.style` is `{other}`; expected `page-size`, `offset-limit`, `page-token`, `tracker` or `page-number`"
                ));
            }
        };
        Ok(Some(Pagination {
            builder: op_id.to_pascal_case(),
            item_type: item.to_pascal_case(),
            error_type: error.to_pascal_case(),
            items,
            items_path,
            style,
        }))
    }
}

/// An identifier, as is.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// The builder field and setter progenitor names after parameter `name` (snake case; a keyword
/// gets a trailing `_`).
pub(crate) fn field_ident(name: &str) -> Ident {
    let name = rust_name(name);
    syn::parse_str::<Ident>(&name).unwrap_or_else(|_| ident(&format!("{name}_")))
}

/// An expression of type `Option<field>` reading `path` out of `body`, following optional steps.
fn access_expr(path: &FieldPath) -> TokenStream {
    let mut expr = quote!(Some(body));
    for (name, optional) in &path.0 {
        let field = field_ident(name);
        expr = if *optional {
            quote!(#expr.and_then(|x| x.#field))
        } else {
            quote!(#expr.map(|x| x.#field))
        };
    }
    expr
}

/// An expression of type `Option<&field>` borrowing `path` from `body`.
fn access_ref_expr(path: &FieldPath) -> TokenStream {
    let mut expr = quote!(Some(&body));
    for (name, optional) in &path.0 {
        let field = field_ident(name);
        expr = if *optional {
            quote!(#expr.and_then(|x| x.#field.as_ref()))
        } else {
            quote!(#expr.map(|x| &x.#field))
        };
    }
    expr
}

/// Whether the stream of `p` must be emitted inside progenitor's `builder` module (it reads
/// the builder's private fields).
fn in_builder_module(p: &Pagination) -> bool {
    matches!(
        &p.style,
        Style::OffsetLimit { .. }
            | Style::PageToken {
                replaces_filters: Some(_),
                ..
            }
    )
}

/// The fields of progenitor's builder struct `name` (in the `builder` module), `client` first.
fn builder_fields(file: &syn::File, name: &str) -> Result<Vec<Ident>, String> {
    let module = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_ref(),
            _ => None,
        })
        .ok_or("progenitor's output has no `builder` module")?;
    module
        .1
        .iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(
                s.fields
                    .iter()
                    .filter_map(|f| f.ident.clone())
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .ok_or_else(|| format!("progenitor's `builder` module has no struct `{name}`"))
}

/// The streams that go inside progenitor's `builder` module because they read a builder's
/// private fields: offset walks (each page is a fresh builder over an owned client, so that it
/// can be fetched and decoded on any runtime worker) and token-replaces-filters walks (a later
/// page is rebuilt from the path and header parameters alone).
pub fn builder_module_streams(
    spec: &OpenAPI,
    file: &syn::File,
) -> Result<Vec<TokenStream>, String> {
    let mut inside = Vec::new();
    for op in spec::operations(spec) {
        if let Some(p) =
            Pagination::from_operation(spec, &op).map_err(|e| format!("{}: {e}", op.name()))?
            && in_builder_module(&p)
        {
            let fields = builder_fields(file, &p.builder)?;
            inside.push(stream_impl(&p, &fields));
        }
    }
    Ok(inside)
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
            && !in_builder_module(&p)
        {
            streams.push(stream_impl(&p, &[]));
        }
    }
    let bodies: Vec<Ident> = bodies.iter().map(|b| ident(b)).collect();
    let operations = crate::emit::operations::module(spec)?;
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

        #operations

        #(#streams)*
    })
}

/// The stream methods of one list operation; `fields` are the builder's fields (for the streams
/// emitted inside the builder module).
fn stream_impl(p: &Pagination, fields: &[Ident]) -> TokenStream {
    let builder = ident(&p.builder);
    let item = ident(&p.item_type);
    let error = ident(&p.error_type);
    let items = field_ident(&p.items_path.0[0].0);
    // One property: `body.items` (as ever); nested: an `Option` chain down the path.
    let items_expr = if p.items_path.0.len() == 1 {
        quote!(body.#items)
    } else {
        access_expr(&p.items_path)
    };
    let ret = quote!(sdk_auth::paging::ItemStream<'a, types::#item, Error<types::#error>>);
    match &p.style {
        Style::PageSize { paging_info } => {
            let paging_info = field_ident(paging_info);
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
        Style::OffsetLimit {
            offset_param,
            limit_param,
            default_size,
        } => {
            // Every field but the client and the paging parameters is copied into each page's
            // builder; the destructuring names every field, so a field the xtask does not know
            // fails to compile instead of being dropped.
            let offset = field_ident(offset_param);
            let limit = field_ident(limit_param);
            let kept: Vec<&Ident> = fields
                .iter()
                .filter(|f| **f != "client" && **f != offset && **f != limit)
                .collect();
            let names = if offset_param == "offset" && limit_param == "limit" {
                "`offset`/`limit`".to_string()
            } else {
                format!("`{offset_param}`/`{limit_param}`")
            };
            let stream_doc = format!(
                " Streams every item, fetching {default_size} items per request ({names})."
            );
            let sized_doc = " Streams every item, fetching `page_size` items per request";
            let sized_names = format!(" ({names}).");
            let size = proc_macro2::Literal::u32_unsuffixed(*default_size);
            quote! {
                impl<'a> #builder<'a> {
                    #[doc = #stream_doc]
                    pub fn stream(self) -> #ret {
                        self.stream_with_page_size(#size)
                    }

                    #[doc = #sized_doc]
                    #[doc = #sized_names]
                    pub fn stream_with_page_size(self, page_size: u32) -> #ret {
                        self.stream_parallel(page_size, 1)
                    }

                    /// Streams every item in order with up to `concurrency` page requests in
                    /// flight (`page_size` items each, or fewer when the console serves fewer),
                    /// each page fetched and decoded on a runtime worker: much faster on long
                    /// lists and slow links. Exact on a console that caps the page size; ends on
                    /// an empty page (the few requests past the end are cancelled).
                    pub fn stream_parallel(self, page_size: u32, concurrency: usize) -> #ret {
                        let Self { client, #offset: _, #limit: _, #(#kept),* } = self;
                        let client = std::sync::Arc::new(client.clone());
                        sdk_auth::paging::offset_pages_spawned(page_size, concurrency, move |offset, limit| {
                            let client = std::sync::Arc::clone(&client);
                            #( let #kept = #kept.clone(); )*
                            async move {
                                let mut request = #builder::new(&client);
                                #( request.#kept = #kept; )*
                                let body = request.#offset(offset).#limit(limit).send().await?.into_inner();
                                Ok(sdk_auth::paging::Page::new(
                                    sdk_auth::paging::Items::into_items(body.#items),
                                    None,
                                ))
                            }
                        })
                    }
                }
            }
        }
        Style::PageToken {
            token_param,
            in_body,
            next_token,
            more_flag,
            replaces_filters,
        } => {
            let setter = field_ident(token_param);
            let next_token = field_ident(next_token);
            let next = match more_flag {
                None => quote!(sdk_auth::paging::Token::into_token(body.#next_token)),
                Some(flag) => {
                    let flag = field_ident(flag);
                    quote!(sdk_auth::paging::Token::into_token(body.#next_token)
                        .filter(|_| sdk_auth::paging::Flag::is_set(&body.#flag)))
                }
            };
            let page = match more_flag {
                None => quote! {
                    async move {
                        let body = request.send().await?.into_inner();
                        Ok(sdk_auth::paging::TokenPage::new(
                            sdk_auth::paging::Items::into_items(#items_expr),
                            #next,
                        ))
                    }
                },
                Some(_) => quote! {
                    async move {
                        let body = request.send().await?.into_inner();
                        // The tracker of the last page too: where a later poll resumes.
                        let resume = sdk_auth::paging::Token::into_token(body.#next_token.clone());
                        let next = #next;
                        Ok(sdk_auth::paging::TokenPage::new(
                            sdk_auth::paging::Items::into_items(#items_expr),
                            next,
                        )
                        .with_resume(resume))
                    }
                },
            };
            if let Some(keep) = replaces_filters {
                // Emitted inside progenitor's `builder` module: a later page is a fresh builder
                // holding only the path and header parameters and the token.
                let keep: Vec<Ident> = keep.iter().map(|k| field_ident(k)).collect();
                return quote! {
                    impl<'a> #builder<'a> {
                        /// Streams every item of every page. The first request carries the
                        /// filters; every later one sends the next-page token alone (the API
                        /// refuses a token combined with filters: the token carries them and the
                        /// page size). Ends on an empty token, an empty page or a repeated token.
                        pub fn stream(self) -> #ret {
                            let client = self.client;
                            #( let #keep = self.#keep.clone(); )*
                            sdk_auth::paging::token_pages(move |token: Option<String>| {
                                let request = match token {
                                    Some(token) => {
                                        let mut next = Self::new(client);
                                        #( next.#keep = #keep.clone(); )*
                                        next.#setter = Ok(Some(token));
                                        next
                                    }
                                    None => self.clone(),
                                };
                                #page
                            })
                        }
                    }
                };
            }
            let with_token = if *in_body {
                quote!(self.clone().body_map(move |body| body.#setter(token)))
            } else {
                quote!(self.clone().#setter(token))
            };
            let doc = match more_flag {
                None => quote! {
                    /// Streams every item of every page, following the next-page token until the
                    /// API returns an empty token or an empty page (a repeated token also ends it).
                },
                Some(flag) => {
                    let doc = format!(
                        " Streams every item of every page, passing back the tracker of each answer \
                         until `{flag}` is false, a page is empty or a tracker repeats."
                    );
                    quote!(#[doc = #doc])
                }
            };
            if more_flag.is_some() {
                let tracker = field_ident(token_param);
                let resumable_doc = format!(
                    " [`Self::stream`], also handing back the last `{token_param}` the API gave \
                     (after the stream ends), from which a later poll resumes where this one \
                     stopped: persist it, then start the next walk with `.{tracker}(saved)`."
                );
                return quote! {
                    impl<'a> builder::#builder<'a> {
                        #doc
                        pub fn stream(self) -> #ret {
                            self.stream_resumable().0
                        }

                        #[doc = #resumable_doc]
                        pub fn stream_resumable(self) -> (#ret, sdk_auth::paging::Resume) {
                            sdk_auth::paging::token_pages_resumable(move |token: Option<String>| {
                                let request = match token {
                                    Some(token) => #with_token,
                                    None => self.clone(),
                                };
                                #page
                            })
                        }
                    }
                };
            }
            quote! {
                impl<'a> builder::#builder<'a> {
                    #doc
                    pub fn stream(self) -> #ret {
                        sdk_auth::paging::token_pages(move |token: Option<String>| {
                            let request = match token {
                                Some(token) => #with_token,
                                None => self.clone(),
                            };
                            #page
                        })
                    }
                }
            }
        }
        Style::PageNumber {
            page_param,
            size_param,
            total_pages,
            default_size,
        } => {
            let page_setter = field_ident(page_param);
            let size_setter = field_ident(size_param);
            let total = match total_pages {
                None => quote!(None),
                Some(path) => {
                    let access = access_ref_expr(path);
                    quote!(sdk_auth::paging::Count::count(&#access.copied()))
                }
            };
            let doc = format!(
                " Streams every item of every page, requesting {default_size} items per page (the \
                 API's maximum) with 1-based page numbers."
            );
            quote! {
                impl<'a> builder::#builder<'a> {
                    #[doc = #doc]
                    pub fn stream(self) -> #ret {
                        self.stream_with_page_size(#default_size)
                    }

                    /// Streams every item of every page, requesting `page_size` items per page;
                    /// ends after the last page the API announces, or on an empty or short page.
                    pub fn stream_with_page_size(self, page_size: u32) -> #ret {
                        sdk_auth::paging::page_number_pages(page_size, move |page, size| {
                            let request = self.clone().#page_setter(page).#size_setter(size);
                            async move {
                                let body = request.send().await?.into_inner();
                                let total = #total;
                                Ok(sdk_auth::paging::Page::new(
                                    sdk_auth::paging::Items::into_items(#items_expr),
                                    total,
                                ))
                            }
                        })
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    /// The `x-pagination` problems of a one-operation spec (`GET /a`, op `list_a`, answering
    /// `P`, whose `results.list` holds `A`s and `info.pages` the page count).
    fn problems(pagination: &str, params: &str) -> Vec<String> {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a/{{v}}:\n    get:\n      operationId: list_a\n      x-pagination: {pagination}\n      parameters:\n        - {{name: v, in: path, required: true, schema: {{type: string}}}}\n{params}      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/P'}}}}}}}}\n        '4XX': {{description: e, content: {{application/json: {{schema: {{$ref: '#/components/schemas/E'}}}}}}}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{x: {{type: string}}}}}}\n    E: {{type: object, properties: {{m: {{type: string}}}}}}\n    R: {{type: object, properties: {{list: {{type: array, items: {{$ref: '#/components/schemas/A'}}}}}}}}\n    I: {{type: object, properties: {{pages: {{type: integer}}}}}}\n    P: {{type: object, properties: {{results: {{$ref: '#/components/schemas/R'}}, info: {{$ref: '#/components/schemas/I'}}, token: {{type: string}}, more: {{type: boolean}}, items: {{type: array, items: {{$ref: '#/components/schemas/A'}}}}}}}}\n"
        );
        let spec = crate::model::spec::parse("t.yaml", &yaml).expect("parses");
        crate::lint::lint(&spec)
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    const PAGED: &str = "        - {name: pageNumber, in: query, schema: {type: integer}}\n        - {name: pageSize, in: query, schema: {type: integer}}\n";
    const TOKEN: &str = "        - {name: t, in: query, schema: {type: string}}\n        - {name: f, in: query, schema: {type: string}}\n";
    const OFFSET: &str = "        - {name: offset, in: query, schema: {type: integer}}\n        - {name: pageSize, in: query, schema: {type: integer}}\n";

    #[test]
    fn offset_paging_names_its_page_size_parameter() {
        assert_eq!(
            problems(
                "{style: offset-limit, items: items, limit-param: pageSize, max-page-size: 100}",
                OFFSET
            ),
            Vec::<String>::new()
        );
        for (pagination, expected) in [
            (
                "{style: offset-limit, items: items}",
                "list_a: [x-pagination] style needs an optional query parameter `limit`",
            ),
            (
                "{style: offset-limit, items: items, limit-param: pageSize, offset-param: start}",
                "list_a: [x-pagination] style needs an optional query parameter `start`",
            ),
            (
                "{style: offset-limit, items: items, limit-param: pageSize, max-page-size: 0}",
                "list_a: [x-pagination] `x-pagination.max-page-size` is not a positive integer",
            ),
        ] {
            assert_eq!(
                problems(pagination, OFFSET),
                [expected.to_string()],
                "{pagination}"
            );
        }
    }

    #[test]
    fn an_offset_stream_sets_the_named_parameters_and_asks_the_page_size() {
        use super::{Pagination, Style, ident, stream_impl};
        let p = |limit: &str, size: u32| Pagination {
            builder: "ListA".into(),
            item_type: "A".into(),
            error_type: "E".into(),
            items: "items".into(),
            items_path: super::FieldPath(vec![("items".into(), true)]),
            style: Style::OffsetLimit {
                offset_param: "offset".into(),
                limit_param: limit.into(),
                default_size: size,
            },
        };
        let fields = [
            ident("client"),
            ident("offset"),
            ident("page_size"),
            ident("filter"),
        ];
        let code = stream_impl(&p("pageSize", 100), &fields).to_string();
        assert!(
            code.contains("offset : _ , page_size : _ , filter"),
            "{code}"
        );
        assert!(
            code.contains(". offset (offset) . page_size (limit)"),
            "{code}"
        );
        assert!(code.contains("stream_with_page_size (100)"), "{code}");
        assert!(code.contains("(`offset`/`pageSize`)"), "{code}");
        // The console's lists keep their names and their 1000 items per request.
        let fields = [ident("client"), ident("offset"), ident("limit")];
        let code = stream_impl(&p("limit", 1000), &fields).to_string();
        assert!(code.contains(". offset (offset) . limit (limit)"), "{code}");
        assert!(code.contains("stream_with_page_size (1000)"), "{code}");
        assert!(code.contains("(`offset`/`limit`)"), "{code}");
    }

    #[test]
    fn the_druva_styles_pass_when_their_fields_exist() {
        for (pagination, params) in [
            (
                "{style: page-number, items: results.list, page-param: pageNumber, size-param: pageSize, total-pages: info.pages, max-page-size: 500}",
                PAGED,
            ),
            (
                "{style: tracker, items: items, token-param: t, next-token: token, more-flag: more}",
                TOKEN,
            ),
            (
                "{style: page-token, items: items, token-param: t, token-in: query, next-token: token, token-replaces-filters: true}",
                TOKEN,
            ),
        ] {
            assert_eq!(
                problems(pagination, params),
                Vec::<String>::new(),
                "{pagination}"
            );
        }
    }

    #[test]
    fn a_missing_field_is_named_with_the_operation() {
        let cases = [
            (
                "{style: page-number, items: results.lost, page-param: pageNumber, size-param: pageSize, max-page-size: 500}",
                PAGED,
                "list_a: [x-pagination] `P.results` has no property `lost` (x-pagination.items `results.lost`)",
            ),
            (
                "{style: page-number, items: results.list, page-param: pageNumber, size-param: pageSize, total-pages: info.total, max-page-size: 500}",
                PAGED,
                "list_a: [x-pagination] `P.info` has no property `total` (x-pagination.total-pages `info.total`)",
            ),
            (
                "{style: page-number, items: results.list, page-param: page, size-param: pageSize, max-page-size: 500}",
                PAGED,
                "list_a: [x-pagination] style needs an optional query parameter `page`",
            ),
            (
                "{style: page-number, items: results.list, page-param: pageNumber, size-param: pageSize}",
                PAGED,
                "list_a: [x-pagination] `x-pagination.max-page-size` is missing or not a positive integer",
            ),
            (
                "{style: tracker, items: items, token-param: t, next-token: token, more-flag: nextPageExists}",
                TOKEN,
                "list_a: [x-pagination] `P` has no property `nextPageExists` (x-pagination.more-flag)",
            ),
            (
                "{style: tracker, items: items, token-param: t, next-token: token, more-flag: token}",
                TOKEN,
                "list_a: [x-pagination] `P.token` must be a boolean (x-pagination.more-flag)",
            ),
            (
                "{style: page-token, items: items, token-param: t, token-in: query, next-token: token, more-flag: more}",
                TOKEN,
                "list_a: [x-pagination] `x-pagination.more-flag` needs `style: tracker`",
            ),
            (
                "{style: page-token, items: items, token-param: t, token-in: query, next-token: token, token-replaces-filters: yes}",
                TOKEN,
                "list_a: [x-pagination] `x-pagination.token-replaces-filters` must be `true` or `false`",
            ),
        ];
        for (pagination, params, expected) in cases {
            assert_eq!(
                problems(pagination, params),
                [expected.to_string()],
                "{pagination}"
            );
        }
    }
}
