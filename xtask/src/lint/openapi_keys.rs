//! The `openapi-keys` rule: every key of every object in a spec is one OpenAPI 3.0.3 defines for
//! that object (or an `x-` extension where the object allows extensions).
//!
//! openapiv3 ignores keys it does not know, so a typo (`requried`), a key at the wrong level, or
//! YAML that splits a value in two (`{description: When true, retry.}` is a `description` and a
//! key `retry.`) is silently lost. This rule walks the raw YAML document, following the object
//! types of the OpenAPI 3.0.3 specification, and names each such key by its JSON pointer. Maps
//! whose keys are names (paths, schema `properties`, response codes, media types, component
//! names, security requirement names, OAuth scopes, discriminator mappings, link parameters) are
//! free; values that are data (`example`, `default`, `enum`, `x-*`) are not descended into.

use yaml_serde::{Mapping, Value};

/// One key OpenAPI 3.0.3 does not define where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrayKey {
    /// JSON pointer (RFC 6901) of the key itself, e.g.
    /// `/components/schemas/ApiError/properties/retryable/retry.`.
    pub pointer: String,
    /// The OpenAPI object type the key appears in (`Schema`, `Operation`, ...).
    pub object: &'static str,
}

/// The object types of OpenAPI 3.0.3 the walk distinguishes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Document,
    Info,
    Contact,
    License,
    Server,
    ServerVariable,
    Components,
    Paths,
    PathItem,
    Operation,
    ExternalDocs,
    Parameter,
    RequestBody,
    MediaType,
    Encoding,
    Responses,
    Response,
    Callback,
    Example,
    Link,
    Header,
    Tag,
    Schema,
    Discriminator,
    Xml,
    SecurityScheme,
    OAuthFlows,
    OAuthFlow,
    SecurityRequirement,
}

/// What the value of a field is.
#[derive(Debug, Clone, Copy)]
enum Field {
    /// A scalar or data: not descended into.
    Data,
    /// One object of a kind (which may be a Reference where the specification allows one).
    One(Kind),
    /// A list of objects of a kind.
    List(Kind),
    /// A map from free names to objects of a kind.
    Map(Kind),
    /// A map from free names to data (OAuth scopes, discriminator mapping, link parameters).
    FreeMap,
    /// `additionalProperties`: a boolean or a Schema.
    BoolOrSchema,
}

