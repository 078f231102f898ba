//! The classic games' sections: `[game]`, `[update]` and `[initial]`.

use super::{Default, KeySpec, Range, Scope, SectionSpec};

/// "a positive number".
const POSITIVE_NUMBER: &str = "a positive number";
/// "a number < 1 (T < R = 1)".
const BELOW_REWARD: &str = "a number < 1 (T < R = 1)";

/// `[game]`.
pub(crate) mod game {
    use super::*;

    /// Game presets.
    pub(crate) const PRESETS: &[&str] = &[
        "general",
        "weak-pd",
        "donation",
        "snowdrift",
        "stag-hunt",
        "harmony",
        "cost-sharing",
        "public-goods",
        "collective-risk",
        "collective-risk-well-mixed",
    ];
    /// `preset`.
    pub(crate) const PRESET: KeySpec = KeySpec::choice("preset", "weak-pd", PRESETS, "game preset")
        .doc(
            "game preset",
            "",
            "the family of 2×2 games, or a group game (`public-goods`, `collective-risk` in the neighbourhood groups, `collective-risk-well-mixed` in groups sampled from a well-mixed population); each preset takes only its own parameters",
        );
    /// `r` of `general`.
    pub(crate) const GENERAL_R: KeySpec = KeySpec::real("r", 3.0).by("preset", &["general"]).doc(
        "reward R",
        "payoff units",
        "reward when both cooperate",
    );
    /// `s` of `general`.
    pub(crate) const GENERAL_S: KeySpec = KeySpec::real("s", 0.0).by("preset", &["general"]).doc(
        "sucker's payoff S",
        "payoff units",
        "payoff of a cooperator facing a defector",
    );
    /// `t` of `general`.
    pub(crate) const GENERAL_T: KeySpec = KeySpec::real("t", 5.0).by("preset", &["general"]).doc(
        "temptation T",
        "payoff units",
        "payoff of a defector facing a cooperator",
    );
    /// `p` of `general`.
    pub(crate) const GENERAL_P: KeySpec = KeySpec::real("p", 1.0).by("preset", &["general"]).doc(
        "punishment P",
        "payoff units",
        "payoff when both defect",
    );
    /// `b` of `weak-pd`.
    pub(crate) const WEAK_PD_B: KeySpec = KeySpec::float(
        "b",
        1.5,
        Range::at_least(1.0),
        "a number ≥ 1 (the temptation T = b)",
    )
    .by("preset", &["weak-pd"])
    .doc(
        "benefit / temptation b",
        "payoff units",
        "the temptation: `R, S, T, P = 1, 0, b, 0`",
    );
    /// `b` of `donation` and `snowdrift`.
    pub(crate) const DONATION_B: KeySpec =
        KeySpec::float("b", 2.0, Range::POSITIVE, POSITIVE_NUMBER)
            .by("preset", &["donation", "snowdrift"])
            .doc(
                "benefit / temptation b",
                "payoff units",
                "benefit to the partner (donation) or of the cleared road (snowdrift); `b > c`",
            );
    /// `c` of `donation` and `snowdrift`.
    pub(crate) const DONATION_C: KeySpec =
        KeySpec::float("c", 1.0, Range::POSITIVE, POSITIVE_NUMBER)
            .by("preset", &["donation", "snowdrift"])
            .doc(
                "cost c",
                "payoff units",
                "cost to the donor (donation) or of clearing, shared when both work (snowdrift)",
            );
    /// `t` of `stag-hunt` and `harmony`.
    pub(crate) const T_BELOW: KeySpec = KeySpec::float("t", 0.5, Range::below(1.0), BELOW_REWARD)
        .by("preset", &["stag-hunt", "harmony"])
        .doc(
            "temptation T",
            "payoff units",
            "temptation, below the reward 1",
        );
    /// `s` of `stag-hunt`.
    pub(crate) const STAG_HUNT_S: KeySpec = KeySpec::float(
        "s",
        -0.5,
        Range::below(0.0),
        "a negative number (S < P = 0)",
    )
    .by("preset", &["stag-hunt"])
    .doc(
        "sucker's payoff S",
        "payoff units",
        "sucker's payoff, negative",
    );
    /// `s` of `harmony`.
    pub(crate) const HARMONY_S: KeySpec =
        KeySpec::float("s", 0.5, Range::POSITIVE, "a positive number (S > P = 0)")
            .by("preset", &["harmony"])
            .doc(
                "sucker's payoff S",
                "payoff units",
                "sucker's payoff, positive",
            );
    /// `v` of `cost-sharing`.
    pub(crate) const COST_SHARING_V: KeySpec =
        KeySpec::float("v", 3.0, Range::POSITIVE, POSITIVE_NUMBER)
            .by("preset", &["cost-sharing"])
            .doc(
                "project return v",
                "payoff units",
                "return of the joint project, `v/2` to each partner",
            );
    /// `c` of `cost-sharing`.
    pub(crate) const COST_SHARING_C: KeySpec =
        KeySpec::float("c", 1.0, Range::POSITIVE, POSITIVE_NUMBER)
            .by("preset", &["cost-sharing"])
            .doc(
                "cost c",
                "payoff units",
                "cost of the project, paid by those who take part",
            );
    /// `r` of `public-goods`.
    pub(crate) const PGG_R: KeySpec = KeySpec::float(
        "r",
        4.0,
        Range::POSITIVE,
        "a positive number (the synergy factor r > 0)",
    )
    .by("preset", &["public-goods"])
    .doc(
        "synergy factor r",
        "",
        "each group's pot is multiplied by r and shared equally among its k + 1 members",
    );
    /// `cost` of `public-goods`.
    pub(crate) const PGG_COST: KeySpec = KeySpec::choice(
        "cost",
        "per-game",
        &["per-game", "per-individual"],
        "public goods cost",
    )
    .by("preset", &["public-goods"])
    .doc(
        "public goods cost",
        "",
        "`per-game`: a cooperator pays 1 into each of its k + 1 groups; `per-individual`: 1 in all, split equally over them",
    );
    /// The collective-risk presets.
    const CRD: &[&str] = &["collective-risk", "collective-risk-well-mixed"];
    /// `threshold` of the collective-risk presets.
    pub(crate) const CRD_THRESHOLD: KeySpec = KeySpec::int(
        "threshold",
        3,
        (1, 1 << 31),
        "a whole number ≥ 1 (the number of cooperators M a group needs)",
    )
    .by("preset", CRD)
    .doc(
        "threshold M",
        "agents",
        "a group with at least M cooperators keeps its members' endowments; at most the group size",
    );
    /// `risk` of the collective-risk presets.
    pub(crate) const CRD_RISK: KeySpec = KeySpec::prob("risk", 0.5).by("preset", CRD).doc(
        "risk r",
        "",
        "probability that a group below the threshold loses what its members have left",
    );
    /// `contribution` of the collective-risk presets.
    pub(crate) const CRD_CONTRIBUTION: KeySpec =
        KeySpec::prob("contribution", 0.1).by("preset", CRD).doc(
            "contribution c",
            "",
            "the share of its endowment a cooperator gives (c·b, in each of its groups)",
        );
    /// `endowment` of the collective-risk presets.
    pub(crate) const CRD_ENDOWMENT: KeySpec = KeySpec::float(
        "endowment",
        1.0,
        Range::POSITIVE,
        "a positive number (the endowment b > 0)",
    )
    .by("preset", CRD)
    .doc(
        "endowment b",
        "payoff units",
        "what each member of a group holds and may lose",
    );
    /// `risk_draw` of `collective-risk`.
    pub(crate) const CRD_DRAW: KeySpec = KeySpec::choice(
        "risk_draw",
        "expected",
        &["expected", "drawn"],
        "collective-risk failure",
    )
    .by("preset", &["collective-risk"])
    .doc(
        "collective-risk failure",
        "",
        "`expected`: a group below the threshold keeps (1 − r)·b; `drawn`: it loses everything with probability r, one keyed draw per group and step",
    );
    /// `group_size` of `collective-risk-well-mixed`.
    pub(crate) const CRD_GROUP_SIZE: KeySpec = KeySpec::int(
        "group_size",
        6,
        (2, 1 << 31),
        "a whole number ≥ 2 (the group size N)",
    )
    .by("preset", &["collective-risk-well-mixed"])
    .doc(
        "group size N",
        "agents",
        "each agent's payoff is its expected payoff in a group of itself and N − 1 others drawn from the rest of the population; at most the number of agents",
    );
    /// `payoff`.
    pub(crate) const PAYOFF: KeySpec = KeySpec::choice(
        "payoff",
        "accumulated",
        &["accumulated", "normalised"],
        "payoff aggregation",
    )
    .doc(
        "payoff aggregation",
        "",
        "`accumulated`: sum over ties; `normalised`: divided by the number of games played",
    );
    /// `self_interaction`.
    pub(crate) const SELF_INTERACTION: KeySpec = KeySpec::flag("self_interaction", false).doc(
        "self-interaction",
        "",
        "each firm also plays itself (Nowak & May 1992)",
    );
}

