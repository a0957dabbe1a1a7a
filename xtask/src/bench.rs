//! `cargo xtask bench`: every benchmark in one command. Runs the criterion and memory benchmarks
//! of `sdk-tests`, then measures what the SDK crates cost to build (generated lines, clean build
//! times of each crate with its dependencies already built, debug and release, dependency count),
//! and prints the build table in Markdown.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The SDK crates whose build cost is measured.
const CRATES: &[&str] = &["sdk-auth", "ddmc-sdk", "mgmt-sdk", "druva-sdk"];

fn cargo(root: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(root)
        .output()
        .map_err(|e| format!("cannot run cargo {}: {e}", args.join(" ")))
}

fn checked(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = cargo(root, args)?;
    if !out.status.success() {
        return Err(format!(
            "cargo {} failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Seconds a clean build of `krate` takes once its dependencies are built.
fn build_seconds(root: &Path, krate: &str, release: bool) -> Result<f64, String> {
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    checked(root, &[&["build", "-p", krate], profile].concat())?;
    checked(root, &[&["clean", "-p", krate], profile].concat())?;
    let started = Instant::now();
    checked(root, &[&["build", "-p", krate], profile].concat())?;
    Ok(started.elapsed().as_secs_f64())
}

/// The build-cost table (Markdown).
pub fn build_cost(root: &Path) -> Result<String, String> {
    let mut table = String::from(
        "| crate | generated lines | clean build, debug | clean build, release | dependencies (normal, transitive) |\n|---|---:|---:|---:|---:|\n",
    );
    for krate in CRATES {
        let generated =
            std::fs::read_to_string(root.join("crates").join(krate).join("src/generated.rs"))
                .map(|s| s.lines().count().to_string())
                .unwrap_or_else(|_| "(hand-written)".into());
        let debug = build_seconds(root, krate, false)?;
        let release = build_seconds(root, krate, true)?;
        let tree = checked(
            root,
            &[
                "tree",
                "-p",
                krate,
                "-e",
                "normal",
                "--prefix",
                "none",
                "--no-dedupe",
            ],
        )?;
        let mut deps: Vec<&str> = tree.lines().filter(|l| !l.trim().is_empty()).collect();
        deps.sort_unstable();
        deps.dedup();
        let _ = writeln!(
            table,
            "| {krate} | {generated} | {debug:.1} s | {release:.1} s | {} |",
            deps.len().saturating_sub(1)
        );
    }
    Ok(table)
}

/// `cargo xtask bench`: the benchmarks of `sdk-tests`, then the build-cost table.
pub fn run(root: &Path) -> Result<String, String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["bench", "-p", "sdk-tests"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo bench: {e}"))?;
    if !status.success() {
        return Err("cargo bench -p sdk-tests failed".into());
    }
    Ok(format!("\nBuild cost\n\n{}", build_cost(root)?))
}
