//! Anchor firms and productive chains (submodel F2f): a few high-capacity firms with many
//! supplier ties, buying from their suppliers and giving them technical assistance.
//!
//! * **Anchors.** The `count` initial firms of highest initial capital (lower id first among
//!   equal capitals; all firms if `count ≥ N`), fixed for the run; an anchor that exits
//!   stops.
//! * **Supplier ties.** At step 1, each anchor (in ascending id, anchor number `r = 0, 1,
//!   …`) proposes ties to `suppliers` distinct initial firms that are alive, not anchors and
//!   not yet its partners: try `t = 0, 1, …` (at most `16 · suppliers` tries) draws firm
//!   `below(word r·2^32 + t, N₀)`. The proposals go through the tie formation hook, so the
//!   ties are formed at the end of step 1 with trust `τ0` both ways (growing the anchor's
//!   relationship capacity). Supplier ties are ordinary ties afterwards: they run projects and
//!   can break.
//! * **Purchases.** Each step, before settlement, every alive anchor `h` (in ascending id)
//!   buys from every alive partner `j` that is not an anchor (its *suppliers*, in tie
//!   order): it pays `price · a_j` (the supplier's productivity valued at the anchor's
//!   price), `K_h ← K_h − price·a_j`, `K_j ← K_j + price·a_j`, and resells downstream for
//!   `resale · price · a_j`, money from outside the economy, `K_h ← K_h + resale·price·a_j`.
//! * **Technical assistance.** Then every firm that sold to at least one anchor this step
//!   (*assisted*) grows its productivity once: `a_j ← a_j(1 + g)`, `g = assistance`.
//!
//! Configuration: [`AnchorConfig`] (`FirmConfig::optional.anchor`, scenario section
//! `[anchor]`; off with `count = 0`, the default). Phase: its own sequential pass after the
//! alliances and before settlement (one line in `super::super::schedule`). Stream:
//! [`PHASE`] (step 1 only). Flows: [`FLOWS`] (`anchor_purchases` paid by anchors,
//! `anchor_sales` received by suppliers, `anchor_resale` created, `assistance_gain` not
//! money).

use super::super::config::AnchorConfig;
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use super::formation::Source;
use crate::rng::{below, Phase};

/// The stream of the supplier proposals.
pub(crate) const PHASE: Phase = Phase::Anchor;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[
    Flow::AnchorPurchases,
    Flow::AnchorSales,
    Flow::AnchorResale,
    Flow::AssistanceGain,
];

/// The anchors: the `count` firms of highest capital (lower id first among equals), in
/// ascending id.
pub(crate) fn choose(capital: &[f64], count: u64) -> Vec<u32> {
    let mut ids: Vec<u32> = (0..capital.len() as u32).collect();
    ids.sort_by(|&a, &b| {
        capital[b as usize]
            .total_cmp(&capital[a as usize])
            .then(a.cmp(&b))
    });
    ids.truncate(count.min(capital.len() as u64) as usize);
    ids.sort_unstable();
    ids
}

/// The word of anchor number `r`'s supplier try `t`.
#[inline]
pub(crate) fn word_key(r: usize, t: u64) -> u64 {
    ((r as u64) << 32) | t
}

/// An anchor's purchase from a supplier of productivity `a`: `price · a`.
#[inline]
pub(crate) fn purchase(cfg: &AnchorConfig, a: f64) -> f64 {
    cfg.price * a
}

/// Productivity after a step of assistance: `a(1 + g)`.
#[inline]
pub(crate) fn assisted(a: f64, g: f64) -> f64 {
    a * (1.0 + g)
}

