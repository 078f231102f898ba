//! The sections of the firm economy's public policy instruments besides the subsidy:
//! `[training]`, `[infrastructure]`, `[public_monitoring]`, and `[budget]`, the public budget
//! that funds them (and the subsidy) in order.

use super::{KeySpec, Range, Scope, SectionSpec};

/// The first step of an instrument's window.
const fn start(what: &'static str) -> KeySpec {
    KeySpec::int("start", 1, (1, 1 << 40), "a step >= 1").doc("first step", "step", what)
}

/// The last step of an instrument's window.
const fn stop(what: &'static str) -> KeySpec {
    KeySpec::int("stop", 0, (0, 1 << 40), "a step >= 0 (0: no end)").doc("last step", "step", what)
}

/// `[training]`.
pub(crate) mod training {
    use super::*;

    /// `boost`.
    pub(crate) const BOOST: KeySpec =
        KeySpec::float("boost", 0.0, Range::NONNEG, "a boost >= 0").doc(
            "training boost",
            "share",
            "extra share of the productivity a firm gains through spillovers: the gain is multiplied by `1 + boost` in the window (0: off)",
        );
    /// `cost_per_firm`.
    pub(crate) const COST_PER_FIRM: KeySpec =
        KeySpec::float("cost_per_firm", 0.0, Range::NONNEG, "a cost >= 0").doc(
            "training cost per firm",
            "money per firm and step",
            "public money per alive firm and step of the window",
        );
    /// `start`.
    pub(crate) const START: KeySpec = start("first step of the training programme");
    /// `stop`.
    pub(crate) const STOP: KeySpec =
        stop("last step of the training programme (0: no end; otherwise at least `start`)");
}

/// `[training]`.
pub(crate) const TRAINING: SectionSpec = SectionSpec {
    name: "training",
    scope: Scope::Firms,
    meaning: "public training: firms learn more from cooperating partners (a larger spillover gain), at a public cost per firm",
    keys: &[
        training::BOOST,
        training::COST_PER_FIRM,
        training::START,
        training::STOP,
    ],
};

/// `[infrastructure]`.
pub(crate) mod infrastructure {
    use super::*;

    /// `reduction`.
    pub(crate) const REDUCTION: KeySpec = KeySpec::float(
        "reduction",
        0.0,
        Range::UNIT,
        "a share in [0, 1]",
    )
    .doc(
        "fixed cost saved",
        "share",
        "share of every firm's fixed cost saved in the window: the fixed cost is `F · (1 − reduction)` (0: off)",
    );
    /// `cost`.
    pub(crate) const COST: KeySpec = KeySpec::float("cost", 0.0, Range::NONNEG, "a cost >= 0").doc(
        "infrastructure cost",
        "money per step",
        "public money per step of the window (the upkeep of a public good: not per firm)",
    );
    /// `start`.
    pub(crate) const START: KeySpec = start("first step the infrastructure serves");
    /// `stop`.
    pub(crate) const STOP: KeySpec =
        stop("last step the infrastructure serves (0: no end; otherwise at least `start`)");
}

/// `[infrastructure]`.
pub(crate) const INFRASTRUCTURE: SectionSpec = SectionSpec {
    name: "infrastructure",
    scope: Scope::Firms,
    meaning:
        "public infrastructure: lower fixed costs for every firm, at a flat public cost per step",
    keys: &[
        infrastructure::REDUCTION,
        infrastructure::COST,
        infrastructure::START,
        infrastructure::STOP,
    ],
};

/// `[public_monitoring]`.
pub(crate) mod public_monitoring {
    use super::*;

    /// `boost`.
    pub(crate) const BOOST: KeySpec =
        KeySpec::float("boost", 0.0, Range::UNIT, "a share in [0, 1]").doc(
            "monitoring boost",
            "share",
            "share of the defections the firms' own monitoring misses that the programme detects: detection `q + (1 − q) · boost` in the window (0: off)",
        );
    /// `cost_per_firm`.
    pub(crate) const COST_PER_FIRM: KeySpec =
        KeySpec::float("cost_per_firm", 0.0, Range::NONNEG, "a cost >= 0").doc(
            "monitoring cost per firm",
            "money per firm and step",
            "public money per alive firm and step of the window",
        );
    /// `start`.
    pub(crate) const START: KeySpec = start("first step of the monitoring programme");
    /// `stop`.
    pub(crate) const STOP: KeySpec =
        stop("last step of the monitoring programme (0: no end; otherwise at least `start`)");
}

/// `[public_monitoring]`.
pub(crate) const PUBLIC_MONITORING: SectionSpec = SectionSpec {
    name: "public_monitoring",
    scope: Scope::Firms,
    meaning: "a public monitoring programme: more defections detected (and fined), at a public cost per firm",
    keys: &[
        public_monitoring::BOOST,
        public_monitoring::COST_PER_FIRM,
        public_monitoring::START,
        public_monitoring::STOP,
    ],
};

/// `[budget]`.
pub(crate) mod budget {
    use super::*;

    /// `total`.
    pub(crate) const TOTAL: KeySpec =
        KeySpec::float("total", 0.0, Range::NONNEG, "a budget >= 0 (0: no limit)").doc(
            "public budget",
            "money",
            "public money for the whole run, funding the subsidy, training, public monitoring and infrastructure in that order each step, each for the whole step or not at all; an instrument whose step the rest cannot pay stops for the rest of the run (0: no limit)",
        );
}

/// `[budget]`.
pub(crate) const BUDGET: SectionSpec = SectionSpec {
    name: "budget",
    scope: Scope::Firms,
    meaning: "the public budget of the policy instruments",
    keys: &[budget::TOTAL],
};
