//! The association store: which firms are members of their group's association, each
//! member's trust in it, and per group the member count and the step's joins and departures.
//! There is one association per group (the group store's row, [`super::groups::Groups`],
//! whose `treasury` is the association's treasury). Empty (no column allocated) when the
//! mechanism `association` is off.

use std::mem::size_of;

use super::config::{AssociationConfig, AssociationSource};
use super::record::GroupStats;

/// `member[i]` of a firm that is not a member.
pub(crate) const OUTSIDE: u8 = 0;
/// `member[i]` of a member.
pub(crate) const MEMBER: u8 = 1;
/// `member[i]` of a firm joining in the current step (only inside the association pass).
pub(crate) const JOINING: u8 = 2;

/// Association state: per-firm columns (`member`, `trust`, indexed by firm id) and per-group
/// columns (indexed by the group's position in the group store).
///
/// Invariants ([`Associations::check`], when on): the per-firm columns are as long as the
/// firm store; `member` is [`OUTSIDE`] or [`MEMBER`] and only alive firms are members;
/// `members[k]` is the number of members with `group_pos = k`; trust in `[0, 1]`; every
/// treasury is finite and `>= 0`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Associations {
    /// Whether the mechanism is on (otherwise every column is empty).
    pub(crate) on: bool,
    /// Per firm: [`OUTSIDE`] or [`MEMBER`] ([`JOINING`] during the pass).
    pub(crate) member: Vec<u8>,
    /// Per firm: its trust in its group's association (kept after it leaves).
    pub(crate) trust: Vec<f64>,
    /// Per group: members.
    pub(crate) members: Vec<u32>,
    /// Per group: firms that joined in the last step.
    pub(crate) joins: Vec<u32>,
    /// Per group: members that left in the last step (by their trust, or by their exit).
    pub(crate) departures: Vec<u32>,
}

impl Associations {
    /// The associations of `cfg` over firms in groups `group_pos` (all alive) among `groups`
    /// groups: every firm a member (`from = groups`), the listed ones (`from = list`), or
    /// none and nothing allocated (off).
    pub(crate) fn new(cfg: &AssociationConfig, group_pos: &[u32], groups: usize) -> Self {
        let n = group_pos.len();
        let mut member = match cfg.from {
            AssociationSource::None => return Associations::default(),
            AssociationSource::Groups => vec![MEMBER; n],
            AssociationSource::List => vec![OUTSIDE; n],
        };
        for &i in &cfg.members {
            if let Some(m) = member.get_mut(i as usize) {
                *m = MEMBER;
            }
        }
        let mut members = vec![0u32; groups];
        for (m, &k) in member.iter().zip(group_pos) {
            members[k as usize] += u32::from(*m == MEMBER);
        }
        Associations {
            on: true,
            member,
            trust: vec![cfg.initial_trust; n],
            members,
            joins: vec![0; groups],
            departures: vec![0; groups],
        }
    }

    /// Appends an entrant (not a member, trust `initial`).
    pub(crate) fn push_firm(&mut self, initial: f64) {
        if self.on {
            self.member.push(OUTSIDE);
            self.trust.push(initial);
        }
    }

    /// Reserves room for `firms` more firms.
    pub(crate) fn reserve(&mut self, firms: usize) {
        if self.on {
            self.member.reserve(firms);
            self.trust.reserve(firms);
        }
    }

    /// Firm `i` of group position `k` exits: if it was a member, it leaves (a departure).
    #[inline]
    pub(crate) fn leave_on_exit(&mut self, i: usize, k: usize) {
        if self.on && self.member[i] == MEMBER {
            self.member[i] = OUTSIDE;
            self.members[k] -= 1;
            self.departures[k] += 1;
        }
    }

    /// Bytes of state held.
    pub(crate) fn bytes(&self) -> usize {
        self.member.len() * (size_of::<u8>() + size_of::<f64>()) + self.members.len() * 3 * 4
    }

    /// Checks the invariants against the firms' `alive` and `group_pos` columns and the
    /// groups' `treasury`. **O(firms)**.
    pub(crate) fn check(&self, alive: &[u8], group_pos: &[u32], treasury: &[f64]) -> bool {
        let treasury_ok = treasury.iter().all(|t| t.is_finite() && *t >= 0.0);
        if !self.on {
            return self.member.is_empty() && self.members.is_empty() && treasury_ok;
        }
        let g = self.members.len();
        let mut members = vec![0u32; g];
        let firms_ok = self
            .member
            .iter()
            .zip(alive)
            .zip(group_pos)
            .all(|((&m, &a), &k)| {
                if m == MEMBER && (k as usize) < g {
                    members[k as usize] += 1;
                }
                m == OUTSIDE || (m == MEMBER && a != 0)
            });
        self.member.len() == alive.len()
            && self.trust.len() == alive.len()
            && self.trust.iter().all(|t| (0.0..=1.0).contains(t))
            && self.joins.len() == g
            && self.departures.len() == g
            && treasury.len() == g
            && treasury_ok
            && firms_ok
            && members == self.members
    }

    /// Fills the association columns of the statistics from the firms' `group_pos` and the
    /// groups' `treasury`: `acc[0]` all firms, `acc[k + 1]` group position `k`. Sums first,
    /// in firm order; the mean trust of the members is NaN without members.
    pub(crate) fn fill_stats(&self, acc: &mut [GroupStats], group_pos: &[u32], treasury: &[f64]) {
        if !self.on {
            return;
        }
        for (k, a) in acc.iter_mut().enumerate() {
            a.assoc_trust_mean = 0.0;
            if k > 0 {
                a.assoc_members = self.members[k - 1] as usize;
                a.assoc_joins = u64::from(self.joins[k - 1]);
                a.assoc_departures = u64::from(self.departures[k - 1]);
                a.assoc_treasury = treasury[k - 1];
            }
        }
        for ((&m, &t), &k) in self.member.iter().zip(&self.trust).zip(group_pos) {
            if m == MEMBER {
                acc[0].assoc_trust_mean += t;
                acc[k as usize + 1].assoc_trust_mean += t;
            }
        }
        let (mut members, mut joins, mut departures, mut money) = (0, 0, 0, 0.0);
        for a in acc[1..].iter_mut() {
            members += a.assoc_members;
            joins += a.assoc_joins;
            departures += a.assoc_departures;
            money += a.assoc_treasury;
            a.assoc_trust_mean = mean(a.assoc_trust_mean, a.assoc_members);
        }
        let all = &mut acc[0];
        all.assoc_members = members;
        all.assoc_joins = joins;
        all.assoc_departures = departures;
        all.assoc_treasury = money;
        all.assoc_trust_mean = mean(all.assoc_trust_mean, members);
    }
}

/// `sum / n`, NaN when `n = 0`.
fn mean(sum: f64, n: usize) -> f64 {
    if n > 0 {
        sum / n as f64
    } else {
        f64::NAN
    }
}
