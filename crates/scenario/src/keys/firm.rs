//! The firm economy's sections (`[scenario] model = "firms"`) after `[firms]` (see
//! `firm_attrs.rs`): `[trust]`, `[decision]`, `[project]`, `[monitoring]`, `[reputation]`,
//! `[learning]`, `[market]`, `[subsidy]`, `[spillover]`, `[demography]`, `[cluster]`,
//! `[alliance]` and `[anchor]`.

use super::{firm_attrs, Bound, Default, KeySpec, Range, Scope, SectionSpec};

/// "a number >= 0".
const NONNEG: &str = "a number >= 0";
/// "a standard deviation >= 0".
pub(crate) const SD: &str = "a standard deviation >= 0";

/// `[firms]`.
pub(crate) const FIRMS: SectionSpec = SectionSpec {
    name: "firms",
    scope: Scope::Firms,
    meaning: "initial firm attributes: each of capital, productivity, opportunism names a distribution, its parameters are `<attribute>_<parameter>`",
    keys: &firm_attrs::KEYS,
};

/// `[trust]`.
pub(crate) mod trust {
    use super::*;

    /// `initial`.
    pub(crate) const INITIAL: KeySpec = KeySpec::prob("initial", 0.5).doc(
        "initial trust τ₀ in a new partner",
        "",
        "`τ0`, trust in a new partner and the baseline of decay",
    );
    /// `rule`.
    pub(crate) const RULE: KeySpec = KeySpec::choice("rule", "asymmetric", &["asymmetric", "beta"], "trust rule")
        .doc("trust rule", "", "`asymmetric`: `τ += up·(1 − τ)` after cooperation, `τ −= down·τ` after defection; `beta`: `τ = (alpha + cooperations)/(alpha + beta + encounters)`");
    /// `up`.
    pub(crate) const UP: KeySpec = KeySpec::prob("up", 0.1).by("rule", &["asymmetric"]).doc(
        "trust gain rate λ⁺",
        "",
        "`λ⁺`, share of the missing trust gained after cooperation",
    );
    /// `down`.
    pub(crate) const DOWN: KeySpec = KeySpec::prob("down", 0.3).by("rule", &["asymmetric"]).doc(
        "trust loss rate λ⁻",
        "",
        "`λ⁻`, share of trust lost after defection",
    );
    /// `alpha`.
    pub(crate) const ALPHA: KeySpec =
        KeySpec::float("alpha", 1.0, Range::POSITIVE, "a prior alpha > 0")
            .by("rule", &["beta"])
            .doc(
                "prior cooperations",
                "",
                "prior cooperations of the Beta rule",
            );
    /// `beta`.
    pub(crate) const BETA: KeySpec =
        KeySpec::float("beta", 1.0, Range::POSITIVE, "a prior beta > 0")
            .by("rule", &["beta"])
            .doc("prior defections", "", "prior defections of the Beta rule");
    /// `decay`.
    pub(crate) const DECAY: KeySpec = KeySpec::prob("decay", 0.0).doc(
        "trust decay rate δ",
        "",
        "`δ`: on a step in which the tie ran no project, `τ += δ(τ0 − τ)`",
    );
    /// `break_below`.
    pub(crate) const BREAK_BELOW: KeySpec = KeySpec::prob("break_below", 0.0).doc(
        "trust below which a tie breaks",
        "",
        "a tie breaks when either partner's trust falls below it (0: never)",
    );
}

/// `[trust]`.
pub(crate) const TRUST: SectionSpec = SectionSpec {
    name: "trust",
    scope: Scope::Firms,
    meaning: "trust in each partner: its start and how it learns",
    keys: &[
        trust::INITIAL,
        trust::RULE,
        trust::UP,
        trust::DOWN,
        trust::ALPHA,
        trust::BETA,
        trust::DECAY,
        trust::BREAK_BELOW,
    ],
};

/// `[decision]`.
pub(crate) mod decision {
    use super::*;

