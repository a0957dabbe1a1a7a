//! Each lint rule rejects the spec shape it exists for, naming the operation and the rule,
//! before progenitor can panic on it.

fn problems(paths_yaml: &str) -> Vec<String> {
    let yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n{paths_yaml}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{x: {{type: string}}}}}}\n    B: {{type: object, properties: {{y: {{type: string}}}}}}\n    L: {{type: object, properties: {{items: {{type: array, items: {{$ref: '#/components/schemas/A'}}}}}}}}\n"
    );
    document_problems(&yaml)
}

/// The lint's problems for a whole spec, as text.
fn document_problems(yaml: &str) -> Vec<String> {
    let spec = xtask::model::spec::parse("test.yaml", yaml).expect("parses");
    xtask::lint::lint(&xtask::model::Model::read(&spec))
        .iter()
        .map(|p| p.to_string())
        .collect()
}

const A: &str = "{application/json: {schema: {$ref: '#/components/schemas/A'}}}";
const B: &str = "{application/json: {schema: {$ref: '#/components/schemas/B'}}}";

fn single(p: &[String]) -> &str {
    assert_eq!(p.len(), 1, "expected exactly one problem, got {p:#?}");
    &p[0]
}

#[test]
fn a_clean_operation_passes() {
    let p = problems(&format!(
        "  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200': {{description: ok, content: {A}}}\n        '4XX': {{description: e, content: {B}}}\n        '5XX': {{description: e, content: {B}}}"
    ));
    assert!(p.is_empty(), "{p:#?}");
}

#[test]
fn missing_and_duplicate_operation_ids_are_named() {
    let p = problems(
        "  /a:\n    get:\n      responses: {'204': {description: ok}}\n    delete:\n      operationId: same\n      responses: {'204': {description: ok}}\n  /b:\n    delete:\n      operationId: same\n      responses: {'204': {description: ok}}",
    );
    assert_eq!(p.len(), 2, "{p:#?}");
    assert_eq!(p[0], "GET /a: [operation-id] GET /a has no operationId");
    assert_eq!(
        p[1],
        "same: [operation-id] operationId `same` is used by both DELETE /a and DELETE /b"
    );
}

#[test]
fn two_success_types_are_rejected() {
    let p = problems(&format!(
        "  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200': {{description: ok, content: {A}}}\n        '204': {{description: none}}"
    ));
    assert!(
        single(&p).starts_with(
            "get_a: [one-success-type] success responses 200/204 have 2 different body types"
        ),
        "{p:#?}"
    );
}

#[test]
fn two_error_types_are_rejected() {
    let p = problems(&format!(
        "  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200': {{description: ok, content: {A}}}\n        '400': {{description: e, content: {A}}}\n        '500': {{description: e, content: {B}}}"
    ));
    assert!(
        single(&p).starts_with(
            "get_a: [one-error-type] error responses 400/500 have 2 different body types"
        ),
        "{p:#?}"
    );
}

#[test]
fn default_with_another_schema_is_rejected() {
    let p = problems(&format!(
        "  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200': {{description: ok, content: {A}}}\n        default: {{description: e, content: {B}}}"
    ));
    assert!(
        single(&p).starts_with("get_a: [no-default-with-other-schema]"),
        "{p:#?}"
    );
}

#[test]
fn two_request_media_types_are_rejected() {
    let p = problems(&format!(
        "  /a:\n    post:\n      operationId: post_a\n      requestBody:\n        content:\n          application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}\n          application/xml: {{schema: {{$ref: '#/components/schemas/A'}}}}\n      responses:\n        '200': {{description: ok, content: {A}}}"
    ));
    assert!(
        single(&p).starts_with("post_a: [one-request-media-type] request body has 2 media types"),
        "{p:#?}"
    );
}

