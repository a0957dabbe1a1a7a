//! The workspace's code generator.
//!
//! Each [`Target`] names a hand-written OpenAPI spec and the files generated from it. Generation
//! is: parse the spec, [`lint`] it (progenitor panics or emits code that does not compile on some
//! spec shapes, so those shapes are rejected first with the operation and rule named), run
//! progenitor with the project's [`settings`], append what progenitor cannot generate
//! (`extras`: the `ClientHooks` impl that hands every request to `sdk-auth`, and item streams
//! from `x-pagination`; OPTIONS operations, see `options`; `count()` from HEAD operations, see
//! `counts`), format with prettyplease and prepend a "do not edit" header.

pub mod emit;
pub mod lint;
pub mod model;
pub mod rewrite;
pub mod tools;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use progenitor::{GenerationSettings, Generator, HooksMode, InterfaceStyle, TagStyle};
use quote::quote;

/// One spec and the files generated from it.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// Spec path relative to the workspace root.
    pub spec: &'static str,
    /// Path of the generated client (types, builders, hooks, streams), relative to the root.
    pub client_out: &'static str,
    /// Path of the generated typed httpmock helpers, relative to the root.
    pub mock_out: &'static str,
    /// Rust path under which the generated client is reachable from the mock file.
    pub crate_path: &'static str,
    /// The SDK crate's `Cargo.toml`, whose `[features]` hold the spec's areas (`None` for the
    /// fixture: its code is compiled in the tests crate, with no area features and JsonSchema
    /// always derived).
    pub manifest: Option<&'static str>,
    /// Path of the command line's generated commands for this API (`None`: no CLI commands).
    pub cli_out: Option<&'static str>,
}

/// Every target `cargo xtask generate` writes, in order.
pub const TARGETS: &[Target] = &[
    Target {
        spec: "specs/ddmc.yaml",
        client_out: "crates/ddmc-sdk/src/generated.rs",
        mock_out: "crates/ddmc-sdk/src/generated_mock.rs",
        crate_path: "ddmc_sdk",
        manifest: Some("crates/ddmc-sdk/Cargo.toml"),
        cli_out: Some("crates/dp/src/generated/ddmc.rs"),
    },
    Target {
        spec: "specs/mgmt.yaml",
        client_out: "crates/mgmt-sdk/src/generated.rs",
        mock_out: "crates/mgmt-sdk/src/generated_mock.rs",
        crate_path: "mgmt_sdk",
        manifest: Some("crates/mgmt-sdk/Cargo.toml"),
        cli_out: Some("crates/dp/src/generated/mgmt.rs"),
    },
    Target {
        spec: "specs/druva.yaml",
        client_out: "crates/druva-sdk/src/generated.rs",
        mock_out: "crates/druva-sdk/src/generated_mock.rs",
        crate_path: "druva_sdk",
        manifest: Some("crates/druva-sdk/Cargo.toml"),
        cli_out: Some("crates/dp/src/generated/druva.rs"),
    },
    Target {
        spec: "xtask/fixtures/fixture.yaml",
        client_out: "tests/src/fixture/generated.rs",
        mock_out: "tests/src/fixture/generated_mock.rs",
        crate_path: "crate::fixture",
        manifest: None,
        cli_out: None,
    },
];

/// The workspace root (the parent of the `xtask` crate).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// The progenitor settings every SDK is generated with.
pub fn settings() -> GenerationSettings {
    let mut settings = GenerationSettings::default();
    settings
        .with_interface(InterfaceStyle::Builder)
        .with_tag(TagStyle::Merged)
        .with_inner_type(quote!(sdk_auth::Session))
        .with_hooks(HooksMode::Expected)
        .with_derive("schemars::JsonSchema")
        .with_derive("PartialEq")
        .with_conversion(
            password_schema(),
            "::sdk_auth::Password",
            std::iter::empty(),
        );
    settings
}

/// `{type: string, format: password}`: a property or parameter of this schema (whatever its
/// description) becomes `sdk_auth::Password`, which serializes the value but never shows it in
/// `Debug`. typify compares schemas without their metadata, so a `pattern` or `enum` next to
/// the format would keep the property a plain `String`; `lint` rejects that.
pub fn password_schema() -> schemars::schema::SchemaObject {
    schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::String.into()),
        format: Some("password".to_string()),
        ..Default::default()
    }
}

/// Generated file contents of one target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The client file (types, builders, hooks, streams).
    pub client: String,
    /// The typed httpmock helpers.
    pub mock: String,
    /// The generated part of the crate's `[features]` table (its API areas).
    pub features: String,
    /// The command line's commands for this API (SDK targets only).
    pub cli: Option<String>,
}

