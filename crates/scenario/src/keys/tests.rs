//! The registry against the reader and the write-back: every default is allowed by its own
//! range, every range is the one the reader checks (with the spec's message), and a resolved
//! scenario writes back exactly the keys the registry lists for it.

use std::collections::BTreeSet;
use std::path::Path;

use super::*;
use crate::parse;

/// A scenario that sets the string keys `selectors` (`(section, key, value)`) in the model of
/// `scope`, each section written once.
fn scenario_text(model: Scope, selectors: &[(&str, &str, &str)]) -> String {
    let mut text = String::new();
    if model == Scope::Firms {
        text.push_str("[scenario]\nmodel = \"firms\"\n");
    }
    let mut done: Vec<&str> = Vec::new();
    for (section, _, _) in selectors {
        if done.contains(section) {
            continue;
        }
        done.push(section);
        text.push_str(&format!("[{section}]\n"));
        for (_, key, value) in selectors.iter().filter(|(s, _, _)| s == section) {
            text.push_str(&format!("{key} = \"{value}\"\n"));
        }
    }
    text
}

fn model_of(s: &SectionSpec) -> Scope {
    if s.scope == Scope::Firms {
        Scope::Firms
    } else {
        Scope::Classic
    }
}

#[test]
fn every_default_is_of_its_kind_and_in_its_range() {
    for s in SECTIONS {
        for k in s.keys {
            let ok = match (k.kind, k.default) {
                (Kind::Float { range, .. }, Default::Float(x)) => range.contains(x),
                (Kind::Float { .. }, Default::SameAs(other)) => key(other).is_some(),
                (Kind::Int { min, max, .. }, Default::Int(x)) => (min..=max).contains(&x),
                (Kind::Bool, Default::Bool(_)) => true,
                (Kind::Str { .. }, Default::Text(_) | Default::Computed(_))
                | (Kind::Str { .. }, Default::Required | Default::Absent) => true,
                (Kind::Choice { options, .. }, Default::Name(n)) => options.contains(&n),
                (
                    Kind::Choice { options, .. },
                    Default::ByChoice {
                        key: by,
                        cases,
                        otherwise,
                    },
                ) => {
                    s.key(by).is_some()
                        && options.contains(&otherwise)
                        && cases.iter().all(|(_, d)| options.contains(d))
                }
                (Kind::IntList { min, max, .. }, Default::Ints(xs)) => {
                    xs.iter().all(|x| (min..=max).contains(x))
                }
                _ => false,
            };
            assert!(ok, "[{}] {}: default {:?}", s.name, k.name, k.default);
            assert!(!k.label.is_empty(), "[{}] {} has no label", s.name, k.name);
            assert!(!k.meaning.contains('|'), "[{}] {}", s.name, k.name);
        }
    }
}

#[test]
fn the_specs_of_one_name_never_apply_to_the_same_selector_value() {
    for s in SECTIONS {
        for (i, a) in s.keys.iter().enumerate() {
            for b in &s.keys[i + 1..] {
                if a.name != b.name {
                    continue;
                }
                let (Some((sa, va)), Some((sb, vb))) = (a.by, b.by) else {
                    panic!("[{}] {} is listed twice without selectors", s.name, a.name);
                };
                assert_eq!(sa, sb);
                assert!(
                    va.iter().all(|v| !vb.contains(v)),
                    "[{}] {}",
                    s.name,
                    a.name
                );
            }
        }
    }
}

