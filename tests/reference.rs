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

/// The keys of each section of a Markdown text: headings naming a `[section]`, then rows of
/// tables headed `| key |` whose first cell names keys in backticks.
fn keys_by_section(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_key_table = false;
    for line in text.lines() {
        if line.starts_with('#') {
            in_key_table = false;
            if let Some(name) = line.split("`[").nth(1).and_then(|r| r.split("]`").next()) {
                out.push((name.to_string(), Vec::new()));
            }
            continue;
        }
        if line.starts_with("| key |") {
            in_key_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_key_table = false;
            continue;
        }
        // A cell may name several keys: "`up`, `down`".
        let first = line.split('|').nth(1).unwrap_or("");
        if let (true, Some((_, keys))) = (in_key_table, out.last_mut()) {
            keys.extend(first.split('`').skip(1).step_by(2).map(str::to_string));
        }
    }
    out
}

/// The hand-written key tables of `docs/scenarios.md` name only keys the program reads, each
/// in its own section (a renamed or removed key fails here until the guide is mended).
#[test]
fn every_key_the_scenario_guide_tabulates_is_in_the_reference_under_its_section() {
    let reference = keys_by_section(&reference());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/scenarios.md");
    let guide = keys_by_section(&std::fs::read_to_string(&path).unwrap());
    let mut checked = 0;
    for (section, keys) in &guide {
        let known = reference
            .iter()
            .find(|(s, _)| s == section)
            .unwrap_or_else(|| {
                panic!("docs/scenarios.md: section [{section}] is not in the reference")
            });
        for key in keys {
            assert!(
                known.1.contains(key),
                "docs/scenarios.md: [{section}] `{key}` is not a key of the reference"
            );
            checked += 1;
        }
    }
    assert!(
        checked > 60,
        "only {checked} keys found in the guide's tables"
    );
}
