//! The `[association]` section of the firm economy: associations of firms, one per group
//! (members, fee, treasury, each member's trust in its association).

use super::{KeySpec, Range, Scope, SectionSpec};

/// `[association]`.
pub(crate) mod association {
    use super::*;

    /// `from`.
    pub(crate) const FROM: KeySpec = KeySpec::choice(
        "from",
        "none",
        &["none", "groups", "list"],
        "association source",
    )
    .doc(
        "association members from",
        "",
        "`none`: no associations (off); `groups`: every group is an association and every firm a member of its group's; `list`: the firms in `members` are members of their group's association, the others may join",
    );
    /// `members`.
    pub(crate) const MEMBERS: KeySpec = KeySpec::ints(
        "members",
        &[],
        (0, u32::MAX as u64 - 1),
        false,
        "an array of firm ids (non-negative integers)",
    )
    .by("from", &["list"])
    .doc(
        "first members",
        "",
        "ids of the firms that are members at the start (each must be a firm of the network)",
    );
    /// `fee`.
    pub(crate) const FEE: KeySpec =
        KeySpec::float("fee", 0.0, Range::NONNEG, "a fee >= 0").doc(
            "membership fee",
            "money per member and step",
            "money each member pays into its association's treasury each step (no larger than every firm's initial capital can be)",
        );
    /// `initial_trust`.
    pub(crate) const INITIAL_TRUST: KeySpec = KeySpec::prob("initial_trust", 0.5).doc(
        "initial trust in the association",
        "",
        "`T0`, a member's trust in its association when it joins (or at the start)",
    );
    /// `trust_rate`.
    pub(crate) const TRUST_RATE: KeySpec = KeySpec::prob("trust_rate", 0.1).doc(
        "trust update rate in the association",
        "",
        "`r`: each step `T ← T + r(s − T)`, `s = 1` if the member's market income of the step is `>= 0`, else 0",
    );
    /// `leave_below`.
    pub(crate) const LEAVE_BELOW: KeySpec = KeySpec::prob("leave_below", 0.0).doc(
        "trust below which a member leaves",
        "",
        "a member leaves when its trust in the association falls below this (0: never)",
    );
    /// `join`.
    pub(crate) const JOIN: KeySpec = KeySpec::prob("join", 0.0).doc(
        "join probability",
        "per step",
        "probability per step that a non-member with a trusted member partner of its group joins (0: nobody joins)",
    );
    /// `join_trust`.
    pub(crate) const JOIN_TRUST: KeySpec = KeySpec::prob("join_trust", 0.5).doc(
        "trust in a member partner needed to join",
        "",
        "a non-member may join when it trusts a partner who is a member at least this much (`τ_ij >= join_trust`)",
    );
}

/// `[association]`.
pub(crate) const ASSOCIATION: SectionSpec = SectionSpec {
    name: "association",
    scope: Scope::Firms,
    meaning:
        "associations of firms, one per group: members, fee, treasury and trust in the association",
    keys: &[
        association::FROM,
        association::MEMBERS,
        association::FEE,
        association::INITIAL_TRUST,
        association::TRUST_RATE,
        association::LEAVE_BELOW,
        association::JOIN,
        association::JOIN_TRUST,
    ],
};
