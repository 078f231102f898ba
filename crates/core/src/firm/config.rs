//! Resolved configuration of a firm-economy run: initial distributions,
//! trust, decisions, joint projects, monitoring, reputation, learning, market, spillovers,
//! demography and cluster advantages. The scenario crate fills every default and checks
//! every range; [`FirmConfig::validate`] re-checks what the step loop relies on.

use serde::{Deserialize, Serialize};

use crate::error::ModelError;

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

/// A public subsidy per alive firm and step, paid in a window of steps (mechanism
/// `subsidy`; off with `per_firm = 0`, the default).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubsidyConfig {
    /// Money `>= 0` paid to every alive firm each step of the window (0: off).
    pub per_firm: f64,
    /// First step paid (`>= 1`).
    pub start: u64,
    /// Last step paid (0: no end; otherwise `>= start`).
    pub stop: u64,
    /// Dependency effect in `[0, 1]`: on a step it is paid, a firm keeps only `1 −
    /// dependency` of the productivity it gains through spillovers (0: no effect).
    #[serde(default)]
    pub dependency: f64,
}

impl Default for SubsidyConfig {
    /// Off: nothing paid, from step 1 with no end, no dependency effect.
    fn default() -> Self {
        SubsidyConfig {
            per_firm: 0.0,
            start: 1,
            stop: 0,
            dependency: 0.0,
        }
    }
}

/// A public training programme (mechanism `training`; off with `boost = 0`, the default):
/// in its window of steps every alive firm learns more from the partners that cooperated
/// with it — its productivity gain through spillovers is multiplied by `1 + boost` — at a
/// public cost of `cost_per_firm` per alive firm and step.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingConfig {
    /// Extra share `>= 0` of the spillover gain (0: off).
    pub boost: f64,
    /// Public money `>= 0` per alive firm and step of the window.
    pub cost_per_firm: f64,
    /// First step of the programme (`>= 1`).
    pub start: u64,
    /// Last step (0: no end; otherwise `>= start`).
    pub stop: u64,
}

impl Default for TrainingConfig {
    /// Off.
    fn default() -> Self {
        TrainingConfig {
            boost: 0.0,
            cost_per_firm: 0.0,
            start: 1,
            stop: 0,
        }
    }
}

/// Public infrastructure (mechanism `infrastructure`; off with `reduction = 0`, the
/// default): in its window every firm's fixed cost is `F · (1 − reduction)`, at a public
/// cost of `cost` per step (the upkeep of roads, power, a collection centre: a public good,
/// not paid per firm).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct InfrastructureConfig {
    /// Share in `[0, 1]` of the fixed cost saved (0: off).
    pub reduction: f64,
    /// Public money `>= 0` per step of the window.
    pub cost: f64,
    /// First step (`>= 1`).
    pub start: u64,
    /// Last step (0: no end; otherwise `>= start`).
    pub stop: u64,
}

impl Default for InfrastructureConfig {
    /// Off.
    fn default() -> Self {
        InfrastructureConfig {
            reduction: 0.0,
            cost: 0.0,
            start: 1,
            stop: 0,
        }
    }
}

/// A public monitoring programme (mechanism `public_monitoring`; off with `boost = 0`, the
/// default): in its window a defection is detected with probability `q + (1 − q) · boost`
/// instead of `q`, at a public cost of `cost_per_firm` per alive firm and step.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicMonitoringConfig {
    /// Share in `[0, 1]` of the undetected defections that become detected (0: off).
    pub boost: f64,
    /// Public money `>= 0` per alive firm and step of the window.
    pub cost_per_firm: f64,
    /// First step (`>= 1`).
    pub start: u64,
    /// Last step (0: no end; otherwise `>= start`).
    pub stop: u64,
}

impl Default for PublicMonitoringConfig {
    /// Off.
    fn default() -> Self {
        PublicMonitoringConfig {
            boost: 0.0,
            cost_per_firm: 0.0,
            start: 1,
            stop: 0,
        }
    }
}

