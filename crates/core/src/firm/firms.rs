//! The firm store: one column per firm attribute (struct of arrays), indexed by firm id.
//!
//! Ids are never reused: an exited firm keeps its row (with `alive = 0` and the values it
//! left with), and an entrant appends one. Every column is [`Firms::len`] long.

use std::mem::size_of;

/// Per-firm state, one column per attribute.
///
/// Invariants ([`Firms::check`]): every column is `len` long (`position` too, when the
/// network has positions); `alive` is 0 or 1; capital, productivity, opportunism and
/// standing are finite, opportunism in `[0, 1]`, productivity non-negative, standing in
/// `[0, 1]`; `group_pos[i]` indexes the group store (checked there, see
/// [`super::groups::Groups::check`]).
#[derive(Clone, Debug, Default)]
pub(crate) struct Firms {
    /// Capital `K_i`.
    pub(crate) capital: Vec<f64>,
    /// Productivity `a_i` (read by this step's phases).
    pub(crate) productivity: Vec<f64>,
    /// Productivity being written by settlement (swapped in after it).
    pub(crate) productivity_next: Vec<f64>,
    /// Opportunism `θ_i` (read by this step's phases).
    pub(crate) opportunism: Vec<f64>,
    /// Opportunism being written by learning (swapped in after it).
    pub(crate) opportunism_next: Vec<f64>,
    /// Standing (reputation) `s_i`.
    pub(crate) standing: Vec<f64>,
    /// Net income of the last step.
    pub(crate) income: Vec<f64>,
    /// The part of `income` earned through ties (projects, transaction costs, fines).
    pub(crate) tie_income: Vec<f64>,
    /// Group id (the network's block or the nodes file's group).
    pub(crate) group: Vec<u32>,
    /// Index of the firm's group in the group store.
    pub(crate) group_pos: Vec<u32>,
    /// Projects the firm took part in during the last step.
    pub(crate) decisions: Vec<u32>,
    /// Of which it cooperated in.
    pub(crate) cooperations: Vec<u32>,
    /// 1 while the firm is in the economy, 0 after its exit.
    pub(crate) alive: Vec<u8>,
    /// Positions in the plane, when the network has them.
    pub(crate) position: Option<Vec<[f64; 2]>>,
}

/// The initial attributes of one firm, as [`Firms::push`] appends them.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NewFirm {
    /// Initial capital.
    pub(crate) capital: f64,
    /// Initial productivity.
    pub(crate) productivity: f64,
    /// Initial opportunism.
    pub(crate) opportunism: f64,
    /// Group id.
    pub(crate) group: u32,
    /// Position of the group in the group store.
    pub(crate) group_pos: u32,
    /// Position in the plane, if the network has positions.
    pub(crate) position: Option<[f64; 2]>,
}

impl Firms {
    /// Number of firms ever present (alive or exited).
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.capital.len()
    }

    /// Appends an alive firm with standing 1, no income and no decisions.
    pub(crate) fn push(&mut self, f: NewFirm) {
        self.capital.push(f.capital);
        self.productivity.push(f.productivity);
        self.productivity_next.push(f.productivity);
        self.opportunism.push(f.opportunism);
        self.opportunism_next.push(f.opportunism);
        self.standing.push(1.0);
        self.income.push(0.0);
        self.tie_income.push(0.0);
        self.group.push(f.group);
        self.group_pos.push(f.group_pos);
        self.decisions.push(0);
        self.cooperations.push(0);
        self.alive.push(1);
        if let (Some(p), Some(at)) = (self.position.as_mut(), f.position) {
            p.push(at);
        }
    }

    /// Reserves room for `firms` more firms, so that appending them does not reallocate.
    pub(crate) fn reserve(&mut self, firms: usize) {
        for v in [
            &mut self.capital,
            &mut self.productivity,
            &mut self.productivity_next,
            &mut self.opportunism,
            &mut self.opportunism_next,
            &mut self.standing,
            &mut self.income,
            &mut self.tie_income,
        ] {
            v.reserve(firms);
        }
        for v in [
            &mut self.group,
            &mut self.group_pos,
            &mut self.decisions,
            &mut self.cooperations,
        ] {
            v.reserve(firms);
        }
        self.alive.reserve(firms);
        if let Some(p) = self.position.as_mut() {
            p.reserve(firms);
        }
    }

    /// Firms that fit without reallocating (the smallest column capacity).
    pub(crate) fn capacity(&self) -> usize {
        [
            self.capital.capacity(),
            self.productivity.capacity(),
            self.opportunism.capacity(),
            self.group.capacity(),
            self.alive.capacity(),
        ]
        .into_iter()
        .min()
        .unwrap_or(0)
    }

    /// Bytes of state held (the columns' lengths times their element sizes; positions
    /// included when present).
    pub(crate) fn bytes(&self) -> usize {
        let n = self.len();
        n * (8 * size_of::<f64>() + 4 * size_of::<u32>() + size_of::<u8>())
            + self
                .position
                .as_ref()
                .map_or(0, |p| p.len() * size_of::<[f64; 2]>())
    }

    /// Checks the invariants (see the type's docs). **O(firms)**.
    pub(crate) fn check(&self) -> bool {
        let n = self.len();
        let f64s = [
            &self.capital,
            &self.productivity,
            &self.productivity_next,
            &self.opportunism,
            &self.opportunism_next,
            &self.standing,
            &self.income,
            &self.tie_income,
        ];
        let u32s = [
            &self.group,
            &self.group_pos,
            &self.decisions,
            &self.cooperations,
        ];
        f64s.iter().all(|v| v.len() == n)
            && u32s.iter().all(|v| v.len() == n)
            && self.alive.len() == n
            && self.position.as_ref().is_none_or(|p| p.len() == n)
            && self.alive.iter().all(|&a| a <= 1)
            && self.capital.iter().all(|k| k.is_finite())
            && self.productivity.iter().all(|&a| a.is_finite() && a >= 0.0)
            && self.opportunism.iter().all(|&o| (0.0..=1.0).contains(&o))
            && self.standing.iter().all(|&s| (0.0..=1.0).contains(&s))
    }
}