#[test]
fn options_is_generated_by_the_xtask_in_a_narrow_shape_and_trace_is_rejected() {
    let ok = problems(&format!(
        "  /a/{{id}}:\n    options:\n      operationId: options_a\n      parameters:\n        - {{name: id, in: path, required: true, schema: {{type: string}}}}\n      responses:\n        '200': {{description: ok, content: {A}}}\n        '4XX': {{description: e, content: {B}}}"
    ));
    assert!(ok.is_empty(), "{ok:#?}");
    let p = problems(&format!(
        "  /a:\n    options:\n      operationId: options_a\n      parameters:\n        - {{name: n, in: query, schema: {{type: integer}}}}\n      responses:\n        '200': {{description: ok, content: {A}}}"
    ));
    assert_eq!(
        single(&p),
        "options_a: [options] parameter `n`: OPTIONS operations take string parameters only"
    );
    let p = problems(
        "  /a:\n    options:\n      operationId: options_a\n      responses:\n        '204': {description: ok}",
    );
    assert!(
        single(&p).starts_with("options_a: [options] the success response must be JSON"),
        "{p:#?}"
    );
    let p = problems(&format!(
        "  /a:\n    trace:\n      operationId: trace_a\n      responses:\n        '200': {{description: ok, content: {A}}}"
    ));
    assert!(single(&p).starts_with("trace_a: [no-trace]"), "{p:#?}");
}

#[test]
fn pagination_must_name_real_fields_and_parameters() {
    let p = problems(&format!(
        "  /a:\n    get:\n      operationId: list_a\n      x-pagination: {{style: offset-limit, items: things}}\n      parameters:\n        - {{name: offset, in: query, schema: {{type: integer}}}}\n        - {{name: limit, in: query, schema: {{type: integer}}}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/L'}}}}}}}}\n        '4XX': {{description: e, content: {B}}}"
    ));
    assert_eq!(
        single(&p),
        "list_a: [x-pagination] `L` has no property `things` (x-pagination.items)"
    );
    let p = problems(&format!(
        "  /a:\n    get:\n      operationId: list_a\n      x-pagination: {{style: offset-limit, items: items}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/L'}}}}}}}}\n        '4XX': {{description: e, content: {B}}}"
    ));
    assert_eq!(
        single(&p),
        "list_a: [x-pagination] style needs an optional query parameter `offset`"
    );
}

#[test]
fn progenitor_panics_become_errors() {
    // A cookie parameter is linted; a shape the lint does not know must still not crash the xtask.
    let yaml = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let err = xtask::generate_from_str("bad.yaml", yaml, "x").expect_err("3.1 is refused");
    assert!(err.contains("openapi-3.0"), "{err}");
}

#[test]
fn count_header_needs_a_header_name_and_head_parameters_the_list_has() {
    let spec = |header: &str, head_param: &str| {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\nx-count-header: {header}\npaths:\n  /a:\n    get:\n      operationId: list_a\n      x-pagination: {{style: offset-limit, items: items}}\n      parameters:\n        - {{name: offset, in: query, schema: {{type: integer}}}}\n        - {{name: limit, in: query, schema: {{type: integer}}}}\n        - {{name: filter, in: query, schema: {{type: string}}}}\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{$ref: '#/components/schemas/L'}}}}}}}}\n        '4XX': {{description: e, content: {{application/json: {{schema: {{$ref: '#/components/schemas/A'}}}}}}}}\n    head:\n      operationId: count_a\n      parameters:\n        - {head_param}\n      responses:\n        '204': {{description: counted}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{x: {{type: string}}}}}}\n    L: {{type: object, properties: {{items: {{type: array, items: {{$ref: '#/components/schemas/A'}}}}}}}}\n"
        );
        document_problems(&yaml)
    };
    let same = "{name: filter, in: query, schema: {type: string}}";
    let clean = spec("Item-Count", same);
    assert!(clean.is_empty(), "{clean:#?}");
    assert_eq!(
        single(&spec("Item Count", same)),
        "document: [x-count-header] `x-count-header` must be a header name (letters, digits, `-`)"
    );
    assert_eq!(
        single(&spec(
            "Item-Count",
            "{name: filter, in: query, schema: {type: integer}}"
        )),
        "document: [x-count-header] count_a: parameter `filter` is not a parameter of list_a with the same schema, so `count()` cannot pass it on (x-count-header)"
    );
}

/// The bug that reached `specs/druva.yaml`: in YAML flow style an unquoted `, ` ends the value,
/// so `description` read `When true` and the rest became a key openapiv3 dropped.
const STRAY_KEY_SPEC: &str = "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    ApiError:
      type: object
      properties:
        retryable: {type: boolean, description: When true, retry with exponential backoff.}
";

