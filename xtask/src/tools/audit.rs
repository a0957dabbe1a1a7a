//! `cargo xtask audit`: compares one of our specs with a vendor's published OpenAPI document.
//!
//! The vendor side is OpenAPI 3.0 or 3.1, JSON or YAML, so both documents are walked as
//! [`serde_json::Value`] (openapiv3 cannot read 3.1), `$ref`s resolved in their own document.
//! Operations match by method and full path (the server URL's path, then the path template)
//! with path parameter names folded (`/a/{SYSTEM-ID}` = `/a/{system_id}`). For each operation
//! in both: query and header parameters missing on either side, and per success response schema
//! the properties (recursively, named by a JSON-pointer-like path where `*` stands for the items
//! of an array) missing in ours, extra in ours, or of another type or enum.
//!
//! Response enums are open strings in our specs by design (a value the vendor adds later must
//! not fail decoding), so enums are compared only where both documents have one. A property that
//! our spec types as a free-form object (no `properties`) keeps whatever is below it, so nothing
//! below it is reported.
//!
//! A disagreement is fixed in our spec or recorded there as a deliberate difference, which the
//! audit reads and stops reporting:
//! - `x-vendor-differences` on a schema (a component schema, a property, an operation's inline
//!   schema) or on an operation: a list of `{field, reason, source}` (schemas and operations) or
//!   `{parameter, reason, source}` (operations). `field` is a path relative to where the
//!   extension stands (`updated_epoch`, `mtree_rl_detail/auto_retention_period`, `*/id` in an
//!   array; on an operation, relative to the success body; `""` for the schema itself); it
//!   covers that field and everything below it. `parameter` is `in:name` (`query:filter`).
//! - a top-level `x-audit` object: `left-out`, a list of `{operation: "METHOD /path", reason,
//!   source}` for vendor operations our spec leaves out on purpose, and `ignored-parameters`, a
//!   list of `{parameter: "in:name", reason}` that no operation needs (auth headers sdk-auth
//!   sends).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// The folder of vendor documents, relative to the workspace root.
pub const VENDOR_DIR: &str = "../shared/research/vendor-specs";

/// Where `--all` writes its reports, relative to the workspace root.
pub const REPORT_DIR: &str = "specs/audit";

/// The spec a vendor document is compared with by default, from the document's file name.
pub fn default_spec(document: &str) -> Option<&'static str> {
    let name = Path::new(document).file_name()?.to_str()?;
    if name.starts_with("dd-") || name.starts_with("ddmc") {
        Some("specs/ddmc.yaml")
    } else if name.starts_with("druva") {
        Some("specs/druva.yaml")
    } else if name.starts_with("mgmt") {
        Some("specs/mgmt.yaml")
    } else {
        None
    }
}

/// Reads a JSON or YAML document as a JSON value.
pub fn read_document(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse_document(&path.display().to_string(), &text)
}

/// Parses JSON (when the text starts with `{`) or YAML text into a JSON value.
pub fn parse_document(name: &str, text: &str) -> Result<Value, String> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(|e| format!("{name} is not JSON: {e}"))
    } else {
        yaml_serde::from_str(text).map_err(|e| format!("{name} is not YAML: {e}"))
    }
}

/// `cargo xtask audit` with its arguments (after `audit`).
pub fn run(root: &Path, args: &[String]) -> Result<String, String> {
    let mut against = None;
    let mut spec = None;
    let mut all = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--against" => against = Some(it.next().ok_or("--against needs a document")?.clone()),
            "--spec" => spec = Some(it.next().ok_or("--spec needs a spec path")?.clone()),
            "--all" => all = true,
            other => return Err(format!("audit: unknown argument `{other}`")),
        }
    }
    if all {
        if against.is_some() || spec.is_some() {
            return Err("audit: --all takes no --against or --spec".into());
        }
        return write_all(root);
    }
    let Some(against) = against else {
        return Err(
            "usage: cargo xtask audit --against <vendor document> [--spec specs/<x>.yaml] | --all"
                .into(),
        );
    };
    let spec = match spec {
        Some(s) => s,
        None => default_spec(&against)
            .ok_or_else(|| format!("audit: name the spec of {against} with --spec"))?
            .to_string(),
    };
    let ours = read_document(&root.join(&spec))?;
    let theirs = read_document(Path::new(&against))?;
    let name = Path::new(&against)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(&against)
        .to_string();
    let audit = audit(&ours, &theirs);
    Ok(render(&name, &spec, &audit))
}

