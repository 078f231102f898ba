//! The per-step metrics of the firm economy (`timeseries.csv` after `run, seed, step, group`):
//! per group, from the group's statistics, or run-wide, from the step's record (the same on
//! every group row). Run-wide values read the record through the closures here only (the
//! treasury, the step's ledger), so a change of the record's layout is mended in one place.

// Every entry starts from `INFO`, also those that set every field, so that a new property with
// a default needs no edit here.
#![allow(clippy::needless_update)]

use super::{FirmStepMetric, FirmValue, Metric, MetricInfo, Shown, Value, INFO};

const NO_DECISION: &str = "no tie decision in the step";
const NO_TIE: &str = "no tie";
const NO_FIRM: &str = "no alive firm";
const NOT_NETWORK_STEP: &str = "not a network step";

/// Per-step metrics of the firm economy, in `timeseries.csv` column order.
pub const FIRM_STEP: [FirmStepMetric; 57] = [
    Metric {
        info: MetricInfo {
            name: "alive",
            label: "firms alive",
            unit: "firms",
            ty: "integer",
            meaning: "firms alive after the step (entrants included)",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.alive as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "exited",
            label: "firms exited",
            unit: "firms",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "firms that exited so far",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.exited as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "survival_rate",
            label: "survival rate",
            unit: "share of initial firms alive",
            share: true,
            ty: "float in [0, 1]",
            meaning: "initial firms (present at step 0) still alive",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.survival_rate)),
    },
    Metric {
        info: MetricInfo {
            name: "capital_mean",
            label: "mean capital",
            unit: "money per firm",
            undefined: NO_FIRM,
            ty: "float or empty",
            meaning: "mean capital of alive firms",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.capital_mean)),
    },
    Metric {
        info: MetricInfo {
            name: "capital_median",
            label: "median capital",
            unit: "money per firm",
            undefined: NO_FIRM,
            shown: Shown::Tabled,
            ty: "float or empty",
            meaning: "median capital of alive firms",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.capital_median)),
    },
    Metric {
        info: MetricInfo {
            name: "capital_gini",
            label: "capital inequality",
            unit: "Gini coefficient, 0–1",
            share: true,
            undefined: "no positive total capital",
            ty: "float, [0, 1] when capital ≥ 0, or empty",
            meaning: "Gini coefficient of alive firms' capital (empty if their total is not positive)",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.capital_gini)),
    },
    Metric {
        info: MetricInfo {
            name: "welfare",
            label: "welfare",
            unit: "money per step",
            meaning: "net income of the step summed over the firms alive at its start: revenue − fixed cost + project returns − project costs − transaction costs − fines paid + fines received",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.welfare)),
    },
    Metric {
        info: MetricInfo {
            name: "welfare_per_firm",
            label: "welfare per firm",
            unit: "money per step per firm",
            undefined: NO_FIRM,
            shown: Shown::Tabled,
            ty: "float or empty",
            meaning: "`welfare / alive`",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.welfare_per_firm)),
    },
    Metric {
        info: MetricInfo {
            name: "decisions",
            label: "tie decisions",
            unit: "tie decisions",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "decisions taken in the step: one per firm per tie that ran a project",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.decisions)),
    },
    Metric {
        info: MetricInfo {
            name: "coop_rate",
            label: "cooperation rate",
            unit: "share of tie decisions cooperative",
            share: true,
            undefined: NO_DECISION,
            ty: "float in [0, 1] or empty",
            meaning: "share of those decisions that were to cooperate",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.coop_rate)),
    },
    Metric {
        info: MetricInfo {
            name: "trust_mean",
            label: "mean trust",
            unit: "trust, 0–1",
            share: true,
            undefined: NO_TIE,
            ty: "float in [0, 1] or empty",
            meaning: "mean of `τ_ij` over the directed ties of the group's firms (their trust in their partners)",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.trust_mean)),
    },
    Metric {
        info: MetricInfo {
            name: "trust_q10",
            label: "trust, 10 % quantile",
            unit: "trust, 0–1",
            share: true,
            undefined: NO_TIE,
            shown: Shown::Tabled,
            ty: "float in [0, 1] or empty",
            meaning: "10 % quantile (nearest rank) of the trusts of `trust_mean`",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.trust_q10)),
    },
    Metric {
        info: MetricInfo {
            name: "trust_q50",
            label: "median trust",
            unit: "trust, 0–1",
            share: true,
            undefined: NO_TIE,
            shown: Shown::Tabled,
            ty: "float in [0, 1] or empty",
            meaning: "50 % quantile (nearest rank) of the trusts of `trust_mean`",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.trust_q50)),
    },
    Metric {
        info: MetricInfo {
            name: "trust_q90",
            label: "trust, 90 % quantile",
            unit: "trust, 0–1",
            share: true,
            undefined: NO_TIE,
            shown: Shown::Tabled,
            ty: "float in [0, 1] or empty",
            meaning: "90 % quantile (nearest rank) of the trusts of `trust_mean`",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.trust_q90)),
    },
    Metric {
        info: MetricInfo {
            name: "opportunism_mean",
            label: "mean opportunism",
            unit: "propensity to defect, 0–1",
            share: true,
            undefined: NO_FIRM,
            ty: "float in [0, 1] or empty",
            meaning: "mean `θ_i` of alive firms",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.opportunism_mean)),
    },
    Metric {
        info: MetricInfo {
            name: "productivity_mean",
            label: "mean productivity",
            unit: "output per step",
            undefined: NO_FIRM,
            ty: "float or empty",
            meaning: "mean `a_i` of alive firms",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.productivity_mean)),
    },
    Metric {
        info: MetricInfo {
            name: "ties",
            label: "ties",
            unit: "ties",
            ty: "integer",
            meaning: "ties with at least one end in the group (a tie between two groups counts in both); for `all`, every tie",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.ties as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "degree_mean",
            label: "mean degree",
            unit: "partners per firm",
            undefined: NO_FIRM,
            ty: "float or empty",
            meaning: "mean number of partners of alive firms",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.degree_mean)),
    },
    Metric {
        info: MetricInfo {
            name: "clustering",
            label: "clustering coefficient",
            unit: "0–1",
            share: true,
            undefined: NOT_NETWORK_STEP,
            ty: "float in [0, 1] or empty",
            meaning: "mean local clustering coefficient of alive firms with at least two partners; only on steps divisible by `[output] network_every` (and the last step when it is one)",
            ..INFO
        },
        value: FirmValue::Group(|g| g.clustering.map_or(Value::Missing, Value::Real)),
    },
    Metric {
        info: MetricInfo {
            name: "largest_component_share",
            label: "largest component",
            unit: "share of alive firms",
            share: true,
            undefined: NOT_NETWORK_STEP,
            ty: "float in [0, 1] or empty",
            meaning: "share of the group's alive firms in the network's largest connected component; same steps as `clustering`",
            ..INFO
        },
        value: FirmValue::Group(|g| g.largest_component_share.map_or(Value::Missing, Value::Real)),
    },
    Metric {
        info: MetricInfo {
            name: "crisis",
            label: "crisis step",
            shown: Shown::Recorded,
            ty: "0 or 1",
            meaning: "whether the step was a crisis step (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(u64::from(r.crisis))),
    },
    Metric {
        info: MetricInfo {
            name: "treasury",
            label: "treasury",
            unit: "money",
            shown: Shown::Recorded,
            meaning: "money held by the treasury (fines with `fine_to = \"treasury\"`; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.treasury)),
    },
    Metric {
        info: MetricInfo {
            name: "fines_paid",
            label: "fines paid",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "fines paid in the step by all firms (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.fines_paid())),
    },
    Metric {
        info: MetricInfo {
            name: "subsidies",
            label: "subsidies paid",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public subsidies paid in the step to all alive firms, `[subsidy] per_firm` × the firms alive at the start of the step inside the window, 0 outside it or when off (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.subsidies())),
    },
    Metric {
        info: MetricInfo {
            name: "assoc_members",
            label: "association members",
            unit: "firms",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "members of the group's association after the step (of every association on the `all` row; 0 when `[association]` is off)",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.assoc_members as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "assoc_joins",
            label: "association joins",
            unit: "firms per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "firms that joined the group's association in the step",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.assoc_joins)),
    },
    Metric {
        info: MetricInfo {
            name: "assoc_departures",
            label: "association departures",
            unit: "firms per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "members that left the group's association in the step: their trust in it fell below `leave_below`, or they exited",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.assoc_departures)),
    },
    Metric {
        info: MetricInfo {
            name: "assoc_treasury",
            label: "association treasury",
            unit: "money",
            shown: Shown::Recorded,
            meaning: "money in the treasury of the group's association (of every association on the `all` row)",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.assoc_treasury)),
    },
    Metric {
        info: MetricInfo {
            name: "assoc_trust_mean",
            label: "trust in the association",
            unit: "trust",
            share: true,
            undefined: "no association member",
            shown: Shown::Recorded,
            ty: "float in [0, 1] or empty",
            meaning: "mean trust of the members in their association",
            ..INFO
        },
        value: FirmValue::Group(|g| {
            Value::Real(if g.assoc_members > 0 {
                g.assoc_trust_mean
            } else {
                f64::NAN
            })
        }),
    },
    Metric {
        info: MetricInfo {
            name: "association_fees",
            label: "association fees",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "fees paid by members into their associations' treasuries in the step (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.association_fees_paid())),
    },
    Metric {
        info: MetricInfo {
            name: "training_costs",
            label: "training costs",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public money spent on training in the step, `[training] cost_per_firm` × the firms alive at the start of the step, 0 outside its window, when off or stopped by the budget (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.training_costs())),
    },
    Metric {
        info: MetricInfo {
            name: "public_monitoring_costs",
            label: "public monitoring costs",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public money spent on the monitoring programme in the step, `[public_monitoring] cost_per_firm` × the firms alive at the start of the step, 0 outside its window, when off or stopped by the budget (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.public_monitoring_costs())),
    },
    Metric {
        info: MetricInfo {
            name: "infrastructure_costs",
            label: "infrastructure costs",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public money spent on infrastructure in the step, `[infrastructure] cost`, 0 outside its window, when off or stopped by the budget (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.infrastructure_costs())),
    },
    Metric {
        info: MetricInfo {
            name: "public_spending",
            label: "public spending",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public money spent in the step by every policy instrument: `subsidies` + `training_costs` + `public_monitoring_costs` + `infrastructure_costs` + `facilitation_cost` + `fair_cost` (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.public_spending())),
    },
    Metric {
        info: MetricInfo {
            name: "budget_left",
            label: "public budget left",
            unit: "money",
            undefined: "no `[budget]`",
            shown: Shown::Recorded,
            ty: "float >= 0 or empty",
            meaning: "public money left in the `[budget]` after the step (empty without a budget; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| r.budget_left.map_or(Value::Missing, Value::Real)),
    },
    Metric {
        info: MetricInfo {
            name: "ties_by_closure",
            label: "ties formed by closure",
            unit: "ties per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "ties formed at the end of the step by triadic closure (`[formation] closure`; a pair also proposed otherwise counts for the first of closure, meeting, introduction, fair; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.ledger.ties_by_closure() as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "ties_by_meeting",
            label: "ties formed by meetings",
            unit: "ties per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "ties formed at the end of the step by meetings (`[formation] meeting`; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.ledger.ties_by_meeting() as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "ties_by_introduction",
            label: "ties formed by introductions",
            unit: "ties per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "ties formed at the end of the step by the facilitator's introductions (`[formation] introductions`; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.ledger.ties_by_introduction() as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "facilitation_cost",
            label: "cost of facilitation",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public money paid for the step's introductions, `[formation] introduction_cost` per introduction (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.facilitation_cost())),
    },
    Metric {
        info: MetricInfo {
            name: "fair_attendees",
            label: "fair attendees",
            unit: "firms per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "firms that attended the step's fair (0 on steps without a fair or when `[fair]` is off; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.ledger.fair_attendees() as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "ties_at_fairs",
            label: "ties formed at fairs",
            unit: "ties per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "ties formed at the end of the step from the meetings of its fair (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.ledger.ties_at_fairs() as u64)),
    },
    Metric {
        info: MetricInfo {
            name: "fair_revenue",
            label: "extra revenue from fairs",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "extra market revenue of the firms whose fair access lasts, `[fair] access` × their revenue (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.fair_revenue())),
    },
    Metric {
        info: MetricInfo {
            name: "fair_cost",
            label: "cost of fairs",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "public money paid for the step's fair attendees, `[fair] cost` per attendee (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.fair_cost())),
    },
    Metric {
        info: MetricInfo {
            name: "alliances_formed",
            label: "consortia formed",
            unit: "contracts per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "contracts taken in the step by a consortium of trusted partners reaching the contract's capacity (a taker with enough capacity alone is a consortium of one; 0 when `[alliance]` is off; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.alliances.formed)),
    },
    Metric {
        info: MetricInfo {
            name: "alliances_completed",
            label: "consortia completed",
            unit: "contracts per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "consortia of the step in which every member delivered (paid the contract value by shares; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.alliances.completed)),
    },
    Metric {
        info: MetricInfo {
            name: "alliances_failed",
            label: "consortia failed",
            unit: "contracts per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "consortia of the step in which some member failed (the penalty paid by the form's rule; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.alliances.failed)),
    },
    Metric {
        info: MetricInfo {
            name: "alliances_declined",
            label: "contracts declined",
            unit: "contracts per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "contracts of the step nobody took: no alive uncommitted taker was drawn, or the taker's trusted partners could not bring the capacity required (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.alliances.declined)),
    },
    Metric {
        info: MetricInfo {
            name: "contract_value",
            label: "contract value paid",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "contract values paid in the step to the members of completed consortia, money from outside the economy (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.contract_value())),
    },
    Metric {
        info: MetricInfo {
            name: "contract_penalties",
            label: "contract penalties paid",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "penalties paid in the step by the members of failed consortia: by shares in a unión temporal, `L` each in a consorcio (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.contract_penalties())),
    },
    Metric {
        info: MetricInfo {
            name: "anchor_purchases",
            label: "anchor purchases",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "purchases paid in the step by anchor firms to their suppliers, `price` × the supplier's productivity per supplier tie (0 when `[anchor]` is off; same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.anchor_purchases())),
    },
    Metric {
        info: MetricInfo {
            name: "anchor_assisted",
            label: "suppliers assisted",
            unit: "firms per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "firms that sold to an anchor in the step and so received its technical assistance (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Count(r.assisted)),
    },
    Metric {
        info: MetricInfo {
            name: "buying_savings",
            label: "buying group savings",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "what the members of the group's buying group saved on inputs in the step against the list price, `quantity · (unit_cost − u(n))` per member (of every buying group on the `all` row; 0 when `[buying_group]` is off)",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Real(g.buying_savings)),
    },
    Metric {
        info: MetricInfo {
            name: "free_riders",
            label: "free-riders",
            unit: "firms per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "members of the group's buying group that took the discount without paying their share in the step",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.free_riders)),
    },
    Metric {
        info: MetricInfo {
            name: "free_riders_detected",
            label: "free-riders detected",
            unit: "firms per step",
            shown: Shown::Recorded,
            ty: "integer",
            meaning: "free-riders the group's association detected (and fined, and expelled with `expel`) in the step; none in a step whose monitoring the treasury could not pay",
            ..INFO
        },
        value: FirmValue::Group(|g| Value::Count(g.free_riders_detected)),
    },
    Metric {
        info: MetricInfo {
            name: "input_costs",
            label: "input costs",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "inputs bought by all alive firms in the step, members at their buying group's price and others at the list price (same on every group row; 0 when `[buying_group]` is off)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.input_costs())),
    },
    Metric {
        info: MetricInfo {
            name: "buying_group_fines",
            label: "buying group fines",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "fines paid by detected free-riders into their associations' treasuries in the step (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.buying_group_fines_paid())),
    },
    Metric {
        info: MetricInfo {
            name: "buying_group_monitoring",
            label: "monitoring paid by associations",
            unit: "money per step",
            shown: Shown::Recorded,
            meaning: "money the associations paid from their treasuries for monitoring their buying groups in the step, `monitoring_cost` per member (same on every group row)",
            ..INFO
        },
        value: FirmValue::Run(|r| Value::Real(r.ledger.buying_group_monitoring())),
    },
];
