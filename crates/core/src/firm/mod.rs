//! The firm economy (described in `docs/model.md`): firms with capital, productivity and
//! opportunism on a network, deciding per tie whether to cooperate in joint projects, building
//! or losing directed trust, fined when caught cheating, imitating the opportunism of
//! successful partners, hit by market shocks, gaining productivity through spillovers, and
//! exiting when broke (optionally replaced by entrants that attach to the network).
//!
//! A run is a pure function of (network, [`FirmConfig`], seed) and byte-identical on any
//! number of threads; see `schedule` for the phases in order and the modules of `mechanisms`
//! for each mechanism's equations and which stream words its draws read.
//!
//! # Common random numbers
//! A firm's initial attributes come from the stream `(attribute << 32 | id, FirmInitial)`,
//! its market shock from word `id` of the counter-based draws of `(step, MarketShock)`, and
//! the crisis draw from the first word of `(step, CommonShock)`. None of these depend on the network, so two scenarios
//! with the same seed (e.g. clustered and isolated firms) see the same firms and shocks.
//!
//! # Memory
//! Per firm: eight `f64` arrays, six `u32` arrays (including the slot range), the model slot
//! start (`u64`) and the alive byte, [`BYTES_PER_FIRM`] = 97 bytes; per directed tie slot:
//! target, reverse slot (`u32`), trust (`f32`), flags and the partner's flags,
//! [`BYTES_PER_SLOT`] = 14 bytes, plus [`BYTES_PER_SLOT_BETA`] = 8 for the encounter counts
//! under the Beta trust rule. Recorded steps add an `f32` per tie slot and an `f64` per firm
//! of metric buffers. Each alive firm holds as many slots as its relationship capacity
//! (initial degree plus one spare slot with entry on, or the entry ties plus one for an
//! entrant; ties lost to exits and breaks leave their slots free for entrants); an exited
//! firm's slots are freed by compacting the layout in place once they exceed a tenth of the
//! slots held by alive firms plus 4096. Compaction only moves memory: capacities, ties and
//! the draws keyed by model slot numbers stay the same. So there are at most
//! `1.1 · (capacity) + 4096` slots in all, `1.1 · (degree + 1)` per firm of initial degree
//! `degree`. 10^7 firms with mean degree 8 thus take at most `10^7 · (97 + 1.1 · 9 · 22 + 8
//! + 8 · 4)` bytes ≈ 3.5 GB with the Beta rule (≈ 2.8 GB with the asymmetric rule, ≈ 3.3 GB
//! and 2.6 GB without entry, `1.1 · degree` slots per firm), under 4 GiB (4.29 GB); the test
//! `ten_million_firms_of_mean_degree_eight_fit_in_four_gib` checks the arithmetic.

mod associations;
mod config;
mod demography;
mod dist;
mod firms;
mod groups;
mod kernel;
mod ledger;
mod logistic;
mod mechanisms;
mod record;
mod schedule;
mod snapshot;
mod stats;
mod ties;

pub use config::{AllianceConfig, AllianceForm, AnchorConfig};
pub use config::{AssociationConfig, AssociationSource, BuyingGroupConfig};
pub use config::{BudgetConfig, InfrastructureConfig, PublicMonitoringConfig, TrainingConfig};
pub use config::{
    ClusterConfig, DecisionRule, DemographyConfig, Distribution, FineTo, FirmConfig, FirmInit,
    LearningConfig, LearningRule, MarketConfig, MonitoringConfig, OptionalMechanisms,
    ProjectConfig, ProjectGame, ReputationConfig, SpilloverConfig, SubsidyConfig, Success,
    TrustConfig, TrustRule,
};
pub use config::{FairConfig, FormationConfig, MeetingScope, StartTrust};
pub use ledger::{Flow, FlowKind, Ledger};
pub use record::{AllianceCounts, FirmObserver, FirmRecord, GroupStats};
pub use snapshot::{FirmRow, TieRow};

use rayon::prelude::*;

use crate::error::ModelError;
use crate::network::Network;
use crate::rng::{Phase, Streams};
use associations::Associations;
use firms::Firms;
use groups::{BuyingGroups, Groups};
pub(crate) use logistic::{Cells, Logistic};
use ties::Ties;

