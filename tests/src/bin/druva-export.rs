//! `cargo run --bin druva-export -- --report epLastBackupStatus --since 2026-01-01 --sqlite estate.db --csv out.csv`

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args = sdk_tests::export::Args::parse();
    match sdk_tests::export::run(&args, &mut std::io::stderr()).await {
        Ok(summary) => {
            print!("{summary}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("druva-export: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
