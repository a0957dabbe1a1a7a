//! Schemas that are another schema under a second name.
//!
//! A component schema that is only a `$ref` (`JobStatusRest: {$ref: '#/components/schemas/JobRest'}`)
//! says the API has one type under two names. typify would make it a newtype with its own
//! decoder; instead [`resolve`] points every reference to the alias at its target before
//! anything else reads the spec, and `rewrite::aliases` writes `pub type JobStatusRest = JobRest;`
//! beside the target. The name, the fields, struct literals and builders work as before, and the
//! decoder of the type is compiled once (build cost, BENCHMARKS.md).

use openapiv3::{OpenAPI, ReferenceOr};

const PREFIX: &str = "#/components/schemas/";

/// One schema name that is another schema.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The second name (`JobStatusRest`).
    pub name: String,
    /// The schema it is (`JobRest`), itself never an alias.
    pub target: String,
}

/// Finds the aliases of `spec`, removes them from its schemas and points every reference to
/// one at its target. Errors name an alias whose reference is not a component schema or that
/// refers to itself through other aliases.
pub fn resolve(spec: OpenAPI) -> Result<(OpenAPI, Vec<Alias>), String> {
    let Some(components) = &spec.components else {
        return Ok((spec, Vec::new()));
    };
    let direct: Vec<(String, String)> = components
        .schemas
        .iter()
        .filter_map(|(name, schema)| match schema {
            ReferenceOr::Reference { reference } => Some((name.clone(), reference.clone())),
            ReferenceOr::Item(_) => None,
        })
        .collect();
    if direct.is_empty() {
        return Ok((spec, Vec::new()));
    }
    let mut aliases = Vec::new();
    for (name, reference) in &direct {
        let mut target = reference.as_str();
        let mut hops = 0;
        loop {
            let Some(next) = target.strip_prefix(PREFIX) else {
                return Err(format!(
                    "schema `{name}` is a `$ref` to `{reference}`, which is not a component schema"
                ));
            };
            match components.schemas.get(next) {
                None => {
                    return Err(format!(
                        "schema `{name}` is a `$ref` to `{reference}`, which does not exist"
                    ));
                }
                Some(ReferenceOr::Reference { reference }) if hops < direct.len() => {
                    target = reference;
                    hops += 1;
                }
                Some(ReferenceOr::Reference { .. }) => {
                    return Err(format!(
                        "schema `{name}` is a `$ref` that comes back to itself through other `$ref` schemas"
                    ));
                }
                Some(ReferenceOr::Item(_)) => {
                    aliases.push(Alias {
                        name: name.clone(),
                        target: next.to_string(),
                    });
                    break;
                }
            }
        }
    }
    // Through a YAML value, whose mappings keep their order (a JSON value's would be sorted,
    // which would reorder the generated code).
    let mut value =
        yaml_serde::to_value(&spec).map_err(|e| format!("cannot re-encode the spec: {e}"))?;
    if let Some(schemas) = value
        .get_mut("components")
        .and_then(|c| c.get_mut("schemas"))
        .and_then(yaml_serde::Value::as_mapping_mut)
    {
        for alias in &aliases {
            schemas.remove(alias.name.as_str());
        }
    }
    retarget(&mut value, &aliases);
    let spec =
        yaml_serde::from_value(value).map_err(|e| format!("cannot re-read the spec: {e}"))?;
    Ok((spec, aliases))
}

/// Points every `$ref` to an alias at the alias's target.
fn retarget(value: &mut yaml_serde::Value, aliases: &[Alias]) {
    match value {
        yaml_serde::Value::Mapping(map) => {
            for (key, v) in map.iter_mut() {
                if key.as_str() == Some("$ref")
                    && let yaml_serde::Value::String(r) = v
                    && let Some(alias) = r
                        .strip_prefix(PREFIX)
                        .and_then(|n| aliases.iter().find(|a| a.name == n))
                {
                    *r = format!("{PREFIX}{}", alias.target);
                } else {
                    retarget(v, aliases);
                }
            }
        }
        yaml_serde::Value::Sequence(items) => items.iter_mut().for_each(|v| retarget(v, aliases)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(schemas: &str) -> OpenAPI {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /jobs:\n    get:\n      operationId: list\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Status'}}\ncomponents:\n  schemas:\n{schemas}"
        );
        yaml_serde::from_str(&yaml).expect("test spec")
    }

    #[test]
    fn references_to_an_alias_point_at_its_target_and_the_alias_is_removed() {
        let (spec, aliases) = resolve(spec(
            "    Job: {type: object, properties: {id: {type: string}}}\n    Status: {$ref: '#/components/schemas/Again'}\n    Again: {$ref: '#/components/schemas/Job'}\n",
        ))
        .expect("resolves");
        assert_eq!(
            aliases,
            vec![
                Alias {
                    name: "Status".into(),
                    target: "Job".into()
                },
                Alias {
                    name: "Again".into(),
                    target: "Job".into()
                },
            ]
        );
        let schemas = &spec.components.as_ref().expect("components").schemas;
        assert_eq!(schemas.keys().collect::<Vec<_>>(), ["Job"]);
        let text = serde_json::to_string(&spec.paths).expect("json");
        assert!(text.contains("#/components/schemas/Job"), "{text}");
        assert!(!text.contains("Status"), "{text}");
    }

    #[test]
    fn a_missing_target_or_a_cycle_is_refused_by_name() {
        let err = resolve(spec("    Status: {$ref: '#/components/schemas/Nowhere'}\n"))
            .expect_err("missing");
        assert!(
            err.contains("`Status`") && err.contains("does not exist"),
            "{err}"
        );
        let err = resolve(spec(
            "    Status: {$ref: '#/components/schemas/Again'}\n    Again: {$ref: '#/components/schemas/Status'}\n",
        ))
        .expect_err("cycle");
        assert!(err.contains("comes back to itself"), "{err}");
    }
}
