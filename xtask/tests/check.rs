//! `cargo xtask check` on a workspace of its own (the fixture target in a temporary folder): up to
//! date after `generate`, and a unified diff of the file once a committed line differs.

use std::path::PathBuf;

/// A temporary workspace holding the fixture spec, removed on drop.
struct Workspace(PathBuf);

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn a_stale_file_is_shown_as_a_bounded_unified_diff() {
    let target = xtask::TARGETS
        .iter()
        .find(|t| t.manifest.is_none())
        .expect("the fixture target");
    let root = Workspace(std::env::temp_dir().join(format!("xtask-check-{}", std::process::id())));
    let spec = root.0.join(target.spec);
    std::fs::create_dir_all(spec.parent().unwrap()).unwrap();
    std::fs::copy(xtask::workspace_root().join(target.spec), &spec).unwrap();

    xtask::generate(&root.0, &[target]).expect("generates");
    let report = xtask::check(&root.0, &[target]).expect("up to date");
    assert!(
        report.contains(&format!("up to date {}", target.client_out)),
        "{report}"
    );

    // One committed line differs from what the spec generates.
    let client = root.0.join(target.client_out);
    let fresh = std::fs::read_to_string(&client).unwrap();
    let line = fresh
        .lines()
        .find(|l| l.contains("pub struct Client"))
        .expect("a Client struct");
    std::fs::write(&client, fresh.replacen(line, "pub struct Edited;", 1)).unwrap();
    let err = xtask::check(&root.0, &[target]).expect_err("stale");
    assert!(
        err.starts_with("generated code is out of date; run `cargo xtask generate`"),
        "{err}"
    );
    assert!(err.contains(&format!("--- {} (committed)", target.client_out)));
    assert!(err.contains(&format!("+++ {} (generated)", target.client_out)));
    assert!(err.contains("\n@@ -"), "{err}");
    assert!(err.contains("\n-pub struct Edited;\n"), "{err}");
    assert!(err.contains(&format!("\n+{line}\n")), "{err}");
    assert!(!err.contains(target.mock_out), "only the stale file: {err}");

    // A file rewritten throughout shows at most `MAX_LINES` diff lines, then a count.
    let shouted: String = fresh.lines().map(|l| format!("{l}!\n")).collect();
    std::fs::write(&client, shouted).unwrap();
    let err = xtask::check(&root.0, &[target]).expect_err("stale");
    let diff_lines = err.lines().skip_while(|l| !l.starts_with("@@")).count();
    assert_eq!(diff_lines, xtask::diff::MAX_LINES + 1, "{err}");
    let last = err.lines().last().unwrap();
    assert!(
        last.starts_with("... ") && last.ends_with(" more changed lines"),
        "{last}"
    );
}
