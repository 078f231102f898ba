//! Buying groups (submodel F2g, *consumo compartido*): the members of each association buy
//! their inputs together at a volume discount, may free-ride on the others, and the
//! association monitors them with money from its treasury (pool punishment: an institution
//! paid in advance that fines the free-riders it detects, the association's alternative to
//! the peer sanctions of `monitoring`).
//!
//! Each step, after the associations' pass (so on the members after its joins and
//! departures) and before settlement (so that the bills count in the capital update and the
//! exit check):
//! 1. **Price and monitoring, per group.** With `n` members, the unit price is `u(n) = u0 ·
//!    (1 − d · min(1, n / n_sat))` ([`unit_cost`]). Monitoring runs if `m > 0`, `n > 0` and
//!    the treasury holds the bill `c_m · n` ([`monitoring_bill`]), which it then pays.
//! 2. **Free-riding.** Member `i` free-rides with probability `s · θ_i` (word `i`, low half).
//!    Let `F` be the group's free-riders and `H = n − |F|` its payers; if `H = 0` nobody
//!    free-rides (the supplier delivers only against payment: everyone pays its own share).
//! 3. **Bills, in firm id order.** A non-member pays `q · u0`. A paying member pays `q · u(n)
//!    · n / H` ([`share`]): its own share and an equal part of the free-riders'. A free-rider
//!    pays nothing; if monitoring runs it is detected with probability `m` (word `i`, high
//!    half), pays the fine `f` into the treasury and, with `expel`, leaves the association
//!    (a departure). Every member saves `q · (u0 − u(n))` against the list price.
//!
//! Bills and fines are paid from capital, as the association fees are: they are not part of
//! the income that learning compares or that the association's trust follows.
//!
//! Configuration: [`BuyingGroupConfig`](super::super::config::BuyingGroupConfig)
//! (`FirmConfig::optional.buying_group`, scenario section `[buying_group]`; off with
//! `quantity = 0`, the default; needs `[association]`). Phase: its own sequential per-firm
//! pass after the associations' (one line in `super::super::schedule`). Stream: [`PHASE`],
//! word `i` (low half: whether member `i` free-rides, `< s · θ_i`; high half: whether it is
//! detected, `< m`). Flows: [`FLOWS`] (`input_costs` destroyed, `buying_group_fines_paid` by
//! firms, `buying_group_fines_received` by the treasuries, `buying_group_monitoring`
//! destroyed from the treasuries, `buying_group_savings` not money). State: the per-group
//! columns of [`BuyingGroups`](super::super::groups::BuyingGroups).

use super::super::associations::{MEMBER, OUTSIDE};
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use super::threshold32;
use crate::chunk::CHUNK;
use crate::rng::Phase;

/// The stream of the free-riding and detection draws.
pub(crate) const PHASE: Phase = Phase::BuyingGroup;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[
    Flow::InputCosts,
    Flow::BuyingGroupFinesPaid,
    Flow::BuyingGroupFinesReceived,
    Flow::BuyingGroupMonitoring,
    Flow::BuyingGroupSavings,
];

/// The unit price of a group of `n` members: `u0 · (1 − d · min(1, n / n_sat))`.
#[inline]
pub(crate) fn unit_cost(u0: f64, d: f64, n: u32, saturation: u64) -> f64 {
    u0 * (1.0 - d * (f64::from(n) / saturation as f64).min(1.0))
}

/// A paying member's bill: `q · u · n / payers` (its share and an equal part of the
/// free-riders').
#[inline]
pub(crate) fn share(q: f64, u: f64, members: u32, payers: u32) -> f64 {
    q * u * f64::from(members) / f64::from(payers)
}

/// What monitoring `n` members costs the treasury: `c_m · n`.
#[inline]
pub(crate) fn monitoring_bill(per_member: f64, n: u32) -> f64 {
    per_member * f64::from(n)
}