    /// `rule`.
    pub(crate) const RULE: KeySpec = KeySpec::choice("rule", "logistic", &["logistic", "threshold"], "decision rule")
        .doc("decision rule", "", "`logistic`: cooperate with probability `σ(β(τ_ij − θ_i))`; `threshold`: cooperate iff `τ_ij ≥ θ_i`");
    /// `beta`.
    pub(crate) const BETA: KeySpec =
        KeySpec::float("beta", 10.0, Range::POSITIVE, "a steepness beta > 0")
            .by("rule", &["logistic"])
            .doc(
                "decision steepness β",
                "",
                "steepness `β` of the logistic decision",
            );
}

/// `[decision]`.
pub(crate) const DECISION: SectionSpec = SectionSpec {
    name: "decision",
    scope: Scope::Firms,
    meaning: "whether a firm cooperates with a partner",
    keys: &[decision::RULE, decision::BETA],
};

/// `[project]`.
pub(crate) mod project {
    use super::*;

    /// `game`.
    pub(crate) const GAME: KeySpec = KeySpec::choice("game", "cost-sharing", &["cost-sharing", "donation"], "project game")
        .doc("project game", "", "`cost-sharing`: cost `c` paid by those who take part, return `v/2` to each partner; `donation`: cooperating costs `c` and gives the partner `b`");
    /// `v` of `cost-sharing`.
    pub(crate) const V: KeySpec = KeySpec::float(
        "v",
        0.6,
        Range::NONNEG,
        "a project return v >= 0",
    )
    .by("game", &["cost-sharing"])
    .doc(
        "project return v",
        "money",
        "return of the project (a prisoner's dilemma when `v/2 < c < v`, snowdrift when `v > 2c`)",
    );
    /// `c` of `cost-sharing`.
    pub(crate) const COST_SHARING_C: KeySpec =
        KeySpec::float("c", 0.4, Range::NONNEG, "a project cost c >= 0")
            .by("game", &["cost-sharing"])
            .doc(
                "project cost c",
                "money",
                "cost of the project (`c/2` each if both take part, `c` if alone)",
            );
    /// `b` of `donation`.
    pub(crate) const B: KeySpec = KeySpec::float("b", 0.4, Range::NONNEG, "a benefit b >= 0")
        .by("game", &["donation"])
        .doc("benefit b", "money", "what a cooperator gives its partner");
    /// `c` of `donation`.
    pub(crate) const DONATION_C: KeySpec = KeySpec::float("c", 0.2, Range::NONNEG, "a cost c >= 0")
        .by("game", &["donation"])
        .doc("project cost c", "money", "what cooperating costs");
    /// `rate`.
    pub(crate) const RATE: KeySpec = KeySpec::prob("rate", 1.0).doc(
        "projects per tie per step",
        "",
        "probability that a tie runs a project in a step",
    );
    /// `transaction_cost`.
    pub(crate) const TRANSACTION_COST: KeySpec =
        KeySpec::float("transaction_cost", 0.0, Range::NONNEG, NONNEG).doc(
            "transaction cost",
            "money per project",
            "paid by a firm for each project it cooperates in (lowered in clusters)",
        );
}

/// `[project]`.
pub(crate) const PROJECT: SectionSpec = SectionSpec {
    name: "project",
    scope: Scope::Firms,
    meaning: "the joint project on each tie",
    keys: &[
        project::GAME,
        project::V,
        project::COST_SHARING_C,
        project::B,
        project::DONATION_C,
        project::RATE,
        project::TRANSACTION_COST,
    ],
};

/// `[monitoring]`.
pub(crate) mod monitoring {
    use super::*;

