//! The command line's generated commands: one `clap` command per operation of a spec, grouped by
//! the operation's API area, and the code that runs it through the SDK's typed builder.
//!
//! Naming rule (documented in the CLI's README): the group is the `x-area` of the operation's tag
//! (an always-compiled tag gives its own name, e.g. `tasks`); the command is the `operationId` in
//! kebab case (`list_mtrees` → `list-mtrees`); an argument is the parameter's name in kebab case
//! (`systemId` → `--system-id`), with `-param` appended when that name is one of the command
//! line's own options (`--output`, `--profile`, `--limit`...). Path parameters and required
//! query parameters are required options; array query parameters repeat (`--filter a --filter
//! b`); booleans may be given bare (`--force` means `--force true`).
//!
//! The types come from the generated client itself (the `where V: TryInto<T>` of each builder
//! setter), so that the command line parses into exactly what the SDK takes. List operations
//! (`x-pagination`) walk every page through the builder's `stream()`; the paging parameters the
//! stream owns are not options (`--limit N` stops early instead), and `--count` prints the
//! number of items (the console's HEAD count where the SDK has `count()`).

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToKebabCase, ToPascalCase, ToShoutySnakeCase};
use openapiv3::{OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use proc_macro2::TokenStream;
use quote::{ToTokens, quote};
use syn::visit_mut::VisitMut;

use crate::model::Model;
use crate::model::idents::{ident, rust_name};
use crate::model::pagination::{Pagination, Style};
use crate::model::spec::{self, Op};

/// Long option names the command line itself uses; a parameter with one of them gets `-param`.
const RESERVED: &[&str] = &[
    "output",
    "profile",
    "url",
    "user",
    "config",
    "auth",
    "impersonate",
    "ca-file",
    "cert-sha256",
    "accept-invalid-certs",
    "json-body",
    "body-template",
    "limit",
    "count",
    "help",
    "version",
];

/// What a builder's `send()` answers.
enum Answer {
    /// `ResponseValue<()>`: nothing to print but the status (and a count header).
    Unit,
    /// `ResponseValue<ByteStream>`: raw bytes to stdout.
    Bytes,
    /// `ResponseValue<T>` with `T: Serialize`.
    Value,
}

/// One setter of a builder: its name and the type it takes.
struct Setter {
    ty: syn::Type,
}

/// A builder struct of the `builder` module with its setters and methods.
#[derive(Default)]
struct Builder {
    setters: BTreeMap<String, Setter>,
    methods: BTreeSet<String>,
    answer: Option<syn::Type>,
}

fn builders(file: &syn::File) -> Result<BTreeMap<String, Builder>, String> {
    let module = crate::syntax::module(&file.items, "builder")
        .ok_or("the generated client has no `builder` module")?;
    let mut out: BTreeMap<String, Builder> = BTreeMap::new();
    for item in module {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some() {
            continue;
        }
        let syn::Type::Path(p) = &*imp.self_ty else {
            continue;
        };
        let Some(last) = p.path.segments.last() else {
            continue;
        };
        let b = out.entry(last.ident.to_string()).or_default();
        for it in &imp.items {
            let syn::ImplItem::Fn(f) = it else { continue };
            let name = f.sig.ident.to_string();
            b.methods.insert(name.clone());
            if name == "send" {
                if let syn::ReturnType::Type(_, ty) = &f.sig.output {
                    b.answer = response_value_arg(ty);
                }
                continue;
            }
            if let Some(ty) = setter_type(&f.sig) {
                b.setters.insert(name, Setter { ty });
            }
        }
    }
    Ok(out)
}

/// `T` of `Result<ResponseValue<T>, _>`.
fn response_value_arg(ty: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let result = p.path.segments.last()?;
    let syn::PathArguments::AngleBracketed(args) = &result.arguments else {
        return None;
    };
    let Some(syn::GenericArgument::Type(syn::Type::Path(rv))) = args.args.first() else {
        return None;
    };
    let rv = rv.path.segments.last()?;
    if rv.ident != "ResponseValue" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &rv.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

/// `T` of a setter `fn x<V>(self, value: V) -> Self where V: TryInto<T>`.
fn setter_type(sig: &syn::Signature) -> Option<syn::Type> {
    let generic = sig.generics.type_params().next()?.ident.clone();
    for pred in &sig.generics.where_clause.as_ref()?.predicates {
        let syn::WherePredicate::Type(pt) = pred else {
            continue;
        };
        let syn::Type::Path(bounded) = &pt.bounded_ty else {
            continue;
        };
        if !bounded.path.is_ident(&generic) {
            continue;
        }
        for bound in &pt.bounds {
            let syn::TypeParamBound::Trait(tb) = bound else {
                continue;
            };
            let seg = tb.path.segments.last()?;
            if seg.ident != "TryInto" {
                continue;
            }
            let syn::PathArguments::AngleBracketed(args) = &seg.arguments else {
                continue;
            };
            if let Some(syn::GenericArgument::Type(t)) = args.args.first() {
                return Some(t.clone());
            }
        }
    }
    None
}

/// Rewrites the builder module's relative paths (`types::X`, `super::X`) to the SDK crate's.
struct Absolute<'a>(&'a syn::Path);

impl VisitMut for Absolute<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_none()
            && let Some(first) = path.segments.first()
        {
            let skip = usize::from(first.ident == "super");
            if skip == 1 || first.ident == "types" {
                let rest: Vec<syn::PathSegment> =
                    path.segments.iter().skip(skip).cloned().collect();
                let mut segments = self.0.segments.clone();
                segments.extend(rest);
                path.segments = segments;
                path.leading_colon = self.0.leading_colon;
            }
        }
        syn::visit_mut::visit_path_mut(self, path);
    }
}

