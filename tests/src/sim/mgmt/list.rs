//! Lists as the console answers them: `filter=` conditions (same field: `==`/`=|` conditions are
//! a union, range bounds all hold; different fields: intersection; operators `==`, `=|`, `>=`, `<=`, `=b`, `!=`; a malformed condition is a
//! 400), `keyword`, `sort` with several keys, `offset`/`limit`, HEAD counts (204 or 200, see
//! [`HeadAnswer`]) and OPTIONS metadata derived from the items.

use std::cmp::Ordering as CmpOrdering;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use axum::http::{HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::super::{query_pairs, query_value};
use super::{Shared, error};

/// A list the simulator serves: its items, and beside each the item's JSON text, made the first
/// time the item is served and kept until the item changes. A page is then the items' texts
/// copied one after the other, so serving a page costs about as much as copying it, and the
/// listing benchmarks measure the client, not the simulator's serializer.
#[derive(Debug, Default)]
pub(super) struct Listed {
    items: Vec<Value>,
    texts: Vec<OnceLock<Box<str>>>,
}

impl Listed {
    /// The item at `index`, to change; its kept text is dropped, so the next page serves the
    /// change.
    ///
    /// # Panics
    /// If `index` is out of bounds, as indexing a slice does.
    pub(super) fn get_mut(&mut self, index: usize) -> &mut Value {
        self.texts[index] = OnceLock::new();
        &mut self.items[index]
    }

    /// Adds an item at the end.
    pub(super) fn push(&mut self, item: Value) {
        self.items.push(item);
        self.texts.push(OnceLock::new());
    }

    /// Removes the item at `index` and returns it.
    ///
    /// # Panics
    /// If `index` is out of bounds, as `Vec::remove` does.
    pub(super) fn remove(&mut self, index: usize) -> Value {
        self.texts.remove(index);
        self.items.remove(index)
    }

    /// The JSON text of the item at `index`.
    fn text(&self, index: usize) -> &str {
        self.texts[index].get_or_init(|| {
            serde_json::to_string(&self.items[index])
                .unwrap_or_else(|_| "null".into())
                .into_boxed_str()
        })
    }
}

impl From<Vec<Value>> for Listed {
    fn from(items: Vec<Value>) -> Self {
        let texts = items.iter().map(|_| OnceLock::new()).collect();
        Self { items, texts }
    }
}

/// An empty list, for routes whose collection may be missing.
impl Default for &Listed {
    fn default() -> Self {
        static EMPTY: Listed = Listed {
            items: Vec::new(),
            texts: Vec::new(),
        };
        &EMPTY
    }
}

impl std::ops::Deref for Listed {
    type Target = [Value];
    fn deref(&self) -> &[Value] {
        &self.items
    }
}

/// One condition of a `filter=` parameter.
struct Condition {
    field: String,
    op: &'static str,
    value: String,
}

/// How the simulated console answers HEAD (count) requests: the V11.0.4 document says 204,
/// the General Concepts document 200; both carry the total in `Actifio-Count`. (The header's
/// letter case cannot be varied here: hyper writes HTTP/1.1 header names in lower case.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadAnswer {
    /// `204 No Content` (the V11.0.4 document).
    NoContent,
    /// `200 OK` with an empty body (General Concepts).
    Ok,
}

fn parse_condition(text: &str) -> Option<Condition> {
    let (field, rest) = text.split_once(':')?;
    if field.is_empty() {
        return None;
    }
    let c = ["==", "=|", ">=", "<=", "=b", "!="]
        .into_iter()
        .find_map(|op| {
            rest.strip_prefix(op).map(|value| Condition {
                field: field.to_string(),
                op,
                value: value.to_string(),
            })
        })?;
    // A bitwise condition needs a number.
    (c.op != "=b" || c.value.parse::<u64>().is_ok()).then_some(c)
}

/// An integer field value, whether the console sent it as a number or as numeric text.
fn as_u64(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str()?.parse().ok())
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
        "=b" => as_u64(actual)
            .zip(c.value.parse::<u64>().ok())
            .is_some_and(|(a, mask)| a & mask != 0),
        _ => actual
            .as_str()
            .is_some_and(|s| s.to_lowercase().contains(&c.value.to_lowercase())),
    }
}

