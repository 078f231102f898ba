//! The registry of scenario sections and keys: for every section (in file order) the model it
//! belongs to and its keys, each with its type, default, allowed range, unit, label and a
//! one-line meaning.
//!
//! Everything else about keys is derived from here: the reader reads each key through its spec
//! (name, range check, default and the "expected …" text of its error all come from the spec),
//! the unknown-key check and its "did you mean" suggestions use the section's key list, the
//! resolved write-back (TOML and JSON) walks the same specs, the study engine's parameter labels
//! come from [`KeySpec::label`] and [`KeySpec::unit`], and `asocia reference` prints
//! [`reference_markdown`] (checked against `docs/reference.md`).
//!
//! A key that only some values of a selector take (a network kind's parameters, a game preset's,
//! a distribution's) names that selector and those values ([`KeySpec::by`]). The same name may
//! appear more than once in a section, once per group of selector values with its own default
//! and range (`m` of `erdos-renyi-gnm` and of `barabasi-albert`); the specs of one name never
//! apply to the same selector value.
//!
//! ```
//! use asocia_scenario::keys::{self, Default};
//!
//! let k = keys::key("update.k").unwrap();
//! assert_eq!(k.default, Default::Float(0.1));
//! assert_eq!(k.label, "Fermi noise K");
//! let rate = keys::key("cluster.spillover_rate").unwrap();
//! assert_eq!(rate.default, Default::SameAs("spillover.rate"));
//! ```

mod classic;
mod common;
mod firm;
mod firm_alliance;
mod firm_association;
mod firm_attrs;
mod firm_formation;
mod firm_policy;
mod firm_schemes;
mod reference;

pub use reference::reference_markdown;

pub(crate) use classic::{game, initial, update};
pub(crate) use common::{network, output, run, scenario, MAX_INT, MAX_NODES, MAX_SEED, SEED};
pub(crate) use firm::{cluster, decision, demography, learning, market, monitoring, project};
pub(crate) use firm::{reputation, spillover, trust};
pub(crate) use firm_association::association;
pub(crate) use firm_attrs::{Attribute, ATTRIBUTES, DISTS};

/// Which model a section or a key belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Both models.
    Common,
    /// The classic 2×2 games (`[scenario] model = "classic"`).
    Classic,
    /// The firm economy (`[scenario] model = "firms"`).
    Firms,
}

impl Scope {
    /// Whether something of this scope applies to a scenario of `model`.
    pub fn applies(self, model: Scope) -> bool {
        self == Scope::Common || self == model
    }
}

/// One end of a numeric range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// No bound (any finite number).
    Open,
    /// The value itself is allowed.
    Incl(f64),
    /// Values up to (but not including) it are allowed.
    Excl(f64),
}

/// The allowed values of a number key: finite, and between its two bounds.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Range {
    /// Lower bound.
    pub lo: Bound,
    /// Upper bound.
    pub hi: Bound,
}

impl Range {
    /// Any finite number.
    pub const ANY: Range = Range {
        lo: Bound::Open,
        hi: Bound::Open,
    };
    /// A probability or share: `[0, 1]`.
    pub const UNIT: Range = Range {
        lo: Bound::Incl(0.0),
        hi: Bound::Incl(1.0),
    };
    /// `>= 0`.
    pub const NONNEG: Range = Range::at_least(0.0);
    /// `> 0`.
    pub const POSITIVE: Range = Range {
        lo: Bound::Excl(0.0),
        hi: Bound::Open,
    };

    /// `>= x`.
    pub const fn at_least(x: f64) -> Range {
        Range {
            lo: Bound::Incl(x),
            hi: Bound::Open,
        }
    }

    /// `< x`.
    pub const fn below(x: f64) -> Range {
        Range {
            lo: Bound::Open,
            hi: Bound::Excl(x),
        }
    }

    /// Whether the finite number `x` is allowed.
    pub fn contains(&self, x: f64) -> bool {
        let lo = match self.lo {
            Bound::Open => true,
            Bound::Incl(a) => x >= a,
            Bound::Excl(a) => x > a,
        };
        let hi = match self.hi {
            Bound::Open => true,
            Bound::Incl(b) => x <= b,
            Bound::Excl(b) => x < b,
        };
        lo && hi
    }

