//! Agent-level views of a firm-economy run's state: one [`FirmRow`] per firm and one
//! [`TieRow`] per undirected tie, read by the output writers at the steps they snapshot
//! (the core does no I/O). Reading them allocates nothing and costs nothing on steps that are
//! not snapshotted: they are accessors on [`FirmSimulation`], called between steps.

use super::associations::MEMBER;
use super::FirmSimulation;

/// The state of one firm after the current step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FirmRow {
    /// The firm's id (`0 ..` in order of entry; ids are never reused).
    pub id: u32,
    /// Its group.
    pub group: u32,
    /// Whether it is alive (an exited firm keeps the values it left with).
    pub alive: bool,
    /// Its capital.
    pub capital: f64,
    /// Its productivity.
    pub productivity: f64,
    /// Its opportunism.
    pub opportunism: f64,
    /// Whether it is a member of its group's association; `None` when the mechanism
    /// `association` is off.
    pub member: Option<bool>,
    /// Its trust in its group's association when it is a member; `None` otherwise (a
    /// non-member's trust is reset when it joins) and when the mechanism is off.
    pub association_trust: Option<f64>,
}

/// One undirected tie after the current step, seen from both ends.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TieRow {
    /// The end with the smaller id.
    pub a: u32,
    /// The end with the larger id.
    pub b: u32,
    /// Trust of `a` in `b`, `τ_ab`.
    pub trust_ab: f64,
    /// Trust of `b` in `a`, `τ_ba`.
    pub trust_ba: f64,
    /// Whether both ends are in the same group.
    pub within_group: bool,
}

impl FirmSimulation {
    /// The row of firm `i` (`i < self.len()`).
    ///
    /// # Panics
    /// If `i` is not a firm id.
    pub fn firm_row(&self, i: usize) -> FirmRow {
        let f = &self.firms;
        let a = &self.associations;
        let member = a.on.then(|| a.member[i] == MEMBER);
        FirmRow {
            id: i as u32,
            group: f.group[i],
            alive: f.alive[i] != 0,
            capital: f.capital[i],
            productivity: f.productivity[i],
            opportunism: f.opportunism[i],
            member,
            association_trust: (member == Some(true)).then(|| a.trust[i]),
        }
    }

    /// Every firm's row, in id order (exited firms included).
    pub fn firm_rows(&self) -> impl Iterator<Item = FirmRow> + '_ {
        (0..self.len()).map(|i| self.firm_row(i))
    }

    /// Every undirected tie once, from its end with the smaller id, in that end's id order
    /// then slot order (the order is deterministic but not sorted by the other end).
    pub fn tie_rows(&self) -> impl Iterator<Item = TieRow> + '_ {
        let t = &self.ties;
        let g = &self.firms.group;
        (0..self.len()).flat_map(move |i| {
            t.slots(i).filter_map(move |e| {
                let j = t.target[e] as usize;
                (i < j).then(|| TieRow {
                    a: i as u32,
                    b: j as u32,
                    trust_ab: f64::from(t.tau[e]),
                    trust_ba: f64::from(t.tau[t.rev[e] as usize]),
                    within_group: g[i] == g[j],
                })
            })
        })
    }
}