use Field::{BoolOrSchema, Data, FreeMap, List, Map, One};

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Document => "OpenAPI",
            Kind::Info => "Info",
            Kind::Contact => "Contact",
            Kind::License => "License",
            Kind::Server => "Server",
            Kind::ServerVariable => "Server Variable",
            Kind::Components => "Components",
            Kind::Paths => "Paths",
            Kind::PathItem => "Path Item",
            Kind::Operation => "Operation",
            Kind::ExternalDocs => "External Documentation",
            Kind::Parameter => "Parameter",
            Kind::RequestBody => "Request Body",
            Kind::MediaType => "Media Type",
            Kind::Encoding => "Encoding",
            Kind::Responses => "Responses",
            Kind::Response => "Response",
            Kind::Callback => "Callback",
            Kind::Example => "Example",
            Kind::Link => "Link",
            Kind::Header => "Header",
            Kind::Tag => "Tag",
            Kind::Schema => "Schema",
            Kind::Discriminator => "Discriminator",
            Kind::Xml => "XML",
            Kind::SecurityScheme => "Security Scheme",
            Kind::OAuthFlows => "OAuth Flows",
            Kind::OAuthFlow => "OAuth Flow",
            Kind::SecurityRequirement => "Security Requirement",
        }
    }

    /// Whether a value of this kind may be a Reference Object (`$ref`) instead.
    fn may_be_reference(self) -> bool {
        matches!(
            self,
            Kind::PathItem // a Path Item's `$ref` is one of its own fields, see `field`
                | Kind::Parameter
                | Kind::RequestBody
                | Kind::Response
                | Kind::Callback
                | Kind::Example
                | Kind::Link
                | Kind::Header
                | Kind::Schema
                | Kind::SecurityScheme
        )
    }

    /// The field `key` of this object, or `None` when OpenAPI 3.0.3 does not define it.
    fn field(self, key: &str) -> Option<Field> {
        let f = match (self, key) {
            (Kind::Document, "openapi") => Data,
            (Kind::Document, "info") => One(Kind::Info),
            (Kind::Document, "servers") => List(Kind::Server),
            (Kind::Document, "paths") => One(Kind::Paths),
            (Kind::Document, "components") => One(Kind::Components),
            (Kind::Document, "security") => List(Kind::SecurityRequirement),
            (Kind::Document, "tags") => List(Kind::Tag),
            (Kind::Document, "externalDocs") => One(Kind::ExternalDocs),

            (Kind::Info, "title" | "description" | "termsOfService" | "version") => Data,
            (Kind::Info, "contact") => One(Kind::Contact),
            (Kind::Info, "license") => One(Kind::License),
            (Kind::Contact, "name" | "url" | "email") => Data,
            (Kind::License, "name" | "url") => Data,

            (Kind::Server, "url" | "description") => Data,
            (Kind::Server, "variables") => Map(Kind::ServerVariable),
            (Kind::ServerVariable, "enum" | "default" | "description") => Data,

            (Kind::Components, "schemas") => Map(Kind::Schema),
            (Kind::Components, "responses") => Map(Kind::Response),
            (Kind::Components, "parameters") => Map(Kind::Parameter),
            (Kind::Components, "examples") => Map(Kind::Example),
            (Kind::Components, "requestBodies") => Map(Kind::RequestBody),
            (Kind::Components, "headers") => Map(Kind::Header),
            (Kind::Components, "securitySchemes") => Map(Kind::SecurityScheme),
            (Kind::Components, "links") => Map(Kind::Link),
            (Kind::Components, "callbacks") => Map(Kind::Callback),

            // Paths: every key that starts with `/` is a path template.
            (Kind::Paths, k) if k.starts_with('/') => One(Kind::PathItem),

            (Kind::PathItem, "$ref" | "summary" | "description") => Data,
            (
                Kind::PathItem,
                "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace",
            ) => One(Kind::Operation),
            (Kind::PathItem, "servers") => List(Kind::Server),
            (Kind::PathItem, "parameters") => List(Kind::Parameter),

            (Kind::Operation, "tags" | "summary" | "description" | "operationId") => Data,
            (Kind::Operation, "deprecated") => Data,
            (Kind::Operation, "externalDocs") => One(Kind::ExternalDocs),
            (Kind::Operation, "parameters") => List(Kind::Parameter),
            (Kind::Operation, "requestBody") => One(Kind::RequestBody),
            (Kind::Operation, "responses") => One(Kind::Responses),
            (Kind::Operation, "callbacks") => Map(Kind::Callback),
            (Kind::Operation, "security") => List(Kind::SecurityRequirement),
            (Kind::Operation, "servers") => List(Kind::Server),

            (Kind::ExternalDocs, "description" | "url") => Data,

            (Kind::Parameter, "name" | "in") => Data,
            (
                Kind::Parameter | Kind::Header,
                "description" | "required" | "deprecated" | "allowEmptyValue" | "style" | "explode"
                | "allowReserved" | "example",
            ) => Data,
            (Kind::Parameter | Kind::Header, "schema") => One(Kind::Schema),
            (Kind::Parameter | Kind::Header, "examples") => Map(Kind::Example),
            (Kind::Parameter | Kind::Header, "content") => Map(Kind::MediaType),

            (Kind::RequestBody, "description" | "required") => Data,
            (Kind::RequestBody, "content") => Map(Kind::MediaType),

            (Kind::MediaType, "schema") => One(Kind::Schema),
            (Kind::MediaType, "example") => Data,
            (Kind::MediaType, "examples") => Map(Kind::Example),
            (Kind::MediaType, "encoding") => Map(Kind::Encoding),

            (Kind::Encoding, "contentType" | "style" | "explode" | "allowReserved") => Data,
            (Kind::Encoding, "headers") => Map(Kind::Header),

            // Responses: `default`, an HTTP status code, or a range `1XX`..`5XX`.
            (Kind::Responses, k) if is_response_key(k) => One(Kind::Response),

            (Kind::Response, "description") => Data,
            (Kind::Response, "headers") => Map(Kind::Header),
            (Kind::Response, "content") => Map(Kind::MediaType),
            (Kind::Response, "links") => Map(Kind::Link),

            // Callback: every key is a runtime expression.
            (Kind::Callback, _) => One(Kind::PathItem),

            (Kind::Example, "summary" | "description" | "value" | "externalValue") => Data,

            (Kind::Link, "operationRef" | "operationId" | "requestBody" | "description") => Data,
            (Kind::Link, "parameters") => FreeMap,
            (Kind::Link, "server") => One(Kind::Server),

            (Kind::Tag, "name" | "description") => Data,
            (Kind::Tag, "externalDocs") => One(Kind::ExternalDocs),

            (
                Kind::Schema,
                "title" | "multipleOf" | "maximum" | "exclusiveMaximum" | "minimum"
                | "exclusiveMinimum" | "maxLength" | "minLength" | "pattern" | "maxItems"
                | "minItems" | "uniqueItems" | "maxProperties" | "minProperties" | "required"
                | "enum" | "type" | "description" | "format" | "default" | "nullable" | "readOnly"
                | "writeOnly" | "example" | "deprecated",
            ) => Data,
            (Kind::Schema, "allOf" | "oneOf" | "anyOf") => List(Kind::Schema),
            (Kind::Schema, "not" | "items") => One(Kind::Schema),
            (Kind::Schema, "properties") => Map(Kind::Schema),
            (Kind::Schema, "additionalProperties") => BoolOrSchema,
            (Kind::Schema, "discriminator") => One(Kind::Discriminator),
            (Kind::Schema, "xml") => One(Kind::Xml),
            (Kind::Schema, "externalDocs") => One(Kind::ExternalDocs),

            (Kind::Discriminator, "propertyName") => Data,
            (Kind::Discriminator, "mapping") => FreeMap,

            (Kind::Xml, "name" | "namespace" | "prefix" | "attribute" | "wrapped") => Data,

            (
                Kind::SecurityScheme,
                "type" | "description" | "name" | "in" | "scheme" | "bearerFormat"
                | "openIdConnectUrl",
            ) => Data,
            (Kind::SecurityScheme, "flows") => One(Kind::OAuthFlows),

            (
                Kind::OAuthFlows,
                "implicit" | "password" | "clientCredentials" | "authorizationCode",
            ) => One(Kind::OAuthFlow),

            (Kind::OAuthFlow, "authorizationUrl" | "tokenUrl" | "refreshUrl") => Data,
            (Kind::OAuthFlow, "scopes") => FreeMap,

            // Security Requirement: every key names a security scheme.
            (Kind::SecurityRequirement, _) => Data,

            _ => return None,
        };
        Some(f)
    }
}

