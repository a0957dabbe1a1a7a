//! `dp`: see the crate README or `dp --help`.

fn main() -> std::process::ExitCode {
    dp_cli::main()
}