/// Whether a member of opportunism `theta` free-rides on word `w` (low half `< s · θ`).
#[inline]
pub(crate) fn free_rides(w: u64, scale: f64, theta: f64) -> bool {
    u64::from(w as u32) < threshold32(scale * theta)
}

impl FirmSimulation {
    /// Phase: the buying groups' prices, monitoring, free-riding, bills, fines and
    /// expulsions (nothing when off).
    pub(crate) fn buy(&mut self, step: u64) {
        if !self.buying.on {
            return;
        }
        let cfg = self.cfg.optional.buying_group;
        let (a, b) = (&mut self.associations, &mut self.buying);
        let treasury = &mut self.groups.treasury;
        let f = &mut self.firms;
        let draws = self.streams.keyed(step, PHASE);
        // 1. Price and monitoring per group.
        let mut monitoring = 0.0;
        for (k, (&n, money)) in a.members.iter().zip(treasury.iter_mut()).enumerate() {
            b.unit_cost[k] = unit_cost(cfg.unit_cost, cfg.discount, n, cfg.saturation);
            let bill = monitoring_bill(cfg.monitoring_cost, n);
            b.monitored[k] = cfg.monitoring > 0.0 && n > 0 && *money >= bill;
            if b.monitored[k] {
                *money -= bill;
                monitoring += bill;
            }
            b.free_riders[k] = 0;
            b.detected[k] = 0;
            b.savings[k] = 0.0;
        }
        // 2. Free-riders per group, then each group's bill per payer.
        if cfg.free_ride > 0.0 {
            for i in 0..f.len() {
                if a.member[i] == MEMBER
                    && free_rides(draws.word(i as u64), cfg.free_ride, f.opportunism[i])
                {
                    b.free_riders[f.group_pos[i] as usize] += 1;
                }
            }
        }
        for k in 0..b.unit_cost.len() {
            let n = a.members[k];
            if b.free_riders[k] == n {
                b.free_riders[k] = 0;
            }
            b.share[k] = if n > 0 {
                share(cfg.quantity, b.unit_cost[k], n, n - b.free_riders[k])
            } else {
                0.0
            };
        }
        // 3. Bills, fines and expulsions, per chunk of firms into the chunk's ledger.
        let list = cfg.quantity * cfg.unit_cost;
        let detect = threshold32(cfg.monitoring);
        let chunks = self.firm_ends.iter().zip(self.chunk_ledger.iter_mut());
        for (c, (&end, ledger)) in chunks.enumerate() {
            let (mut bills, mut fines, mut saved) = (0.0, 0.0, 0.0);
            for i in c * CHUNK..end {
                if f.alive[i] == 0 {
                    continue;
                }
                if a.member[i] != MEMBER {
                    f.capital[i] -= list;
                    bills += list;
                    continue;
                }
                let k = f.group_pos[i] as usize;
                let saving = cfg.quantity * (cfg.unit_cost - b.unit_cost[k]);
                b.savings[k] += saving;
                saved += saving;
                let w = draws.word(i as u64);
                if b.free_riders[k] == 0 || !free_rides(w, cfg.free_ride, f.opportunism[i]) {
                    f.capital[i] -= b.share[k];
                    bills += b.share[k];
                    continue;
                }
                if b.monitored[k] && (w >> 32) < detect {
                    f.capital[i] -= cfg.fine;
                    treasury[k] += cfg.fine;
                    fines += cfg.fine;
                    b.detected[k] += 1;
                    if cfg.expel {
                        a.member[i] = OUTSIDE;
                        a.members[k] -= 1;
                        a.departures[k] += 1;
                    }
                }
            }
            ledger[Flow::InputCosts] += bills;
            ledger[Flow::BuyingGroupFinesPaid] += fines;
            ledger[Flow::BuyingGroupFinesReceived] += fines;
            ledger[Flow::BuyingGroupSavings] += saved;
        }
        if let Some(first) = self.chunk_ledger.first_mut() {
            first[Flow::BuyingGroupMonitoring] += monitoring;
        }
    }
}
