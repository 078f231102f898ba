//! Tie formation during the run (submodel F9b): each step, after demography, firms propose
//! new ties to the formation batch (`formation`), by three routes.
//!
//! * **Triadic closure**: with probability `closure` an alive firm `i` with partners picks a
//!   random partner `j`; if `τ_ij ≥ closure_trust`, it picks a random partner `k` of `j`; if
//!   `k ≠ i` and `τ_jk ≥ closure_trust`, `i` proposes a tie to `k` (a trusted partner's
//!   trusted partner).
//! * **Meetings**: with probability `meeting` an alive firm `i` meets a random alive firm `c`
//!   (`c ≠ i`) of its own group (`meeting_scope = "group"`), or a random alive firm of the
//!   economy that lies within `meeting_radius` of it (`"proximity"`, Euclidean distance of the
//!   network's positions), and proposes a tie to it.
//! * **Introductions**: in each facilitated group, a facilitator makes `⌊r⌋` introductions
//!   per step, plus one with probability `r − ⌊r⌋` (`r = introductions`): each draws two
//!   alive firms of the group uniformly; if they are different and not yet tied it introduces
//!   them (a proposal), at a public cost `introduction_cost`.
//!
//! The batch forms the proposals at the end of the step, under the cap `max_ties` and with
//! the start trust `start_trust` (see `formation`). Partners are taken in the order the model
//! keeps a firm's ties; group members in ascending id.
//!
//! Configuration: [`FormationConfig`] (`FirmConfig::optional.formation`, scenario section
//! `[formation]`; off with `closure`, `meeting` and `introductions` all 0, the default).
//! Phase: after demography, before the formation phase (one line in `super::super::schedule`).
//! Stream: the formation stream ([`formation::PHASE`](super::formation::PHASE)), counter-based
//! words: firm `i`'s closure reads word `4i` (low half: whether it tries, high half: the
//! partner `j`) and word `4i + 1` (low half: `j`'s partner `k`); its meeting reads word
//! `4i + 2` (low half: whether it meets, high half: whom); the facilitator of the group at
//! position `g` reads word `INTRODUCTIONS + 2^32 g` (the fractional introduction) and word
//! `INTRODUCTIONS + 2^32 g + 1 + k` for its `k`-th introduction (low and high halves: the two
//! firms). Flows: [`FLOWS`] (`facilitation_cost`, public money outside the economy; the counts
//! of ties formed by closure, meeting and introduction).

use super::super::config::{FormationConfig, MeetingScope};
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use super::formation::Source;
use super::unit32;
use crate::rng::below;

/// The money flows and counts it records.
pub(crate) const FLOWS: &[Flow] = &[
    Flow::FacilitationCost,
    Flow::TiesByClosure,
    Flow::TiesByMeeting,
    Flow::TiesByIntroduction,
];

/// The first word of the introductions' draws (far above the firms' words `4i + 3`).
pub(crate) const INTRODUCTIONS: u64 = 1 << 62;

/// The alive firms of each group, for meetings and introductions (buffers kept from step to
/// step).
#[derive(Clone, Debug, Default)]
pub(crate) struct Members {
    /// Alive firm ids, by group position, ascending within a group.
    ids: Vec<u32>,
    /// Group position `g`'s ids are `ids[off[g] .. off[g + 1]]`.
    off: Vec<u32>,
    /// Alive firm ids, ascending (for meetings by proximity).
    all: Vec<u32>,
    /// The next free index of each group (while filling `ids`).
    next: Vec<u32>,
}

/// The number of introductions of a step: `⌊r⌋`, plus one if `u < r − ⌊r⌋`.
#[inline]
pub(crate) fn introductions(r: f64, u: f64) -> u64 {
    let whole = r.floor();
    whole as u64 + u64::from(u < r - whole)
}

/// Whether two positions lie within `radius` of each other (Euclidean).
#[inline]
pub(crate) fn near(a: [f64; 2], b: [f64; 2], radius: f64) -> bool {
    let (dx, dy) = (a[0] - b[0], a[1] - b[1]);
    dx * dx + dy * dy <= radius * radius
}

