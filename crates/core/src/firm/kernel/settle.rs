//! The settle pass, the fused per-tie kernel: per slot, project payoffs ([`projects`]),
//! transaction costs ([`transaction`]), fines ([`monitoring`]), the trust update or decay
//! and the break test ([`trust`]), the spillover term ([`spillover`]); then per firm its net
//! income, capital and exit ([`capital`]), productivity ([`spillover`]) and standing
//! ([`reputation`]).
//!
//! A slot's outcome depends only on its own flags and its partner's, so the slot loop reads
//! one row of a [`SlotTable`] (built once per run by calling the mechanisms): integer counts
//! of what happened (summed per firm and turned into money once per firm, and per chunk for
//! the ledger), the encounter counts to add, the affine trust update and the spillover
//! weight.

use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

use rayon::prelude::*;

use super::super::config::FirmConfig;
use super::super::ledger::{Flow, Ledger};
use super::super::mechanisms::projects::{N_CAUGHT, N_MINE, N_PROJECTS};
use super::super::mechanisms::{
    capital, monitoring, projects, reputation, spillover, transaction, trust,
};
use super::super::ties::{ACT, DET, ENC_COOP, ENC_DEFECT, OCC, WITHIN};
use super::super::FirmSimulation;
use super::split_at_ends;
use crate::chunk::CHUNK;