    /// `q`.
    pub(crate) const Q: KeySpec = KeySpec::prob("q", 0.0).doc(
        "detection probability q",
        "",
        "probability that a defection on a project is detected",
    );
    /// `fine`.
    pub(crate) const FINE: KeySpec = KeySpec::float("fine", 0.0, Range::NONNEG, "a fine >= 0").doc(
        "fine f",
        "money",
        "paid by a detected defector",
    );
    /// `fine_to`.
    pub(crate) const FINE_TO: KeySpec = KeySpec::choice(
        "fine_to",
        "treasury",
        &["victim", "treasury"],
        "fine recipient",
    )
    .doc(
        "fine recipient",
        "",
        "`victim` (the cheated partner) or `treasury` (kept by the association)",
    );
    /// `reputation_loss`.
    pub(crate) const REPUTATION_LOSS: KeySpec = KeySpec::prob("reputation_loss", 0.5).doc(
        "standing lost when detected",
        "",
        "share of its public standing a detected defector loses",
    );
}

/// `[monitoring]`.
pub(crate) const MONITORING: SectionSpec = SectionSpec {
    name: "monitoring",
    scope: Scope::Firms,
    meaning: "detection of defections and fines",
    keys: &[
        monitoring::Q,
        monitoring::FINE,
        monitoring::FINE_TO,
        monitoring::REPUTATION_LOSS,
    ],
};

/// `[reputation]`.
pub(crate) mod reputation {
    use super::*;

    /// `weight`.
    pub(crate) const WEIGHT: KeySpec = KeySpec::prob("weight", 0.0).doc(
        "weight of reputation in new trust",
        "",
        "`w`: an entrant's trust in a new partner `j` is `(1 − w)·τ0 + w·R_j`",
    );
    /// `recovery`.
    pub(crate) const RECOVERY: KeySpec = KeySpec::prob("recovery", 0.05).doc(
        "standing recovery per step",
        "",
        "standing moves this share of the way back to 1 on a step without detection",
    );
}

/// `[reputation]`.
pub(crate) const REPUTATION: SectionSpec = SectionSpec {
    name: "reputation",
    scope: Scope::Firms,
    meaning: "public standing",
    keys: &[reputation::WEIGHT, reputation::RECOVERY],
};

/// `[learning]`.
pub(crate) mod learning {
    use super::*;

    /// `rule`.
    pub(crate) const RULE: KeySpec = KeySpec::choice(
        "rule",
        "fermi",
        &["fermi", "imitate-best", "proportional", "death-birth"],
        "learning rule",
    )
    .doc(
        "learning rule",
        "",
        "how a firm copies the opportunism of a more successful partner",
    );
    /// `k`.
    pub(crate) const K: KeySpec = KeySpec::float(
        "k",
        0.1,
        Range::POSITIVE,
        "a positive noise k (money units)",
    )
    .by("rule", &["fermi"])
    .doc("imitation noise k", "money", "noise of the Fermi imitation");
    /// `w`.
    pub(crate) const W: KeySpec = KeySpec::prob("w", 0.1).by("rule", &["death-birth"]).doc(
        "selection intensity w",
        "",
        "selection intensity of the death–birth imitation",
    );
    /// `scale`.
    pub(crate) const SCALE: KeySpec = KeySpec::float(
        "scale",
        1.0,
        Range::POSITIVE,
        "a positive income difference (money units)",
    )
    .by("rule", &["proportional"])
    .doc(
        "income difference of certain adoption",
        "money",
        "income difference at which adoption is certain",
    );
    /// `rate`.
    pub(crate) const RATE: KeySpec = KeySpec::prob("rate", 0.1).doc(
        "revision probability per step",
        "",
        "probability that a firm revises in a step",
    );
    /// `success`.
    pub(crate) const SUCCESS: KeySpec = KeySpec::choice(
        "success",
        "network",
        &["network", "income"],
        "success measure",
    )
    .doc(
        "success measure",
        "",
        "`network`: the step's income from ties; `income`: the whole net income",
    );
    /// `mutation`.
    pub(crate) const MUTATION: KeySpec = KeySpec::prob("mutation", 0.01).doc(
        "mutation probability per step",
        "",
        "probability that a firm's `θ` mutates in a step",
    );
    /// `mutation_sd`.
    pub(crate) const MUTATION_SD: KeySpec = KeySpec::float("mutation_sd", 0.05, Range::NONNEG, SD)
        .doc(
            "mutation sd",
            "",
            "standard deviation of the Gaussian mutation (clipped to [0, 1])",
        );
}

