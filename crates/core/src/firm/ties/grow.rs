//! Growing firms' capacities: a re-layout that widens some firms' slot ranges, moving
//! memory only.
//!
//! The decision draws are keyed by model slot numbers (see the module docs of `ties`),
//! contiguous per firm: firm `i`'s position `d` is number `model_start[i] + d` for `d` below
//! its base capacity. A growth cannot extend that range (the next firm's numbers follow),
//! so the new positions are keyed by a [`KeySegment`]: a run of fresh numbers from a
//! separate key space (at and above [`GROWTH_KEYS`], far above any slot number a layout
//! can reach), handed out in order of growth. So a growth changes no number any firm had:
//! the draws of every existing position, of every firm, stay the same.

use super::Ties;

/// The first model slot number of the growth key space (2^63; slot numbers of created
/// firms stay below 2^32 · 2^31).
pub(crate) const GROWTH_KEYS: u64 = 1 << 63;

/// A run of positions added to a firm's capacity by one growth: positions `from .. from +
/// len` of firm `firm` have model slot numbers `key .. key + len`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct KeySegment {
    /// The firm.
    pub(crate) firm: u32,
    /// Its first position (the firm's capacity before the growth).
    pub(crate) from: u32,
    /// Positions added.
    pub(crate) len: u32,
    /// Model slot number of the first position.
    pub(crate) key: u64,
}

impl Ties {
    /// The key segments of firm `i`, in order (empty unless it grew). **O(log segments)**.
    pub(crate) fn segments(&self, i: usize) -> &[KeySegment] {
        let a = self.ext.partition_point(|g| (g.firm as usize) < i);
        let b = a + self.ext[a..].partition_point(|g| g.firm as usize == i);
        &self.ext[a..b]
    }

    #[cfg(test)]
    /// The model slot number of position `d` of firm `i` (`d` below its capacity).
    pub(crate) fn key(&self, i: usize, d: u32) -> u64 {
        let base = self.base_capacity(i);
        if d < base {
            return self.model_start[i] + u64::from(d);
        }
        let g = self
            .segments(i)
            .iter()
            .find(|g| d >= g.from && d < g.from + g.len)
            .expect("a position below the capacity");
        g.key + u64::from(d - g.from)
    }

    /// Widens the slot range of each firm of `want` (`(firm, extra slots)`, firms ascending
    /// and distinct; zeros allowed) by its extra slots, keyed by fresh numbers handed out in
    /// that order. Moves memory only: every firm keeps its ties in the same order, with the
    /// same state and model slot numbers. **O(slots)**, in place: since no range shrinks,
    /// every slot moves to a higher or equal index, so one backward pass suffices.
    pub(crate) fn grow(&mut self, want: &[(u32, u32)]) {
        debug_assert!(want.windows(2).all(|w| w[0].0 < w[1].0));
        let n = self.firms();
        let added: u32 = want.iter().map(|&(_, x)| x).sum();
        if added == 0 {
            return;
        }
        // The new starts: each firm shifted by the extra slots of the firms before it.
        let old = self.start.clone();
        let mut shift = 0u32;
        let mut w = want.iter().peekable();
        for i in 0..n {
            self.start[i] = old[i] + shift;
            if let Some(&&(f, x)) = w.peek() {
                if f as usize == i {
                    if x > 0 {
                        self.ext.push(KeySegment {
                            firm: f,
                            from: old[i + 1] - old[i],
                            len: x,
                            key: self.next_key,
                        });
                        self.next_key += u64::from(x);
                    }
                    shift += x;
                    w.next();
                }
            }
        }
        self.start[n] = old[n] + shift;
        self.ext.sort_unstable_by_key(|g| (g.firm, g.from));
        let total = self.start[n] as usize;
        self.target.resize(total, 0);
        self.rev.resize(total, 0);
        self.tau.resize(total, 0.0);
        if !self.enc.is_empty() {
            self.enc.resize(total, 0);
        }
        self.flags.resize(total, 0);
        self.inbox.resize(total);
        for i in (0..n).rev() {
            let (from, to) = (old[i] as usize, self.start[i] as usize);
            for d in (0..self.len[i] as usize).rev() {
                self.relocate_slot(from + d, to + d, &old);
            }
        }
        debug_assert!(self.check());
    }

    /// The key segments' invariants (see [`Ties`]).
    pub(super) fn check_segments(&self) -> bool {
        let sorted = self
            .ext
            .windows(2)
            .all(|w| (w[0].firm, w[0].from) < (w[1].firm, w[1].from));
        let chained = (0..self.ext.len()).all(|k| {
            let g = self.ext[k];
            let expected = match k.checked_sub(1).map(|p| self.ext[p]) {
                Some(p) if p.firm == g.firm => p.from + p.len,
                _ => self.base_capacity(g.firm as usize),
            };
            (g.firm as usize) < self.firms() && g.from == expected && g.len > 0
        });
        let mut keys: Vec<(u64, u64)> = self
            .ext
            .iter()
            .map(|g| (g.key, g.key + u64::from(g.len)))
            .collect();
        keys.sort_unstable();
        let distinct = keys.windows(2).all(|w| w[0].1 <= w[1].0)
            && keys
                .iter()
                .all(|&(a, b)| a >= GROWTH_KEYS && b <= self.next_key);
        sorted && chained && distinct
    }
}
