//! The reference step's temporary alliances (`mechanisms/alliance.rs`) and anchor firms
//! (`mechanisms/anchor.rs`), from their documented rules; the anchors' supplier ties of step
//! 1 are proposals to the formation batch of `formation.rs` (source `ANCHOR`).
//!
//! Same draws: contract `c`'s words of `(step, Alliance)` (`((c + 1) << 16) | k`: the taker
//! tries `k < 8`, member `m`'s delivery `8 + m`), word 0 the fractional contract; anchor
//! number `r`'s try `t`, word `(r << 32) | t` of `(1, Anchor)`.

use super::super::config::{AllianceForm, DecisionRule, TrustRule};
use super::super::ledger::Flow;
use super::super::record::{AllianceCounts, Ledger};
use super::super::Logistic;
use super::{u32_unit, Reference};
use crate::rng::{below, Phase};

/// The alliances' and anchors' state of the reference economy.
#[derive(Clone, Debug, Default)]
pub(crate) struct RefChains {
    /// This step's alliance counts.
    pub(crate) counts: AllianceCounts,
    /// Anchor ids, ascending.
    pub(crate) anchors: Vec<usize>,
    /// Firms assisted this step.
    pub(crate) assisted: u64,
}

impl Reference {
    /// The anchors: the `count` firms of highest initial capital, lower id first.
    pub(super) fn initial_anchors(&mut self) {
        let count = self.cfg.optional.anchor.count as usize;
        let mut ids: Vec<usize> = (0..self.firms.len()).collect();
        ids.sort_by(|&a, &b| {
            let (ka, kb) = (self.firms[a].capital, self.firms[b].capital);
            kb.partial_cmp(&ka).unwrap().then(a.cmp(&b))
        });
        ids.truncate(count);
        ids.sort();
        self.chains.anchors = ids;
    }