/// `--all`: one report per vendor document into `specs/audit/<document>.md`.
fn write_all(root: &Path) -> Result<String, String> {
    let dir = root.join(VENDOR_DIR);
    let mut docs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json" | "yaml" | "yml")
            )
        })
        .collect();
    docs.sort();
    let out_dir = root.join(REPORT_DIR);
    std::fs::create_dir_all(&out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let mut specs: BTreeMap<&str, Value> = BTreeMap::new();
    let mut summary = String::new();
    for doc in docs {
        let name = doc
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let Some(spec) = default_spec(&name) else {
            let _ = writeln!(summary, "skipped {name}: no spec for it");
            continue;
        };
        if !specs.contains_key(spec) {
            specs.insert(spec, read_document(&root.join(spec))?);
        }
        let theirs = read_document(&doc)?;
        let audit = audit(&specs[spec], &theirs);
        let stem = name.rsplit_once('.').map_or(name.as_str(), |(s, _)| s);
        let rel = format!("{REPORT_DIR}/{stem}.md");
        std::fs::write(root.join(&rel), render(&name, spec, &audit))
            .map_err(|e| format!("cannot write {rel}: {e}"))?;
        let _ = writeln!(summary, "{}  -> {rel}", summary_line(&name, &audit));
    }
    Ok(summary)
}

/// One operation of a document.
#[derive(Debug, Clone)]
struct OpAt<'a> {
    method: String,
    /// Server path + path template, as written.
    path: String,
    /// The operation object.
    op: &'a Value,
    /// The path item (for path-level parameters).
    item: &'a Value,
}

impl OpAt<'_> {
    fn label(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
    fn id(&self) -> Option<&str> {
        self.op.get("operationId").and_then(Value::as_str)
    }
}

/// The path of the first server URL (`https://h/x/` and `//h/x` give `/x`; none gives ``).
fn base_path(doc: &Value) -> String {
    let url = doc
        .pointer("/servers/0/url")
        .and_then(Value::as_str)
        .unwrap_or("");
    let rest = if let Some((_, after)) = url.split_once("://") {
        after.split_once('/').map_or("", |(_, p)| p)
    } else if let Some(after) = url.strip_prefix("//") {
        after.split_once('/').map_or("", |(_, p)| p)
    } else {
        url.trim_start_matches('/')
    };
    let rest = rest.trim_end_matches('/');
    if rest.is_empty() {
        String::new()
    } else {
        format!("/{rest}")
    }
}

/// Whether two folded operations (`METHOD /a/{}/b`) name the same endpoints once a path
/// parameter on either side may stand for any one segment.
fn covers(a: &str, b: &str) -> bool {
    let (Some((ma, pa)), Some((mb, pb))) = (a.split_once(' '), b.split_once(' ')) else {
        return false;
    };
    let (sa, sb): (Vec<&str>, Vec<&str>) = (pa.split('/').collect(), pb.split('/').collect());
    ma == mb
        && sa.len() == sb.len()
        && sa
            .iter()
            .zip(&sb)
            .all(|(x, y)| x == y || (*x == "{}" && !y.is_empty()) || (*y == "{}" && !x.is_empty()))
}

/// `METHOD /path` with every `{parameter}` written `{}`.
fn fold(method: &str, path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                if depth == 1 {
                    out.push_str("{}");
                }
            }
            '}' => depth -= 1,
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    let out = out.trim_end_matches('/');
    format!("{} {out}", method.to_ascii_uppercase())
}

fn operations(doc: &Value) -> Vec<OpAt<'_>> {
    let base = base_path(doc);
    let mut out = Vec::new();
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else {
        return out;
    };
    for (path, item) in paths {
        for m in METHODS {
            if let Some(op) = item.get(m).filter(|o| o.is_object()) {
                out.push(OpAt {
                    method: m.to_ascii_uppercase(),
                    path: format!("{base}{path}"),
                    op,
                    item,
                });
            }
        }
    }
    out
}

/// Follows `$ref`s (local JSON pointers) until a value without one.
fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..32 {
        match v.get("$ref").and_then(Value::as_str) {
            Some(r) if r.starts_with('#') => match doc.pointer(&r[1..]) {
                Some(next) => v = next,
                None => return v,
            },
            _ => return v,
        }
    }
    v
}

/// One recorded deliberate difference.
#[derive(Debug, Clone)]
struct Record {
    /// Path relative to where it stands (`""`: there).
    target: String,
    reason: String,
}

fn records(v: &Value, key: &str) -> Vec<Record> {
    v.get("x-vendor-differences")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let target = e.get(key)?.as_str()?.trim_matches('/').to_string();
            let reason = e.get("reason").and_then(Value::as_str).unwrap_or("");
            let source = e.get("source").and_then(Value::as_str).unwrap_or("");
            Some(Record {
                target,
                reason: if source.is_empty() {
                    reason.to_string()
                } else {
                    format!("{reason} (source: {source})")
                },
            })
        })
        .collect()
}

/// What a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// The vendor documents it; our spec does not (a body would lose it).
    Missing,
    /// Our spec has it; the vendor's document does not.
    Extra,
    /// Both have it with another type (`ours` vs `theirs`).
    Type,
    /// Both have an enum, with other values.
    Enum,
}

impl Kind {
    fn word(&self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Extra => "extra",
            Kind::Type => "type",
            Kind::Enum => "enum",
        }
    }
}

/// One disagreement in one operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What it is.
    pub kind: Kind,
    /// `query:name` for a parameter, or the field path in the success body (`/a/*/b`).
    pub at: String,
    /// Details (types, values).
    pub detail: String,
    /// The recorded reason when it is a deliberate difference.
    pub recorded: Option<String>,
    /// Our component schema that holds the field (the nearest `$ref` above it), if any.
    pub owner: Option<String>,
}

