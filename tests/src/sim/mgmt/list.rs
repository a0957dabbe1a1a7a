//! Lists as the console answers them: `filter=` conditions (same field: union; different
//! fields: intersection), `keyword`, `sort` with several keys, `offset`/`limit` and HEAD counts.

use std::cmp::Ordering as CmpOrdering;
use std::collections::HashSet;

use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::{query_pairs, query_value};
use super::{Shared, error};

/// One condition of a `filter=` parameter.
struct Condition {
    field: String,
    op: &'static str,
    value: String,
}

fn parse_condition(text: &str) -> Option<Condition> {
    let (field, rest) = text.split_once(':')?;
    ["==", "=|", ">=", "<=", "!="].into_iter().find_map(|op| {
        rest.strip_prefix(op).map(|value| Condition {
            field: field.to_string(),
            op,
            value: value.to_string(),
        })
    })
}

fn compare(actual: &Value, wanted: &str) -> Option<CmpOrdering> {
    match actual {
        Value::Number(n) => Some(n.as_f64()?.partial_cmp(&wanted.parse::<f64>().ok()?)?),
        Value::String(s) => Some(s.as_str().cmp(wanted)),
        Value::Bool(b) => Some(b.to_string().as_str().cmp(wanted)),
        _ => None,
    }
}

fn matches(item: &Value, c: &Condition) -> bool {
    let actual = &item[&c.field];
    match c.op {
        "==" => compare(actual, &c.value) == Some(CmpOrdering::Equal),
        "!=" => compare(actual, &c.value) != Some(CmpOrdering::Equal),
        ">=" => matches!(
            compare(actual, &c.value),
            Some(CmpOrdering::Greater | CmpOrdering::Equal)
        ),
        "<=" => matches!(
            compare(actual, &c.value),
            Some(CmpOrdering::Less | CmpOrdering::Equal)
        ),
        _ => actual
            .as_str()
            .is_some_and(|s| s.to_lowercase().contains(&c.value.to_lowercase())),
    }
}

/// Filters (same field: union; different fields: intersection), sorts, pages or counts.
pub(super) fn list(sim: &Shared, head: bool, uri: &Uri, items: &[Value]) -> Response {
    let pairs = query_pairs(uri);
    let mut conditions = Vec::new();
    for (_, text) in pairs.iter().filter(|(k, _)| k == "filter") {
        match parse_condition(text) {
            Some(c) => conditions.push(c),
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    10020,
                    &format!("invalid filter {text:?}"),
                );
            }
        }
    }
    let fields: HashSet<&str> = conditions.iter().map(|c| c.field.as_str()).collect();
    let keyword = query_value(&pairs, "keyword").map(str::to_lowercase);
    let mut selected: Vec<&Value> = items
        .iter()
        .filter(|item| {
            fields.iter().all(|f| {
                conditions
                    .iter()
                    .filter(|c| c.field == *f)
                    .any(|c| matches(item, c))
            })
        })
        .filter(|item| {
            keyword
                .as_ref()
                .is_none_or(|k| item.to_string().to_lowercase().contains(k))
        })
        .collect();
    if head {
        let mut response = StatusCode::NO_CONTENT.into_response();
        response
            .headers_mut()
            .insert("Actifio-Count", HeaderValue::from(selected.len()));
        return response;
    }
    if let Some(sort) = query_value(&pairs, "sort") {
        let keys: Vec<(String, bool)> = sort
            .split(',')
            .map(|k| match k.split_once(':') {
                Some((f, dir)) => (f.to_string(), dir == "desc"),
                None => (k.to_string(), false),
            })
            .collect();
        selected.sort_by(|a, b| {
            keys.iter()
                .map(|(f, desc)| {
                    let o = compare(
                        &a[f],
                        b[f].as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| b[f].to_string())
                            .as_str(),
                    )
                    .unwrap_or(CmpOrdering::Equal);
                    if *desc { o.reverse() } else { o }
                })
                .find(|o| *o != CmpOrdering::Equal)
                .unwrap_or(CmpOrdering::Equal)
        });
    }
    let number = |name: &str, default: usize| {
        query_value(&pairs, name)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let offset = number("offset", 0).min(selected.len());
    let limit = number("limit", sim.config.max_limit).min(sim.config.max_limit);
    let page: Vec<&Value> = selected.into_iter().skip(offset).take(limit).collect();
    super::super::json(StatusCode::OK, json!({"count": page.len(), "items": page}))
}