/// The item type of `::std::vec::Vec<I>`.
fn vec_item(ty: &syn::Type) -> Option<syn::Type> {
    let syn::Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != "Vec" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &seg.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    }
}

fn is_bool(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.is_ident("bool"))
}

fn is_unit(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Tuple(t) if t.elems.is_empty())
}

fn is_byte_stream(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "ByteStream"))
}

/// The first sentence-ish line of a description, for short help.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    let cut = line
        .char_indices()
        .find(|(i, c)| *c == '.' && line[i + 1..].starts_with(' '))
        .map(|(i, _)| &line[..=i])
        .unwrap_or(line);
    cut.to_string()
}

/// How deep a body template goes: objects and arrays nested deeper are shown empty (`{}`,
/// `[]`). The console's bodies embed whole objects (a backup holds its application, which holds
/// its host...); at depth 6 a single template was megabytes, of no use to anyone editing one.
const TEMPLATE_DEPTH: usize = 3;

/// A JSON template of a schema: every property with a placeholder of its type, nested objects
/// down to [`TEMPLATE_DEPTH`], and a schema that recurs inside itself shown once (`{}` below).
fn template(spec: &OpenAPI, schema: &Schema, depth: usize) -> serde_json::Value {
    Templater {
        spec,
        stack: Vec::new(),
    }
    .of(schema, depth)
}

/// A schema held inline or boxed (`openapiv3` uses both).
trait AsSchema {
    fn as_schema(&self) -> &Schema;
}

impl AsSchema for Schema {
    fn as_schema(&self) -> &Schema {
        self
    }
}

impl AsSchema for Box<Schema> {
    fn as_schema(&self) -> &Schema {
        self
    }
}

/// Writes a body template, remembering which named schemas are being expanded.
struct Templater<'a> {
    spec: &'a OpenAPI,
    /// The `components/schemas` names from the body down to the value being written.
    stack: Vec<&'a str>,
}

impl<'a> Templater<'a> {
    /// The template of a property, array item or variant: a `$ref` already being expanded is
    /// `{}`, so that a recursive schema ends.
    fn sub<S: AsSchema>(&mut self, r: &'a ReferenceOr<S>, depth: usize) -> serde_json::Value {
        let (name, schema) = match r {
            ReferenceOr::Item(s) => (None, Some(s.as_schema())),
            ReferenceOr::Reference { reference } => {
                let name = spec::ref_name(reference, "schemas");
                (name, name.and_then(|n| spec::schema(self.spec, n)))
            }
        };
        let Some(schema) = schema else {
            return serde_json::Value::Null;
        };
        match name {
            Some(n) if self.stack.contains(&n) => serde_json::Value::Object(Default::default()),
            Some(n) => {
                self.stack.push(n);
                let v = self.of(schema, depth);
                self.stack.pop();
                v
            }
            None => self.of(schema, depth),
        }
    }

