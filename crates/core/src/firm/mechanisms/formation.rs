//! Tie formation: ties formed during a run, in one batch per step.
//!
//! A mechanism that forms ties (triadic closure, meetings and introductions in `linking`,
//! fairs in `fair`, anchor firms' supplier ties in `anchor`) proposes them during its phase
//! through the hook [`FirmSimulation::propose_tie`], naming the proposal's [`Source`]; the formation
//! phase ([`FirmSimulation::form_ties`], the schedule's last phase) then takes the batch:
//! it drops self-loops, proposals involving an exited firm and pairs already tied, merges
//! duplicates, keeps a pair only if its ends agree (under [`Consent::Both`] both ends must
//! have proposed it, under [`Consent::Either`] one is enough) and adds the ties in
//! increasing `(lower id, higher id)` order — except a pair one of whose ends already has
//! `max_ties` ties (counting those formed before it in the batch; `[formation] max_ties`, 0:
//! no cap), which is dropped —, with the start trust of `[formation] start_trust` (`τ0` both
//! ways, or each end's trust from the other's reputation, all computed before any tie of the
//! batch is added), no encounters, and the within-group flag of the initial ties. A pair
//! proposed by several sources counts for the first of [`Source`]'s order (closure, meeting,
//! introduction, fair, anchor) in the step's counts of ties formed by source (ledger tags
//! `ties_by_closure`, `ties_by_meeting`, `ties_by_introduction`, `ties_at_fairs`). A firm that lacks free slots for its new ties
//! grows by exactly what it lacks, all such firms in one re-layout (see `ties/grow.rs`:
//! memory only, and the model slot numbers — the draw keys — of every existing position are
//! kept), so nothing else about the run changes. Steps without proposals do nothing, and
//! the batch buffers are kept from step to step (no allocation once they are large enough).
//!
//! Configuration: the proposing mechanisms'; the cap and the start trust from
//! [`FormationConfig`](super::super::config::FormationConfig). Phase: after demography. Stream:
//! [`PHASE`], for the proposing mechanisms' draws ([`FirmSimulation::formation_draws`]);
//! the batch itself draws nothing. Flows: the counts of ties formed by source (tags of
//! `linking` and `fair`, recorded here).

use super::super::config::StartTrust;
use super::super::ledger::Flow;
use super::super::FirmSimulation;
use crate::rng::{Keyed, Phase};

/// Who proposed a tie, in the order that credits a pair proposed by several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
pub(crate) enum Source {
    /// Triadic closure (`linking`).
    Closure = 0,
    /// A meeting (`linking`).
    Meeting = 1,
    /// A facilitator's introduction (`linking`).
    Introduction = 2,
    /// A fair (`fair`).
    Fair = 3,
    /// An anchor firm's supplier tie (`anchor`; not counted by a ledger tag).
    Anchor = 4,
}

/// The ledger tag counting the ties formed from each source, by [`Source`] value (the
/// sources after these are not counted).
const COUNTED: [Flow; 4] = [
    Flow::TiesByClosure,
    Flow::TiesByMeeting,
    Flow::TiesByIntroduction,
    Flow::TiesAtFairs,
];

/// The stream of the proposals' draws.
pub(crate) const PHASE: Phase = Phase::TieFormation;

/// Whether a new tie needs both ends' proposals.
// The shipped mechanisms use `Either`; the tests use both.
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
    /// Proposals as `(lower id, higher id, source, whether the higher id proposed)`.
    proposals: Vec<(u32, u32, u8, bool)>,
    /// The pairs to form, as `(lower, higher, source)`.
    formed: Vec<(u32, u32, u8)>,
    /// The start trusts of the pairs to form, `(τ_lower→higher, τ_higher→lower)`.
    start: Vec<(f32, f32)>,
    /// Per firm, ties formed so far in the batch (with a cap; zero between steps).
    added: Vec<u32>,
    /// Every end of the pairs to form (sorted to count each firm's new ties).
    ends: Vec<u32>,
    /// `(firm, slots it lacks)`, ascending.
    lacking: Vec<(u32, u32)>,
    /// The consent rule.
    pub(crate) consent: Consent,
}

