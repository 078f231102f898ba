//! Tie formation: ties formed during a run, in one batch per step.
//!
//! A mechanism that forms ties (anchor firms' supplier ties; triadic closure, fairs, …) proposes
//! them during its phase through the hook [`FirmSimulation::propose_tie`]; the formation
//! phase ([`FirmSimulation::form_ties`], the schedule's last phase) then takes the batch:
//! it drops self-loops, proposals involving an exited firm and pairs already tied, merges
//! duplicates, keeps a pair only if its ends agree (under [`Consent::Both`] both ends must
//! have proposed it, under [`Consent::Either`] one is enough) and adds the ties in
//! increasing `(lower id, higher id)` order, with trust `τ0` both ways, no encounters, and
//! the within-group flag of the initial ties. A firm that lacks free slots for its new ties
//! grows by exactly what it lacks, all such firms in one re-layout (see `ties/grow.rs`:
//! memory only, and the model slot numbers — the draw keys — of every existing position are
//! kept), so nothing else about the run changes. Steps without proposals do nothing, and
//! the batch buffers are kept from step to step (no allocation once they are large enough).
//!
//! Configuration: none yet (the proposing mechanism's). Phase: after demography. Stream:
//! [`PHASE`], for the proposing mechanisms' draws ([`FirmSimulation::formation_draws`]);
//! the batch itself draws nothing. Flows: none.

use super::super::FirmSimulation;
use crate::rng::{Keyed, Phase};

/// The stream of the proposals' draws.
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const PHASE: Phase = Phase::TieFormation;

/// Whether a new tie needs both ends' proposals.
// No shipped mechanism proposes ties yet: the tests use every part of this API.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Consent {
    /// One end's proposal forms the tie.
    #[default]
    Either,
    /// Both ends must propose it in the same step.
    Both,
}

/// The batch of one step's proposals, and the buffers of the formation phase (kept).
#[derive(Clone, Debug, Default)]
pub(crate) struct Batch {
    /// Proposals as `(lower id, higher id, whether the higher id proposed)`.
    proposals: Vec<(u32, u32, bool)>,
    /// The pairs to form, as `(lower, higher)`.
    formed: Vec<(u32, u32)>,
    /// Every end of the pairs to form (sorted to count each firm's new ties).
    ends: Vec<u32>,
    /// `(firm, slots it lacks)`, ascending.
    lacking: Vec<(u32, u32)>,
    /// The consent rule.
    pub(crate) consent: Consent,
}

impl FirmSimulation {
    /// The hook of tie-forming mechanisms: firm `from` proposes a tie to firm `to` this
    /// step (formed, or not, by the formation phase at the end of the step; see the module
    /// docs). Never fails: a proposal that cannot be formed is dropped there.
    pub(crate) fn propose_tie(&mut self, from: usize, to: usize) {
        let (lo, hi) = (from.min(to) as u32, from.max(to) as u32);
        self.formation.proposals.push((lo, hi, from > to));
    }

    #[cfg_attr(not(test), allow(dead_code))]
    /// The counter-based draws of the formation stream of the current step, for the
    /// proposing mechanisms.
    pub(crate) fn formation_draws(&self) -> Keyed {
        self.streams.keyed(self.t, PHASE)
    }

    /// The formation phase: forms the batch of proposals of this step (see the module docs)
    /// and empties it. Returns whether any tie was formed (the chunk layout then needs
    /// updating). **O(proposals · log)** plus, if a firm grew, **O(slots)**.
    pub(crate) fn form_ties(&mut self) -> bool {
        if self.formation.proposals.is_empty() {
            return false;
        }
        let mut b = std::mem::take(&mut self.formation);
        b.proposals.sort_unstable();
        b.formed.clear();
        let mut k = 0;
        while k < b.proposals.len() {
            let (lo, hi, _) = b.proposals[k];
            let (mut by_lower, mut by_higher) = (false, false);
            while k < b.proposals.len() && (b.proposals[k].0, b.proposals[k].1) == (lo, hi) {
                by_higher |= b.proposals[k].2;
                by_lower |= !b.proposals[k].2;
                k += 1;
            }
            let (lo, hi) = (lo as usize, hi as usize);
            let agreed = match b.consent {
                Consent::Either => true,
                Consent::Both => by_lower && by_higher,
            };
            if agreed
                && lo != hi
                && hi < self.firms.len()
                && self.firms.alive[lo] != 0
                && self.firms.alive[hi] != 0
                && !self.ties.tied(lo, hi)
            {
                b.formed.push((lo as u32, hi as u32));
            }
        }
        b.proposals.clear();
        let formed = !b.formed.is_empty();
        if formed {
            // What each end lacks: its new ties beyond its free slots.
            b.ends.clear();
            b.ends.extend(b.formed.iter().flat_map(|&(i, j)| [i, j]));
            b.ends.sort_unstable();
            b.lacking.clear();
            for run in b.ends.chunk_by(|a, c| a == c) {
                let i = run[0] as usize;
                let free = self.ties.start[i + 1] - self.ties.start[i] - self.ties.len[i];
                let lack = (run.len() as u32).saturating_sub(free);
                if lack > 0 {
                    b.lacking.push((run[0], lack));
                }
            }
            self.ties.grow(&b.lacking);
            let tau0 = self.cfg.trust.initial as f32;
            for &(i, j) in &b.formed {
                let (i, j) = (i as usize, j as usize);
                let group = self.firms.group[i];
                let within = group == self.firms.group[j]
                    && self.cluster_groups.binary_search(&group).is_ok();
                self.ties.add_tie(i, j, tau0, tau0, within);
            }
        }
        self.formation = b;
        formed
    }
}
