//! API areas: the cargo features an SDK is split into.
//!
//! An area is declared in the spec, on each entry of the top-level `tags:` list
//! (`{name: mtrees, x-area: mtrees, ...}`); several tags may share one area. An operation belongs
//! to the area of its (first) tag. The value [`ALWAYS`] marks tags whose operations are compiled
//! in every build, with no feature (the login and task endpoints every client needs).
//!
//! This module is the model (areas of a spec, area of each operation) and its lint rules; the
//! `cfg` module puts the `#[cfg(feature = ...)]` attributes on the generated code, and
//! [`manifest_features`] / [`sync_manifest`] keep each SDK's `Cargo.toml` `[features]` equal to
//! the spec's areas.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use crate::lint::Problem;
use crate::model::spec;

/// The `x-area` value of tags that belong to no feature (always compiled).
pub const ALWAYS: &str = "always";

/// Feature names an area may not take (they are the crates' own features).
const RESERVED: &[&str] = &["default", "mock", "schemars", "export", "google-auth"];

/// The areas of one spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Areas {
    /// Every area (feature) in order of first declaration, without [`ALWAYS`].
    pub areas: Vec<String>,
    /// The tags of each area, in declaration order.
    pub tags: BTreeMap<String, Vec<String>>,
    /// Area of each operation by `operationId`; `None` for an always-compiled operation.
    pub operations: BTreeMap<String, Option<String>>,
}

impl Areas {
    /// Whether the spec declares any area (specs without tags, like the lint's test snippets,
    /// have none: everything is compiled).
    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

/// The `x-area` of each declared tag, in declaration order (tags without one are left out).
fn tag_areas(spec: &OpenAPI) -> Vec<(String, Option<String>)> {
    spec.tags
        .iter()
        .map(|t| {
            let area = t
                .extensions
                .get("x-area")
                .and_then(|v| v.as_str())
                .map(str::to_string);
            (t.name.clone(), area)
        })
        .collect()
}

/// Reads the areas of a spec. Lint first: undeclared tags and tags without an area are skipped.
pub fn areas(spec: &OpenAPI) -> Areas {
    let mut out = Areas::default();
    let mut by_tag = BTreeMap::new();
    for (tag, area) in tag_areas(spec) {
        let Some(area) = area else { continue };
        if area != ALWAYS {
            if !out.areas.contains(&area) {
                out.areas.push(area.clone());
            }
            out.tags.entry(area.clone()).or_default().push(tag.clone());
            by_tag.insert(tag, Some(area));
        } else {
            by_tag.insert(tag, None);
        }
    }
    for op in spec::operations(spec) {
        let Some(id) = &op.op.operation_id else {
            continue;
        };
        let area = op
            .op
            .tags
            .first()
            .and_then(|t| by_tag.get(t).cloned())
            .flatten();
        out.operations.insert(id.clone(), area);
    }
    out
}

/// The area rules: every declared tag names its area (a feature-like name), every operation's
/// tag is declared. A spec that declares no tags and tags no operation has no areas.
pub fn lint(spec: &OpenAPI) -> Vec<Problem> {
    let mut problems = Vec::new();
    let declared = tag_areas(spec);
    for (tag, area) in &declared {
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
    for op in spec::operations(spec) {
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

/// First line of the generated part of an SDK's `[features]` table.
pub const BEGIN: &str =
    "# API areas, written by `cargo xtask generate` from the spec's `x-area` tags; do not edit.";
/// Line after the generated part.
pub const END: &str = "# End of the API areas.";

/// The generated lines of the `[features]` table: `default` (every area) and one feature per area.
pub fn manifest_features(spec_name: &str, areas: &Areas) -> String {
    let mut out = format!("{BEGIN}\n# Source: {spec_name}.\n");
    let all: Vec<String> = areas.areas.iter().map(|a| format!("\"{a}\"")).collect();
    out.push_str(&format!("default = [{}]\n", all.join(", ")));
    for area in &areas.areas {
        let tags = areas
            .tags
            .get(area)
            .map(|t| t.join(", "))
            .unwrap_or_default();
        out.push_str(&format!("# tags: {tags}\n{area} = []\n"));
    }
    out.push_str(END);
    out
}

/// `manifest` with its generated `[features]` part replaced by `features`, or an error when the
/// markers are missing.
pub fn sync_manifest(path: &str, manifest: &str, features: &str) -> Result<String, String> {
    let begin = manifest.find(BEGIN).ok_or_else(|| {
        format!("{path} lacks the line `{BEGIN}` in its [features] table (followed by `{END}`)")
    })?;
    let end = manifest[begin..]
        .find(END)
        .map(|e| begin + e + END.len())
        .ok_or_else(|| format!("{path} lacks the line `{END}` after `{BEGIN}`"))?;
    Ok(format!(
        "{}{features}{}",
        &manifest[..begin],
        &manifest[end..]
    ))
}
