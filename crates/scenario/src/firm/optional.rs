//! The sections of the firm economy's optional mechanisms (`[subsidy]`, …), read and written
//! back without code of their own: each key of such a section is the field of the same name of
//! the mechanism's configuration, and the section is the field of the same name of
//! [`OptionalMechanisms`]. The reader reads every key through its spec (its default, range and
//! "expected …" message), collects the values into that shape and lets serde build the
//! configuration; the write-back serialises the configuration and takes each key's value by
//! its name. A cross-key rule of a section is a [`Check`] beside its name in [`OPTIONAL`].
//!
//! A new optional mechanism's section therefore needs its specs in the registry
//! (`keys/firm.rs`, listed in `keys::SECTIONS`) and one line in [`OPTIONAL`]; the tests below
//! fail when the two disagree with the configuration's fields.

use asocia_core::firm::OptionalMechanisms;
use serde_json::{Map, Number, Value};

use crate::error::{Loc, Sink};
use crate::keys::{self, KeySpec, Kind, Scope};
use crate::raw::Raw;
use crate::resolve::{section, Reader};
use crate::resolved::{section_values, R};

/// A section's cross-key rule: given its values and where each was written, the location and
/// message of a violation, if any.
type Check = fn(&Map<String, Value>, &dyn Fn(&str) -> Option<Loc>) -> Option<(Option<Loc>, String)>;

/// The optional mechanisms' sections, in the order they are written back (after `[market]`),
/// each with its cross-key rule.
const OPTIONAL: &[(&str, Option<Check>)] = &[
    ("subsidy", Some(subsidy_window)),
    ("training", Some(window)),
    ("infrastructure", Some(window)),
    ("public_monitoring", Some(window)),
    ("budget", None),
    ("formation", None),
    ("fair", Some(fair_window)),
    ("alliance", None),
    ("anchor", None),
    ("buying_group", None),
];

/// The optional sections left out of the resolved scenario when every key has its default
/// (the mechanism is off), so that the resolved scenario of a run without them, and the
/// manifest citing it, stay what they were before the mechanism existed.
const OMIT_WHEN_DEFAULT: &[&str] = &[
    "training",
    "infrastructure",
    "public_monitoring",
    "budget",
    "formation",
    "fair",
    "alliance",
    "anchor",
    "buying_group",
];

/// The optional mechanisms whose sections have code of their own (keys that depend on a
/// selector, checks against the network): their fields keep their defaults here and the
/// caller sets them.
#[cfg(test)]
const OWN_CODE: &[&str] = &["association"];

/// `[subsidy]`: `stop`, if set, must not come before `start` (reported at `stop`).
fn subsidy_window(
    v: &Map<String, Value>,
    loc: &dyn Fn(&str) -> Option<Loc>,
) -> Option<(Option<Loc>, String)> {
    let start = v["start"].as_u64()?;
    let stop = v["stop"].as_u64()?;
    (stop != 0 && stop < start).then(|| {
        (
            loc("stop").or(loc("start")),
            format!(
                "`stop`: the subsidy's last step {stop} comes before its first step `start` = {start} (0: no end)"
            ),
        )
    })
}

/// The window of a policy instrument (`[training]`, …): `stop`, if set, must not come
/// before `start` (reported at `stop`).
fn window(
    v: &Map<String, Value>,
    loc: &dyn Fn(&str) -> Option<Loc>,
) -> Option<(Option<Loc>, String)> {
    let start = v["start"].as_u64()?;
    let stop = v["stop"].as_u64()?;
    (stop != 0 && stop < start).then(|| {
        (
            loc("stop").or(loc("start")),
            format!(
                "`stop`: the programme's last step {stop} comes before its first step `start` = {start} (0: no end)"
            ),
        )
    })
}

/// `[fair]`: a fair held (`every > 0`) with extra access needs a `duration` (reported at
/// `duration`, or at `access`).
fn fair_window(
    v: &Map<String, Value>,
    loc: &dyn Fn(&str) -> Option<Loc>,
) -> Option<(Option<Loc>, String)> {
    let every = v["every"].as_u64()?;
    let access = v["access"].as_f64()?;
    let duration = v["duration"].as_u64()?;
    (every > 0 && access > 0.0 && duration == 0).then(|| {
        (
            loc("duration").or(loc("access")),
            format!(
                "`duration`: the fair's extra market access `access` = {access} lasts 0 steps; set `duration` >= 1 (or `access` = 0)"
            ),
        )
    })
}

/// Whether section `name` is left out of the resolved scenario of `c` (one of
/// [`OMIT_WHEN_DEFAULT`], with every key at its default).
pub(crate) fn omitted(name: &str, c: &OptionalMechanisms) -> bool {
    if !OMIT_WHEN_DEFAULT.contains(&name) {
        return false;
    }
    let all = serde_json::to_value(c).unwrap_or(Value::Null);
    let defaults = serde_json::to_value(OptionalMechanisms::default()).unwrap_or(Value::Null);
    all[name] == defaults[name]
}

/// One key read through its spec, as a JSON value and where it was written.
fn read_key(r: &mut Reader<'_>, sink: &mut Sink<'_>, k: &KeySpec) -> Option<(Value, Option<Loc>)> {
    match k.kind {
        Kind::Float { .. } => {
            let p = r.float(sink, k)?;
            Some((Value::Number(Number::from_f64(p.v)?), p.loc))
        }
        Kind::Int { .. } => r.uint(sink, k).map(|p| (Value::from(p.v), p.loc)),
        Kind::Bool => r.flag(sink, k).map(|p| (Value::Bool(p.v), p.loc)),
        Kind::Choice { .. } => r.pick(sink, k).map(|p| (Value::from(p.v), p.loc)),
        Kind::IntList { .. } => r.ints(sink, k).map(|p| (Value::from(p.v), p.loc)),
        Kind::Str { .. } => {
            let p = r.text(sink, k)?;
            Some(p.map_or((Value::Null, None), |p| (Value::from(p.v), p.loc)))
        }
    }
}

