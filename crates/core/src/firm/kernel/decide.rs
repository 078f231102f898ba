//! The decide pass: market income of every alive firm, then, per tie slot, the cooperation
//! decision ([`decision`]), its detection ([`monitoring`]) and, on the lower-id end's slot,
//! whether the tie runs a project ([`projects`]).
//!
//! A slot's draw is the word of its model slot number (see `super::super::ties`): for most
//! firms one contiguous range (`key = slot + offset`), for a firm whose capacity grew during
//! the run (see [`formation`](super::super::mechanisms::formation)) its base range and one
//! range per growth, so the kernel handles such firms piece by piece.

use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

use rayon::prelude::*;

use super::super::ledger::{Flow, Ledger};
use super::super::mechanisms::{decision, market, monitoring, projects, threshold32, unit32};
use super::super::ties::{KeySegment, ACT, DET, OCC, WITHIN};
use super::super::FirmSimulation;
use super::split_at_ends;
use crate::chunk::CHUNK;
use crate::rng::Keyed;

impl FirmSimulation {
    /// Phase: market income and per-slot decisions.
    pub(crate) fn decide(&mut self, step: u64) {
        let cfg = &self.cfg;
        let unit_revenue = market::unit_revenue(&cfg.market, self.crisis);
        let (fixed, sd) = (cfg.market.fixed_cost, cfg.market.shock_sd);
        let beta = decision::logistic_beta(cfg.decision);
        let shock = self.streams.keyed(step, market::SHOCK);
        let draws = DecisionDraws {
            keyed: self.streams.keyed(step, decision::PHASE),
            q: cfg.monitoring.q,
            rate_thr: threshold32(cfg.project.rate),
            inbox: &self.ties.inbox.flags,
        };
        let table = self.logistic.table();
        let (start, len, rev, tau) = (
            &self.ties.start[..],
            &self.ties.len[..],
            &self.ties.rev[..],
            &self.ties.tau[..],
        );
        let (model_start, ext) = (&self.ties.model_start[..], &self.ties.ext[..]);
        let (alive, productivity, opportunism) = (
            &self.firms.alive[..],
            &self.firms.productivity[..],
            &self.firms.opportunism[..],
        );
        let flags = split_at_ends(&mut self.ties.flags, &self.slot_ends);
        let income = split_at_ends(&mut self.firms.income, &self.firm_ends);
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
                    let eps = market::shock(sd, shock.word(i as u64));
                    let revenue = market::revenue(productivity[i], unit_revenue, eps);
                    l[Flow::Revenue] += revenue;
                    l[Flow::FixedCosts] += fixed;
                    *inc = revenue - fixed;
                }
                // Decisions, per firm after the market pass (which thus runs alone, so that
                // the shocks' dependency chains overlap from one firm to the next).
                let mut x = ext.partition_point(|s| (s.firm as usize) < i0);
                let mut next_grown = ext.get(x).map_or(usize::MAX, |s| s.firm as usize);
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
                    if i > next_grown {
                        // The grown firm before this one exited: skip past its segments.
                        while x < ext.len() && (ext[x].firm as usize) < i {
                            x += 1;
                        }
                        next_grown = ext.get(x).map_or(usize::MAX, |s| s.firm as usize);
                    }
                    if i < next_grown {
                        match beta {
                            None => firm_slots.decide(&draws, |t| decision::threshold(t, theta)),
                            Some(beta) => {
                                let map = decision::LogisticMap::new(beta, theta);
                                firm_slots.decide(&draws, |t| map.p(table, t))
                            }
                        }
                        continue;
                    }
                    // A firm whose capacity grew (rare): its pieces one by one.
                    while x < ext.len() && (ext[x].firm as usize) < i {
                        x += 1;
                    }
                    let x1 = x + ext[x..].partition_point(|s| s.firm as usize == i);
                    let base = (model_start[i + 1] - model_start[i]) as usize;
                    match beta {
                        None => firm_slots.decide_pieces(&draws, base, &ext[x..x1], |t| {
                            decision::threshold(t, theta)
                        }),
                        Some(beta) => {
                            let map = decision::LogisticMap::new(beta, theta);
                            firm_slots.decide_pieces(&draws, base, &ext[x..x1], |t| map.p(table, t))
                        }
                    }
                    x = x1;
                    next_grown = ext.get(x).map_or(usize::MAX, |s| s.firm as usize);
                }
                *ledger = l;
            });
    }
}

/// What the decisions of a step draw on: the per-slot words, the detection probability, the
/// project threshold and the partners' inboxes.
struct DecisionDraws<'a> {
    keyed: Keyed,
    q: f64,
    rate_thr: u64,
    /// The partners' inboxes (see [`super::super::ties::Inbox`]).
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
            let p = p(f64::from(t));
            let coop = decision::cooperates(u, p);
            let detected = monitoring::detected(coop, u, p, q);
            let occ = projects::runs(e, r_slot as usize, r, rate_thr);
            let act = (u8::from(coop) * ACT) | (u8::from(detected) * DET) | (u8::from(occ) * OCC);
            *f = (*f & WITHIN) | act;
            inbox[r_slot as usize].store(act, Relaxed);
        }
    }

    /// [`FirmSlots::decide`] for a firm whose capacity grew: its first `base` positions are
    /// keyed by its model slot numbers, the positions of each of `segments` (its growths, in
    /// order) by that segment's keys. Out of line: rare, and kept out of the hot loop.
    #[cold]
    #[inline(never)]
    fn decide_pieces(
        self,
        draws: &DecisionDraws,
        base: usize,
        segments: &[KeySegment],
        p: impl Fn(f64) -> f64 + Copy,
    ) {
        let FirmSlots {
            key_offset,
            slots,
            mut rev,
            mut tau,
            mut flags,
        } = self;
        debug_assert_eq!(segments.first().map(|g| g.from as usize), Some(base));
        let s = slots.start;
        let n = slots.len();
        let mut from = 0usize;
        for k in 0..=segments.len() {
            let to = segments
                .get(k)
                .map_or(n, |g| (g.from as usize).min(n))
                .max(from);
            let offset = match k {
                0 => key_offset,
                _ => segments[k - 1]
                    .key
                    .wrapping_sub((s + segments[k - 1].from as usize) as u64),
            };
            let (r_here, r_rest) = rev.split_at(to - from);
            let (t_here, t_rest) = tau.split_at(to - from);
            let (f_here, f_rest) = std::mem::take(&mut flags).split_at_mut(to - from);
            FirmSlots {
                key_offset: offset,
                slots: s + from..s + to,
                rev: r_here,
                tau: t_here,
                flags: f_here,
            }
            .decide(draws, p);
            (rev, tau, flags, from) = (r_rest, t_rest, f_rest, to);
        }
    }
}
