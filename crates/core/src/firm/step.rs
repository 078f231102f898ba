//! The phases of one firm-economy step, each a parallel pass over fixed chunks of firms.
//!
//! 1. **decide** — market income (idiosyncratic and common shock), then per tie slot the
//!    cooperation decision, its detection and (lower-id end) whether the project runs;
//! 2. **settle** — per slot: project payoffs, transaction costs, fines, trust update or
//!    decay, spillover from cooperating partners; then capital, productivity and standing;
//! 3. **learn** — opportunism imitation from a partner and Gaussian mutation.
//!
//! `settle` also lists, per chunk, the ties whose trust fell below the break threshold (a tie
//! breaks when either side's trust did) and the firms that went broke, so that demography
//! visits only those.
//!
//! Each phase reads only what earlier phases (or the previous step) wrote: `decide` writes
//! each slot's flags and posts them to the partner's end of the tie (the slot `rev[e]` of
//! the [`super::ties::Inbox`]), which `settle` reads in slot order; `settle` writes `productivity_next`,
//! which is swapped in afterwards; `learn` writes `opportunism_next`. Draws are counter-based
//! ([`crate::rng::Keyed`]): firm `i` takes word `i` of `(step, MarketShock)` and of
//! `(step, FirmMutation)`, words `2i` (whether it revises, whether it mutates) and `2i + 1`
//! (partner, acceptance) of `(step, Learning)`; a slot takes the word of its model slot number
//! (its index had the layout never been compacted, see [`super::ties`]) of `(step, Decision)`,
//! whose low half decides and, above the cooperation probability
//! (rescaled to a fresh uniform), detects a defection, and whose high half, on the lower-id
//! end's slot, says whether the tie runs a project. The crisis draw is the first `u64` of the
//! ChaCha stream `(step, CommonShock)`. Nothing depends on how chunks are spread on threads.

use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

use rayon::prelude::*;

use super::config::{
    DecisionRule, FineTo, FirmConfig, LearningRule, ProjectGame, Success, TrustRule,
};
use super::dist::normal_inv;
use super::record::Ledger;
use super::ties::{ACT, DET, ENC_COOP, ENC_DEFECT, OCC, WITHIN};
use super::FirmSimulation;
use super::Logistic;
use crate::chunk::CHUNK;
use crate::rng::{below, Keyed, Phase};
use crate::selection::{death_birth_choice, fitness};

/// A uniform `f64` in `[0, 1)` from a 32-bit word.
#[inline(always)]
fn unit32(x: u32) -> f64 {
    f64::from(x) * (1.0 / 4_294_967_296.0)
}

/// Splits `s` into consecutive pieces ending at each of `ends` (non-decreasing, the last
/// equal to `s.len()`), lazily and without allocating.
fn split_at_ends<'a, T>(
    mut s: &'a mut [T],
    ends: &'a [usize],
) -> impl Iterator<Item = &'a mut [T]> {
    let mut at = 0;
    ends.iter().map(move |&end| {
        let (head, tail) = std::mem::take(&mut s).split_at_mut(end - at);
        s = tail;
        at = end;
        head
    })
}

impl FirmSimulation {
    /// Slot index where chunk `c` starts, and one past its end, for every chunk.
    pub(crate) fn chunk_slot_ends(&mut self) {
        let n = self.capital.len();
        self.slot_ends.clear();
        for c in 0..n.div_ceil(CHUNK) {
            let i1 = ((c + 1) * CHUNK).min(n);
            self.slot_ends.push(self.ties.start[i1] as usize);
        }
        self.zero_ends.clear();
        self.zero_ends.resize(self.slot_ends.len(), 0);
        self.firm_ends.clear();
        self.firm_ends
            .extend((0..n.div_ceil(CHUNK)).map(|c| ((c + 1) * CHUNK).min(n)));
        if self.chunk_ledger.len() < self.firm_ends.len() {
            self.chunk_ledger
                .resize(self.firm_ends.len(), Ledger::default());
            self.chunk_breaks.resize(self.firm_ends.len(), Vec::new());
            self.chunk_exits.resize(self.firm_ends.len(), Vec::new());
        }
    }