/// The findings of one operation in both documents.
#[derive(Debug, Clone)]
pub struct OpAudit {
    /// `METHOD /path` as the vendor writes it.
    pub vendor: String,
    /// Our operationId.
    pub ours: String,
    /// Parameter findings.
    pub parameters: Vec<Finding>,
    /// Success body findings.
    pub fields: Vec<Finding>,
}

/// The result of comparing a spec with one vendor document.
#[derive(Debug, Clone, Default)]
pub struct Audit {
    /// Operations in the vendor document.
    pub total: usize,
    /// Operations in both.
    pub covered: Vec<OpAudit>,
    /// Vendor operations not in our spec and not recorded: `METHOD /path` and its operationId.
    pub missing: Vec<String>,
    /// Vendor operations left out on purpose, with the reason.
    pub left_out: Vec<(String, String)>,
    /// Our operations in the document's scope (same first two path segments) that it lacks.
    pub extra: Vec<String>,
    /// `x-audit` left-out records that name an operation we do cover (stale).
    pub stale: Vec<String>,
}

impl Audit {
    fn count(&self, kind: &Kind, recorded: bool) -> usize {
        self.covered
            .iter()
            .flat_map(|o| o.parameters.iter().chain(&o.fields))
            .filter(|f| &f.kind == kind && f.recorded.is_some() == recorded)
            .count()
    }

    /// Fields the vendor documents that our spec lacks, not recorded as deliberate.
    pub fn fields_missing(&self) -> usize {
        self.covered
            .iter()
            .flat_map(|o| &o.fields)
            .filter(|f| f.kind == Kind::Missing && f.recorded.is_none())
            .count()
    }

    /// Covered operations as a percentage of the document's (0 when it has none).
    pub fn percent(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.covered.len() as f64 * 100.0 / self.total as f64
        }
    }
}