    fn of(&mut self, schema: &'a Schema, depth: usize) -> serde_json::Value {
        use serde_json::Value;
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(_)) if depth > TEMPLATE_DEPTH => {
                Value::Object(Default::default())
            }
            SchemaKind::Type(Type::Array(_)) if depth > TEMPLATE_DEPTH => Value::Array(Vec::new()),
            SchemaKind::Type(Type::Object(o)) => {
                let mut map = serde_json::Map::new();
                for (name, prop) in &o.properties {
                    let v = self.sub(prop, depth + 1);
                    map.insert(name.clone(), v);
                }
                if map.is_empty()
                    && let Some(openapiv3::AdditionalProperties::Schema(s)) =
                        &o.additional_properties
                {
                    let v = self.sub(s, depth + 1);
                    map.insert("<key>".into(), v);
                }
                Value::Object(map)
            }
            SchemaKind::Type(Type::Array(a)) => {
                let item = a
                    .items
                    .as_ref()
                    .map(|s| self.sub(s, depth + 1))
                    .unwrap_or(Value::Null);
                Value::Array(vec![item])
            }
            SchemaKind::Type(Type::String(s)) => {
                let known: Vec<&str> = s.enumeration.iter().flatten().map(String::as_str).collect();
                if known.is_empty() {
                    Value::String(match &s.format {
                        openapiv3::VariantOrUnknownOrEmpty::Item(f) => {
                            format!(
                                "<string: {}>",
                                serde_json::to_value(f)
                                    .ok()
                                    .and_then(|v| v.as_str().map(str::to_string))
                                    .unwrap_or_default()
                            )
                        }
                        openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => {
                            format!("<string: {f}>")
                        }
                        openapiv3::VariantOrUnknownOrEmpty::Empty => "<string>".into(),
                    })
                } else {
                    Value::String(format!("<one of: {}>", known.join(", ")))
                }
            }
            SchemaKind::Type(Type::Integer(_)) => Value::from(0),
            SchemaKind::Type(Type::Number(_)) => Value::from(0.0),
            SchemaKind::Type(Type::Boolean(_)) => Value::Bool(false),
            SchemaKind::AllOf { all_of } => {
                let mut map = serde_json::Map::new();
                for s in all_of {
                    // The parts of an `allOf` are one object: same depth.
                    if let Value::Object(m) = self.sub(s, depth) {
                        map.extend(m);
                    }
                }
                Value::Object(map)
            }
            SchemaKind::OneOf { one_of: list } | SchemaKind::AnyOf { any_of: list } => list
                .first()
                .map(|s| self.sub(s, depth))
                .unwrap_or(Value::Null),
            _ => Value::Null,
        }
    }
}

/// Whether a parameter holds a secret: a string with `format: password`.
fn is_secret_param(spec: &OpenAPI, data: &openapiv3::ParameterData) -> bool {
    let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
        return false;
    };
    let schema = match schema {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => {
            spec::ref_name(reference, "schemas").and_then(|n| spec::schema(spec, n))
        }
    };
    matches!(
        schema.map(|s| &s.schema_kind),
        Some(SchemaKind::Type(Type::String(st))) if spec::is_password(st)
    )
}

/// The values a string parameter (or the items of an array one) may take, when the spec lists
/// them (`enum`).
fn param_choices(spec: &OpenAPI, data: &openapiv3::ParameterData) -> Vec<String> {
    let openapiv3::ParameterSchemaOrContent::Schema(schema) = &data.format else {
        return Vec::new();
    };
    let resolve = |s: &ReferenceOr<Schema>| -> Option<Schema> {
        match s {
            ReferenceOr::Item(s) => Some(s.clone()),
            ReferenceOr::Reference { reference } => spec::ref_name(reference, "schemas")
                .and_then(|n| spec::schema(spec, n))
                .cloned(),
        }
    };
    let Some(mut schema) = resolve(schema) else {
        return Vec::new();
    };
    if let SchemaKind::Type(Type::Array(a)) = &schema.schema_kind
        && let Some(items) = &a.items
    {
        let items = match items {
            ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
            ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                reference: reference.clone(),
            },
        };
        match resolve(&items) {
            Some(s) => schema = s,
            None => return Vec::new(),
        }
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().cloned().collect(),
        _ => Vec::new(),
    }
}

