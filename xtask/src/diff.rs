//! What `cargo xtask check` prints for a stale file: a unified diff from the committed content to
//! a fresh generation (`-` committed, `+` generated, `@@` hunk headers, three lines of context),
//! bounded so that a spec change that touches thousands of generated lines stays readable.

use std::fmt::Write as _;
use std::time::Duration;

use similar::{ChangeTag, TextDiff};

/// Most diff lines (hunk headers, context and changes) printed per file; the changed lines past
/// it are only counted.
pub const MAX_LINES: usize = 200;

/// The unified diff from `committed` to `fresh` for the file `path`, at most `max_lines` lines
/// after the `---`/`+++` header, then `... N more changed lines` when some were left out; `None`
/// when the two are equal.
pub fn unified(path: &str, committed: &str, fresh: &str, max_lines: usize) -> Option<String> {
    if committed == fresh {
        return None;
    }
    // A bound on the search: past it the diff is still correct, only less minimal.
    let diff = TextDiff::configure()
        .timeout(Duration::from_secs(5))
        .diff_lines(committed, fresh);
    let mut out = String::new();
    let what = if committed.is_empty() {
        "committed: missing or empty"
    } else {
        "committed"
    };
    let _ = writeln!(out, "--- {path} ({what})");
    let _ = writeln!(out, "+++ {path} (generated)");
    let mut shown = 0;
    let mut hidden = 0;
    for hunk in diff.unified_diff().context_radius(3).iter_hunks() {
        if shown < max_lines {
            let _ = writeln!(out, "{}", hunk.header());
            shown += 1;
        }
        for change in hunk.iter_changes() {
            let sign = match change.tag() {
                ChangeTag::Delete => '-',
                ChangeTag::Insert => '+',
                ChangeTag::Equal => ' ',
            };
            if shown < max_lines {
                out.push(sign);
                out.push_str(change.value().strip_suffix('\n').unwrap_or(change.value()));
                out.push('\n');
                if change.missing_newline() {
                    out.push_str("\\ No newline at end of file\n");
                }
                shown += 1;
            } else if change.tag() != ChangeTag::Equal {
                hidden += 1;
            }
        }
    }
    if hidden > 0 {
        let _ = writeln!(out, "... {hidden} more changed lines");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_texts_have_no_diff() {
        assert_eq!(unified("f.rs", "a\nb\n", "a\nb\n", MAX_LINES), None);
    }

    #[test]
    fn a_changed_line_is_minus_old_plus_new_under_a_hunk_header() {
        let committed = "one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\n";
        let fresh = "one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\n";
        let diff = unified("crates/x/src/generated.rs", committed, fresh, MAX_LINES).unwrap();
        assert_eq!(
            diff,
            "--- crates/x/src/generated.rs (committed)\n\
             +++ crates/x/src/generated.rs (generated)\n\
             @@ -2,7 +2,7 @@\n two\n three\n four\n-five\n+FIVE\n six\n seven\n eight\n"
        );
    }

    #[test]
    fn a_missing_file_is_said_and_a_missing_final_newline_marked() {
        let diff = unified("a.rs", "", "x\ny", MAX_LINES).unwrap();
        assert!(
            diff.starts_with("--- a.rs (committed: missing or empty)\n"),
            "{diff}"
        );
        assert!(
            diff.ends_with("+x\n+y\n\\ No newline at end of file\n"),
            "{diff}"
        );
    }

    #[test]
    fn the_output_is_bounded_and_counts_what_it_leaves_out() {
        let committed: String = (0..1000).map(|i| format!("line {i}\n")).collect();
        let fresh: String = (0..1000).map(|i| format!("LINE {i}\n")).collect();
        let diff = unified("big.rs", &committed, &fresh, 50).unwrap();
        let lines: Vec<&str> = diff.lines().collect();
        // The two file headers, 50 diff lines, the count.
        assert_eq!(lines.len(), 53, "{diff}");
        assert_eq!(lines[2], "@@ -1,1000 +1,1000 @@");
        assert_eq!(lines[3], "-line 0");
        // 49 of the 2000 changed lines were shown.
        assert_eq!(lines[52], "... 1951 more changed lines");
    }
}
