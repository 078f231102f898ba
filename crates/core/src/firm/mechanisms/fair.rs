//! Fairs, *ferias* (submodel F2d): at every step `t` that is a multiple of `every`, each alive
//! firm attends with probability `φ = share`. Each attendee meets `m = meetings` other
//! attendees drawn uniformly (with replacement, never itself) and proposes a tie to each with
//! probability `form` (through the formation batch, formed at the end of the step under the
//! cap and start trust of `[formation]`). An attendee gains market access for `d = duration`
//! steps, `t … t + d − 1`: in each of them its market revenue is multiplied by
//! `1 + access`, i.e. it earns the extra revenue `a_i · p · access_market · (1 + ε_i) ·
//! (1 − crisis depth) · access` with the step's own shock `ε_i` (a later fair renews the
//! window). Each attendee costs the public `cost`.
//!
//! Configuration: [`FairConfig`] (`FirmConfig::optional.fair`, scenario section `[fair]`; off
//! with `every = 0`, the default). Phase: its own pass after the subsidy, before settlement,
//! so that the extra revenue counts in the step's income and capital. Stream: [`PHASE`],
//! counter-based words: word `i` (low half) whether firm `i` attends; word `MEETINGS + m·a + k`
//! for the `k`-th meeting of the attendee at position `a` of the attendees in ascending id
//! (low half: whom, among the others; high half: whether it proposes). The market shock of
//! the extra revenue is the market's word. Flows: [`FLOWS`].

use super::super::config::FairConfig;
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use super::formation::Source;
use super::{market, unit32};
use crate::chunk::CHUNK;
use crate::rng::{below, Phase};

/// The stream of the fair's draws.
pub(crate) const PHASE: Phase = Phase::Fair;
/// The money flows and counts it records.
pub(crate) const FLOWS: &[Flow] = &[
    Flow::FairRevenue,
    Flow::FairAttendees,
    Flow::TiesAtFairs,
    Flow::FairCost,
];

/// The first word of the meetings' draws (far above the firms' words).
pub(crate) const MEETINGS: u64 = 1 << 40;

/// The fairs' state: per firm the last step of its extra access, and the attendees' buffer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Fairs {
    /// Firm `i`'s extra access lasts until step `until[i]` (0: none yet).
    pub(crate) until: Vec<u64>,
    /// The attendees of the current fair, ascending.
    attendees: Vec<u32>,
}

/// Whether a fair is held at step `t`.
#[inline]
pub(crate) fn held(cfg: &FairConfig, t: u64) -> bool {
    cfg.every > 0 && t.is_multiple_of(cfg.every)
}

/// The other attendee (position) met with word `x` by the attendee at position `a` of `n`:
/// uniform among the `n − 1` others.
#[inline]
pub(crate) fn other(a: usize, n: usize, x: u32) -> usize {
    let k = below(x, (n - 1) as u32) as usize;
    k + usize::from(k >= a)
}

impl FirmSimulation {
    /// Phase: the fair of the step (if one is held): attendance, meetings, proposals; then
    /// the extra revenue of every firm whose access lasts. Nothing when off.
    pub(crate) fn hold_fair(&mut self, step: u64) {
        let cfg = self.cfg.optional.fair;
        if cfg.every == 0 {
            return;
        }
        let mut fairs = std::mem::take(&mut self.fairs);
        fairs.until.resize(self.firms.len(), 0);
        if held(&cfg, step) {
            let draws = self.streams.keyed(step, PHASE);
            fairs.attendees.clear();
            for i in 0..self.firms.len() {
                if self.firms.alive[i] != 0 && unit32(draws.word(i as u64) as u32) < cfg.share {
                    fairs.attendees.push(i as u32);
                }
            }
            let n = fairs.attendees.len();
            if cfg.duration > 0 {
                for &i in &fairs.attendees {
                    fairs.until[i as usize] = step + cfg.duration - 1;
                }
            }
            if n >= 2 {
                for a in 0..n {
                    for k in 0..cfg.meetings {
                        let w = draws.word(MEETINGS + cfg.meetings * a as u64 + k);
                        let b = other(a, n, w as u32);
                        if unit32((w >> 32) as u32) < cfg.form {
                            let (i, j) = (fairs.attendees[a], fairs.attendees[b]);
                            self.propose_tie(i as usize, j as usize, Source::Fair);
                        }
                    }
                }
            }
            let l = &mut self.chunk_ledger[0];
            l[Flow::FairAttendees] += n as f64;
            l[Flow::FairCost] += cfg.cost * n as f64;
        }
        if cfg.access > 0.0 {
            let unit = market::unit_revenue(&self.cfg.market, self.crisis) * cfg.access;
            let sd = self.cfg.market.shock_sd;
            let shock = self.streams.keyed(step, market::SHOCK);
            for (i, &until) in fairs.until.iter().enumerate() {
                if until >= step && self.firms.alive[i] != 0 {
                    let eps = market::shock(sd, shock.word(i as u64));
                    let extra = market::revenue(self.firms.productivity[i], unit, eps);
                    self.firms.income[i] += extra;
                    self.chunk_ledger[i / CHUNK][Flow::FairRevenue] += extra;
                }
            }
        }
        self.fairs = fairs;
    }
}