/// The public budget of the policy instruments (mechanism `budget`; `total = 0`, the
/// default: no limit). Each step the instruments are funded in a fixed order — subsidy,
/// training, public monitoring, infrastructure — for the whole step or not at all: an
/// instrument whose cost for the step exceeds what is left stops for the rest of the run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BudgetConfig {
    /// Public money `>= 0` for the whole run (0: no limit).
    pub total: f64,
}

/// Where an association's first members come from (mechanism `association`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AssociationSource {
    /// No association (the mechanism is off).
    #[default]
    None,
    /// Every group of the network is an association, and every firm a member of its
    /// group's.
    Groups,
    /// The firms listed in [`AssociationConfig::members`] are members of their group's
    /// association; the other firms are not (they may join).
    List,
}

/// Associations of firms, one per group (mechanism `association`; off with `from = none`,
/// the default): members pay a fee into the association's treasury each step, hold a trust
/// in it that follows how their business goes, leave when it falls below a threshold, and
/// outsiders join through partners they trust.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssociationConfig {
    /// Where the first members come from.
    pub from: AssociationSource,
    /// The first members' firm ids (with [`AssociationSource::List`]; ascending, distinct,
    /// below the number of firms).
    pub members: Vec<u32>,
    /// Money `>= 0` each member pays into its association's treasury each step.
    pub fee: f64,
    /// A member's trust in its association when it joins, in `[0, 1]`.
    pub initial_trust: f64,
    /// Rate `r ∈ [0, 1]` of the trust update `T ← T + r(s − T)`, `s = 1` if the member's
    /// market income of the step (revenue minus fixed cost) is `>= 0`, else 0.
    pub trust_rate: f64,
    /// A member leaves when its trust falls below this, in `[0, 1]` (0: never).
    pub leave_below: f64,
    /// Probability in `[0, 1]` per step that a non-member with a trusted member partner of
    /// its group joins (0: nobody joins).
    pub join: f64,
    /// The trust in a member partner, in `[0, 1]`, that lets a non-member join.
    pub join_trust: f64,
}

impl Default for AssociationConfig {
    /// Off: no association.
    fn default() -> Self {
        AssociationConfig {
            from: AssociationSource::None,
            members: Vec::new(),
            fee: 0.0,
            initial_trust: 0.5,
            trust_rate: 0.1,
            leave_below: 0.0,
            join: 0.0,
            join_trust: 0.5,
        }
    }
}

impl AssociationConfig {
    /// Whether the mechanism is on (`from` is not `none`).
    pub fn on(&self) -> bool {
        self.from != AssociationSource::None
    }
}

/// Whom a firm meets (mechanism `linking`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingScope {
    /// A random alive firm of its own group.
    #[default]
    Group,
    /// A random alive firm of the economy, met only if it lies within
    /// [`FormationConfig::meeting_radius`] (needs a network with positions).
    Proximity,
}

/// The trust a tie formed during the run starts from (mechanism `linking`, for every tie the
/// formation phase forms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum StartTrust {
    /// `τ0` both ways.
    #[default]
    Initial,
    /// As an entrant's: `i`'s trust in `j` is `(1 − w) τ0 + w · R_j` (`w` =
    /// `reputation.weight`, `R_j` = `j`'s standing × its partners' mean trust in it, `τ0`
    /// without partners), each way.
    Reputation,
}

