//! The generated part of each SDK crate's `Cargo.toml` `[features]` table: `default` (every API
//! area) and one feature per area of the spec (`model::areas`), between two marker lines.

use crate::model::areas::Areas;

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
