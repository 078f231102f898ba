//! The money ledger as tagged flows: every amount of money that a step creates, destroys or
//! moves is recorded under one [`Flow`] tag, and each tag has a name and a [`FlowKind`] that
//! says what it does to the money in the economy. The ledger ([`Ledger`]) is an array indexed
//! by tag, so a mechanism that adds a flow adds one line to the `flows!` list below (its
//! meaning, variant, name and kind; the name is also its accessor on [`Ledger`]) and the
//! accounting identity test covers it without being edited.
//!
//! # Accounting identity
//! Over a step, the change of `Σ capital of alive firms + treasury` equals the sum of the
//! [`FlowKind::Created`] flows minus the sum of the [`FlowKind::Destroyed`] flows, and the
//! money paid in transfers, by firms ([`FlowKind::PaidByFirms`]) and by treasuries
//! ([`FlowKind::PaidByTreasury`]), equals the money received ([`FlowKind::ToFirms`] plus
//! [`FlowKind::ToTreasury`]); [`Ledger::transfer_imbalance`] is the difference. [`FlowKind::NotMoney`] tags
//! record quantities that are not money of the economy (productivity gained, public money
//! spent on programmes outside the firms' accounts).

/// What a flow does to the money of the economy (firms' capital plus treasuries).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    /// Money that appears (revenue, project returns, entrants' capital, subsidies).
    Created,
    /// Money that disappears (costs, capital leaving with an exit).
    Destroyed,
    /// Money paid by firms in a transfer (to other firms or to a treasury).
    PaidByFirms,
    /// Transferred money received by firms.
    ToFirms,
    /// Money paid by a treasury in a transfer (to firms: payouts, refunds).
    PaidByTreasury,
    /// Transferred money received by a treasury.
    ToTreasury,
    /// Not money of the economy: recorded alongside (productivity gained through
    /// spillovers; public money spent on programmes outside the firms' accounts).
    NotMoney,
}

