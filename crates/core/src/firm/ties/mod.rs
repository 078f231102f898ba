//! Directed tie state aligned with a compact adjacency that can lose and gain ties in place.
//!
//! Firm `i` owns the slot range `start[i] .. start[i + 1]`; the first `len[i]` slots are its
//! ties, in any order. Slot `e = (i → j)` holds `i`'s view of `j`: trust
//! `τ_ij`, how often `j` cooperated with / defected on `i` (one `u64`: cooperations in the
//! low half, defections in the high half), and per-step flags; `rev[e]` is the
//! slot `(j → i)`, so `j`'s view of `i` is one index away.
//!
//! Removing a tie swaps the owner's last slot into the hole and fixes one `rev` entry:
//! **O(1)** per removed slot, no rebuild; adding a tie uses a free slot of each end, **O(1)**
//! (a firm without one grows first, see `grow.rs`).
//! Since chunks of consecutive firms own consecutive slots, the parallel phases split the slot
//! arrays by chunk without copying.
//!
//! The layout is memory only; the model sees a firm's slots through its **model slot
//! numbers** `model_start[i] ..`, the indices its slots would have had the layout never been
//! compacted: the decision draws are keyed by them, and `model_start[i + 1] − model_start[i]`
//! is the firm's relationship capacity at creation (see [`Ties::capacity`]). An alive firm's
//! slot range is always exactly its capacity; an exited firm's range is freed by
//! [`Ties::compact`].
//!
//! A firm's capacity can grow during a run (see `grow.rs`): its range is widened in a
//! re-layout that moves memory only, and the new positions get fresh model slot numbers
//! from a separate key space ([`KeySegment`]), so the positions it had keep their numbers
//! and every other firm's numbers stay as they were.

mod grow;

use std::mem::size_of;
use std::sync::atomic::AtomicU8;

pub(crate) use grow::KeySegment;

use crate::network::Csr;

/// Flag: this slot's owner cooperated this step.
pub(crate) const ACT: u8 = 1;
/// Flag: this slot's owner defected and was detected.
pub(crate) const DET: u8 = 2;
/// Flag (kept on the slot of the lower-id partner): the tie ran a project this step.
pub(crate) const OCC: u8 = 4;
/// Flag (both slots): the tie lies inside a cluster group.
pub(crate) const WITHIN: u8 = 8;

/// One cooperation seen, in an encounter count ([`Ties::enc`]).
pub(crate) const ENC_COOP: u64 = 1;
/// One defection seen, in an encounter count ([`Ties::enc`]).
pub(crate) const ENC_DEFECT: u64 = 1 << 32;

/// Struct-of-arrays tie state; see the module docs for the layout.
///
/// Invariants ([`Ties::check`]): `start` and `model_start` are `firms + 1` long and
/// non-decreasing; every firm's slot range `start[i + 1] − start[i]` is its
/// [`capacity`](Ties::capacity) or (an exited firm's, after compaction) empty; `len[i]` is
/// at most the range; for every live slot `e` of `i`, `target[e] = j != i`, `rev[e]` is a
/// live slot of `j` with `target[rev[e]] = i` and `rev[rev[e]] = e`, and no two live slots
/// of `i` have the same target (no duplicate ties); `ties` counts live slot pairs; the key
/// segments are sorted, each firm's first one starts at its base capacity and the next at
/// the end of the previous one, and their keys are distinct and in the growth key space.
#[derive(Clone, Debug, Default)]
pub(crate) struct Ties {
    pub(crate) start: Vec<u32>,
    /// Model slot number of each firm's first slot (see the module docs); `firms + 1` long.
    pub(crate) model_start: Vec<u64>,
    pub(crate) len: Vec<u32>,
    pub(crate) target: Vec<u32>,
    pub(crate) rev: Vec<u32>,
    pub(crate) tau: Vec<f32>,
    /// Encounters seen through the slot: cooperations (low 32 bits) and defections (high).
    /// Kept only when the trust rule reads them (the Beta rule); empty otherwise.
    pub(crate) enc: Vec<u64>,
    pub(crate) flags: Vec<u8>,
    /// What each slot's partner did this step (written by the partner, see [`Inbox`]).
    pub(crate) inbox: Inbox,
    pub(crate) ties: usize,
    /// Slots in the ranges of exited firms, freed by the next [`Ties::compact`].
    pub(crate) idle: usize,
    /// The key segments of firms whose capacity grew, sorted by (firm, first position);
    /// empty unless ties were formed beyond a firm's capacity.
    pub(crate) ext: Vec<KeySegment>,
    /// The next fresh model slot number of the growth key space (see [`KeySegment`]).
    pub(crate) next_key: u64,
}

