//! The reference step's buying groups (`mechanisms/buying_group.rs`), from the documented
//! rule: per group of `n` members the price `u0(1 − d · min(1, n/n_sat))`, monitoring paid
//! from the treasury if it holds `c_m · n` (and `m > 0`, `n > 0`); member `i` free-rides iff
//! the low half of word `i` of `(step, BuyingGroup)` is `< s · θ_i`, unless every member of
//! its group would; a payer pays `q · u · n / payers`, a free-rider nothing, and a monitored
//! free-rider is detected iff the high half is `< m`: fined into the treasury, expelled with
//! `expel`; a non-member pays `q · u0`.

use super::super::ledger::Flow;
use super::super::record::Ledger;
use super::{u32_unit, Reference};
use crate::rng::Phase;

/// The buying groups of the reference economy, per group (in ascending id), for the last
/// step.
#[derive(Clone, Debug, Default)]
pub(crate) struct RefBuying {
    pub(crate) free_riders: Vec<u32>,
    pub(crate) detected: Vec<u32>,
    pub(crate) savings: Vec<f64>,
}

impl Reference {
    /// One step of the buying groups (nothing when off).
    pub(super) fn buy(&mut self, t: u64, ledger: &mut Ledger) {
        let b = self.cfg.optional.buying_group;
        if b.quantity <= 0.0 {
            return;
        }
        let g = self.group_ids.len();
        let n = self.firms.len();
        let draws = self.streams.keyed(t, Phase::BuyingGroup);
        let members: Vec<u32> = (0..g)
            .map(|k| self.association_members(Some(k)) as u32)
            .collect();
        let mut price = vec![0.0; g];
        let mut monitored = vec![false; g];
        for k in 0..g {
            let frac = (f64::from(members[k]) / b.saturation as f64).min(1.0);
            price[k] = b.unit_cost * (1.0 - b.discount * frac);
            let bill = b.monitoring_cost * f64::from(members[k]);
            monitored[k] = b.monitoring > 0.0 && members[k] > 0 && self.assoc.treasury[k] >= bill;
            if monitored[k] {
                self.assoc.treasury[k] -= bill;
                ledger[Flow::BuyingGroupMonitoring] += bill;
            }
        }
        let wants: Vec<bool> = (0..n)
            .map(|i| {
                self.assoc.member[i]
                    && u32_unit(draws.word(i as u64) as u32)
                        < b.free_ride * self.firms[i].opportunism
            })
            .collect();
        let mut riders = vec![0u32; g];
        for i in (0..n).filter(|&i| wants[i]) {
            riders[self.group_index(i)] += 1;
        }
        for k in 0..g {
            if riders[k] == members[k] {
                riders[k] = 0;
            }
        }
        self.buying = RefBuying {
            free_riders: riders.clone(),
            detected: vec![0; g],
            savings: vec![0.0; g],
        };
        for (i, &rides) in wants.iter().enumerate() {
            if !self.firms[i].alive {
                continue;
            }
            if !self.assoc.member[i] {
                self.firms[i].capital -= b.quantity * b.unit_cost;
                ledger[Flow::InputCosts] += b.quantity * b.unit_cost;
                continue;
            }
            let k = self.group_index(i);
            let saving = b.quantity * (b.unit_cost - price[k]);
            self.buying.savings[k] += saving;
            ledger[Flow::BuyingGroupSavings] += saving;
            if riders[k] == 0 || !rides {
                let payers = members[k] - riders[k];
                let bill = b.quantity * price[k] * f64::from(members[k]) / f64::from(payers);
                self.firms[i].capital -= bill;
                ledger[Flow::InputCosts] += bill;
                continue;
            }
            let w = draws.word(i as u64);
            if monitored[k] && u32_unit((w >> 32) as u32) < b.monitoring {
                self.firms[i].capital -= b.fine;
                self.assoc.treasury[k] += b.fine;
                ledger[Flow::BuyingGroupFinesPaid] += b.fine;
                ledger[Flow::BuyingGroupFinesReceived] += b.fine;
                self.buying.detected[k] += 1;
                if b.expel {
                    self.assoc.member[i] = false;
                    self.assoc.departures[k] += 1;
                }
            }
        }
    }
}