    /// Phase 1: market income and per-slot decisions.
    pub(crate) fn decide(&mut self, step: u64) {
        let cfg = &self.cfg;
        let crisis_mult = if self.crisis {
            1.0 - cfg.market.crisis_depth
        } else {
            1.0
        };
        let unit_revenue = cfg.market.price * cfg.market.access * crisis_mult;
        let (fixed, sd) = (cfg.market.fixed_cost, cfg.market.shock_sd);
        let (decision, rate) = (cfg.decision, cfg.project.rate);
        let shock = self.streams.keyed(step, Phase::MarketShock);
        let draws = DecisionDraws {
            keyed: self.streams.keyed(step, Phase::Decision),
            q: cfg.monitoring.q,
            // `x / 2^32 < rate` for a 32-bit `x` iff `x < ⌈rate · 2^32⌉` (the product is
            // exact).
            rate_thr: (rate * 4_294_967_296.0).ceil() as u64,
            inbox: &self.ties.inbox.flags,
        };
        let table = self.logistic.table();
        let (start, len, rev, tau) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.rev[..],
            &self.ties.tau[..],
        );
        let model_start = &self.ties.model_start[..];
        let (alive, productivity, opportunism) = (
            &self.alive[..],
            &self.productivity[..],
            &self.opportunism[..],
        );
        let flags = split_at_ends(&mut self.ties.flags, &self.slot_ends);
        let income = split_at_ends(&mut self.income, &self.firm_ends);
        flags
            .zip(income)
            .zip(self.chunk_ledger.iter_mut())
            .enumerate()
            .par_bridge()
            .for_each(|(c, ((flags, income), ledger))| {
                let i0 = c * CHUNK;
                let s0 = start[i0] as usize;
                let mut l = Ledger::default();
                for (d, inc) in income.iter_mut().enumerate() {
                    let i = i0 + d;
                    if alive[i] == 0 {
                        *inc = 0.0;
                        continue;
                    }
                    let eps = if sd > 0.0 {
                        sd * normal_inv(shock.word(i as u64))
                    } else {
                        0.0
                    };
                    let revenue = productivity[i] * unit_revenue * (1.0 + eps);
                    l.revenue += revenue;
                    l.fixed_costs += fixed;
                    *inc = revenue - fixed;
                }
                // Decisions, per firm after the market pass (which thus runs alone, so that
                // the shocks' dependency chains overlap from one firm to the next).
                for i in i0..i0 + income.len() {
                    if alive[i] == 0 {
                        continue;
                    }
                    let slots = start[i] as usize..(start[i] + len[i]) as usize;
                    let (k0, k1) = (slots.start - s0, slots.end - s0);
                    let firm_slots = FirmSlots {
                        key_offset: model_start[i].wrapping_sub(slots.start as u64),
                        slots: slots.clone(),
                        rev: &rev[slots.clone()],
                        tau: &tau[slots],
                        flags: &mut flags[k0..k1],
                    };
                    let theta = opportunism[i];
                    match decision {
                        DecisionRule::Threshold => {
                            firm_slots.decide(&draws, |t| f64::from(u8::from(t >= theta)))
                        }
                        DecisionRule::Logistic { beta } => {
                            // σ(β(τ − θ)) at table position a·τ + b, one multiply-add a
                            // slot: pos(x) = (x + 40)·STEPS, so a = β·STEPS, b = pos(−βθ).
                            let a = beta * Logistic::STEPS;
                            let b = Logistic::pos(-beta * theta);
                            firm_slots.decide(&draws, |t| Logistic::at_in(table, a * t + b))
                        }
                    }
                }
                *ledger = l;
            });
    }

    /// Phase 2: project payoffs, fines, trust, spillovers; capital, productivity, standing.
    /// Lists, per chunk, the ties whose trust fell below the break threshold (as `(owner,
    /// partner)`) and the firms whose capital fell below the exit threshold, in id order.
    ///
    /// A slot's outcome depends only on its own flags and its partner's, so the slot loop
    /// reads one row of a [`SlotTable`] (built once per run from the parameters): integer
    /// counts of what happened (summed per firm and turned into money once per firm), the
    /// encounter counts to add, the affine trust update and the spillover weight.
    pub(crate) fn settle(&mut self) {
        let cfg = &self.cfg;
        let table = &*self.slot_table;
        let (fine, to_victim) = (
            cfg.monitoring.fine,
            cfg.monitoring.fine_to == FineTo::Victim,
        );
        let fine_victim = if to_victim { fine } else { 0.0 };
        let tc = cfg.project.transaction_cost;
        let tc_within = tc * (1.0 - cfg.cluster.discount);
        // Money per count: ret = ret_theirs·n_theirs + ret_any·n_any;
        // cost = cost_mine·n_mine − cost_both·n_both.
        let (ret_theirs, ret_any, cost_mine, cost_both) = match cfg.project.game {
            ProjectGame::Donation { b, c } => (b, 0.0, c, 0.0),
            ProjectGame::CostSharing { v, c } => (0.0, v / 2.0, c, c / 2.0),
        };
        // What one unit of each count is worth to the firm (net of transaction costs).
        let mut worth = [0.0; 8];
        worth[N_THEIRS] = ret_theirs;
        worth[N_ANY] = ret_any;
        worth[N_MINE] = -cost_mine - tc;
        worth[N_BOTH] = cost_both;
        worth[N_MINE_WITHIN] = tc - tc_within;
        worth[N_CAUGHT] = -fine;
        worth[N_VICTIM] = fine_victim;
        let rep_keep = 1.0 - cfg.monitoring.reputation_loss;
        let recovery = cfg.reputation.recovery;
        let beta_rule = match cfg.trust.rule {
            TrustRule::Beta { alpha, beta } => Some((alpha, alpha + beta)),
            TrustRule::Asymmetric { .. } => None,
        };
        let exit_below = cfg.demography.exit_below;
        let (start, len, target, flags) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.target[..],
            &self.ties.flags[..],
        );
        let seen = &self.ties.inbox.flags[..];
        let (alive, productivity) = (&self.alive[..], &self.productivity[..]);
        let shared = SettleShared {
            table,
            productivity,
            beta: beta_rule.unwrap_or((0.0, 0.0)),
            break_thr: f32_at_or_above(cfg.trust.break_below),
        };
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
        let firm = split_at_ends(&mut self.capital, fe)
            .zip(split_at_ends(&mut self.income, fe))
            .zip(split_at_ends(&mut self.tie_income, fe))
            .zip(split_at_ends(&mut self.productivity_next, fe))
            .zip(split_at_ends(&mut self.standing, fe))
            .zip(split_at_ends(&mut self.decisions, fe))
            .zip(split_at_ends(&mut self.cooperations, fe));
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
                    // Net money from the projects: the counts weighted by what each is worth.
                    let net: f64 = n.iter().zip(&worth).map(|(&c, w)| f64::from(c) * w).sum();
                    for (t, &c) in totals.iter_mut().zip(&n) {
                        *t += u64::from(c);
                    }
                    tie_income[d] = net;
                    income[d] += net;
                    capital[d] += income[d];
                    if capital[d] < exit_below {
                        exits.push(i as u32);
                    }
                    decisions[d] = n[N_PROJECTS];
                    coops[d] = n[N_MINE];
                    if degree > 0 {
                        prod_next[d] = ai + spill / degree as f64;
                        l.productivity_gain += spill / degree as f64;
                    }
                    let st = standing[d];
                    standing[d] =
                        [st + recovery * (1.0 - st), st * rep_keep][usize::from(n[N_CAUGHT] != 0)];
                }
                // The chunk's money flows, from its exact integer totals.
                let total = |k: usize| totals[k] as f64;
                l.project_returns = ret_theirs * total(N_THEIRS) + ret_any * total(N_ANY);
                l.project_costs = cost_mine * total(N_MINE) - cost_both * total(N_BOTH);
                l.transaction_costs = tc * (totals[N_MINE] - totals[N_MINE_WITHIN]) as f64
                    + tc_within * total(N_MINE_WITHIN);
                l.fines_paid = fine * total(N_CAUGHT);
                l.fines_to_victims = fine_victim * total(N_VICTIM);
                l.fines_to_treasury = if to_victim { 0.0 } else { l.fines_paid };
                ledger.add(&l);
            });
        std::mem::swap(&mut self.productivity, &mut self.productivity_next);
    }

    /// Phase 3: opportunism imitation and mutation (reads the state before the phase).
    pub(crate) fn learn(&mut self, step: u64) {
        let cfg = &self.cfg.learning;
        let (rule, rate, mu, msd) = (cfg.rule, cfg.rate, cfg.mutation, cfg.mutation_sd);
        // `x / 2^32 < rate` for a 32-bit `x` iff `x < ⌈rate · 2^32⌉` (the product is exact).
        let rate_thr = (rate * 4_294_967_296.0).ceil() as u64;
        let mu_thr = (mu * 4_294_967_296.0).ceil() as u64;
        let success = match cfg.success {
            Success::Network => &self.tie_income[..],
            Success::Income => &self.income[..],
        };
        let (start, len, target) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.target[..],
        );
        let (alive, theta) = (&self.alive[..], &self.opportunism[..]);
        let logistic = self.logistic;
        let lr = self.streams.keyed(step, Phase::Learning);
        let mr = self.streams.keyed(step, Phase::FirmMutation);
        split_at_ends(&mut self.opportunism_next, &self.firm_ends)
            .enumerate()
            .par_bridge()
            .for_each(|(c, out)| {
                let i0 = c * CHUNK;
                out.copy_from_slice(&theta[i0..i0 + out.len()]);
                // One word per firm says whether it revises (low half under the rate; alive
                // and with a partner) and whether it mutates (high half under the mutation
                // rate; alive): branch-free lists of both, then the revisions, then the
                // mutations, so each firm still imitates before it mutates.
                let mut revise = [0u32; CHUNK];
                let mut mutate = [0u32; CHUNK];
                let (mut n, mut m) = (0, 0);
                for i in i0..i0 + out.len() {
                    let w = lr.word(2 * i as u64);
                    let live = alive[i] != 0;
                    revise[n] = i as u32;
                    n += usize::from(live & (u64::from(w as u32) < rate_thr) & (len[i] > 0));
                    mutate[m] = i as u32;
                    m += usize::from(live & ((w >> 32) < mu_thr));
                }
                for &i in &revise[..n] {
                    let i = i as usize;
                    let o = &mut out[i - i0];
                    // High half: the partner; low half: the acceptance draw.
                    let b = lr.word(2 * i as u64 + 1);
                    let nb = &target[start[i] as usize..(start[i] + len[i]) as usize];
                    let pick = || nb[below((b >> 32) as u32, nb.len() as u32) as usize] as usize;
                    let u = unit32(b as u32);
                    let pi = success[i];
                    match rule {
                        LearningRule::Fermi { k } => {
                            // σ((Π_j − Π_i)/K), from the shared logistic table; branch-free,
                            // since adoption is a coin flip that a branch would mispredict.
                            let j = pick();
                            let p = logistic.at(Logistic::pos((success[j] - pi) / k));
                            let adopt = (alive[j] != 0) & (u < p);
                            *o = [*o, theta[j]][usize::from(adopt)];
                        }
                        LearningRule::Proportional { scale } => {
                            let j = pick();
                            if alive[j] != 0 && proportional_adopts(pi, success[j], scale, u) {
                                *o = theta[j];
                            }
                        }
                        LearningRule::ImitateBest => {
                            let mut best = pi;
                            for &j in nb {
                                let j = j as usize;
                                if alive[j] != 0 && success[j] > best {
                                    best = success[j];
                                    *o = theta[j];
                                }
                            }
                        }
                        LearningRule::DeathBirth { w } => {
                            let fit = nb.iter().map(|&j| {
                                let j = j as usize;
                                if alive[j] != 0 {
                                    fitness(w, success[j])
                                } else {
                                    0.0
                                }
                            });
                            if let Some(pos) = death_birth_choice(fit, u) {
                                if alive[nb[pos] as usize] != 0 {
                                    *o = theta[nb[pos] as usize];
                                }
                            }
                        }
                    }
                }
                for &i in &mutate[..m] {
                    let i = i as usize;
                    let z = normal_inv(mr.word(i as u64));
                    let o = &mut out[i - i0];
                    *o = (*o + msd * z).clamp(0.0, 1.0);
                }
            });
        std::mem::swap(&mut self.opportunism, &mut self.opportunism_next);
    }
}