/// `default`, a three-digit status code, or a range `1XX`..`5XX`.
fn is_response_key(key: &str) -> bool {
    let b = key.as_bytes();
    key == "default"
        || (b.len() == 3
            && (b'1'..=b'5').contains(&b[0])
            && (b[1..].iter().all(u8::is_ascii_digit) || &b[1..] == b"XX"))
}

/// Every key of `document` (a whole OpenAPI 3.0.3 document) that the specification does not
/// define where it stands, in document order.
pub fn stray_keys(document: &Value) -> Vec<StrayKey> {
    let mut out = Vec::new();
    walk(Kind::Document, document, "", &mut out);
    out
}

fn walk(kind: Kind, value: &Value, pointer: &str, out: &mut Vec<StrayKey>) {
    let Value::Mapping(map) = value else {
        // A wrong type is openapiv3's to report when it parses the document.
        return;
    };
    if kind.may_be_reference() && kind != Kind::PathItem && map.contains_key("$ref") {
        // A Reference Object: `$ref` only (OpenAPI 3.0 ignores anything beside it, so a
        // `description` there is lost just as silently).
        for (key, _) in map {
            let key = key_text(key);
            if key != "$ref" {
                out.push(StrayKey {
                    pointer: format!("{pointer}/{}", escape(&key)),
                    object: "Reference",
                });
            }
        }
        return;
    }
    walk_fields(kind, map, pointer, out);
}

