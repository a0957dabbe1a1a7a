//! `x-pagination`: how a list operation pages, read and checked once per operation.
//!
//! The extension names the paging style (`page-size`, `offset-limit`, `page-token`, `tracker`,
//! `page-number`) and the parameters and response properties it uses;
//! [`Pagination::from_operation`] (called by `Model::read` only) resolves each of them against
//! the operation and its schemas, so that the stream emitter (`emit::streams`), the counts
//! (`model::counts`) and the command line (`emit::cli`) read a checked [`Pagination`].

use heck::ToPascalCase;
use openapiv3::{OpenAPI, ReferenceOr};

use crate::model::spec::{self, Op};

/// How a list operation pages, read from its `x-pagination` extension.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Style {
    /// DDMC: 0-based `page` and `size` query parameters; totals in a paging-info object.
    PageSize {
        /// Property of the body holding `{current_page, page_entries, total_entries, page_size}`.
        paging_info: String,
    },
    /// Management console (and Druva AWS Native): an offset and a page size in the query.
    OffsetLimit {
        /// Query parameter of the index of the first item (`offset`).
        offset_param: String,
        /// Query parameter of the page size (`limit` on the console, `pageSize` on AWS Native).
        limit_param: String,
        /// Page size `stream()` asks for (`max-page-size`; 1000 when not given).
        default_size: u32,
    },
    /// Druva: an opaque next-page token echoed back in a query parameter or body property.
    PageToken {
        /// Name of the query parameter or body property that carries the token.
        token_param: String,
        /// Whether the token goes in the query or in the JSON body.
        in_body: bool,
        /// Property of the response holding the next token.
        next_token: String,
        /// `style: tracker` (inSync events): boolean property of the response saying whether
        /// another page waits (`nextPageExists`); the walk stops when it is false or absent.
        more_flag: Option<String>,
        /// `token-replaces-filters: true` (Platform events): later pages send the token alone
        /// (the token carries the filters and page size), keeping only these path and header
        /// parameters (their builder field names).
        replaces_filters: Option<Vec<String>>,
    },
    /// Druva legal hold v4 and eDiscovery lists: 1-based page numbers.
    PageNumber {
        /// Query parameter of the 1-based page number (`pageNumber`).
        page_param: String,
        /// Query parameter of the page size (`pageSize`).
        size_param: String,
        /// Where the response says how many pages there are (`pageInfo.totalPages`), if it does.
        total_pages: Option<FieldPath>,
        /// Page size `stream()` asks for (the API's maximum).
        default_size: u32,
    },
}

/// A property path from a response body to a field (`results.usersList`), each step with
/// whether the generated field is an `Option` (not required, or nullable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath(pub Vec<(String, bool)>);

/// Resolves a dotted property path (`pageInfo.totalPages`) from `object`; the error names the
/// missing step. Returns the path and the schema of its last property.
fn field_path<'a>(
    spec: &'a OpenAPI,
    object: &'a openapiv3::Schema,
    object_name: &str,
    dotted: &str,
    key: &str,
) -> Result<(FieldPath, &'a ReferenceOr<Box<openapiv3::Schema>>), String> {
    let mut steps = Vec::new();
    let mut current = object;
    let mut current_name = object_name.to_string();
    let mut last = None;
    for name in dotted.split('.') {
        if let Some(prev) = last {
            current = spec::resolve(spec, prev).ok_or_else(|| {
                format!("`{current_name}` is not an object schema (x-pagination.{key} `{dotted}`)")
            })?;
        }
        let (schema, required) = spec::property(spec, current, name).ok_or_else(|| {
            if dotted.contains('.') {
                format!("`{current_name}` has no property `{name}` (x-pagination.{key} `{dotted}`)")
            } else {
                format!("`{current_name}` has no property `{name}` (x-pagination.{key})")
            }
        })?;
        let nullable = spec::resolve(spec, schema).is_some_and(|s| s.schema_data.nullable);
        steps.push((name.to_string(), !required || nullable));
        current_name = format!("{current_name}.{name}");
        last = Some(schema);
    }
    let last = last.ok_or_else(|| format!("`x-pagination.{key}` is empty"))?;
    Ok((FieldPath(steps), last))
}

/// Everything needed to emit one operation's item stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pagination {
    /// progenitor's builder struct name for the operation.
    pub builder: String,
    /// Rust type of one item.
    pub item_type: String,
    /// Rust type of the operation's error body.
    pub error_type: String,
    /// Property of the response holding the item array (dotted when nested: `results.usersList`).
    pub items: String,
    /// The same as a resolved path.
    pub items_path: FieldPath,
    /// The paging style.
    pub style: Style,
}