/// Compares our spec `ours` with the vendor document `theirs`.
pub fn audit(ours: &Value, theirs: &Value) -> Audit {
    let our_ops = operations(ours);
    let their_ops = operations(theirs);
    let mut by_key: BTreeMap<String, &OpAt<'_>> = BTreeMap::new();
    for op in &our_ops {
        by_key.entry(fold(&op.method, &op.path)).or_insert(op);
    }
    let x_audit = ours.get("x-audit");
    let mut left_out: BTreeMap<String, String> = BTreeMap::new();
    for e in x_audit
        .and_then(|a| a.get("left-out"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(label) = e.get("operation").and_then(Value::as_str) else {
            continue;
        };
        let Some((m, p)) = label.split_once(' ') else {
            continue;
        };
        let reason = e.get("reason").and_then(Value::as_str).unwrap_or("");
        let source = e.get("source").and_then(Value::as_str).unwrap_or("");
        let reason = if source.is_empty() {
            reason.to_string()
        } else {
            format!("{reason} (source: {source})")
        };
        left_out.insert(fold(m, p.trim()), reason);
    }
    let ignored: HashSet<String> = x_audit
        .and_then(|a| a.get("ignored-parameters"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|e| e.get("parameter")?.as_str().map(param_key_text))
        .collect();

    let mut result = Audit {
        total: their_ops.len(),
        ..Audit::default()
    };
    let mut matched: HashSet<String> = HashSet::new();
    let mut scope: BTreeSet<String> = BTreeSet::new();
    for t in &their_ops {
        let key = fold(&t.method, &t.path);
        scope.insert(prefix2(&t.path));
        // An exact match first; then, unless the operation is recorded as left out, one of ours
        // whose path template covers it (ours `/reports/{id}` for their `/reports/mspEPAlert`,
        // or their `/{workloadName}/jobs` for our `/nas/jobs`).
        let found = by_key.get_key_value(&key).or_else(|| {
            if left_out.contains_key(&key) {
                None
            } else {
                by_key.iter().find(|(k, _)| covers(k, &key))
            }
        });
        match found {
            Some((our_key, o)) => {
                matched.insert(our_key.clone());
                if left_out.contains_key(&key) {
                    result.stale.push(format!(
                        "{key}: recorded as left out, but our spec has it ({})",
                        o.id().unwrap_or("?")
                    ));
                }
                result
                    .covered
                    .push(compare_op(ours, o, theirs, t, &ignored));
            }
            None => match left_out.get(&key) {
                Some(reason) => result.left_out.push((t.label(), reason.clone())),
                None => result.missing.push(match t.id() {
                    Some(id) => format!("{} ({id})", t.label()),
                    None => t.label(),
                }),
            },
        }
    }
    for o in &our_ops {
        let key = fold(&o.method, &o.path);
        if !matched.contains(&key) && scope.contains(&prefix2(&o.path)) {
            result
                .extra
                .push(format!("{} ({})", o.label(), o.id().unwrap_or("?")));
        }
    }
    result.covered.sort_by(|a, b| a.vendor.cmp(&b.vendor));
    result.missing.sort();
    result.left_out.sort();
    result.extra.sort();
    result
}

/// The first two segments of a path (`/api/v1`, `/platform/reporting`).
fn prefix2(path: &str) -> String {
    path.split('/')
        .filter(|s| !s.is_empty())
        .take(2)
        .fold(String::new(), |acc, s| format!("{acc}/{s}"))
}

fn param_key(location: &str, name: &str) -> String {
    if location == "header" {
        format!("header:{}", name.to_ascii_lowercase())
    } else {
        format!("{location}:{name}")
    }
}

fn param_key_text(text: &str) -> String {
    match text.split_once(':') {
        Some((l, n)) => param_key(l, n),
        None => text.to_string(),
    }
}

/// The non-path parameters of an operation (`in:name`), path-level ones included.
fn parameters(doc: &Value, op: &OpAt<'_>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for list in [op.item.get("parameters"), op.op.get("parameters")] {
        for p in list.and_then(Value::as_array).into_iter().flatten() {
            let p = resolve(doc, p);
            let (Some(name), Some(location)) = (
                p.get("name").and_then(Value::as_str),
                p.get("in").and_then(Value::as_str),
            ) else {
                continue;
            };
            if location != "path" {
                out.insert(param_key(location, name));
            }
        }
    }
    out
}

/// The JSON schema of the first 2xx response with a body.
fn success_schema<'a>(doc: &'a Value, op: &'a Value) -> Option<&'a Value> {
    let responses = op.get("responses")?.as_object()?;
    let mut codes: Vec<&String> = responses.keys().filter(|k| k.starts_with('2')).collect();
    codes.sort();
    codes.into_iter().find_map(|code| {
        let r = resolve(doc, &responses[code]);
        let content = r.get("content")?.as_object()?;
        let media = content
            .iter()
            .find(|(m, _)| m.as_str() == "application/json" || m.ends_with("+json"))
            .or_else(|| content.iter().next())?;
        media.1.get("schema")
    })
}

fn compare_op(
    ours: &Value,
    o: &OpAt<'_>,
    theirs: &Value,
    t: &OpAt<'_>,
    ignored: &HashSet<String>,
) -> OpAudit {
    let op_records = records(o.op, "field");
    let param_records: BTreeMap<String, String> = records(o.op, "parameter")
        .into_iter()
        .map(|r| (param_key_text(&r.target), r.reason))
        .collect();
    let mine = parameters(ours, o);
    let vendor = parameters(theirs, t);
    let mut params = Vec::new();
    for (kind, set, other) in [
        (Kind::Missing, &vendor, &mine),
        (Kind::Extra, &mine, &vendor),
    ] {
        for p in set.difference(other) {
            if ignored.contains(p) {
                continue;
            }
            params.push(Finding {
                kind: kind.clone(),
                at: p.clone(),
                detail: String::new(),
                recorded: param_records.get(p).cloned(),
                owner: None,
            });
        }
    }
    let mut fields = Vec::new();
    match (success_schema(ours, o.op), success_schema(theirs, t.op)) {
        (Some(a), Some(b)) => {
            let mut walk = Walk {
                ours,
                theirs,
                stack: vec![(String::new(), op_records)],
                out: &mut fields,
                ancestors: Vec::new(),
                compared: HashSet::new(),
                owners: Vec::new(),
            };
            walk.compare(a, b, "", 0);
        }
        (None, Some(b)) if !shape(theirs, b).is_empty() => {
            let rec = op_records
                .iter()
                .find(|r| r.target.is_empty())
                .map(|r| r.reason.clone());
            fields.push(Finding {
                kind: Kind::Missing,
                at: String::new(),
                detail: "the vendor documents a success body; ours has none".into(),
                recorded: rec,
                owner: None,
            });
        }
        _ => {}
    }
    OpAudit {
        vendor: t.label(),
        ours: o.id().unwrap_or("?").to_string(),
        parameters: params,
        fields,
    }
}

/// A schema flattened for comparison (`allOf`/`oneOf`/`anyOf` merged).
#[derive(Debug, Default)]
struct Shape<'a> {
    types: BTreeSet<String>,
    properties: BTreeMap<String, &'a Value>,
    items: Option<&'a Value>,
    enumeration: Option<BTreeSet<String>>,
    /// `additionalProperties` is a schema (a map) or `true` with no `properties`.
    map: bool,
    /// Every schema met while flattening (where `x-vendor-differences` may stand).
    parts: Vec<&'a Value>,
}

impl Shape<'_> {
    fn is_empty(&self) -> bool {
        self.types.is_empty() && self.properties.is_empty() && self.items.is_none()
    }
    fn is_object(&self) -> bool {
        self.types.contains("object") || (!self.properties.is_empty() && self.types.is_empty())
    }
    /// An object our spec keeps whole (free-form or a map): nothing below it is lost.
    fn keeps_everything(&self) -> bool {
        self.is_object() && self.properties.is_empty()
    }
}

