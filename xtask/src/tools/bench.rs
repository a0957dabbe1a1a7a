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

/// CPU seconds (user + system) used so far by this process's finished children, where the OS
/// says (Linux: `/proc/self/stat` fields `cutime` and `cstime`, in clock ticks of 1/100 s).
fn children_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name, which is in parentheses and may contain spaces.
    let rest = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // `rest` starts at field 3 (state); cutime and cstime are fields 16 and 17.
    let ticks = |n: usize| fields.get(n - 3)?.parse::<f64>().ok();
    Some((ticks(16)? + ticks(17)?) / 100.0)
}

/// A clean build of one crate: wall-clock seconds, and CPU seconds when known. CPU time barely
/// moves when other work shares the machine; wall time does.
struct BuildTime {
    wall: f64,
    cpu: Option<f64>,
}

impl std::fmt::Display for BuildTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.cpu {
            Some(cpu) => write!(f, "{:.1} s ({cpu:.1} s CPU)", self.wall),
            None => write!(f, "{:.1} s", self.wall),
        }
    }
}

/// How long a clean build of `krate` takes once its dependencies are built; with `area`, the
/// build of that API area alone (`--no-default-features --features <area>`).
fn build_time(
    root: &Path,
    krate: &str,
    release: bool,
    area: Option<&str>,
) -> Result<BuildTime, String> {
    let profile: &[&str] = if release { &["--release"] } else { &[] };
    let features: Vec<&str> = match area {
        Some(area) => vec!["--no-default-features", "--features", area],
        None => Vec::new(),
    };
    let build = [&["build", "-p", krate], profile, &features].concat();
    checked(root, &build)?;
    checked(root, &[&["clean", "-p", krate], profile].concat())?;
    let cpu_before = children_cpu_seconds();
    let started = Instant::now();
    checked(root, &build)?;
    let wall = started.elapsed().as_secs_f64();
    let cpu = cpu_before.zip(children_cpu_seconds()).map(|(a, b)| b - a);
    Ok(BuildTime { wall, cpu })
}

/// The one-area build measured per SDK crate (the README's slim example).
const ONE_AREA: &[(&str, &str)] = &[
    ("ddmc-sdk", "mtrees"),
    ("mgmt-sdk", "jobs"),
    ("druva-sdk", "platform"),
];

/// The API areas of an SDK crate's spec and the area of each operation.
fn spec_areas(root: &Path, krate: &str) -> Result<crate::model::areas::Areas, String> {
    let target = crate::TARGETS
        .iter()
        .find(|t| crate::tools::area_builds::package(t) == Some(krate))
        .ok_or_else(|| format!("`{krate}` is not an SDK crate (ddmc-sdk, mgmt-sdk, druva-sdk)"))?;
    let yaml = std::fs::read_to_string(root.join(target.spec))
        .map_err(|e| format!("cannot read {}: {e}", target.spec))?;
    let spec = crate::model::spec::parse(target.spec, &yaml)?;
    Ok(crate::model::Model::read(&spec).areas)
}

/// Operations in `areas`, in all (`None`) or in one area (or [`ALWAYS`](crate::model::areas::ALWAYS)).
fn count_operations(areas: &crate::model::areas::Areas, area: Option<&str>) -> usize {
    areas
        .operations
        .values()
        .filter(|a| match area {
            None => true,
            Some(crate::model::areas::ALWAYS) => a.is_none(),
            Some(area) => a.as_deref() == Some(area),
        })
        .count()
}

fn per_op(time: &BuildTime, ops: Option<usize>) -> String {
    match (time.cpu, ops) {
        (Some(cpu), Some(ops)) if ops > 0 => format!("{:.2} s", cpu / ops as f64),
        _ => "-".into(),
    }
}

/// The build-cost tables (Markdown): every crate, then one API area of each SDK. `only` limits
/// the crates measured (all when empty).
pub fn build_cost(root: &Path, only: &[String]) -> Result<String, String> {
    let selected = |krate: &str| only.is_empty() || only.iter().any(|o| krate.contains(o.as_str()));
    let mut table = String::from(
        "| crate | operations | generated lines (+mock) | lines per operation | clean build, debug | clean build, release | CPU per operation, debug / release | dependencies (normal, transitive) |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for krate in CRATES.iter().copied().filter(|k| selected(k)) {
        let lines = |file: &str| {
            std::fs::read_to_string(root.join("crates").join(krate).join("src").join(file))
                .map(|s| s.lines().count())
                .ok()
        };
        // None for sdk-auth, which has no spec.
        let ops = spec_areas(root, krate)
            .ok()
            .map(|areas| count_operations(&areas, None));
        let (generated, per_line) = match (lines("generated.rs"), lines("generated_mock.rs")) {
            (Some(client), Some(mock)) => (
                format!("{client} (+{mock})"),
                ops.map_or("-".into(), |o| format!("{}", client / o.max(1))),
            ),
            _ => ("(hand-written)".into(), "-".into()),
        };
        let debug = build_time(root, krate, false, None)?;
        let release = build_time(root, krate, true, None)?;
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
            "| {krate} | {} | {generated} | {per_line} | {debug} | {release} | {} / {} | {} |",
            ops.map_or("-".into(), |o| o.to_string()),
            per_op(&debug, ops),
            per_op(&release, ops),
            deps.len().saturating_sub(1)
        );
    }
    table.push_str(
        "\n| one area | operations (area + always compiled) | clean build, debug | clean build, release |\n|---|---:|---:|---:|\n",
    );
    for (krate, area) in ONE_AREA.iter().copied().filter(|(k, _)| selected(k)) {
        let debug = build_time(root, krate, false, Some(area))?;
        let release = build_time(root, krate, true, Some(area))?;
        let areas = spec_areas(root, krate)?;
        let ops = count_operations(&areas, Some(area))
            + count_operations(&areas, Some(crate::model::areas::ALWAYS));
        let _ = writeln!(
            table,
            "| {krate} `--no-default-features --features {area}` | {ops} | {debug} | {release} |"
        );
    }
    Ok(table)
}

/// `build-cost --every-area CRATE`: the build of each API area of one SDK crate alone (debug
/// and release), the table a user reads to choose features.
pub fn every_area(root: &Path, krate: &str) -> Result<String, String> {
    let mut table = format!(
        "| {krate}, one area alone | operations (area + always compiled) | clean build, debug | clean build, release |\n|---|---:|---:|---:|\n"
    );
    let areas = spec_areas(root, krate)?;
    let always = count_operations(&areas, Some(crate::model::areas::ALWAYS));
    for area in &areas.areas {
        let debug = build_time(root, krate, false, Some(area))?;
        let release = build_time(root, krate, true, Some(area))?;
        let ops = count_operations(&areas, Some(area)) + always;
        let _ = writeln!(table, "| `{area}` | {ops} | {debug} | {release} |");
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
    Ok(format!("\nBuild cost\n\n{}", build_cost(root, &[])?))
}
