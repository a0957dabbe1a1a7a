//! The generator's output for a small fixture spec, pinned with insta. The same output is
//! committed under `tests/src/fixture/` and compiled there, so a change in progenitor or in the
//! xtask shows up here as a reviewable diff and there as a compile check.

#[test]
fn fixture_output_is_pinned() {
    let yaml = include_str!("../fixtures/fixture.yaml");
    let generated = xtask::generate_from_str("xtask/fixtures/fixture.yaml", yaml, "crate::fixture")
        .expect("the fixture spec generates");
    insta::assert_snapshot!("fixture_client", generated.client);
    insta::assert_snapshot!("fixture_mock", generated.mock);
}

#[test]
fn generation_is_deterministic() {
    let yaml = include_str!("../fixtures/fixture.yaml");
    let a = xtask::generate_from_str("fixture.yaml", yaml, "crate::fixture").expect("generates");
    let b = xtask::generate_from_str("fixture.yaml", yaml, "crate::fixture").expect("generates");
    assert_eq!(a, b);
}

/// The `#[cfg(...)]` of the items named `name` (methods, structs, in any module), as text.
fn cfgs_of(file: &syn::File, name: &str) -> Vec<String> {
    fn cfg(attrs: &[syn::Attribute]) -> String {
        attrs
            .iter()
            .filter(|a| a.path().is_ident("cfg"))
            .map(|a| quote::ToTokens::to_token_stream(a).to_string())
            .collect::<Vec<_>>()
            .join(" ")
    }
    fn walk(items: &[syn::Item], name: &str, out: &mut Vec<String>) {
        for item in items {
            match item {
                syn::Item::Mod(m) => walk(
                    m.content
                        .iter()
                        .flat_map(|c| &c.1)
                        .cloned()
                        .collect::<Vec<_>>()
                        .as_slice(),
                    name,
                    out,
                ),
                syn::Item::Struct(s) if s.ident == name => out.push(cfg(&s.attrs)),
                syn::Item::Impl(i) => {
                    for f in &i.items {
                        if let syn::ImplItem::Fn(f) = f
                            && f.sig.ident == name
                        {
                            out.push(cfg(&f.attrs));
                        }
                    }
                }
                syn::Item::Trait(t) => {
                    for f in &t.items {
                        if let syn::TraitItem::Fn(f) = f
                            && f.sig.ident == name
                        {
                            out.push(cfg(&f.attrs));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&file.items, name, &mut out);
    out
}

/// An SDK crate's output: each operation's items carry its area's cfg, a type shared by two
/// areas carries both, always-compiled operations none, and JsonSchema is opt-in.
#[test]
fn sdk_output_is_gated_by_area() {
    let yaml = include_str!("../fixtures/fixture.yaml");
    let generated =
        xtask::generate_sdk_from_str("fixture.yaml", yaml, "crate::fixture").expect("generates");
    let client: syn::File = syn::parse_str(&generated.client).expect("parses");
    let mock: syn::File = syn::parse_str(&generated.mock).expect("parses");
    let widgets = r#"# [cfg (feature = "widgets")]"#;
    let gadgets = r#"# [cfg (feature = "gadgets")]"#;
    assert_eq!(cfgs_of(&client, "list_widgets"), [widgets]);
    assert_eq!(cfgs_of(&client, "ListWidgets"), [widgets]);
    assert_eq!(cfgs_of(&client, "list_gizmos"), [gadgets]);
    assert_eq!(cfgs_of(&client, "create_token"), [""]);
    assert_eq!(cfgs_of(&mock, "list_widgets"), [widgets, widgets]);
    assert_eq!(cfgs_of(&mock, "ListWidgetsWhen"), [widgets]);
    let text = &generated.client;
    assert!(text.contains("#[cfg_attr(feature = \"schemars\", derive(schemars::JsonSchema))]"));
    assert!(!text.contains("        schemars::JsonSchema"));
    assert!(
        generated
            .features
            .contains("default = [\"widgets\", \"gadgets\"]")
    );
    assert!(
        generated
            .features
            .contains("# tags: gadgets, gizmos\ngadgets = []")
    );
}