/// The smallest `f32` at or above `x >= 0`, so that for an `f32` trust `τ`, `τ < it` iff
/// `τ < x` (rounding `x` to nearest may go below it: 0.01 becomes 0.009999999776…).
fn f32_at_or_above(x: f64) -> f32 {
    let t = x as f32;
    if f64::from(t) < x {
        f32::from_bits(t.to_bits() + 1)
    } else {
        t
    }
}

/// Proportional imitation of a partner's opportunism: `true` iff `pj > pi` and
/// `u < (pj − pi) / scale` (certain once the gap reaches `scale`); `u` uniform in `[0, 1)`.
#[inline]
pub(crate) fn proportional_adopts(pi: f64, pj: f64, scale: f64, u: f64) -> bool {
    pj > pi && u * scale < pj - pi
}

/// What the decisions of a step draw on: the per-slot words, the detection probability, the
/// project threshold and the partners' inboxes.
struct DecisionDraws<'a> {
    keyed: Keyed,
    q: f64,
    rate_thr: u64,
    /// The partners' inboxes (see [`super::ties::Inbox`]).
    inbox: &'a [AtomicU8],
}

/// One firm's live slots, for its decisions.
struct FirmSlots<'a> {
    /// Model slot number minus slot index (wrapping): slot `e`'s draw is word `e + key_offset`.
    key_offset: u64,
    /// Global indices of the slots.
    slots: std::ops::Range<usize>,
    rev: &'a [u32],
    tau: &'a [f32],
    flags: &'a mut [u8],
}