/// Per-slot messages from the partner's end of the tie, rewritten every step: during
/// `decide`, the owner of slot `r` writes its action flags into slot `rev[r]`, so that
/// `settle` reads its partners' actions in slot order (a scattered one-byte store in `decide`
/// costs less than a gathered load in `settle`, whose every result depends on it).
///
/// Each slot has exactly one writer in a step (the owner of its reverse slot), and the reads
/// come after every write (`decide` ends before `settle` starts), so the values are
/// deterministic; relaxed atomics make the concurrent writes to distinct slots safe and
/// compile to plain stores. The contents are transient: they are not moved with slots, and a
/// clone starts with zeros (the next `decide` writes every live slot).
#[derive(Debug, Default)]
pub(crate) struct Inbox {
    /// The partner's [`ACT`], [`DET`] and [`OCC`] flags.
    pub(crate) flags: Vec<AtomicU8>,
}

impl Inbox {
    /// An inbox of `len` slots.
    fn with_len(len: usize) -> Inbox {
        let mut inbox = Inbox::default();
        inbox.resize(len);
        inbox
    }

    /// Grows or shrinks to `len` slots.
    fn resize(&mut self, len: usize) {
        self.flags.resize_with(len, Default::default);
    }
}

impl Clone for Inbox {
    fn clone(&self) -> Inbox {
        Inbox::with_len(self.flags.len())
    }
}

impl Ties {
    /// The ties of `csr`, each firm with `slack` spare slots, every trust at `tau0`;
    /// `within(i, j)` says whether the tie `i–j` is a within-cluster tie; encounter counts
    /// are kept if `encounters`.
    pub(crate) fn from_csr(
        csr: &Csr,
        slack: u32,
        tau0: f32,
        encounters: bool,
        within: impl Fn(usize, usize) -> bool,
    ) -> Ties {
        let n = csr.node_count();
        let mut start = Vec::with_capacity(n + 1);
        let mut acc = 0u32;
        start.push(0);
        for i in 0..n {
            acc += csr.degree(i) as u32 + slack;
            start.push(acc);
        }
        let total = acc as usize;
        let mut t = Ties {
            len: (0..n).map(|i| csr.degree(i) as u32).collect(),
            model_start: start.iter().map(|&s| u64::from(s)).collect(),
            start,
            target: vec![0; total],
            rev: vec![0; total],
            tau: vec![tau0; total],
            enc: vec![0; if encounters { total } else { 0 }],
            flags: vec![0; total],
            inbox: Inbox::with_len(total),
            ties: csr.directed_edge_count() / 2,
            idle: 0,
            ext: Vec::new(),
            next_key: grow::GROWTH_KEYS,
        };
        for i in 0..n {
            let s = t.start[i] as usize;
            for (d, &j) in csr.neighbors(i).iter().enumerate() {
                let e = s + d;
                t.target[e] = j;
                // Neighbour lists are sorted: i's position in j's list is found by search.
                let pos = csr
                    .neighbors(j as usize)
                    .binary_search(&(i as u32))
                    .expect("undirected CSR");
                t.rev[e] = t.start[j as usize] + pos as u32;
                if within(i, j as usize) {
                    t.flags[e] = WITHIN;
                }
            }
        }
        debug_assert!(t.check());
        t
    }

    /// Number of firms.
    pub(crate) fn firms(&self) -> usize {
        self.len.len()
    }

    /// Relationship capacity of firm `i` when it was created: the length of its range of
    /// model slot numbers. **O(1)**.
    #[inline]
    pub(crate) fn base_capacity(&self, i: usize) -> u32 {
        (self.model_start[i + 1] - self.model_start[i]) as u32
    }

    /// Relationship capacity of firm `i`: how many ties it can hold (its base capacity plus
    /// what it grew by; whatever the memory layout does). **O(log segments)**.
    pub(crate) fn capacity(&self, i: usize) -> u32 {
        self.base_capacity(i) + self.segments(i).iter().map(|g| g.len).sum::<u32>()
    }

    /// Live slots of firm `i`.
    #[inline]
    pub(crate) fn slots(&self, i: usize) -> std::ops::Range<usize> {
        let s = self.start[i] as usize;
        s..s + self.len[i] as usize
    }

