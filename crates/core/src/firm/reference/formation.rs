//! The reference step's fairs (F2d), tie formation proposals (F9b) and the formation batch
//! (F9a, also of the anchors' supplier ties), written from `docs/model.md`: lists of proposals, a `BTreeMap` of pairs, per-firm
//! growth segments for the draw keys of positions gained.

use std::collections::BTreeMap;

use super::super::config::{MeetingScope, StartTrust};
use super::super::ledger::Flow;
use super::super::record::Ledger;
use super::{u32_unit, Firm, Reference, Tie};
use crate::rng::{below, Phase};

/// The first model slot number of the positions firms gain by tie formation.
const GROWTH_KEYS: u64 = 1 << 63;
/// The first word of the fair's meeting draws.
const MEETINGS: u64 = 1 << 40;
/// The first word of the introductions' draws.
const INTRODUCTIONS: u64 = 1 << 62;
/// Proposal sources, in the order that credits a pair proposed by several.
const CLOSURE: u8 = 0;
const MEETING: u8 = 1;
const INTRODUCTION: u8 = 2;
const FAIR: u8 = 3;
pub(super) const ANCHOR: u8 = 4;

/// The state of tie formation and fairs in the reference.
#[derive(Clone, Debug, Default)]
pub(crate) struct RefFormation {
    /// This step's proposals `(from, to, source)`.
    pub(crate) proposals: Vec<(usize, usize, u8)>,
    /// The next growth key.
    pub(crate) next_key: u64,
    /// Per firm, the last step of its fair access (0: none).
    pub(crate) until: Vec<u64>,
    /// Positions of the firms, if the network has them (entrants take their parent's).
    pub(crate) position: Option<Vec<[f64; 2]>>,
}

/// The model slot number of position `k` of firm `f`, whose base range starts at `s`.
pub(super) fn key(f: &Firm, s: u64, k: usize) -> u64 {
    if k < f.capacity {
        return s + k as u64;
    }
    let &(from, _, key) = f
        .grown
        .iter()
        .find(|&&(from, len, _)| k >= from && k < from + len)
        .expect("a position below the capacity");
    key + (k - from) as u64
}

/// A firm's capacity: its base capacity and what it gained.
pub(super) fn capacity(f: &Firm) -> usize {
    f.capacity + f.grown.iter().map(|g| g.1).sum::<usize>()
}

impl Reference {
    /// Firm `j`'s reputation: standing × the mean trust of its partners in it (`τ0` without
    /// partners).
    pub(super) fn reputation(&self, j: usize) -> f64 {
        let f = &self.firms[j];
        let seen = if f.ties.is_empty() {
            self.cfg.trust.initial
        } else {
            let sum: f64 = f
                .ties
                .iter()
                .map(|t| {
                    let back = self.firms[t.to].find(j).expect("ties are mutual");
                    f64::from(self.firms[t.to].ties[back].trust)
                })
                .sum();
            sum / f.ties.len() as f64
        };
        f.standing * seen
    }

