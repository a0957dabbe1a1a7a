//! `cargo xtask generate` writes the SDK crates' generated code from `specs/*.yaml`;
//! `cargo xtask check` fails when a spec breaks a lint rule or the committed code is stale.

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <generate|check|check-areas> [SPEC...] | audit | bench | build-cost

  generate   lint every spec, then (re)write the generated code of every SDK crate
  check      lint every spec and fail if any committed generated file differs from a fresh generation

  check-areas  `cargo check` each SDK with no area, then with each API area alone (and `mock`)

  SPEC limits the work to the specs whose path contains it, e.g. `cargo xtask generate ddmc`.

  audit --against <vendor document> [--spec specs/<x>.yaml]
             compare a spec with a vendor's OpenAPI document (3.0 or 3.1, JSON or YAML): operations,
             parameters and success-body fields missing on either side, other types and enums
  audit --all  write one report per document of ../shared/research/vendor-specs to specs/audit/

  bench      run every benchmark (criterion and memory, `cargo bench -p sdk-tests`), then build-cost
  build-cost [CRATE...]  generated lines, clean build times (debug, release) and dependency count
             per SDK crate, then the build of one API area of each SDK
  build-cost --every-area CRATE  the build of each API area of one SDK crate alone";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::workspace_root();
    let result = match (
        args.first().map(String::as_str),
        xtask::select_targets(args.get(1..).unwrap_or_default()),
    ) {
        (Some("generate"), Ok(targets)) => xtask::generate(&root, &targets),
        (Some("check"), Ok(targets)) => xtask::check(&root, &targets),
        (Some("check-areas"), Ok(targets)) => {
            xtask::tools::area_builds::check_areas(&root, &targets)
        }
        (Some("generate" | "check" | "check-areas"), Err(err)) => Err(err),
        (Some("audit"), _) => xtask::tools::audit::run(&root, &args[1..]),
        (Some("bench"), _) if args.len() == 1 => xtask::tools::bench::run(&root),
        (Some("build-cost"), _) if args.get(1).map(String::as_str) == Some("--every-area") => {
            match args.get(2..) {
                Some([krate]) => xtask::tools::bench::every_area(&root, krate),
                _ => Err(
                    "usage: cargo xtask build-cost --every-area <ddmc-sdk|mgmt-sdk|druva-sdk>"
                        .into(),
                ),
            }
        }
        (Some("build-cost"), _) => xtask::tools::bench::build_cost(&root, &args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
