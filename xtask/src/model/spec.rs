//! Reading a spec: parsing, and the small queries on raw schemas the model, the lint and the
//! emitters need.

use openapiv3::{
    MediaType, OpenAPI, Operation, Parameter, ReferenceOr, RequestBody, Response, Schema,
    SchemaKind, StatusCode, Type,
};

/// Parses a spec from YAML, naming the spec in the error.
pub fn parse(spec_name: &str, yaml: &str) -> Result<OpenAPI, String> {
    yaml_serde::from_str(yaml)
        .map_err(|e| format!("{spec_name} is not a valid OpenAPI 3.0 document: {e}"))
}

/// One operation of a spec with where it lives.
#[derive(Debug, Clone, Copy)]
pub struct Op<'a> {
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'a str,
    /// The operation itself.
    pub op: &'a Operation,
}

impl Op<'_> {
    /// `operationId`, or `METHOD path` when it has none, for messages.
    pub fn name(&self) -> String {
        match &self.op.operation_id {
            Some(id) => id.clone(),
            None => format!("{} {}", self.method, self.path),
        }
    }
}

/// Every operation in document order, including methods progenitor cannot handle.
pub fn operations(spec: &OpenAPI) -> Vec<Op<'_>> {
    let mut out = Vec::new();
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        let methods: [(&'static str, &Option<Operation>); 8] = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("OPTIONS", &item.options),
            ("HEAD", &item.head),
            ("PATCH", &item.patch),
            ("TRACE", &item.trace),
        ];
        for (method, op) in methods {
            if let Some(op) = op {
                out.push(Op { method, path, op });
            }
        }
    }
    out
}

/// Whether a string schema has `format: password` (what becomes `sdk_auth::Password`).
pub fn is_password(string: &openapiv3::StringType) -> bool {
    match &string.format {
        openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Password) => true,
        openapiv3::VariantOrUnknownOrEmpty::Unknown(f) => f == "password",
        _ => false,
    }
}

/// Resolves a `#/components/<kind>/<name>` reference to its name.
pub fn ref_name<'a>(reference: &'a str, kind: &str) -> Option<&'a str> {
    reference.strip_prefix(&format!("#/components/{kind}/"))
}