impl FirmSimulation {
    /// The hook of tie-forming mechanisms: firm `from` proposes a tie to firm `to` this
    /// step on behalf of `source` (formed, or not, by the formation phase at the end of the
    /// step; see the module docs). Never fails: a proposal that cannot be formed is dropped
    /// there.
    pub(crate) fn propose_tie(&mut self, from: usize, to: usize, source: Source) {
        let (lo, hi) = (from.min(to) as u32, from.max(to) as u32);
        self.formation
            .proposals
            .push((lo, hi, source as u8, from > to));
    }

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
            // Sorted, so the first proposal of a pair has its first source.
            let (lo, hi, source, _) = b.proposals[k];
            let (mut by_lower, mut by_higher) = (false, false);
            while k < b.proposals.len() && (b.proposals[k].0, b.proposals[k].1) == (lo, hi) {
                by_higher |= b.proposals[k].3;
                by_lower |= !b.proposals[k].3;
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
                b.formed.push((lo as u32, hi as u32, source));
            }
        }
        b.proposals.clear();
        let cap = self.cfg.optional.formation.max_ties;
        if cap > 0 && !b.formed.is_empty() {
            // Pairs in order; one whose end is at the cap (counting this batch) is dropped.
            let cap = cap as u32;
            if b.added.len() < self.firms.len() {
                b.added.resize(self.firms.len(), 0);
            }
            let (len, added) = (&self.ties.len, &mut b.added);
            b.formed.retain(|&(i, j, _)| {
                let (i, j) = (i as usize, j as usize);
                let ok = len[i] + added[i] < cap && len[j] + added[j] < cap;
                if ok {
                    added[i] += 1;
                    added[j] += 1;
                }
                ok
            });
            for &(i, j, _) in &b.formed {
                b.added[i as usize] = 0;
                b.added[j as usize] = 0;
            }
        }
        let formed = !b.formed.is_empty();
        if formed {
            // What each end lacks: its new ties beyond its free slots.
            b.ends.clear();
            b.ends.extend(b.formed.iter().flat_map(|&(i, j, _)| [i, j]));
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
            // Start trusts, from the state before any tie of the batch.
            let tau0 = self.cfg.trust.initial;
            b.start.clear();
            match self.cfg.optional.formation.start_trust {
                StartTrust::Initial => b
                    .start
                    .extend(b.formed.iter().map(|_| (tau0 as f32, tau0 as f32))),
                StartTrust::Reputation => {
                    let w = self.cfg.reputation.weight;
                    for &(i, j, _) in &b.formed {
                        let (i, j) = (i as usize, j as usize);
                        let t_ij = super::entry::initial_trust(tau0, w, self.reputation_of(j));
                        let t_ji = super::entry::initial_trust(tau0, w, self.reputation_of(i));
                        b.start.push((t_ij, t_ji));
                    }
                }
            }
            self.ties.grow(&b.lacking);
            for (&(i, j, source), &(t_ij, t_ji)) in b.formed.iter().zip(&b.start) {
                let (i, j) = (i as usize, j as usize);
                let group = self.firms.group[i];
                let within = group == self.firms.group[j]
                    && self.cluster_groups.binary_search(&group).is_ok();
                self.ties.add_tie(i, j, t_ij, t_ji, within);
                if let Some(&tag) = COUNTED.get(source as usize) {
                    self.ledger[tag] += 1.0;
                }
            }
        }
        self.formation = b;
        formed
    }

    /// Firm `j`'s reputation as a new partner sees it: its standing times its partners'
    /// mean trust in it (`τ0` without partners).
    pub(crate) fn reputation_of(&self, j: usize) -> f64 {
        let slots = self.ties.slots(j);
        let seen = if slots.is_empty() {
            self.cfg.trust.initial
        } else {
            let k = slots.len() as f64;
            slots
                .map(|e| f64::from(self.ties.tau[self.ties.rev[e] as usize]))
                .sum::<f64>()
                / k
        };
        self.firms.standing[j] * seen
    }
}