fn bool_field(ext: &serde_json::Value, key: &str) -> Result<bool, String> {
    match ext.get(key) {
        None => Ok(false),
        Some(v) => v
            .as_bool()
            .ok_or_else(|| format!("`x-pagination.{key}` must be `true` or `false`")),
    }
}

fn str_field<'a>(ext: &'a serde_json::Value, key: &str) -> Result<&'a str, String> {
    ext.get(key)
        .and_then(|v| v.as_str())
        .ok_or_else(|| format!("`x-pagination.{key}` is missing or not a string"))
}

impl Pagination {
    /// Reads and validates the `x-pagination` extension of `op`; `Ok(None)` when there is none.
    pub fn from_operation(spec: &OpenAPI, op: &Op<'_>) -> Result<Option<Pagination>, String> {
        let Some(ext) = op.op.extensions.get("x-pagination") else {
            return Ok(None);
        };
        let Some(op_id) = &op.op.operation_id else {
            return Err("needs an operationId".into());
        };
        let items = str_field(ext, "items")?.to_string();
        let query_params: Vec<String> = op
            .op
            .parameters
            .iter()
            .filter_map(|p| spec::parameter(spec, p))
            .filter(|p| matches!(p, openapiv3::Parameter::Query { .. }))
            .map(|p| p.parameter_data_ref().name.clone())
            .collect();
        let need_query = |names: &[&str]| -> Result<(), String> {
            for n in names {
                if !query_params.iter().any(|q| q == n) {
                    return Err(format!("style needs an optional query parameter `{n}`"));
                }
            }
            Ok(())
        };
        let success = spec::success_schema_name(spec, op.op)
            .ok_or("the success response must be a `$ref` to a component schema")?;
        let success_schema = spec::schema(spec, success)
            .ok_or_else(|| format!("schema `{success}` does not resolve"))?;
        let (items_path, items_schema) =
            field_path(spec, success_schema, success, &items, "items")?;
        let item = spec::array_item_ref(spec, items_schema).ok_or_else(|| {
            format!("`{success}.{items}` must be an array whose items are a `$ref`")
        })?;
        let error = spec::error_schema_name(spec, op.op)
            .ok_or("needs a 4XX/5XX response whose body is a `$ref` (the stream's error type)")?;
        let style = match str_field(ext, "style")? {
            "page-size" => {
                need_query(&["page", "size"])?;
                let paging_info = str_field(ext, "paging-info")?.to_string();
                match spec::property(spec, success_schema, &paging_info) {
                    None => {
                        return Err(format!(
                            "`{success}` has no property `{paging_info}` (x-pagination.paging-info)"
                        ));
                    }
                    Some((_, true)) => {
                        return Err(format!("`{success}.{paging_info}` must be optional"));
                    }
                    Some(_) => {}
                }
                Style::PageSize { paging_info }
            }
            "offset-limit" => {
                let name = |key: &str, default: &str| -> Result<String, String> {
                    match ext.get(key) {
                        None => Ok(default.to_string()),
                        Some(_) => str_field(ext, key).map(str::to_string),
                    }
                };
                let offset_param = name("offset-param", "offset")?;
                let limit_param = name("limit-param", "limit")?;
                need_query(&[offset_param.as_str(), limit_param.as_str()])?;
                let default_size = match ext.get("max-page-size") {
                    None => 1000,
                    Some(v) => v
                        .as_u64()
                        .and_then(|v| u32::try_from(v).ok())
                        .filter(|v| *v > 0)
                        .ok_or("`x-pagination.max-page-size` is not a positive integer")?,
                };
                Style::OffsetLimit {
                    offset_param,
                    limit_param,
                    default_size,
                }
            }
            style @ ("page-token" | "tracker") => {
                let tracker = style == "tracker";
                let token_param = str_field(ext, "token-param")?.to_string();
                let next_token = str_field(ext, "next-token")?.to_string();
                if spec::property(spec, success_schema, &next_token).is_none() {
                    return Err(format!(
                        "`{success}` has no property `{next_token}` (x-pagination.next-token)"
                    ));
                }
                let more_flag = if tracker {
                    let flag = str_field(ext, "more-flag")?.to_string();
                    let (schema, _) =
                        spec::property(spec, success_schema, &flag).ok_or_else(|| {
                            format!("`{success}` has no property `{flag}` (x-pagination.more-flag)")
                        })?;
                    let boolean = spec::resolve(spec, schema).is_some_and(|s| {
                        matches!(
                            s.schema_kind,
                            openapiv3::SchemaKind::Type(openapiv3::Type::Boolean(_))
                        )
                    });
                    if !boolean {
                        return Err(format!(
                            "`{success}.{flag}` must be a boolean (x-pagination.more-flag)"
                        ));
                    }
                    Some(flag)
                } else if ext.get("more-flag").is_some() {
                    return Err("`x-pagination.more-flag` needs `style: tracker`".into());
                } else {
                    None
                };
                let replaces = bool_field(ext, "token-replaces-filters")?;
                if replaces && (tracker || str_field(ext, "token-in")? != "query") {
                    return Err(
                        "`x-pagination.token-replaces-filters` needs `style: page-token` and `token-in: query`"
                            .into(),
                    );
                }
                let replaces_filters = replaces.then(|| {
                    op.op
                        .parameters
                        .iter()
                        .filter_map(|p| spec::parameter(spec, p))
                        .filter(|p| {
                            matches!(
                                p,
                                openapiv3::Parameter::Path { .. }
                                    | openapiv3::Parameter::Header { .. }
                            )
                        })
                        .map(|p| p.parameter_data_ref().name.clone())
                        .collect()
                });
                let token_in = if tracker {
                    "query"
                } else {
                    str_field(ext, "token-in")?
                };
                let in_body = match token_in {
                    "query" => {
                        need_query(&[token_param.as_str()])?;
                        false
                    }
                    "body" => {
                        let body = op
                            .op
                            .request_body
                            .as_ref()
                            .and_then(|b| spec::request_body(spec, b))
                            .ok_or("token-in: body needs a request body")?;
                        let schema_name = body
                            .content
                            .values()
                            .next()
                            .and_then(|mt| match mt.schema.as_ref()? {
                                ReferenceOr::Reference { reference } => spec::ref_name(reference, "schemas"),
                                ReferenceOr::Item(_) => None,
                            })
                            .ok_or("token-in: body needs a request body that is a `$ref` to a component schema")?;
                        let body_schema = spec::schema(spec, schema_name)
                            .ok_or_else(|| format!("schema `{schema_name}` does not resolve"))?;
                        if spec::property(spec, body_schema, &token_param).is_none() {
                            return Err(format!(
                                "request body `{schema_name}` has no property `{token_param}`"
                            ));
                        }
                        true
                    }
                    other => {
                        return Err(format!(
                            "`x-pagination.token-in` is `{other}`; expected `query` or `body`"
                        ));
                    }
                };
                Style::PageToken {
                    token_param,
                    in_body,
                    next_token,
                    more_flag,
                    replaces_filters,
                }
            }
            "page-number" => {
                let page_param = str_field(ext, "page-param")?.to_string();
                let size_param = str_field(ext, "size-param")?.to_string();
                need_query(&[page_param.as_str(), size_param.as_str()])?;
                let total_pages = match ext.get("total-pages") {
                    None => None,
                    Some(_) => {
                        let dotted = str_field(ext, "total-pages")?;
                        Some(field_path(spec, success_schema, success, dotted, "total-pages")?.0)
                    }
                };
                let default_size = ext
                    .get("max-page-size")
                    .and_then(|v| v.as_u64())
                    .and_then(|v| u32::try_from(v).ok())
                    .filter(|v| *v > 0)
                    .ok_or("`x-pagination.max-page-size` is missing or not a positive integer")?;
                Style::PageNumber {
                    page_param,
                    size_param,
                    total_pages,
                    default_size,
                }
            }
            other => {
                return Err(format!(
                    "`x-pagination.style` is `{other}`; expected `page-size`, `offset-limit`, `page-token`, `tracker` or `page-number`"
                ));
            }
        };
        Ok(Some(Pagination {
            builder: op_id.to_pascal_case(),
            item_type: item.to_pascal_case(),
            error_type: error.to_pascal_case(),
            items,
            items_path,
            style,
        }))
    }
}

