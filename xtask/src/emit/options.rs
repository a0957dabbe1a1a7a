//! OPTIONS operations, which progenitor cannot compile (its code calls `reqwest::Client::options`,
//! a method reqwest lacks): they stay in the spec as ordinary `options:` operations, are removed
//! from the copy handed to progenitor ([`progenitor_view`]) and are generated here with the same
//! builder feel: `client.<operation_id>()` returns a builder with one setter per parameter and a
//! `send()` that goes through the same `ClientHooks` (`pre` / `exec` / `post`: auth, retries,
//! non-JSON error pages) and decodes the typed success or error body.
//!
//! What this generator accepts (the lint checks it, naming the operation): an `operationId`,
//! path and query parameters of type string only, no request body, a JSON success response
//! whose schema is a `$ref`, and at most one error schema.

use heck::ToPascalCase;
use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

use crate::emit::streams::{field_ident, ident};
use crate::model::spec::{self, Op};

/// The spec as progenitor sees it: every OPTIONS operation removed.
pub fn progenitor_view(spec: &OpenAPI) -> OpenAPI {
    let mut spec = spec.clone();
    for item in spec.paths.paths.values_mut() {
        if let ReferenceOr::Item(item) = item {
            item.options = None;
        }
    }
    spec
}

/// One parameter of an OPTIONS operation.
struct Param {
    name: String,
    field: Ident,
    in_path: bool,
    required: bool,
}

/// An OPTIONS operation this module can generate.
struct OptionsOp {
    op_id: String,
    path: String,
    doc: String,
    params: Vec<Param>,
    success: String,
    error: Option<String>,
}

fn is_string(spec: &OpenAPI, p: &openapiv3::ParameterData) -> bool {
    let ParameterSchemaOrContent::Schema(s) = &p.format else {
        return false;
    };
    let schema = match s {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => {
            spec::ref_name(reference, "schemas").and_then(|n| spec::schema(spec, n))
        }
    };
    schema.is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::String(_))))
}

/// Reads one OPTIONS operation, or says what this generator cannot handle in it.
fn read(spec: &OpenAPI, op: &Op<'_>) -> Result<OptionsOp, String> {
    let op_id = op.op.operation_id.clone().ok_or("needs an operationId")?;
    if op.op.request_body.is_some() {
        return Err("an OPTIONS operation cannot take a request body".into());
    }
    let mut params = Vec::new();
    for p in &op.op.parameters {
        let p = spec::parameter(spec, p).ok_or("a parameter `$ref` does not resolve")?;
        let (in_path, data) = match p {
            Parameter::Path { parameter_data, .. } => (true, parameter_data),
            Parameter::Query { parameter_data, .. } => (false, parameter_data),
            _ => {
                return Err(format!(
                    "parameter `{}`: OPTIONS operations take path and query parameters only",
                    p.parameter_data_ref().name
                ));
            }
        };
        if !is_string(spec, data) {
            return Err(format!(
                "parameter `{}`: OPTIONS operations take string parameters only",
                data.name
            ));
        }
        let field = field_ident(&data.name);
        params.push(Param {
            name: data.name.clone(),
            field,
            in_path,
            required: in_path || data.required,
        });
    }
    let success = spec::success_schema_name(spec, op.op)
        .ok_or("the success response must be JSON whose schema is a `$ref`")?
        .to_pascal_case();
    let error = spec::error_schema_name(spec, op.op).map(|e| e.to_pascal_case());
    let doc = [op.op.summary.as_deref(), op.op.description.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(OptionsOp {
        op_id,
        path: op.path.to_string(),
        doc,
        params,
        success,
        error,
    })
}

/// Checks an OPTIONS operation against what this generator handles; for the lint.
pub fn check(spec: &OpenAPI, op: &Op<'_>) -> Result<(), String> {
    read(spec, op).map(|_| ())
}

fn all(spec: &OpenAPI) -> Result<Vec<OptionsOp>, String> {
    spec::operations(spec)
        .into_iter()
        .filter(|op| op.method == "OPTIONS")
        .map(|op| read(spec, &op).map_err(|e| format!("{}: {e}", op.name())))
        .collect()
}

/// The `Client` methods of every OPTIONS operation (top level of the generated file).
pub fn client_methods(spec: &OpenAPI) -> Result<TokenStream, String> {
    let ops = all(spec)?;
    if ops.is_empty() {
        return Ok(TokenStream::new());
    }
    let methods = ops.iter().map(|o| {
        let method = ident(&o.op_id);
        let builder = ident(&o.op_id.to_pascal_case());
        let doc = format!(
            "{}\n\nSends an `OPTIONS` request to `{}` (generated by the xtask: progenitor cannot compile OPTIONS).",
            o.doc, o.path
        );
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> builder::#builder<'_> {
                builder::#builder::new(self)
            }
        }
    });
    Ok(quote! {
        impl Client {
            #(#methods)*
        }
    })
}

/// The builders of every OPTIONS operation (inside progenitor's `builder` module).
pub fn builders(spec: &OpenAPI) -> Result<Vec<TokenStream>, String> {
    Ok(all(spec)?.iter().map(builder).collect())
}