    /// F2d: the fair of step `t`, then the extra revenue of the firms whose access lasts.
    pub(super) fn fair(&mut self, t: u64, ledger: &mut Ledger) {
        let c = self.cfg.optional.fair;
        if c.every == 0 {
            return;
        }
        let n = self.firms.len();
        self.formation.until.resize(n, 0);
        if t.is_multiple_of(c.every) {
            let keyed = self.streams.keyed(t, Phase::Fair);
            let att: Vec<usize> = (0..n)
                .filter(|&i| self.firms[i].alive && u32_unit(keyed.word(i as u64) as u32) < c.share)
                .collect();
            if c.duration > 0 {
                for &i in &att {
                    self.formation.until[i] = t + c.duration - 1;
                }
            }
            let m = att.len();
            if m >= 2 {
                for a in 0..m {
                    for k in 0..c.meetings {
                        let w = keyed.word(MEETINGS + c.meetings * a as u64 + k);
                        let x = below(w as u32, (m - 1) as u32) as usize;
                        let b = if x >= a { x + 1 } else { x };
                        if u32_unit((w >> 32) as u32) < c.form {
                            self.formation.proposals.push((att[a], att[b], FAIR));
                        }
                    }
                }
            }
            ledger[Flow::FairAttendees] += m as f64;
            ledger[Flow::FairCost] += c.cost * m as f64;
        }
        if c.access > 0.0 {
            let mk = self.cfg.market;
            let shock = self.streams.keyed(t, Phase::MarketShock);
            let crisis = if self.crisis {
                1.0 - mk.crisis_depth
            } else {
                1.0
            };
            for i in 0..n {
                let f = &mut self.firms[i];
                if !f.alive || self.formation.until[i] < t {
                    continue;
                }
                let eps = if mk.shock_sd > 0.0 {
                    mk.shock_sd * super::normal_inv(shock.word(i as u64))
                } else {
                    0.0
                };
                // Revenue × access: a_i · p · access_market · (1 + ε) · crisis · α.
                let extra = f.productivity * mk.price * mk.access * (1.0 + eps) * crisis * c.access;
                f.income += extra;
                ledger[Flow::FairRevenue] += extra;
            }
        }
    }

    /// F9b: proposals by closure, meetings and introductions.
    pub(super) fn link(&mut self, t: u64, ledger: &mut Ledger) {
        let c = self.cfg.optional.formation.clone();
        if c.closure == 0.0 && c.meeting == 0.0 && c.introductions == 0.0 {
            return;
        }
        let keyed = self.streams.keyed(t, Phase::TieFormation);
        let n = self.firms.len();
        let alive: Vec<usize> = (0..n).filter(|&i| self.firms[i].alive).collect();
        let members: Vec<Vec<usize>> = self
            .group_ids
            .iter()
            .map(|&g| {
                alive
                    .iter()
                    .copied()
                    .filter(|&i| self.firms[i].group == g)
                    .collect()
            })
            .collect();
        let mut proposals = Vec::new();
        for &i in &alive {
            let f = &self.firms[i];
            if c.closure > 0.0 {
                let w = keyed.word(4 * i as u64);
                if u32_unit(w as u32) < c.closure && !f.ties.is_empty() {
                    let tie = &f.ties[below((w >> 32) as u32, f.ties.len() as u32) as usize];
                    if f64::from(tie.trust) >= c.closure_trust {
                        let fj = &self.firms[tie.to];
                        let w1 = keyed.word(4 * i as u64 + 1);
                        let second = &fj.ties[below(w1 as u32, fj.ties.len() as u32) as usize];
                        if second.to != i && f64::from(second.trust) >= c.closure_trust {
                            proposals.push((i, second.to, CLOSURE));
                        }
                    }
                }
            }
            if c.meeting > 0.0 {
                let w = keyed.word(4 * i as u64 + 2);
                if u32_unit(w as u32) < c.meeting {
                    let x = (w >> 32) as u32;
                    let met = match c.meeting_scope {
                        MeetingScope::Group => {
                            let g = self.group_ids.binary_search(&f.group).unwrap();
                            let list = &members[g];
                            Some(list[below(x, list.len() as u32) as usize])
                        }
                        MeetingScope::Proximity => {
                            let other = alive[below(x, alive.len() as u32) as usize];
                            let p = self.formation.position.as_ref().expect("positions");
                            let (dx, dy) = (p[i][0] - p[other][0], p[i][1] - p[other][1]);
                            let d = (dx * dx + dy * dy).sqrt();
                            (d <= c.meeting_radius).then_some(other)
                        }
                    };
                    if let Some(other) = met.filter(|&o| o != i) {
                        proposals.push((i, other, MEETING));
                    }
                }
            }
        }
        if c.introductions > 0.0 {
            let whole = c.introductions.floor();
            for (g, &id) in self.group_ids.iter().enumerate() {
                if !c.facilitated_groups.is_empty() && !c.facilitated_groups.contains(&id) {
                    continue;
                }
                let list = &members[g];
                if list.len() < 2 {
                    continue;
                }
                let base = INTRODUCTIONS + ((g as u64) << 32);
                let extra = u32_unit(keyed.word(base) as u32) < c.introductions - whole;
                let count = whole as u64 + u64::from(extra);
                let m = list.len() as u32;
                for k in 0..count {
                    let w = keyed.word(base + 1 + k);
                    let (a, b) = (
                        list[below(w as u32, m) as usize],
                        list[below((w >> 32) as u32, m) as usize],
                    );
                    if a != b && self.firms[a].find(b).is_none() {
                        ledger[Flow::FacilitationCost] += c.introduction_cost;
                        proposals.push((a, b, INTRODUCTION));
                    }
                }
            }
        }
        self.formation.proposals.extend(proposals);
    }