    /// The range in the reference's notation: `[0, 1]`, `> 0`, `>= 1`, `< 1`, `any`.
    pub fn describe(&self) -> String {
        match (self.lo, self.hi) {
            (Bound::Open, Bound::Open) => "any".to_string(),
            (Bound::Incl(a), Bound::Incl(b)) => format!("[{a}, {b}]"),
            (Bound::Incl(a), Bound::Open) => format!(">= {a}"),
            (Bound::Excl(a), Bound::Open) => format!("> {a}"),
            (Bound::Open, Bound::Excl(b)) => format!("< {b}"),
            (Bound::Open, Bound::Incl(b)) => format!("<= {b}"),
            (lo, hi) => {
                let l = match lo {
                    Bound::Excl(a) => format!("({a}"),
                    Bound::Incl(a) => format!("[{a}"),
                    Bound::Open => "(-inf".to_string(),
                };
                let h = match hi {
                    Bound::Excl(b) => format!("{b})"),
                    Bound::Incl(b) => format!("{b}]"),
                    Bound::Open => "inf)".to_string(),
                };
                format!("{l}, {h}")
            }
        }
    }
}

/// What a key holds, with its allowed values.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A finite number (integers accepted) in `range`; `expect` completes "expected …" in the
    /// error for anything else.
    Float {
        /// Allowed values.
        range: Range,
        /// "a probability in [0, 1]", "a positive number (the noise K > 0)", …
        expect: &'static str,
    },
    /// A whole number in `min ..= max`, written as a TOML integer.
    Int {
        /// Smallest allowed value.
        min: u64,
        /// Largest allowed value.
        max: u64,
        /// Completes "expected …" in the error.
        expect: &'static str,
    },
    /// `true` or `false`.
    Bool,
    /// A string; with `non_empty`, one that is not blank.
    Str {
        /// Whether a blank string is an error.
        non_empty: bool,
    },
    /// One of a few names.
    Choice {
        /// The allowed names, in documentation order.
        options: &'static [&'static str],
        /// What the names are, for messages ("network kind", "game preset").
        what: &'static str,
    },
    /// An array of whole numbers, each in `min ..= max`.
    IntList {
        /// Smallest allowed item.
        min: u64,
        /// Largest allowed item.
        max: u64,
        /// Whether an empty array is an error.
        non_empty: bool,
        /// Completes "expected …" in the error.
        expect: &'static str,
    },
}

