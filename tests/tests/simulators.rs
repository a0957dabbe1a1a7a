//! `cargo run --bin simulators`: prints the variables that point `dp` at three running
//! simulators, which answer while it serves.

use std::io::BufRead;
use std::process::{Command, Stdio};

#[test]
fn the_binary_prints_the_variables_and_serves() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_simulators"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts");
    let stdout = child.stdout.take().expect("stdout");
    let lines: Vec<String> = std::io::BufReader::new(stdout)
        .lines()
        .take(4)
        .map(|l| l.expect("a line"))
        .collect();
    let names: Vec<&str> = lines
        .iter()
        .map(|l| l.split_once('=').expect("NAME=value").0)
        .collect();
    assert_eq!(
        names,
        [
            "DP_CONFIG",
            "DP_SIM_DDMC_SECRET",
            "DP_SIM_MGMT_SECRET",
            "DP_SIM_DRUVA_SECRET"
        ]
    );
    let config = std::fs::read_to_string(lines[0].split_once('=').unwrap().1).expect("config");
    let url = config
        .lines()
        .find_map(|l| l.strip_prefix("url = \""))
        .and_then(|u| u.strip_suffix('"'))
        .expect("a profile URL")
        .to_string();
    // The DDMC simulator accepts connections while the binary serves.
    let addr = url
        .strip_prefix("http://")
        .expect("a loopback URL")
        .to_string();
    let connected = std::net::TcpStream::connect(&addr).is_ok();
    let _ = child.kill();
    let _ = child.wait();
    let config_path = std::path::PathBuf::from(lines[0].split_once('=').unwrap().1);
    if let Some(dir) = config_path.parent() {
        let _ = std::fs::remove_dir_all(dir); // the binary was killed before its own clean-up
    }
    assert!(connected, "{addr} accepts connections");
}

#[test]
fn help_explains_and_unknown_arguments_are_refused_without_serving() {
    let help = Command::new(env!("CARGO_BIN_EXE_simulators"))
        .arg("--help")
        .output()
        .expect("runs");
    assert!(help.status.success(), "{help:?}");
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(text.contains("serves until Ctrl-C"), "{text}");
    assert!(text.contains("DP_CONFIG"), "{text}");
    assert!(
        !text.contains("DP_SIM_"),
        "--help printed variables: {text}"
    );
    let unknown = Command::new(env!("CARGO_BIN_EXE_simulators"))
        .arg("--port")
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2), "{unknown:?}");
    assert!(String::from_utf8_lossy(&unknown.stdout).is_empty());
}