    /// Moves the state of slot `from` into slot `to` (fixing the partner's `rev`).
    fn move_slot(&mut self, from: usize, to: usize) {
        self.target[to] = self.target[from];
        self.rev[to] = self.rev[from];
        self.tau[to] = self.tau[from];
        if !self.enc.is_empty() {
            self.enc[to] = self.enc[from];
        }
        self.flags[to] = self.flags[from];
        let back = self.rev[to] as usize;
        self.rev[back] = to as u32;
    }

    /// Removes slot `e` of firm `i` (not its reverse). **O(1)**.
    fn remove_slot(&mut self, i: usize, e: usize) {
        let last = self.start[i] as usize + self.len[i] as usize - 1;
        if e != last {
            self.move_slot(last, e);
        }
        self.len[i] -= 1;
    }

    /// Removes the tie of slot `e` (owned by `i`) from both ends. **O(1)**.
    pub(crate) fn remove_tie(&mut self, i: usize, e: usize) {
        let j = self.target[e] as usize;
        let r = self.rev[e] as usize;
        self.remove_slot(i, e);
        self.remove_slot(j, r);
        self.ties -= 1;
    }

    /// Removes every tie of firm `i`. **O(degree)**.
    pub(crate) fn remove_firm(&mut self, i: usize) {
        while self.len[i] > 0 {
            let e = self.start[i] as usize + self.len[i] as usize - 1;
            self.remove_tie(i, e);
        }
    }

    /// Removes every tie of exiting firm `i` and counts its slot range as idle (freed by the
    /// next [`Ties::compact`]). **O(degree)**.
    pub(crate) fn retire_firm(&mut self, i: usize) {
        self.remove_firm(i);
        self.idle += (self.start[i + 1] - self.start[i]) as usize;
    }

    /// Reserves room for `firms` more firms and `slots` more slots, so that appending them
    /// does not reallocate.
    pub(crate) fn reserve(&mut self, firms: usize, slots: usize) {
        self.start.reserve(firms);
        self.model_start.reserve(firms);
        self.len.reserve(firms);
        self.target.reserve(slots);
        self.rev.reserve(slots);
        self.tau.reserve(slots);
        self.flags.reserve(slots);
        self.inbox.flags.reserve(slots);
        if !self.enc.is_empty() {
            self.enc.reserve(slots);
        }
    }

    /// Appends a firm with no ties and `capacity` slots.
    pub(crate) fn push_firm(&mut self, capacity: u32) {
        let end = *self.start.last().unwrap_or(&0);
        self.start.push(end + capacity);
        let model_end = *self.model_start.last().unwrap_or(&0);
        self.model_start.push(model_end + u64::from(capacity));
        self.len.push(0);
        let total = (end + capacity) as usize;
        self.target.resize(total, 0);
        self.rev.resize(total, 0);
        self.tau.resize(total, 0.0);
        if !self.enc.is_empty() {
            self.enc.resize(total, 0);
        }
        self.flags.resize(total, 0);
        self.inbox.resize(total);
    }

    /// Whether firm `i` has no free slot.
    #[inline]
    pub(crate) fn full(&self, i: usize) -> bool {
        self.start[i] + self.len[i] == self.start[i + 1]
    }

    /// Adds the tie `i–j` (`i != j`, not tied) with trusts `τ_ij`, `τ_ji`. **O(1)** when
    /// both have a free slot; otherwise the full ends' capacities grow by one first (a
    /// re-layout, **O(slots)**: see [`Ties::grow`]; a batch of new ties grows once, see the
    /// formation mechanism).
    pub(crate) fn add_tie(&mut self, i: usize, j: usize, tau_ij: f32, tau_ji: f32, within: bool) {
        debug_assert!(i != j && !self.tied(i, j));
        if self.full(i) || self.full(j) {
            let extra = |k: usize| u32::from(self.full(k));
            let (xi, xj) = (extra(i), extra(j));
            let mut want = [(i as u32, xi), (j as u32, xj)];
            want.sort_unstable();
            self.grow(&want);
        }
        let ei = (self.start[i] + self.len[i]) as usize;
        let ej = (self.start[j] + self.len[j]) as usize;
        self.len[i] += 1;
        self.len[j] += 1;
        let flag = if within { WITHIN } else { 0 };
        for (e, r, to, tau) in [(ei, ej, j, tau_ij), (ej, ei, i, tau_ji)] {
            self.target[e] = to as u32;
            self.rev[e] = r as u32;
            self.tau[e] = tau;
            if !self.enc.is_empty() {
                self.enc[e] = 0;
            }
            self.flags[e] = flag;
        }
        self.ties += 1;
    }