/// Declares the tags, each once: its doc (its meaning and its mechanism), variant, name (snake
/// case, as a column would spell it, and the name of its accessor on [`Ledger`]) and kind. This
/// is the one place a mechanism adds a tag.
macro_rules! flows {
    ($($(#[$doc:meta])* $flow:ident => $name:ident, $kind:ident;)*) => {
        /// The tag of a money flow: the index of its amount in a [`Ledger`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[repr(usize)]
        pub enum Flow {
            $($(#[$doc])* $flow,)*
        }

        impl Flow {
            /// Number of tags.
            pub const COUNT: usize = [$(Flow::$flow),*].len();

            /// Every tag, in index order.
            pub const ALL: [Flow; Flow::COUNT] = [$(Flow::$flow),*];

            /// The tag's name (snake case, as a column would spell it).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Flow::$flow => stringify!($name),)*
                }
            }

            /// What the flow does to the money of the economy.
            pub const fn kind(self) -> FlowKind {
                match self {
                    $(Flow::$flow => FlowKind::$kind,)*
                }
            }
        }

        /// Accessors by name, one per tag.
        impl Ledger {
            $(
                #[doc = concat!("The amount of [`Flow::", stringify!($flow), "`].")]
                #[inline]
                pub fn $name(&self) -> f64 {
                    self[Flow::$flow]
                }
            )*
        }
    };
}

flows! {
    /// Market revenue `a_i · p · access · (1 + ε_i) · (1 − crisis depth)` (mechanism
    /// `market`).
    Revenue => revenue, Created;
    /// Fixed costs paid (mechanism `market`).
    FixedCosts => fixed_costs, Destroyed;
    /// Project returns received: `b` per donation received, `v/2` per partner per project
    /// (mechanism `projects`).
    ProjectReturns => project_returns, Created;
    /// Project costs paid by cooperators: `c` per donation, `c/2` or `c` per project
    /// (mechanism `projects`).
    ProjectCosts => project_costs, Destroyed;
    /// Transaction costs of cooperating (mechanism `transaction`).
    TransactionCosts => transaction_costs, Destroyed;
    /// Fines paid by detected defectors (mechanism `monitoring`).
    FinesPaid => fines_paid, PaidByFirms;
    /// Fines received by cheated partners (mechanism `monitoring`).
    FinesToVictims => fines_to_victims, ToFirms;
    /// Fines paid into the treasury (mechanism `monitoring`).
    FinesToTreasury => fines_to_treasury, ToTreasury;
    /// Capital of the firms that exited this step, which leaves the economy with them
    /// (mechanism `capital`).
    ExitCapital => exit_capital, Destroyed;
    /// Capital brought by entrants (mechanism `entry`).
    EntryCapital => entry_capital, Created;
    /// Productivity gained through spillovers (mechanism `spillover`; not money: it raises
    /// future revenue).
    ProductivityGain => productivity_gain, NotMoney;
    /// Public subsidies paid to alive firms, money from outside the economy (mechanism
    /// `subsidy`).
    Subsidies => subsidies, Created;
    /// Association fees paid by members (mechanism `association`).
    AssociationFeesPaid => association_fees_paid, PaidByFirms;
    /// Association fees received by the associations' treasuries (mechanism `association`).
    AssociationFeesReceived => association_fees_received, ToTreasury;
    /// Public money spent on training, outside the firms' accounts (mechanism `training`).
    TrainingCosts => training_costs, NotMoney;
    /// Public money spent on the monitoring programme, outside the firms' accounts
    /// (mechanism `public_monitoring`).
    PublicMonitoringCosts => public_monitoring_costs, NotMoney;
    /// Public money spent on infrastructure, outside the firms' accounts (mechanism
    /// `infrastructure`).
    InfrastructureCosts => infrastructure_costs, NotMoney;
    /// Public money paid for the facilitator's introductions, outside the firm economy
    /// (mechanism `linking`; not firms' money: no firm pays or receives it).
    FacilitationCost => facilitation_cost, NotMoney;
    /// Ties formed by triadic closure (mechanism `linking`; a count, not money).
    TiesByClosure => ties_by_closure, NotMoney;
    /// Ties formed by meetings (mechanism `linking`; a count, not money).
    TiesByMeeting => ties_by_meeting, NotMoney;
    /// Ties formed by the facilitator's introductions (mechanism `linking`; a count, not
    /// money).
    TiesByIntroduction => ties_by_introduction, NotMoney;
    /// Extra market revenue of fair attendees while their access lasts (mechanism `fair`).
    FairRevenue => fair_revenue, Created;
    /// Firms attending the step's fair (mechanism `fair`; a count, not money).
    FairAttendees => fair_attendees, NotMoney;
    /// Ties formed at fairs (mechanism `fair`; a count, not money).
    TiesAtFairs => ties_at_fairs, NotMoney;
    /// Public money paid per fair attendee, outside the firm economy (mechanism `fair`; not
    /// firms' money).
    FairCost => fair_cost, NotMoney;
    /// Contract values paid to the members of consortia that delivered, money from outside
    /// the economy (mechanism `alliance`).
    ContractValue => contract_value, Created;
    /// Penalties paid by the members of consortia that failed, money leaving the economy
    /// (mechanism `alliance`).
    ContractPenalties => contract_penalties, Destroyed;
    /// Purchases paid by anchor firms to their suppliers (mechanism `anchor`).
    AnchorPurchases => anchor_purchases, PaidByFirms;
    /// Purchases received by the suppliers of anchor firms (mechanism `anchor`).
    AnchorSales => anchor_sales, ToFirms;
    /// Anchor firms' revenue from reselling what they bought, money from outside the
    /// economy (mechanism `anchor`).
    AnchorResale => anchor_resale, Created;
    /// Productivity gained by suppliers through anchors' technical assistance (mechanism
    /// `anchor`; not money).
    AssistanceGain => assistance_gain, NotMoney;
    /// Inputs bought by firms (members at their buying group's price, others at the list
    /// price), paid to suppliers outside the economy (mechanism `buying_group`).
    InputCosts => input_costs, Destroyed;
    /// Fines paid by detected free-riders of buying groups (mechanism `buying_group`).
    BuyingGroupFinesPaid => buying_group_fines_paid, PaidByFirms;
    /// Those fines, received by the associations' treasuries (mechanism `buying_group`).
    BuyingGroupFinesReceived => buying_group_fines_received, ToTreasury;
    /// Monitoring paid by the associations from their treasuries (pool punishment; mechanism
    /// `buying_group`).
    BuyingGroupMonitoring => buying_group_monitoring, Destroyed;
    /// What members saved on inputs against the list price, `quantity · (u0 − u(n))` per
    /// member (mechanism `buying_group`; not money: the saving is already in `input_costs`).
    BuyingGroupSavings => buying_group_savings, NotMoney;
}

/// Money flows of one step, summed over firms in a fixed order: one amount per [`Flow`]
/// tag (see the module docs for the accounting identity the tags satisfy).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ledger {
    amounts: [f64; Flow::COUNT],
}

// By hand: `Default` is derived for arrays of at most 32 elements only.
impl Default for Ledger {
    /// Every amount 0.
    fn default() -> Self {
        Ledger {
            amounts: [0.0; Flow::COUNT],
        }
    }
}

impl std::ops::Index<Flow> for Ledger {
    type Output = f64;

    #[inline(always)]
    fn index(&self, flow: Flow) -> &f64 {
        &self.amounts[flow as usize]
    }
}

impl std::ops::IndexMut<Flow> for Ledger {
    #[inline(always)]
    fn index_mut(&mut self, flow: Flow) -> &mut f64 {
        &mut self.amounts[flow as usize]
    }
}

impl Ledger {
    /// The amount of every tag, with the tag, in index order.
    pub fn flows(&self) -> impl Iterator<Item = (Flow, f64)> + '_ {
        Flow::ALL.iter().map(move |&f| (f, self[f]))
    }

    /// The sum of the amounts of the tags of `kind`, in index order.
    pub fn total(&self, kind: FlowKind) -> f64 {
        self.flows()
            .filter(|(f, _)| f.kind() == kind)
            .map(|(_, a)| a)
            .sum()
    }

    /// Money created minus money destroyed: the predicted change of capital plus treasury.
    pub fn net_change(&self) -> f64 {
        self.total(FlowKind::Created) - self.total(FlowKind::Destroyed)
    }

    /// Net income of the firms in the step (summed over firms): market income, project
    /// returns net of costs, minus the fines that left the firms for the treasury (fines to
    /// victims stay among firms), plus the fair attendees' extra revenue. Evaluated in this
    /// fixed order (the fairs' term only when there is one, so that a sum is unchanged, to the
    /// sign of a zero, without fairs).
    pub(crate) fn firm_income(&self) -> f64 {
        let income = self.revenue() - self.fixed_costs() + self.project_returns()
            - self.project_costs()
            - self.transaction_costs()
            - self.fines_to_treasury();
        if self.fair_revenue() != 0.0 {
            income + self.fair_revenue()
        } else {
            income
        }
    }

    /// Public money spent in the step by every policy instrument: subsidies, training, the
    /// monitoring programme, infrastructure, the facilitator's introductions, fairs.
    /// Evaluated in this fixed order (with only the subsidy on, exactly `subsidies`).
    pub fn public_spending(&self) -> f64 {
        self.subsidies()
            + self.training_costs()
            + self.public_monitoring_costs()
            + self.infrastructure_costs()
            + self.facilitation_cost()
            + self.fair_cost()
    }

    /// Money paid in transfers (by firms and by treasuries) minus money received (by firms
    /// and by treasuries): 0, to rounding, in every step of every run.
    pub fn transfer_imbalance(&self) -> f64 {
        self.total(FlowKind::PaidByFirms) + self.total(FlowKind::PaidByTreasury)
            - self.total(FlowKind::ToFirms)
            - self.total(FlowKind::ToTreasury)
    }

    /// Adds another ledger tag by tag.
    #[inline]
    pub(crate) fn add(&mut self, o: &Ledger) {
        for (a, b) in self.amounts.iter_mut().zip(&o.amounts) {
            *a += b;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_indexed_in_order_with_distinct_names() {
        for (k, f) in Flow::ALL.iter().enumerate() {
            assert_eq!(*f as usize, k);
            assert!(Flow::ALL[..k].iter().all(|g| g.name() != f.name()));
        }
    }

    #[test]
    fn net_change_is_created_minus_destroyed() {
        // Created 3 + 0.5 + 2 = 5.5, destroyed 1 + 0.25 + 0.25 + 1 = 2.5: net 3; fines and
        // productivity do not count.
        let mut l = Ledger::default();
        for (f, a) in [
            (Flow::Revenue, 3.0),
            (Flow::FixedCosts, 1.0),
            (Flow::ProjectReturns, 0.5),
            (Flow::ProjectCosts, 0.25),
            (Flow::TransactionCosts, 0.25),
            (Flow::FinesPaid, 7.0),
            (Flow::FinesToVictims, 7.0),
            (Flow::ExitCapital, 1.0),
            (Flow::EntryCapital, 2.0),
            (Flow::ProductivityGain, 9.0),
        ] {
            l[f] = a;
        }
        assert_eq!(l.net_change(), 3.0);
        assert_eq!(l.total(FlowKind::PaidByFirms), 7.0);
        assert_eq!(l.revenue(), 3.0);
    }
}
