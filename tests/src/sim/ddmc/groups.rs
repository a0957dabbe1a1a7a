//! The bodies of the DDMC simulator's groups (tags of `specs/ddmc.yaml`) without state of their
//! own: data, read once from `tests/data/ddmc/<tag>.json` (the format and its small template
//! language are described in `tests/data/ddmc/README.md`). A file that breaks a rule is refused
//! when the table is first used, with the file, the entry and the rule in the message.

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

/// The directory of the data files.
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/ddmc");

/// The paging block keys the simulator knows.
const PAGING_KEYS: [&str; 3] = ["paging_info", "pagingInfo", "paging"];

/// One operation answered from data.
#[derive(Debug)]
pub(super) struct Operation {
    /// The spec tag (the file name without `.json`).
    pub tag: String,
    /// `GET`, `POST`, `PUT` or `DELETE`.
    pub method: String,
    /// The spec path, split on `/`: `{SYSTEM-ID}` names a system, `{ID}` matches any segment.
    pub pattern: Vec<String>,
    /// The status of the answer.
    pub status: StatusCode,
    /// For lists: the item key and the paging block key.
    pub list: Option<(String, String)>,
    /// The body template (for lists: one item).
    pub body: Value,
}

impl Operation {
    /// Whether the path has an `{ID}` segment.
    pub fn has_item(&self) -> bool {
        self.pattern.iter().any(|s| s == "{ID}")
    }
}

/// What a template may name.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ctx<'a> {
    /// `{sys}`: the system's id (URL-encoded uuid), or the DDMC's for DDMC-wide paths.
    pub sys: &'a str,
    /// `{uuid}`: the system's uuid.
    pub uuid: &'a str,
    /// `{host}`: the system's host name.
    pub host: &'a str,
    /// `{item}`: the `{ID}` segment of the path.
    pub item: &'a str,
    /// `{i}`: the index of the list item (0 for other bodies).
    pub i: usize,
}

/// One entry of a data file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    method: String,
    path: String,
    #[serde(default = "ok")]
    status: u16,
    #[serde(default)]
    list: Option<ListEntry>,
    /// What the body shows, for the reader; not sent.
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<String>,
    body: Value,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ListEntry {
    items: String,
    paging: String,
}

fn ok() -> u16 {
    200
}

/// The operations of every data file, loaded on first use.
///
/// # Panics
///
/// When a data file cannot be read or breaks a rule (the message names the file and the entry).
pub(super) fn table() -> &'static [Operation] {
    static TABLE: OnceLock<Vec<Operation>> = OnceLock::new();
    TABLE.get_or_init(|| load_dir(Path::new(DIR)).unwrap_or_else(|e| panic!("{e}")))
}

/// Every `<tag>.json` of `dir`, checked, with no operation answered twice.
fn load_dir(dir: &Path) -> Result<Vec<Operation>, String> {
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let mut all = Vec::new();
    for path in names {
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        all.extend(parse(&path.display().to_string(), &text)?);
    }
    let mut seen: HashMap<(String, String), &str> = HashMap::new();
    for op in &all {
        let key = (op.method.clone(), op.pattern.join("/"));
        if let Some(first) = seen.insert(key, &op.tag) {
            return Err(format!(
                "{}/{}.json: {} /{} is already answered by {first}.json",
                dir.display(),
                op.tag,
                op.method,
                op.pattern.join("/")
            ));
        }
    }
    if all.is_empty() {
        return Err(format!("{}: no data files", dir.display()));
    }
    Ok(all)
}

/// The operations of the data file `file` (its name is the tag), or what is wrong with it.
pub(super) fn parse(file: &str, text: &str) -> Result<Vec<Operation>, String> {
    let name = Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file);
    let tag = name
        .strip_suffix(".json")
        .filter(|t| {
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        })
        .ok_or_else(|| format!("{file}: the name must be <tag>.json, a tag of the spec"))?;
    let entries: Vec<Entry> =
        serde_json::from_str(text).map_err(|e| format!("{file}: not a list of entries: {e}"))?;
    if entries.is_empty() {
        return Err(format!("{file}: no entries"));
    }
    entries
        .into_iter()
        .enumerate()
        .map(|(n, e)| {
            let at = format!("{file}, entry {n} ({} {})", e.method, e.path);
            check(tag, e).map_err(|rule| format!("{at}: {rule}"))
        })
        .collect()
}