/// `[learning]`.
pub(crate) const LEARNING: SectionSpec = SectionSpec {
    name: "learning",
    scope: Scope::Firms,
    meaning: "imitation and mutation of opportunism",
    keys: &[
        learning::RULE,
        learning::K,
        learning::W,
        learning::SCALE,
        learning::RATE,
        learning::SUCCESS,
        learning::MUTATION,
        learning::MUTATION_SD,
    ],
};

/// `[market]`.
pub(crate) mod market {
    use super::*;

    /// `price`.
    pub(crate) const PRICE: KeySpec = KeySpec::float("price", 1.0, Range::NONNEG, "a price >= 0")
        .doc(
            "price",
            "money per unit of output",
            "`p`: revenue per unit of output",
        );
    /// `access`.
    pub(crate) const ACCESS: KeySpec =
        KeySpec::float("access", 1.0, Range::NONNEG, "a market access >= 0").doc(
            "market access",
            "",
            "multiplies every firm's revenue",
        );
    /// `fixed_cost`.
    pub(crate) const FIXED_COST: KeySpec =
        KeySpec::float("fixed_cost", 1.0, Range::NONNEG, "a fixed cost >= 0").doc(
            "fixed cost",
            "money per step",
            "`F`, paid every step",
        );
    /// `shock_sd`.
    pub(crate) const SHOCK_SD: KeySpec = KeySpec::float("shock_sd", 0.1, Range::NONNEG, SD).doc(
        "revenue shock sd",
        "",
        "sd of the idiosyncratic revenue shock (normal, per firm and step)",
    );
    /// `crisis_prob`.
    pub(crate) const CRISIS_PROB: KeySpec = KeySpec::prob("crisis_prob", 0.0).doc(
        "crisis probability per step",
        "",
        "probability that a step is a crisis (common to all firms)",
    );
    /// `crisis_depth`.
    pub(crate) const CRISIS_DEPTH: KeySpec = KeySpec::prob("crisis_depth", 0.3).doc(
        "share of revenue lost in a crisis",
        "",
        "share of revenue lost in a crisis step",
    );
}

/// `[market]`.
pub(crate) const MARKET: SectionSpec = SectionSpec {
    name: "market",
    scope: Scope::Firms,
    meaning: "revenue, costs, shocks and crises",
    keys: &[
        market::PRICE,
        market::ACCESS,
        market::FIXED_COST,
        market::SHOCK_SD,
        market::CRISIS_PROB,
        market::CRISIS_DEPTH,
    ],
};

/// `[subsidy]`.
pub(crate) mod subsidy {
    use super::*;

    /// `per_firm`.
    pub(crate) const PER_FIRM: KeySpec =
        KeySpec::float("per_firm", 0.0, Range::NONNEG, "a subsidy >= 0").doc(
            "subsidy per firm",
            "money per firm and step",
            "`s`, public money paid to every alive firm each step of the window (0: off)",
        );
    /// `start`.
    pub(crate) const START: KeySpec = KeySpec::int("start", 1, (1, 1 << 40), "a step >= 1").doc(
        "first subsidized step",
        "step",
        "first step the subsidy is paid",
    );
    /// `stop`.
    pub(crate) const STOP: KeySpec =
        KeySpec::int("stop", 0, (0, 1 << 40), "a step >= 0 (0: no end)").doc(
            "last subsidized step",
            "step",
            "last step the subsidy is paid (0: no end; otherwise at least `start`)",
        );
    /// `dependency`.
    pub(crate) const DEPENDENCY: KeySpec =
        KeySpec::float("dependency", 0.0, Range::UNIT, "a share in [0, 1]").doc(
            "dependency effect",
            "share",
            "share of the productivity a paid firm would gain through spillovers that it loses on a step it is paid (0: no effect)",
        );
}