fn walk_fields(kind: Kind, map: &Mapping, pointer: &str, out: &mut Vec<StrayKey>) {
    for (key, value) in map {
        let key = key_text(key);
        let here = format!("{pointer}/{}", escape(&key));
        if key.starts_with("x-") && kind != Kind::SecurityRequirement {
            // Specification Extensions are allowed on every object the walk meets (and their
            // values are the extension's own business).
            continue;
        }
        match kind.field(&key) {
            None => out.push(StrayKey {
                pointer: here,
                object: kind.name(),
            }),
            Some(Data | FreeMap) => {}
            Some(One(inner)) => walk(inner, value, &here, out),
            Some(BoolOrSchema) => walk(Kind::Schema, value, &here, out),
            Some(List(inner)) => {
                if let Value::Sequence(items) = value {
                    for (i, item) in items.iter().enumerate() {
                        walk(inner, item, &format!("{here}/{i}"), out);
                    }
                }
            }
            Some(Map(inner)) => {
                if let Value::Mapping(entries) = value {
                    for (name, item) in entries {
                        let name = key_text(name);
                        walk(inner, item, &format!("{here}/{}", escape(&name)), out);
                    }
                }
            }
        }
    }
}

/// A YAML key as text (`200:` unquoted is a number in YAML).
fn key_text(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".to_string(),
        other => format!("{other:?}"),
    }
}

/// Escapes one JSON pointer reference token (RFC 6901: `~` as `~0`, `/` as `~1`).
fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strays(yaml: &str) -> Vec<String> {
        let doc: Value = yaml_serde::from_str(yaml).expect("yaml");
        stray_keys(&doc)
            .into_iter()
            .map(|s| format!("{} ({})", s.pointer, s.object))
            .collect()
    }

    #[test]
    fn response_keys() {
        for ok in ["default", "200", "404", "2XX", "5XX"] {
            assert!(is_response_key(ok), "{ok}");
        }
        for bad in ["20", "2000", "6XX", "2xx", "ok", "0XX"] {
            assert!(!is_response_key(bad), "{bad}");
        }
    }

    #[test]
    fn free_maps_and_extensions_pass() {
        let yaml = r##"
openapi: 3.0.3
info: {title: t, version: '1', x-logo: {url: u}}
x-top: 1
paths:
  x-anything: {whatever: 1}
  /a/{id}:
    x-item: {a: b}
    parameters: [{name: id, in: path, required: true, schema: {type: string}}]
    get:
      operationId: get_a
      security: [{oauth: [read]}]
      responses:
        200:
          description: ok
          headers: {X-Count: {schema: {type: integer}}}
          content:
            application/json:
              schema:
                type: object
                additionalProperties: {type: string}
                properties:
                  type: {type: string, example: {type: 1, nonsense: 2}}
                  default: {$ref: '#/components/schemas/B'}
                discriminator: {propertyName: type, mapping: {a: '#/components/schemas/B'}}
        5XX: {$ref: '#/components/responses/E'}
components:
  schemas:
    B: {type: object, enum: [{not: a, schema: 1}], default: {x: 1}, x-rust-type: {a: 1}}
  responses:
    E: {description: e}
  securitySchemes:
    oauth:
      type: oauth2
      flows: {clientCredentials: {tokenUrl: /token, scopes: {read: 'read: everything'}}}
"##;
        assert_eq!(strays(yaml), Vec::<String>::new());
    }

    #[test]
    fn stray_keys_are_named_by_pointer() {
        let yaml = r#"
openapi: 3.0.3
info: {title: t, version: '1', summary: s}
paths:
  nopath: {}
  /a~b/c:
    get:
      operationID: x
      responses:
        ok: {description: d}
        '200':
          description: d
          content: {application/json: {schema: {$ref: '#/x', description: lost}}}
components:
  schemas:
    A: {type: object, properties: {f: {type: string, requried: true}}, items: {typo: 1}}
"#;
        assert_eq!(
            strays(yaml),
            [
                "/info/summary (Info)",
                "/paths/nopath (Paths)",
                "/paths/~1a~0b~1c/get/operationID (Operation)",
                "/paths/~1a~0b~1c/get/responses/ok (Responses)",
                "/paths/~1a~0b~1c/get/responses/200/content/application~1json/schema/description (Reference)",
                "/components/schemas/A/properties/f/requried (Schema)",
                "/components/schemas/A/items/typo (Schema)",
            ]
        );
    }
}
