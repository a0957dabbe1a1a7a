//! Path parameters encoded by `sdk_auth::encode_path` instead of progenitor's encoder.

/// Makes the generated client encode path parameters with `sdk_auth::encode_path` instead of
/// progenitor's, which leaves `\` and dot segments (`..`) able to change the path. progenitor
/// imports its encoder once at the top of the file (`use progenitor_client::{encode_path, ...}`);
/// that name is swapped for `use sdk_auth::encode_path;`, so every call site follows.
pub fn use_sdk_auth_encode_path(file: &mut syn::File) {
    let mut at = None;
    for (i, item) in file.items.iter_mut().enumerate() {
        if let syn::Item::Use(item) = item
            && let syn::UseTree::Path(path) = &mut item.tree
            && path.ident == "progenitor_client"
            && let syn::UseTree::Group(group) = &mut *path.tree
        {
            let before = group.items.len();
            group.items = std::mem::take(&mut group.items)
                .into_iter()
                .filter(|t| !matches!(t, syn::UseTree::Name(n) if n.ident == "encode_path"))
                .collect();
            if group.items.len() != before {
                at = Some(i + 1);
            }
        }
    }
    if let Some(at) = at {
        file.items.insert(
            at,
            syn::parse_quote!(
                use sdk_auth::encode_path;
            ),
        );
    }
}