/// `[game]`.
pub(crate) const GAME: SectionSpec = SectionSpec {
    name: "game",
    scope: Scope::Classic,
    meaning: "the 2×2 game played on every tie, or a group game (public goods, collective risk) played in every neighbourhood group or in sampled groups, as a preset and its parameters",
    keys: &[
        game::PRESET,
        game::GENERAL_R,
        game::GENERAL_S,
        game::GENERAL_T,
        game::GENERAL_P,
        game::WEAK_PD_B,
        game::DONATION_B,
        game::DONATION_C,
        game::T_BELOW,
        game::STAG_HUNT_S,
        game::HARMONY_S,
        game::COST_SHARING_V,
        game::COST_SHARING_C,
        game::PGG_R,
        game::PGG_COST,
        game::PAYOFF,
        game::SELF_INTERACTION,
        game::CRD_THRESHOLD,
        game::CRD_RISK,
        game::CRD_CONTRIBUTION,
        game::CRD_ENDOWMENT,
        game::CRD_DRAW,
        game::CRD_GROUP_SIZE,
    ],
};

/// `[update]`.
pub(crate) mod update {
    use super::*;

    /// Update rules.
    pub(crate) const RULES: &[&str] = &[
        "fermi",
        "imitate-best",
        "proportional",
        "death-birth",
        "birth-death",
    ];
    /// `rule`.
    pub(crate) const RULE: KeySpec = KeySpec::choice("rule", "fermi", RULES, "update rule").doc(
        "update rule",
        "",
        "how a firm revises its strategy; `imitate-best` and `proportional` take no parameters",
    );
    /// `k`.
    pub(crate) const K: KeySpec = KeySpec::float(
        "k",
        0.1,
        Range::POSITIVE,
        "a positive number (the noise K > 0)",
    )
    .by("rule", &["fermi"])
    .doc(
        "Fermi noise K",
        "payoff units",
        "noise of `1/(1+exp((Π_i−Π_j)/K))`",
    );
    /// `w`.
    pub(crate) const W: KeySpec =
        KeySpec::float("w", 0.01, Range::UNIT, "a selection intensity in [0, 1]")
            .by("rule", &["death-birth", "birth-death"])
            .doc("selection intensity w", "", "fitness `1 − w + w·Π`");
    /// `schedule`.
    pub(crate) const SCHEDULE: KeySpec = KeySpec::choice("schedule", "synchronous", &["synchronous", "asynchronous"], "schedule")
        .default(Default::ByChoice {
            key: "rule",
            cases: &[("birth-death", "asynchronous")],
            otherwise: "synchronous",
        })
        .doc("schedule", "", "`synchronous`: all revise at once from the previous step; `asynchronous`: N random single revisions per step (`birth-death` requires it)");
    /// `mutation`.
    pub(crate) const MUTATION: KeySpec = KeySpec::prob("mutation", 0.0).doc(
        "mutation probability per step",
        "",
        "probability that a revising firm then flips its strategy",
    );
}

