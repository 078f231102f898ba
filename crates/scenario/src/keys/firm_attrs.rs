//! `[firms]`: each initial firm attribute (capital, productivity, opportunism) names a
//! distribution, whose parameters are the keys `<attribute>_<parameter>`.

use super::firm::SD;
use super::{KeySpec, Range, FINITE};

/// Distribution names.
pub(crate) const DISTS: &[&str] = &["constant", "uniform", "normal", "lognormal", "beta", "file"];

/// The keys of one attribute.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Attribute {
    /// The attribute, which is also the key naming its distribution.
    pub(crate) name: &'static str,
    /// `<attribute>`: the distribution.
    pub(crate) dist: KeySpec,
    /// `_value` of `constant`.
    pub(crate) value: KeySpec,
    /// `_min` of `uniform`.
    pub(crate) min: KeySpec,
    /// `_max` of `uniform`.
    pub(crate) max: KeySpec,
    /// `_mean` of `normal`.
    pub(crate) normal_mean: KeySpec,
    /// `_mean` of `lognormal` (of the variable itself, not of its log).
    pub(crate) lognormal_mean: KeySpec,
    /// `_sd` of `normal` and `lognormal`.
    pub(crate) sd: KeySpec,
    /// `_alpha` of `beta`.
    pub(crate) alpha: KeySpec,
    /// `_beta` of `beta`.
    pub(crate) beta: KeySpec,
}

/// What is fixed per attribute.
struct Shape {
    name: &'static str,
    /// `[value, min, max, mean, sd, alpha, beta]` key names.
    keys: [&'static str; 7],
    /// The default distribution and the defaults of its two parameters (also used by the
    /// other two-parameter distributions).
    default: (&'static str, f64, f64),
    /// The `constant` value's default.
    constant: f64,
    /// Allowed values of the attribute (for `constant` and `uniform`), with its message.
    domain: (Range, &'static str),
    unit: &'static str,
    /// Labels of `[value, mean, sd]`.
    labels: [&'static str; 3],
    meaning: &'static str,
}

const fn attribute(s: Shape) -> Attribute {
    let [value, min, max, mean, sd, alpha, beta] = s.keys;
    let (dist, d0, d1) = s.default;
    let (dom, dom_expect) = s.domain;
    let n = s.name;
    Attribute {
        name: n,
        dist: KeySpec::choice(n, dist, DISTS, "distribution").doc(s.labels[0], s.unit, s.meaning),
        value: KeySpec::float(value, s.constant, dom, dom_expect)
            .by(n, &["constant"])
            .doc(s.labels[0], s.unit, "the value every firm starts with"),
        min: KeySpec::float(min, 0.0, dom, dom_expect)
            .by(n, &["uniform"])
            .doc(
                "lower end of the uniform distribution",
                s.unit,
                "lower end (`min <= max`)",
            ),
        max: KeySpec::float(max, 1.0, dom, dom_expect)
            .by(n, &["uniform"])
            .doc("upper end of the uniform distribution", s.unit, "upper end"),
        normal_mean: KeySpec::float(mean, d0, Range::ANY, FINITE)
            .by(n, &["normal"])
            .doc(s.labels[1], s.unit, "mean"),
        lognormal_mean: KeySpec::float(
            mean,
            d0,
            Range::POSITIVE,
            "a positive mean (a lognormal variable is positive)",
        )
        .by(n, &["lognormal"])
        .doc(
            s.labels[1],
            s.unit,
            "mean of the variable itself, not of its log",
        ),
        sd: KeySpec::float(sd, d1, Range::NONNEG, SD)
            .by(n, &["normal", "lognormal"])
            .doc(
                s.labels[2],
                s.unit,
                "standard deviation of the variable itself",
            ),
        alpha: KeySpec::float(alpha, d0, Range::POSITIVE, "a shape alpha > 0")
            .by(n, &["beta"])
            .doc("shape alpha", "", "first shape of the Beta distribution"),
        beta: KeySpec::float(beta, d1, Range::POSITIVE, "a shape beta > 0")
            .by(n, &["beta"])
            .doc("shape beta", "", "second shape of the Beta distribution"),
    }
}

/// `capital`.
pub(crate) const CAPITAL: Attribute = attribute(Shape {
    name: "capital",
    keys: [
        "capital_value",
        "capital_min",
        "capital_max",
        "capital_mean",
        "capital_sd",
        "capital_alpha",
        "capital_beta",
    ],
    default: ("lognormal", 10.0, 5.0),
    constant: 10.0,
    domain: (Range::ANY, FINITE),
    unit: "money",
    labels: [
        "initial capital",
        "mean initial capital",
        "sd of initial capital",
    ],
    meaning: "distribution of the starting capital `K_i`",
});

/// `productivity`.
pub(crate) const PRODUCTIVITY: Attribute = attribute(Shape {
    name: "productivity",
    keys: [
        "productivity_value",
        "productivity_min",
        "productivity_max",
        "productivity_mean",
        "productivity_sd",
        "productivity_alpha",
        "productivity_beta",
    ],
    default: ("normal", 1.0, 0.2),
    constant: 1.0,
    domain: (
        Range::NONNEG,
        "a number >= 0 (productivity is not negative)",
    ),
    unit: "output per step",
    labels: ["productivity", "mean productivity", "sd of productivity"],
    meaning: "distribution of the productivity `a_i`; draws below 0 are set to 0",
});

/// `opportunism`.
pub(crate) const OPPORTUNISM: Attribute = attribute(Shape {
    name: "opportunism",
    keys: [
        "opportunism_value",
        "opportunism_min",
        "opportunism_max",
        "opportunism_mean",
        "opportunism_sd",
        "opportunism_alpha",
        "opportunism_beta",
    ],
    default: ("beta", 2.0, 5.0),
    constant: 0.3,
    domain: (
        Range::UNIT,
        "a value in [0, 1] (opportunism is a propensity)",
    ),
    unit: "",
    labels: ["opportunism θ", "mean opportunism θ", "sd of opportunism θ"],
    meaning: "distribution of the propensity to defect `θ_i`; draws are clipped to [0, 1]",
});

/// The attributes, in `[firms]` order.
pub(crate) const ATTRIBUTES: [Attribute; 3] = [CAPITAL, PRODUCTIVITY, OPPORTUNISM];

/// Every key of `[firms]`, attribute by attribute, in the order they are written back.
pub(crate) const KEYS: [KeySpec; 27] = {
    let mut out = [CAPITAL.dist; 27];
    let mut i = 0;
    while i < 3 {
        let a = ATTRIBUTES[i];
        let keys = [
            a.dist,
            a.value,
            a.min,
            a.max,
            a.normal_mean,
            a.lognormal_mean,
            a.sd,
            a.alpha,
            a.beta,
        ];
        let mut j = 0;
        while j < 9 {
            out[i * 9 + j] = keys[j];
            j += 1;
        }
        i += 1;
    }
    out
};
