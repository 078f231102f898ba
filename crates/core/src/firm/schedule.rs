//! The schedule of one step: the model's process overview (`docs/model.md`, "Process
//! overview and scheduling") as an ordered list of phases, each a call into a mechanism
//! (`mechanisms/`) or into a fused per-tie kernel that calls them (`kernel/`).
//!
//! To add a mechanism, add its phase here, in its place in the order (one line).

use super::ledger::Ledger;
use super::mechanisms::market;
use super::FirmSimulation;

impl FirmSimulation {
    /// One step: market and decisions, settlement, learning, accounting, tie breaks, exit
    /// and entry, tie formation.
    pub fn step(&mut self) {
        self.t += 1;
        let step = self.t;
        // Public budget: which policy instruments run in the step, and what they do (F2a).
        self.fund_policies(step);
        // Crisis: whether this is a crisis step (F2).
        self.crisis = market::crisis(&self.cfg.market, &self.streams, step);
        // Market income; on every tie the decisions, their detection and whether the tie
        // runs a project (F2, F3: one fused pass).
        self.decide(step);
        // Public subsidy per alive firm, before capital and exit (F2b).
        self.subsidize();
        // Fairs: attendance, meetings, the attendees' extra market access (F2d).
        self.hold_fair(step);
        // Associations: joins, trust in the association and departures, fees (F2c).
        self.associate(step);
        // Temporary alliances: contracts, consortia, payments or penalties, trust (F2e).
        self.ally(step);
        // Anchor firms: supplier ties (step 1), purchases, technical assistance (F2f).
        self.anchor(step);
        // Buying groups: prices, monitoring from the treasury, free-riding, bills (F2g).
        self.buy(step);
        // Project payoffs, transaction costs, fines, trust, spillovers; capital,
        // productivity, standing; the ties to break and the firms to exit (F4–F6: one fused
        // pass).
        self.settle();
        // Imitation of a partner's opportunism, then mutation (F7).
        self.learn(step);
        // The step's money flows summed; fines to the treasury (F8).
        self.account();
        // Tie breaks, exits and entries (F9).
        let mut changed = self.demography(step);
        // Proposals of new ties: closure, meetings, introductions (F9b).
        self.link();
        // Ties formed during the run (a batch; nothing on steps without proposals).
        changed |= self.form_ties();
        if changed {
            self.chunk_slot_ends();
        }
    }

    /// Accounting (F8): sums the chunks' ledgers in chunk order, adds the fines paid to the
    /// treasury, and the step's net income and public spending to the run's totals.
    fn account(&mut self) {
        let chunks = self.firm_ends.len();
        self.ledger = Ledger::default();
        for l in &self.chunk_ledger[..chunks] {
            self.ledger.add(l);
        }
        self.policy.record(&mut self.ledger);
        self.treasury += self.ledger.fines_to_treasury();
        self.fines_total += self.ledger.fines_paid();
        self.public_cost_total += self.ledger.public_spending();
        self.welfare_total += self.ledger.firm_income();
    }
}