/// Reads every optional mechanism's section; `None` if anything was reported.
pub(super) fn read(raw: &Raw, sink: &mut Sink<'_>) -> Option<OptionalMechanisms> {
    let mut all = Map::new();
    let mut ok = true;
    for (name, check) in OPTIONAL {
        let mut r = Reader::new(raw, section(name), Scope::Firms);
        let mut values = Map::new();
        let mut locs: Vec<(&str, Option<Loc>)> = Vec::new();
        for k in r.spec.keys {
            match read_key(&mut r, sink, k) {
                Some((v, loc)) => {
                    values.insert(k.name.to_string(), v);
                    locs.push((k.name, loc));
                }
                None => ok = false,
            }
        }
        r.finish(sink, None);
        if ok {
            let loc = |key: &str| locs.iter().find(|(k, _)| *k == key).and_then(|(_, l)| *l);
            if let Some((at, message)) = check.and_then(|c| c(&values, &loc)) {
                sink.at(at, message);
                ok = false;
            }
        }
        all.insert((*name).to_string(), Value::Object(values));
    }
    if !ok {
        return None;
    }
    // The registry's kinds and ranges match the fields' types (tested below), so this only
    // fails on a programming error, reported like a bad value rather than a panic.
    match serde_json::from_value(Value::Object(all)) {
        Ok(m) => Some(m),
        Err(e) => {
            sink.at(None, format!("optional mechanisms: {e}"));
            None
        }
    }
}

/// A configuration field written back as the kind of its key.
fn value_of(k: &KeySpec, v: &Value) -> Option<R> {
    Some(match k.kind {
        Kind::Float { .. } => R::Float(v.as_f64()?),
        Kind::Int { .. } => R::Int(v.as_u64()?),
        Kind::Bool => R::Bool(v.as_bool()?),
        Kind::Choice { .. } | Kind::Str { .. } => R::Str(v.as_str()?.to_string()),
        Kind::IntList { .. } => R::Ints(
            v.as_array()?
                .iter()
                .map(Value::as_u64)
                .collect::<Option<_>>()?,
        ),
    })
}

/// The optional mechanisms' sections as resolved `(section, keys)`, every default filled in.
pub(super) fn resolved(c: &OptionalMechanisms) -> Vec<(&'static str, Vec<(&'static str, R)>)> {
    let all = serde_json::to_value(c).unwrap_or(Value::Null);
    OPTIONAL
        .iter()
        .filter(|(name, _)| !omitted(name, c))
        .filter_map(|(name, _)| keys::section(name))
        .map(|spec| {
            let values = &all[spec.name];
            section_values(
                spec.name,
                Scope::Firms,
                |_| None,
                |k| value_of(k, &values[k.name]),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::Default;

    /// Whether a written-back value is the key's default in the registry.
    fn is_default(k: &KeySpec, v: &R) -> bool {
        match (k.default, v) {
            (Default::Float(d), R::Float(x)) => d == *x,
            (Default::Int(d), R::Int(x)) => d == *x,
            (Default::Bool(d), R::Bool(x)) => d == *x,
            (Default::Name(d) | Default::Text(d), R::Str(x)) => d == x,
            (Default::Ints(d), R::Ints(x)) => d == x.as_slice(),
            _ => false,
        }
    }

    /// The sections named in [`OPTIONAL`] are exactly the fields of [`OptionalMechanisms`],
    /// each a firm section of the registry whose keys are exactly its configuration's fields,
    /// plain keys (no selector, no default taken from another key), written back to the
    /// configuration's default values.
    #[test]
    fn optional_sections_are_the_configuration_fields_one_to_one() {
        let defaults = serde_json::to_value(OptionalMechanisms::default()).unwrap();
        let fields: Vec<&String> = defaults.as_object().unwrap().keys().collect();
        let mut names: Vec<&str> = OPTIONAL.iter().map(|(n, _)| *n).collect();
        names.extend(OWN_CODE);
        let mut fields: Vec<&str> = fields.iter().map(|s| s.as_str()).collect();
        names.sort_unstable();
        fields.sort_unstable();
        assert_eq!(
            names, fields,
            "OPTIONAL or OWN_CODE lists every optional mechanism"
        );
        for (name, _) in OPTIONAL {
            let spec = keys::section(name).unwrap_or_else(|| panic!("[{name}] in the registry"));
            assert_eq!(spec.scope, Scope::Firms);
            let mut keys: Vec<&str> = spec.keys.iter().map(|k| k.name).collect();
            let mut own: Vec<&str> = defaults[name]
                .as_object()
                .unwrap()
                .keys()
                .map(String::as_str)
                .collect();
            keys.sort_unstable();
            own.sort_unstable();
            assert_eq!(
                keys, own,
                "[{name}]: its keys are its configuration's fields"
            );
            for k in spec.keys {
                assert!(k.by.is_none(), "[{name}] {}: no selector", k.name);
                let v = value_of(k, &defaults[name][k.name])
                    .unwrap_or_else(|| panic!("[{name}] {}: its kind fits its field", k.name));
                assert!(
                    is_default(k, &v),
                    "[{name}] {}: the registry's default is the configuration's default",
                    k.name
                );
            }
        }
    }
}