/// A value just outside the range of a spec, as TOML, with the number the message shows.
fn outside(kind: Kind) -> Vec<(String, String)> {
    let mut out = Vec::new();
    match kind {
        Kind::Float { range, .. } => {
            for (x, shown) in [
                match range.lo {
                    Bound::Incl(a) => Some(a - 0.5),
                    Bound::Excl(a) => Some(a),
                    Bound::Open => None,
                },
                match range.hi {
                    Bound::Incl(b) => Some(b + 0.5),
                    Bound::Excl(b) => Some(b),
                    Bound::Open => None,
                },
            ]
            .into_iter()
            .flatten()
            .map(|x| (x, x))
            {
                out.push((format!("{x:?}"), format!("{shown}")));
            }
        }
        Kind::Int { min, max, .. } => {
            out.push(((min as i64 - 1).to_string(), (min as i64 - 1).to_string()));
            if max < i64::MAX as u64 {
                out.push(((max + 1).to_string(), (max + 1).to_string()));
            }
        }
        _ => {}
    }
    out
}

#[test]
fn the_reader_checks_each_key_against_its_specs_range_with_its_message() {
    let mut checked = 0;
    for s in SECTIONS {
        for k in s.keys {
            let expect = match k.kind {
                Kind::Float { expect, .. } | Kind::Int { expect, .. } => expect,
                _ => continue,
            };
            let model = if k.scope == Scope::Common {
                model_of(s)
            } else {
                k.scope
            };
            let mut text = scenario_text(model, &[]);
            text.push_str(&format!("[{}]\n", s.name));
            if let Some((selector, values)) = k.by {
                text.push_str(&format!("{selector} = \"{}\"\n", values[0]));
            }
            for (value, shown) in outside(k.kind) {
                let src = format!("{text}{} = {value}\n", k.name);
                let err = parse(&src, "t.toml", Path::new("."), &[]).unwrap_err();
                let want = format!("`{}`: expected {expect}, found {shown}", k.name);
                assert!(
                    err.diagnostics.iter().any(|d| d.message == want),
                    "[{}] {} = {value}: {err}",
                    s.name,
                    k.name
                );
                checked += 1;
            }
        }
    }
    // Every bounded number and integer of the registry was tried (counted by hand: more than
    // a hundred bounds).
    assert!(checked > 100, "{checked}");
}

/// Writes a nodes file `name` with the given columns besides `id` (three firms).
fn nodes_file(dir: &Path, name: &str, columns: &[&str]) {
    let mut text = format!("id,{}\n", columns.join(","));
    for id in 0..3 {
        let row: Vec<&str> = columns
            .iter()
            .map(|c| if *c == "strategy" { "C" } else { "0" })
            .collect();
        text.push_str(&format!("{id},{}\n", row.join(",")));
    }
    std::fs::write(dir.join(name), text).unwrap();
}

