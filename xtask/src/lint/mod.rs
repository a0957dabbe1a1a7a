//! The lint: rules over the [`Model`] (and the raw YAML where a rule needs what openapiv3 drops)
//! that a spec must pass before progenitor sees it. Each problem names the operation (or `tag`,
//! or `document` with a JSON pointer) and the rule.
//!
//! The rules: progenitor's needs (it panics, errors or emits code that does not compile
//! otherwise: OpenAPI 3.0, `operationId`s, no TRACE or cookie parameters, one request media
//! type, one success and one error body type...), the problems [`Model::read`] kept for every
//! extension that does not read (`options`, `x-pagination`, `x-safe-to-retry`,
//! `x-count-header`), the areas ([`areas`]), `field-names` and `password` (below), and on the raw
//! YAML: `openapi-keys` ([`lint_keys`]), `x-lenient` ([`lenient`]) and `x-rust-name`
//! ([`rust_names`]).

pub mod areas;
pub mod lenient;
mod openapi_keys;
pub mod placement;
pub mod rust_names;

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use openapiv3::{OpenAPI, ParameterSchemaOrContent, ReferenceOr};

pub use crate::model::Problem;
use crate::model::fields::rust_name_of;
use crate::model::spec::{self, Op};
use crate::model::{Model, Operation};

/// Every rule on `model` and on the spec's raw `yaml`: `Ok` when the spec passes, else one error
/// listing every problem (named after `spec_name`).
pub fn check(spec_name: &str, yaml: &str, model: &Model<'_>) -> Result<(), String> {
    let document: yaml_serde::Value =
        yaml_serde::from_str(yaml).map_err(|e| format!("{spec_name}: not YAML: {e}"))?;
    let mut problems = keys(&document);
    problems.extend(lint(model));
    problems.extend(lenient::lint(&document, model));
    problems.extend(rust_names::lint(&document, model));
    if problems.is_empty() {
        return Ok(());
    }
    let mut msg = format!("{spec_name} breaks {} rule(s):", problems.len());
    for p in &problems {
        let _ = write!(msg, "\n  - {p}");
    }
    Err(msg)
}

/// The `openapi-keys` rule on the raw YAML text of a spec: one problem per key that OpenAPI
/// 3.0.3 does not define where it stands (openapiv3 would drop it silently), named by its JSON
/// pointer. Fails only when the text is not YAML.
pub fn lint_keys(yaml: &str) -> Result<Vec<Problem>, String> {
    let document: yaml_serde::Value =
        yaml_serde::from_str(yaml).map_err(|e| format!("not YAML: {e}"))?;
    Ok(keys(&document))
}

/// The `openapi-keys` rule on the YAML document.
fn keys(document: &yaml_serde::Value) -> Vec<Problem> {
    openapi_keys::stray_keys(document)
        .into_iter()
        .map(|stray| Problem {
            operation: "document".into(),
            rule: "openapi-keys",
            detail: format!(
                "`{}`: not a field of the {} object in OpenAPI 3.0.3 (extensions start with `x-`; \
                 quote a value that contains `, ` or `: ` in flow style)",
                stray.pointer, stray.object
            ),
        })
        .collect()
}

/// Checks every rule on the model and returns all problems found (empty when the spec is fine).
/// [`check`] adds the rules that need the raw text.
pub fn lint(model: &Model<'_>) -> Vec<Problem> {
    let spec = model.spec;
    let mut problems = Vec::new();
    if !spec.openapi.starts_with("3.0.") {
        problems.push(Problem {
            operation: "document".into(),
            rule: "openapi-3.0",
            detail: format!(
                "`openapi: {}`: progenitor reads OpenAPI 3.0.x only",
                spec.openapi
            ),
        });
    }
    // `x-count-header`.
    problems.extend(model.problems.iter().cloned());
    problems.extend(areas::lint(model));
    problems.extend(field_names(spec));
    let mut seen: HashMap<String, String> = HashMap::new();
    for operation in &model.operations {
        let op = operation.as_op();
        let mut push = |rule: &'static str, detail: String| {
            problems.push(Problem {
                operation: op.name(),
                rule,
                detail,
            });
        };
        match &op.op.operation_id {
            None => push(
                "operation-id",
                format!("{} {} has no operationId", op.method, op.path),
            ),
            Some(id) => {
                if id.is_empty()
                    || id
                        .chars()
                        .any(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
                {
                    push(
                        "operation-id",
                        format!("operationId `{id}` is not snake_case"),
                    );
                }
                let here = format!("{} {}", op.method, op.path);
                if let Some(first) = seen.insert(id.clone(), here.clone()) {
                    push(
                        "operation-id",
                        format!("operationId `{id}` is used by both {first} and {here}"),
                    );
                }
            }
        }
        if op.method == "TRACE" {
            push(
                "no-trace",
                "TRACE operations cannot be generated (progenitor's code calls a method reqwest lacks)".into(),
            );
        }
        // progenitor cannot compile OPTIONS; the xtask generates them, in a narrower shape.
        extension_problems(operation, "options", &mut push);
        lint_parameters(spec, &op, &mut push);
        lint_bodies(spec, &op, &mut push);
        extension_problems(operation, "x-pagination", &mut push);
        extension_problems(operation, "x-safe-to-retry", &mut push);
    }
    problems
}

