//! `x-count-header`: a document-level extension naming the header that carries a list's total
//! (`x-count-header: Actifio-Count`). Then every list operation with `x-pagination` style
//! `offset-limit` whose path also has a `head:` operation gets a `count()` (see `emit::counts`).
//! The HEAD's parameters must all be parameters of the list operation, with the same schema.

use heck::ToPascalCase;
use openapiv3::{OpenAPI, ReferenceOr};
use proc_macro2::Ident;

use crate::model::Operation;
use crate::model::idents::field_ident;
use crate::model::pagination::Style;
use crate::model::spec;

/// One list operation that gets a `count()`.
#[derive(Debug, Clone)]
pub struct Count {
    /// The list operation's builder struct.
    pub list_builder: String,
    /// The HEAD operation's builder struct.
    pub head_builder: String,
    /// The HEAD operation's `operationId`.
    pub head_op: String,
    /// The path both operations share.
    pub head_path: String,
    /// Builder fields the HEAD takes (copied from the list builder).
    pub fields: Vec<Ident>,
    /// Rust type of the HEAD's error body, if it has one.
    pub error_type: Option<String>,
}

/// What `x-count-header` enables.
#[derive(Debug, Clone)]
pub struct Counts {
    /// The header that carries the total, lower-cased.
    pub header: String,
    /// Every list operation that gets a `count()`, in document order.
    pub lists: Vec<Count>,
}

/// The header named by `x-count-header`, if the spec enables counts.
fn header(spec: &OpenAPI) -> Result<Option<String>, String> {
    match spec.extensions.get("x-count-header") {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            .map(|h| Some(h.to_ascii_lowercase()))
            .ok_or_else(|| "`x-count-header` must be a header name (letters, digits, `-`)".into()),
    }
}

/// Reads `x-count-header` and the HEAD operations it applies to: `None` when the spec does not
/// enable counts, an error naming the first HEAD operation `count()` cannot call.
pub fn read(spec: &OpenAPI, operations: &[Operation<'_>]) -> Result<Option<Counts>, String> {
    let Some(header) = header(spec)? else {
        return Ok(None);
    };
    let mut lists = Vec::new();
    for op in operations {
        // A broken `x-pagination` is the `x-pagination` rule's to report.
        let Some(p) = &op.pagination else {
            continue;
        };
        if !matches!(p.style, Style::OffsetLimit { .. }) {
            continue;
        }
        let Some(ReferenceOr::Item(item)) = spec.paths.paths.get(op.path) else {
            continue;
        };
        let Some(head) = &item.head else {
            continue;
        };
        let head_op = head
            .operation_id
            .clone()
            .ok_or_else(|| format!("HEAD {}: needs an operationId", op.path))?;
        let list_params: Vec<&openapiv3::Parameter> = op
            .op
            .parameters
            .iter()
            .filter_map(|r| spec::parameter(spec, r))
            .collect();
        let mut fields = Vec::new();
        for r in &head.parameters {
            let hp = spec::parameter(spec, r)
                .ok_or_else(|| format!("{head_op}: a parameter `$ref` does not resolve"))?;
            let name = &hp.parameter_data_ref().name;
            if !list_params.contains(&hp) {
                return Err(format!(
                    "{head_op}: parameter `{name}` is not a parameter of {} with the same schema, so `count()` cannot pass it on (x-count-header)",
                    op.name()
                ));
            }
            fields.push(field_ident(name));
        }
        lists.push(Count {
            list_builder: p.builder.clone(),
            head_builder: head_op.to_pascal_case(),
            head_path: op.path.to_string(),
            error_type: spec::error_schema_name(spec, head).map(|e| e.to_pascal_case()),
            head_op,
            fields,
        });
    }
    Ok(Some(Counts { header, lists }))
}