/// One entry made an [`Operation`], or the rule it breaks.
fn check(tag: &str, e: Entry) -> Result<Operation, String> {
    if !["GET", "POST", "PUT", "DELETE"].contains(&e.method.as_str()) {
        return Err(format!("unknown method {}", e.method));
    }
    let status = StatusCode::from_u16(e.status)
        .ok()
        .filter(StatusCode::is_success)
        .ok_or_else(|| format!("status {} is not a success", e.status))?;
    let pattern: Vec<String> = e
        .path
        .strip_prefix('/')
        .filter(|p| p.starts_with("rest/") || p.starts_with("api/"))
        .ok_or("the path must start with /rest/ or /api/")?
        .split('/')
        .map(str::to_string)
        .collect();
    for segment in &pattern {
        let braced = segment.contains('{') || segment.contains('}');
        if segment.is_empty() || (braced && segment != "{SYSTEM-ID}" && segment != "{ID}") {
            return Err(format!(
                "path segment {segment:?}: only {{SYSTEM-ID}} and {{ID}} are placeholders"
            ));
        }
    }
    let list = match e.list {
        Some(l) if l.items.is_empty() => return Err("list.items is empty".into()),
        Some(l) if !PAGING_KEYS.contains(&l.paging.as_str()) => {
            return Err(format!(
                "list.paging {:?} is none of {PAGING_KEYS:?}",
                l.paging
            ));
        }
        Some(l) => Some((l.items, l.paging)),
        None => None,
    };
    let op = Operation {
        tag: tag.to_string(),
        method: e.method,
        pattern,
        status,
        list,
        body: e.body,
    };
    if op.list.is_some() {
        let items = match op.body.get("$pick").and_then(Value::as_array) {
            Some(options) => options.iter().collect(),
            None => vec![&op.body],
        };
        if items
            .iter()
            .any(|v| !v.is_object() || v.get("$int").is_some())
        {
            return Err("a list's body is one item: an object".into());
        }
    } else if !op.body.is_object() {
        return Err("the body must be an object".into());
    }
    check_template(&op.body, "body", op.list.is_some(), op.has_item())?;
    Ok(op)
}

/// The template rules of `v` (at JSON path `at`).
fn check_template(v: &Value, at: &str, list: bool, item: bool) -> Result<(), String> {
    match v {
        Value::String(s) => check_text(s, list, item).map_err(|e| format!("{at}: {e}")),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .try_for_each(|(n, x)| check_template(x, &format!("{at}/{n}"), list, item)),
        Value::Object(o) => {
            if let Some(directive) = o.keys().find(|k| k.starts_with('$')) {
                if !list {
                    return Err(format!(
                        "{at}: {directive} is for list items only (they vary with the index)"
                    ));
                }
                if o.len() != 1 {
                    return Err(format!("{at}: {directive} must be the object's only key"));
                }
                return match (directive.as_str(), &o[directive]) {
                    ("$int", Value::Array(a))
                        if a.len() == 2 && a.iter().all(|n| n.as_i64().is_some()) =>
                    {
                        Ok(())
                    }
                    ("$int", _) => Err(format!("{at}: $int takes [base, step], two integers")),
                    ("$pick", Value::Array(a)) if !a.is_empty() => {
                        a.iter().enumerate().try_for_each(|(n, x)| {
                            check_template(x, &format!("{at}/$pick/{n}"), list, item)
                        })
                    }
                    ("$pick", _) => Err(format!("{at}: $pick takes a non-empty array")),
                    _ => Err(format!("{at}: unknown directive {directive}")),
                };
            }
            o.iter().try_for_each(|(k, x)| {
                if k.contains('{') || k.contains('}') {
                    return Err(format!("{at}: key {k:?}: keys are not templates"));
                }
                check_template(x, &format!("{at}/{k}"), list, item)
            })
        }
        _ => Ok(()),
    }
}

/// The placeholders of one string.
fn check_text(s: &str, list: bool, item: bool) -> Result<(), String> {
    let mut rest = s;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("a }} without {{ in {s:?}"));
        }
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("a {{ without }} in {s:?}"))?;
        let name = &rest[open + 1..open + close];
        match name {
            "sys" | "uuid" | "host" => {}
            "item" if item => {}
            "item" => return Err("{item} in a path without {ID}".into()),
            _ if index_offset(name).is_some() => {
                if !list {
                    return Err(format!("{{{name}}} is for list items only"));
                }
            }
            _ => return Err(format!("unknown placeholder {{{name}}}")),
        }
        rest = &rest[open + close + 1..];
    }
    Ok(())
}

/// `i` → 0, `i+N` → N.
fn index_offset(name: &str) -> Option<usize> {
    match name.strip_prefix('i')? {
        "" => Some(0),
        n => n.strip_prefix('+')?.parse().ok(),
    }
}

