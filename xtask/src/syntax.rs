//! Finding progenitor's modules in a generated file: the top-level `builder` module (operation
//! builders), `types` and `types::builder` (typify's types and their builders). Shared by the
//! emitters and the rewrites.

/// The items of the inline module `name` among `items`.
pub fn module<'a>(items: &'a [syn::Item], name: &str) -> Option<&'a Vec<syn::Item>> {
    items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_ref().map(|(_, items)| items),
        _ => None,
    })
}

/// The items of the inline module `name` among `items`, to change.
pub fn module_mut<'a>(items: &'a mut [syn::Item], name: &str) -> Option<&'a mut Vec<syn::Item>> {
    items.iter_mut().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == name => m.content.as_mut().map(|(_, items)| items),
        _ => None,
    })
}