#[cfg(test)]
mod tests {
    /// The `x-pagination` problems of a one-operation spec (`GET /a`, op `list_a`, answering
    /// `P`, whose `results.list` holds `A`s and `info.pages` the page count).
    fn problems(pagination: &str, params: &str) -> Vec<String> {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a/{{v}}:\n    get:\n      operationId: list_a\n      x-pagination: {pagination}\n      parameters:\n        - {{name: v, in: path, required: true, schema: {{type: string}}}}\n{params}      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/P'}}}}}}}}\n        '4XX': {{description: e, content: {{application/json: {{schema: {{$ref: '#/components/schemas/E'}}}}}}}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{x: {{type: string}}}}}}\n    E: {{type: object, properties: {{m: {{type: string}}}}}}\n    R: {{type: object, properties: {{list: {{type: array, items: {{$ref: '#/components/schemas/A'}}}}}}}}\n    I: {{type: object, properties: {{pages: {{type: integer}}}}}}\n    P: {{type: object, properties: {{results: {{$ref: '#/components/schemas/R'}}, info: {{$ref: '#/components/schemas/I'}}, token: {{type: string}}, more: {{type: boolean}}, items: {{type: array, items: {{$ref: '#/components/schemas/A'}}}}}}}}\n"
        );
        let spec = crate::model::spec::parse("t.yaml", &yaml).expect("parses");
        crate::lint::lint(&crate::model::Model::read(&spec))
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    const PAGED: &str = "        - {name: pageNumber, in: query, schema: {type: integer}}\n        - {name: pageSize, in: query, schema: {type: integer}}\n";
    const TOKEN: &str = "        - {name: t, in: query, schema: {type: string}}\n        - {name: f, in: query, schema: {type: string}}\n";
    const OFFSET: &str = "        - {name: offset, in: query, schema: {type: integer}}\n        - {name: pageSize, in: query, schema: {type: integer}}\n";

