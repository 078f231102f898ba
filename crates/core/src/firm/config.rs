//! Resolved configuration of a firm-economy run: initial distributions,
//! trust, decisions, joint projects, monitoring, reputation, learning, market, spillovers,
//! demography and cluster advantages. The scenario crate fills every default and checks
//! every range; [`FirmConfig::validate`] re-checks what the step loop relies on.

use serde::{Deserialize, Serialize};

use crate::error::ModelError;

mod optional;
pub use optional::*;

/// How one firm attribute is drawn at the start (and for entrants).
///
/// Draws are keyed by firm id only (never by the network), so two scenarios with the same
/// seed and distributions start from the same firms.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "dist", rename_all = "kebab-case")]
pub enum Distribution {
    /// Always `value`.
    Constant {
        /// The value.
        value: f64,
    },
    /// Uniform on `[min, max]` (`min <= max`).
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Normal with mean `mean` and standard deviation `sd >= 0`.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// Lognormal with the given mean `> 0` and standard deviation `>= 0` of the variable
    /// itself (not of its logarithm).
    Lognormal {
        /// Mean of the variable.
        mean: f64,
        /// Standard deviation of the variable.
        sd: f64,
    },
    /// Beta(α, β) on `[0, 1]`, `α, β > 0`.
    Beta {
        /// Shape α.
        alpha: f64,
        /// Shape β.
        beta: f64,
    },
    /// One value per firm, indexed by id (from the node attribute file). Entrants beyond the
    /// list draw the list's mean.
    Given {
        /// Value of firm `i` at index `i`.
        values: Vec<f64>,
    },
}

/// Initial firm attributes. Productivity draws are clamped to `>= 0` and
/// opportunism draws to `[0, 1]`; capital is taken as drawn.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirmInit {
    /// Capital `K_i` (money).
    pub capital: Distribution,
    /// Productivity `a_i` (output per step before price and access).
    pub productivity: Distribution,
    /// Opportunism `θ_i ∈ [0, 1]`.
    pub opportunism: Distribution,
}

/// How observing a partner's action moves trust.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum TrustRule {
    /// `τ += λ⁺(1 − τ)` after cooperation, `τ −= λ⁻τ` after defection.
    Asymmetric {
        /// Learning rate after cooperation, in `[0, 1]`.
        up: f64,
        /// Learning rate after defection, in `[0, 1]`.
        down: f64,
    },
    /// `τ = (α + cooperations) / (α + β + encounters)`.
    Beta {
        /// Prior cooperations α `> 0`.
        alpha: f64,
        /// Prior defections β `> 0`.
        beta: f64,
    },
}

/// Directed trust on ties.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrustConfig {
    /// Initial trust `τ0 ∈ [0, 1]` (also the baseline of decay).
    pub initial: f64,
    /// The learning rule.
    pub rule: TrustRule,
    /// Decay `δ ∈ [0, 1]` toward `τ0` on a step in which the tie ran no project.
    pub decay: f64,
    /// A tie breaks when either side's trust falls below this (0: ties never break).
    pub break_below: f64,
}

/// Per-tie cooperation decision.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum DecisionRule {
    /// Cooperate with probability `1 / (1 + exp(−β(τ_ij − θ_i)))`.
    Logistic {
        /// Steepness `β > 0`.
        beta: f64,
    },
    /// Cooperate iff `τ_ij >= θ_i` (the `β → ∞` limit).
    Threshold,
}

/// The joint project run on a tie, in money units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "game", rename_all = "kebab-case")]
pub enum ProjectGame {
    /// Cooperating costs the donor `c` and gives the partner `b`.
    Donation {
        /// Benefit to the partner.
        b: f64,
        /// Cost to the donor.
        c: f64,
    },
    /// A project with cost `c` and return `v`: both in, each pays `c/2`; one in, it pays
    /// `c`; whenever it happens each partner receives `v/2`.
    CostSharing {
        /// Return of the project.
        v: f64,
        /// Cost of the project.
        c: f64,
    },
}

impl ProjectGame {
    /// The gain from defecting on a cooperating partner instead of cooperating (`T − R`).
    pub fn temptation(&self) -> f64 {
        match *self {
            ProjectGame::Donation { c, .. } => c,
            ProjectGame::CostSharing { c, .. } => c / 2.0,
        }
    }
}