/// Tie formation during the run (mechanism `linking`; off with `closure`, `meeting` and
/// `introductions` all 0, the default): triadic closure through trusted partners, meetings
/// within a group or by proximity, introductions by a cluster facilitator; a cap on ties per
/// firm and the trust a new tie starts from (both also apply to ties formed at fairs).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormationConfig {
    /// Probability in `[0, 1]` per step that an alive firm tries a triadic closure (0: off).
    pub closure: f64,
    /// Trust in `[0, 1]` a closure needs on both legs (`τ_ij` and `τ_jk`).
    pub closure_trust: f64,
    /// Probability in `[0, 1]` per step that an alive firm meets another firm (0: off).
    pub meeting: f64,
    /// Whom it meets.
    pub meeting_scope: MeetingScope,
    /// Distance `>= 0` within which a meeting by proximity forms a tie.
    pub meeting_radius: f64,
    /// Introductions `>= 0` per step a facilitator makes in each facilitated group (a
    /// fractional part is a probability; 0: off).
    pub introductions: f64,
    /// Public money `>= 0` paid per introduction (the cost of facilitation).
    pub introduction_cost: f64,
    /// Groups with a facilitator (empty: every group).
    pub facilitated_groups: Vec<u32>,
    /// The most ties a firm may have for a new one to form (0: no cap). A firm already at
    /// or above it keeps its ties and forms none until it has fewer.
    pub max_ties: u64,
    /// The trust a new tie starts from.
    pub start_trust: StartTrust,
}

impl Default for FormationConfig {
    /// Off: no closure, meeting or introduction; no cap; new ties start at `τ0`.
    fn default() -> Self {
        FormationConfig {
            closure: 0.0,
            closure_trust: 0.5,
            meeting: 0.0,
            meeting_scope: MeetingScope::Group,
            meeting_radius: 0.1,
            introductions: 0.0,
            introduction_cost: 0.0,
            facilitated_groups: Vec::new(),
            max_ties: 0,
            start_trust: StartTrust::Initial,
        }
    }
}

impl FormationConfig {
    /// Whether any of its proposing parts is on.
    pub fn on(&self) -> bool {
        self.closure > 0.0 || self.meeting > 0.0 || self.introductions > 0.0
    }
}

/// Fairs (mechanism `fair`; off with `every = 0`, the default): every `every` steps a share
/// of the firms attends; each attendee meets `meetings` random other attendees, proposing a
/// tie to each with probability `form`, and gains market access for `duration` steps.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FairConfig {
    /// A fair is held at every step that is a multiple of this (0: no fair).
    pub every: u64,
    /// Probability `φ ∈ [0, 1]` that an alive firm attends a fair.
    pub share: f64,
    /// Other attendees `m` each attendee meets.
    pub meetings: u64,
    /// Probability in `[0, 1]` that a meeting proposes a tie.
    pub form: f64,
    /// Extra market access `>= 0` of an attendee: its revenue is multiplied by `1 + access`.
    pub access: f64,
    /// Steps `d` the extra access lasts, the fair's step included (0: none).
    pub duration: u64,
    /// Public money `>= 0` paid per attendee.
    pub cost: f64,
}

impl Default for FairConfig {
    /// Off: no fair.
    fn default() -> Self {
        FairConfig {
            every: 0,
            share: 0.1,
            meetings: 3,
            form: 0.5,
            access: 0.0,
            duration: 0,
            cost: 0.0,
        }
    }
}

/// How a temporary alliance answers for a failed contract (mechanism `alliance`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AllianceForm {
    /// *Unión temporal*: the penalty is divided by participation shares (member `m` pays
    /// `s_m · L`).
    #[default]
    UnionTemporal,
    /// *Consorcio*: every member answers for the whole penalty (each member pays `L`).
    Consorcio,
}

/// Temporary alliances for contracts (mechanism `alliance`; off with `rate = 0`, the
/// default): contracts of value `value`, required capacity `capacity` and penalty `penalty`
/// arrive at `rate` per step; the firm that takes one recruits trusted partners until their
/// capacities reach the contract's; the consortium delivers or fails, is paid or penalised
/// by its `form`, and dissolves at the end of the step.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AllianceConfig {
    /// Expected contracts per step `ρ` in `[0, 100]`: `⌊ρ⌋` contracts, plus one with
    /// probability `ρ − ⌊ρ⌋` (0: off).
    pub rate: f64,
    /// Value `V >= 0` of a contract, paid by participation shares when every member delivers.
    pub value: f64,
    /// Required capacity `Q > 0` of a contract (in productivity units: a firm's capacity is
    /// its productivity `a_i`).
    pub capacity: f64,
    /// Penalty `L >= 0` when a member fails.
    pub penalty: f64,
    /// Trust `τ_min ∈ [0, 1]` the taker needs in a partner to recruit it.
    pub min_trust: f64,
    /// Who answers for the penalty.
    pub form: AllianceForm,
}

