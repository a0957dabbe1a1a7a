//! `cargo run --bin simulators`: the three bundled simulators on 127.0.0.1 for the `dp` command
//! line. Prints one `NAME=value` line per variable to export on stdout (and commands to try on
//! stderr) and serves until interrupted.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // `--help` explains and exits; any other argument is refused (it used to be ignored, and the
    // simulators started serving anyway).
    clap::Command::new("simulators")
        .about("Starts the DDMC, console and Druva simulators on 127.0.0.1 and serves until Ctrl-C")
        .long_about(
            "Starts the DDMC, console and Druva simulators on 127.0.0.1 and serves until Ctrl-C.\n\n\
             Prints one NAME=value line per variable on stdout: DP_CONFIG names a config file with \
             the profiles sim-ddmc, sim-mgmt and sim-druva, and the other lines hold the \
             simulators' credentials. Run it in one shell, export its lines in another, then for \
             example: dp -p sim-ddmc ddmc dd-systems list-dd-systems",
        )
        .get_matches();
    let sims = match sdk_tests::simulators::Simulators::start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("simulators: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    let path = std::env::temp_dir()
        .join(format!("dp-simulators-{}", std::process::id()))
        .join("config.toml");
    let env = match sims.write_env(&path) {
        Ok(env) => env,
        Err(e) => {
            eprintln!("simulators: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        for (name, value) in env {
            let _ = writeln!(out, "{name}={value}");
        }
        let _ = out.flush();
    }
    eprintln!("export the lines above in another shell, then for example:");
    eprintln!("  dp -p sim-ddmc ddmc dd-systems list-dd-systems");
    eprintln!("  dp -p sim-mgmt mgmt applications list-applications --count");
    eprintln!("  dp -p sim-druva druva insync list-device-mappings -o csv");
    eprintln!("serving until interrupted (Ctrl-C)");
    let _ = tokio::signal::ctrl_c().await;
    let _ = std::fs::remove_dir_all(path.parent().unwrap_or(&path));
    ExitCode::SUCCESS
}
