//! The configurations of the firm economy's optional mechanisms, each off by default: the
//! policy instruments (subsidy, training, infrastructure, public monitoring, the budget),
//! associations and their buying groups, tie formation and fairs, temporary alliances and
//! anchor firms. They are the fields of [`OptionalMechanisms`](super::OptionalMechanisms);
//! their range checks are in [`FirmConfig::validate`](super::FirmConfig::validate).

use serde::{Deserialize, Serialize};

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