/// The anchors and the buffers of the mechanism (kept from step to step).
#[derive(Clone, Debug, Default)]
pub(crate) struct Anchors {
    /// Anchor ids, ascending (empty when off).
    pub(crate) ids: Vec<u32>,
    /// Per initial firm, whether it is an anchor (empty when off).
    pub(crate) is_anchor: Vec<bool>,
    /// Firms assisted in the last step.
    pub(crate) assisted: u64,
    /// The step in which each firm last sold to an anchor.
    sold: Vec<u64>,
    /// This step's suppliers, in order of first sale.
    suppliers: Vec<u32>,
}

impl Anchors {
    /// The anchors of an economy of initial capitals `capital`.
    pub(crate) fn new(cfg: &AnchorConfig, capital: &[f64]) -> Anchors {
        if cfg.count == 0 {
            return Anchors::default();
        }
        let ids = choose(capital, cfg.count);
        let mut is_anchor = vec![false; capital.len()];
        for &h in &ids {
            is_anchor[h as usize] = true;
        }
        Anchors {
            ids,
            is_anchor,
            ..Anchors::default()
        }
    }

    /// Whether firm `i` is an anchor.
    #[inline]
    pub(crate) fn is(&self, i: usize) -> bool {
        self.is_anchor.get(i).copied().unwrap_or(false)
    }
}

impl FirmSimulation {
    /// Phase: supplier proposals at step 1, purchases and assistance (nothing when off).
    /// **O(anchors' degrees)** per step, plus **O(anchors · suppliers²)** at step 1.
    pub(crate) fn anchor(&mut self, step: u64) {
        self.anchors.assisted = 0;
        if self.anchors.ids.is_empty() {
            return;
        }
        let cfg = self.cfg.optional.anchor;
        let mut st = std::mem::take(&mut self.anchors);
        if step == 1 && cfg.suppliers > 0 {
            let draws = self.streams.keyed(step, PHASE);
            let n0 = self.n0 as u32;
            let mut chosen: Vec<usize> = Vec::new();
            for (r, &h) in st.ids.iter().enumerate() {
                let h = h as usize;
                if self.firms.alive[h] == 0 {
                    continue;
                }
                chosen.clear();
                for t in 0..16 * cfg.suppliers {
                    if chosen.len() as u64 >= cfg.suppliers {
                        break;
                    }
                    let j = below(draws.word(word_key(r, t)) as u32, n0) as usize;
                    if st.is(j)
                        || self.firms.alive[j] == 0
                        || chosen.contains(&j)
                        || self.ties.tied(h, j)
                    {
                        continue;
                    }
                    chosen.push(j);
                }
                for &j in &chosen {
                    self.propose_tie(h, j, Source::Anchor);
                }
            }
        }
        let n = self.firms.len();
        if st.sold.len() < n {
            st.sold.resize(n, 0);
        }
        st.suppliers.clear();
        let (mut bought, mut resold, mut gain) = (0.0, 0.0, 0.0);
        let f = &mut self.firms;
        for &h in &st.ids {
            let h = h as usize;
            if f.alive[h] == 0 {
                continue;
            }
            for e in self.ties.slots(h) {
                let j = self.ties.target[e] as usize;
                if f.alive[j] == 0 || st.is(j) {
                    continue;
                }
                let pay = purchase(&cfg, f.productivity[j]);
                let back = cfg.resale * pay;
                f.capital[h] += back - pay;
                f.capital[j] += pay;
                bought += pay;
                resold += back;
                if st.sold[j] != step {
                    st.sold[j] = step;
                    st.suppliers.push(j as u32);
                }
            }
        }
        for &j in &st.suppliers {
            let j = j as usize;
            let a = f.productivity[j];
            let next = assisted(a, cfg.assistance);
            gain += next - a;
            f.productivity[j] = next;
        }
        st.assisted = st.suppliers.len() as u64;
        let ledger = &mut self.chunk_ledger[0];
        ledger[Flow::AnchorPurchases] += bought;
        ledger[Flow::AnchorSales] += bought;
        ledger[Flow::AnchorResale] += resold;
        ledger[Flow::AssistanceGain] += gain;
        self.anchors = st;
    }
}
