//! Demography at the end of a step: tie breaks, exits and entries (with the entrants' partner
//! search), and the compaction of the slot layout that frees exited firms' slots.

use super::ledger::Flow;
use super::mechanisms::entry;
use super::FirmSimulation;

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
        let mut rng = self.streams.stream(step, entry::PHASE);
        for c in 0..chunks {
            for k in 0..self.chunk_exits[c].len() {
                let i = self.chunk_exits[c][k] as usize;
                self.firms.alive[i] = 0;
                self.groups.members[self.firms.group_pos[i] as usize] -= 1;
                self.exits += 1;
                self.ledger[Flow::ExitCapital] += self.firms.capital[i];
                self.ties.retire_firm(i);
                let k = self.firms.group_pos[i] as usize;
                self.associations.leave_on_exit(i, k);
                changed = true;
                if entry::comes(d.entry, &mut rng) {
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
        self.ties.compact(&self.firms.alive);
    }
}
