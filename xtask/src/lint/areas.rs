//! The `x-area` rule: every declared tag names its API area (a usable cargo feature name, or
//! `always`), every operation's tag is declared.

use crate::model::areas::ALWAYS;
use crate::model::{Model, Problem};

/// Feature names an area may not take (they are the crates' own features).
const RESERVED: &[&str] = &["default", "mock", "schemars", "export", "google-auth"];

/// The area rules: every declared tag names its area (a feature-like name), every operation's
/// tag is declared. A spec that declares no tags and tags no operation has no areas.
pub fn lint(model: &Model<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let declared = &model.areas.declared;
    for (tag, area) in declared {
        match area {
            None => problems.push(Problem {
                operation: format!("tag `{tag}`"),
                rule: "x-area",
                detail: format!(
                    "tag `{tag}` has no `x-area`: name the API area (cargo feature) it belongs to, or `{ALWAYS}`"
                ),
            }),
            Some(area) => {
                let well_formed = !area.is_empty()
                    && area.starts_with(|c: char| c.is_ascii_lowercase())
                    && area
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
                if !well_formed || RESERVED.contains(&area.as_str()) {
                    problems.push(Problem {
                        operation: format!("tag `{tag}`"),
                        rule: "x-area",
                        detail: format!(
                            "`x-area: {area}` is not a usable feature name (lower-case kebab-case, not one of {})",
                            RESERVED.join(", ")
                        ),
                    });
                }
            }
        }
    }
    let names: Vec<&str> = declared.iter().map(|(t, _)| t.as_str()).collect();
    for op in &model.operations {
        match op.op.tags.first() {
            None if !names.is_empty() => problems.push(Problem {
                operation: op.name(),
                rule: "x-area",
                detail: "the operation has no tag, so no API area".into(),
            }),
            Some(tag) if !names.contains(&tag.as_str()) => problems.push(Problem {
                operation: op.name(),
                rule: "x-area",
                detail: format!(
                    "tag `{tag}` is not declared in the top-level `tags:` list (with its `x-area`)"
                ),
            }),
            _ => {}
        }
    }
    problems
}
