//! Entry (submodel F9): right after an exit, with probability `entry`, an entrant takes the
//! exited firm's place (same group and position) and looks for `entry_ties` partners among
//! the alive firms of its group with a free slot (and, when tie formation caps ties per firm,
//! fewer than `max_ties` ties). Its trust in a partner `j` blends `τ0` with
//! `j`'s reputation (standing times its partners' mean trust in it).
//!
//! Configuration: [`DemographyConfig`](super::super::config::DemographyConfig) (`entry`,
//! `entry_ties`) and [`ReputationConfig`](super::super::config::ReputationConfig)
//! (`weight`). Phase: demography, after the exit it replaces. Stream: [`PHASE`], the ChaCha
//! stream of the step read sequentially (one `u64` per exit: whether an entrant comes; one
//! `u32` per partner try); the entrant's attributes from its own streams (as the initial
//! firms'). Flows: [`FLOWS`].

use rand::Rng;

use super::super::firms::NewFirm;
use super::super::ledger::Flow;
use super::super::{draw, FirmSimulation};
use crate::rng::{below, unit_f64, Phase};

/// The stream of the entry draws.
pub(crate) const PHASE: Phase = Phase::Entry;
/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::EntryCapital];

/// Whether an entrant replaces an exit, from the next `u64` of the entry stream.
#[inline]
pub(crate) fn comes<R: Rng>(entry: f64, rng: &mut R) -> bool {
    entry > 0.0 && unit_f64(rng.next_u64()) < entry
}

/// An entrant's trust in a partner of reputation `rep`: `(1 − w) τ0 + w · rep`.
#[inline]
pub(crate) fn initial_trust(tau0: f64, w: f64, rep: f64) -> f32 {
    ((1.0 - w) * tau0 + w * rep) as f32
}

impl FirmSimulation {
    /// Adds an entrant replacing firm `parent` (same group and position) with up to
    /// `entry_ties` ties to random alive firms of the group that have a free slot: per tie,
    /// up to 32 draws of an id uniform among every id created before the entrant (alive or
    /// exited, any group; entrants of this step included), a draw rejected if that firm has
    /// exited, is of another group, has no free slot, is already its partner or already has
    /// `[formation] max_ties` ties (when that cap is set); so an
    /// entrant can end with fewer ties. Its trust in a partner `j` is `(1 − w) τ0 + w ·
    /// standing_j · (mean trust of j's partners in j, τ0 if none)`, `j`'s trust in it `τ0`.
    /// A firm's relationship capacity is its initial degree plus the slack (1 when entry is
    /// on), or `entry_ties` plus the slack for an entrant; ties lost to exits and breaks free
    /// capacity.
    pub(crate) fn enter<R: Rng>(&mut self, parent: usize, rng: &mut R) {
        let id = self.firms.len();
        let group = self.firms.group[parent];
        let cfg = &self.cfg;
        let capital = draw(&self.streams, &cfg.init, 0, id);
        let group_pos = self.groups.pos(group);
        self.firms.push(NewFirm {
            capital,
            productivity: draw(&self.streams, &cfg.init, 1, id),
            opportunism: draw(&self.streams, &cfg.init, 2, id),
            group,
            group_pos,
            position: self.firms.position.as_ref().map(|p| p[parent]),
        });
        self.groups.members[group_pos as usize] += 1;
        self.associations
            .push_firm(cfg.optional.association.initial_trust);
        self.ledger[Flow::EntryCapital] += capital;
        self.entries += 1;
        let m = cfg.demography.entry_ties;
        self.ties.push_firm(m + self.slack);
        let tau0 = cfg.trust.initial;
        let w = cfg.reputation.weight;
        let within = self.cluster_groups.binary_search(&group).is_ok();
        let pool = id as u32;
        // The cap on ties of tie formation (0: none) also bounds the entrant's partners.
        let cap = cfg.optional.formation.max_ties;
        for _ in 0..m {
            for _ in 0..32 {
                let j = below(rng.next_u32(), pool) as usize;
                if self.firms.alive[j] == 0
                    || self.firms.group[j] != group
                    || self.ties.full(j)
                    || self.ties.tied(id, j)
                    || (cap > 0 && u64::from(self.ties.len[j]) >= cap)
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
                let rep = self.firms.standing[j] * seen;
                let tau_new = initial_trust(tau0, w, rep);
                self.ties.add_tie(id, j, tau_new, tau0 as f32, within);
                break;
            }
        }
    }
}
