//! The reference step's associations (`mechanisms/association.rs`), from the documented
//! rule: joins through a trusted member partner of the group (word `i` of `(step,
//! Association)`, low half `< join`), then per member the trust update `T + r(s − T)` with
//! `s = 1` iff its market income of the step (set by `market`) is `>= 0`, departure below `leave_below`, and the fee paid
//! into the group's treasury.

use super::super::config::AssociationSource;
use super::super::ledger::Flow;
use super::super::record::Ledger;
use super::{u32_unit, Reference};
use crate::rng::Phase;

/// The associations of the reference economy: per firm whether it is a member and its
/// trust; per group (in ascending id) the treasury and the step's joins and departures.
#[derive(Clone, Debug, Default)]
pub(crate) struct RefAssociations {
    pub(crate) member: Vec<bool>,
    pub(crate) trust: Vec<f64>,
    pub(crate) treasury: Vec<f64>,
    pub(crate) joins: Vec<u32>,
    pub(crate) departures: Vec<u32>,
}

impl Reference {
    /// The initial associations of the reference economy.
    pub(super) fn initial_associations(&mut self) {
        let a = &self.cfg.optional.association;
        let n = self.firms.len();
        let g = self.group_ids.len();
        let member = match a.from {
            AssociationSource::None => return,
            AssociationSource::Groups => vec![true; n],
            AssociationSource::List => (0..n as u32).map(|i| a.members.contains(&i)).collect(),
        };
        self.assoc = RefAssociations {
            member,
            trust: vec![a.initial_trust; n],
            treasury: vec![0.0; g],
            joins: vec![0; g],
            departures: vec![0; g],
        };
    }

    /// The position of firm `i`'s group among the group ids.
    pub(super) fn group_index(&self, i: usize) -> usize {
        let g = self.firms[i].group;
        self.group_ids.iter().position(|&x| x == g).unwrap_or(0)
    }

    /// One step of the associations (nothing when off).
    pub(super) fn associate(&mut self, t: u64, ledger: &mut Ledger) {
        let a = self.cfg.optional.association.clone();
        if a.from == AssociationSource::None {
            return;
        }
        while self.assoc.member.len() < self.firms.len() {
            self.assoc.member.push(false);
            self.assoc.trust.push(a.initial_trust);
        }
        self.assoc.joins.iter_mut().for_each(|x| *x = 0);
        self.assoc.departures.iter_mut().for_each(|x| *x = 0);
        let was_member = self.assoc.member.clone();
        let draws = self.streams.keyed(t, Phase::Association);
        let mut joining = vec![false; self.firms.len()];
        for (i, f) in self.firms.iter().enumerate() {
            if !f.alive || was_member[i] || a.join <= 0.0 {
                continue;
            }
            let u = u32_unit(draws.word(i as u64) as u32);
            let trusted = f.ties.iter().any(|tie| {
                was_member[tie.to]
                    && self.firms[tie.to].group == f.group
                    && f64::from(tie.trust) >= f64::from(a.join_trust as f32)
            });
            joining[i] = u < a.join && trusted;
        }
        for (i, &joins) in joining.iter().enumerate() {
            let k = self.group_index(i);
            if joins {
                self.assoc.member[i] = true;
                self.assoc.trust[i] = a.initial_trust;
                self.assoc.joins[k] += 1;
            } else if self.assoc.member[i] {
                let s = if self.firms[i].income >= 0.0 {
                    1.0
                } else {
                    0.0
                };
                let tr = self.assoc.trust[i];
                self.assoc.trust[i] = tr + a.trust_rate * (s - tr);
                if self.assoc.trust[i] < a.leave_below {
                    self.assoc.member[i] = false;
                    self.assoc.departures[k] += 1;
                    continue;
                }
            } else {
                continue;
            }
            self.firms[i].capital -= a.fee;
            self.assoc.treasury[k] += a.fee;
            ledger[Flow::AssociationFeesPaid] += a.fee;
            ledger[Flow::AssociationFeesReceived] += a.fee;
        }
    }

    /// Firm `i` exits: it leaves its association if it was a member.
    pub(super) fn association_exit(&mut self, i: usize) {
        if self.assoc.member.get(i).copied().unwrap_or(false) {
            self.assoc.member[i] = false;
            let k = self.group_index(i);
            self.assoc.departures[k] += 1;
        }
    }

    /// Members of the group at index `k` of the group ids (every group for `None`).
    pub(crate) fn association_members(&self, k: Option<usize>) -> usize {
        (0..self.assoc.member.len())
            .filter(|&i| self.assoc.member[i] && k.is_none_or(|k| self.group_index(i) == k))
            .count()
    }
}
