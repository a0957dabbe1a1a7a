//! Puts `#[cfg(feature = "<area>")]` on the generated code of each API area.
//!
//! Works on the generated Rust (after every other pass), so that whatever emitted an item
//! (progenitor, typify, `emit::streams`, `emit::options`, `emit::counts`) it is gated the same way:
//!
//! - **Operation items** get the cfg of their operation's area: the `Client` method (found by
//!   its name, the `operationId`), the builder struct it returns and every `impl` of that builder
//!   (in the `builder` module or at the top level: streams, counts, OPTIONS), and in the mock file
//!   the `operations::<Op>When` / `<Op>Then` structs and impls and the `MockServerExt` trait
//!   method and its impl.
//! - **Types** get the areas that reach them: each operation's items are scanned for the names
//!   of `types` items, and each type's own items (its definition, every `impl` naming it, its
//!   typify builder `types::builder::<T>` and that builder's impls) for further names,
//!   transitively. A type reached by several areas gets `#[cfg(any(feature = "a", ...))]`; one
//!   reached by an always-compiled operation (or by every area) gets no cfg. A type no operation
//!   reaches is kept, compiled when any area is on.
//! - **Everything else** (the `Client` struct, hooks, constructors, helper items) stays always
//!   compiled; the names it mentions count as reached by every build. Top-level functions that
//!   list types statement by statement (`__decode_every_response_type`) get a cfg per statement.
//!
//! Scanning is by identifier, so it can only over-include (a field named like a type is rare,
//! names in doc strings are not scanned): a slim build may compile a type it does not need, it
//! never misses one.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;

use crate::model::areas::Areas;

/// The areas that reach an item; `None` is "always compiled".
type Reach = BTreeSet<Option<String>>;

/// Gates the client and mock files of a spec with areas. Does nothing for a spec without areas.
pub fn apply(client: &mut syn::File, mock: &mut syn::File, areas: &Areas) {
    if areas.is_empty() {
        return;
    }
    let gates = Gates::read(client, mock, areas);
    gates.gate_client(client);
    gates.gate_mock(mock);
}

/// Every identifier in `tokens`.
fn idents(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => out.push(i.to_string()),
            TokenTree::Group(g) => idents(g.stream(), out),
            _ => {}
        }
    }
}

fn idents_of(item: &impl ToTokens) -> Vec<String> {
    let mut out = Vec::new();
    idents(item.to_token_stream(), &mut out);
    out
}

/// The last identifier of a type's path (`builder::ListMtrees<'a>` → `ListMtrees`).
fn type_ident(ty: &syn::Type) -> Option<String> {
    match ty {
        syn::Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        syn::Type::Reference(r) => type_ident(&r.elem),
        _ => None,
    }
}

fn is_client(ty: &syn::Type) -> bool {
    type_ident(ty).as_deref() == Some("Client")
}

fn module<'a>(file: &'a syn::File, name: &str) -> Option<&'a [syn::Item]> {
    file.items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, i)| i.as_slice()),
        _ => None,
    })
}

fn module_mut<'a>(items: &'a mut [syn::Item], name: &str) -> Option<&'a mut Vec<syn::Item>> {
    items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, i)| i),
        _ => None,
    })
}

/// The name an item of the `types` (or `types::builder`) module belongs to: a definition's own
/// name, or for an `impl` the first type name in its self type, else in its trait.
fn type_owner(item: &syn::Item, names: &HashSet<String>) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Enum(e) => Some(e.ident.to_string()),
        syn::Item::Type(t) => Some(t.ident.to_string()),
        syn::Item::Union(u) => Some(u.ident.to_string()),
        syn::Item::Impl(i) => idents_of(&i.self_ty)
            .into_iter()
            .find(|n| names.contains(n))
            .or_else(|| {
                let (_, path, _) = i.trait_.as_ref()?;
                idents_of(path).into_iter().find(|n| names.contains(n))
            }),
        _ => None,
    }
    .filter(|n| names.contains(n))
}

/// The name an item of the `builder` module (or a top-level `impl builder::X`) is about.
fn builder_owner(item: &syn::Item) -> Option<String> {
    match item {
        syn::Item::Struct(s) => Some(s.ident.to_string()),
        syn::Item::Impl(i) if i.trait_.is_none() || !is_client(&i.self_ty) => {
            type_ident(&i.self_ty)
        }
        _ => None,
    }
}

fn push_attr(attrs: &mut Vec<syn::Attribute>, cfg: Option<syn::Attribute>) {
    if let Some(cfg) = cfg {
        attrs.insert(0, cfg);
    }
}