/// The problems [`Model::read`] kept for extension `rule` of `operation`.
fn extension_problems(
    operation: &Operation<'_>,
    rule: &'static str,
    push: &mut impl FnMut(&'static str, String),
) {
    for p in operation.problems_of(rule) {
        push(rule, p.detail.clone());
    }
}

fn lint_parameters(spec: &OpenAPI, op: &Op<'_>, push: &mut impl FnMut(&'static str, String)) {
    for p in &op.op.parameters {
        match spec::parameter(spec, p) {
            None => push("parameter", "a parameter `$ref` does not resolve".into()),
            Some(openapiv3::Parameter::Cookie { parameter_data, .. }) => push(
                "no-cookie-parameter",
                format!(
                    "cookie parameter `{}`: progenitor does not support cookie parameters",
                    parameter_data.name
                ),
            ),
            Some(p) => {
                if let ParameterSchemaOrContent::Content(_) = p.parameter_data_ref().format {
                    push(
                        "parameter",
                        format!(
                            "parameter `{}` uses `content`; give it a `schema`",
                            p.parameter_data_ref().name
                        ),
                    );
                }
            }
        }
    }
}

fn lint_bodies(spec: &OpenAPI, op: &Op<'_>, push: &mut impl FnMut(&'static str, String)) {
    if let Some(body) = &op.op.request_body {
        match spec::request_body(spec, body) {
            None => push(
                "request-body",
                "the request body `$ref` does not resolve".into(),
            ),
            Some(body) => {
                if body.content.len() > 1 {
                    let types: Vec<_> = body.content.keys().cloned().collect();
                    push(
                        "one-request-media-type",
                        format!(
                            "request body has {} media types ({}); progenitor takes exactly one",
                            types.len(),
                            types.join(", ")
                        ),
                    );
                }
                if body.content.keys().any(|m| m.starts_with("multipart/")) {
                    push(
                        "one-request-media-type",
                        "multipart/form-data request bodies are not supported by progenitor".into(),
                    );
                }
            }
        }
    }
    let (success, error) = spec::responses_by_class(op.op);
    let identity = |list: &[(String, &ReferenceOr<openapiv3::Response>)]| -> Result<BTreeSet<Option<String>>, String> {
        let mut set = BTreeSet::new();
        for (code, r) in list {
            let r = spec::response(spec, r).ok_or_else(|| format!("response {code} `$ref` does not resolve"))?;
            if r.content.len() > 1 {
                return Err(format!("response {code} has {} media types; keep one", r.content.len()));
            }
            set.insert(spec::body_identity(&r.content));
        }
        Ok(set)
    };
    let success_types = identity(&success);
    let error_types = identity(&error);
    match &success_types {
        Err(detail) => push("one-success-type", detail.clone()),
        Ok(set) if set.len() > 1 => push(
            "one-success-type",
            format!(
                "success responses {} have {} different body types ({}); progenitor allows one",
                codes(&success),
                set.len(),
                describe(set)
            ),
        ),
        Ok(_) => {}
    }
    match &error_types {
        Err(detail) => push("one-error-type", detail.clone()),
        Ok(set) if set.len() > 1 => push(
            "one-error-type",
            format!(
                "error responses {} have {} different body types ({}); progenitor allows one",
                codes(&error),
                set.len(),
                describe(set)
            ),
        ),
        Ok(_) => {}
    }
    if let Some(default) = &op.op.responses.default {
        let default_type = spec::response(spec, default).map(|r| spec::body_identity(&r.content));
        let same_as = |set: &Result<BTreeSet<Option<String>>, String>| match (set, &default_type) {
            (Ok(s), Some(t)) => s.is_empty() || (s.len() == 1 && s.contains(t)),
            _ => false,
        };
        if !(same_as(&success_types) && same_as(&error_types)) {
            push(
                "no-default-with-other-schema",
                "a `default` response counts as both success and error for progenitor; its body must match both (use '4XX'/'5XX' instead)".into(),
            );
        }
    }
}