/// A key's value when the scenario does not set it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Default {
    /// A number.
    Float(f64),
    /// A whole number.
    Int(u64),
    /// A boolean.
    Bool(bool),
    /// One of a choice's names.
    Name(&'static str),
    /// A string.
    Text(&'static str),
    /// An array of whole numbers.
    Ints(&'static [u64]),
    /// The resolved value of another key, `section.key` (`cluster.spillover_rate` is
    /// `spillover.rate` unless set).
    SameAs(&'static str),
    /// A name that depends on the value of another key of the section: `cases` lists
    /// `(value of key, default)`, `otherwise` applies to every other value.
    ByChoice {
        /// The key whose value decides (in the same section).
        key: &'static str,
        /// `(value of key, default name)` pairs.
        cases: &'static [(&'static str, &'static str)],
        /// The default for every other value.
        otherwise: &'static str,
    },
    /// Computed by the reader, described in words ("the file stem").
    Computed(&'static str),
    /// No default: the key must be given when it applies.
    Required,
    /// Unset means absent (an optional file).
    Absent,
}

impl Default {
    /// The name a [`Default::Name`] or [`Default::ByChoice`] stands for, given the value
    /// `chosen` of the key it depends on.
    pub fn name_for(&self, chosen: Option<&str>) -> Option<&'static str> {
        match *self {
            Default::Name(n) => Some(n),
            Default::ByChoice {
                cases, otherwise, ..
            } => Some(
                cases
                    .iter()
                    .find(|(v, _)| Some(*v) == chosen)
                    .map_or(otherwise, |(_, d)| d),
            ),
            _ => None,
        }
    }
}

/// One key of a section.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeySpec {
    /// The key as written in a scenario.
    pub name: &'static str,
    /// Its type and allowed values.
    pub kind: Kind,
    /// Its value when unset.
    pub default: Default,
    /// `Some((selector, values))` when only those values of the section's key `selector` take
    /// it (a network kind's parameters); `None` when it always applies.
    pub by: Option<(&'static str, &'static [&'static str])>,
    /// The model the key applies to (`run.stop_at_absorption` is classic only).
    pub scope: Scope,
    /// Left out of the resolved scenario when it has its default (`[scenario] model`, so that
    /// a classic scenario resolves as it always did).
    pub omit_default: bool,
    /// Its unit ("money", "payoff units"); empty for pure numbers, shares and names.
    pub unit: &'static str,
    /// A short label in words for plots and tables ("initial trust τ₀ in a new partner").
    pub label: &'static str,
    /// What it does, in one line.
    pub meaning: &'static str,
}

/// "a probability in [0, 1]".
pub(crate) const PROBABILITY: &str = "a probability in [0, 1]";
/// "a finite number".
pub(crate) const FINITE: &str = "a finite number";

impl KeySpec {
    const fn new(name: &'static str, kind: Kind, default: Default) -> KeySpec {
        KeySpec {
            name,
            kind,
            default,
            by: None,
            scope: Scope::Common,
            omit_default: false,
            unit: "",
            label: "",
            meaning: "",
        }
    }

    /// A number in `range`.
    pub(crate) const fn float(
        name: &'static str,
        default: f64,
        range: Range,
        expect: &'static str,
    ) -> KeySpec {
        KeySpec::new(name, Kind::Float { range, expect }, Default::Float(default))
    }

    /// A probability or share in `[0, 1]`.
    pub(crate) const fn prob(name: &'static str, default: f64) -> KeySpec {
        KeySpec::float(name, default, Range::UNIT, PROBABILITY)
    }

    /// Any finite number.
    pub(crate) const fn real(name: &'static str, default: f64) -> KeySpec {
        KeySpec::float(name, default, Range::ANY, FINITE)
    }

    /// A whole number in `min ..= max`.
    pub(crate) const fn int(
        name: &'static str,
        default: u64,
        (min, max): (u64, u64),
        expect: &'static str,
    ) -> KeySpec {
        KeySpec::new(name, Kind::Int { min, max, expect }, Default::Int(default))
    }

    /// A boolean.
    pub(crate) const fn flag(name: &'static str, default: bool) -> KeySpec {
        KeySpec::new(name, Kind::Bool, Default::Bool(default))
    }

    /// One of `options`.
    pub(crate) const fn choice(
        name: &'static str,
        default: &'static str,
        options: &'static [&'static str],
        what: &'static str,
    ) -> KeySpec {
        KeySpec::new(name, Kind::Choice { options, what }, Default::Name(default))
    }

    /// A string.
    pub(crate) const fn text(name: &'static str, non_empty: bool, default: Default) -> KeySpec {
        KeySpec::new(name, Kind::Str { non_empty }, default)
    }

    /// An array of whole numbers.
    pub(crate) const fn ints(
        name: &'static str,
        default: &'static [u64],
        (min, max): (u64, u64),
        non_empty: bool,
        expect: &'static str,
    ) -> KeySpec {
        KeySpec::new(
            name,
            Kind::IntList {
                min,
                max,
                non_empty,
                expect,
            },
            Default::Ints(default),
        )
    }

    /// Taken only when the section's `selector` has one of `values`.
    pub(crate) const fn by(
        mut self,
        selector: &'static str,
        values: &'static [&'static str],
    ) -> KeySpec {
        self.by = Some((selector, values));
        self
    }

    /// Applies to one model only.
    pub(crate) const fn only(mut self, scope: Scope) -> KeySpec {
        self.scope = scope;
        self
    }

    /// Its default is given by another rule than the plain value.
    pub(crate) const fn default(mut self, default: Default) -> KeySpec {
        self.default = default;
        self
    }

    /// Left out of the resolved scenario at its default.
    pub(crate) const fn omit_default(mut self) -> KeySpec {
        self.omit_default = true;
        self
    }

    /// Its label, unit and meaning.
    pub(crate) const fn doc(
        mut self,
        label: &'static str,
        unit: &'static str,
        meaning: &'static str,
    ) -> KeySpec {
        self.label = label;
        self.unit = unit;
        self.meaning = meaning;
        self
    }

    /// Whether the key applies when the selectors of its section have the values `chosen`
    /// gives (`None`: the selector's value is unknown, so only keys without a selector apply).
    pub fn applies<'a>(&self, model: Scope, chosen: impl Fn(&str) -> Option<&'a str>) -> bool {
        self.scope.applies(model)
            && match self.by {
                None => true,
                Some((selector, values)) => chosen(selector).is_some_and(|v| values.contains(&v)),
            }
    }
}

/// One section of a scenario file.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SectionSpec {
    /// The section's name (`network` for `[network]`).
    pub name: &'static str,
    /// The model it belongs to.
    pub scope: Scope,
    /// What it sets, in one line.
    pub meaning: &'static str,
    /// Its keys, in the order they are written back.
    pub keys: &'static [KeySpec],
}

