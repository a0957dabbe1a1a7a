//! The workspace's code generator.
//!
//! Each [`Target`] names a hand-written OpenAPI spec and the files generated from it. Generating
//! one target is a pipeline, each step in its own folder:
//!
//! 1. **parse** the YAML (`model::spec`);
//! 2. **model**: read every extension once into a [`Model`] (`model/`: operations, pagination,
//!    OPTIONS, counts, areas, retries, lenient and renamed fields, password headers);
//! 3. **lint** the model and the raw YAML (`lint/`): progenitor panics or emits code that does not
//!    compile on some spec shapes, so those are rejected first with the operation and rule named,
//!    along with every extension that does not read;
//! 4. **progenitor** generates the client and the httpmock helpers from the spec as it sees it
//!    (`emit::progenitor`, `emit::mock`);
//! 5. **emit** what progenitor cannot (`emit/`: the hooks that hand every request to `sdk-auth`,
//!    the `operations` module, item streams, OPTIONS operations, `count()`), appended to its
//!    output;
//! 6. **rewrite** progenitor's output with syn passes (`rewrite/`: path encoding, client
//!    ownership, boxing, renamed and lenient fields, builder inlining, password headers, area
//!    cfgs), and emit the command line's commands and the manifest's area features;
//! 7. **format** with prettyplease behind a "do not edit" header.
//!
//! `cargo xtask check` runs the same pipeline and prints a unified diff ([`diff`]) of every
//! committed file that differs from a fresh generation. `tools/` holds the other commands (audit, benchmarks, area
//! builds).

pub mod diff;
pub mod emit;
pub mod lint;
pub mod model;
pub mod rewrite;
pub mod syntax;
pub mod tools;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use quote::quote;

use crate::model::Model;

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
/// `#[cfg(feature = ...)]` (see `rewrite::cfg`) and `schemars::JsonSchema` is derived only under the
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
    // Parse, and read every extension once.
    let spec = model::spec::parse(spec_name, yaml)?;
    // Schemas that are another schema's `$ref` become that schema (a type alias, below).
    let (spec, aliases) = model::aliases::resolve(spec).map_err(|e| format!("{spec_name}: {e}"))?;
    let model = Model::read(&spec);
    // Lint: every problem of the model and the rules, or stop here.
    lint::check(spec_name, yaml, &model)?;
    // progenitor, on the spec as it sees it.
    let (client_tokens, mock_tokens) =
        emit::progenitor::run(spec_name, &emit::progenitor::view(&model), crate_path)?;
    // Emit what progenitor does not: at the top level of the client file...
    let hooks = emit::hooks::hooks(&model);
    let operations = emit::operations::module(&model);
    let streams = emit::streams::top_level_streams(&model);
    let options = emit::options::client_methods(&model);
    let count_error = emit::counts::error_type(&model);
    let mut client_file = emit::parse_file(
        spec_name,
        quote!(#client_tokens #hooks #operations #streams #options #count_error),
    )?;
    // ... and inside progenitor's `builder` module.
    let mut builder_items = emit::streams::builder_module_streams(&model, &client_file)?;
    builder_items.extend(emit::options::builders(&model));
    builder_items.extend(emit::counts::count_methods(&model));
    emit::push_into_builder_module(&mut client_file, builder_items)?;
    // Rewrite progenitor's output.
    rewrite::encode_path::use_sdk_auth_encode_path(&mut client_file);
    rewrite::client_owner::rewrite(&mut client_file);
    rewrite::cycles::unbox_optional_cycles(&mut client_file);
    rewrite::boxing::box_optional_structs(&mut client_file);
    rewrite::rust_names::apply(&mut client_file, &model.rust_names)
        .map_err(|e| format!("{spec_name}: {e}"))?;
    rewrite::lenient::apply(&mut client_file, &model.lenient)
        .map_err(|e| format!("{spec_name}: {e}"))?;
    rewrite::inline::inline_builder_conversions(&mut client_file);
    let mut mock_file = emit::parse_file(spec_name, mock_tokens)?;
    // The command line reads the client's builders before the last passes.
    let cli = if sdk {
        let tokens = emit::cli::module(&model, &client_file, crate_path)?;
        Some(emit::cli::format(spec_name, tokens)?)
    } else {
        None
    };
    rewrite::password_headers::apply(&mut client_file, &mut mock_file, &model.password_headers);
    if sdk {
        rewrite::cfg::apply(&mut client_file, &mut mock_file, &model.areas);
        rewrite::cfg::optional_schemars(&mut client_file);
    }
    rewrite::aliases::apply(&mut client_file, &aliases);
    // Format.
    let client = emit::format_file(spec_name, client_file);
    let mock = emit::format_file(spec_name, mock_file);
    let features = emit::features::manifest_features(spec_name, &model.areas);
    Ok(Generated {
        client,
        mock,
        features,
        cli,
    })
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
    let fresh = emit::features::sync_manifest(rel, &current, &generated.features)?;
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

/// Lints the specs of `targets` and compares a fresh generation with their committed files: the
/// report lists every file up to date, the error every stale one with its unified diff (at most
/// [`diff::MAX_LINES`] lines per file).
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
            match diff::unified(rel, &current, content, diff::MAX_LINES) {
                None => {
                    let _ = writeln!(report, "up to date {rel}");
                }
                Some(diff) => stale.push(format!(
                    "{rel} is stale relative to {}:\n{diff}",
                    target.spec
                )),
            }
        }
        if let Some((rel, current, fresh)) = manifest_of(root, target, &generated)? {
            match diff::unified(rel, &current, &fresh, diff::MAX_LINES) {
                None => {
                    let _ = writeln!(report, "up to date {rel} (area features)");
                }
                Some(diff) => stale.push(format!(
                    "the [features] of {rel} disagree with the areas of {}:\n{diff}",
                    target.spec
                )),
            }
        }
    }
    if stale.is_empty() {
        Ok(report)
    } else {
        Err(format!(
            "generated code is out of date; run `cargo xtask generate` and commit the result.\n\n{}",
            stale.join("\n")
        ))
    }
}