/// Looks up a response, following a `$ref` into `components/responses`.
pub fn response<'a>(spec: &'a OpenAPI, r: &'a ReferenceOr<Response>) -> Option<&'a Response> {
    match r {
        ReferenceOr::Item(r) => Some(r),
        ReferenceOr::Reference { reference } => {
            let name = ref_name(reference, "responses")?;
            match spec.components.as_ref()?.responses.get(name)? {
                ReferenceOr::Item(r) => Some(r),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// Looks up a request body, following a `$ref` into `components/requestBodies`.
pub fn request_body<'a>(
    spec: &'a OpenAPI,
    r: &'a ReferenceOr<RequestBody>,
) -> Option<&'a RequestBody> {
    match r {
        ReferenceOr::Item(r) => Some(r),
        ReferenceOr::Reference { reference } => {
            let name = ref_name(reference, "requestBodies")?;
            match spec.components.as_ref()?.request_bodies.get(name)? {
                ReferenceOr::Item(r) => Some(r),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// Looks up a parameter, following a `$ref` into `components/parameters`.
pub fn parameter<'a>(spec: &'a OpenAPI, r: &'a ReferenceOr<Parameter>) -> Option<&'a Parameter> {
    match r {
        ReferenceOr::Item(p) => Some(p),
        ReferenceOr::Reference { reference } => {
            let name = ref_name(reference, "parameters")?;
            match spec.components.as_ref()?.parameters.get(name)? {
                ReferenceOr::Item(p) => Some(p),
                ReferenceOr::Reference { .. } => None,
            }
        }
    }
}

/// Looks up a named component schema.
pub fn schema<'a>(spec: &'a OpenAPI, name: &str) -> Option<&'a Schema> {
    match spec.components.as_ref()?.schemas.get(name)? {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => schema(spec, ref_name(reference, "schemas")?),
    }
}

/// A stable identity for the body type of a response: `None` for no body, else media kind and schema.
pub fn body_identity(content: &indexmap_like::Content) -> Option<String> {
    let (media, mt) = content.iter().next()?;
    let kind = if media == "application/json" || media.ends_with("+json") {
        "json"
    } else {
        "raw"
    };
    Some(format!("{kind}:{}", schema_identity(mt)))
}

fn schema_identity(mt: &MediaType) -> String {
    match &mt.schema {
        None => "<no schema>".to_string(),
        Some(ReferenceOr::Reference { reference }) => reference.clone(),
        Some(ReferenceOr::Item(s)) => serde_json::to_string(s).unwrap_or_default(),
    }
}

/// Responses of one class, with their status labels (`200`, `4XX`...).
pub type Responses<'a> = Vec<(String, &'a ReferenceOr<Response>)>;

/// Response classes of an operation: the 2xx (and 1xx/3xx) ones, then the 4xx/5xx ones.
pub fn responses_by_class(op: &Operation) -> (Responses<'_>, Responses<'_>) {
    let mut success = Vec::new();
    let mut error = Vec::new();
    for (code, r) in &op.responses.responses {
        let (label, class) = match code {
            StatusCode::Code(c) => (c.to_string(), c / 100),
            StatusCode::Range(r) => (format!("{r}XX"), *r),
        };
        match class {
            1..=3 => success.push((label, r)),
            _ => error.push((label, r)),
        }
    }
    (success, error)
}

/// The `$ref` name of the JSON schema of an operation's first 2xx response, if it is a reference.
pub fn success_schema_name<'a>(spec: &'a OpenAPI, op: &'a Operation) -> Option<&'a str> {
    let (success, _) = responses_by_class(op);
    success.iter().find_map(|(code, r)| {
        if !code.starts_with('2') {
            return None;
        }
        body_ref(spec, r)
    })
}

/// The `$ref` name of the JSON schema of an operation's first 4xx/5xx response, if any.
pub fn error_schema_name<'a>(spec: &'a OpenAPI, op: &'a Operation) -> Option<&'a str> {
    let (_, error) = responses_by_class(op);
    error.iter().find_map(|(_, r)| body_ref(spec, r))
}

fn body_ref<'a>(spec: &'a OpenAPI, r: &'a ReferenceOr<Response>) -> Option<&'a str> {
    let (_, mt) = response(spec, r)?.content.iter().next()?;
    match mt.schema.as_ref()? {
        ReferenceOr::Reference { reference } => ref_name(reference, "schemas"),
        ReferenceOr::Item(_) => None,
    }
}

/// A property of an object schema: its schema and whether it is required.
pub fn property<'a>(
    spec: &'a OpenAPI,
    object: &'a Schema,
    name: &str,
) -> Option<(&'a ReferenceOr<Box<Schema>>, bool)> {
    match &object.schema_kind {
        SchemaKind::Type(Type::Object(o)) => {
            let p = o.properties.get(name)?;
            Some((p, o.required.iter().any(|r| r == name)))
        }
        SchemaKind::AllOf { all_of } => all_of.iter().find_map(|s| match s {
            ReferenceOr::Item(s) => property(spec, s, name),
            ReferenceOr::Reference { reference } => {
                property(spec, schema(spec, ref_name(reference, "schemas")?)?, name)
            }
        }),
        _ => None,
    }
}

/// The schema of a property, following a `$ref` into the component schemas.
pub fn resolve<'a>(spec: &'a OpenAPI, s: &'a ReferenceOr<Box<Schema>>) -> Option<&'a Schema> {
    match s {
        ReferenceOr::Item(s) => Some(s.as_ref()),
        ReferenceOr::Reference { reference } => schema(spec, ref_name(reference, "schemas")?),
    }
}

/// If `s` is an array whose items are a `$ref`, the referenced schema name.
pub fn array_item_ref<'a>(spec: &'a OpenAPI, s: &'a ReferenceOr<Box<Schema>>) -> Option<&'a str> {
    let s = match s {
        ReferenceOr::Item(s) => s.as_ref(),
        ReferenceOr::Reference { reference } => schema(spec, ref_name(reference, "schemas")?)?,
    };
    match &s.schema_kind {
        SchemaKind::Type(Type::Array(a)) => match a.items.as_ref()? {
            ReferenceOr::Reference { reference } => ref_name(reference, "schemas"),
            ReferenceOr::Item(_) => None,
        },
        _ => None,
    }
}

/// Re-export of the content map type so callers need not name indexmap.
pub mod indexmap_like {
    /// The `content` map of a response or request body.
    pub type Content = openapiv3::Content;
}
