//! `cargo run --bin simulators`: the three bundled simulators on 127.0.0.1 for the `dp` command
//! line. Prints one `NAME=value` line per variable to export (then, as `#` comments, commands
//! to try) and serves until interrupted.

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
    for (name, value) in env {
        println!("{name}={value}");
    }
    println!("# export the lines above, then for example:");
    println!("#   dp -p sim-ddmc ddmc dd-systems list-dd-systems");
    println!("#   dp -p sim-mgmt mgmt applications list-applications --count");
    println!("#   dp -p sim-druva druva insync list-device-mappings -o csv");
    println!("# serving until interrupted (Ctrl-C)");
    let _ = tokio::signal::ctrl_c().await;
    let _ = std::fs::remove_dir_all(path.parent().unwrap_or(&path));
    ExitCode::SUCCESS
}
