//! The sections of the firm economy's inter-firm arrangements beyond ties: `[alliance]`
//! (contracts taken by consortia of trusted partners) and `[anchor]` (anchor firms and their
//! suppliers).

use super::firm::NONNEG;
use super::{Bound, KeySpec, Range, Scope, SectionSpec};

/// `[alliance]`.
pub(crate) mod alliance {
    use super::*;

    /// `rate`.
    pub(crate) const RATE: KeySpec = KeySpec::float(
        "rate",
        0.0,
        Range {
            lo: Bound::Incl(0.0),
            hi: Bound::Incl(100.0),
        },
        "a rate in [0, 100]",
    )
    .doc(
        "contracts per step ρ",
        "contracts per step",
        "`ρ`: `⌊ρ⌋` contracts arrive each step, plus one with probability `ρ − ⌊ρ⌋` (0: off)",
    );
    /// `value`.
    pub(crate) const VALUE: KeySpec = KeySpec::float("value", 10.0, Range::NONNEG, NONNEG).doc(
        "contract value V",
        "money",
        "`V`, paid to the members by participation shares when every member delivers",
    );
    /// `capacity`.
    pub(crate) const CAPACITY: KeySpec =
        KeySpec::float("capacity", 2.0, Range::POSITIVE, "a capacity > 0").doc(
            "contract capacity Q",
            "productivity",
            "`Q`, the capacity a contract requires; a firm's capacity is its productivity, and a contract no trusted coalition reaches is declined",
        );
    /// `penalty`.
    pub(crate) const PENALTY: KeySpec =
        KeySpec::float("penalty", 5.0, Range::NONNEG, NONNEG).doc(
            "contract penalty L",
            "money",
            "`L`, the sanction when a member fails: by shares (`union_temporal`) or in full by every member (`consorcio`)",
        );
    /// `min_trust`.
    pub(crate) const MIN_TRUST: KeySpec = KeySpec::prob("min_trust", 0.5).doc(
        "trust to recruit τ_min",
        "",
        "`τ_min`, the trust the taker needs in a partner to recruit it",
    );
    /// `form`.
    pub(crate) const FORM: KeySpec = KeySpec::choice(
        "form",
        "union_temporal",
        &["union_temporal", "consorcio"],
        "alliance form",
    )
    .doc(
        "alliance form",
        "",
        "`union_temporal`: member `m` pays `s_m · L`; `consorcio`: every member pays `L`",
    );
}

/// `[alliance]`.
pub(crate) const ALLIANCE: SectionSpec = SectionSpec {
    name: "alliance",
    scope: Scope::Firms,
    meaning: "temporary alliances: contracts taken by consortia of trusted partners (unión temporal or consorcio)",
    keys: &[
        alliance::RATE,
        alliance::VALUE,
        alliance::CAPACITY,
        alliance::PENALTY,
        alliance::MIN_TRUST,
        alliance::FORM,
    ],
};

/// `[anchor]`.
pub(crate) mod anchor {
    use super::*;

    /// `count`.
    pub(crate) const COUNT: KeySpec =
        KeySpec::int("count", 0, (0, (1 << 32) - 1), "a number of anchors >= 0").doc(
            "anchor firms",
            "firms",
            "the firms of highest initial capital that are anchors (0: off)",
        );
    /// `suppliers`.
    pub(crate) const SUPPLIERS: KeySpec =
        KeySpec::int("suppliers", 10, (0, (1 << 32) - 1), "a number of ties >= 0").doc(
            "supplier ties per anchor",
            "ties",
            "ties each anchor proposes at step 1 to random firms that are not anchors",
        );
    /// `price`.
    pub(crate) const PRICE: KeySpec = KeySpec::float("price", 0.1, Range::NONNEG, NONNEG).doc(
        "anchor purchase price",
        "money per unit of productivity",
        "an anchor pays each supplier `price · a_j` per step",
    );
    /// `resale`.
    pub(crate) const RESALE: KeySpec = KeySpec::float("resale", 1.0, Range::NONNEG, NONNEG).doc(
        "anchor resale",
        "money per unit spent",
        "an anchor's revenue per unit of money spent on purchases (money from outside)",
    );
    /// `assistance`.
    pub(crate) const ASSISTANCE: KeySpec = KeySpec::prob("assistance", 0.0).doc(
        "technical assistance g",
        "per step",
        "`g`: a firm that sold to an anchor in the step grows `a ← a(1 + g)`",
    );
}

/// `[anchor]`.
pub(crate) const ANCHOR: SectionSpec = SectionSpec {
    name: "anchor",
    scope: Scope::Firms,
    meaning: "anchor firms: the firms of highest capital, with supplier ties, buying from and assisting their suppliers",
    keys: &[
        anchor::COUNT,
        anchor::SUPPLIERS,
        anchor::PRICE,
        anchor::RESALE,
        anchor::ASSISTANCE,
    ],
};
