//! The group store: one row per group of firms (the network's blocks, or the groups of a
//! nodes file), in ascending id. It is where an association's state lives: today its
//! members count and a treasury (no shipped mechanism pays into a group's treasury yet;
//! fines to the treasury go to the economy-wide one, [`super::FirmSimulation::treasury`]).

use std::mem::size_of;

/// Per-group state, one column per attribute, indexed by the group's position (its rank
/// among the ids).
///
/// Invariants ([`Groups::check`]): `ids` is sorted and distinct; every column is as long
/// as `ids`; `members[k]` is the number of alive firms `i` with `group_pos[i] = k`, and
/// `ids[group_pos[i]] = group[i]` for every firm; treasuries are finite.
#[derive(Clone, Debug, Default)]
pub(crate) struct Groups {
    /// The group ids, ascending.
    pub(crate) ids: Vec<u32>,
    /// Alive firms of each group.
    pub(crate) members: Vec<u32>,
    /// Money held by each group (an association's treasury).
    pub(crate) treasury: Vec<f64>,
}

impl Groups {
    /// The groups of the firms' group ids `group` (all alive), with empty treasuries.
    pub(crate) fn of(group: &[u32]) -> Groups {
        let mut ids = group.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut members = vec![0u32; ids.len()];
        for g in group {
            members[ids.binary_search(g).unwrap_or(0)] += 1;
        }
        Groups {
            treasury: vec![0.0; ids.len()],
            ids,
            members,
        }
    }

    /// Number of groups.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// The position of group `id` (0 if it is not a group: entrants copy a firm's group, so
    /// every id asked for is one).
    #[inline]
    pub(crate) fn pos(&self, id: u32) -> u32 {
        self.ids.binary_search(&id).unwrap_or(0) as u32
    }

    /// Groups that fit without reallocating.
    pub(crate) fn capacity(&self) -> usize {
        self.ids
            .capacity()
            .min(self.members.capacity())
            .min(self.treasury.capacity())
    }

    /// Bytes of state held.
    pub(crate) fn bytes(&self) -> usize {
        self.len() * (2 * size_of::<u32>() + size_of::<f64>())
    }

    /// Checks the invariants against the firms' `group`, `group_pos` and `alive` columns.
    /// **O(firms)**.
    pub(crate) fn check(&self, group: &[u32], group_pos: &[u32], alive: &[u8]) -> bool {
        let g = self.len();
        let mut members = vec![0u32; g];
        let firms_ok = group
            .iter()
            .zip(group_pos)
            .zip(alive)
            .all(|((&id, &k), &a)| {
                let k = k as usize;
                if k < g && a != 0 {
                    members[k] += 1;
                }
                k < g && self.ids[k] == id
            });
        self.ids.windows(2).all(|w| w[0] < w[1])
            && self.members.len() == g
            && self.treasury.len() == g
            && self.treasury.iter().all(|t| t.is_finite())
            && firms_ok
            && members == self.members
    }
}

/// Per-group state of the buying groups (mechanism `buying_group`), indexed by the group's
/// position: what the last step's pass did. Empty when the mechanism is off.
#[derive(Clone, Debug, Default)]
pub(crate) struct BuyingGroups {
    /// Whether the mechanism is on (otherwise every column is empty).
    pub(crate) on: bool,
    /// The unit price `u(n)` the members paid.
    pub(crate) unit_cost: Vec<f64>,
    /// Each paying member's bill: its own share plus an equal part of the free-riders'.
    pub(crate) share: Vec<f64>,
    /// Whether monitoring ran (it was paid for).
    pub(crate) monitored: Vec<bool>,
    /// Members that free-rode.
    pub(crate) free_riders: Vec<u32>,
    /// Free-riders detected (and fined).
    pub(crate) detected: Vec<u32>,
    /// What the members saved against the list price.
    pub(crate) savings: Vec<f64>,
}

impl BuyingGroups {
    /// The columns of `groups` groups when `on`; nothing allocated otherwise.
    pub(crate) fn new(on: bool, groups: usize) -> BuyingGroups {
        if !on {
            return BuyingGroups::default();
        }
        BuyingGroups {
            on,
            unit_cost: vec![0.0; groups],
            share: vec![0.0; groups],
            monitored: vec![false; groups],
            free_riders: vec![0; groups],
            detected: vec![0; groups],
            savings: vec![0.0; groups],
        }
    }

    /// Bytes of state held.
    pub(crate) fn bytes(&self) -> usize {
        self.unit_cost.len() * (3 * size_of::<f64>() + 2 * size_of::<u32>() + 1)
    }

    /// Checks the invariants: when on, every column has `groups` rows and at most the
    /// free-riders are detected; savings finite and `>= 0`.
    pub(crate) fn check(&self, groups: usize) -> bool {
        if !self.on {
            return self.unit_cost.is_empty();
        }
        [
            self.unit_cost.len(),
            self.share.len(),
            self.monitored.len(),
            self.free_riders.len(),
            self.detected.len(),
            self.savings.len(),
        ]
        .iter()
        .all(|&l| l == groups)
            && self
                .detected
                .iter()
                .zip(&self.free_riders)
                .all(|(d, f)| d <= f)
            && self.savings.iter().all(|s| s.is_finite() && *s >= 0.0)
    }
}

impl BuyingGroups {
    /// Fills the buying-group columns of the statistics: `acc[k + 1]` group position `k`,
    /// `acc[0]` their sums in group order (nothing when off).
    pub(crate) fn fill_stats(&self, acc: &mut [super::record::GroupStats]) {
        if !self.on {
            return;
        }
        let (mut saved, mut riders, mut detected) = (0.0, 0, 0);
        for (k, a) in acc.iter_mut().enumerate().skip(1) {
            a.buying_savings = self.savings[k - 1];
            a.free_riders = u64::from(self.free_riders[k - 1]);
            a.free_riders_detected = u64::from(self.detected[k - 1]);
            saved += a.buying_savings;
            riders += a.free_riders;
            detected += a.free_riders_detected;
        }
        acc[0].buying_savings = saved;
        acc[0].free_riders = riders;
        acc[0].free_riders_detected = detected;
    }
}
