//! Demography at the end of a step: tie breaks, exits and entries (with the entrants' partner
//! search), and the compaction of the slot layout that frees exited firms' slots.

use rand::Rng;

use super::{draw, FirmSimulation};
use crate::rng::{below, unit_f64, Phase};

impl FirmSimulation {
    /// First the tie breaks (a tie breaks when either side's trust fell below the threshold
    /// in this step's settlement), then the exits in id order, each followed at once by the
    /// draw of whether an entrant replaces it (and its entry); last, frees the slots of
    /// exited firms (compaction, memory only) once they exceed a tenth of the slots alive
    /// firms hold plus [`COMPACT_MARGIN`](super::COMPACT_MARGIN). Returns whether the firm
    /// count or any chunk's slot range changed.
    pub(super) fn demography(&mut self, step: u64) -> bool {
        let mut changed = false;
        let chunks = self.firm_ends.len();
        for c in 0..chunks {
            for k in 0..self.chunk_breaks[c].len() {
                let (i, j) = self.chunk_breaks[c][k];
                // The tie may already be gone (both sides fell below the threshold).
                let i = i as usize;
                if let Some(e) = self.ties.slots(i).find(|&e| self.ties.target[e] == j) {
                    self.ties.remove_tie(i, e);
                    changed = true;
                }
            }
        }
        let d = self.cfg.demography;
        let mut rng = self.streams.stream(step, Phase::Entry);
        for c in 0..chunks {
            for k in 0..self.chunk_exits[c].len() {
                let i = self.chunk_exits[c][k] as usize;
                self.alive[i] = 0;
                self.exits += 1;
                self.ledger.exit_capital += self.capital[i];
                self.ties.retire_firm(i);
                changed = true;
                if d.entry > 0.0 && unit_f64(rng.next_u64()) < d.entry {
                    self.enter(i, &mut rng);
                }
            }
        }
        let idle = self.ties.idle;
        let held = self.ties.target.len() - idle;
        if idle > (held / 10).saturating_add(self.compact_margin) {
            self.compact_slots();
            changed = true;
        }
        changed
    }

    /// Frees the slot ranges of exited firms (memory only: see [`Ties::compact`]).
    pub(super) fn compact_slots(&mut self) {
        self.ties.compact(&self.alive);
    }

    /// Adds an entrant replacing firm `parent` (same group and position) with up to
    /// `entry_ties` ties to random alive firms of the group that have a free slot: per tie,
    /// up to 32 draws of an id uniform among every id created before the entrant (alive or
    /// exited, any group; entrants of this step included), a draw rejected if that firm has
    /// exited, is of another group, has no free slot or is already its partner; so an
    /// entrant can end with fewer ties. Its trust in a partner `j` is `(1 − w) τ0 + w ·
    /// standing_j · (mean trust of j's partners in j, τ0 if none)`, `j`'s trust in it `τ0`.
    /// A firm's relationship capacity is its initial degree plus the slack (1 when entry is
    /// on), or `entry_ties` plus the slack for an entrant; ties lost to exits and breaks free
    /// capacity.
    fn enter<R: Rng>(&mut self, parent: usize, rng: &mut R) {
        let id = self.capital.len();
        let group = self.group[parent];
        let cfg = &self.cfg;
        let capital = draw(&self.streams, &cfg.init, 0, id);
        let a = draw(&self.streams, &cfg.init, 1, id);
        let theta = draw(&self.streams, &cfg.init, 2, id);
        self.capital.push(capital);
        self.productivity.push(a);
        self.productivity_next.push(a);
        self.opportunism.push(theta);
        self.opportunism_next.push(theta);
        self.standing.push(1.0);
        self.income.push(0.0);
        self.tie_income.push(0.0);
        self.group.push(group);
        let pos = self.group_ids.binary_search(&group).unwrap_or(0) as u32;
        self.group_pos.push(pos);
        self.decisions.push(0);
        self.cooperations.push(0);
        self.alive.push(1);
        if let Some(p) = self.position.as_mut() {
            let at = p[parent];
            p.push(at);
        }
        self.ledger.entry_capital += capital;
        self.entries += 1;
        let m = cfg.demography.entry_ties;
        self.ties.push_firm(m + self.slack);
        let tau0 = cfg.trust.initial;
        let w = cfg.reputation.weight;
        let within = self.cluster_groups.binary_search(&group).is_ok();
        let pool = id as u32;
        for _ in 0..m {
            for _ in 0..32 {
                let j = below(rng.next_u32(), pool) as usize;
                if self.alive[j] == 0
                    || self.group[j] != group
                    || self.ties.full(j)
                    || self.ties.tied(id, j)
                {
                    continue;
                }
                // Reputation of j: its standing times its partners' mean trust in it.
                let slots = self.ties.slots(j);
                let seen = if slots.is_empty() {
                    tau0
                } else {
                    let k = slots.len() as f64;
                    slots
                        .map(|e| f64::from(self.ties.tau[self.ties.rev[e] as usize]))
                        .sum::<f64>()
                        / k
                };
                let rep = self.standing[j] * seen;
                let tau_new = ((1.0 - w) * tau0 + w * rep) as f32;
                self.ties.add_tie(id, j, tau_new, tau0 as f32, within);
                break;
            }
        }
    }
}