fn builder(o: &OptionsOp) -> TokenStream {
    let builder = ident(&o.op_id.to_pascal_case());
    let op_id = &o.op_id;
    let success = ident(&o.success);
    let builder_doc =
        format!("Builder for [`Client::{op_id}`]\n\n[`Client::{op_id}`]: super::Client::{op_id}");
    let fields = o.params.iter().map(|p| {
        let f = &p.field;
        if p.required {
            quote!(#f: Result<::std::string::String, String>)
        } else {
            quote!(#f: Result<Option<::std::string::String>, String>)
        }
    });
    let inits = o.params.iter().map(|p| {
        let f = &p.field;
        if p.required {
            let msg = format!("{} was not initialized", p.name);
            quote!(#f: Err(#msg.to_string()))
        } else {
            quote!(#f: Ok(None))
        }
    });
    let setters = o.params.iter().map(|p| {
        let f = &p.field;
        let msg = format!("conversion to `String` for {} failed", p.name);
        let doc = format!("Sets `{}`.", p.name);
        let some = if p.required {
            quote!()
        } else {
            quote!(.map(Some))
        };
        quote! {
            #[doc = #doc]
            pub fn #f<V>(mut self, value: V) -> Self
            where
                V: std::convert::TryInto<::std::string::String>,
            {
                self.#f = value.try_into()#some.map_err(|_| #msg.to_string());
                self
            }
        }
    });
    let names: Vec<&Ident> = o.params.iter().map(|p| &p.field).collect();
    // `{name}` segments become `{}` filled with the encoded parameter, in path order.
    let mut template = String::from("{}");
    let mut path_args = Vec::new();
    let mut rest = o.path.as_str();
    while let Some(open) = rest.find('{') {
        template.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close];
        template.push_str("{}");
        let field = o
            .params
            .iter()
            .find(|p| p.in_path && p.name == name)
            .map_or_else(|| field_ident(name), |p| p.field.clone());
        path_args.push(quote!(encode_path(&#field.to_string())));
        rest = rest.get(close + 1..).unwrap_or("");
    }
    template.push_str(rest);
    let queries = o.params.iter().filter(|p| !p.in_path).map(|p| {
        let name = &p.name;
        let f = &p.field;
        quote!(.query(&progenitor_client::QueryParam::new(#name, &#f)))
    });
    let (error_ty, error_body) = match &o.error {
        Some(e) => {
            let e = ident(e);
            (
                quote!(types::#e),
                quote!(ResponseValue::from_response(response).await?),
            )
        }
        None => (quote!(()), quote!(ResponseValue::empty(response))),
    };
    let send_doc = format!("Sends an `OPTIONS` request to `{}`.", o.path);
    quote! {
        #[doc = #builder_doc]
        #[derive(Debug, Clone)]
        pub struct #builder<'a> {
            client: &'a super::Client,
            #(#fields,)*
        }

        impl<'a> #builder<'a> {
            /// A builder with no parameter set yet.
            pub fn new(client: &'a super::Client) -> Self {
                Self {
                    client,
                    #(#inits,)*
                }
            }

            #(#setters)*

            #[doc = #send_doc]
            pub async fn send(self) -> Result<ResponseValue<types::#success>, Error<#error_ty>> {
                let Self { client, #(#names,)* } = self;
                #( let #names = #names.map_err(Error::InvalidRequest)?; )*
                let url = format!(#template, client.baseurl, #(#path_args,)*);
                #[allow(unused_mut)]
                let mut request = client
                    .client
                    .request(::reqwest::Method::OPTIONS, url)
                    .header(
                        ::reqwest::header::ACCEPT,
                        ::reqwest::header::HeaderValue::from_static("application/json"),
                    )
                    #(#queries)*
                    .build()?;
                let info = OperationInfo { operation_id: #op_id };
                client.pre(&mut request, &info).await?;
                let result = client.exec(request, &info).await;
                client.post(&result, &info).await?;
                let response = result?;
                match response.status().as_u16() {
                    200u16..=299u16 => ResponseValue::from_response(response).await,
                    400u16..=599u16 => Err(Error::ErrorResponse(#error_body)),
                    _ => Err(Error::UnexpectedResponse(response)),
                }
            }
        }
    }
}

/// Appends `items` (streams that need the builders' private fields, OPTIONS builders, counts)
/// to progenitor's `builder` module.
pub fn push_into_builder_module(
    file: &mut syn::File,
    items: Vec<TokenStream>,
) -> Result<(), String> {
    if items.is_empty() {
        return Ok(());
    }
    let module = file
        .items
        .iter_mut()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == "builder" => m.content.as_mut(),
            _ => None,
        })
        .ok_or("progenitor's output has no `builder` module")?;
    for tokens in items {
        let parsed: syn::File = syn::parse2(tokens)
            .map_err(|e| format!("a generated builder-module item (stream, OPTIONS builder, count) does not parse: {e}"))?;
        module.1.extend(parsed.items);
    }
    Ok(())
}
