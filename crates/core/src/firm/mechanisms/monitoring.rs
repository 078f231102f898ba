//! Monitoring (submodels F3 and F4): a defection is detected with probability `q`, and a
//! detected defector on a tie that ran a project pays the fine `f`, to the cheated partner
//! (`fine_to = "victim"`) or to the treasury; being caught also lowers standing (see
//! [`super::reputation`]).
//!
//! Configuration: [`MonitoringConfig`] (`FirmConfig::monitoring`, section `[monitoring]`).
//! Phase: detection in the decide pass, fines in the settle pass (`super::super::kernel`).
//! Stream: the decision word (see [`super::decision`]): the part of `u` above the
//! cooperation probability, rescaled to a fresh uniform. Flows: [`FLOWS`].

use super::super::config::{FineTo, MonitoringConfig};
use super::super::ledger::{Flow, Ledger};
use super::projects::{N_CAUGHT, N_VICTIM};

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::FinesPaid, Flow::FinesToVictims, Flow::FinesToTreasury];

/// Whether a defection (`!coop`) is detected: `(u − p)/(1 − p) < q`, as `u − p < q(1 − p)`.
#[inline(always)]
pub(crate) fn detected(coop: bool, u: f64, p: f64, q: f64) -> bool {
    !coop & (u - p < q * (1.0 - p))
}

/// What a caught defection and a fine received are worth to a firm: `−f` per detection of
/// its own defection, `f` per detected defection of a partner when fines go to victims.
pub(crate) fn worth(cfg: &MonitoringConfig, worth: &mut [f64; 8]) {
    worth[N_CAUGHT] = -cfg.fine;
    worth[N_VICTIM] = fine_to_victim(cfg);
}

/// The fine a victim receives (0 when fines go to the treasury).
fn fine_to_victim(cfg: &MonitoringConfig) -> f64 {
    if cfg.fine_to == FineTo::Victim {
        cfg.fine
    } else {
        0.0
    }
}

/// Records the fines of a chunk from its counts.
#[inline]
pub(crate) fn flows(cfg: &MonitoringConfig, totals: &[u64; 8], l: &mut Ledger) {
    l[Flow::FinesPaid] = cfg.fine * totals[N_CAUGHT] as f64;
    l[Flow::FinesToVictims] = fine_to_victim(cfg) * totals[N_VICTIM] as f64;
    l[Flow::FinesToTreasury] = if cfg.fine_to == FineTo::Victim {
        0.0
    } else {
        l[Flow::FinesPaid]
    };
}
