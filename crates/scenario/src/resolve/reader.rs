//! Reading the keys of one section through their specs in the registry ([`crate::keys`]):
//! the key's name, its default, its range check and the "expected …" text of its error all come
//! from the spec, and what is left unread at the end is an unknown key (with a suggestion from
//! the section's key list) or a key the chosen kind, preset, rule or mode does not take.

use crate::error::{Loc, Sink};
use crate::keys::{Default, KeySpec, Kind, Scope, SectionSpec};
use crate::raw::{Entry, Raw, Val};
use crate::suggest::{closest, did_you_mean};

/// A checked value and where it was written (`None` when it is the default).
#[derive(Clone, Copy, Debug)]
pub(crate) struct P<T> {
    pub(crate) v: T,
    pub(crate) loc: Option<Loc>,
}

impl<T> P<T> {
    /// A default value (not written anywhere).
    pub(crate) fn default(v: T) -> Self {
        P { v, loc: None }
    }
}

/// The variant a section's selector chose, for "not a parameter of …" messages.
pub(crate) struct Variant {
    /// E.g. "network kind `ring`".
    pub(crate) what: String,
    /// The keys the variant takes besides those that always apply.
    pub(crate) params: Vec<&'static str>,
    /// The selector was set by `--set`: file keys it does not take are dropped silently.
    pub(crate) overridden: bool,
}

/// Reads the keys of one section, remembering which were read.
pub(crate) struct Reader<'r> {
    pub(crate) spec: &'static SectionSpec,
    model: Scope,
    pub(crate) entries: &'r [Entry],
    pub(crate) loc: Option<Loc>,
    pub(crate) used: Vec<bool>,
}

fn list(items: &[&str]) -> String {
    items.join(", ")
}

/// The registry's spec of a section the reader is written for.
pub(crate) fn section(name: &str) -> &'static SectionSpec {
    crate::keys::section(name).unwrap_or(&crate::keys::SECTIONS[0])
}

impl<'r> Reader<'r> {
    pub(crate) fn new(raw: &'r Raw, spec: &'static SectionSpec, model: Scope) -> Self {
        let sec = raw.section(spec.name);
        let entries = sec.map_or(&[][..], |s| s.entries.as_slice());
        Reader {
            spec,
            model,
            entries,
            loc: sec.and_then(|s| s.loc),
            used: vec![false; entries.len()],
        }
    }