impl FirmSlots<'_> {
    /// Per slot: cooperate with probability `p(τ)`; if not, detected with probability `q`;
    /// on the lower-id end, whether the tie runs a project. Writes the slot's flags and posts
    /// them to the partner's inbox.
    #[inline(always)]
    fn decide(self, draws: &DecisionDraws, p: impl Fn(f64) -> f64) {
        let (q, rate_thr, inbox) = (draws.q, draws.rate_thr, draws.inbox);
        let slot_state = self.rev.iter().zip(self.tau).zip(self.flags);
        for (e, ((&r_slot, &t), f)) in self.slots.zip(slot_state) {
            let r = draws.keyed.word((e as u64).wrapping_add(self.key_offset));
            let u = unit32(r as u32);
            // A defector's detection reuses the part of `u` above the cooperation
            // probability, rescaled to a fresh uniform.
            let p = p(f64::from(t));
            let coop = u < p;
            let detected = !coop & (u - p < q * (1.0 - p));
            // Slot ranges follow firm ids, so the partner has the higher id exactly when its
            // slot (the reverse) comes after this one.
            let occ = (r_slot as usize > e) & (((r >> 32) as u32 as u64) < rate_thr);
            let act = (u8::from(coop) * ACT) | (u8::from(detected) * DET) | (u8::from(occ) * OCC);
            *f = (*f & WITHIN) | act;
            inbox[r_slot as usize].store(act, Relaxed);
        }
    }
}