fn shape<'a>(doc: &'a Value, s: &'a Value) -> Shape<'a> {
    let mut out = Shape::default();
    flatten(doc, s, &mut out, 0);
    if out.types.contains("integer") && out.types.contains("number") {
        out.types.remove("integer");
    }
    out
}

fn flatten<'a>(doc: &'a Value, s: &'a Value, out: &mut Shape<'a>, depth: usize) {
    if depth > 16 {
        return;
    }
    let s = resolve(doc, s);
    out.parts.push(s);
    match s.get("type") {
        Some(Value::String(t)) if t != "null" => {
            out.types.insert(t.clone());
        }
        Some(Value::Array(ts)) => {
            for t in ts.iter().filter_map(Value::as_str).filter(|t| *t != "null") {
                out.types.insert(t.to_string());
            }
        }
        _ => {}
    }
    if let Some(props) = s.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            out.properties.entry(k.clone()).or_insert(v);
        }
    }
    if out.items.is_none() {
        out.items = s.get("items");
    }
    match s.get("additionalProperties") {
        Some(Value::Bool(true)) => out.map = true,
        Some(Value::Object(m)) if !m.is_empty() => out.map = true,
        _ => {}
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array) {
        let set = out.enumeration.get_or_insert_with(BTreeSet::new);
        for v in values.iter().filter(|v| !v.is_null()) {
            set.insert(match v {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for sub in s.get(key).and_then(Value::as_array).into_iter().flatten() {
            flatten(doc, sub, out, depth + 1);
        }
    }
}

struct Walk<'a, 'o> {
    ours: &'a Value,
    theirs: &'a Value,
    /// Records in force: the path where they stand and the records.
    stack: Vec<(String, Vec<Record>)>,
    out: &'o mut Vec<Finding>,
    /// The vendor schemas being compared, outermost first.
    ancestors: Vec<usize>,
    /// Pairs of (our, their) schemas reached through a `$ref` and compared already.
    compared: HashSet<(usize, usize)>,
    /// Our component schemas being compared, outermost first.
    owners: Vec<String>,
}

impl<'a> Walk<'a, '_> {
    fn recorded(&self, at: &str) -> Option<String> {
        for (base, records) in self.stack.iter().rev() {
            for r in records {
                let target = if r.target.is_empty() {
                    base.clone()
                } else {
                    format!("{base}/{}", r.target)
                };
                if at == target || at.starts_with(&format!("{target}/")) {
                    return Some(r.reason.clone());
                }
            }
        }
        None
    }

    fn push(&mut self, kind: Kind, at: String, detail: String) {
        let recorded = self.recorded(&at);
        let owner = self.owners.last().cloned();
        self.out.push(Finding {
            kind,
            at,
            detail,
            recorded,
            owner,
        });
    }

    fn compare(&mut self, a: &'a Value, b: &'a Value, at: &str, depth: usize) {
        if depth > 24 {
            return;
        }
        // A vendor schema already being compared further up is a cycle (`Node.children`).
        let rb = std::ptr::from_ref(resolve(self.theirs, b)) as usize;
        if self.ancestors.contains(&rb) {
            return;
        }
        // The same two schemas met again in this operation (a schema the vendor embeds in many
        // places): their differences are reported where they were first met.
        let ra = std::ptr::from_ref(resolve(self.ours, a)) as usize;
        if (a.get("$ref").is_some() || b.get("$ref").is_some()) && !self.compared.insert((ra, rb)) {
            return;
        }
        self.ancestors.push(rb);
        let owner = a
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.rsplit('/').next());
        if let Some(owner) = owner {
            self.owners.push(owner.to_string());
        }
        let sa = shape(self.ours, a);
        let sb = shape(self.theirs, b);
        let mut pushed = 0;
        for part in &sa.parts {
            let recs = records(part, "field");
            if !recs.is_empty() {
                self.stack.push((at.to_string(), recs));
                pushed += 1;
            }
        }
        self.compare_shapes(&sa, &sb, at, depth);
        for _ in 0..pushed {
            self.stack.pop();
        }
        if owner.is_some() {
            self.owners.pop();
        }
        self.ancestors.pop();
    }

    fn compare_shapes(&mut self, sa: &Shape<'a>, sb: &Shape<'a>, at: &str, depth: usize) {
        if !sa.types.is_empty() && !sb.types.is_empty() && sa.types != sb.types {
            let ours_obj = sa.is_object();
            let theirs_obj = sb.is_object();
            // An integer where a number is documented decodes; the reverse does not.
            let widening = sa.types.contains("number") && sb.types.iter().all(|t| t == "integer");
            if !(widening || ours_obj && theirs_obj) {
                self.push(
                    Kind::Type,
                    at.to_string(),
                    format!("ours {}, theirs {}", join(&sa.types), join(&sb.types)),
                );
                return;
            }
        }
        if let (Some(ea), Some(eb)) = (&sa.enumeration, &sb.enumeration)
            && ea != eb
        {
            let only_theirs: Vec<&String> = eb.difference(ea).collect();
            let only_ours: Vec<&String> = ea.difference(eb).collect();
            self.push(
                Kind::Enum,
                at.to_string(),
                format!("only theirs {only_theirs:?}, only ours {only_ours:?}"),
            );
        }
        if sa.is_empty() || sa.keeps_everything() {
            // Decoded whole (`serde_json::Value` or a map): nothing below is lost.
            return;
        }
        if sa.is_object() || sb.is_object() {
            for (name, vb) in &sb.properties {
                let here = format!("{at}/{name}");
                match sa.properties.get(name) {
                    Some(va) => self.compare(va, vb, &here, depth + 1),
                    None if sa.map => {}
                    None => {
                        let t = shape(self.theirs, vb);
                        let detail = if t.types.is_empty() {
                            String::new()
                        } else {
                            join(&t.types)
                        };
                        self.push(Kind::Missing, here, detail);
                    }
                }
            }
            if !sb.properties.is_empty() && !sb.map {
                for name in sa.properties.keys() {
                    if !sb.properties.contains_key(name) {
                        self.push(Kind::Extra, format!("{at}/{name}"), String::new());
                    }
                }
            }
        }
        if let (Some(ia), Some(ib)) = (sa.items, sb.items) {
            self.compare(ia, ib, &format!("{at}/*"), depth + 1);
        }
    }
}

