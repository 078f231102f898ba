//! `[sweep]` and `[compare]` written back as TOML: every key of the sections filled in, the
//! dimensions and the arms' overrides as they were read (with `--set` applied), so that the
//! text, appended to the resolved scenario, loads again to the same study.

use asocia_stats::design::{DimValues, Dimension, Level, Scale, Spacing};

use super::{Compare, Sweep};
use crate::raw::Val;

/// The study sections as TOML (empty when there are none), each preceded by a blank line.
pub(super) fn study_toml(sweep: Option<&Sweep>, compare: Option<&Compare>) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    if let Some(sw) = sweep {
        doc.insert("sweep", toml_edit::Item::Table(sweep_table(sw)));
    }
    if let Some(c) = compare {
        doc.insert("compare", toml_edit::Item::Table(compare_table(c)));
    }
    if doc.is_empty() {
        return String::new();
    }
    format!("\n{doc}")
}

fn sweep_table(sw: &Sweep) -> toml_edit::Table {
    use asocia_stats::design::Design;
    let mut t = toml_edit::Table::new();
    let (kind, samples, seed, dims) = match &sw.design {
        Design::Grid(dims) => ("grid", None, None, dims),
        Design::LatinHypercube { dims, n, seed } => {
            ("latin-hypercube", Some(*n), Some(*seed), dims)
        }
        Design::Sobol { dims, n, seed } => ("sobol", Some(*n), *seed, dims),
    };
    t.insert("design", toml_edit::value(kind));
    t.insert("replications", toml_edit::value(int(sw.replications)));
    if let Some(n) = samples {
        t.insert("samples", toml_edit::value(int(n as u64)));
    }
    if let Some(seed) = seed {
        t.insert("seed", toml_edit::value(int(seed)));
    }
    for (dim, arrays) in dims.iter().zip(&sw.arrays) {
        let Some((section, key)) = dim.key.split_once('.') else {
            continue;
        };
        let value = dimension_value(dim, arrays.as_deref());
        let sub = t.entry(section).or_insert_with(|| {
            let mut s = toml_edit::Table::new();
            s.set_dotted(true);
            toml_edit::Item::Table(s)
        });
        if let Some(sub) = sub.as_table_mut() {
            sub.insert(key, toml_edit::Item::Value(value));
        }
    }
    t.decor_mut().set_prefix("\n");
    t
}

/// A dimension's values as written: a list, or a range table with every key.
fn dimension_value(dim: &Dimension, arrays: Option<&[(String, Val)]>) -> toml_edit::Value {
    match &dim.values {
        DimValues::List(levels) => {
            let mut a = toml_edit::Array::new();
            for level in levels {
                let listed = arrays.and_then(|arr| match level {
                    Level::Str(label) => arr.iter().find(|(l, _)| l == label).map(|(_, v)| v),
                    _ => None,
                });
                a.push(match listed {
                    Some(v) => val_value(v),
                    None => level_value(level),
                });
            }
            toml_edit::Value::Array(a)
        }
        DimValues::Range(r) => {
            let mut t = toml_edit::InlineTable::new();
            t.insert("start", r.start.into());
            t.insert("stop", r.stop.into());
            match r.spacing {
                Spacing::Step(h) => {
                    t.insert("step", h.into());
                }
                Spacing::Count(n) => {
                    t.insert("n", int(n as u64).into());
                }
                Spacing::Continuous => {}
            }
            let scale = match r.scale {
                Scale::Linear => "linear",
                Scale::Log => "log",
            };
            t.insert("scale", scale.into());
            t.insert("integer", dim.integer.into());
            toml_edit::Value::InlineTable(t)
        }
    }
}

fn compare_table(c: &Compare) -> toml_edit::Table {
    let mut t = toml_edit::Table::new();
    t.insert("replications", toml_edit::value(int(c.replications)));
    if let Some(b) = c.baseline {
        t.insert("baseline", toml_edit::value(c.arms[b].name.as_str()));
    }
    t.decor_mut().set_prefix("\n");
    for arm in &c.arms {
        let mut at = toml_edit::Table::new();
        for (section, entry) in &arm.entries {
            let sub = at.entry(section).or_insert_with(|| {
                let mut s = toml_edit::Table::new();
                s.set_dotted(true);
                toml_edit::Item::Table(s)
            });
            if let Some(sub) = sub.as_table_mut() {
                sub.insert(&entry.key, toml_edit::Item::Value(val_value(&entry.val)));
            }
        }
        at.decor_mut().set_prefix("\n");
        t.insert(&arm.name, toml_edit::Item::Table(at));
    }
    t
}

/// A count or seed as a TOML integer (every one the study reader accepts fits `i64`).
fn int(x: u64) -> i64 {
    i64::try_from(x).unwrap_or(i64::MAX)
}

fn level_value(level: &Level) -> toml_edit::Value {
    match level {
        Level::Int(i) => (*i).into(),
        Level::Float(x) => (*x).into(),
        Level::Bool(b) => (*b).into(),
        Level::Str(s) => s.as_str().into(),
    }
}

fn val_value(v: &Val) -> toml_edit::Value {
    match v {
        Val::Int(i) => (*i).into(),
        Val::Float(x) => (*x).into(),
        Val::Bool(b) => (*b).into(),
        Val::Str(s) => s.as_str().into(),
        Val::Array(items) => {
            let mut a = toml_edit::Array::new();
            for item in items {
                a.push(val_value(item));
            }
            toml_edit::Value::Array(a)
        }
        // Neither resolves as a scenario value, so a study that has one does not load.
        Val::Datetime(d) => d
            .parse::<toml_edit::Value>()
            .unwrap_or_else(|_| d.as_str().into()),
        Val::Table => toml_edit::Value::InlineTable(toml_edit::InlineTable::new()),
    }
}
