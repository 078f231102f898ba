//! The final metrics of the firm economy (`summary.csv` after `run, seed`), from the run's
//! summary (its totals and the statistics of all firms at the last step).

use super::{FirmFinalMetric, Metric, MetricInfo, Shown, Value, INFO};

const NO_FIRM: &str = "no alive firm";

/// The final metric of the public money spent over a run: what a comparison's outcome per
/// unit of public money divides by.
pub const PUBLIC_COST: &str = "public_cost_total";

/// Final metrics of the firm economy, in `summary.csv` column order.
pub const FIRM_FINAL: [FirmFinalMetric; 17] = [
    Metric {
        info: MetricInfo {
            name: "steps_run",
            label: "steps run",
            unit: "steps",
            shown: Shown::Constant,
            ty: "integer",
            meaning: "steps run",
            ..INFO
        },
        value: |s| Value::Count(s.steps_run),
    },
    Metric {
        info: MetricInfo {
            name: "alive_final",
            label: "firms alive at the end",
            unit: "firms",
            ty: "integer",
            meaning: "`alive` of group `all` at the last step",
            ..INFO
        },
        value: |s| Value::Count(s.last.alive as u64),
    },
    Metric {
        info: MetricInfo {
            name: "survival_rate_final",
            label: "final survival rate",
            unit: "share of initial firms alive",
            share: true,
            ty: "float in [0, 1]",
            meaning: "`survival_rate` at the last step",
            ..INFO
        },
        value: |s| Value::Real(s.last.survival_rate),
    },
    Metric {
        info: MetricInfo {
            name: "capital_mean_final",
            label: "final mean capital",
            unit: "money per firm",
            undefined: NO_FIRM,
            ty: "float or empty",
            meaning: "`capital_mean` at the last step",
            ..INFO
        },
        value: |s| Value::Real(s.last.capital_mean),
    },
    Metric {
        info: MetricInfo {
            name: "capital_gini_final",
            label: "final capital inequality",
            unit: "Gini coefficient, 0–1",
            share: true,
            undefined: "no positive total capital",
            ty: "float, [0, 1] when capital ≥ 0, or empty",
            meaning: "`capital_gini` at the last step",
            ..INFO
        },
        value: |s| Value::Real(s.last.capital_gini),
    },
    Metric {
        info: MetricInfo {
            name: "welfare_total",
            label: "total welfare",
            unit: "money",
            meaning: "net income summed over every step and firm (the sum of `welfare` over all steps, recorded or not)",
            ..INFO
        },
        value: |s| Value::Real(s.welfare_total),
    },
    Metric {
        info: MetricInfo {
            name: "coop_rate_final",
            label: "final cooperation rate",
            unit: "share of tie decisions cooperative",
            share: true,
            undefined: "no tie decision in the last step",
            ty: "float in [0, 1] or empty",
            meaning: "`coop_rate` at the last step",
            ..INFO
        },
        value: |s| Value::Real(s.last.coop_rate),
    },
    Metric {
        info: MetricInfo {
            name: "trust_mean_final",
            label: "final mean trust",
            unit: "trust, 0–1",
            share: true,
            undefined: "no tie at the end",
            ty: "float in [0, 1] or empty",
            meaning: "`trust_mean` at the last step",
            ..INFO
        },
        value: |s| Value::Real(s.last.trust_mean),
    },
    Metric {
        info: MetricInfo {
            name: "opportunism_mean_final",
            label: "final mean opportunism",
            unit: "propensity to defect, 0–1",
            share: true,
            undefined: NO_FIRM,
            ty: "float in [0, 1] or empty",
            meaning: "`opportunism_mean` at the last step",
            ..INFO
        },
        value: |s| Value::Real(s.last.opportunism_mean),
    },
    Metric {
        info: MetricInfo {
            name: "ties_final",
            label: "ties at the end",
            unit: "ties",
            ty: "integer",
            meaning: "ties at the last step",
            ..INFO
        },
        value: |s| Value::Count(s.last.ties as u64),
    },
    Metric {
        info: MetricInfo {
            name: "exits",
            label: "exits",
            unit: "firms",
            ty: "integer",
            meaning: "exits over the run",
            ..INFO
        },
        value: |s| Value::Count(s.exits),
    },
    Metric {
        info: MetricInfo {
            name: "entries",
            label: "entries",
            unit: "firms",
            ty: "integer",
            meaning: "entrants over the run",
            ..INFO
        },
        value: |s| Value::Count(s.entries),
    },
    Metric {
        info: MetricInfo {
            name: "fines_total",
            label: "fines paid",
            unit: "money",
            meaning: "fines paid by detected defectors over the run (the sum of `fines_paid` over all steps, recorded or not), whoever received them",
            ..INFO
        },
        value: |s| Value::Real(s.fines_total),
    },
    Metric {
        info: MetricInfo {
            name: "treasury_final",
            label: "treasury at the end",
            unit: "money",
            meaning: "money in the treasury at the end (`treasury` at the last step: the fines paid with `fine_to = \"treasury\"`; 0 with `fine_to = \"victim\"`)",
            ..INFO
        },
        value: |s| Value::Real(s.treasury),
    },
    Metric {
        info: MetricInfo {
            name: PUBLIC_COST,
            label: "public cost",
            unit: "money",
            meaning: "public money spent by every policy instrument over the run (the sum of `public_spending` — subsidies, training, public monitoring, infrastructure — over all steps, recorded or not; 0 when none is on)",
            ..INFO
        },
        value: |s| Value::Real(s.public_cost_total),
    },
    Metric {
        info: MetricInfo {
            name: "firm_steps",
            label: "firm-steps alive",
            unit: "firm-steps",
            ty: "integer",
            meaning: "the firms alive at the start of each step, summed over the steps of the run: survival over the whole run (what a policy's cost per outcome divides)",
            ..INFO
        },
        value: |s| Value::Count(s.firm_steps),
    },
    Metric {
        info: MetricInfo {
            name: "productivity_mean_final",
            label: "final mean productivity",
            unit: "output per step",
            undefined: NO_FIRM,
            ty: "float or empty",
            meaning: "`productivity_mean` at the last step (what spillovers, training and a subsidy's dependency effect move)",
            ..INFO
        },
        value: |s| Value::Real(s.last.productivity_mean),
    },
];