fn join(set: &BTreeSet<String>) -> String {
    set.iter().cloned().collect::<Vec<_>>().join("|")
}

/// `<document>: operations covered N / M (P%), left out L, fields missing F`.
pub fn summary_line(document: &str, audit: &Audit) -> String {
    format!(
        "{document}: operations covered {} / {} ({:.1}%), left out on purpose {}, not covered {}, \
         fields missing {}",
        audit.covered.len(),
        audit.total,
        audit.percent(),
        audit.left_out.len(),
        audit.missing.len(),
        audit.fields_missing()
    )
}

/// The Markdown report of one audit (deterministic: no dates, sorted lists).
pub fn render(document: &str, spec: &str, audit: &Audit) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# Audit of `{spec}` against `{document}`\n");
    let _ = writeln!(
        s,
        "Generated by `cargo xtask audit --all` (or `cargo xtask audit --against \
         {VENDOR_DIR}/{document} --spec {spec}`); do not edit. Deliberate differences are \
         recorded in the spec (`x-vendor-differences`, `x-audit`) and listed here with their \
         reason.\n"
    );
    let _ = writeln!(s, "**{}**\n", summary_line(document, audit));
    let _ = writeln!(s, "| finding | open | recorded |\n| --- | ---: | ---: |");
    for (kind, label) in [
        (Kind::Missing, "missing in ours (parameters and fields)"),
        (Kind::Extra, "extra in ours"),
        (Kind::Type, "other type"),
        (Kind::Enum, "other enum"),
    ] {
        let _ = writeln!(
            s,
            "| {label} | {} | {} |",
            audit.count(&kind, false),
            audit.count(&kind, true)
        );
    }
    let _ = writeln!(s);
    if !audit.stale.is_empty() {
        let _ = writeln!(s, "## Stale records\n");
        for x in &audit.stale {
            let _ = writeln!(s, "- {x}");
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "## Operations not covered ({})\n", audit.missing.len());
    for x in &audit.missing {
        let _ = writeln!(s, "- `{x}`");
    }
    let _ = writeln!(
        s,
        "\n## Operations left out on purpose ({})\n",
        audit.left_out.len()
    );
    for (x, why) in &audit.left_out {
        let _ = writeln!(s, "- `{x}`: {why}");
    }
    let _ = writeln!(
        s,
        "\n## Our operations this document lacks ({})\n\nIn the document's path scope but not in \
         it (for DDMC: operations of the management center itself; elsewhere, operations the \
         wire has and the document omits).\n",
        audit.extra.len()
    );
    for x in &audit.extra {
        let _ = writeln!(s, "- `{x}`");
    }
    let _ = writeln!(s, "\n## Differences per covered operation\n");
    let mut clean = 0;
    for op in &audit.covered {
        if op.parameters.is_empty() && op.fields.is_empty() {
            clean += 1;
            continue;
        }
        let _ = writeln!(s, "### `{}` ({})\n", op.vendor, op.ours);
        for (what, list) in [("parameter", &op.parameters), ("field", &op.fields)] {
            for f in list {
                let at = if f.at.is_empty() { "(body)" } else { &f.at };
                let detail = match (f.detail.is_empty(), &f.owner) {
                    (true, None) => String::new(),
                    (true, Some(o)) => format!(" (in `{o}`)"),
                    (false, None) => format!(" ({})", f.detail),
                    (false, Some(o)) => format!(" ({}; in `{o}`)", f.detail),
                };
                match &f.recorded {
                    None => {
                        let _ = writeln!(s, "- {} {what} `{at}`{detail}", f.kind.word());
                    }
                    Some(why) => {
                        let _ = writeln!(
                            s,
                            "- recorded: {} {what} `{at}`{detail}: {why}",
                            f.kind.word()
                        );
                    }
                }
            }
        }
        let _ = writeln!(s);
    }
    let _ = writeln!(
        s,
        "{clean} covered operation(s) agree with the document in parameters and success body."
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(yaml: &str) -> Value {
        parse_document("test", yaml).expect("document")
    }

    const THEIRS: &str = r##"{
      "openapi": "3.1.0",
      "servers": [{"url": "https://localhost/base/"}],
      "paths": {
        "/a/{SYSTEM-ID}/alerts": {
          "parameters": [{"name": "SYSTEM-ID", "in": "path", "required": true}],
          "get": {
            "operationId": "listAlerts",
            "parameters": [
              {"$ref": "#/components/parameters/Page"},
              {"name": "X-DD-AUTH-TOKEN", "in": "header"},
              {"name": "filter", "in": "query"}
            ],
            "responses": {"200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/AlertList"}}}}}
          },
          "post": {"responses": {"201": {"description": "ok"}}}
        },
        "/a/{SYSTEM-ID}/ha": {"get": {"operationId": "getHa", "responses": {"200": {"description": "ok"}}}},
        "/a/{SYSTEM-ID}/zz": {"get": {"operationId": "getZz", "responses": {"200": {"description": "ok"}}}}
      },
      "components": {
        "parameters": {"Page": {"name": "page", "in": "query"}},
        "schemas": {
          "AlertList": {"type": "object", "properties": {
            "alerts": {"type": "array", "items": {"$ref": "#/components/schemas/Alert"}},
            "paging_info": {"type": ["object", "null"], "properties": {"current_page": {"type": "integer"}}}
          }},
          "Alert": {"allOf": [
            {"type": "object", "properties": {"id": {"type": "string"}, "severity": {"type": "string", "enum": ["CRITICAL", "WARNING"]}}},
            {"type": "object", "properties": {"updated_epoch": {"type": "integer"}, "count": {"type": "integer"}, "partName": {"type": "string"},
              "detail": {"type": "object", "properties": {"auto_retention_period": {"type": "string"}}}}}
          ]}
        }
      }
    }"##;

    const OURS: &str = r##"