impl FirmSimulation {
    /// Phase: project payoffs, fines, trust, spillovers; capital, productivity, standing.
    /// Lists, per chunk, the ties whose trust fell below the break threshold (as `(owner,
    /// partner)`) and the firms whose capital fell below the exit threshold, in id order.
    pub(crate) fn settle(&mut self) {
        let cfg = &self.cfg;
        let table = &*self.slot_table;
        // What one unit of each count is worth to the firm, mechanism by mechanism.
        let mut worth = [0.0; 8];
        projects::worth(&cfg.project, &mut worth);
        transaction::worth(cfg, &mut worth);
        monitoring::worth(&cfg.monitoring, &mut worth);
        let rep_keep = 1.0 - cfg.monitoring.reputation_loss;
        let recovery = cfg.reputation.recovery;
        let beta_rule = trust::beta_prior(&cfg.trust);
        let exit_below = cfg.demography.exit_below;
        // The policy instruments' factor on the spillover gain (1 without them: exact).
        let gain_factor = self.policy.gain_factor;
        let (start, len, target, flags) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.target[..],
            &self.ties.flags[..],
        );
        let seen = &self.ties.inbox.flags[..];
        let tau = split_at_ends(&mut self.ties.tau, &self.slot_ends);
        // Encounter counts exist only under the Beta rule: otherwise every chunk gets an
        // empty slice (and the slot loop, monomorphised, never touches them).
        let enc_ends: &[usize] = if beta_rule.is_some() {
            &self.slot_ends
        } else {
            &self.zero_ends
        };
        let enc = split_at_ends(&mut self.ties.enc, enc_ends);
        let fe = &self.firm_ends;
        let f = &mut self.firms;
        let firm = split_at_ends(&mut f.capital, fe)
            .zip(split_at_ends(&mut f.income, fe))
            .zip(split_at_ends(&mut f.tie_income, fe))
            .zip(split_at_ends(&mut f.productivity_next, fe))
            .zip(split_at_ends(&mut f.standing, fe))
            .zip(split_at_ends(&mut f.decisions, fe))
            .zip(split_at_ends(&mut f.cooperations, fe));
        let (alive, productivity) = (&f.alive[..], &f.productivity[..]);
        let shared = SettleShared {
            table,
            productivity,
            beta: beta_rule.unwrap_or((0.0, 0.0)),
            break_thr: trust::break_threshold(cfg.trust.break_below),
        };
        tau.zip(enc)
            .zip(firm)
            .zip(self.chunk_ledger.iter_mut())
            .zip(
                self.chunk_breaks
                    .iter_mut()
                    .zip(self.chunk_exits.iter_mut()),
            )
            .enumerate()
            .par_bridge()
            .for_each(|(c, ((((tau, enc), firm), ledger), (breaks, exits)))| {
                let ((((((capital, income), tie_income), prod_next), standing), decisions), coops) =
                    firm;
                let i0 = c * CHUNK;
                let s0 = start[i0] as usize;
                let mut l = Ledger::default();
                let mut totals = [0u64; 8];
                breaks.clear();
                exits.clear();
                for d in 0..capital.len() {
                    let i = i0 + d;
                    let ai = productivity[i];
                    prod_next[d] = ai;
                    tie_income[d] = 0.0;
                    decisions[d] = 0;
                    coops[d] = 0;
                    if alive[i] == 0 {
                        continue;
                    }
                    let slots = start[i] as usize..(start[i] + len[i]) as usize;
                    let degree = slots.len();
                    let (k0, k1) = (slots.start - s0, slots.end - s0);
                    let io = SettleSlots {
                        flags: &flags[slots.clone()],
                        seen: &seen[slots.clone()],
                        target: &target[slots],
                        tau: &mut tau[k0..k1],
                        enc: if beta_rule.is_some() {
                            &mut enc[k0..k1]
                        } else {
                            &mut []
                        },
                    };
                    let (n, spill) = match beta_rule {
                        Some(_) => io.settle::<true>(&shared, i as u32, ai, breaks),
                        None => io.settle::<false>(&shared, i as u32, ai, breaks),
                    };
                    // Net money from the ties: the counts weighted by what each is worth.
                    let net: f64 = n.iter().zip(&worth).map(|(&c, w)| f64::from(c) * w).sum();
                    for (t, &c) in totals.iter_mut().zip(&n) {
                        *t += u64::from(c);
                    }
                    tie_income[d] = net;
                    income[d] += net;
                    if capital::update(&mut capital[d], income[d], exit_below) {
                        exits.push(i as u32);
                    }
                    decisions[d] = n[N_PROJECTS];
                    coops[d] = n[N_MINE];
                    if degree > 0 {
                        let gain = spillover::gain(spill, degree) * gain_factor;
                        prod_next[d] = ai + gain;
                        l[Flow::ProductivityGain] += gain;
                    }
                    standing[d] =
                        reputation::standing(standing[d], n[N_CAUGHT] != 0, recovery, rep_keep);
                }
                // The chunk's money flows, from its exact integer totals.
                projects::flows(&cfg.project, &totals, &mut l);
                transaction::flows(cfg, &totals, &mut l);
                monitoring::flows(&cfg.monitoring, &totals, &mut l);
                ledger.add(&l);
            });
        std::mem::swap(
            &mut self.firms.productivity,
            &mut self.firms.productivity_next,
        );
    }
}

/// What every firm's settlement reads: the slot table, productivities, the Beta rule's
/// `(α, α + β)` (if it is the trust rule) and the break threshold.
struct SettleShared<'a> {
    table: &'a SlotTable,
    productivity: &'a [f64],
    beta: (f64, f64),
    break_thr: f32,
}

/// One firm's live slots, for its settlement.
struct SettleSlots<'a> {
    flags: &'a [u8],
    seen: &'a [AtomicU8],
    target: &'a [u32],
    tau: &'a mut [f32],
    enc: &'a mut [u64],
}