    #[test]
    fn offset_paging_names_its_page_size_parameter() {
        assert_eq!(
            problems(
                "{style: offset-limit, items: items, limit-param: pageSize, max-page-size: 100}",
                OFFSET
            ),
            Vec::<String>::new()
        );
        for (pagination, expected) in [
            (
                "{style: offset-limit, items: items}",
                "list_a: [x-pagination] style needs an optional query parameter `limit`",
            ),
            (
                "{style: offset-limit, items: items, limit-param: pageSize, offset-param: start}",
                "list_a: [x-pagination] style needs an optional query parameter `start`",
            ),
            (
                "{style: offset-limit, items: items, limit-param: pageSize, max-page-size: 0}",
                "list_a: [x-pagination] `x-pagination.max-page-size` is not a positive integer",
            ),
        ] {
            assert_eq!(
                problems(pagination, OFFSET),
                [expected.to_string()],
                "{pagination}"
            );
        }
    }

    #[test]
    fn the_druva_styles_pass_when_their_fields_exist() {
        for (pagination, params) in [
            (
                "{style: page-number, items: results.list, page-param: pageNumber, size-param: pageSize, total-pages: info.pages, max-page-size: 500}",
                PAGED,
            ),
            (
                "{style: tracker, items: items, token-param: t, next-token: token, more-flag: more}",
                TOKEN,
            ),
            (
                "{style: page-token, items: items, token-param: t, token-in: query, next-token: token, token-replaces-filters: true}",
                TOKEN,
            ),
        ] {
            assert_eq!(
                problems(pagination, params),
                Vec::<String>::new(),
                "{pagination}"
            );
        }
    }

    #[test]
    fn a_missing_field_is_named_with_the_operation() {
        let cases = [
            (
                "{style: page-number, items: results.lost, page-param: pageNumber, size-param: pageSize, max-page-size: 500}",
                PAGED,
                "list_a: [x-pagination] `P.results` has no property `lost` (x-pagination.items `results.lost`)",
            ),
            (
                "{style: page-number, items: results.list, page-param: pageNumber, size-param: pageSize, total-pages: info.total, max-page-size: 500}",
                PAGED,
                "list_a: [x-pagination] `P.info` has no property `total` (x-pagination.total-pages `info.total`)",
            ),
            (
                "{style: page-number, items: results.list, page-param: page, size-param: pageSize, max-page-size: 500}",
                PAGED,
                "list_a: [x-pagination] style needs an optional query parameter `page`",
            ),
            (
                "{style: page-number, items: results.list, page-param: pageNumber, size-param: pageSize}",
                PAGED,
                "list_a: [x-pagination] `x-pagination.max-page-size` is missing or not a positive integer",
            ),
            (
                "{style: tracker, items: items, token-param: t, next-token: token, more-flag: nextPageExists}",
                TOKEN,
                "list_a: [x-pagination] `P` has no property `nextPageExists` (x-pagination.more-flag)",
            ),
            (
                "{style: tracker, items: items, token-param: t, next-token: token, more-flag: token}",
                TOKEN,
                "list_a: [x-pagination] `P.token` must be a boolean (x-pagination.more-flag)",
            ),
            (
                "{style: page-token, items: items, token-param: t, token-in: query, next-token: token, more-flag: more}",
                TOKEN,
                "list_a: [x-pagination] `x-pagination.more-flag` needs `style: tracker`",
            ),
            (
                "{style: page-token, items: items, token-param: t, token-in: query, next-token: token, token-replaces-filters: yes}",
                TOKEN,
                "list_a: [x-pagination] `x-pagination.token-replaces-filters` must be `true` or `false`",
            ),
        ];
        for (pagination, params, expected) in cases {
            assert_eq!(
                problems(pagination, params),
                [expected.to_string()],
                "{pagination}"
            );
        }
    }
}