/// Count of projects the slot took part in (byte of [`SlotRow::packed`]).
const N_PROJECTS: usize = 0;
/// Count of the owner's cooperations.
const N_MINE: usize = 1;
/// Count of the partner's cooperations.
const N_THEIRS: usize = 2;
/// Count of projects in which either side cooperated.
const N_ANY: usize = 3;
/// Count of projects in which both sides cooperated.
const N_BOTH: usize = 4;
/// Count of the owner's cooperations on within-group ties.
const N_MINE_WITHIN: usize = 5;
/// Count of the owner's detected defections.
const N_CAUGHT: usize = 6;
/// Count of the partner's detected defections.
const N_VICTIM: usize = 7;

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
    /// `N_*` constants) and its spillover sum. Branch-free on the (random) actions, and
    /// with no bounds check but the read of the partner's productivity.
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
        let (alpha, alpha_beta) = sh.beta;
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
                spill += (sh.productivity[j as usize] - ai).max(0.0) * row.spill;
                let t = f64::from(tau[k]);
                let next = if BETA {
                    enc[k] += row.enc;
                    if row.project {
                        let (cs, ds) = (enc[k] as u32, (enc[k] >> 32) as u32);
                        (alpha + f64::from(cs)) / (alpha_beta + f64::from(cs) + f64::from(ds))
                    } else {
                        row.a + row.b * t
                    }
                } else {
                    row.a + row.b * t
                };
                let next = next.clamp(0.0, 1.0) as f32;
                tau[k] = next;
                if next < sh.break_thr {
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
    /// the `N_*` constants), so one addition sums them all (up to 255 slots at a time).
    packed: u64,
    /// Whether the tie ran a project.
    project: bool,
    /// Encounter counts to add to the slot ([`ENC_COOP`], [`ENC_DEFECT`]).
    enc: u64,
    /// Trust update `τ ← a + b·τ`: learning from the partner's action when the tie ran a
    /// project (asymmetric rule), decay toward `τ0` otherwise (the Beta rule's projects
    /// read the encounter counts instead).
    a: f64,
    /// See `a`.
    b: f64,
    /// Spillover weight: the tie's spillover rate if the partner cooperated in a project,
    /// else 0.
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
        let tau0 = cfg.trust.initial;
        let decay = cfg.trust.decay;
        let rate_by = [cfg.spillover.rate, cfg.cluster.spillover_rate];
        let mut rows = [SlotRow::default(); 128];
        for (code, row) in rows.iter_mut().enumerate() {
            let (f, fr) = (code as u8 & 15, (code >> 4) as u8 & 7);
            // OCC is set only on the lower-id end's slot, so the tie's project flag is in
            // `f | fr`.
            let occ = (f | fr) & OCC != 0;
            let mine = occ && f & ACT != 0;
            let theirs = occ && fr & ACT != 0;
            let within = f & WITHIN != 0;
            let n = [
                occ,
                mine,
                theirs,
                mine || theirs,
                mine && theirs,
                mine && within,
                occ && f & DET != 0,
                occ && fr & DET != 0,
            ];
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
            (row.a, row.b) = match (occ, cfg.trust.rule) {
                (false, _) => (decay * tau0, 1.0 - decay),
                (true, TrustRule::Asymmetric { up, .. }) if theirs => (up, 1.0 - up),
                (true, TrustRule::Asymmetric { down, .. }) => (0.0, 1.0 - down),
                // The Beta rule reads the encounter counts instead (see `settle`).
                (true, TrustRule::Beta { .. }) => (0.0, 1.0),
            };
            row.spill = if theirs {
                rate_by[usize::from(within)]
            } else {
                0.0
            };
        }
        SlotTable { rows }
    }
}