impl SectionSpec {
    /// The distinct key names of the section, in order (for suggestions and misplaced keys).
    pub fn names(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::with_capacity(self.keys.len());
        for k in self.keys {
            if !out.contains(&k.name) {
                out.push(k.name);
            }
        }
        out
    }

    /// The keys that always apply to a scenario of `model` (no selector), in order.
    pub fn always(&self, model: Scope) -> Vec<&'static str> {
        self.keys
            .iter()
            .filter(|k| k.by.is_none() && k.scope.applies(model))
            .map(|k| k.name)
            .collect()
    }

    /// The keys that value `value` of `selector` takes, in order, without repeats.
    pub fn taken_by(&self, selector: &str, value: &str) -> Vec<&'static str> {
        let mut out = Vec::new();
        for k in self.keys {
            if let Some((s, values)) = k.by {
                if s == selector && values.contains(&value) && !out.contains(&k.name) {
                    out.push(k.name);
                }
            }
        }
        out
    }

    /// The first spec of key `name`.
    pub fn key(&self, name: &str) -> Option<&'static KeySpec> {
        let keys: &'static [KeySpec] = self.keys;
        keys.iter().find(|k| k.name == name)
    }
}

/// Every section of a scenario, in file order: the common and classic sections, then the firm
/// economy's.
pub static SECTIONS: &[SectionSpec] = &[
    common::SCENARIO,
    common::NETWORK,
    classic::GAME,
    classic::UPDATE,
    classic::INITIAL,
    common::RUN,
    common::OUTPUT,
    firm::FIRMS,
    firm::TRUST,
    firm::DECISION,
    firm::PROJECT,
    firm::MONITORING,
    firm::REPUTATION,
    firm::LEARNING,
    firm::MARKET,
    firm::SUBSIDY,
    firm_policy::TRAINING,
    firm_policy::INFRASTRUCTURE,
    firm_policy::PUBLIC_MONITORING,
    firm_policy::BUDGET,
    firm::SPILLOVER,
    firm::DEMOGRAPHY,
    firm::CLUSTER,
    firm_association::ASSOCIATION,
    firm_formation::FORMATION,
    firm_formation::FAIR,
    firm_alliance::ALLIANCE,
    firm_alliance::ANCHOR,
    firm_schemes::BUYING_GROUP,
];

/// The section named `name`.
pub fn section(name: &str) -> Option<&'static SectionSpec> {
    SECTIONS.iter().find(|s| s.name == name)
}

/// The names of every section, in file order.
pub fn section_names() -> Vec<&'static str> {
    SECTIONS.iter().map(|s| s.name).collect()
}

/// The first spec of a dotted key such as `update.k` (the specs of one name share their label
/// and unit).
pub fn key(dotted: &str) -> Option<&'static KeySpec> {
    let (s, k) = dotted.split_once('.')?;
    section(s)?.key(k)
}

/// Whether the dotted key holds whole numbers (a numeric sweep range over it yields
/// integers).
pub fn is_integer(dotted: &str) -> bool {
    let Some((s, k)) = dotted.split_once('.') else {
        return false;
    };
    section(s).is_some_and(|sec| {
        sec.keys
            .iter()
            .any(|spec| spec.name == k && matches!(spec.kind, Kind::Int { .. }))
    })
}

/// The sections of one model (and the common ones), in file order.
pub fn sections_of(model: Scope) -> impl Iterator<Item = &'static SectionSpec> {
    SECTIONS.iter().filter(move |s| s.scope.applies(model))
}

#[cfg(test)]
mod tests;