/// Idle slots (of exited firms) tolerated beyond a tenth of the slots held by alive firms
/// before the layout is compacted.
const COMPACT_MARGIN: usize = 4096;

/// Bytes of state per firm: capital, productivity (×2), opportunism (×2), standing, income,
/// tie income (`f64` each, 64), group, group index, decisions, cooperations, slot start and
/// length (`u32` each, 24), model slot start (`u64`, 8: the draws' key and the capacity),
/// alive (1).
pub const BYTES_PER_FIRM: usize = 8 * 8 + 6 * 4 + 8 + 1;

/// Bytes of state per directed tie slot: target, reverse slot (`u32` each, 8), trust (`f32`,
/// 4), flags (1), the partner's flags (1, the inbox).
pub const BYTES_PER_SLOT: usize = 2 * 4 + 4 + 1 + 1;

/// Extra bytes per directed tie slot under the Beta trust rule: cooperation and defection
/// counts (two `u32` halves of one `u64`).
pub const BYTES_PER_SLOT_BETA: usize = 8;

/// The final state of a firm-economy run.
#[derive(Clone, Debug, PartialEq)]
pub struct FirmSummary {
    /// Steps run.
    pub steps_run: u64,
    /// The statistics of all firms at the last step.
    pub last: GroupStats,
    /// Net income summed over all steps and firms.
    pub welfare_total: f64,
    /// Exits over the run.
    pub exits: u64,
    /// Entries over the run.
    pub entries: u64,
    /// Money in the treasury at the end.
    pub treasury: f64,
    /// Fines paid over the run (to victims or the treasury).
    pub fines_total: f64,
    /// Public money spent over the run by every policy instrument.
    pub public_cost_total: f64,
    /// Firms alive at the start of each step, summed over the steps run (firm-steps).
    pub firm_steps: u64,
    /// The public budget left at the end (`None` without a budget).
    pub budget_left: Option<f64>,
}

/// A firm-economy simulation.
///
/// State as three column stores — firms ([`firms::Firms`]), ties ([`ties::Ties`]) and groups
/// ([`groups::Groups`]) — each with its invariants; across them: the stores agree on the
/// firm count (`N` grows with entrants, ids are never reused), an exited firm has no ties,
/// and the groups' member counts are those of the firms (checked by
/// [`FirmSimulation::check_invariants`]).
#[derive(Clone, Debug)]
pub struct FirmSimulation {
    cfg: FirmConfig,
    streams: Streams,
    t: u64,
    n0: usize,
    /// The firm store.
    firms: Firms,
    /// The group store.
    groups: Groups,
    /// The association store (empty when the mechanism is off).
    associations: Associations,
    /// The buying groups' per-group state (empty when the mechanism is off).
    buying: BuyingGroups,
    cluster_groups: Vec<u32>,
    ties: Ties,
    slack: u32,
    /// Idle slots (of exited firms) tolerated beyond a tenth of the slots held by alive firms
    /// before the layout is compacted.
    compact_margin: usize,
    slot_ends: Vec<usize>,
    /// As many zeros as chunks: splits an unused per-slot array into empty pieces.
    zero_ends: Vec<usize>,
    firm_ends: Vec<usize>,
    chunk_ledger: Vec<Ledger>,
    chunk_breaks: Vec<Vec<(u32, u32)>>,
    chunk_exits: Vec<Vec<u32>>,
    ledger: Ledger,
    treasury: f64,
    fines_total: f64,
    public_cost_total: f64,
    crisis: bool,
    exits: u64,
    entries: u64,
    welfare_total: f64,
    record: FirmRecord,
    scratch_f32: Vec<f32>,
    scratch_f64: Vec<f64>,
    scratch_u32: Vec<u32>,
    logistic: &'static Logistic,
    slot_table: Box<kernel::SlotTable>,
    /// The tie formation batch (kept from step to step).
    formation: mechanisms::formation::Batch,
    /// The public budget and what the policy instruments do in the current step.
    policy: mechanisms::budget::Policy,
    /// The alive firms of each group, for meetings and introductions (`linking`).
    members: mechanisms::linking::Members,
    /// The fairs' state (`fair`).
    fairs: mechanisms::fair::Fairs,
    /// The temporary alliances' buffers and counts.
    alliances: mechanisms::alliance::Alliances,
    /// The anchor firms (none when the mechanism is off).
    anchors: mechanisms::anchor::Anchors,
}