/// The body `template` filled in for `ctx`.
pub(super) fn render(template: &Value, ctx: &Ctx) -> Value {
    match template {
        Value::String(s) => Value::String(fill(s, ctx)),
        Value::Array(a) => Value::Array(a.iter().map(|x| render(x, ctx)).collect()),
        Value::Object(o) => match (o.get("$int"), o.get("$pick")) {
            (Some(Value::Array(a)), _) => {
                let (base, step) = (a[0].as_i64().unwrap_or(0), a[1].as_i64().unwrap_or(0));
                Value::from(base + step * ctx.i as i64)
            }
            (_, Some(Value::Array(options))) => render(&options[ctx.i % options.len()], ctx),
            _ => Value::Object(o.iter().map(|(k, x)| (k.clone(), render(x, ctx))).collect()),
        },
        other => other.clone(),
    }
}

/// A string with its placeholders (checked at load time) replaced.
fn fill(s: &str, ctx: &Ctx) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        let name = &rest[open + 1..close];
        match name {
            "sys" => out.push_str(ctx.sys),
            "uuid" => out.push_str(ctx.uuid),
            "host" => out.push_str(ctx.host),
            "item" => out.push_str(ctx.item),
            _ => out.push_str(&(ctx.i + index_offset(name).unwrap_or(0)).to_string()),
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// `parse` of one entry in `alerts.json`.
    fn one(entry: Value) -> Result<Vec<Operation>, String> {
        parse("data/alerts.json", &json!([entry]).to_string())
    }

    fn list_entry(body: Value) -> Value {
        json!({"method": "GET", "path": "/rest/v1.0/dd-systems/{SYSTEM-ID}/alerts",
               "list": {"items": "alert_list", "paging": "paging_info"}, "body": body})
    }

    fn get_entry(body: Value) -> Value {
        json!({"method": "GET", "path": "/rest/v1.0/dd-systems/{SYSTEM-ID}/alerts", "body": body})
    }

    /// The error of a refused entry, which names the file and the entry.
    fn refused(entry: Value) -> String {
        let e = one(entry).expect_err("refused");
        assert!(e.starts_with("data/alerts.json, entry 0 (GET /"), "{e}");
        e
    }

    #[test]
    fn the_project_data_loads() {
        let table = table();
        assert!(table.len() > 90, "{}", table.len());
        assert!(table.iter().any(|o| o.tag == "alerts"));
    }

    #[test]
    fn the_registration_token_is_the_one_tests_look_for() {
        let op = table()
            .iter()
            .find(|o| o.tag == "sso-registration")
            .expect("sso-registration.json");
        assert_eq!(
            op.body["registrationAccessToken"],
            crate::sim::ddmc::SIM_REGISTRATION_TOKEN
        );
    }

    #[test]
    fn a_good_entry_is_read_and_rendered() {
        let ops = one(list_entry(json!({
            "id": "alerts-{i}", "n": {"$int": [10, 5]}, "at": "{sys}/{host}/{uuid}",
            "ip": "10.0.0.{i+11}", "kind": {"$pick": ["a", "b"]}
        })))
        .expect("read");
        let ctx = Ctx {
            sys: "s",
            uuid: "u",
            host: "h",
            item: "",
            i: 3,
        };
        assert_eq!(
            render(&ops[0].body, &ctx),
            json!({"id": "alerts-3", "n": 25, "at": "s/h/u", "ip": "10.0.0.14", "kind": "b"})
        );
        assert_eq!(ops[0].tag, "alerts");
        assert_eq!(ops[0].status, StatusCode::OK);
    }

    #[test]
    fn a_file_name_that_is_no_tag_is_refused() {
        let e = parse("data/Alerts.json", "[]").expect_err("refused");
        assert!(
            e.contains("Alerts.json: the name must be <tag>.json"),
            "{e}"
        );
    }

    #[test]
    fn a_file_that_is_not_a_list_of_entries_is_refused() {
        let e = parse("data/alerts.json", "{\"method\": \"GET\"}").expect_err("refused");
        assert!(e.contains("alerts.json: not a list of entries"), "{e}");
        let e = parse("data/alerts.json", "[]").expect_err("refused");
        assert!(e.contains("alerts.json: no entries"), "{e}");
    }

    #[test]
    fn an_unknown_field_of_an_entry_is_refused() {
        let mut entry = get_entry(json!({"a": 1}));
        entry["bodi"] = json!({});
        let e = parse("data/alerts.json", &json!([entry]).to_string()).expect_err("refused");
        assert!(e.contains("unknown field `bodi`"), "{e}");
    }

    #[test]
    fn an_unknown_method_is_refused() {
        let mut entry = get_entry(json!({"a": 1}));
        entry["method"] = json!("FETCH");
        let e = parse("data/alerts.json", &json!([entry]).to_string()).expect_err("refused");
        assert!(e.contains("entry 0 (FETCH /rest/"), "{e}");
        assert!(e.ends_with("unknown method FETCH"), "{e}");
    }

    #[test]
    fn a_status_that_is_no_success_is_refused() {
        let mut entry = get_entry(json!({"a": 1}));
        entry["status"] = json!(404);
        assert!(refused(entry).ends_with("status 404 is not a success"));
    }

    #[test]
    fn a_path_outside_the_api_or_with_unknown_placeholders_is_refused() {
        let mut entry = get_entry(json!({"a": 1}));
        entry["path"] = json!("/v1/alerts");
        let e = parse("data/alerts.json", &json!([entry]).to_string()).expect_err("refused");
        assert!(
            e.ends_with("the path must start with /rest/ or /api/"),
            "{e}"
        );
        entry["path"] = json!("/rest/v1.0/dd-systems/{SYSTEM_ID}/alerts");
        assert!(refused(entry).contains("path segment \"{SYSTEM_ID}\""));
    }

    #[test]
    fn a_list_without_known_paging_or_items_is_refused() {
        let mut entry = list_entry(json!({"a": 1}));
        entry["list"]["paging"] = json!("page_info");
        assert!(refused(entry.clone()).contains("list.paging \"page_info\""));
        entry["list"] = json!({"items": "", "paging": "paging_info"});
        assert!(refused(entry).ends_with("list.items is empty"));
    }

    #[test]
    fn a_body_that_is_not_an_object_is_refused() {
        assert!(refused(get_entry(json!([1]))).ends_with("the body must be an object"));
        assert!(refused(list_entry(json!({"$pick": [{"a": 1}, 2]}))).ends_with("an object"));
        assert!(refused(list_entry(json!({"$int": [1, 2]}))).ends_with("an object"));
    }

    #[test]
    fn an_unknown_placeholder_is_refused_with_where_it_is() {
        let e = refused(get_entry(json!({"link": [{"href": "/x/{system}"}]})));
        assert!(
            e.ends_with("body/link/0/href: unknown placeholder {system}"),
            "{e}"
        );
        assert!(refused(get_entry(json!({"a": "{sys"}))).contains("a { without }"));
        assert!(refused(get_entry(json!({"a": "sys}"}))).contains("a } without {"));
        assert!(refused(get_entry(json!({"{sys}": 1}))).contains("keys are not templates"));
    }

    #[test]
    fn the_index_is_for_list_items_only() {
        assert!(refused(get_entry(json!({"a": "x-{i}"}))).ends_with("{i} is for list items only"));
        let e = refused(get_entry(json!({"a": {"$int": [1, 1]}})));
        assert!(e.ends_with("body/a: $int is for list items only (they vary with the index)"));
    }

    #[test]
    fn an_item_placeholder_needs_an_id_in_the_path() {
        let e = refused(get_entry(json!({"a": "{item}"})));
        assert!(e.ends_with("body/a: {item} in a path without {ID}"), "{e}");
        let mut entry = get_entry(json!({"a": "{item}"}));
        entry["path"] = json!("/rest/v1.0/dd-systems/{SYSTEM-ID}/alerts/{ID}");
        one(entry).expect("{item} with {ID}");
    }

    #[test]
    fn malformed_directives_are_refused() {
        let bad = [
            (json!({"$int": [1]}), "$int takes [base, step]"),
            (json!({"$int": [1, "2"]}), "$int takes [base, step]"),
            (json!({"$pick": []}), "$pick takes a non-empty array"),
            (
                json!({"$pick": ["a"], "b": 1}),
                "must be the object's only key",
            ),
            (json!({"$each": [1]}), "unknown directive $each"),
            (
                json!({"$pick": ["{nope}"]}),
                "body/a/$pick/0: unknown placeholder",
            ),
        ];
        for (value, rule) in bad {
            let e = refused(list_entry(json!({ "a": value })));
            assert!(e.contains(rule), "{rule}: {e}");
        }
    }

    #[test]
    fn an_operation_answered_twice_is_refused() {
        let dir = std::env::temp_dir().join(format!("ddmc-data-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let entry = json!([get_entry(json!({"a": 1}))]).to_string();
        std::fs::write(dir.join("alerts.json"), &entry).expect("write");
        std::fs::write(dir.join("more-alerts.json"), &entry).expect("write");
        let e = load_dir(&dir).expect_err("refused");
        std::fs::remove_dir_all(&dir).expect("clean");
        assert!(
            e.contains("more-alerts.json: GET /rest/v1.0/dd-systems/{SYSTEM-ID}/alerts is already answered by alerts.json"),
            "{e}"
        );
    }
}
