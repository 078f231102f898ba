//! The sections of tie formation during the run in the firm economy: `[formation]` (triadic
//! closure, meetings, a facilitator's introductions, a cap on ties per firm) and `[fair]`
//! (fairs whose meetings may form ties).

use super::{Bound, KeySpec, Range, Scope, SectionSpec};

/// `[formation]`.
pub(crate) mod formation {
    use super::*;

    /// `closure`.
    pub(crate) const CLOSURE: KeySpec = KeySpec::prob("closure", 0.0).doc(
        "triadic closure probability",
        "per firm and step",
        "probability that an alive firm tries a triadic closure in a step: it picks a random partner `j` and a random partner `k` of `j`, and proposes a tie to `k` if both trusts reach `closure_trust` (0: off)",
    );
    /// `closure_trust`.
    pub(crate) const CLOSURE_TRUST: KeySpec = KeySpec::prob("closure_trust", 0.5).doc(
        "closure trust threshold",
        "trust",
        "trust `τ_ij` and `τ_jk` a closure needs on both legs",
    );
    /// `meeting`.
    pub(crate) const MEETING: KeySpec = KeySpec::prob("meeting", 0.0).doc(
        "meeting probability",
        "per firm and step",
        "probability that an alive firm meets another firm in a step and proposes a tie to it (0: off)",
    );
    /// `meeting_scope`.
    pub(crate) const MEETING_SCOPE: KeySpec = KeySpec::choice(
        "meeting_scope",
        "group",
        &["group", "proximity"],
        "meeting scope",
    )
    .doc(
        "meeting scope",
        "",
        "`group`: a random alive firm of the firm's group; `proximity`: a random alive firm of the economy, met only within `meeting_radius` (needs a network with positions)",
    );
    /// `meeting_radius`.
    pub(crate) const MEETING_RADIUS: KeySpec =
        KeySpec::float("meeting_radius", 0.1, Range::NONNEG, "a distance >= 0").doc(
            "meeting radius",
            "distance",
            "Euclidean distance of the network's positions within which a meeting by proximity proposes a tie",
        );
    /// `introductions`.
    pub(crate) const INTRODUCTIONS: KeySpec = KeySpec::float(
        "introductions",
        0.0,
        Range {
            lo: Bound::Incl(0.0),
            hi: Bound::Incl(1e6),
        },
        "a number of introductions in [0, 10^6]",
    )
    .doc(
        "introductions per group",
        "per group and step",
        "introductions a cluster facilitator makes per step in each facilitated group, each between two random alive members not yet tied (a fractional part is a probability; 0: off)",
    );
    /// `introduction_cost`.
    pub(crate) const INTRODUCTION_COST: KeySpec =
        KeySpec::float("introduction_cost", 0.0, Range::NONNEG, "a cost >= 0").doc(
            "cost per introduction",
            "money per introduction",
            "public money paid per introduction (the cost of facilitation, recorded as `facilitation_cost`)",
        );
    /// `facilitated_groups`.
    pub(crate) const FACILITATED_GROUPS: KeySpec = KeySpec::ints(
        "facilitated_groups",
        &[],
        (0, u32::MAX as u64 - 1),
        false,
        "an array of group ids (non-negative integers)",
    )
    .doc(
        "facilitated groups",
        "",
        "groups with a facilitator (empty: every group; a listed id no firm has gets no introductions)",
    );
    /// `max_ties`.
    pub(crate) const MAX_TIES: KeySpec = KeySpec::int(
        "max_ties",
        0,
        (0, (1 << 31) - 1),
        "a number of ties >= 0 (0: no cap)",
    )
    .doc(
        "cap on ties per firm",
        "ties",
        "relationship capacity: a new tie (formed during the run, or an entrant's) needs both ends below it; a firm already at or above it keeps its ties and forms none until it has fewer (0: no cap)",
    );
    /// `start_trust`.
    pub(crate) const START_TRUST: KeySpec = KeySpec::choice(
        "start_trust",
        "initial",
        &["initial", "reputation"],
        "start trust",
    )
    .doc(
        "start trust of a new tie",
        "",
        "`initial`: `τ0` both ways; `reputation`: as an entrant's, `(1 − w) τ0 + w · R_j` each way (`w` = `reputation.weight`)",
    );
}

/// `[formation]`.
pub(crate) const FORMATION: SectionSpec = SectionSpec {
    name: "formation",
    scope: Scope::Firms,
    meaning: "ties formed during the run: triadic closure, meetings, a facilitator's introductions; a cap on ties per firm",
    keys: &[
        formation::CLOSURE,
        formation::CLOSURE_TRUST,
        formation::MEETING,
        formation::MEETING_SCOPE,
        formation::MEETING_RADIUS,
        formation::INTRODUCTIONS,
        formation::INTRODUCTION_COST,
        formation::FACILITATED_GROUPS,
        formation::MAX_TIES,
        formation::START_TRUST,
    ],
};

/// `[fair]`.
pub(crate) mod fair {
    use super::*;

    /// `every`.
    pub(crate) const EVERY: KeySpec = KeySpec::int(
        "every",
        0,
        (0, 1 << 40),
        "a number of steps >= 0 (0: no fair)",
    )
    .doc(
        "steps between fairs",
        "steps",
        "`E`: a fair is held at every step that is a multiple of it (0: off)",
    );
    /// `share`.
    pub(crate) const SHARE: KeySpec = KeySpec::prob("share", 0.1).doc(
        "fair attendance",
        "share of alive firms",
        "`φ`, probability that an alive firm attends a fair",
    );
    /// `meetings`.
    pub(crate) const MEETINGS: KeySpec =
        KeySpec::int("meetings", 3, (0, 1000), "a number of meetings in 0..=1000").doc(
            "meetings per attendee",
            "attendees",
            "`m`, other attendees each attendee meets (uniformly, with replacement)",
        );
    /// `form`.
    pub(crate) const FORM: KeySpec = KeySpec::prob("form", 0.5).doc(
        "tie probability per meeting",
        "",
        "probability that a meeting at a fair proposes a tie",
    );
    /// `access`.
    pub(crate) const ACCESS: KeySpec =
        KeySpec::float("access", 0.0, Range::NONNEG, "an extra access >= 0").doc(
            "extra market access",
            "share of revenue",
            "an attendee's market revenue is multiplied by `1 + access` while its access lasts",
        );
    /// `duration`.
    pub(crate) const DURATION: KeySpec =
        KeySpec::int("duration", 0, (0, 1 << 40), "a number of steps >= 0").doc(
            "extra access duration",
            "steps",
            "`d`, steps the extra access lasts, the fair's step included (0: none)",
        );
    /// `cost`.
    pub(crate) const COST: KeySpec = KeySpec::float("cost", 0.0, Range::NONNEG, "a cost >= 0").doc(
        "cost per attendee",
        "money per attendee",
        "public money paid per fair attendee (recorded as `fair_cost`)",
    );
}

/// `[fair]`.
pub(crate) const FAIR: SectionSpec = SectionSpec {
    name: "fair",
    scope: Scope::Firms,
    meaning: "fairs (ferias): attendance, meetings that may form ties, temporary market access",
    keys: &[
        fair::EVERY,
        fair::SHARE,
        fair::MEETINGS,
        fair::FORM,
        fair::ACCESS,
        fair::DURATION,
        fair::COST,
    ],
};