impl Default for AllianceConfig {
    /// Off: no contracts.
    fn default() -> Self {
        AllianceConfig {
            rate: 0.0,
            value: 10.0,
            capacity: 2.0,
            penalty: 5.0,
            min_trust: 0.5,
            form: AllianceForm::UnionTemporal,
        }
    }
}

/// Anchor firms and their supplier chains (mechanism `anchor`; off with `count = 0`, the
/// default): the `count` firms of highest initial capital are anchors; each proposes ties to
/// `suppliers` random firms at step 1, buys from every partner each step at `price` per unit
/// of the partner's productivity, resells at `resale` per unit of money spent, and gives its
/// partners technical assistance (productivity growth `assistance` per step).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct AnchorConfig {
    /// Number of anchor firms (0: off).
    pub count: u64,
    /// Supplier ties each anchor proposes at step 1.
    pub suppliers: u64,
    /// Money `>= 0` an anchor pays a supplier per unit of the supplier's productivity, each
    /// step.
    pub price: f64,
    /// Revenue `>= 0` an anchor makes per unit of money spent on purchases (money from
    /// outside: its sales downstream).
    pub resale: f64,
    /// Productivity growth `g ∈ [0, 1]` per step of a firm tied to an anchor: `a ← a(1 + g)`.
    pub assistance: f64,
}

impl Default for AnchorConfig {
    /// Off: no anchors.
    fn default() -> Self {
        AnchorConfig {
            count: 0,
            suppliers: 10,
            price: 0.1,
            resale: 1.0,
            assistance: 0.0,
        }
    }
}

/// A buying group in each association (mechanism `buying_group`; off with `quantity = 0`,
/// the default; needs the associations on): every alive firm buys `quantity` units of input
/// each step; a non-member pays the list price `unit_cost`, the members of an association
/// with `n` members buy together at `u(n) = unit_cost · (1 − discount · min(1, n /
/// saturation))`. A member free-rides (takes the discount, does not pay its share, which the
/// paying members cover) with probability `free_ride · θ_i`; the association detects a
/// free-rider with probability `monitoring` when its monitoring is paid for (from its
/// treasury, `monitoring_cost` per member and step: pool punishment), fines it `fine` into
/// the treasury and, with `expel`, expels it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BuyingGroupConfig {
    /// Units `>= 0` of input every alive firm buys each step (0: off).
    pub quantity: f64,
    /// List price `u0 >= 0` of a unit bought alone.
    pub unit_cost: f64,
    /// Largest discount `d ∈ [0, 1]` on the list price.
    pub discount: f64,
    /// Members `n_sat >= 1` at which the whole discount applies.
    pub saturation: u64,
    /// Scale `s ∈ [0, 1]`: a member free-rides with probability `s · θ_i`.
    pub free_ride: f64,
    /// Probability `m ∈ [0, 1]` that monitoring detects a free-rider.
    pub monitoring: f64,
    /// Fine `>= 0` a detected free-rider pays into its association's treasury.
    pub fine: f64,
    /// Whether a detected free-rider is expelled from the association.
    pub expel: bool,
    /// Money `>= 0` per member and step the association pays from its treasury for
    /// monitoring (0: monitoring costs nothing); without the money, no monitoring that step.
    pub monitoring_cost: f64,
}

impl Default for BuyingGroupConfig {
    /// Off: nothing bought.
    fn default() -> Self {
        BuyingGroupConfig {
            quantity: 0.0,
            unit_cost: 1.0,
            discount: 0.2,
            saturation: 10,
            free_ride: 0.0,
            monitoring: 0.0,
            fine: 0.0,
            expel: false,
            monitoring_cost: 0.0,
        }
    }
}

impl BuyingGroupConfig {
    /// Whether the mechanism is on (`quantity > 0`).
    pub fn on(&self) -> bool {
        self.quantity > 0.0
    }
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
