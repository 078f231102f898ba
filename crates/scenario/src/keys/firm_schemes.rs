//! The sections of the schemes the associations run in the firm economy: `[buying_group]`
//! (pooled input purchases, free-riding, monitoring paid from the treasury).

use super::{KeySpec, Range, Scope, SectionSpec};

/// `[buying_group]`.
pub(crate) mod buying_group {
    use super::*;

    /// `quantity`.
    pub(crate) const QUANTITY: KeySpec =
        KeySpec::float("quantity", 0.0, Range::NONNEG, "a quantity >= 0").doc(
            "inputs bought per firm",
            "units per firm and step",
            "`q`, units of input every alive firm buys each step (0: off; needs `[association]`)",
        );
    /// `unit_cost`.
    pub(crate) const UNIT_COST: KeySpec =
        KeySpec::float("unit_cost", 1.0, Range::NONNEG, "a price >= 0").doc(
            "list price of an input",
            "money per unit",
            "`u0`, the price of a unit bought alone (what non-members pay)",
        );
    /// `discount`.
    pub(crate) const DISCOUNT: KeySpec = KeySpec::prob("discount", 0.2).doc(
        "largest volume discount",
        "",
        "`d`: a group of `n` members pays `u(n) = u0 · (1 − d · min(1, n / saturation))` per unit",
    );
    /// `saturation`.
    pub(crate) const SATURATION: KeySpec =
        KeySpec::int("saturation", 10, (1, 1 << 40), "a member count >= 1").doc(
            "members for the whole discount",
            "firms",
            "`n_sat`, members from which the whole discount `d` applies",
        );
    /// `free_ride`.
    pub(crate) const FREE_RIDE: KeySpec = KeySpec::prob("free_ride", 0.0).doc(
        "free-riding propensity",
        "",
        "`s`: a member of opportunism `θ` free-rides (takes the discount, does not pay its share, which the paying members cover) with probability `s · θ` each step",
    );
    /// `monitoring`.
    pub(crate) const MONITORING: KeySpec = KeySpec::prob("monitoring", 0.0).doc(
        "detection of free-riders",
        "",
        "`m`, probability that the association's monitoring detects a free-rider (in a step whose monitoring is paid for)",
    );
    /// `fine`.
    pub(crate) const FINE: KeySpec = KeySpec::float("fine", 0.0, Range::NONNEG, "a fine >= 0").doc(
        "fine of a detected free-rider",
        "money",
        "`f`, paid by a detected free-rider into its association's treasury",
    );
    /// `expel`.
    pub(crate) const EXPEL: KeySpec = KeySpec::flag("expel", false).doc(
        "expel detected free-riders",
        "",
        "whether a detected free-rider is also expelled from the association (a departure)",
    );
    /// `monitoring_cost`.
    pub(crate) const MONITORING_COST: KeySpec =
        KeySpec::float("monitoring_cost", 0.0, Range::NONNEG, "a cost >= 0").doc(
            "monitoring cost per member",
            "money per member and step",
            "`c_m`, paid each step from the association's treasury for monitoring (pool punishment; 0: free); a treasury that cannot pay `c_m · n` does not monitor that step",
        );
}

/// `[buying_group]`.
pub(crate) const BUYING_GROUP: SectionSpec = SectionSpec {
    name: "buying_group",
    scope: Scope::Firms,
    meaning: "a buying group in each association: members buy inputs together at a volume discount, may free-ride, and are monitored with money from the treasury",
    keys: &[
        buying_group::QUANTITY,
        buying_group::UNIT_COST,
        buying_group::DISCOUNT,
        buying_group::SATURATION,
        buying_group::FREE_RIDE,
        buying_group::MONITORING,
        buying_group::FINE,
        buying_group::EXPEL,
        buying_group::MONITORING_COST,
    ],
};
