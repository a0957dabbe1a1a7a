//! The spec and every extension the xtask reads, parsed once into a [`Model`].
//!
//! [`Model::read`] walks the parsed spec once: every operation with its `x-pagination`
//! ([`pagination`]), its `x-safe-to-retry` ([`retry`]) and, for an OPTIONS operation, the shape
//! the xtask generates it in ([`options`]); the document's `x-count-header` and the HEAD
//! operations it applies to ([`counts`]); the `x-area` of each tag ([`areas`]); the component
//! properties marked `x-lenient` or `x-rust-name` and the password header parameters
//! ([`fields`]). An extension that does not read becomes a [`Problem`] naming the operation (or
//! `document`) and the extension, kept in the model for the lint to report; the emitters and
//! rewrites read only what did read (generation stops at the lint when anything did not).
//!
//! [`aliases`] resolves the schemas that are only a `$ref` to another before the model is read.
//! [`spec`] holds the parsing of the YAML and the queries on raw schemas; [`idents`] the Rust
//! names progenitor gives to what the spec names.

pub mod aliases;
pub mod areas;
pub mod counts;
pub mod fields;
pub mod idents;
pub mod options;
pub mod pagination;
pub mod retry;
pub mod spec;

use std::collections::BTreeSet;
use std::fmt;

use openapiv3::OpenAPI;

use self::areas::Areas;
use self::counts::Counts;
use self::fields::{LenientField, RenamedField};
use self::options::OptionsOp;
use self::pagination::Pagination;
use self::spec::Op;

/// A rule a spec breaks: an extension that does not read, or a lint rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The operation (its `operationId`, or `METHOD path`) or `document`.
    pub operation: String,
    /// Short name of the rule (the extension's name for an extension).
    pub rule: &'static str,
    /// What is wrong, concretely.
    pub detail: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: [{}] {}", self.operation, self.rule, self.detail)
    }
}

/// One operation of the spec with its extensions read.
#[derive(Debug, Clone)]
pub struct Operation<'a> {
    /// Upper-case HTTP method.
    pub method: &'static str,
    /// Path template.
    pub path: &'a str,
    /// The operation as the spec has it.
    pub op: &'a openapiv3::Operation,
    /// How it pages (`x-pagination`), when it is a list operation that reads.
    pub pagination: Option<Pagination>,
    /// Whether a POST or PATCH is safe to repeat (`x-safe-to-retry: true`).
    pub safe_to_retry: bool,
    /// The generated shape of an OPTIONS operation (progenitor cannot compile those).
    pub options: Option<OptionsOp>,
    /// The extensions of this operation that do not read (rules `options`, `x-pagination`,
    /// `x-safe-to-retry`), in that order.
    pub problems: Vec<Problem>,
}

impl<'a> Operation<'a> {
    /// `operationId`, or `METHOD path` when it has none, for messages.
    pub fn name(&self) -> String {
        self.as_op().name()
    }

    /// The operation as the spec queries take it.
    pub fn as_op(&self) -> Op<'a> {
        Op {
            method: self.method,
            path: self.path,
            op: self.op,
        }
    }

    /// The problems of rule `rule`.
    pub fn problems_of(&self, rule: &str) -> impl Iterator<Item = &Problem> {
        self.problems.iter().filter(move |p| p.rule == rule)
    }
}

/// A spec with all its extensions read.
#[derive(Debug, Clone)]
pub struct Model<'a> {
    /// The parsed spec, for the raw schemas.
    pub spec: &'a OpenAPI,
    /// Every operation in document order, including methods progenitor cannot handle.
    pub operations: Vec<Operation<'a>>,
    /// The API areas (`x-area` of the tags) and the area of each operation.
    pub areas: Areas,
    /// `count()` of the offset lists (`x-count-header`), when the spec enables counts and they
    /// read.
    pub counts: Option<Counts>,
    /// The component properties marked `x-lenient`, in document order.
    pub lenient: Vec<LenientField>,
    /// The component properties renamed with `x-rust-name`, in document order.
    pub rust_names: Vec<RenamedField>,
    /// The header parameters whose schema is `{type: string, format: password}`.
    pub password_headers: BTreeSet<String>,
    /// Document-level extensions that do not read (rule `x-count-header`).
    pub problems: Vec<Problem>,
}

impl<'a> Model<'a> {
    /// Reads every extension of `spec`, once.
    pub fn read(spec: &'a OpenAPI) -> Model<'a> {
        let operations: Vec<Operation<'a>> = spec::operations(spec)
            .into_iter()
            .map(|op| read_operation(spec, op))
            .collect();
        let mut problems = Vec::new();
        let counts = match counts::read(spec, &operations) {
            Ok(counts) => counts,
            Err(detail) => {
                problems.push(Problem {
                    operation: "document".into(),
                    rule: "x-count-header",
                    detail,
                });
                None
            }
        };
        Model {
            spec,
            areas: areas::read(spec, &operations),
            counts,
            lenient: fields::lenient(spec),
            rust_names: fields::rust_names(spec),
            password_headers: fields::password_headers(spec, &operations),
            operations,
            problems,
        }
    }

    /// The pagination of every list operation, in document order.
    pub fn paginations(&self) -> impl Iterator<Item = &Pagination> {
        self.operations.iter().filter_map(|o| o.pagination.as_ref())
    }
}

fn read_operation<'a>(spec: &'a OpenAPI, op: Op<'a>) -> Operation<'a> {
    let mut problems = Vec::new();
    let mut problem = |rule: &'static str, detail: String| {
        problems.push(Problem {
            operation: op.name(),
            rule,
            detail,
        })
    };
    let options = if op.method == "OPTIONS" {
        options::read(spec, &op)
            .map_err(|detail| problem("options", detail))
            .ok()
    } else {
        None
    };
    let pagination = Pagination::from_operation(spec, &op)
        .map_err(|detail| problem("x-pagination", detail))
        .ok()
        .flatten();
    let safe_to_retry = retry::safe_to_retry(&op)
        .map_err(|detail| problem("x-safe-to-retry", detail))
        .unwrap_or(false);
    Operation {
        method: op.method,
        path: op.path,
        op: op.op,
        pagination,
        safe_to_retry,
        options,
        problems,
    }
}