fn codes(list: &[(String, &ReferenceOr<openapiv3::Response>)]) -> String {
    list.iter()
        .map(|(c, _)| c.as_str())
        .collect::<Vec<_>>()
        .join("/")
}

fn describe(set: &BTreeSet<Option<String>>) -> String {
    set.iter()
        .map(|t| t.clone().unwrap_or_else(|| "no body".to_string()))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// The `field-names` rule: no two properties of one object schema may become the same Rust
/// field (`userId` and `userID` are both `user_id`); typify would emit a struct that does not
/// compile. Every component schema is walked, with the objects nested in it. The same walk checks
/// the `password` rule: a `format: password` string is exactly `{type: string, format: password}`
/// (what `emit::progenitor::settings` converts into `sdk_auth::Password`).
fn field_names(spec: &OpenAPI) -> Vec<Problem> {
    let mut problems = Vec::new();
    if let Some(components) = &spec.components {
        for (name, schema) in &components.schemas {
            if let ReferenceOr::Item(schema) = schema {
                field_names_in(
                    schema,
                    &format!("/components/schemas/{name}"),
                    &mut problems,
                );
            }
        }
    }
    problems
}

fn field_names_in(schema: &openapiv3::Schema, at: &str, problems: &mut Vec<Problem>) {
    use heck::ToSnakeCase;
    use openapiv3::{SchemaKind, Type};
    let walk = |s: &ReferenceOr<Box<openapiv3::Schema>>, at: String, p: &mut Vec<Problem>| {
        if let ReferenceOr::Item(s) = s {
            field_names_in(s, &at, p);
        }
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => {
            let mut fields: HashMap<String, &str> = HashMap::new();
            for (property, inner) in &object.properties {
                // As typify names them: snake case, and `_` after a Rust keyword, so `@type`
                // and `type` are both `type_`.
                let snake = match inner {
                    ReferenceOr::Item(s) => {
                        rust_name_of(s).map_or_else(|| property.to_snake_case(), str::to_string)
                    }
                    ReferenceOr::Reference { .. } => property.to_snake_case(),
                };
                let field = if syn::parse_str::<syn::Ident>(&snake).is_err() {
                    format!("{snake}_")
                } else {
                    snake
                };
                if let Some(first) = fields.insert(field.clone(), property) {
                    problems.push(Problem {
                        operation: "document".into(),
                        rule: "field-names",
                        detail: format!(
                            "`{at}`: properties `{first}` and `{property}` would both be the Rust field `{field}`; \
                             give one an `x-rust-name`"
                        ),
                    });
                }
                walk(inner, format!("{at}/properties/{property}"), problems);
            }
            if let Some(openapiv3::AdditionalProperties::Schema(inner)) =
                &object.additional_properties
                && let ReferenceOr::Item(inner) = inner.as_ref()
            {
                field_names_in(inner, &format!("{at}/additionalProperties"), problems);
            }
        }
        SchemaKind::Type(Type::Array(array)) => {
            if let Some(items) = &array.items {
                walk(items, format!("{at}/items"), problems);
            }
        }
        SchemaKind::AllOf { all_of: list }
        | SchemaKind::OneOf { one_of: list }
        | SchemaKind::AnyOf { any_of: list } => {
            for (i, s) in list.iter().enumerate() {
                if let ReferenceOr::Item(s) = s {
                    field_names_in(s, &format!("{at}/{i}"), problems);
                }
            }
        }
        SchemaKind::Type(Type::String(string)) => {
            let password = spec::is_password(string);
            let plain = string.pattern.is_none()
                && string.enumeration.is_empty()
                && string.min_length.is_none()
                && string.max_length.is_none()
                && !schema.schema_data.nullable
                && schema.schema_data.extensions.is_empty();
            if password && !plain {
                problems.push(Problem {
                    operation: "document".into(),
                    rule: "password",
                    detail: format!(
                        "`{at}`: a `format: password` string with a pattern, enum, length, \
                         `nullable` or extension would stay a plain `String` (its value shown by \
                         `Debug`); keep only `type`, `format` and the description"
                    ),
                });
            }
        }
        _ => {}
    }
}
