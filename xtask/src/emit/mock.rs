//! The typed httpmock helpers (`generated_mock.rs`) are progenitor's httpmock generator's output
//! (see `emit::progenitor::run`); this is the spec that generator is given.

/// The spec as the httpmock generator sees it: progenitor's mock code cannot match array query
/// parameters (it calls `to_string()` on the `Vec`), so each becomes its item type there. A mock
/// then matches one occurrence per call (`when.filter("a").filter("b")` needs both).
pub fn view(spec: &openapiv3::OpenAPI) -> openapiv3::OpenAPI {
    use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, SchemaKind, Type};
    let mut spec = spec.clone();
    let flatten = |p: &mut Parameter| {
        if let Parameter::Query { parameter_data, .. } = p
            && let ParameterSchemaOrContent::Schema(ReferenceOr::Item(schema)) =
                &parameter_data.format
            && let SchemaKind::Type(Type::Array(array)) = &schema.schema_kind
            && let Some(items) = &array.items
        {
            let items = match items {
                ReferenceOr::Item(s) => ReferenceOr::Item((**s).clone()),
                ReferenceOr::Reference { reference } => ReferenceOr::Reference {
                    reference: reference.clone(),
                },
            };
            parameter_data.format = ParameterSchemaOrContent::Schema(items);
        }
    };
    for item in spec.paths.paths.values_mut() {
        if let ReferenceOr::Item(item) = item {
            for p in item.parameters.iter_mut() {
                if let ReferenceOr::Item(p) = p {
                    flatten(p);
                }
            }
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.head,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                for p in op.parameters.iter_mut() {
                    if let ReferenceOr::Item(p) = p {
                        flatten(p);
                    }
                }
            }
        }
    }
    if let Some(components) = spec.components.as_mut() {
        for p in components.parameters.values_mut() {
            if let ReferenceOr::Item(p) = p {
                flatten(p);
            }
        }
    }
    spec
}
