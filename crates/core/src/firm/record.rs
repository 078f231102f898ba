//! What a firm-economy run reports: the per-step money [`Ledger`], per-group statistics
//! ([`GroupStats`], tidy by group with the total first), and the [`FirmObserver`] trait that
//! writers implement elsewhere (the core does no I/O).

use std::convert::Infallible;

use crate::model::NoopObserver;

/// Money flows of one step, summed over firms in a fixed order.
///
/// Accounting identity (checked by tests): the change of `Σ capital of alive firms +
/// treasury` over a step equals `revenue − fixed_costs + project_returns − project_costs −
/// transaction_costs + entry_capital − exit_capital`; fines are transfers:
/// `fines_paid = fines_to_victims + fines_to_treasury`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Ledger {
    /// Market revenue `a_i · p · access · (1 + ε_i) · (1 − crisis depth)` (created).
    pub revenue: f64,
    /// Fixed costs paid (destroyed).
    pub fixed_costs: f64,
    /// Project returns received: `b` per donation received, `v/2` per partner per project.
    pub project_returns: f64,
    /// Project costs paid by cooperators: `c` per donation, `c/2` or `c` per project.
    pub project_costs: f64,
    /// Transaction costs of cooperating (destroyed).
    pub transaction_costs: f64,
    /// Fines paid by detected defectors.
    pub fines_paid: f64,
    /// Fines received by cheated partners.
    pub fines_to_victims: f64,
    /// Fines paid into the treasury.
    pub fines_to_treasury: f64,
    /// Capital of the firms that exited this step (leaves the economy with them).
    pub exit_capital: f64,
    /// Capital brought by entrants.
    pub entry_capital: f64,
    /// Productivity gained through spillovers (not money: it raises future revenue).
    pub productivity_gain: f64,
}

impl Ledger {
    /// Money created minus money destroyed: the predicted change of capital plus treasury.
    pub fn net_change(&self) -> f64 {
        self.revenue - self.fixed_costs + self.project_returns
            - self.project_costs
            - self.transaction_costs
            + self.entry_capital
            - self.exit_capital
    }

    /// Adds another ledger field by field.
    pub(crate) fn add(&mut self, o: &Ledger) {
        self.revenue += o.revenue;
        self.fixed_costs += o.fixed_costs;
        self.project_returns += o.project_returns;
        self.project_costs += o.project_costs;
        self.transaction_costs += o.transaction_costs;
        self.fines_paid += o.fines_paid;
        self.fines_to_victims += o.fines_to_victims;
        self.fines_to_treasury += o.fines_to_treasury;
        self.exit_capital += o.exit_capital;
        self.entry_capital += o.entry_capital;
        self.productivity_gain += o.productivity_gain;
    }
}

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
