//! `count()` on offset/limit list builders, from the HEAD operation on the same path.
//!
//! Enabled by a document-level extension naming the header that carries the total:
//! `x-count-header: Actifio-Count`. Then every list operation with `x-pagination` style
//! `offset-limit` whose path also has a `head:` operation gets
//! `async fn count(self) -> Result<u64, CountError<E>>`: it sends the HEAD with the builder's
//! own values of the HEAD's parameters (filters, keyword; paging ignored), accepts whatever
//! success status the HEAD declares (200 or 204), and reads the header in any letter case.
//! The HEAD's parameters must all be parameters of the list operation, with the same schema.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::Model;
use crate::model::idents::ident;

/// The `CountError` type (top level of the generated file), when the spec enables counts.
pub fn error_type(model: &Model<'_>) -> TokenStream {
    let Some(counts) = &model.counts else {
        return TokenStream::new();
    };
    let header = &counts.header;
    let missing = format!("answered without an `{header}` header");
    quote! {
        /// Why a list builder's `count()` failed.
        #[derive(Debug)]
        pub enum CountError<E> {
            /// The HEAD request failed: transport, authentication, or an error status.
            Request(Error<E>),
            /// The answer has no count header.
            MissingHeader {
                /// The HEAD operation.
                operation: &'static str,
                /// The HTTP status of the answer.
                status: u16,
            },
            /// The count header is not a non-negative integer.
            NotANumber {
                /// The HEAD operation.
                operation: &'static str,
                /// The header value (lossily decoded), at most 64 characters.
                value: String,
            },
        }

        impl<E> CountError<E> {
            /// Reads the total from the count header of a HEAD answer (any letter case).
            fn read(
                operation: &'static str,
                response: &ResponseValue<()>,
            ) -> std::result::Result<u64, Self> {
                let value = response.headers().get(#header).ok_or(Self::MissingHeader {
                    operation,
                    status: response.status().as_u16(),
                })?;
                let text = String::from_utf8_lossy(value.as_bytes());
                text.trim().parse::<u64>().map_err(|_| Self::NotANumber {
                    operation,
                    value: text.chars().take(64).collect(),
                })
            }
        }

        impl<E> std::fmt::Display for CountError<E>
        where
            Error<E>: std::fmt::Display,
        {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::Request(e) => write!(f, "count failed: {e}"),
                    Self::MissingHeader { operation, status } => {
                        write!(f, "{operation}: HTTP {status} {}", #missing)
                    }
                    Self::NotANumber { operation, value } => write!(
                        f,
                        "{operation}: the count header {value:?} is not a non-negative integer"
                    ),
                }
            }
        }

        impl<E> std::error::Error for CountError<E>
        where
            E: std::fmt::Debug,
            Error<E>: std::error::Error + 'static,
        {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Request(e) => Some(e),
                    _ => None,
                }
            }
        }
    }
}

/// `count()` of every list builder that has one (inside progenitor's `builder` module).
pub fn count_methods(model: &Model<'_>) -> Vec<TokenStream> {
    let Some(counts) = &model.counts else {
        return Vec::new();
    };
    let header = &counts.header;
    counts
        .lists
        .iter()
        .map(|c| {
            let list = ident(&c.list_builder);
            let head = ident(&c.head_builder);
            let head_op = &c.head_op;
            let fields = &c.fields;
            let error = match &c.error_type {
                Some(e) => {
                    let e = ident(e);
                    quote!(types::#e)
                }
                None => quote!(()),
            };
            let doc = format!(
                " The number of items this list would stream: sends `HEAD {}` (`{head_op}`) with \
                 this builder's {} (paging ignored) and reads the `{header}` header, in any letter \
                 case, of the 200 or 204 answer.",
                c.head_path,
                if fields.is_empty() {
                    "parameters".to_string()
                } else {
                    fields
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                }
            );
            quote! {
                impl<'a> #list<'a> {
                    #[doc = #doc]
                    pub async fn count(self) -> Result<u64, super::CountError<#error>> {
                        let head = #head {
                            client: self.client,
                            #( #fields: self.#fields, )*
                        };
                        let response = head.send().await.map_err(super::CountError::Request)?;
                        super::CountError::read(#head_op, &response)
                    }
                }
            }
        })
        .collect()
}