/// The initial value of attribute `attr` (0 capital, 1 productivity, 2 opportunism) of firm
/// `id`, from its own stream (independent of the network).
fn draw(streams: &Streams, cfg: &FirmInit, attr: u64, id: usize) -> f64 {
    let mut rng = streams.stream((attr << 32) | id as u64, Phase::FirmInitial);
    match attr {
        0 => cfg.capital.sample(id, &mut rng),
        1 => cfg.productivity.sample(id, &mut rng).max(0.0),
        _ => cfg.opportunism.sample(id, &mut rng).clamp(0.0, 1.0),
    }
}

impl FirmSimulation {
    /// Sets up a run on `network`: validates the configuration, draws every firm's initial
    /// attributes and lays out the ties with initial trust `τ0`.
    pub fn new(
        network: &Network,
        cfg: &FirmConfig,
        seed: u64,
    ) -> Result<FirmSimulation, ModelError> {
        let n = ModelError::check_nodes(network)?;
        cfg.validate()?;
        let streams = Streams::new(seed);
        let init = |attr: u64| -> Vec<f64> {
            (0..n)
                .into_par_iter()
                .map(|i| draw(&streams, &cfg.init, attr, i))
                .collect()
        };
        let (capital, productivity, opportunism) = (init(0), init(1), init(2));
        let group = network.group.clone();
        let groups = Groups::of(&group);
        let mut cluster_groups = if cfg.cluster.groups.is_empty() {
            groups.ids.clone()
        } else {
            cfg.cluster.groups.clone()
        };
        cluster_groups.sort_unstable();
        let within = |i: usize, j: usize| {
            group[i] == group[j] && cluster_groups.binary_search(&group[i]).is_ok()
        };
        let slack = if cfg.demography.entry > 0.0 && cfg.demography.entry_ties > 0 {
            1
        } else {
            0
        };
        let ties = Ties::from_csr(
            &network.csr(),
            slack,
            cfg.trust.initial as f32,
            matches!(cfg.trust.rule, TrustRule::Beta { .. }),
            within,
        );
        let group_pos: Vec<u32> = group.iter().map(|&g| groups.pos(g)).collect();
        let a = &cfg.optional.association;
        if let Some(&last) = a.members.last() {
            ModelError::check(
                "association.members",
                f64::from(last),
                (last as usize) < n,
                "firm ids below the number of firms",
            )?;
        }
        let associations = Associations::new(a, &group_pos, groups.len());
        let f = &cfg.optional.formation;
        ModelError::check(
            "formation.meeting_scope",
            f.meeting,
            f.meeting == 0.0
                || f.meeting_scope != config::MeetingScope::Proximity
                || network.position.is_some(),
            "meetings by proximity on a network with positions",
        )?;
        let anchors = mechanisms::anchor::Anchors::new(&cfg.optional.anchor, &capital);
        let buying = BuyingGroups::new(cfg.optional.buying_group.on(), groups.len());
        let firms = Firms {
            productivity_next: productivity.clone(),
            opportunism_next: opportunism.clone(),
            capital,
            productivity,
            opportunism,
            standing: vec![1.0; n],
            income: vec![0.0; n],
            tie_income: vec![0.0; n],
            group,
            group_pos,
            decisions: vec![0; n],
            cooperations: vec![0; n],
            alive: vec![1; n],
            position: network.position.clone(),
        };
        let mut sim = FirmSimulation {
            cfg: cfg.clone(),
            streams,
            t: 0,
            n0: n,
            firms,
            groups,
            associations,
            buying,
            cluster_groups,
            ties,
            slack,
            compact_margin: COMPACT_MARGIN,
            slot_ends: Vec::new(),
            zero_ends: Vec::new(),
            firm_ends: Vec::new(),
            chunk_ledger: Vec::new(),
            chunk_breaks: Vec::new(),
            chunk_exits: Vec::new(),
            ledger: Ledger::default(),
            treasury: 0.0,
            fines_total: 0.0,
            public_cost_total: 0.0,
            crisis: false,
            exits: 0,
            entries: 0,
            welfare_total: 0.0,
            record: FirmRecord::default(),
            scratch_f32: Vec::new(),
            scratch_f64: Vec::new(),
            scratch_u32: Vec::new(),
            logistic: Logistic::shared(),
            slot_table: Box::new(kernel::SlotTable::new(cfg)),
            formation: Default::default(),
            policy: mechanisms::budget::Policy::new(cfg),
            members: Default::default(),
            fairs: Default::default(),
            alliances: Default::default(),
            anchors,
        };
        sim.chunk_slot_ends();
        Ok(sim)
    }

