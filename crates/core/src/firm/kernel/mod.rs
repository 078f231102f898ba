//! The parallel passes of a step over fixed chunks of firms, fused where that is measured
//! to matter (one pass over the tie slots per phase): `decide` (market income, then per tie
//! slot the decision, its detection and whether the tie runs a project) and `settle`
//! (per slot: payoffs, transaction costs, fines, trust, spillovers; then per firm capital,
//! productivity and standing). Both read as calls into the mechanisms
//! (`super::mechanisms`); the order of the phases is `super::schedule`.
//!
//! Each phase reads only what earlier phases (or the previous step) wrote: `decide` writes
//! each slot's flags and posts them to the partner's end of the tie (the slot `rev[e]` of
//! the [`super::ties::Inbox`]), which `settle` reads in slot order; `settle` writes
//! `productivity_next`, which is swapped in afterwards. Draws are counter-based
//! ([`crate::rng::Keyed`]), each mechanism's stream and words named in its module. Nothing
//! depends on how chunks are spread on threads.

mod decide;
mod settle;

pub(crate) use settle::SlotTable;

use super::ledger::Ledger;
use super::FirmSimulation;
use crate::chunk::CHUNK;

/// Splits `s` into consecutive pieces ending at each of `ends` (non-decreasing, the last
/// equal to `s.len()`), lazily and without allocating.
pub(crate) fn split_at_ends<'a, T>(
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
        let n = self.firms.len();
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
}