openapi: 3.0.3
servers: [{url: 'https://dd.example.com:3009'}]
x-audit:
  left-out:
    - {operation: 'GET /base/a/{S}/ha', reason: 'HA is configured on the appliance', source: 'ddmc.md'}
  ignored-parameters:
    - {parameter: 'header:x-dd-auth-token', reason: 'sent by sdk-auth'}
paths:
  /base/a/{system_id}/alerts:
    get:
      operationId: list_alerts
      parameters:
        - {name: system_id, in: path, required: true, schema: {type: string}}
        - {name: size, in: query, schema: {type: integer}}
      responses:
        '200': {content: {application/json: {schema: {$ref: '#/components/schemas/AlertList'}}}}
  /base/a/{system_id}/mine:
    get: {operationId: get_mine, responses: {'200': {description: ok}}}
  /other/thing:
    get: {operationId: get_other, responses: {'200': {description: ok}}}
components:
  schemas:
    AlertList:
      type: object
      properties:
        alerts: {type: array, items: {$ref: '#/components/schemas/Alert'}}
        paging_info: {type: object, properties: {current_page: {type: integer}}}
    Alert:
      type: object
      x-vendor-differences:
        - {field: partName, reason: 'never sent', source: 'payloads/ddmc/alerts.json'}
      properties:
        id: {type: string}
        severity: {type: string, enum: [CRITICAL, warning]}
        count: {type: string}
        detail: {type: object}
        link: {type: object}
