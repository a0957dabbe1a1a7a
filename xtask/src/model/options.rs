//! OPTIONS operations, which progenitor cannot compile (its code calls `reqwest::Client::options`,
//! a method reqwest lacks): each is read here into the shape `emit::options` generates, or
//! refused with what that generator cannot handle.
//!
//! What the generator accepts (the lint reports the rest, naming the operation): an
//! `operationId`, path and query parameters of type string only, no request body, a JSON success
//! response whose schema is a `$ref`, and at most one error schema.

use heck::ToPascalCase;
use openapiv3::{OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type};
use proc_macro2::Ident;

use crate::model::idents::field_ident;
use crate::model::spec::{self, Op};

/// One parameter of an OPTIONS operation.
#[derive(Debug, Clone)]
pub struct Param {
    /// The parameter's name in the spec (and in the query).
    pub name: String,
    /// The builder field and setter.
    pub field: Ident,
    /// Whether it is a path parameter (else a query parameter).
    pub in_path: bool,
    /// Whether it must be set (path parameters always).
    pub required: bool,
}

/// An OPTIONS operation this module can generate.
#[derive(Debug, Clone)]
pub struct OptionsOp {
    /// The `operationId` (the `Client` method).
    pub op_id: String,
    /// The path template.
    pub path: String,
    /// Summary and description, for the method's documentation.
    pub doc: String,
    /// Path and query parameters, in spec order.
    pub params: Vec<Param>,
    /// Rust type of the success body.
    pub success: String,
    /// Rust type of the error body, if the operation has one.
    pub error: Option<String>,
}

fn is_string(spec: &OpenAPI, p: &openapiv3::ParameterData) -> bool {
    let ParameterSchemaOrContent::Schema(s) = &p.format else {
        return false;
    };
    let schema = match s {
        ReferenceOr::Item(s) => Some(s),
        ReferenceOr::Reference { reference } => {
            spec::ref_name(reference, "schemas").and_then(|n| spec::schema(spec, n))
        }
    };
    schema.is_some_and(|s| matches!(s.schema_kind, SchemaKind::Type(Type::String(_))))
}

/// Reads one OPTIONS operation, or says what this generator cannot handle in it.
pub fn read(spec: &OpenAPI, op: &Op<'_>) -> Result<OptionsOp, String> {
    let op_id = op.op.operation_id.clone().ok_or("needs an operationId")?;
    if op.op.request_body.is_some() {
        return Err("an OPTIONS operation cannot take a request body".into());
    }
    let mut params = Vec::new();
    for p in &op.op.parameters {
        let p = spec::parameter(spec, p).ok_or("a parameter `$ref` does not resolve")?;
        let (in_path, data) = match p {
            Parameter::Path { parameter_data, .. } => (true, parameter_data),
            Parameter::Query { parameter_data, .. } => (false, parameter_data),
            _ => {
                return Err(format!(
                    "parameter `{}`: OPTIONS operations take path and query parameters only",
                    p.parameter_data_ref().name
                ));
            }
        };
        if !is_string(spec, data) {
            return Err(format!(
                "parameter `{}`: OPTIONS operations take string parameters only",
                data.name
            ));
        }
        let field = field_ident(&data.name);
        params.push(Param {
            name: data.name.clone(),
            field,
            in_path,
            required: in_path || data.required,
        });
    }
    let success = spec::success_schema_name(spec, op.op)
        .ok_or("the success response must be JSON whose schema is a `$ref`")?
        .to_pascal_case();
    let error = spec::error_schema_name(spec, op.op).map(|e| e.to_pascal_case());
    let doc = [op.op.summary.as_deref(), op.op.description.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(OptionsOp {
        op_id,
        path: op.path.to_string(),
        doc,
        params,
        success,
        error,
    })
}