    /// Runs up to `steps`, reporting every step the observer wants and always the last one.
    pub fn run<O: FirmObserver>(&mut self, observer: &mut O) -> Result<FirmSummary, O::Error> {
        let last = self.cfg.steps;
        if observer.wants(self.t) || self.t == last {
            self.compute_record();
            observer.on_step(&self.record)?;
        }
        while self.t < last {
            self.step();
            if observer.wants(self.t) || self.t == last {
                self.compute_record();
                observer.on_step(&self.record)?;
            }
        }
        Ok(self.summary())
    }

    /// Whether the run is over (`steps` steps done).
    pub fn is_done(&self) -> bool {
        self.t >= self.cfg.steps
    }

    /// The summary of the current state (what [`FirmSimulation::run`] returns at the end);
    /// computes the record of the current step unless it is already there.
    pub fn summary(&mut self) -> FirmSummary {
        if self.record.step != self.t || self.record.groups.is_empty() {
            self.compute_record();
        }
        FirmSummary {
            steps_run: self.t,
            last: self.last_record().groups[0],
            welfare_total: self.welfare_total,
            exits: self.exits,
            entries: self.entries,
            treasury: self.treasury,
            fines_total: self.fines_total,
            public_cost_total: self.public_cost_total,
            firm_steps: self.policy.firm_steps,
            budget_left: self.policy.budget_left(),
        }
    }

    /// Reserves room for `entrants` more firms (their state and ties), so that their entry
    /// does not reallocate the arrays. Never needed for correctness; for benchmarks that
    /// time steps of a clone (whose arrays have no spare capacity, so its first entrant
    /// would copy every array) and for long runs that know how many firms will enter.
    pub fn reserve(&mut self, entrants: usize) {
        let n = entrants;
        self.firms.reserve(n);
        self.associations.reserve(n);
        let per_entrant = (self.cfg.demography.entry_ties + self.slack) as usize;
        self.ties.reserve(n, n * per_entrant);
    }

    /// Steps applied so far.
    pub fn current_step(&self) -> u64 {
        self.t
    }

    /// Number of firms ever present (alive or exited).
    pub fn len(&self) -> usize {
        self.firms.capital.len()
    }

    /// Always `false`: a simulation has at least one firm.
    pub fn is_empty(&self) -> bool {
        self.firms.capital.is_empty()
    }

    /// Capital of every firm (exited firms keep the value they left with).
    pub fn capital(&self) -> &[f64] {
        &self.firms.capital
    }

    /// Productivity of every firm.
    pub fn productivity(&self) -> &[f64] {
        &self.firms.productivity
    }

    /// Opportunism of every firm.
    pub fn opportunism(&self) -> &[f64] {
        &self.firms.opportunism
    }

    /// Net income of every firm in the last step (0 for firms not alive at its start).
    pub fn income(&self) -> &[f64] {
        &self.firms.income
    }

    /// Market income of firm `i` in the last step: revenue minus fixed cost (0 for a firm not
    /// alive at the step's start).
    pub fn market_income(&self, i: usize) -> f64 {
        self.firms.income[i] - self.firms.tie_income[i]
    }

    /// Exits so far.
    pub fn exits(&self) -> u64 {
        self.exits
    }