/// Parses, lints and generates one spec given as YAML text. `spec_name` is used in messages and
/// the header.
pub fn generate_from_str(
    spec_name: &str,
    yaml: &str,
    crate_path: &str,
) -> Result<Generated, String> {
    generate_with(spec_name, yaml, crate_path, false)
}

/// Like [`generate_from_str`] for an SDK crate: the code of each API area gets its
/// `#[cfg(feature = ...)]` (see `cfg`) and `schemars::JsonSchema` is derived only under the
/// crate's `schemars` feature.
pub fn generate_sdk_from_str(
    spec_name: &str,
    yaml: &str,
    crate_path: &str,
) -> Result<Generated, String> {
    generate_with(spec_name, yaml, crate_path, true)
}

fn generate_with(
    spec_name: &str,
    yaml: &str,
    crate_path: &str,
    sdk: bool,
) -> Result<Generated, String> {
    let spec = model::spec::parse(spec_name, yaml)?;
    let mut problems = lint::lint_keys(yaml).map_err(|e| format!("{spec_name}: {e}"))?;
    problems.extend(lint::lint(&spec));
    problems.extend(rewrite::lenient::lint(yaml, &spec));
    problems.extend(rewrite::rust_names::lint(yaml, &spec));
    if !problems.is_empty() {
        let mut msg = format!("{spec_name} breaks {} rule(s):", problems.len());
        for p in &problems {
            let _ = write!(msg, "\n  - {p}");
        }
        return Err(msg);
    }
    // progenitor cannot compile OPTIONS operations: it gets the spec without them.
    // Properties with an `x-rust-name` are renamed for typify (and renamed back below).
    let progenitor_spec =
        emit::options::progenitor_view(&rewrite::rust_names::progenitor_view(&spec));
    let (client_tokens, mock_tokens) = run_progenitor(spec_name, &progenitor_spec, crate_path)?;
    let extra_tokens = emit::streams::extras(&spec)?;
    let options_tokens = emit::options::client_methods(&spec)?;
    let count_error = emit::counts::error_type(&spec)?;
    let mut client_file = parse_file(
        spec_name,
        quote!(#client_tokens #extra_tokens #options_tokens #count_error),
    )?;
    let mut builder_items = emit::streams::builder_module_streams(&spec, &client_file)?;
    builder_items.extend(emit::options::builders(&spec)?);
    builder_items.extend(emit::counts::count_methods(&spec)?);
    emit::options::push_into_builder_module(&mut client_file, builder_items)?;
    use_sdk_auth_encode_path(&mut client_file);
    rewrite::client_owner::rewrite(&mut client_file);
    rewrite::cycles::unbox_optional_cycles(&mut client_file);
    rewrite::boxing::box_optional_structs(&mut client_file);
    rewrite::rust_names::apply(&mut client_file, &rewrite::rust_names::fields(&spec))
        .map_err(|e| format!("{spec_name}: {e}"))?;
    rewrite::lenient::apply(&mut client_file, &rewrite::lenient::fields(&spec))
        .map_err(|e| format!("{spec_name}: {e}"))?;
    rewrite::inline::inline_builder_conversions(&mut client_file);
    let mut mock_file = parse_file(spec_name, mock_tokens)?;
    let areas = model::areas::areas(&spec);
    let cli = if sdk {
        let tokens = emit::cli::module(&spec, &client_file, crate_path, &areas)?;
        Some(emit::cli::format(spec_name, tokens)?)
    } else {
        None
    };
    rewrite::password_headers::apply(
        &mut client_file,
        &mut mock_file,
        &rewrite::password_headers::names(&spec),
    );
    if sdk {
        rewrite::cfg::apply(&mut client_file, &mut mock_file, &areas);
        rewrite::cfg::optional_schemars(&mut client_file);
    }
    let client = format_file(spec_name, client_file);
    let mock = format_file(spec_name, mock_file);
    let features = model::areas::manifest_features(spec_name, &areas);
    Ok(Generated {
        client,
        mock,
        features,
        cli,
    })
}

/// Runs progenitor, turning its panics into errors that name the spec.
fn run_progenitor(
    spec_name: &str,
    spec: &openapiv3::OpenAPI,
    crate_path: &str,
) -> Result<(proc_macro2::TokenStream, proc_macro2::TokenStream), String> {
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut generator = Generator::new(&settings());
        let client = generator.generate_tokens(spec)?;
        let mock = generator.httpmock(&mock_view(spec), crate_path)?;
        Ok::<_, progenitor::Error>((client, mock))
    }));
    std::panic::set_hook(previous_hook);
    match outcome {
        Ok(Ok(tokens)) => Ok(tokens),
        Ok(Err(err)) => Err(format!("progenitor rejected {spec_name}: {err}")),
        Err(panic) => {
            let msg = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".to_string());
            Err(format!(
                "progenitor panicked on {spec_name}: {msg} (a spec shape the lint does not catch yet)"
            ))
        }
    }
}

