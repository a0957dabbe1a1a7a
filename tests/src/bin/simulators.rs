//! `cargo run --bin simulators`: the three bundled simulators on 127.0.0.1 for the `dp` command
//! line. Prints one `NAME=value` line per variable to export on stdout (and commands to try on
//! stderr) and serves until interrupted.

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
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