fn item_attrs(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        syn::Item::Struct(i) => &mut i.attrs,
        syn::Item::Enum(i) => &mut i.attrs,
        syn::Item::Type(i) => &mut i.attrs,
        syn::Item::Union(i) => &mut i.attrs,
        syn::Item::Impl(i) => &mut i.attrs,
        syn::Item::Fn(i) => &mut i.attrs,
        syn::Item::Const(i) => &mut i.attrs,
        syn::Item::Trait(i) => &mut i.attrs,
        _ => return None,
    })
}

/// What the pass knows about one spec's generated code.
struct Gates {
    /// Every area, in spec order.
    all: Vec<String>,
    /// Area of each operation (`None`: always compiled).
    op_area: BTreeMap<String, Option<String>>,
    /// Builder struct name → `operationId`.
    builder_op: HashMap<String, String>,
    /// The names defined in the `types` module.
    names: HashSet<String>,
    /// Areas reaching each type name.
    reach: HashMap<String, Reach>,
}

impl Gates {
    fn read(client: &syn::File, mock: &syn::File, areas: &Areas) -> Self {
        let op_area = areas.operations.clone();
        let mut builder_op = HashMap::new();
        for item in &client.items {
            if let syn::Item::Impl(i) = item
                && i.trait_.is_none()
                && is_client(&i.self_ty)
            {
                for f in &i.items {
                    if let syn::ImplItem::Fn(f) = f
                        && op_area.contains_key(&f.sig.ident.to_string())
                        && let syn::ReturnType::Type(_, ty) = &f.sig.output
                        && let Some(builder) = type_ident(ty)
                    {
                        builder_op.insert(builder, f.sig.ident.to_string());
                    }
                }
            }
        }
        let types = module(client, "types").unwrap_or_default();
        let types_builder = module_inner(types, "builder");
        let names: HashSet<String> = types
            .iter()
            .filter_map(|item| match item {
                syn::Item::Struct(s) => Some(s.ident.to_string()),
                syn::Item::Enum(e) => Some(e.ident.to_string()),
                syn::Item::Type(t) => Some(t.ident.to_string()),
                syn::Item::Union(u) => Some(u.ident.to_string()),
                _ => None,
            })
            .collect();

        // Edges between type names, from the items each type owns.
        let mut edges: HashMap<String, HashSet<String>> = HashMap::new();
        // Names reached by each area's (and the always-compiled) items.
        let mut roots: BTreeMap<Option<String>, HashSet<String>> = BTreeMap::new();
        let mut root = |area: Option<String>, found: Vec<String>, names: &HashSet<String>| {
            roots
                .entry(area)
                .or_default()
                .extend(found.into_iter().filter(|n| names.contains(n)));
        };
        for item in types.iter().chain(types_builder) {
            match type_owner(item, &names) {
                Some(owner) => edges
                    .entry(owner)
                    .or_default()
                    .extend(idents_of(item).into_iter().filter(|n| names.contains(n))),
                None if !matches!(item, syn::Item::Mod(m) if m.ident == "builder") => {
                    root(None, idents_of(item), &names)
                }
                None => {}
            }
        }
        let area_of_builder = |name: &str| -> Option<Option<String>> {
            let op = builder_op.get(name)?;
            op_area.get(op).cloned()
        };
        for item in &client.items {
            match item {
                syn::Item::Mod(m) if m.ident == "types" => {}
                syn::Item::Mod(m) if m.ident == "builder" => {
                    for item in m.content.iter().flat_map(|(_, i)| i) {
                        let area = builder_owner(item)
                            .and_then(|o| area_of_builder(&o))
                            .unwrap_or(None);
                        root(area, idents_of(item), &names);
                    }
                }
                syn::Item::Impl(i) if i.trait_.is_none() && is_client(&i.self_ty) => {
                    for f in &i.items {
                        let area = match f {
                            syn::ImplItem::Fn(f) => op_area
                                .get(&f.sig.ident.to_string())
                                .cloned()
                                .unwrap_or(None),
                            _ => None,
                        };
                        root(area, idents_of(f), &names);
                    }
                }
                syn::Item::Impl(i) => {
                    let area = builder_owner(item)
                        .and_then(|o| area_of_builder(&o))
                        .unwrap_or(None);
                    root(area, idents_of(i), &names);
                }
                // Gated statement by statement.
                syn::Item::Fn(_) => {}
                _ => root(None, idents_of(item), &names),
            }
        }
        for (area, item) in mock_items(mock, &builder_op, &op_area) {
            root(area, item, &names);
        }

        let mut reach: HashMap<String, Reach> = HashMap::new();
        for (area, start) in roots {
            let mut seen: HashSet<String> = HashSet::new();
            let mut todo: Vec<String> = start.into_iter().collect();
            while let Some(name) = todo.pop() {
                if !seen.insert(name.clone()) {
                    continue;
                }
                if let Some(next) = edges.get(&name) {
                    todo.extend(next.iter().filter(|n| !seen.contains(*n)).cloned());
                }
            }
            for name in seen {
                reach.entry(name).or_default().insert(area.clone());
            }
        }
        Gates {
            all: areas.areas.clone(),
            op_area,
            builder_op,
            names,
            reach,
        }
    }