/// The spec as the httpmock generator sees it: progenitor's mock code cannot match array query
/// parameters (it calls `to_string()` on the `Vec`), so each becomes its item type there. A mock
/// then matches one occurrence per call (`when.filter("a").filter("b")` needs both).
fn mock_view(spec: &openapiv3::OpenAPI) -> openapiv3::OpenAPI {
    use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type};
    let mut spec = spec.clone();
    let flatten = |p: &mut Parameter| {
        if let Parameter::Query { parameter_data, .. } = p
            && let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) =
                &parameter_data.format
            && let SchemaKind::Type(Type::Array(array)) = &schema.schema_kind
            && let Some(items) = &array.items
        {
            let items = match items {
                ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
                ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                    reference: reference.clone(),
                },
            };
            parameter_data.format = ParameterSchemaOrContent::Schema(items);
        }
    };
    for item in spec.paths.paths.values_mut() {
        if let ReferenceOr::Item(item) = item {
            for p in item.parameters.iter_mut() {
                if let ReferenceOr::Item(p) = p {
                    flatten(p);
                }
            }
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.head,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                for p in op.parameters.iter_mut() {
                    if let ReferenceOr::Item(p) = p {
                        flatten(p);
                    }
                }
            }
        }
    }
    if let Some(components) = spec.components.as_mut() {
        for p in components.parameters.values_mut() {
            if let ReferenceOr::Item(p) = p {
                flatten(p);
            }
        }
    }
    spec
}

/// Parses generated tokens as a Rust file.
fn parse_file(spec_name: &str, tokens: proc_macro2::TokenStream) -> Result<syn::File, String> {
    syn::parse2(tokens).map_err(|e| format!("generated code for {spec_name} does not parse: {e}"))
}

/// Makes the generated client encode path parameters with `sdk_auth::encode_path` instead of
/// progenitor's, which leaves `\` and dot segments (`..`) able to change the path. progenitor
/// imports its encoder once at the top of the file (`use progenitor_client::{encode_path, ...}`);
/// that name is swapped for `use sdk_auth::encode_path;`, so every call site follows.
fn use_sdk_auth_encode_path(file: &mut syn::File) {
    let mut at = None;
    for (i, item) in file.items.iter_mut().enumerate() {
        if let syn::Item::Use(item) = item
            && let syn::UseTree::Path(path) = &mut item.tree
            && path.ident == "progenitor_client"
            && let syn::UseTree::Group(group) = &mut *path.tree
        {
            let before = group.items.len();
            group.items = std::mem::take(&mut group.items)
                .into_iter()
                .filter(|t| !matches!(t, syn::UseTree::Name(n) if n.ident == "encode_path"))
                .collect();
            if group.items.len() != before {
                at = Some(i + 1);
            }
        }
    }
    if let Some(at) = at {
        file.items.insert(
            at,
            syn::parse_quote!(
                use sdk_auth::encode_path;
            ),
        );
    }
}

/// Formats a generated file deterministically and prepends the header.
fn format_file(spec_name: &str, file: syn::File) -> String {
    let body = prettyplease::unparse(&file);
    format!(
        "// Generated by `cargo xtask generate` from `{spec_name}` (progenitor, Builder interface).\n\
         // Do not edit: change the spec or the xtask and regenerate.\n\n{body}"
    )
}

fn generate_target(root: &Path, target: &Target) -> Result<Generated, String> {
    let path = root.join(target.spec);
    let yaml = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    generate_with(
        target.spec,
        &yaml,
        target.crate_path,
        target.manifest.is_some(),
    )
}

/// The target's `Cargo.toml` as it should be (its area features from the spec), with its path,
/// or `None` for a target without a manifest.
fn manifest_of(
    root: &Path,
    target: &Target,
    generated: &Generated,
) -> Result<Option<(&'static str, String, String)>, String> {
    let Some(rel) = target.manifest else {
        return Ok(None);
    };
    let current =
        std::fs::read_to_string(root.join(rel)).map_err(|e| format!("cannot read {rel}: {e}"))?;
    let fresh = model::areas::sync_manifest(rel, &current, &generated.features)?;
    Ok(Some((rel, current, fresh)))
}