/// The request body's schema of `op`, if it has a JSON body.
fn body_schema<'a>(spec: &'a OpenAPI, op: &Op<'a>) -> Option<(&'a Schema, bool)> {
    let body = spec::request_body(spec, op.op.request_body.as_ref()?)?;
    let (_, media) = body.content.iter().next()?;
    let schema = match media.schema.as_ref()? {
        ReferenceOr::Item(s) => s,
        ReferenceOr::Reference { reference } => {
            spec::schema(spec, spec::ref_name(reference, "schemas")?)?
        }
    };
    Some((schema, body.required))
}

/// The query parameters a list's `stream()` sets itself.
fn paging_params(p: &Pagination) -> Vec<String> {
    match &p.style {
        Style::PageSize { .. } => vec!["page".into(), "size".into()],
        Style::OffsetLimit {
            offset_param,
            limit_param,
            ..
        } => vec![offset_param.clone(), limit_param.clone()],
        Style::PageToken {
            token_param,
            in_body,
            ..
        } => {
            if *in_body {
                Vec::new()
            } else {
                vec![token_param.clone()]
            }
        }
        Style::PageNumber {
            page_param,
            size_param,
            ..
        } => vec![page_param.clone(), size_param.clone()],
    }
}

/// The command-line module of one spec: `commands()`, `run()` and `body_template()`.
pub fn module(
    model: &Model<'_>,
    client: &syn::File,
    crate_path: &str,
) -> Result<TokenStream, String> {
    let spec = model.spec;
    let areas = &model.areas;
    let krate: syn::Path = syn::parse_str(crate_path)
        .map_err(|e| format!("`{crate_path}` is not a Rust path: {e}"))?;
    let builders = builders(client)?;
    let mut groups: BTreeMap<String, (String, Vec<TokenStream>)> = BTreeMap::new();
    let mut fns = Vec::new();
    let mut arms = Vec::new();
    let mut templates = Vec::new();
    let tag_descriptions: BTreeMap<&str, String> = spec
        .tags
        .iter()
        .map(|t| (t.name.as_str(), t.description.clone().unwrap_or_default()))
        .collect();
    for operation in &model.operations {
        let op = operation.as_op();
        let Some(id) = &op.op.operation_id else {
            continue;
        };
        let fail = |e: String| format!("{id}: {e}");
        let builder_name = id.to_pascal_case();
        let Some(builder) = builders.get(&builder_name) else {
            return Err(fail(format!(
                "the generated client has no builder `{builder_name}`"
            )));
        };
        let Some(answer_ty) = &builder.answer else {
            return Err(fail("the builder has no `send()`".into()));
        };
        let answer = if is_unit(answer_ty) {
            Answer::Unit
        } else if is_byte_stream(answer_ty) {
            Answer::Bytes
        } else {
            Answer::Value
        };
        let tag = op
            .op
            .tags
            .first()
            .cloned()
            .unwrap_or_else(|| "general".into());
        let (group, group_about) = match areas.operations.get(id).cloned().flatten() {
            Some(area) => {
                let tags = areas.tags.get(&area).cloned().unwrap_or_default();
                let about = format!("API area `{area}` (tags: {})", tags.join(", "));
                (area, about)
            }
            None => (
                tag.clone(),
                tag_descriptions
                    .get(tag.as_str())
                    .cloned()
                    .unwrap_or_default(),
            ),
        };
        let paging = operation.pagination.as_ref();
        let hidden: Vec<String> = paging.map(paging_params).unwrap_or_default();
        let cmd_name = id.to_kebab_case();
        let about = op
            .op
            .summary
            .clone()
            .unwrap_or_else(|| format!("{} {}", op.method, op.path));
        let long_about = format!(
            "{about}\n\n`{} {}` (operation `{id}`).{}",
            op.method,
            op.path,
            op.op
                .description
                .as_deref()
                .map(|d| format!("\n\n{d}"))
                .unwrap_or_default()
        );
        // Parameters: the path item's, then the operation's (an operation's wins on a name).
        let mut params: Vec<&openapiv3::Parameter> = Vec::new();
        if let Some(ReferenceOr::Item(item)) = spec.paths.paths.get(op.path) {
            params.extend(
                item.parameters
                    .iter()
                    .filter_map(|p| spec::parameter(spec, p)),
            );
        }
        for p in op
            .op
            .parameters
            .iter()
            .filter_map(|p| spec::parameter(spec, p))
        {
            let name = &p.parameter_data_ref().name;
            params.retain(|q| &q.parameter_data_ref().name != name);
            params.push(p);
        }
        let has_body = builder.setters.contains_key("body");
        let mut args = Vec::new();
        let mut sets = Vec::new();
        let mut longs = BTreeSet::new();
        for p in params {
            let data = p.parameter_data_ref();
            let is_query = matches!(p, openapiv3::Parameter::Query { .. });
            if is_query && hidden.iter().any(|h| h == &data.name) {
                continue;
            }
            let mut setter_name = rust_name(&data.name);
            if !builder.setters.contains_key(&setter_name) {
                // progenitor appends `_` to a Rust keyword (`type` → `type_`).
                setter_name.push('_');
            }
            let Some(setter) = builder.setters.get(&setter_name) else {
                return Err(fail(format!(
                    "the builder `{builder_name}` has no setter `{setter_name}` for parameter `{}`",
                    data.name
                )));
            };
            let mut ty = setter.ty.clone();
            Absolute(&krate).visit_type_mut(&mut ty);
            let mut long = data.name.to_kebab_case();
            if RESERVED.contains(&long.as_str()) {
                long.push_str("-param");
            }
            if !longs.insert(long.clone()) {
                return Err(fail(format!("two parameters are both `--{long}`")));
            }
            let required = data.required || matches!(p, openapiv3::Parameter::Path { .. });
            let where_ = match p {
                openapiv3::Parameter::Path { .. } => "path",
                openapiv3::Parameter::Query { .. } => "query",
                openapiv3::Parameter::Header { .. } => "header",
                openapiv3::Parameter::Cookie { .. } => "cookie",
            };
            let desc = data.description.clone().unwrap_or_default();
            let choices = param_choices(spec, data);
            let parser = |t: &syn::Type| {
                if choices.is_empty() {
                    quote!(crate::gen_support::typed::<#t>())
                } else {
                    quote!(crate::gen_support::choices::<#t>(&[#(#choices),*]))
                }
            };
            let help = format!("{} [{where_}: {}]", short(&desc), data.name)
                .trim()
                .to_string();
            let long_help = if desc.is_empty() {
                help.clone()
            } else {
                format!("{desc}\n\n[{where_} parameter `{}`]", data.name)
            };
            let id_lit = &setter_name;
            let setter_ident = ident(&setter_name);
            let value_name = data.name.to_shouty_snake_case();
            // A secret parameter (`format: password`) is also read from `DP_<NAME>`, so that it
            // need not appear in the process list; clap never prints that variable's value.
            let secret_env = is_secret_param(spec, data).then(|| format!("DP_{value_name}"));
            let (help, long_help) = match &secret_env {
                Some(var) => (
                    format!("{help} (or {var}, kept out of the process list)"),
                    format!(
                        "{long_help}\n\nA secret: prefer the environment variable {var}, which no process list shows."
                    ),
                ),
                None => (help, long_help),
            };
            let mut arg = quote! {
                clap::Arg::new(#id_lit).long(#long).value_name(#value_name).help(#help).long_help(#long_help)
            };
            if let Some(var) = &secret_env {
                arg = quote!(#arg.env(#var).hide_env_values(true));
            }
            if required && has_body {
                arg = quote!(#arg.required_unless_present("body-template"));
            } else if required {
                arg = quote!(#arg.required(true));
            }
            if let Some(item) = vec_item(&ty) {
                let p = parser(&item);
                arg = quote!(#arg.action(clap::ArgAction::Append).value_parser(#p));
                sets.push(if required {
                    quote!(b = b.#setter_ident(crate::gen_support::many::<#item>(m, #id_lit).unwrap_or_default());)
                } else {
                    quote!(if let Some(v) = crate::gen_support::many::<#item>(m, #id_lit) { b = b.#setter_ident(v); })
                });
            } else {
                if is_bool(&ty) {
                    arg = quote!(#arg.num_args(0..=1).default_missing_value("true"));
                }
                let p = parser(&ty);
                arg = quote!(#arg.value_parser(#p));
                sets.push(if required {
                    quote!(b = b.#setter_ident(crate::gen_support::one::<#ty>(m, #id_lit)?);)
                } else {
                    quote!(if let Some(v) = crate::gen_support::opt::<#ty>(m, #id_lit) { b = b.#setter_ident(v); })
                });
            }
            args.push(arg);
        }
        let mut decorate = Vec::new();
        if let Some(body) = builder.setters.get("body") {
            let mut ty = body.ty.clone();
            Absolute(&krate).visit_type_mut(&mut ty);
            let (required, tpl) = match body_schema(spec, &op) {
                Some((schema, required)) => (required, template(spec, schema, 0)),
                None => (false, serde_json::Value::Null),
            };
            let tpl = serde_json::to_string_pretty(&tpl).map_err(|e| fail(e.to_string()))?;
            templates.push(quote!(#cmd_name => Some(#tpl),));
            decorate.push(quote!(let c = crate::gen_support::body_args(c, #required);));
            sets.push(quote! {
                if let Some(v) = crate::gen_support::body::<#ty>(m)? { b = b.body(v); }
            });
        }
        let method = ident(id);
        let run_fn = ident(&format!("run_{id}"));
        let cmd_fn = ident(&format!("cmd_{id}"));
        let finish = if paging.is_some() {
            decorate.push(quote!(let c = crate::gen_support::list_args(c);));
            let count = if builder.methods.contains("count") {
                quote!(if crate::gen_support::counting(m) {
                    return out.count(b.count().await);
                })
            } else {
                quote!(if crate::gen_support::counting(m) {
                    return out.count_stream(b.stream()).await;
                })
            };
            quote! {
                #count
                out.stream(b.stream(), crate::gen_support::limit(m)).await
            }
        } else {
            match answer {
                Answer::Unit => quote!(out.unit(b.send().await?)),
                Answer::Bytes => quote!(out.bytes(b.send().await?).await),
                Answer::Value => quote!(out.value(b.send().await?)),
            }
        };
        let mut_b = if sets.is_empty() {
            quote!(let b = client.#method();)
        } else {
            quote!(let mut b = client.#method();)
        };
        fns.push(quote! {
            fn #cmd_fn() -> clap::Command {
                let c = clap::Command::new(#cmd_name).about(#about).long_about(#long_about)
                    #(.arg(#args))*;
                #(#decorate)*
                c
            }
            async fn #run_fn(
                client: &#krate::Client,
                m: &clap::ArgMatches,
                out: &mut crate::output::Output,
            ) -> Result<(), crate::exit::CliError> {
                #mut_b
                #(#sets)*
                #finish
            }
        });
        arms.push(quote!(#cmd_name => #run_fn(client, m, out).await,));
        let entry = groups
            .entry(group)
            .or_insert_with(|| (group_about, Vec::new()));
        entry.1.push(quote!(#cmd_fn()));
    }
    let groups = groups.into_iter().map(|(name, (about, cmds))| {
        quote! {
            clap::Command::new(#name).about(#about).subcommand_required(true).arg_required_else_help(true)
                .subcommands([#(#cmds),*])
        }
    });
    Ok(quote! {
        /// The generated commands, one group per API area.
        pub fn commands() -> Vec<clap::Command> {
            vec![#(#groups),*]
        }

        /// Runs the generated command `name` (the leaf's name) with its matches.
        pub async fn run(
            client: &#krate::Client,
            name: &str,
            m: &clap::ArgMatches,
            out: &mut crate::output::Output,
        ) -> Result<(), crate::exit::CliError> {
            match name {
                #(#arms)*
                other => Err(crate::exit::CliError::usage(format!("unknown command `{other}`"))),
            }
        }

        /// The JSON template of the request body of command `name`, if it takes one.
        pub fn body_template(name: &str) -> Option<&'static str> {
            match name {
                #(#templates)*
                _ => None,
            }
        }

        #(#fns)*
    })
}

/// Formats the module with the "generated, do not edit" header.
pub fn format(spec_name: &str, tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens.into_token_stream())
        .map_err(|e| format!("the generated CLI code for {spec_name} does not parse: {e}"))?;
    Ok(format!(
        "// Generated by `cargo xtask generate` from `{spec_name}` (the `dp` command line's commands).\n\
         // Do not edit: change the spec or the xtask and regenerate.\n\n{}",
        prettyplease::unparse(&file)
    ))
}