/// `[update]`.
pub(crate) const UPDATE: SectionSpec = SectionSpec {
    name: "update",
    scope: Scope::Classic,
    meaning: "strategy revision",
    keys: &[
        update::RULE,
        update::K,
        update::W,
        update::SCHEDULE,
        update::MUTATION,
    ],
};

/// `[initial]`.
pub(crate) mod initial {
    use super::*;

    /// Initial modes.
    pub(crate) const MODES: &[&str] = &["random", "single-defector", "single-cooperator", "file"];
    /// `mode`.
    pub(crate) const MODE: KeySpec = KeySpec::choice("mode", "random", MODES, "initial mode")
        .doc("initial mode", "", "`random`, `single-defector`, `single-cooperator` (at the centre node), or `file`: the `strategy` column of [network] nodes");
    /// `coop_fraction`.
    pub(crate) const COOP_FRACTION: KeySpec = KeySpec::prob("coop_fraction", 0.5)
        .by("mode", &["random"])
        .doc(
            "initial share of cooperators",
            "",
            "share of cooperators, placed uniformly at random",
        );
}

/// `[initial]`.
pub(crate) const INITIAL: SectionSpec = SectionSpec {
    name: "initial",
    scope: Scope::Classic,
    meaning: "the initial strategies",
    keys: &[initial::MODE, initial::COOP_FRACTION],
};
