//! Associations (submodel F2c): one association per group; its members pay a fee into its
//! treasury each step, hold a trust `T_i` in it, leave when that trust falls below a
//! threshold, and outsiders join through a partner they trust who is a member.
//!
//! Each step, before settlement (so that fees count in the capital update and the exit
//! check), in firm id order:
//! 1. **Joins.** An alive non-member `i` joins with probability `join` if it has a partner
//!    `j` of its group who was a member at the start of the step and whom it trusts,
//!    `τ_ij ≥ join_trust`. Its trust in the association becomes `initial_trust`.
//! 2. **Trust and departures.** Every other member updates `T_i ← T_i + r(s_i − T_i)`,
//!    with `s_i = 1` if its market income of the step (revenue minus fixed cost, computed
//!    by the decide pass just before) is `>= 0` (0 otherwise), and leaves if
//!    `T_i < leave_below`.
//! 3. **Fees.** Every member (joiners included) pays `fee` from its capital into its
//!    association's treasury.
//!
//! A member that exits leaves its association (counted as a departure).
//!
//! Configuration: [`AssociationConfig`] (`FirmConfig::optional.association`, scenario
//! section `[association]`; off with `from = "none"`, the default). Phase: its own
//! sequential per-firm pass after the subsidy and before settlement (one line in
//! `super::super::schedule`). Stream: [`PHASE`], word `i` (low half: whether non-member `i`
//! joins, `< join`). Flows: [`FLOWS`] (`association_fees_paid` by firms,
//! `association_fees_received` by the treasuries).

use super::super::associations::{JOINING, MEMBER, OUTSIDE};
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use super::threshold32;
use crate::chunk::CHUNK;
use crate::rng::Phase;

/// The stream of the join draws.
pub(crate) const PHASE: Phase = Phase::Association;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::AssociationFeesPaid, Flow::AssociationFeesReceived];

/// The signal a member's trust moves toward: 1 if its market income of the step is `>= 0`,
/// else 0.
#[inline]
pub(crate) fn signal(income: f64) -> f64 {
    if income >= 0.0 {
        1.0
    } else {
        0.0
    }
}

/// The trust update `T + r(s − T)`.
#[inline]
pub(crate) fn updated_trust(trust: f64, rate: f64, signal: f64) -> f64 {
    trust + rate * (signal - trust)
}

impl FirmSimulation {
    /// Phase: joins, trust in the association and departures, then fees (nothing when off).
    pub(crate) fn associate(&mut self, step: u64) {
        if !self.associations.on {
            return;
        }
        let cfg = &self.cfg.optional.association;
        let a = &mut self.associations;
        a.joins.iter_mut().for_each(|x| *x = 0);
        a.departures.iter_mut().for_each(|x| *x = 0);
        let f = &mut self.firms;
        // 1. Joins, marked JOINING so that a joiner does not count as a member partner.
        if cfg.join > 0.0 {
            let draws = self.streams.keyed(step, PHASE);
            let thr = threshold32(cfg.join);
            let join_trust = cfg.join_trust as f32;
            for i in 0..f.len() {
                if f.alive[i] == 0 || a.member[i] != OUTSIDE {
                    continue;
                }
                if u64::from(draws.word(i as u64) as u32) >= thr {
                    continue;
                }
                let k = f.group_pos[i];
                let trusted = self.ties.slots(i).any(|e| {
                    let j = self.ties.target[e] as usize;
                    a.member[j] == MEMBER && f.group_pos[j] == k && self.ties.tau[e] >= join_trust
                });
                if trusted {
                    a.member[i] = JOINING;
                }
            }
        }
        // 2. and 3., per chunk of firms into the chunk's ledger.
        let chunks = self.firm_ends.iter().zip(self.chunk_ledger.iter_mut());
        let treasury = &mut self.groups.treasury;
        for (c, (&end, ledger)) in chunks.enumerate() {
            let mut fees = 0.0;
            for i in c * CHUNK..end {
                let k = f.group_pos[i] as usize;
                match a.member[i] {
                    JOINING => {
                        a.member[i] = MEMBER;
                        a.trust[i] = cfg.initial_trust;
                        a.members[k] += 1;
                        a.joins[k] += 1;
                    }
                    MEMBER => {
                        let t = updated_trust(a.trust[i], cfg.trust_rate, signal(f.income[i]));
                        a.trust[i] = t;
                        if t < cfg.leave_below {
                            a.member[i] = OUTSIDE;
                            a.members[k] -= 1;
                            a.departures[k] += 1;
                            continue;
                        }
                    }
                    _ => continue,
                }
                f.capital[i] -= cfg.fee;
                treasury[k] += cfg.fee;
                fees += cfg.fee;
            }
            ledger[Flow::AssociationFeesPaid] += fees;
            ledger[Flow::AssociationFeesReceived] += fees;
        }
    }
}
