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
//! Each phase reads only what earlier phases (or the previous step) wrote: `decide` writes the
//! slot flags that `settle` reads through `rev`; `settle` writes `productivity_next`, which is
//! swapped in afterwards; `learn` writes `opportunism_next`. Draws are counter-based
//! ([`crate::rng::Keyed`]): firm `i` takes word `i` of `(step, MarketShock)` and of
//! `(step, FirmMutation)`, words `2i` and `2i + 1` of `(step, Learning)`; slot `e` takes word
//! `e` of `(step, Decision)`, whose low half decides and, above the cooperation probability
//! (rescaled to a fresh uniform), detects a defection, and whose high half, on the lower-id
//! end's slot, says whether the tie runs a project. The crisis draw is the first `u64` of the
//! ChaCha stream `(step, CommonShock)`. Nothing depends on how chunks are spread on threads.

use rayon::prelude::*;

use super::config::{DecisionRule, FineTo, LearningRule, ProjectGame, Success, TrustRule};
use super::dist::normal_inv;
use super::record::Ledger;
use super::ties::{ACT, DET, OCC, WITHIN};
use super::FirmSimulation;
use crate::rng::{below, unit_f64, Phase};
use crate::sim::CHUNK;
use crate::update::{death_birth_choice, fermi_accepts, fitness};

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
        let (decision, q, rate) = (cfg.decision, cfg.monitoring.q, cfg.project.rate);
        // `x / 2^32 < rate` for a 32-bit `x` iff `x < ⌈rate · 2^32⌉` (the product is exact).
        let rate_thr = (rate * 4_294_967_296.0).ceil() as u64;
        let shock = self.streams.keyed(step, Phase::MarketShock);
        let dec = self.streams.keyed(step, Phase::Decision);
        let logistic = &self.logistic;
        let (start, len, target, tau) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.target[..],
            &self.ties.tau[..],
        );
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
                    let theta = opportunism[i];
                    let slots = start[i] as usize..(start[i] + len[i]) as usize;
                    let (k0, k1) = (slots.start - s0, slots.end - s0);
                    let slot_state = target[slots.clone()]
                        .iter()
                        .zip(&tau[slots.clone()])
                        .zip(&mut flags[k0..k1]);
                    for (e, ((&j, &t), f)) in slots.zip(slot_state) {
                        let r = dec.word(e as u64);
                        let u = unit32(r as u32);
                        // Cooperation probability; a defector's detection reuses the part of
                        // `u` above it, rescaled to a fresh uniform.
                        let t = f64::from(t);
                        let p = match decision {
                            DecisionRule::Threshold => f64::from(u8::from(t >= theta)),
                            DecisionRule::Logistic { beta } => logistic.eval(beta * (t - theta)),
                        };
                        let coop = u < p;
                        let detected = !coop & (u - p < q * (1.0 - p));
                        // `unit32(x) < rate` exactly when `x < rate_thr`.
                        let occ = ((j as usize) > i) & (((r >> 32) as u32 as u64) < rate_thr);
                        *f = (*f & WITHIN)
                            | (u8::from(coop) * ACT)
                            | (u8::from(detected) * DET)
                            | (u8::from(occ) * OCC);
                    }
                }
                *ledger = l;
            });
    }

    /// Phase 2: project payoffs, fines, trust, spillovers; capital, productivity, standing.
    /// Lists, per chunk, the ties whose trust fell below the break threshold (as `(owner,
    /// partner)`) and the firms whose capital fell below the exit threshold, in id order.
    pub(crate) fn settle(&mut self) {
        let cfg = &self.cfg;
        let game = cfg.project.game;
        let tc = cfg.project.transaction_cost;
        let tc_within = tc * (1.0 - cfg.cluster.discount);
        let (fine, to_victim) = (
            cfg.monitoring.fine,
            cfg.monitoring.fine_to == FineTo::Victim,
        );
        let rep_keep = 1.0 - cfg.monitoring.reputation_loss;
        let recovery = cfg.reputation.recovery;
        let tau0 = cfg.trust.initial;
        let decay = cfg.trust.decay;
        // Payoff constants: ret = ret_theirs·[partner cooperated] + ret_any·[anyone did];
        // cost = [I cooperated]·(cost_mine − cost_both·[partner cooperated]).
        let (ret_theirs, ret_any, cost_mine, cost_both) = match game {
            ProjectGame::Donation { b, c } => (b, 0.0, c, 0.0),
            ProjectGame::CostSharing { v, c } => (0.0, v / 2.0, c, c / 2.0),
        };
        let tc_by = [tc, tc_within];
        let fine_victim = if to_victim { fine } else { 0.0 };
        let rule = cfg.trust.rule;
        let rate_by = [cfg.spillover.rate, cfg.cluster.spillover_rate];
        let break_thr = cfg.trust.break_below as f32;
        let exit_below = cfg.demography.exit_below;
        let (start, len, target, rev, flags) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.target[..],
            &self.ties.rev[..],
            &self.ties.flags[..],
        );
        let (alive, productivity) = (&self.alive[..], &self.productivity[..]);
        let tau = split_at_ends(&mut self.ties.tau, &self.slot_ends);
        let coop_n = split_at_ends(&mut self.ties.coop, &self.slot_ends);
        let defect_n = split_at_ends(&mut self.ties.defect, &self.slot_ends);
        let fe = &self.firm_ends;
        let firm = split_at_ends(&mut self.capital, fe)
            .zip(split_at_ends(&mut self.income, fe))
            .zip(split_at_ends(&mut self.tie_income, fe))
            .zip(split_at_ends(&mut self.productivity_next, fe))
            .zip(split_at_ends(&mut self.standing, fe))
            .zip(split_at_ends(&mut self.decisions, fe))
            .zip(split_at_ends(&mut self.cooperations, fe));
        // The chunk pass, monomorphised per trust rule (no rule dispatch in the slot loop).
        macro_rules! settle_chunks {
            ($learned:expr) => {
                tau.zip(coop_n)
                    .zip(defect_n)
                    .zip(firm)
                    .zip(self.chunk_ledger.iter_mut())
                    .zip(
                        self.chunk_breaks
                            .iter_mut()
                            .zip(self.chunk_exits.iter_mut()),
                    )
                    .enumerate()
                    .par_bridge()
                    .for_each(
                        |(c, (((((tau, cn), dn), firm), ledger), (breaks, exits)))| {
                            let (
                                (((((capital, income), tie_income), prod_next), standing), decisions),
                                coops,
                            ) = firm;
                            let i0 = c * CHUNK;
                            let s0 = start[i0] as usize;
                            let mut l = Ledger::default();
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
                                let (mut ret, mut cost, mut tcost, mut paid, mut got) =
                                    (0.0, 0.0, 0.0, 0.0, 0.0);
                                let (mut nd, mut nc, mut spill, mut det) = (0u32, 0u32, 0.0, 0u32);
                                let slots = start[i] as usize..(start[i] + len[i]) as usize;
                                let degree = slots.len();
                                // Branch-free on the (random) actions: every quantity is a product with
                                // 0/1 factors, so mispredictions do not dominate the step.
                                // Per-firm sub-slices zipped together: no bounds check in the loop
                                // but the two random reads of the partner's flags and productivity.
                                let (k0, k1) = (slots.start - s0, slots.end - s0);
                                let slot_state = target[slots.clone()]
                                    .iter()
                                    .zip(&rev[slots.clone()])
                                    .zip(&flags[slots])
                                    .zip(&mut tau[k0..k1])
                                    .zip(cn[k0..k1].iter_mut().zip(&mut dn[k0..k1]));
                                for ((((&j, &r), &f), tau_k), (cn_k, dn_k)) in slot_state {
                                    let (j, fr) = (j as usize, flags[r as usize]);
                                    // OCC is set only on the lower-id end's slot (the other end's is
                                    // clear), so the tie's project flag is in `f | fr`.
                                    let occ = u32::from((f | fr) & OCC) >> 2;
                                    let mo = u32::from(f & ACT) & occ;
                                    let to = u32::from(fr & ACT) & occ;
                                    nd += occ;
                                    nc += mo;
                                    let (mf, tf) = (f64::from(mo), f64::from(to));
                                    ret += ret_theirs * tf + ret_any * f64::from(mo | to);
                                    cost += mf * (cost_mine - cost_both * tf);
                                    let within = usize::from(f & WITHIN != 0);
                                    tcost += mf * tc_by[within];
                                    let dm = (u32::from(f & DET) >> 1) & occ;
                                    paid += fine * f64::from(dm);
                                    det |= dm;
                                    got += fine_victim * f64::from((u32::from(fr & DET) >> 1) & occ);
                                    *cn_k += to;
                                    *dn_k += occ - to;
                                    spill += (productivity[j] - ai).max(0.0) * tf * rate_by[within];
                                    let t = f64::from(*tau_k);
                                    let learned = $learned(t, tf, *cn_k, *dn_k);
                                    let decayed = t + decay * (tau0 - t);
                                    let next = if occ != 0 { learned } else { decayed };
                                    let next = next.clamp(0.0, 1.0) as f32;
                                    *tau_k = next;
                                    if next < break_thr {
                                        breaks.push((i as u32, j as u32));
                                    }
                                }
                                let net = ret - cost - tcost - paid + got;
                                tie_income[d] = net;
                                income[d] += net;
                                capital[d] += income[d];
                                if capital[d] < exit_below {
                                    exits.push(i as u32);
                                }
                                decisions[d] = nd;
                                coops[d] = nc;
                                if degree > 0 {
                                    prod_next[d] = ai + spill / degree as f64;
                                    l.productivity_gain += spill / degree as f64;
                                }
                                standing[d] = if det != 0 {
                                    standing[d] * rep_keep
                                } else {
                                    standing[d] + recovery * (1.0 - standing[d])
                                };
                                l.project_returns += ret;
                                l.project_costs += cost;
                                l.transaction_costs += tcost;
                                l.fines_paid += paid;
                                l.fines_to_victims += got;
                            }
                            l.fines_to_treasury = if to_victim { 0.0 } else { l.fines_paid };
                            ledger.add(&l);
                        },
                    )
            };
        }
        match rule {
            TrustRule::Asymmetric { up, down } => {
                settle_chunks!(|t: f64, tf: f64, _: u32, _: u32| {
                    t + tf * up * (1.0 - t) - (1.0 - tf) * down * t
                })
            }
            TrustRule::Beta { alpha, beta } => {
                settle_chunks!(|_: f64, _: f64, c: u32, d: u32| {
                    (alpha + f64::from(c)) / (alpha + beta + f64::from(c + d))
                })
            }
        }
        std::mem::swap(&mut self.productivity, &mut self.productivity_next);
    }

    /// Phase 3: opportunism imitation and mutation (reads the state before the phase).
    pub(crate) fn learn(&mut self, step: u64) {
        let cfg = &self.cfg.learning;
        let (rule, rate, mu, msd) = (cfg.rule, cfg.rate, cfg.mutation, cfg.mutation_sd);
        let rate_thr = (rate * 4_294_967_296.0) as u64;
        let mu_thr = (mu * 4_294_967_296.0) as u64;
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
        let lr = self.streams.keyed(step, Phase::Learning);
        let mr = self.streams.keyed(step, Phase::FirmMutation);
        split_at_ends(&mut self.opportunism_next, &self.firm_ends)
            .enumerate()
            .par_bridge()
            .for_each(|(c, out)| {
                let i0 = c * CHUNK;
                out.copy_from_slice(&theta[i0..i0 + out.len()]);
                // Branch-free list of the firms that revise (alive, with a partner, and their
                // word under the rate), then the revisions; then likewise the mutations. Each
                // firm still imitates before it mutates, with the same words.
                let mut cand = [0u32; CHUNK];
                let mut n = 0;
                if rate > 0.0 {
                    for i in i0..i0 + out.len() {
                        let a = lr.word(2 * i as u64);
                        cand[n] = i as u32;
                        n += usize::from(
                            (alive[i] != 0) & (u64::from(a as u32) < rate_thr) & (len[i] > 0),
                        );
                    }
                }
                for &i in &cand[..n] {
                    let i = i as usize;
                    let o = &mut out[i - i0];
                    let a = lr.word(2 * i as u64);
                    let nb = &target[start[i] as usize..(start[i] + len[i]) as usize];
                    let b = lr.word(2 * i as u64 + 1);
                    let pi = success[i];
                    match rule {
                        LearningRule::Fermi { k } => {
                            let j = nb[below((a >> 32) as u32, nb.len() as u32) as usize] as usize;
                            if alive[j] != 0 && fermi_accepts(pi, success[j], 1.0 / k, unit_f64(b))
                            {
                                *o = theta[j];
                            }
                        }
                        LearningRule::Proportional { scale } => {
                            let j = nb[below((a >> 32) as u32, nb.len() as u32) as usize] as usize;
                            if alive[j] != 0
                                && proportional_adopts(pi, success[j], scale, unit_f64(b))
                            {
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
                            if let Some(pos) = death_birth_choice(fit, unit_f64(b)) {
                                if alive[nb[pos] as usize] != 0 {
                                    *o = theta[nb[pos] as usize];
                                }
                            }
                        }
                    }
                }
                if mu > 0.0 {
                    let mut n = 0;
                    let live = &alive[i0..i0 + out.len()];
                    for (i, &a) in (i0..).zip(live) {
                        let x = mr.word(i as u64);
                        cand[n] = i as u32;
                        n += usize::from((a != 0) & (u64::from(x as u32) < mu_thr));
                    }
                    for &i in &cand[..n] {
                        let i = i as usize;
                        let x = mr.word(i as u64);
                        let z = normal_inv(x & 0xFFFF_FFFF_0000_0000);
                        let o = &mut out[i - i0];
                        *o = (*o + msd * z).clamp(0.0, 1.0);
                    }
                }
            });
        std::mem::swap(&mut self.opportunism, &mut self.opportunism_next);
    }
}

/// Proportional imitation of a partner's opportunism: `true` iff `pj > pi` and
/// `u < (pj − pi) / scale` (certain once the gap reaches `scale`); `u` uniform in `[0, 1)`.
#[inline]
pub(crate) fn proportional_adopts(pi: f64, pj: f64, scale: f64, u: f64) -> bool {
    pj > pi && u * scale < pj - pi
}