    pub(crate) fn entry(&mut self, key: &str) -> Option<&'r Entry> {
        let i = self.entries.iter().position(|e| e.key == key)?;
        self.used[i] = true;
        Some(&self.entries[i])
    }

    /// The entry of `key`, if written, without marking it read.
    pub(crate) fn peek(&self, key: &str) -> Option<&'r Entry> {
        self.entries.iter().find(|e| e.key == key)
    }

    /// Whether `selector` was set by `--set` (or a sweep point or an arm).
    pub(crate) fn overridden(&self, selector: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.key == selector && e.from_override)
    }

    /// Marks every key of the section read (after an unknown selector value, so that only
    /// unknown keys are reported, not "not a parameter").
    pub(crate) fn use_all(&mut self) {
        for k in self.spec.keys {
            self.entry(k.name);
        }
    }

    /// The variant that value `value` of the choice `selector` stands for.
    pub(crate) fn variant(&self, selector: &KeySpec, value: &str) -> Variant {
        let what = match selector.kind {
            Kind::Choice { what, .. } => what,
            _ => selector.name,
        };
        Variant {
            what: format!("{what} `{value}`"),
            params: self.spec.taken_by(selector.name, value),
            overridden: self.overridden(selector.name),
        }
    }

    /// Reports every unread key: unknown (with a suggestion) or not taken by `variant`.
    pub(crate) fn finish(self, sink: &mut Sink<'_>, variant: Option<Variant>) {
        let universe = self.spec.names();
        let mut valid = self.spec.always(self.model);
        if let Some(v) = &variant {
            valid.extend_from_slice(&v.params);
        }
        for (e, used) in self.entries.iter().zip(&self.used) {
            if *used {
                continue;
            }
            if let (true, Some(v)) = (universe.contains(&e.key.as_str()), &variant) {
                if v.overridden && !e.from_override {
                    continue;
                }
                let takes = if v.params.is_empty() {
                    "it takes none".to_string()
                } else {
                    format!("it takes: {}", list(&v.params))
                };
                sink.at(
                    Some(e.key_loc),
                    format!("`{}` is not a parameter of {} ({takes})", e.key, v.what),
                );
                continue;
            }
            let hint = closest(&e.key, &valid).or_else(|| closest(&e.key, &universe));
            let message = match hint {
                Some(h) => format!(
                    "unknown key `{}` in [{}]; did you mean `{h}`?",
                    e.key, self.spec.name
                ),
                None => format!(
                    "unknown key `{}` in [{}] (valid keys: {})",
                    e.key,
                    self.spec.name,
                    list(&valid)
                ),
            };
            sink.at(Some(e.key_loc), message);
        }
    }

    /// An integer key; its default, range and message from `spec`.
    pub(crate) fn uint(&mut self, sink: &mut Sink<'_>, spec: &KeySpec) -> Option<P<u64>> {
        let (Kind::Int { min, max, expect }, Default::Int(default)) = (spec.kind, spec.default)
        else {
            return mismatch(spec);
        };
        let key = spec.name;
        let Some(e) = self.entry(key) else {
            return Some(P::default(default));
        };
        match &e.val {
            Val::Int(i) if *i >= 0 && (min..=max).contains(&i.unsigned_abs()) => Some(P {
                v: i.unsigned_abs(),
                loc: Some(e.val_loc),
            }),
            Val::Int(i) => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected {expect}, found {i}"),
                );
                None
            }
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected {expect}, found {}", other.describe()),
                );
                None
            }
        }
    }

    /// A number key with its own default.
    pub(crate) fn float(&mut self, sink: &mut Sink<'_>, spec: &KeySpec) -> Option<P<f64>> {
        let Default::Float(default) = spec.default else {
            return mismatch(spec);
        };
        self.float_or(sink, spec, default)
    }

    /// A number key whose default is another key's value ([`Default::SameAs`]), resolved by the
    /// caller as `default`.
    pub(crate) fn float_or(
        &mut self,
        sink: &mut Sink<'_>,
        spec: &KeySpec,
        default: f64,
    ) -> Option<P<f64>> {
        let Kind::Float { range, expect } = spec.kind else {
            return mismatch(spec);
        };
        let key = spec.name;
        let Some(e) = self.entry(key) else {
            return Some(P::default(default));
        };
        let x = match &e.val {
            Val::Int(i) => *i as f64,
            Val::Float(x) if x.is_finite() => *x,
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected {expect}, found {}", other.describe()),
                );
                return None;
            }
        };
        if range.contains(x) {
            Some(P {
                v: x,
                loc: Some(e.val_loc),
            })
        } else {
            sink.at(
                Some(e.val_loc),
                format!("`{key}`: expected {expect}, found {x}"),
            );
            None
        }
    }

    /// A boolean key.
    pub(crate) fn flag(&mut self, sink: &mut Sink<'_>, spec: &KeySpec) -> Option<P<bool>> {
        let (Kind::Bool, Default::Bool(default)) = (spec.kind, spec.default) else {
            return mismatch(spec);
        };
        let key = spec.name;
        let Some(e) = self.entry(key) else {
            return Some(P::default(default));
        };
        match &e.val {
            Val::Bool(b) => Some(P {
                v: *b,
                loc: Some(e.val_loc),
            }),
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!(
                        "`{key}`: expected a boolean (true or false), found {}",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    /// A string key: `Some(None)` when unset.
    pub(crate) fn text(
        &mut self,
        sink: &mut Sink<'_>,
        spec: &KeySpec,
    ) -> Option<Option<P<String>>> {
        let Kind::Str { non_empty } = spec.kind else {
            return mismatch(spec);
        };
        let key = spec.name;
        let Some(e) = self.entry(key) else {
            return Some(None);
        };
        match &e.val {
            Val::Str(s) if non_empty && s.trim().is_empty() => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected a non-empty string, found string \"\""),
                );
                None
            }
            Val::Str(s) => Some(Some(P {
                v: s.clone(),
                loc: Some(e.val_loc),
            })),
            other => {
                sink.at(
                    Some(e.val_loc),
                    format!("`{key}`: expected a string, found {}", other.describe()),
                );
                None
            }
        }
    }

    /// A choice key with a plain default.
    pub(crate) fn pick(&mut self, sink: &mut Sink<'_>, spec: &KeySpec) -> Option<P<&'static str>> {
        self.pick_given(sink, spec, None)
    }

    /// A choice key whose default may depend on the value `chosen` of another key
    /// ([`Default::ByChoice`]).
    pub(crate) fn pick_given(
        &mut self,
        sink: &mut Sink<'_>,
        spec: &KeySpec,
        chosen: Option<&str>,
    ) -> Option<P<&'static str>> {
        let (Kind::Choice { options, what }, Some(default)) =
            (spec.kind, spec.default.name_for(chosen))
        else {
            return mismatch(spec);
        };
        let key = spec.name;
        let Some(e) = self.entry(key) else {
            return Some(P::default(default));
        };
        let Val::Str(s) = &e.val else {
            sink.at(
                Some(e.val_loc),
                format!(
                    "`{key}`: expected a {what} (one of: {}), found {}",
                    list(options),
                    e.val.describe()
                ),
            );
            return None;
        };
        if let Some(o) = options.iter().find(|o| **o == s.as_str()) {
            return Some(P {
                v: o,
                loc: Some(e.val_loc),
            });
        }
        sink.at(
            Some(e.val_loc),
            format!(
                "`{key}`: unknown {what} `{s}`{} (valid: {})",
                did_you_mean(s, options),
                list(options)
            ),
        );
        None
    }

    /// An array of whole numbers.
    pub(crate) fn ints(&mut self, sink: &mut Sink<'_>, spec: &KeySpec) -> Option<P<Vec<u64>>> {
        let (
            Kind::IntList {
                min,
                max,
                non_empty,
                expect,
            },
            Default::Ints(default),
        ) = (spec.kind, spec.default)
        else {
            return mismatch(spec);
        };
        let key = spec.name;
        let Some(e) = self.entry(key) else {
            return Some(P::default(default.to_vec()));
        };
        let Val::Array(items) = &e.val else {
            sink.at(
                Some(e.val_loc),
                format!("`{key}`: expected {expect}, found {}", e.val.describe()),
            );
            return None;
        };
        if non_empty && items.is_empty() {
            sink.at(
                Some(e.val_loc),
                format!("`{key}`: expected {expect}, found an empty array"),
            );
            return None;
        }
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let found = match item {
                Val::Int(x) if *x >= 0 && (min..=max).contains(&x.unsigned_abs()) => {
                    out.push(x.unsigned_abs());
                    continue;
                }
                Val::Int(x) => x.to_string(),
                other => other.describe(),
            };
            sink.at(
                Some(e.val_loc),
                format!(
                    "`{key}`: expected {expect}, found {found} at position {}",
                    i + 1
                ),
            );
            return None;
        }
        Some(P {
            v: out,
            loc: Some(e.val_loc),
        })
    }
}

/// A reader method called with a spec of another kind: a mistake in the program, never in the
/// scenario. Caught by the registry's tests (every spec is read); in a release build the key
/// is skipped rather than the program stopped.
fn mismatch<T>(spec: &KeySpec) -> Option<T> {
    debug_assert!(false, "key `{}` read as the wrong kind", spec.name);
    None
}