impl FirmSimulation {
    /// Phase: the proposals of triadic closure, meetings and introductions (nothing when
    /// off). **O(firms)** when meetings or introductions are on (the member lists), else
    /// O(firms) reads of one word.
    pub(crate) fn link(&mut self) {
        let cfg = self.cfg.optional.formation.clone();
        if !cfg.on() {
            return;
        }
        if cfg.meeting > 0.0 || cfg.introductions > 0.0 {
            self.list_members();
        }
        let draws = self.formation_draws();
        let n = self.firms.len();
        let members = std::mem::take(&mut self.members);
        for i in 0..n {
            if self.firms.alive[i] == 0 {
                continue;
            }
            if cfg.closure > 0.0 {
                let w = draws.word(4 * i as u64);
                if unit32(w as u32) < cfg.closure {
                    if let Some(k) = self.closure_target(&cfg, i, w, draws.word(4 * i as u64 + 1)) {
                        self.propose_tie(i, k, Source::Closure);
                    }
                }
            }
            if cfg.meeting > 0.0 {
                let w = draws.word(4 * i as u64 + 2);
                if unit32(w as u32) < cfg.meeting {
                    if let Some(c) = self.met(&cfg, &members, i, (w >> 32) as u32) {
                        self.propose_tie(i, c, Source::Meeting);
                    }
                }
            }
        }
        if cfg.introductions > 0.0 {
            let mut cost = 0.0;
            for g in 0..self.groups.ids.len() {
                let id = self.groups.ids[g];
                if !cfg.facilitated_groups.is_empty() && !cfg.facilitated_groups.contains(&id) {
                    continue;
                }
                let list = &members.ids[members.off[g] as usize..members.off[g + 1] as usize];
                let base = INTRODUCTIONS + ((g as u64) << 32);
                let count = introductions(cfg.introductions, unit32(draws.word(base) as u32));
                if list.len() < 2 {
                    continue;
                }
                let m = list.len() as u32;
                for k in 0..count {
                    let w = draws.word(base + 1 + k);
                    let a = list[below(w as u32, m) as usize] as usize;
                    let b = list[below((w >> 32) as u32, m) as usize] as usize;
                    if a != b && !self.ties.tied(a, b) {
                        cost += cfg.introduction_cost;
                        self.propose_tie(a, b, Source::Introduction);
                    }
                }
            }
            self.ledger[Flow::FacilitationCost] += cost;
        }
        self.members = members;
    }

    /// Closure from firm `i` with words `w` (its try and partner) and `w1` (the partner's
    /// partner): the firm `k` it proposes to, if the legs are trusted.
    fn closure_target(&self, cfg: &FormationConfig, i: usize, w: u64, w1: u64) -> Option<usize> {
        let t = &self.ties;
        let si = t.slots(i);
        if si.is_empty() {
            return None;
        }
        let e = si.start + below((w >> 32) as u32, si.len() as u32) as usize;
        if f64::from(t.tau[e]) < cfg.closure_trust {
            return None;
        }
        let j = t.target[e] as usize;
        let sj = t.slots(j);
        let f = sj.start + below(w1 as u32, sj.len() as u32) as usize;
        let k = t.target[f] as usize;
        (k != i && f64::from(t.tau[f]) >= cfg.closure_trust).then_some(k)
    }

    /// The firm `i` meets with draw `x` (if any).
    fn met(&self, cfg: &FormationConfig, members: &Members, i: usize, x: u32) -> Option<usize> {
        let c = match cfg.meeting_scope {
            MeetingScope::Group => {
                let g = self.firms.group_pos[i] as usize;
                let list = &members.ids[members.off[g] as usize..members.off[g + 1] as usize];
                list[below(x, list.len() as u32) as usize] as usize
            }
            MeetingScope::Proximity => {
                let c = members.all[below(x, members.all.len() as u32) as usize] as usize;
                let p = self.firms.position.as_ref()?;
                if !near(p[i], p[c], cfg.meeting_radius) {
                    return None;
                }
                c
            }
        };
        (c != i).then_some(c)
    }

    /// Fills the member lists from the alive firms (a counting sort by group position).
    fn list_members(&mut self) {
        let m = &mut self.members;
        let g = self.groups.ids.len();
        m.off.clear();
        m.off.resize(g + 1, 0);
        m.all.clear();
        for (i, &pos) in self.firms.group_pos.iter().enumerate() {
            if self.firms.alive[i] != 0 {
                m.off[pos as usize + 1] += 1;
                m.all.push(i as u32);
            }
        }
        for k in 0..g {
            m.off[k + 1] += m.off[k];
        }
        m.ids.clear();
        m.ids.resize(m.all.len(), 0);
        m.next.clear();
        m.next.extend_from_slice(&m.off[..g]);
        for &i in &m.all {
            let pos = self.firms.group_pos[i as usize] as usize;
            m.ids[m.next[pos] as usize] = i;
            m.next[pos] += 1;
        }
    }
}