/// Joint projects on ties.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectConfig {
    /// The game.
    pub game: ProjectGame,
    /// Probability in `[0, 1]` that a tie runs a project in a step (the same draw for both
    /// partners).
    pub rate: f64,
    /// Transaction cost a firm pays for each project it cooperates in (`>= 0`).
    pub transaction_cost: f64,
}

/// Where fines go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FineTo {
    /// To the partner who was cheated.
    Victim,
    /// To the association treasury.
    Treasury,
}

/// Monitoring and sanctions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonitoringConfig {
    /// Probability `q ∈ [0, 1]` that a defection is detected.
    pub q: f64,
    /// Fine `f >= 0` a detected defector pays.
    pub fine: f64,
    /// Who receives the fine.
    pub fine_to: FineTo,
    /// Share in `[0, 1]` of its public standing a detected defector loses.
    pub reputation_loss: f64,
}

/// Public standing and gossip.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReputationConfig {
    /// Weight `w ∈ [0, 1]`: initial trust in a new partner `j` is `(1 − w)τ0 + w·R_j`, with
    /// `R_j` = `j`'s standing × the mean trust of `j`'s partners in `j` (`τ0` without partners).
    pub weight: f64,
    /// Recovery `∈ [0, 1]` of standing toward 1 on a step without detection.
    pub recovery: f64,
}

/// How a firm revises its opportunism.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "kebab-case")]
pub enum LearningRule {
    /// Fermi pairwise comparison with one random partner, noise `k > 0` (money units).
    Fermi {
        /// Noise.
        k: f64,
    },
    /// Copy the opportunism of the most successful partner if it did strictly better.
    ImitateBest,
    /// Proportional imitation (Santos–Pacheco) with one random partner `j`: if `Π_j > Π_i`,
    /// adopt `θ_j` with probability `min(1, (Π_j − Π_i) / scale)`. Firm incomes have no fixed
    /// range, so the game's `k_> · D` of the classic rule is an explicit `scale`.
    Proportional {
        /// Income difference (money units, `> 0`) at which adoption becomes certain.
        scale: f64,
    },
    /// Death–birth: copy a partner chosen in proportion to fitness `1 − w + w·Π`.
    DeathBirth {
        /// Selection intensity in `[0, 1]`.
        w: f64,
    },
}

/// What "successful" means for imitation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Success {
    /// The step's income from ties: projects, transaction costs and fines.
    Network,
    /// The step's whole net income (market plus ties).
    Income,
}

/// Opportunism learning.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LearningConfig {
    /// The imitation rule.
    pub rule: LearningRule,
    /// Probability in `[0, 1]` that a firm revises in a step.
    pub rate: f64,
    /// What is compared.
    pub success: Success,
    /// Probability in `[0, 1]` that a firm's opportunism mutates in a step.
    pub mutation: f64,
    /// Standard deviation `>= 0` of the Gaussian mutation (the result is clipped to [0, 1]).
    pub mutation_sd: f64,
}

/// The market.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarketConfig {
    /// Price `p >= 0`.
    pub price: f64,
    /// Market access `>= 0`.
    pub access: f64,
    /// Fixed cost `F >= 0` per step.
    pub fixed_cost: f64,
    /// Standard deviation `>= 0` of the idiosyncratic revenue shock `ε_i`.
    pub shock_sd: f64,
    /// Probability in `[0, 1]` of a crisis step.
    pub crisis_prob: f64,
    /// Share in `[0, 1]` of revenue lost in a crisis step.
    pub crisis_depth: f64,
}

/// Knowledge spillovers along cooperative ties.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpilloverConfig {
    /// Rate in `[0, 1]`: each partner `j` who cooperated with `i` adds
    /// `rate · max(0, a_j − a_i) / degree_i` to `a_i`.
    pub rate: f64,
}

/// Exit and entry.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct DemographyConfig {
    /// A firm exits when its capital falls below this.
    pub exit_below: f64,
    /// Probability in `[0, 1]` that an exit is followed by an entrant (same group).
    pub entry: f64,
    /// Ties an entrant forms with random alive firms of its group.
    pub entry_ties: u32,
}

