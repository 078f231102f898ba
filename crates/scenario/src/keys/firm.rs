//! The firm economy's sections (`[scenario] model = "firms"`) after `[firms]` (see
//! `firm_attrs.rs`): `[trust]`, `[decision]`, `[project]`, `[monitoring]`, `[reputation]`,
//! `[learning]`, `[market]`, `[subsidy]`, `[spillover]`, `[demography]` and `[cluster]`.

use super::{firm_attrs, Default, KeySpec, Range, Scope, SectionSpec};

/// "a number >= 0".
pub(crate) const NONNEG: &str = "a number >= 0";
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