impl SettleSlots<'_> {
    /// Settles firm `i`'s slots (productivity `ai`): adds the encounter counts, updates trust
    /// (by the Beta rule if `BETA`, else by the table's affine update), lists the ties whose
    /// trust fell below the break threshold, and returns the firm's counts (indexed by the
    /// `N_*` constants of [`projects`]) and its spillover sum. Branch-free on the (random)
    /// actions, and with no bounds check but the read of the partner's productivity.
    #[inline(always)]
    fn settle<const BETA: bool>(
        self,
        sh: &SettleShared,
        i: u32,
        ai: f64,
        breaks: &mut Vec<(u32, u32)>,
    ) -> ([u32; 8], f64) {
        let len = self.flags.len();
        let (flags, seen, target) = (self.flags, &self.seen[..len], &self.target[..len]);
        let tau = &mut self.tau[..len];
        let enc = if BETA { &mut self.enc[..len] } else { &mut [] };
        let mut n = [0u32; 8];
        let mut spill = 0.0;
        let mut k0 = 0;
        while k0 < len {
            // Byte-wide packed counts cannot overflow within 255 slots.
            let k1 = len.min(k0 + 255);
            let mut packed = 0u64;
            for k in k0..k1 {
                let fr = seen[k].load(Relaxed);
                let row = &sh.table.rows[usize::from((flags[k] & 15) | ((fr & 7) << 4))];
                packed += row.packed;
                let j = target[k];
                spill += spillover::term(sh.productivity[j as usize], ai, row.spill);
                let t = f64::from(tau[k]);
                let next = if BETA {
                    enc[k] += row.enc;
                    if row.project {
                        trust::beta_mean(sh.beta, enc[k])
                    } else {
                        trust::apply(row.a, row.b, t)
                    }
                } else {
                    trust::apply(row.a, row.b, t)
                };
                let next = trust::store(next);
                tau[k] = next;
                if trust::breaks(next, sh.break_thr) {
                    breaks.push((i, j));
                }
            }
            for (lane, c) in n.iter_mut().enumerate() {
                *c += ((packed >> (8 * lane)) & 0xFF) as u32;
            }
            k0 = k1;
        }
        (n, spill)
    }
}

/// What one slot's settlement does, given its own flags `f` and its partner's `fr`.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(64))]
struct SlotRow {
    /// Counts to add to the owner's totals: byte `k` (from the low end) is count `N_k` (see
    /// the `N_*` constants of [`projects`]), so one addition sums them all (up to 255 slots
    /// at a time).
    packed: u64,
    /// Whether the tie ran a project.
    project: bool,
    /// Encounter counts to add to the slot ([`ENC_COOP`], [`ENC_DEFECT`]).
    enc: u64,
    /// Trust update `τ ← a + b·τ` (see [`trust::affine`]).
    a: f64,
    /// See `a`.
    b: f64,
    /// Spillover weight (see [`spillover::weight`]).
    spill: f64,
}

/// The [`SlotRow`] of every combination of flags, indexed by `(f & 15) | (fr & 7) << 4`
/// (the owner's action, detection, project and within-group flags; the partner's action,
/// detection and project flags).
#[derive(Clone, Debug)]
pub(crate) struct SlotTable {
    rows: [SlotRow; 128],
}

impl SlotTable {
    /// The table of a configuration.
    pub(crate) fn new(cfg: &FirmConfig) -> SlotTable {
        let mut rows = [SlotRow::default(); 128];
        for (code, row) in rows.iter_mut().enumerate() {
            let (f, fr) = (code as u8 & 15, (code >> 4) as u8 & 7);
            // OCC is set only on the lower-id end's slot, so the tie's project flag is in
            // `f | fr`.
            let occ = (f | fr) & OCC != 0;
            let theirs = occ && fr & ACT != 0;
            let within = f & WITHIN != 0;
            let n = projects::counts(
                occ,
                f & ACT != 0,
                fr & ACT != 0,
                within,
                f & DET != 0,
                fr & DET != 0,
            );
            row.packed = n
                .iter()
                .enumerate()
                .map(|(k, &c)| u64::from(c) << (8 * k))
                .sum();
            row.project = occ;
            row.enc = match (occ, theirs) {
                (false, _) => 0,
                (true, true) => ENC_COOP,
                (true, false) => ENC_DEFECT,
            };
            (row.a, row.b) = trust::affine(&cfg.trust, occ, theirs);
            row.spill = spillover::weight(cfg, theirs, within);
        }
        SlotTable { rows }
    }
}