/// Advantages of ties inside a cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterConfig {
    /// Groups that are clusters (empty: every group).
    pub groups: Vec<u32>,
    /// Share in `[0, 1]` of the transaction cost saved on a within-cluster tie.
    pub discount: f64,
    /// Spillover rate in `[0, 1]` on within-cluster ties (replaces the base rate there).
    pub spillover_rate: f64,
}

/// The optional mechanisms of the firm economy, each off by default.
///
/// A new optional mechanism adds its configuration as a field here (its own struct with a
/// `Default` that is off), so that code building a [`FirmConfig`] by hand writes
/// `optional: OptionalMechanisms::default()` (or sets the fields it tests) and needs no edit.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct OptionalMechanisms {
    /// Public subsidy per firm.
    #[serde(default)]
    pub subsidy: SubsidyConfig,
    /// Associations of firms (members, fees, treasury, trust in the association).
    #[serde(default)]
    pub association: AssociationConfig,
    /// Public training programme.
    #[serde(default)]
    pub training: TrainingConfig,
    /// Public infrastructure.
    #[serde(default)]
    pub infrastructure: InfrastructureConfig,
    /// Public monitoring programme.
    #[serde(default)]
    pub public_monitoring: PublicMonitoringConfig,
    /// The public budget of the policy instruments.
    #[serde(default)]
    pub budget: BudgetConfig,
    /// Tie formation: closure, meetings, introductions, cap, start trust.
    #[serde(default)]
    pub formation: FormationConfig,
    /// Fairs.
    #[serde(default)]
    pub fair: FairConfig,
    /// Temporary alliances for contracts (unión temporal, consorcio).
    #[serde(default)]
    pub alliance: AllianceConfig,
    /// Anchor firms buying from their suppliers and assisting them.
    #[serde(default)]
    pub anchor: AnchorConfig,
    /// Buying groups in the associations (pooled input purchases, free-riding, monitoring
    /// paid from the treasury).
    #[serde(default)]
    pub buying_group: BuyingGroupConfig,
}

/// Everything a firm-economy run needs besides the network and the seed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirmConfig {
    /// Initial attributes.
    pub init: FirmInit,
    /// Trust on ties.
    pub trust: TrustConfig,
    /// Cooperation decision.
    pub decision: DecisionRule,
    /// Joint projects.
    pub project: ProjectConfig,
    /// Monitoring and fines.
    pub monitoring: MonitoringConfig,
    /// Standing and gossip.
    pub reputation: ReputationConfig,
    /// Opportunism learning.
    pub learning: LearningConfig,
    /// Market.
    pub market: MarketConfig,
    /// The optional mechanisms, each off unless configured.
    #[serde(default, flatten)]
    pub optional: OptionalMechanisms,
    /// Spillovers.
    pub spillover: SpilloverConfig,
    /// Exit and entry.
    pub demography: DemographyConfig,
    /// Cluster advantages.
    pub cluster: ClusterConfig,
    /// Steps to run.
    pub steps: u64,
    /// Compute clustering and largest-component share every this many steps (`>= 1`).
    pub network_every: u64,
}

/// The range check of every firm parameter: `ok`, and a finite value.
fn check(
    name: &'static str,
    value: f64,
    ok: bool,
    expected: &'static str,
) -> Result<(), ModelError> {
    ModelError::check(name, value, ok && value.is_finite(), expected)
}

fn unit(name: &'static str, x: f64) -> Result<(), ModelError> {
    check(name, x, (0.0..=1.0).contains(&x), "a value in [0, 1]")
}

fn nonneg(name: &'static str, x: f64) -> Result<(), ModelError> {
    check(name, x, x >= 0.0, "a number >= 0")
}

/// The window `start..=stop` of a policy instrument (`stop = 0`: no end).
fn window(section: &'static str, start: u64, stop: u64) -> Result<(), ModelError> {
    let (start_key, stop_key) = match section {
        "training" => ("training.start", "training.stop"),
        "infrastructure" => ("infrastructure.start", "infrastructure.stop"),
        _ => ("public_monitoring.start", "public_monitoring.stop"),
    };
    check(start_key, start as f64, start >= 1, ">= 1")?;
    check(
        stop_key,
        stop as f64,
        stop == 0 || stop >= start,
        "0 (no end) or >= start",
    )
}