    /// Group of every firm.
    pub fn groups(&self) -> &[u32] {
        &self.firms.group
    }

    /// Whether each firm is alive.
    pub fn alive(&self) -> impl Iterator<Item = bool> + '_ {
        self.firms.alive.iter().map(|&a| a != 0)
    }

    /// Sum of the capital of alive firms (fixed order).
    pub fn capital_total(&self) -> f64 {
        self.firms
            .capital
            .iter()
            .zip(&self.firms.alive)
            .filter(|(_, &a)| a != 0)
            .map(|(k, _)| k)
            .sum()
    }

    /// Money in the treasury.
    pub fn treasury(&self) -> f64 {
        self.treasury
    }

    /// Money held by the associations' treasuries, summed over groups (0 when the mechanism
    /// `association` is off).
    pub fn association_treasury(&self) -> f64 {
        self.groups.treasury.iter().sum()
    }

    /// Members of the associations, summed over groups (0 when off).
    pub fn association_members(&self) -> usize {
        self.associations.members.iter().map(|&m| m as usize).sum()
    }

    /// The money flows of the last step.
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Whether the last step was a crisis step.
    pub fn crisis(&self) -> bool {
        self.crisis
    }

    /// Number of undirected ties.
    pub fn tie_count(&self) -> usize {
        self.ties.ties
    }

    /// Number of directed tie slots in use (twice the ties).
    pub fn directed_tie_count(&self) -> usize {
        2 * self.ties.ties
    }

    /// Every directed trust `τ_ij` in use, as `(i, j, τ_ij)`, in firm then slot order.
    pub fn trusts(&self) -> impl Iterator<Item = (usize, usize, f64)> + '_ {
        (0..self.len()).flat_map(move |i| {
            self.ties
                .slots(i)
                .map(move |e| (i, self.ties.target[e] as usize, f64::from(self.ties.tau[e])))
        })
    }

    /// Per directed tie `(i, j)`: how often `j` cooperated with and defected on `i`.
    /// Kept only under the Beta trust rule, which reads them (`None` otherwise: the
    /// asymmetric rule does not need them, and keeping them would cost 8 bytes of memory and
    /// of traffic per tie slot and step).
    pub fn encounter_counts(&self) -> Option<impl Iterator<Item = (u32, u32)> + '_> {
        if !matches!(self.cfg.trust.rule, TrustRule::Beta { .. }) {
            return None;
        }
        Some((0..self.len()).flat_map(move |i| {
            self.ties
                .slots(i)
                .map(move |e| (self.ties.enc[e] as u32, (self.ties.enc[e] >> 32) as u32))
        }))
    }

    /// Computes the statistics of the current state (as reported to observers).
    pub fn record(&mut self) -> &FirmRecord {
        self.compute_record();
        &self.record
    }

    /// Checks the invariants of the three stores and across them (for tests; **O(slots)**):
    /// see [`FirmSimulation`].
    pub fn check_invariants(&self) -> bool {
        let f = &self.firms;
        self.firms.check()
            && self.ties.check()
            && self.groups.check(&f.group, &f.group_pos, &f.alive)
            && (self
                .associations
                .check(&f.alive, &f.group_pos, &self.groups.treasury))
            && self.buying.check(self.groups.len())
            && self.ties.firms() == f.len()
            && (0..self.len()).all(|i| f.alive[i] != 0 || self.ties.len[i] == 0)
    }

    /// Bytes of state held by the firm, tie and group stores.
    pub fn state_bytes(&self) -> usize {
        self.firms.bytes()
            + self.ties.bytes()
            + self.groups.bytes()
            + self.associations.bytes()
            + self.buying.bytes()
    }

    /// How many firms, tie slots and groups fit without reallocating the stores' columns.
    pub fn state_capacity(&self) -> (usize, usize, usize) {
        (
            self.firms.capacity(),
            self.ties.slot_capacity(),
            self.groups.capacity(),
        )
    }
}

#[cfg(test)]
mod mechanism_tests;
#[cfg(test)]
mod reference;
#[cfg(test)]
mod reference_tests;
#[cfg(test)]
mod tests;
