//! `cargo xtask check-areas`: proves that every API area of every SDK builds on its own.
//!
//! For each SDK crate: `cargo check --lib` with no default features (the always-compiled part
//! alone), then once per area with only that area and `mock` on (the typed mocks are gated per
//! area too, and they only add to the crate, so this also proves the area without `mock`).
//! Warnings in the SDK crate fail the check like errors (`RUSTFLAGS=-D warnings` would rebuild
//! every dependency).
//! The all-areas build is the default one that `cargo clippy` and `cargo test` already do.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::Target;

/// The package name of a target's crate (`crates/ddmc-sdk/Cargo.toml` → `ddmc-sdk`).
pub fn package(target: &Target) -> Option<&'static str> {
    let manifest = target.manifest?;
    manifest
        .strip_prefix("crates/")?
        .strip_suffix("/Cargo.toml")
}

/// The areas of a target's spec.
pub fn target_areas(root: &Path, target: &Target) -> Result<Vec<String>, String> {
    let path = root.join(target.spec);
    let yaml = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let spec = crate::model::spec::parse(target.spec, &yaml)?;
    Ok(crate::model::Model::read(&spec).areas.areas)
}

/// Runs `cargo check --lib -p <package> --no-default-features --features <features>`; fails
/// on an error or a warning in the package.
fn check_one(root: &Path, package: &str, features: &str) -> Result<f64, String> {
    let mut args = vec![
        "check",
        "--lib",
        "--quiet",
        "--message-format=short",
        "-p",
        package,
        "--no-default-features",
    ];
    if !features.is_empty() {
        args.extend(["--features", features]);
    }
    let started = Instant::now();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(&args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo {}: {e}", args.join(" ")))?;
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `--message-format=short`: `crates/ddmc-sdk/src/lib.rs:1:2: warning: ...`.
    let warned = stderr
        .lines()
        .any(|l| l.starts_with("crates/") && l.contains(": warning"));
    if !out.status.success() || warned {
        return Err(format!(
            "`cargo {}` failed or warned:\n{stderr}",
            args.join(" ")
        ));
    }
    Ok(seconds)
}

/// `cargo xtask check-areas [SPEC...]`.
pub fn check_areas(root: &Path, targets: &[&Target]) -> Result<String, String> {
    let mut report = String::new();
    let started = Instant::now();
    for target in targets.iter().copied().filter(|t| t.manifest.is_some()) {
        let Some(package) = package(target) else {
            continue;
        };
        let seconds = check_one(root, package, "")?;
        let _ = writeln!(report, "ok {package} (no area) {seconds:.1} s");
        for area in target_areas(root, target)? {
            let seconds = check_one(root, package, &format!("{area},mock"))?;
            let _ = writeln!(report, "ok {package} --features {area},mock {seconds:.1} s");
        }
    }
    let _ = writeln!(
        report,
        "every area builds alone ({:.0} s)",
        started.elapsed().as_secs_f64()
    );
    Ok(report)
}