    /// The contracts of step `t`: taker, recruits by trust, delivery, payment, trust.
    pub(super) fn ally(&mut self, t: u64, ledger: &mut Ledger) {
        self.chains.counts = AllianceCounts::default();
        let cfg = self.cfg.optional.alliance;
        if cfg.rate <= 0.0 {
            return;
        }
        let words = self.streams.keyed(t, Phase::Alliance);
        let n = self.firms.len();
        let whole = cfg.rate.floor();
        let count = whole as u64 + u64::from(u32_unit(words.word(0) as u32) < cfg.rate - whole);
        let mut committed = vec![false; n];
        for c in 0..count {
            let key = |k: u64| ((c + 1) << 16) | k;
            let mut taker = None;
            for k in 0..8 {
                let i = below(words.word(key(k)) as u32, n as u32) as usize;
                if self.firms[i].alive && !committed[i] {
                    taker = Some(i);
                    break;
                }
            }
            let Some(taker) = taker else {
                self.chains.counts.declined += 1;
                continue;
            };
            let mut members = vec![taker];
            let mut total = self.firms[taker].productivity;
            if total < cfg.capacity {
                let mut candidates: Vec<(f32, usize)> = self.firms[taker]
                    .ties
                    .iter()
                    .filter(|tie| {
                        let j = &self.firms[tie.to];
                        f64::from(tie.trust) >= cfg.min_trust
                            && j.alive
                            && !committed[tie.to]
                            && j.productivity > 0.0
                    })
                    .map(|tie| (tie.trust, tie.to))
                    .collect();
                candidates.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap().then(a.1.cmp(&b.1)));
                for (_, j) in candidates {
                    if total >= cfg.capacity {
                        break;
                    }
                    members.push(j);
                    total += self.firms[j].productivity;
                }
                if total < cfg.capacity {
                    self.chains.counts.declined += 1;
                    continue;
                }
            }
            self.chains.counts.formed += 1;
            let mut delivered = Vec::new();
            for (m, &i) in members.iter().enumerate() {
                committed[i] = true;
                let f = &self.firms[i];
                let seen: Vec<f64> = f
                    .ties
                    .iter()
                    .filter(|tie| members.contains(&tie.to))
                    .map(|tie| f64::from(tie.trust))
                    .collect();
                let tau = if seen.is_empty() {
                    1.0
                } else {
                    seen.iter().sum::<f64>() / seen.len() as f64
                };
                let p = match self.cfg.decision {
                    DecisionRule::Logistic { beta } => {
                        Logistic::shared().eval(beta * (tau - f.opportunism))
                    }
                    DecisionRule::Threshold => {
                        if tau >= f.opportunism {
                            1.0
                        } else {
                            0.0
                        }
                    }
                };
                delivered.push(u32_unit(words.word(key(8 + m as u64)) as u32) < p);
            }
            let completed = delivered.iter().all(|&d| d);
            if completed {
                self.chains.counts.completed += 1;
            } else {
                self.chains.counts.failed += 1;
            }
            for &i in &members {
                let share = self.firms[i].productivity / total;
                if completed {
                    self.firms[i].capital += share * cfg.value;
                    ledger[Flow::ContractValue] += share * cfg.value;
                } else {
                    let pay = match cfg.form {
                        AllianceForm::UnionTemporal => share * cfg.penalty,
                        AllianceForm::Consorcio => cfg.penalty,
                    };
                    self.firms[i].capital -= pay;
                    ledger[Flow::ContractPenalties] += pay;
                }
                let rule = self.cfg.trust.rule;
                for tie in self.firms[i].ties.iter_mut() {
                    let Some(m) = members.iter().position(|&j| j == tie.to) else {
                        continue;
                    };
                    let tau = f64::from(tie.trust);
                    let next = match rule {
                        TrustRule::Asymmetric { up, down } => {
                            if delivered[m] {
                                tau + up * (1.0 - tau)
                            } else {
                                tau - down * tau
                            }
                        }
                        TrustRule::Beta { alpha, beta } => {
                            if delivered[m] {
                                tie.coops += 1;
                            } else {
                                tie.defects += 1;
                            }
                            let (c, d) = (f64::from(tie.coops), f64::from(tie.defects));
                            (alpha + c) / (alpha + beta + c + d)
                        }
                    };
                    tie.trust = next.clamp(0.0, 1.0) as f32;
                }
            }
        }
    }

    /// Anchors: supplier proposals at step 1, purchases, resale, assistance.
    pub(super) fn anchor(&mut self, t: u64, ledger: &mut Ledger) {
        self.chains.assisted = 0;
        let cfg = self.cfg.optional.anchor;
        if cfg.count == 0 {
            return;
        }
        let anchors = self.chains.anchors.clone();
        if t == 1 {
            let words = self.streams.keyed(t, Phase::Anchor);
            for (r, &h) in anchors.iter().enumerate() {
                if !self.firms[h].alive {
                    continue;
                }
                let mut chosen: Vec<usize> = Vec::new();
                for try_ in 0..16 * cfg.suppliers {
                    if chosen.len() as u64 >= cfg.suppliers {
                        break;
                    }
                    let w = words.word(((r as u64) << 32) | try_);
                    let j = below(w as u32, self.n0 as u32) as usize;
                    if anchors.contains(&j)
                        || !self.firms[j].alive
                        || chosen.contains(&j)
                        || self.firms[h].find(j).is_some()
                    {
                        continue;
                    }
                    chosen.push(j);
                }
                self.formation
                    .proposals
                    .extend(chosen.iter().map(|&j| (h, j, super::formation::ANCHOR)));
            }
        }
        let mut suppliers: Vec<usize> = Vec::new();
        for &h in &anchors {
            if !self.firms[h].alive {
                continue;
            }
            let partners: Vec<usize> = self.firms[h].ties.iter().map(|tie| tie.to).collect();
            for j in partners {
                if !self.firms[j].alive || anchors.contains(&j) {
                    continue;
                }
                let pay = cfg.price * self.firms[j].productivity;
                self.firms[h].capital -= pay;
                self.firms[h].capital += cfg.resale * pay;
                self.firms[j].capital += pay;
                ledger[Flow::AnchorPurchases] += pay;
                ledger[Flow::AnchorSales] += pay;
                ledger[Flow::AnchorResale] += cfg.resale * pay;
                if !suppliers.contains(&j) {
                    suppliers.push(j);
                }
            }
        }
        for &j in &suppliers {
            let a = self.firms[j].productivity;
            self.firms[j].productivity = a * (1.0 + cfg.assistance);
            ledger[Flow::AssistanceGain] += a * cfg.assistance;
        }
        self.chains.assisted = suppliers.len() as u64;
    }
}