"##;

    #[test]
    fn a_path_template_covers_literal_segments_either_way() {
        assert!(covers(
            "POST /r/{}/reports/{}",
            "POST /r/v1/reports/mspEPAlert"
        ));
        assert!(covers("POST /u/nas/jobs", "POST /u/{}/jobs"));
        assert!(!covers("POST /r/{}/reports/{}", "GET /r/v1/reports/x"));
        assert!(!covers("POST /r/{}/reports", "POST /r/v1/reports/x"));
        assert!(!covers("POST /r/{}/reports", "POST /r/v1/other"));
    }

    #[test]
    fn folds_parameter_names_and_trailing_slashes() {
        assert_eq!(fold("get", "/a/{SYSTEM-ID}/b/{ID}/"), "GET /a/{}/b/{}");
        assert_eq!(fold("GET", "/a/{system_id}/b/{id}"), "GET /a/{}/b/{}");
    }

    #[test]
    fn base_paths_from_servers() {
        for (url, base) in [
            ("https://apis.druva.com/", ""),
            ("//apis.druva.com/phoenix", "/phoenix"),
            ("https://apis.druva.com/realize/", "/realize"),
            ("/actifio", "/actifio"),
        ] {
            let d = serde_json::json!({"servers": [{"url": url}]});
            assert_eq!(base_path(&d), base, "{url}");
        }
        assert_eq!(base_path(&serde_json::json!({})), "");
    }

    #[test]
    fn operations_parameters_and_fields() {
        let a = audit(&doc(OURS), &doc(THEIRS));
        assert_eq!(a.total, 4);
        assert_eq!(a.covered.len(), 1);
        assert_eq!(
            a.missing,
            [
                "GET /base/a/{SYSTEM-ID}/zz (getZz)",
                "POST /base/a/{SYSTEM-ID}/alerts"
            ]
        );
        assert_eq!(a.left_out.len(), 1);
        assert!(a.left_out[0].1.contains("HA is configured"));
        assert!(a.left_out[0].1.contains("ddmc.md"));
        // In the document's scope (`/base/a`), not the unrelated `/other` path.
        assert_eq!(a.extra, ["GET /base/a/{system_id}/mine (get_mine)"]);

        let op = &a.covered[0];
        assert_eq!(op.ours, "list_alerts");
        let params: Vec<String> = op
            .parameters
            .iter()
            .map(|f| format!("{} {}", f.kind.word(), f.at))
            .collect();
        assert_eq!(
            params,
            [
                "missing query:filter",
                "missing query:page",
                "extra query:size"
            ]
        );
        let fields: Vec<String> = op
            .fields
            .iter()
            .map(|f| {
                format!(
                    "{} {} {}{}",
                    f.kind.word(),
                    f.at,
                    f.detail,
                    if f.recorded.is_some() {
                        " [recorded]"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        assert_eq!(
            fields,
            [
                "type /alerts/*/count ours string, theirs integer",
                "missing /alerts/*/partName string [recorded]",
                "enum /alerts/*/severity only theirs [\"WARNING\"], only ours [\"warning\"]",
                "missing /alerts/*/updated_epoch integer",
                "extra /alerts/*/link ",
            ]
        );
        assert_eq!(a.fields_missing(), 1);
        let line = summary_line("doc.json", &a);
        assert!(
            line.contains("operations covered 1 / 4 (25.0%)") && line.contains("fields missing 1"),
            "{line}"
        );
    }

    #[test]
    fn stale_left_out_records_are_reported() {
        let ours = OURS.replace("GET /base/a/{S}/ha", "GET /base/a/{S}/alerts");
        let a = audit(&doc(&ours), &doc(THEIRS));
        assert_eq!(a.stale.len(), 1, "{:?}", a.stale);
        assert!(a.stale[0].contains("list_alerts"));
    }

    #[test]
    fn operation_level_records_and_missing_body() {
        let ours = r##"
openapi: 3.0.3
paths:
  /x:
    get:
      operationId: get_x
      x-vendor-differences:
        - {field: '', reason: 'the wire sends no body'}
        - {parameter: 'query:q', reason: 'ignored by the server'}
      responses: {'204': {description: none}}
    put:
      operationId: put_x
      x-vendor-differences:
        - {field: a/b, reason: 'b is not sent'}
      responses:
        '200': {content: {application/json: {schema: {type: object, properties: {a: {type: object, properties: {c: {type: string}}}}}}}}
"##;
        let theirs = r##"
openapi: 3.0.1
paths:
  /x/:
    get:
      parameters: [{name: q, in: query}]
      responses: {'200': {content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}}
    put:
      responses:
        '200': {content: {application/json: {schema: {type: object, properties: {a: {type: object, properties: {b: {type: object, properties: {deep: {type: integer}}}, c: {type: [string, 'null']}}}}}}}}
"##;
        let a = audit(&doc(ours), &doc(theirs));
        assert_eq!(a.covered.len(), 2);
        let all: Vec<&Finding> = a
            .covered
            .iter()
            .flat_map(|o| o.parameters.iter().chain(&o.fields))
            .collect();
        assert_eq!(all.len(), 3, "{all:?}");
        assert!(all.iter().all(|f| f.recorded.is_some()), "{all:?}");
        assert_eq!(a.fields_missing(), 0);
        let report = render("d.yaml", "specs/x.yaml", &a);
        assert!(
            report.contains("recorded: missing field `/a/b`"),
            "{report}"
        );
        assert!(report.contains("operations covered 2 / 2 (100.0%)"));
    }

    #[test]
    fn free_form_objects_and_maps_keep_everything() {
        let ours = r##"
openapi: 3.0.3
paths:
  /x:
    get:
      responses:
        '200': {content: {application/json: {schema: {type: object, properties: {free: {type: object}, map: {type: object, additionalProperties: {type: string}}}}}}}
"##;
        let theirs = r##"
openapi: 3.0.1
paths:
  /x:
    get:
      responses:
        '200': {content: {application/json: {schema: {type: object, properties: {free: {type: object, properties: {a: {type: string}}}, map: {type: object, properties: {b: {type: string}}}}}}}}
"##;
        let a = audit(&doc(ours), &doc(theirs));
        assert!(a.covered[0].fields.is_empty(), "{:?}", a.covered[0].fields);
    }

    #[test]
    fn recursive_schemas_terminate() {
        let d = r##"
openapi: 3.0.3
paths:
  /x:
    get:
      responses:
        '200': {content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}}
components:
  schemas:
    Node: {type: object, properties: {name: {type: string}, children: {type: array, items: {$ref: '#/components/schemas/Node'}}}}
"##;
        let a = audit(&doc(d), &doc(d));
        assert!(a.covered[0].fields.is_empty());
    }
}