    /// Moves the tie at slot `e` to slot `f` of a new layout whose firm starts are already in
    /// `self.start` (`old`: the starts before), pointing its reverse at the partner's new
    /// position. Compaction moves slots down (in order), growth moves them up (in reverse
    /// order), so a slot is always read before it is overwritten.
    #[inline]
    fn relocate_slot(&mut self, e: usize, f: usize, old: &[u32]) {
        let j = self.target[e] as usize;
        let r = self.rev[e];
        self.target[f] = j as u32;
        self.rev[f] = self.start[j] + (r - old[j]);
        self.tau[f] = self.tau[e];
        if !self.enc.is_empty() {
            self.enc[f] = self.enc[e];
        }
        self.flags[f] = self.flags[e];
    }

    /// Compacts the layout in place: every alive firm keeps its whole slot range (its
    /// capacity: ties and free slots alike), an exited firm's range is dropped. Memory only:
    /// every firm keeps its capacity, its ties in the same order, and their model slot
    /// numbers. **O(slots)**, with no copy of the slot arrays: since no firm's range grows,
    /// every slot moves to a lower or equal index, so one forward pass suffices, and the new
    /// index of a partner's slot follows from the partner's new start.
    pub(crate) fn compact(&mut self, alive: &[u8]) {
        let n = self.firms();
        let old = self.start.clone();
        let mut acc = 0u32;
        for i in 0..n {
            self.start[i] = acc;
            if alive[i] != 0 {
                acc += old[i + 1] - old[i];
            }
        }
        self.start[n] = acc;
        for i in 0..n {
            let (from, to) = (old[i] as usize, self.start[i] as usize);
            for d in 0..self.len[i] as usize {
                self.relocate_slot(from + d, to + d, &old);
            }
        }
        let total = acc as usize;
        self.target.truncate(total);
        self.rev.truncate(total);
        self.tau.truncate(total);
        if !self.enc.is_empty() {
            self.enc.truncate(total);
        }
        self.flags.truncate(total);
        self.inbox.resize(total);
        self.idle = 0;
        debug_assert!(self.check());
    }

    /// Whether `i` and `j` are tied. **O(degree of i)**.
    pub(crate) fn tied(&self, i: usize, j: usize) -> bool {
        self.target[self.slots(i)].contains(&(j as u32))
    }

    /// Slots that fit without reallocating the slot arrays.
    pub(crate) fn slot_capacity(&self) -> usize {
        self.target
            .capacity()
            .min(self.rev.capacity())
            .min(self.tau.capacity())
            .min(self.flags.capacity())
    }

    /// Bytes of state held: per firm its slot start and live count (`u32`) and its model
    /// slot start (`u64`), per slot target and reverse (`u32`), trust (`f32`), flags and the
    /// inbox byte, and the encounter counts (`u64`) when kept; plus the key segments.
    pub(crate) fn bytes(&self) -> usize {
        let firms = self.start.len() * size_of::<u32>()
            + self.len.len() * size_of::<u32>()
            + self.model_start.len() * size_of::<u64>();
        let slots = self.target.len() * (2 * size_of::<u32>() + size_of::<f32>() + 2)
            + self.enc.len() * size_of::<u64>();
        firms + slots + self.ext.len() * size_of::<KeySegment>()
    }

    /// Checks the invariants (debug builds and tests).
    pub(crate) fn check(&self) -> bool {
        let n = self.firms();
        let mut live = 0usize;
        // mark[j] = i + 1 once a slot of i to j is seen: a second one is a duplicate.
        let mut mark = vec![0u32; n];
        self.start.len() == n + 1
            && self.model_start.len() == n + 1
            && (0..n).all(|i| {
                let r = self.slots(i);
                live += r.len();
                let range = self.start[i + 1] - self.start[i];
                (range == self.capacity(i) || range == 0)
                    && r.end <= self.start[i + 1] as usize
                    && r.clone().all(|e| {
                        let j = self.target[e] as usize;
                        let back = self.rev[e] as usize;
                        j != i
                            && j < n
                            && self.slots(j).contains(&back)
                            && self.target[back] as usize == i
                            && self.rev[back] as usize == e
                            && std::mem::replace(&mut mark[j], i as u32 + 1) != i as u32 + 1
                    })
            })
            && live == 2 * self.ties
            && self.check_segments()
    }
}

#[cfg(test)]
mod tests;
