//! API areas: the cargo features an SDK is split into.
//!
//! An area is declared in the spec, on each entry of the top-level `tags:` list
//! (`{name: mtrees, x-area: mtrees, ...}`); several tags may share one area. An operation belongs
//! to the area of its (first) tag. The value [`ALWAYS`] marks tags whose operations are compiled
//! in every build, with no feature (the login and task endpoints every client needs).
//!
//! This module is the model (areas of a spec, area of each operation); `lint::areas` holds its
//! rules, `rewrite::cfg` puts the `#[cfg(feature = ...)]` attributes on the generated code, and
//! `emit::features` keeps each SDK's `Cargo.toml` `[features]` equal to the spec's areas.

use std::collections::BTreeMap;

use openapiv3::OpenAPI;

use crate::model::Operation;

/// The `x-area` value of tags that belong to no feature (always compiled).
pub const ALWAYS: &str = "always";

/// The areas of one spec.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Areas {
    /// Every area (feature) in order of first declaration, without [`ALWAYS`].
    pub areas: Vec<String>,
    /// The tags of each area, in declaration order.
    pub tags: BTreeMap<String, Vec<String>>,
    /// Area of each operation by `operationId`; `None` for an always-compiled operation.
    pub operations: BTreeMap<String, Option<String>>,
    /// Every tag of the top-level `tags:` list with its `x-area` (when it is a string), in
    /// declaration order.
    pub declared: Vec<(String, Option<String>)>,
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

/// Reads the areas of a spec and the area of each of its `operations`. Lint first: undeclared
/// tags and tags without an area are skipped.
pub fn read(spec: &OpenAPI, operations: &[Operation<'_>]) -> Areas {
    let mut out = Areas {
        declared: tag_areas(spec),
        ..Areas::default()
    };
    let mut by_tag = BTreeMap::new();
    for (tag, area) in out.declared.clone() {
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
    for op in operations {
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