/// Filters (same field: union; different fields: intersection), sorts, pages or counts.
pub(super) fn list(sim: &Shared, head: bool, uri: &Uri, items: &Listed) -> Response {
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
    let number = |name: &str, default: usize| {
        query_value(&pairs, name)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(default)
    };
    let limit = number("limit", sim.config.max_limit)
        .min(sim.config.max_limit)
        .min(sim.faults.page_cap());
    if !head && conditions.is_empty() && keyword.is_none() && query_value(&pairs, "sort").is_none()
    {
        // A plain page walk (the listing benchmarks): the page is a slice of the list, so a
        // page costs the same whatever the length of the list.
        let offset = number("offset", 0).min(items.len());
        let end = offset.saturating_add(limit).min(items.len());
        return page_response(items, offset..end);
    }
    let mut selected: Vec<usize> = (0..items.len())
        .filter(|&i| {
            let item = &items[i];
            fields.iter().all(|f| {
                // Equality and contains conditions on one field are alternatives (a union, as
                // AGMPowerCLI documents for repeated values); range, bitwise and not-equal
                // conditions must all hold (a `>=` and a `<=` make a range; inferred).
                let (alternatives, bounds): (Vec<&Condition>, Vec<&Condition>) = conditions
                    .iter()
                    .filter(|c| c.field == *f)
                    .partition(|c| matches!(c.op, "==" | "=|"));
                (alternatives.is_empty() || alternatives.iter().any(|c| matches(item, c)))
                    && bounds.iter().all(|c| matches(item, c))
            })
        })
        .filter(|&i| {
            keyword
                .as_ref()
                .is_none_or(|k| items.text(i).to_lowercase().contains(k))
        })
        .collect();
    if head {
        let status = match sim.config.head_answer {
            HeadAnswer::NoContent => StatusCode::NO_CONTENT,
            HeadAnswer::Ok => StatusCode::OK,
        };
        let mut response = status.into_response();
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
        selected.sort_by(|&a, &b| {
            let (a, b) = (&items[a], &items[b]);
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
    let offset = number("offset", 0).min(selected.len());
    page_response(items, selected.into_iter().skip(offset).take(limit))
}

/// A list page, `{"count": n, "items": [...]}`, made of the kept texts of the items at `page`.
fn page_response(items: &Listed, page: impl Iterator<Item = usize>) -> Response {
    let page: Vec<&str> = page.map(|i| items.text(i)).collect();
    let mut body = Vec::with_capacity(page.iter().map(|t| t.len() + 1).sum::<usize>() + 32);
    body.extend_from_slice(format!("{{\"count\":{},\"items\":[", page.len()).as_bytes());
    for (n, text) in page.iter().enumerate() {
        if n > 0 {
            body.push(b',');
        }
        body.extend_from_slice(text.as_bytes());
    }
    body.extend_from_slice(b"]}");
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

/// The type name the console gives a field in OPTIONS metadata (the names are not documented;
/// these are the simulator's: dates are fields holding microseconds).
fn field_type(name: &str, v: &Value) -> Option<&'static str> {
    match v {
        Value::String(_) => Some("string"),
        Value::Bool(_) => Some("boolean"),
        Value::Number(_) if name.ends_with("date") || name == "expiration" => Some("date"),
        Value::Number(_) => Some("long"),
        _ => None,
    }
}

/// Fields whose distinct values are listed in the metadata (an enumeration).
const MAX_LISTED_VALUES: usize = 8;

/// `OPTIONS` on a collection: every scalar field of its items, with its type, filterable and
/// sortable; string fields with few distinct values list them.
pub(super) fn options(items: &[Value]) -> Response {
    let mut types: BTreeMap<String, &'static str> = BTreeMap::new();
    let mut values: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in items {
        let Some(object) = item.as_object() else {
            continue;
        };
        for (name, v) in object {
            if name.starts_with('@') || name == "href" {
                continue;
            }
            let Some(t) = field_type(name, v) else {
                continue;
            };
            types.entry(name.clone()).or_insert(t);
            if let Value::String(text) = v {
                values.entry(name.clone()).or_default().insert(text.clone());
            }
        }
    }
    let fields: Vec<Value> = types
        .iter()
        .map(|(name, t)| {
            let listed: Vec<&String> = values
                .get(name)
                .filter(|v| v.len() <= MAX_LISTED_VALUES && name != "id")
                .map(|v| v.iter().collect())
                .unwrap_or_default();
            json!({"field": name, "type": t, "values": listed})
        })
        .collect();
    super::super::json(
        StatusCode::OK,
        json!({
            "GET(list)": {
                "filterable": true,
                "sortable": true,
                "pageable": true,
                "sortablefields": types.keys().collect::<Vec<_>>(),
                "filterablefields": fields
            }
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn body_of(response: Response) -> Value {
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .expect("body");
        serde_json::from_slice(&bytes).expect("a page is JSON")
    }

    #[tokio::test]
    async fn an_encoded_page_is_the_page_serialized() {
        let items: Vec<Value> = (0..5)
            .map(|n| json!({"id": n.to_string(), "name": format!("app \"{n}\"\n"), "nested": {"a": [n, null]}}))
            .collect();
        let listed = Listed::from(items.clone());
        let page = body_of(page_response(&listed, 1..4)).await;
        assert_eq!(page, json!({"count": 3, "items": items[1..4]}));
        let empty = body_of(page_response(&listed, 0..0)).await;
        assert_eq!(empty, json!({"count": 0, "items": []}));
    }

    #[tokio::test]
    async fn a_changed_item_is_served_changed() {
        let mut listed = Listed::from(vec![json!({"id": "1", "status": "queued"})]);
        let before = body_of(page_response(&listed, 0..1)).await;
        assert_eq!(before["items"][0]["status"], "queued");
        listed.get_mut(0)["status"] = json!("running");
        listed.push(json!({"id": "2"}));
        let after = body_of(page_response(&listed, 0..2)).await;
        assert_eq!(
            after,
            json!({"count": 2, "items": [{"id": "1", "status": "running"}, {"id": "2"}]})
        );
        assert_eq!(listed.remove(0)["id"], "1");
        let last = body_of(page_response(&listed, 0..1)).await;
        assert_eq!(last, json!({"count": 1, "items": [{"id": "2"}]}));
    }
}