impl Distribution {
    fn validate(&self, name: &'static str) -> Result<(), ModelError> {
        match *self {
            Distribution::Constant { value } => check(name, value, true, "a finite number"),
            Distribution::Uniform { min, max } => {
                check(name, min, max.is_finite(), "finite bounds")?;
                check(name, max - min, min <= max, "min <= max")
            }
            Distribution::Normal { mean, sd } => {
                check(name, mean, true, "a finite mean")?;
                nonneg(name, sd)
            }
            Distribution::Lognormal { mean, sd } => {
                check(name, mean, mean > 0.0, "a positive mean")?;
                nonneg(name, sd)
            }
            Distribution::Beta { alpha, beta } => {
                check(name, alpha, alpha > 0.0, "alpha > 0")?;
                check(name, beta, beta > 0.0, "beta > 0")
            }
            Distribution::Given { ref values } => {
                for &v in values {
                    check(name, v, true, "finite values")?;
                }
                Ok(())
            }
        }
    }
}

impl FirmConfig {
    /// Checks every parameter the step loop relies on.
    pub fn validate(&self) -> Result<(), ModelError> {
        self.init.capital.validate("capital")?;
        self.init.productivity.validate("productivity")?;
        self.init.opportunism.validate("opportunism")?;
        let t = &self.trust;
        unit("trust.initial", t.initial)?;
        unit("trust.decay", t.decay)?;
        unit("trust.break_below", t.break_below)?;
        match t.rule {
            TrustRule::Asymmetric { up, down } => {
                unit("trust.up", up)?;
                unit("trust.down", down)?;
            }
            TrustRule::Beta { alpha, beta } => {
                check("trust.alpha", alpha, alpha > 0.0, "alpha > 0")?;
                check("trust.beta", beta, beta > 0.0, "beta > 0")?;
            }
        }
        if let DecisionRule::Logistic { beta } = self.decision {
            check("decision.beta", beta, beta > 0.0, "beta > 0")?;
        }
        match self.project.game {
            ProjectGame::Donation { b, c } | ProjectGame::CostSharing { v: b, c } => {
                nonneg("project.b", b)?;
                nonneg("project.c", c)?;
            }
        }
        unit("project.rate", self.project.rate)?;
        nonneg("project.transaction_cost", self.project.transaction_cost)?;
        unit("monitoring.q", self.monitoring.q)?;
        nonneg("monitoring.fine", self.monitoring.fine)?;
        unit(
            "monitoring.reputation_loss",
            self.monitoring.reputation_loss,
        )?;
        unit("reputation.weight", self.reputation.weight)?;
        unit("reputation.recovery", self.reputation.recovery)?;
        match self.learning.rule {
            LearningRule::Fermi { k } => check("learning.k", k, k > 0.0, "k > 0")?,
            LearningRule::DeathBirth { w } => unit("learning.w", w)?,
            LearningRule::Proportional { scale } => {
                check("learning.scale", scale, scale > 0.0, "scale > 0")?
            }
            LearningRule::ImitateBest => {}
        }
        unit("learning.rate", self.learning.rate)?;
        unit("learning.mutation", self.learning.mutation)?;
        nonneg("learning.mutation_sd", self.learning.mutation_sd)?;
        let m = &self.market;
        nonneg("market.price", m.price)?;
        nonneg("market.access", m.access)?;
        nonneg("market.fixed_cost", m.fixed_cost)?;
        nonneg("market.shock_sd", m.shock_sd)?;
        unit("market.crisis_prob", m.crisis_prob)?;
        unit("market.crisis_depth", m.crisis_depth)?;
        let s = &self.optional.subsidy;
        nonneg("subsidy.per_firm", s.per_firm)?;
        check("subsidy.start", s.start as f64, s.start >= 1, ">= 1")?;
        check(
            "subsidy.stop",
            s.stop as f64,
            s.stop == 0 || s.stop >= s.start,
            "0 (no end) or >= subsidy.start",
        )?;
        unit("subsidy.dependency", s.dependency)?;
        let o = &self.optional;
        nonneg("training.boost", o.training.boost)?;
        nonneg("training.cost_per_firm", o.training.cost_per_firm)?;
        window("training", o.training.start, o.training.stop)?;
        unit("infrastructure.reduction", o.infrastructure.reduction)?;
        nonneg("infrastructure.cost", o.infrastructure.cost)?;
        window(
            "infrastructure",
            o.infrastructure.start,
            o.infrastructure.stop,
        )?;
        unit("public_monitoring.boost", o.public_monitoring.boost)?;
        nonneg(
            "public_monitoring.cost_per_firm",
            o.public_monitoring.cost_per_firm,
        )?;
        window(
            "public_monitoring",
            o.public_monitoring.start,
            o.public_monitoring.stop,
        )?;
        nonneg("budget.total", o.budget.total)?;
        let a = &self.optional.association;
        nonneg("association.fee", a.fee)?;
        unit("association.initial_trust", a.initial_trust)?;
        unit("association.trust_rate", a.trust_rate)?;
        unit("association.leave_below", a.leave_below)?;
        unit("association.join", a.join)?;
        unit("association.join_trust", a.join_trust)?;
        check(
            "association.members",
            a.members.len() as f64,
            a.members.windows(2).all(|w| w[0] < w[1]),
            "ascending distinct firm ids",
        )?;
        let f = &self.optional.formation;
        unit("formation.closure", f.closure)?;
        unit("formation.closure_trust", f.closure_trust)?;
        unit("formation.meeting", f.meeting)?;
        nonneg("formation.meeting_radius", f.meeting_radius)?;
        check(
            "formation.introductions",
            f.introductions,
            (0.0..=1e6).contains(&f.introductions),
            "a number in [0, 10^6]",
        )?;
        nonneg("formation.introduction_cost", f.introduction_cost)?;
        check(
            "formation.max_ties",
            f.max_ties as f64,
            f.max_ties < 1 << 31,
            "fewer than 2^31",
        )?;
        let fair = &self.optional.fair;
        unit("fair.share", fair.share)?;
        unit("fair.form", fair.form)?;
        nonneg("fair.access", fair.access)?;
        nonneg("fair.cost", fair.cost)?;
        check(
            "fair.meetings",
            fair.meetings as f64,
            fair.meetings <= 1000,
            "at most 1000",
        )?;
        let c = &self.optional.alliance;
        check(
            "alliance.rate",
            c.rate,
            (0.0..=100.0).contains(&c.rate),
            "a rate in [0, 100]",
        )?;
        nonneg("alliance.value", c.value)?;
        check(
            "alliance.capacity",
            c.capacity,
            c.capacity > 0.0,
            "a capacity > 0",
        )?;
        nonneg("alliance.penalty", c.penalty)?;
        unit("alliance.min_trust", c.min_trust)?;
        let h = &self.optional.anchor;
        check(
            "anchor.count",
            h.count as f64,
            h.count < 1 << 32,
            "fewer than 2^32 anchors",
        )?;
        check(
            "anchor.suppliers",
            h.suppliers as f64,
            h.suppliers < 1 << 32,
            "fewer than 2^32 suppliers",
        )?;
        nonneg("anchor.price", h.price)?;
        nonneg("anchor.resale", h.resale)?;
        unit("anchor.assistance", h.assistance)?;
        let b = &self.optional.buying_group;
        nonneg("buying_group.quantity", b.quantity)?;
        nonneg("buying_group.unit_cost", b.unit_cost)?;
        unit("buying_group.discount", b.discount)?;
        check(
            "buying_group.saturation",
            b.saturation as f64,
            b.saturation >= 1,
            ">= 1",
        )?;
        unit("buying_group.free_ride", b.free_ride)?;
        unit("buying_group.monitoring", b.monitoring)?;
        nonneg("buying_group.fine", b.fine)?;
        nonneg("buying_group.monitoring_cost", b.monitoring_cost)?;
        check(
            "buying_group.quantity",
            b.quantity,
            !b.on() || a.on(),
            "0 unless the associations are on (a buying group is an association's)",
        )?;
        unit("spillover.rate", self.spillover.rate)?;
        check(
            "demography.exit_below",
            self.demography.exit_below,
            true,
            "a finite number",
        )?;
        unit("demography.entry", self.demography.entry)?;
        unit("cluster.discount", self.cluster.discount)?;
        unit("cluster.spillover_rate", self.cluster.spillover_rate)?;
        check(
            "steps",
            self.steps as f64,
            self.steps < 1 << 40,
            "fewer than 2^40 steps",
        )?;
        check(
            "network_every",
            self.network_every as f64,
            self.network_every >= 1,
            ">= 1",
        )
    }
}
