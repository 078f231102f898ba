//! Joint projects (submodels F3 and F4): each step a tie runs a project with probability
//! `rate` (drawn on its lower-id end's slot); the project's game pays the two ends from their
//! actions: donation (`b` to the partner of each cooperator, who pays `c`) or cost sharing
//! (each end gets `v/2` if either cooperated; a lone cooperator pays `c`, two pay `c/2`
//! each).
//!
//! The settle kernel counts, per firm, what happened on its ties (the `N_*` counts below,
//! exact integers) and turns the counts into money once per firm ([`worth`]) and per chunk
//! ([`flows`]).
//!
//! Configuration: [`ProjectConfig`] (`FirmConfig::project`, section `[project]`). Phase: the
//! project draw in the decide pass, payoffs in the settle pass (`super::super::kernel`).
//! Stream: the high half of the decision word of the lower-id end's slot (see
//! [`super::decision`]). Flows: [`FLOWS`].

use super::super::config::{ProjectConfig, ProjectGame};
use super::super::ledger::{Flow, Ledger};

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::ProjectReturns, Flow::ProjectCosts];

/// Count of projects the slot took part in.
pub(crate) const N_PROJECTS: usize = 0;
/// Count of the owner's cooperations.
pub(crate) const N_MINE: usize = 1;
/// Count of the partner's cooperations.
pub(crate) const N_THEIRS: usize = 2;
/// Count of projects in which either side cooperated.
pub(crate) const N_ANY: usize = 3;
/// Count of projects in which both sides cooperated.
pub(crate) const N_BOTH: usize = 4;
/// Count of the owner's cooperations on within-group ties.
pub(crate) const N_MINE_WITHIN: usize = 5;
/// Count of the owner's detected defections.
pub(crate) const N_CAUGHT: usize = 6;
/// Count of the partner's detected defections.
pub(crate) const N_VICTIM: usize = 7;

/// Whether the tie of slot `e` (reverse slot `rev`) runs a project: only on the lower-id
/// end's slot (slot ranges follow firm ids, so the partner has the higher id exactly when
/// its slot comes after this one), when the high half of the decision word is below
/// `rate_thr` ([`super::threshold32`] of the rate).
#[inline(always)]
pub(crate) fn runs(e: usize, rev: usize, word: u64, rate_thr: u64) -> bool {
    (rev > e) & ((word >> 32) < rate_thr)
}

/// The counts of one slot's outcome, indexed by the `N_*` constants: whether the tie ran a
/// project (`occ`), whether each end cooperated in it, whether it lies within a cluster
/// group, whether each end was caught defecting.
pub(crate) fn counts(
    occ: bool,
    mine: bool,
    theirs: bool,
    within: bool,
    caught: bool,
    victim: bool,
) -> [bool; 8] {
    let (mine, theirs) = (occ && mine, occ && theirs);
    [
        occ,
        mine,
        theirs,
        mine || theirs,
        mine && theirs,
        mine && within,
        occ && caught,
        occ && victim,
    ]
}

/// Money per count: `returns = ret_theirs · n_theirs + ret_any · n_any`, `costs =
/// cost_mine · n_mine − cost_both · n_both`.
#[derive(Clone, Copy, Debug)]
struct Prices {
    ret_theirs: f64,
    ret_any: f64,
    cost_mine: f64,
    cost_both: f64,
}

fn prices(cfg: &ProjectConfig) -> Prices {
    let (ret_theirs, ret_any, cost_mine, cost_both) = match cfg.game {
        ProjectGame::Donation { b, c } => (b, 0.0, c, 0.0),
        ProjectGame::CostSharing { v, c } => (0.0, v / 2.0, c, c / 2.0),
    };
    Prices {
        ret_theirs,
        ret_any,
        cost_mine,
        cost_both,
    }
}

/// What one unit of each count is worth to the firm (project returns and costs).
pub(crate) fn worth(cfg: &ProjectConfig, worth: &mut [f64; 8]) {
    let p = prices(cfg);
    worth[N_THEIRS] = p.ret_theirs;
    worth[N_ANY] = p.ret_any;
    worth[N_MINE] = -p.cost_mine;
    worth[N_BOTH] = p.cost_both;
}

/// Records the project returns and costs of a chunk from its counts.
#[inline]
pub(crate) fn flows(cfg: &ProjectConfig, totals: &[u64; 8], l: &mut Ledger) {
    let p = prices(cfg);
    let total = |k: usize| totals[k] as f64;
    l[Flow::ProjectReturns] = p.ret_theirs * total(N_THEIRS) + p.ret_any * total(N_ANY);
    l[Flow::ProjectCosts] = p.cost_mine * total(N_MINE) - p.cost_both * total(N_BOTH);
}