#[test]
fn a_key_openapi_does_not_define_is_named_by_its_pointer() {
    let p: Vec<String> = xtask::lint::lint_keys(STRAY_KEY_SPEC)
        .expect("yaml")
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        single(&p),
        "document: [openapi-keys] `/components/schemas/ApiError/properties/retryable/retry with exponential backoff.`: \
         not a field of the Schema object in OpenAPI 3.0.3 (extensions start with `x-`; quote a value that contains `, ` or `: ` in flow style)"
    );
    // openapiv3 alone accepts the document: only the key rule sees the bug.
    let spec = xtask::model::spec::parse("t.yaml", STRAY_KEY_SPEC).expect("openapiv3 parses it");
    assert!(xtask::lint::lint(&xtask::model::Model::read(&spec)).is_empty());
}

#[test]
fn generation_fails_on_a_stray_key() {
    let err = xtask::generate_from_str("t.yaml", STRAY_KEY_SPEC, "crate").expect_err("rejected");
    assert!(err.starts_with("t.yaml breaks 1 rule(s):"), "{err}");
    assert!(
        err.contains(
            "/components/schemas/ApiError/properties/retryable/retry with exponential backoff."
        ),
        "{err}"
    );
}

#[test]
fn every_tag_names_its_area_and_every_operation_tag_is_declared() {
    let spec = |tags: &str, op_tag: &str| {
        let yaml = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\ntags:\n{tags}\npaths:\n  /a:\n    get:\n      operationId: get_a\n      tags: [{op_tag}]\n      responses:\n        '200': {{description: ok, content: {A}}}\n        '4XX': {{description: e, content: {B}}}\ncomponents:\n  schemas:\n    A: {{type: object, properties: {{x: {{type: string}}}}}}\n    B: {{type: object, properties: {{y: {{type: string}}}}}}\n"
        );
        let spec = xtask::model::spec::parse("test.yaml", &yaml).expect("parses");
        let model = xtask::model::Model::read(&spec);
        let problems: Vec<String> = xtask::lint::lint(&model)
            .iter()
            .map(|p| p.to_string())
            .collect();
        (problems, model.areas)
    };
    let (clean, areas) = spec(
        "  - {name: a, x-area: letters}\n  - {name: login, x-area: always}",
        "a",
    );
    assert!(clean.is_empty(), "{clean:#?}");
    assert_eq!(areas.areas, ["letters"]);
    assert_eq!(areas.operations["get_a"].as_deref(), Some("letters"));
    assert_eq!(
        single(&spec("  - {name: a}", "a").0),
        "tag `a`: [x-area] tag `a` has no `x-area`: name the API area (cargo feature) it belongs to, or `always`"
    );
    assert_eq!(
        single(&spec("  - {name: a, x-area: letters}", "b").0),
        "get_a: [x-area] tag `b` is not declared in the top-level `tags:` list (with its `x-area`)"
    );
    assert!(
        single(&spec("  - {name: a, x-area: mock}", "a").0).contains("not a usable feature name")
    );
}

#[test]
fn two_properties_that_would_be_one_rust_field_are_named() {
    let yaml = format!(
        "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths:\n  /a:\n    get:\n      operationId: get_a\n      responses:\n        '200': {{description: ok, content: {A}}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        devices:\n          type: array\n          items: {{type: object, properties: {{userId: {{type: integer}}, userID: {{type: integer}}}}}}\n"
    );
    let p = document_problems(&yaml);
    assert_eq!(
        single(&p),
        "document: [field-names] `/components/schemas/A/properties/devices/items`: properties `userId` and `userID` \
         would both be the Rust field `user_id`; give one an `x-rust-name`"
    );
}

#[test]
fn a_keyword_property_and_its_at_sign_twin_are_one_rust_field() {
    let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    C: {type: object, properties: {'@type': {type: string}, type: {type: string}, name: {type: string}}}\n";
    let p = document_problems(yaml);
    assert_eq!(
        single(&p),
        "document: [field-names] `/components/schemas/C`: properties `@type` and `type` \
         would both be the Rust field `type_`; give one an `x-rust-name`"
    );
}

#[test]
fn a_password_that_would_stay_a_string_is_named() {
    let yaml = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    P: {type: object, properties: {ok: {type: string, format: password, description: fine}, pin: {type: string, format: password, pattern: '^[0-9]+$'}}}\n";
    let p = document_problems(yaml);
    assert_eq!(
        single(&p),
        "document: [password] `/components/schemas/P/properties/pin`: a `format: password` string with a pattern, \
         enum, length, `nullable` or extension would stay a plain `String` (its value shown by `Debug`); keep only \
         `type`, `format` and the description"
    );
}
