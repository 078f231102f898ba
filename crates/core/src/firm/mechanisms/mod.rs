//! The firm economy's mechanisms, one module each. A module holds what defines its
//! mechanism: which part of [`FirmConfig`](super::FirmConfig) configures it, its phase in the
//! schedule (`super::schedule`) and the random stream it reads (a [`Phase`](crate::rng::Phase)
//! constant, `PHASE`, where it draws), the money flows it records (`FLOWS`, tags of
//! [`Flow`](super::Flow)) and its equations as small `#[inline]` functions. The parallel
//! per-tie kernels (`super::kernel`) are fused for speed (one pass over the tie slots does
//! decisions, detection and projects; one does payoffs, fines, trust and spillovers) and read
//! as calls into these functions; per-firm and per-group mechanisms run as their own passes.
//!
//! In schedule order:
//! * [`budget`] — the public budget: which policy instruments run in the step (F2a);
//! * [`market`] — the crisis and market income (F2);
//! * [`infrastructure`] — public infrastructure lowering the fixed cost (F2a);
//! * [`public_monitoring`] — a public monitoring programme raising detection (F2a, F3);
//! * [`subsidy`] — a public subsidy per alive firm, paid with market income (F2b);
//! * [`fair`] — fairs: attendance, meetings, extra market access (F2d);
//! * [`association`] — associations: joins, trust in the association, departures, fees (F2c);
//! * [`decision`] — cooperation decisions on every tie (F3);
//! * [`monitoring`] — detection of defections and fines (F3, F4);
//! * [`projects`] — whether a tie runs a project, and its payoffs (F3, F4);
//! * [`transaction`] — transaction costs of cooperating (F4);
//! * [`trust`] — trust update, decay and the break threshold (F5);
//! * [`spillover`] — productivity spillovers from cooperating partners (F6);
//! * [`training`] — public training raising the spillover gain (F2a, F6);
//! * [`reputation`] — standing (F6);
//! * [`capital`] — capital update and exit (F6, F9);
//! * [`learning`] — imitation of a partner's opportunism (F7);
//! * [`mutation`] — mutation of opportunism (F7);
//! * [`entry`] — entrants and their partner search (F9);
//! * [`linking`] — proposals of new ties: triadic closure, meetings, introductions (F10);
//! * [`formation`] — ties formed during a run (a batch per step);
//! * [`alliance`] — temporary alliances for contracts: unión temporal, consorcio (F2e);
//! * [`anchor`] — anchor firms buying from suppliers and assisting them (F2f);
//! * [`buying_group`] — buying groups: pooled purchases, free-riding, monitoring paid from
//!   the treasury (F2g).
//!
//! (F1…F9 are the submodels of `docs/model.md`.)

use super::ledger::Flow;

pub(crate) mod alliance;
pub(crate) mod anchor;
pub(crate) mod association;
pub(crate) mod budget;
pub(crate) mod buying_group;
pub(crate) mod capital;
pub(crate) mod decision;
pub(crate) mod entry;
pub(crate) mod fair;
pub(crate) mod formation;
pub(crate) mod infrastructure;
pub(crate) mod learning;
pub(crate) mod linking;
pub(crate) mod market;
pub(crate) mod monitoring;
pub(crate) mod mutation;
pub(crate) mod projects;
pub(crate) mod public_monitoring;
pub(crate) mod reputation;
pub(crate) mod spillover;
pub(crate) mod subsidy;
pub(crate) mod training;
pub(crate) mod transaction;
pub(crate) mod trust;

/// Every mechanism that records money flows, with its tags (its `FLOWS`). Each ledger tag
/// belongs to exactly one mechanism (tested), so a new tag must be registered here.
// Read by the tests (and by the documentation of each mechanism's flows).
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) const FLOWS: &[(&str, &[Flow])] = &[
    ("market", market::FLOWS),
    ("subsidy", subsidy::FLOWS),
    ("projects", projects::FLOWS),
    ("transaction", transaction::FLOWS),
    ("monitoring", monitoring::FLOWS),
    ("spillover", spillover::FLOWS),
    ("capital", capital::FLOWS),
    ("entry", entry::FLOWS),
    ("association", association::FLOWS),
    ("training", training::FLOWS),
    ("public_monitoring", public_monitoring::FLOWS),
    ("infrastructure", infrastructure::FLOWS),
    ("linking", linking::FLOWS),
    ("fair", fair::FLOWS),
    ("alliance", alliance::FLOWS),
    ("anchor", anchor::FLOWS),
    ("buying_group", buying_group::FLOWS),
];

/// `⌈p · 2^32⌉`: for a 32-bit word `x`, `x / 2^32 < p` iff `x < threshold(p)` (the product
/// is exact).
#[inline]
pub(crate) fn threshold32(p: f64) -> u64 {
    (p * 4_294_967_296.0).ceil() as u64
}

/// A uniform `f64` in `[0, 1)` from a 32-bit word.
#[inline(always)]
pub(crate) fn unit32(x: u32) -> f64 {
    f64::from(x) * (1.0 / 4_294_967_296.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ledger_tag_belongs_to_exactly_one_mechanism() {
        for flow in Flow::ALL {
            let owners: Vec<&str> = FLOWS
                .iter()
                .filter(|(_, tags)| tags.contains(&flow))
                .map(|(name, _)| *name)
                .collect();
            assert_eq!(owners.len(), 1, "{}: {owners:?}", flow.name());
        }
    }
}
