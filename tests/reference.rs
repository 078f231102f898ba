//! `asocia reference`: the generated scenario reference is the one in `docs/`, and it lists
//! every key a shipped scenario resolves to.

use std::path::Path;

use crate::common::run_ok;

fn reference() -> String {
    String::from_utf8(run_ok(&["reference"]).stdout).unwrap()
}

#[test]
fn docs_reference_md_is_what_asocia_reference_prints() {
    let printed = reference();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/reference.md");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written == printed,
        "docs/reference.md differs from `asocia reference`; regenerate it with\n    cargo run --release -- reference > docs/reference.md"
    );
}

#[test]
fn the_reference_has_every_key_of_every_resolved_shipped_scenario() {
    let printed = reference();
    for file in [
        "scenarios/default.toml",
        "scenarios/cluster.toml",
        "scenarios/ohtsuki-2006-db.toml",
    ] {
        let out = String::from_utf8(run_ok(&["validate", file]).stdout).unwrap();
        let mut section = String::new();
        for line in out.lines() {
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                assert!(
                    printed.contains(&format!("## `[{section}]`")),
                    "{file}: [{section}]"
                );
                continue;
            }
            let Some((key, _)) = line.split_once(" = ").filter(|_| !line.starts_with('#')) else {
                continue;
            };
            // Each key's row follows its section's heading.
            let from = printed.find(&format!("## `[{section}]`")).unwrap();
            let rest = &printed[from..];
            let end = rest[1..].find("\n## ").map_or(rest.len(), |i| i + 1);
            assert!(
                rest[..end].contains(&format!("| `{key}` |")),
                "{file}: [{section}] {key}"
            );
        }
    }
}