/// The targets whose spec path contains one of `names` (all targets when `names` is empty), or
/// an error naming a filter that matches nothing.
pub fn select_targets(names: &[String]) -> Result<Vec<&'static Target>, String> {
    if names.is_empty() {
        return Ok(TARGETS.iter().collect());
    }
    let known: Vec<&str> = TARGETS.iter().map(|t| t.spec).collect();
    let mut selected: Vec<&'static Target> = Vec::new();
    for name in names {
        let matching: Vec<&'static Target> = TARGETS
            .iter()
            .filter(|t| t.spec.contains(name.as_str()))
            .collect();
        if matching.is_empty() {
            return Err(format!(
                "no spec matches `{name}`; the specs are {}",
                known.join(", ")
            ));
        }
        selected.extend(matching);
    }
    selected.dedup_by_key(|t: &mut &'static Target| t.spec);
    Ok(selected)
}

/// `cargo xtask generate`: writes every target's files (only those whose content changed).
pub fn generate_all(root: &Path) -> Result<String, String> {
    generate(root, &TARGETS.iter().collect::<Vec<_>>())
}

/// Writes the files of `targets` (only those whose content changed).
pub fn generate(root: &Path, targets: &[&Target]) -> Result<String, String> {
    let mut report = String::new();
    for target in targets {
        let generated = generate_target(root, target)?;
        let cli = target.cli_out.zip(generated.cli.as_ref());
        for (rel, content) in [
            (target.client_out, &generated.client),
            (target.mock_out, &generated.mock),
        ]
        .into_iter()
        .chain(cli)
        {
            let path = root.join(rel);
            let current = std::fs::read_to_string(&path).ok();
            if current.as_deref() == Some(content.as_str()) {
                let _ = writeln!(report, "unchanged {rel}");
                continue;
            }
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            }
            std::fs::write(&path, content)
                .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            let _ = writeln!(report, "wrote {rel} ({} lines)", content.lines().count());
        }
        if let Some((rel, current, fresh)) = manifest_of(root, target, &generated)? {
            if current == fresh {
                let _ = writeln!(report, "unchanged {rel}");
            } else {
                std::fs::write(root.join(rel), fresh)
                    .map_err(|e| format!("cannot write {rel}: {e}"))?;
                let _ = writeln!(report, "wrote the area features of {rel}");
            }
        }
    }
    Ok(report)
}

/// `cargo xtask check`: lints every spec and compares a fresh generation with the committed files.
pub fn check_all(root: &Path) -> Result<String, String> {
    check(root, &TARGETS.iter().collect::<Vec<_>>())
}

/// Lints the specs of `targets` and compares a fresh generation with their committed files.
pub fn check(root: &Path, targets: &[&Target]) -> Result<String, String> {
    let mut stale = Vec::new();
    let mut report = String::new();
    for target in targets {
        let generated = generate_target(root, target)?;
        let cli = target.cli_out.zip(generated.cli.as_ref());
        for (rel, content) in [
            (target.client_out, &generated.client),
            (target.mock_out, &generated.mock),
        ]
        .into_iter()
        .chain(cli)
        {
            let current = std::fs::read_to_string(root.join(rel)).unwrap_or_default();
            match first_difference(&current, content) {
                None => {
                    let _ = writeln!(report, "up to date {rel}");
                }
                Some(diff) => stale.push(format!(
                    "{rel} is stale relative to {}: {diff}",
                    target.spec
                )),
            }
        }
        if let Some((rel, current, fresh)) = manifest_of(root, target, &generated)? {
            match first_difference(&current, &fresh) {
                None => {
                    let _ = writeln!(report, "up to date {rel} (area features)");
                }
                Some(diff) => stale.push(format!(
                    "the [features] of {rel} disagree with the areas of {}: {diff}",
                    target.spec
                )),
            }
        }
    }
    if stale.is_empty() {
        Ok(report)
    } else {
        Err(format!(
            "generated code is out of date; run `cargo xtask generate` and commit the result.\n  - {}",
            stale.join("\n  - ")
        ))
    }
}

/// Describes the first line where `committed` and `fresh` differ, or `None` when equal.
pub fn first_difference(committed: &str, fresh: &str) -> Option<String> {
    if committed == fresh {
        return None;
    }
    if committed.is_empty() {
        return Some("the file is missing or empty".to_string());
    }
    let mut committed_lines = committed.lines();
    let mut fresh_lines = fresh.lines();
    let mut line = 1;
    loop {
        match (committed_lines.next(), fresh_lines.next()) {
            (Some(a), Some(b)) if a == b => line += 1,
            (a, b) => {
                return Some(format!(
                    "line {line}: committed {:?}, generated {:?} ({} vs {} lines)",
                    a.unwrap_or("<end of file>"),
                    b.unwrap_or("<end of file>"),
                    committed.lines().count(),
                    fresh.lines().count()
                ));
            }
        }
    }
}