/// A string key set in a section: `(section, key, value)`.
type Setting = (&'static str, &'static str, &'static str);

/// Every (model, selector settings) worth writing back: the defaults, and each value of each
/// selector with the others at their defaults.
fn variants() -> Vec<(Scope, Vec<Setting>)> {
    let mut out = vec![(Scope::Classic, Vec::new()), (Scope::Firms, Vec::new())];
    for s in SECTIONS {
        for k in s.keys {
            let Kind::Choice { options, .. } = k.kind else {
                continue;
            };
            if !s
                .keys
                .iter()
                .any(|p| p.by.is_some_and(|(sel, _)| sel == k.name))
            {
                continue;
            }
            for o in options {
                let model = model_of(s);
                let mut sel = vec![(s.name, k.name, *o)];
                if *o == "file" && s.name != "network" {
                    sel.insert(0, ("network", "kind", "file"));
                }
                if *o == "collective-risk-well-mixed" {
                    // Groups sampled from a well-mixed population need the complete network.
                    sel.insert(0, ("network", "kind", "complete"));
                }
                out.push((model, sel));
                if s.scope == Scope::Common {
                    out.push((Scope::Firms, vec![(s.name, k.name, *o)]));
                }
            }
        }
    }
    out
}

#[test]
fn a_resolved_scenario_writes_back_exactly_the_keys_the_registry_lists_and_reads_them_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("e.csv"), "source,target\n0,1\n1,2\n").unwrap();
    let omitted: Vec<&str> = SECTIONS
        .iter()
        .flat_map(|s| s.keys.iter().filter(|k| k.omit_default).map(|k| k.name))
        .collect();
    assert_eq!(
        omitted,
        ["model"],
        "only [scenario] model is left out at its default"
    );
    for (model, mut sel) in variants() {
        if sel.iter().any(|s| s.2 == "file") {
            // The nodes file has the columns the scenario reads, and only those.
            let mut columns = vec!["group"];
            if model == Scope::Classic {
                columns.push("strategy");
            }
            columns.extend(sel.iter().filter(|s| s.0 == "firms").map(|s| s.1));
            let name: &'static str =
                Box::leak(format!("n-{}.csv", columns.join("-")).into_boxed_str());
            nodes_file(dir.path(), name, &columns);
            sel.extend([("network", "edges", "e.csv"), ("network", "nodes", name)]);
        }
        let text = scenario_text(model, &sel);
        let sc = parse(&text, "t.toml", dir.path(), &[]).unwrap_or_else(|e| panic!("{text}\n{e}"));
        let resolved = crate::resolved::sections(&sc);
        let chosen = |section: &str, selector: &str| -> Option<String> {
            resolved
                .sections
                .iter()
                .find(|(n, _)| *n == section)?
                .1
                .iter()
                .find(|(k, _)| *k == selector)
                .map(|(_, v)| match v {
                    crate::resolved::R::Str(s) => s.clone(),
                    _ => String::new(),
                })
        };
        let names: Vec<&str> = resolved.sections.iter().map(|(n, _)| *n).collect();
        // Sections of mechanisms that are off may be left out (`firm/optional.rs`), exactly
        // when every key has its default.
        let want: Vec<&str> = sections_of(model)
            .map(|s| s.name)
            .filter(|name| match &sc.model {
                asocia_core::ModelConfig::Firms(c) => {
                    !crate::firm::optional::omitted(name, &c.optional)
                }
                _ => true,
            })
            .collect();
        assert_eq!(names, want, "{text}");
        for (name, written) in &resolved.sections {
            let spec = section(name).unwrap();
            let got: BTreeSet<&str> = written.iter().map(|(k, _)| *k).collect();
            assert_eq!(got.len(), written.len(), "[{name}] repeats a key");
            let expected: BTreeSet<&str> = spec
                .keys
                .iter()
                .filter(|k| {
                    k.applies(model, |s| {
                        chosen(name, s).and_then(|v| {
                            let Kind::Choice { options, .. } = spec.key(s).unwrap().kind else {
                                return None;
                            };
                            options.iter().copied().find(|o| *o == v)
                        })
                    })
                })
                // `model` is written for the firm economy only.
                .filter(|k| !(k.omit_default && model == Scope::Classic))
                .map(|k| k.name)
                .collect();
            assert_eq!(got, expected, "[{name}] of\n{text}");
        }
        // What is written reads back to the same scenario.
        let again = parse(&sc.resolved_toml(), "t.toml", dir.path(), &[]).unwrap();
        assert_eq!(again, sc, "{text}");
    }
}

#[test]
fn integer_keys_are_the_registrys_integers() {
    assert!(is_integer("network.n"));
    assert!(is_integer("demography.entry_ties"));
    assert!(is_integer("output.network_every"));
    assert!(!is_integer("network.p"));
    assert!(!is_integer("network.sizes"));
    assert!(!is_integer("nope.n"));
}

#[test]
fn ranges_read_as_written() {
    assert_eq!(Range::UNIT.describe(), "[0, 1]");
    assert_eq!(Range::POSITIVE.describe(), "> 0");
    assert_eq!(Range::at_least(1.0).describe(), ">= 1");
    assert_eq!(Range::below(0.0).describe(), "< 0");
    assert_eq!(Range::ANY.describe(), "any");
    assert!(Range::UNIT.contains(0.0) && Range::UNIT.contains(1.0));
    assert!(!Range::POSITIVE.contains(0.0) && Range::POSITIVE.contains(1e-300));
    assert!(!Range::below(1.0).contains(1.0));
}
