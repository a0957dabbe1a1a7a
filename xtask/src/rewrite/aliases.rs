//! `pub type Alias = Target;` for the schemas that are another schema under a second name
//! (`model::aliases`): written after the target in `types` and, when the target has a builder,
//! in `types::builder`, each with the target's `#[cfg]` attributes. Runs after the `cfg` pass.

use crate::model::aliases::Alias;
use crate::syntax::module_mut;

/// Writes `pub type Alias = Target;` after the target in `types` and, when the target has a
/// builder, in `types::builder`, each with the target's `#[cfg]` attributes.
pub fn apply(file: &mut syn::File, aliases: &[Alias]) {
    if aliases.is_empty() {
        return;
    }
    let Some(types) = module_mut(&mut file.items, "types") else {
        return;
    };
    insert(types, aliases, true);
    if let Some(builder) = module_mut(types, "builder") {
        insert(builder, aliases, false);
    }
}

fn insert(items: &mut Vec<syn::Item>, aliases: &[Alias], documented: bool) {
    for alias in aliases {
        let Some((at, attrs)) = items.iter().enumerate().find_map(|(at, item)| {
            type_item(item)
                .filter(|(ident, _)| *ident == alias.target.as_str())
                .map(|(_, attrs)| (at, attrs))
        }) else {
            continue;
        };
        let cfgs: Vec<syn::Attribute> = attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .cloned()
            .collect();
        let name = syn::Ident::new(&alias.name, proc_macro2::Span::call_site());
        let target = syn::Ident::new(&alias.target, proc_macro2::Span::call_site());
        let doc = if documented {
            format!(
                "`{}`: the spec declares it as the schema [`{}`], so it is that type.",
                alias.name, alias.target
            )
        } else {
            format!("The builder of [`{}`](super::{}).", alias.name, alias.name)
        };
        items.insert(
            at + 1,
            syn::parse_quote! {
                #(#cfgs)*
                #[doc = #doc]
                pub type #name = #target;
            },
        );
    }
}

/// The name and attributes of a struct or an enum.
fn type_item(item: &syn::Item) -> Option<(&syn::Ident, &[syn::Attribute])> {
    match item {
        syn::Item::Struct(s) => Some((&s.ident, &s.attrs)),
        syn::Item::Enum(e) => Some((&e.ident, &e.attrs)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alias_is_written_after_its_target_with_its_cfg() {
        let mut file: syn::File = syn::parse_quote! {
            pub mod types {
                #[cfg(feature = "jobs")]
                #[derive(Clone)]
                pub struct Job { pub id: Option<String> }
                pub mod builder {
                    #[cfg(feature = "jobs")]
                    pub struct Job { id: Result<Option<String>, String> }
                }
            }
        };
        apply(
            &mut file,
            &[Alias {
                name: "Status".into(),
                target: "Job".into(),
            }],
        );
        let text = prettyplease::unparse(&file);
        assert_eq!(
            text.matches("#[cfg(feature = \"jobs\")]\n").count(),
            4,
            "{text}"
        );
        assert_eq!(text.matches("pub type Status = Job;").count(), 2, "{text}");
        assert!(
            text.find("pub struct Job {").expect("type")
                < text.find("pub type Status").expect("alias"),
            "{text}"
        );
    }
}