    /// F9a: the batch of the step's proposals.
    pub(super) fn form(&mut self, ledger: &mut Ledger) {
        let props = std::mem::take(&mut self.formation.proposals);
        if props.is_empty() {
            return;
        }
        let mut pairs: BTreeMap<(usize, usize), u8> = BTreeMap::new();
        for (a, b, s) in props {
            let e = pairs.entry((a.min(b), a.max(b))).or_insert(s);
            *e = (*e).min(s);
        }
        let n = self.firms.len();
        let cap = self.cfg.optional.formation.max_ties as usize;
        let mut added = vec![0usize; n];
        let mut formed = Vec::new();
        for (&(i, j), &s) in &pairs {
            if i == j || j >= n || !self.firms[i].alive || !self.firms[j].alive {
                continue;
            }
            if self.firms[i].find(j).is_some() {
                continue;
            }
            let at_cap = |k: usize| cap > 0 && self.firms[k].ties.len() + added[k] >= cap;
            if at_cap(i) || at_cap(j) {
                continue;
            }
            added[i] += 1;
            added[j] += 1;
            formed.push((i, j, s));
        }
        let tau0 = self.cfg.trust.initial;
        let w = self.cfg.reputation.weight;
        let start: Vec<(f32, f32)> = formed
            .iter()
            .map(|&(i, j, _)| match self.cfg.optional.formation.start_trust {
                StartTrust::Initial => (tau0 as f32, tau0 as f32),
                StartTrust::Reputation => (
                    ((1.0 - w) * tau0 + w * self.reputation(j)) as f32,
                    ((1.0 - w) * tau0 + w * self.reputation(i)) as f32,
                ),
            })
            .collect();
        if self.formation.next_key == 0 {
            self.formation.next_key = GROWTH_KEYS;
        }
        for (i, &new) in added.iter().enumerate() {
            let f = &mut self.firms[i];
            let total = capacity(f);
            let free = total - f.ties.len();
            if new > free {
                let lack = new - free;
                f.grown.push((total, lack, self.formation.next_key));
                self.formation.next_key += lack as u64;
            }
        }
        for (&(i, j, s), &(t_ij, t_ji)) in formed.iter().zip(&start) {
            let g = self.firms[i].group;
            let within = g == self.firms[j].group && self.cluster_groups.contains(&g);
            for (a, b, trust) in [(i, j, t_ij), (j, i, t_ji)] {
                self.firms[a].ties.push(Tie {
                    to: b,
                    trust,
                    coops: 0,
                    defects: 0,
                    within,
                    coop: false,
                    detected: false,
                    project: false,
                });
            }
            // Anchors' supplier ties are not counted by a tag.
            if s != ANCHOR {
                let tag = [
                    Flow::TiesByClosure,
                    Flow::TiesByMeeting,
                    Flow::TiesByIntroduction,
                    Flow::TiesAtFairs,
                ][s as usize];
                ledger[tag] += 1.0;
            }
        }
    }
}
