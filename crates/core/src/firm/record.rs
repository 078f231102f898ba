//! What a firm-economy run reports: the per-step money [`Ledger`] (see `ledger`), per-group statistics
//! ([`GroupStats`], tidy by group with the total first), and the [`FirmObserver`] trait that
//! writers implement elsewhere (the core does no I/O).

use std::convert::Infallible;

pub use super::ledger::Ledger;
use crate::model::NoopObserver;

/// Statistics of one group of firms (or of all firms) after a step.
///
/// Means and quantiles over an empty set are NaN.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GroupStats {
    /// The group id, or `None` for all firms.
    pub group: Option<u32>,
    /// Firms alive.
    pub alive: usize,
    /// Firms that exited so far.
    pub exited: usize,
    /// Firms present at the start (ids below the initial population).
    pub initial: usize,
    /// Share of the initial firms still alive.
    pub survival_rate: f64,
    /// Mean capital of alive firms.
    pub capital_mean: f64,
    /// Median capital of alive firms.
    pub capital_median: f64,
    /// Gini coefficient of the capital of alive firms (NaN when their total is not positive).
    pub capital_gini: f64,
    /// Net income of the step, summed over the firms that were alive at its start.
    pub welfare: f64,
    /// `welfare` divided by `alive` (the firms alive after the step).
    pub welfare_per_firm: f64,
    /// Tie decisions taken in the step (one per firm per tie that ran a project).
    pub decisions: u64,
    /// Of which cooperative.
    pub cooperative: u64,
    /// `cooperative / decisions`.
    pub coop_rate: f64,
    /// Mean trust of the group's alive firms in their partners (over directed ties).
    pub trust_mean: f64,
    /// 10 % quantile of that trust (nearest rank).
    pub trust_q10: f64,
    /// Median of that trust (nearest rank).
    pub trust_q50: f64,
    /// 90 % quantile of that trust (nearest rank).
    pub trust_q90: f64,
    /// Mean opportunism of alive firms.
    pub opportunism_mean: f64,
    /// Mean productivity of alive firms.
    pub productivity_mean: f64,
    /// Ties with at least one end in the group (all ties for the total).
    pub ties: usize,
    /// Mean number of partners of alive firms.
    pub degree_mean: f64,
    /// Mean local clustering coefficient of alive firms with two or more partners, on
    /// network steps only.
    pub clustering: Option<f64>,
    /// Share of alive firms in the network's largest connected component, on network
    /// steps only.
    pub largest_component_share: Option<f64>,
    /// Members of the association (the group's; all associations for the total); 0 when
    /// the mechanism `association` is off.
    pub assoc_members: usize,
    /// Firms that joined the association in the step.
    pub assoc_joins: u64,
    /// Members that left the association in the step (by their trust or their exit).
    pub assoc_departures: u64,
    /// Money in the association's treasury.
    pub assoc_treasury: f64,
    /// Mean trust of the members in their association (NaN without members).
    pub assoc_trust_mean: f64,
    /// What the buying group's members saved on inputs in the step against the list price
    /// (0 when the mechanism `buying_group` is off).
    pub buying_savings: f64,
    /// Members of the buying group that free-rode in the step.
    pub free_riders: u64,
    /// Free-riders detected (and fined) in the step.
    pub free_riders_detected: u64,
}

/// What the temporary alliances (mechanism `alliance`) did in a step; all zero when off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllianceCounts {
    /// Contracts taken: by a consortium that reached the contract's capacity (a taker with
    /// enough capacity alone is a consortium of one).
    pub formed: u64,
    /// Of which every member delivered (the value was paid).
    pub completed: u64,
    /// Of which some member failed (the penalty was paid).
    pub failed: u64,
    /// Contracts declined: no alive, uncommitted taker was drawn, or the taker's trusted
    /// partners could not bring the capacity required.
    pub declined: u64,
}

/// The state of a firm-economy run after `step` steps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FirmRecord {
    /// Steps applied so far (0 is the initial state).
    pub step: u64,
    /// All firms first (`group: None`), then each group in ascending id.
    pub groups: Vec<GroupStats>,
    /// Money flows of this step (all zero at step 0).
    pub ledger: Ledger,
    /// Money held by the treasury.
    pub treasury: f64,
    /// Sum of the capital of alive firms.
    pub capital_total: f64,
    /// Whether this step was a crisis step.
    pub crisis: bool,
    /// The public budget left after this step (`None` without a budget).
    pub budget_left: Option<f64>,
    /// The temporary alliances of the step (mechanism `alliance`).
    pub alliances: AllianceCounts,
    /// Firms that received technical assistance from an anchor firm in the step (mechanism
    /// `anchor`).
    pub assisted: u64,
}

/// Receives the records of a firm-economy run; an error stops the run and is returned by it.
pub trait FirmObserver {
    /// What can go wrong while recording.
    type Error;

    /// Whether the record of `step` is wanted (computing one costs a pass over all firms
    /// and ties). The last step of a run is always reported.
    fn wants(&self, _step: u64) -> bool {
        true
    }

    /// Called with the record of every wanted step (from step 0 on) and of the last step.
    fn on_step(&mut self, record: &FirmRecord) -> Result<(), Self::Error>;
}

impl FirmObserver for NoopObserver {
    type Error = Infallible;

    fn wants(&self, _step: u64) -> bool {
        false
    }

    fn on_step(&mut self, _record: &FirmRecord) -> Result<(), Infallible> {
        Ok(())
    }
}

/// Collects every record in memory.
impl FirmObserver for Vec<FirmRecord> {
    type Error = Infallible;

    fn on_step(&mut self, record: &FirmRecord) -> Result<(), Infallible> {
        self.push(record.clone());
        Ok(())
    }
}
