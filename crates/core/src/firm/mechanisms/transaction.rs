//! Transaction costs (submodel F4): a firm pays `tc` for each cooperation on a tie that ran
//! a project, `tc · (1 − discount)` on a tie within a cluster group.
//!
//! Configuration: `ProjectConfig::transaction_cost` (scenario key
//! `project.transaction_cost`) and `ClusterConfig::discount` (`cluster.discount`). Phase:
//! the settle pass (`super::super::kernel`). Stream: none. Flows: [`FLOWS`].

use super::super::config::FirmConfig;
use super::super::ledger::{Flow, Ledger};
use super::projects::{N_MINE, N_MINE_WITHIN};

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::TransactionCosts];

/// `(tc, tc within a cluster group)`.
fn costs(cfg: &FirmConfig) -> (f64, f64) {
    let tc = cfg.project.transaction_cost;
    (tc, tc * (1.0 - cfg.cluster.discount))
}

/// What one cooperation is worth in transaction costs: `−tc` on every tie (added to the
/// project cost of the count `N_MINE`), given back less the discounted cost within groups.
pub(crate) fn worth(cfg: &FirmConfig, worth: &mut [f64; 8]) {
    let (tc, tc_within) = costs(cfg);
    worth[N_MINE] -= tc;
    worth[N_MINE_WITHIN] = tc - tc_within;
}

/// Records the transaction costs of a chunk from its counts.
#[inline]
pub(crate) fn flows(cfg: &FirmConfig, totals: &[u64; 8], l: &mut Ledger) {
    let (tc, tc_within) = costs(cfg);
    l[Flow::TransactionCosts] = tc * (totals[N_MINE] - totals[N_MINE_WITHIN]) as f64
        + tc_within * totals[N_MINE_WITHIN] as f64;
}