    fn cfg_of_areas(&self, areas: &[&String]) -> Option<syn::Attribute> {
        match areas {
            [] => None,
            [one] => Some(syn::parse_quote!(#[cfg(feature = #one)])),
            many => {
                let list = many.iter();
                Some(syn::parse_quote!(#[cfg(any(#(feature = #list),*))]))
            }
        }
    }

    fn op_cfg(&self, op: &str) -> Option<syn::Attribute> {
        let area = self.op_area.get(op)?.as_ref()?;
        self.cfg_of_areas(&[area])
    }

    fn builder_cfg(&self, name: &str) -> Option<syn::Attribute> {
        self.op_cfg(self.builder_op.get(name)?)
    }

    /// The areas a type is compiled in, or `None` when it is always compiled.
    fn type_areas(&self, name: &str) -> Option<Vec<&String>> {
        let reach = self.reach.get(name);
        if reach.is_some_and(|r| r.contains(&None)) {
            return None;
        }
        let areas: Vec<&String> = match reach {
            // No operation reaches it: compiled when any area is.
            None => self.all.iter().collect(),
            Some(r) => self
                .all
                .iter()
                .filter(|a| r.contains(&Some((*a).clone())))
                .collect(),
        };
        (areas.len() < self.all.len()).then_some(areas)
    }

    fn type_cfg(&self, name: &str) -> Option<syn::Attribute> {
        if !self.names.contains(name) {
            return None;
        }
        if let Some(areas) = self.type_areas(name) {
            return self.cfg_of_areas(&areas).or_else(|| {
                // Reached by no area yet not always: compiled when any area is.
                let all: Vec<&String> = self.all.iter().collect();
                self.cfg_of_areas(&all)
            });
        }
        None
    }

    /// The cfg of a statement or item that needs every type name it mentions.
    fn cfg_of_mentions(&self, found: Vec<String>) -> Option<syn::Attribute> {
        let mut parts: Vec<TokenStream> = Vec::new();
        let mut seen = HashSet::new();
        for name in found {
            if !self.names.contains(&name) || !seen.insert(name.clone()) {
                continue;
            }
            if let Some(attr) = self.type_cfg(&name)
                && let syn::Meta::List(list) = &attr.meta
            {
                parts.push(list.tokens.clone());
            }
        }
        parts.sort_by_key(|t| t.to_string());
        parts.dedup_by_key(|t| t.to_string());
        match parts.as_slice() {
            [] => None,
            [one] => Some(syn::parse_quote!(#[cfg(#one)])),
            many => Some(syn::parse_quote!(#[cfg(all(#(#many),*))])),
        }
    }

    fn gate_client(&self, client: &mut syn::File) {
        for item in &mut client.items {
            match item {
                syn::Item::Mod(m) if m.ident == "types" => {
                    let Some((_, items)) = &mut m.content else {
                        continue;
                    };
                    for item in items.iter_mut() {
                        if let syn::Item::Mod(b) = item
                            && b.ident == "builder"
                        {
                            for item in b.content.iter_mut().flat_map(|(_, i)| i) {
                                self.gate_type_item(item);
                            }
                        } else {
                            self.gate_type_item(item);
                        }
                    }
                }
                syn::Item::Mod(m) if m.ident == "builder" => {
                    for item in m.content.iter_mut().flat_map(|(_, i)| i) {
                        let cfg = builder_owner(item).and_then(|o| self.builder_cfg(&o));
                        if let Some(attrs) = item_attrs(item) {
                            push_attr(attrs, cfg);
                        }
                    }
                }
                syn::Item::Impl(i) if i.trait_.is_none() && is_client(&i.self_ty) => {
                    for f in &mut i.items {
                        if let syn::ImplItem::Fn(f) = f {
                            let cfg = self.op_cfg(&f.sig.ident.to_string());
                            push_attr(&mut f.attrs, cfg);
                        }
                    }
                }
                syn::Item::Impl(_) => {
                    let cfg = builder_owner(item).and_then(|o| self.builder_cfg(&o));
                    if let Some(attrs) = item_attrs(item) {
                        push_attr(attrs, cfg);
                    }
                }
                syn::Item::Fn(f) => {
                    for stmt in &mut f.block.stmts {
                        let Some(cfg) = self.cfg_of_mentions(idents_of(stmt)) else {
                            continue;
                        };
                        let inner = std::mem::replace(stmt, syn::parse_quote!(();));
                        *stmt = syn::parse_quote!(#cfg { #inner });
                    }
                }
                _ => {}
            }
        }
    }

    fn gate_type_item(&self, item: &mut syn::Item) {
        let cfg = type_owner(item, &self.names).and_then(|o| self.type_cfg(&o));
        if let Some(attrs) = item_attrs(item) {
            push_attr(attrs, cfg);
        }
    }

    fn gate_mock(&self, mock: &mut syn::File) {
        for item in &mut mock.items {
            match item {
                syn::Item::Mod(m) if m.ident == "operations" => {
                    for item in m.content.iter_mut().flat_map(|(_, i)| i) {
                        let cfg = builder_owner(item)
                            .and_then(|o| mock_builder(&o))
                            .and_then(|b| self.builder_cfg(&b));
                        if let Some(attrs) = item_attrs(item) {
                            push_attr(attrs, cfg);
                        }
                    }
                }
                syn::Item::Trait(t) => {
                    for f in &mut t.items {
                        if let syn::TraitItem::Fn(f) = f {
                            let cfg = self.op_cfg(&f.sig.ident.to_string());
                            push_attr(&mut f.attrs, cfg);
                        }
                    }
                }
                syn::Item::Impl(i) if i.trait_.is_some() => {
                    for f in &mut i.items {
                        if let syn::ImplItem::Fn(f) = f {
                            let cfg = self.op_cfg(&f.sig.ident.to_string());
                            push_attr(&mut f.attrs, cfg);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

fn module_inner<'a>(items: &'a [syn::Item], name: &str) -> &'a [syn::Item] {
    items
        .iter()
        .find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, i)| i.as_slice()),
            _ => None,
        })
        .unwrap_or_default()
}

/// `ListMtreesWhen` / `ListMtreesThen` → `ListMtrees`.
fn mock_builder(name: &str) -> Option<String> {
    name.strip_suffix("When")
        .or_else(|| name.strip_suffix("Then"))
        .map(str::to_string)
}

/// The identifiers of each mock item with the area it belongs to.
fn mock_items(
    mock: &syn::File,
    builder_op: &HashMap<String, String>,
    op_area: &BTreeMap<String, Option<String>>,
) -> Vec<(Option<String>, Vec<String>)> {
    let by_builder = |name: &str| {
        let op = builder_op.get(&mock_builder(name)?)?;
        op_area.get(op).cloned()
    };
    let mut out = Vec::new();
    for item in &mock.items {
        match item {
            syn::Item::Mod(m) if m.ident == "operations" => {
                for item in m.content.iter().flat_map(|(_, i)| i) {
                    let area = builder_owner(item)
                        .and_then(|o| by_builder(&o))
                        .unwrap_or(None);
                    out.push((area, idents_of(item)));
                }
            }
            syn::Item::Trait(t) => {
                for f in &t.items {
                    if let syn::TraitItem::Fn(f) = f {
                        let area = op_area
                            .get(&f.sig.ident.to_string())
                            .cloned()
                            .unwrap_or(None);
                        out.push((area, idents_of(f)));
                    }
                }
            }
            syn::Item::Impl(i) => {
                for f in &i.items {
                    if let syn::ImplItem::Fn(f) = f {
                        let area = op_area
                            .get(&f.sig.ident.to_string())
                            .cloned()
                            .unwrap_or(None);
                        out.push((area, idents_of(f)));
                    }
                }
            }
            _ => out.push((None, idents_of(item))),
        }
    }
    out
}

/// Makes `schemars::JsonSchema` an opt-in: every `#[derive(..., schemars::JsonSchema)]` of the
/// `types` module loses that derive and gains `#[cfg_attr(feature = "schemars",
/// derive(schemars::JsonSchema))]`. No SDK path uses the schemas; deriving them cost a quarter of
/// a debug build (BENCHMARKS.md).
pub fn optional_schemars(file: &mut syn::File) {
    let Some(types) = module_mut(&mut file.items, "types") else {
        return;
    };
    for item in types.iter_mut() {
        if let Some(attrs) = item_attrs(item) {
            let mut found = false;
            for attr in attrs.iter_mut() {
                if !attr.path().is_ident("derive") {
                    continue;
                }
                let Ok(paths) = attr.parse_args_with(
                    syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
                ) else {
                    continue;
                };
                let before = paths.len();
                let kept: Vec<&syn::Path> = paths
                    .iter()
                    .filter(|p| {
                        let segs: Vec<String> =
                            p.segments.iter().map(|s| s.ident.to_string()).collect();
                        segs != ["schemars", "JsonSchema"]
                    })
                    .collect();
                if kept.len() != before {
                    found = true;
                    *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
                }
            }
            if found {
                let at = attrs
                    .iter()
                    .position(|a| a.path().is_ident("derive"))
                    .map_or(attrs.len(), |i| i + 1);
                attrs.insert(
                    at,
                    syn::parse_quote!(#[cfg_attr(feature = "schemars", derive(schemars::JsonSchema))]),
                );
            }
        }
    }
}
