//! Item streams of list operations (`x-pagination`, see `model::pagination`): `stream()` and its
//! variants on the operation's builder, walking every page with `sdk_auth::paging`. Most are
//! emitted at the top level (`impl builder::X`); the offset walks and token-replaces-filters walks
//! read the builder's private fields, so they go inside progenitor's `builder` module.
//!
//! Every stream method is `#[inline]`. It is a plain function that puts the operation's page
//! future in a boxed (or spawned) task, so without the attribute rustc compiled every list
//! operation, its request and the decoders of its answer into each build of the SDK, called or
//! not; the caller's crate compiled the ones it used again in a release build (no shared generics
//! there). With it, like the async `send()`, a stream is compiled where it is called: a release
//! build of mgmt-sdk's `jobs` area went from 47 s to 7 s of CPU (BENCHMARKS.md §5).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::model::Model;
use crate::model::idents::{field_ident, ident};
use crate::model::pagination::{FieldPath, Pagination, Style};

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
    let module = crate::syntax::module(&file.items, "builder")
        .ok_or("progenitor's output has no `builder` module")?;
    module
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
    model: &Model<'_>,
    file: &syn::File,
) -> Result<Vec<TokenStream>, String> {
    let mut inside = Vec::new();
    for p in model.paginations().filter(|p| in_builder_module(p)) {
        let fields = builder_fields(file, &p.builder)?;
        inside.push(stream_impl(p, &fields));
    }
    Ok(inside)
}

/// The streams emitted at the top level of the generated file (`impl builder::X`), after the
/// hooks.
pub fn top_level_streams(model: &Model<'_>) -> TokenStream {
    let streams = model
        .paginations()
        .filter(|p| !in_builder_module(p))
        .map(|p| stream_impl(p, &[]));
    quote!(#(#streams)*)
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
                    #[inline]
                    pub fn stream(self) -> #ret {
                        self.stream_with_page_size(200)
                    }

                    /// Streams every item of every page, requesting `page_size` items per page.
                    #[inline]
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
                    #[inline]
                    pub fn stream(self) -> #ret {
                        self.stream_with_page_size(#size)
                    }

                    #[doc = #sized_doc]
                    #[doc = #sized_names]
                    #[inline]
                    pub fn stream_with_page_size(self, page_size: u32) -> #ret {
                        self.stream_parallel(page_size, 1)
                    }

                    /// Streams every item in order with up to `concurrency` page requests in
                    /// flight (`page_size` items each, or fewer when the console serves fewer),
                    /// each page fetched and decoded on a runtime worker: much faster on long
                    /// lists and slow links. Exact on a console that caps the page size; ends on
                    /// an empty page (the few requests past the end are cancelled).
                    #[inline]
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
                        #[inline]
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
                        #[inline]
                        pub fn stream(self) -> #ret {
                            self.stream_resumable().0
                        }

                        #[doc = #resumable_doc]
                        #[inline]
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
                    #[inline]
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
                    #[inline]
                    pub fn stream(self) -> #ret {
                        self.stream_with_page_size(#default_size)
                    }

                    /// Streams every item of every page, requesting `page_size` items per page;
                    /// ends after the last page the API announces, or on an empty or short page.
                    #[inline]
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
    #[test]
    fn an_offset_stream_sets_the_named_parameters_and_asks_the_page_size() {
        use super::{FieldPath, Pagination, Style, ident, stream_impl};
        let p = |limit: &str, size: u32| Pagination {
            builder: "ListA".into(),
            item_type: "A".into(),
            error_type: "E".into(),
            items: "items".into(),
            items_path: FieldPath(vec![("items".into(), true)]),
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
}