/// `[subsidy]`.
pub(crate) const SUBSIDY: SectionSpec = SectionSpec {
    name: "subsidy",
    scope: Scope::Firms,
    meaning: "a public subsidy paid to every alive firm, money from outside the economy",
    keys: &[
        subsidy::PER_FIRM,
        subsidy::START,
        subsidy::STOP,
        subsidy::DEPENDENCY,
    ],
};

/// `[spillover]`.
pub(crate) mod spillover {
    use super::*;

    /// `rate`.
    pub(crate) const RATE: KeySpec = KeySpec::prob("rate", 0.0)
        .doc("spillover rate", "", "each partner `j` who cooperated with `i` adds `rate · max(0, a_j − a_i) / degree_i` to `a_i`");
}

/// `[spillover]`.
pub(crate) const SPILLOVER: SectionSpec = SectionSpec {
    name: "spillover",
    scope: Scope::Firms,
    meaning: "productivity gained from cooperating partners",
    keys: &[spillover::RATE],
};

/// `[demography]`.
pub(crate) mod demography {
    use super::*;

    /// `exit_below`.
    pub(crate) const EXIT_BELOW: KeySpec = KeySpec::real("exit_below", 0.0).doc(
        "exit threshold",
        "money",
        "a firm whose capital falls below it exits (its ties are dropped; its id stays)",
    );
    /// `entry`.
    pub(crate) const ENTRY: KeySpec = KeySpec::prob("entry", 0.0).doc(
        "entry probability per exit",
        "",
        "probability that an exit is followed by an entrant in the same group",
    );
    /// `entry_ties`.
    pub(crate) const ENTRY_TIES: KeySpec = KeySpec::int(
        "entry_ties",
        2,
        (0, 1 << 20),
        "a number of ties (0 to 1048576)",
    )
    .doc(
        "partners sought by an entrant",
        "ties",
        "partners an entrant looks for among alive firms of its group that have a free slot",
    );
}

/// `[demography]`.
pub(crate) const DEMOGRAPHY: SectionSpec = SectionSpec {
    name: "demography",
    scope: Scope::Firms,
    meaning: "exits and entries",
    keys: &[
        demography::EXIT_BELOW,
        demography::ENTRY,
        demography::ENTRY_TIES,
    ],
};

/// `[cluster]`.
pub(crate) mod cluster {
    use super::*;

    /// `groups`.
    pub(crate) const GROUPS: KeySpec = KeySpec::ints(
        "groups",
        &[],
        (0, u32::MAX as u64 - 1),
        false,
        "an array of group ids (non-negative integers)",
    )
    .doc(
        "cluster groups",
        "",
        "which groups are clusters (`[]`: every group); each id must be a group some firm has",
    );
    /// `discount`.
    pub(crate) const DISCOUNT: KeySpec = KeySpec::prob("discount", 0.0).doc(
        "share of transaction cost saved in a cluster",
        "",
        "share of the transaction cost saved on a tie inside a cluster",
    );
    /// `spillover_rate`.
    pub(crate) const SPILLOVER_RATE: KeySpec = KeySpec::prob("spillover_rate", 0.0)
        .default(Default::SameAs("spillover.rate"))
        .doc(
            "spillover rate in a cluster",
            "",
            "spillover rate on ties inside a cluster (replaces [spillover] rate there)",
        );
}

/// `[cluster]`.
pub(crate) const CLUSTER: SectionSpec = SectionSpec {
    name: "cluster",
    scope: Scope::Firms,
    meaning: "advantages inside a cluster",
    keys: &[cluster::GROUPS, cluster::DISCOUNT, cluster::SPILLOVER_RATE],
};

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

/// `[alliance]`.
pub(crate) mod alliance {
    use super::*;

    /// `rate`.
    pub(crate) const RATE: KeySpec = KeySpec::float(
        "rate",
        0.0,
        Range {
            lo: super::super::Bound::Incl(0.0),
            hi: super::super::Bound::Incl(100.0),
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
