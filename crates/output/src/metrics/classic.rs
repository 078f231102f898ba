//! The metrics of the classic games: per step (`timeseries.csv` after `run, seed, step`) and
//! final (`summary.csv` after `run, seed`).

use super::{ClassicFinalMetric, ClassicStepMetric, Metric, MetricInfo, Shown, Value, INFO};

/// Per-step metrics of the classic games, in `timeseries.csv` column order.
pub const CLASSIC_STEP: [ClassicStepMetric; 4] = [
    Metric {
        info: MetricInfo {
            name: "alive",
            label: "firms alive",
            unit: "firms",
            shown: Shown::Constant,
            ty: "integer",
            meaning: "firms alive at `t` (in the classic games every firm stays alive)",
            ..INFO
        },
        value: |r| Value::Count(r.alive as u64),
    },
    Metric {
        info: MetricInfo {
            name: "cooperators",
            label: "cooperators",
            unit: "firms",
            shown: Shown::Tabled,
            ty: "integer",
            meaning: "alive firms whose strategy is Cooperate",
            ..INFO
        },
        value: |r| Value::Count(r.cooperators as u64),
    },
    Metric {
        info: MetricInfo {
            name: "coop_rate",
            label: "cooperation rate",
            unit: "share of firms cooperating",
            share: true,
            ty: "float in [0, 1]",
            meaning: "`cooperators / alive`",
            ..INFO
        },
        value: |r| Value::Real(r.coop_rate),
    },
    Metric {
        info: MetricInfo {
            name: "payoff_mean",
            label: "mean payoff",
            unit: "payoff units per firm",
            meaning: "mean over firms of the payoff their strategies at `t` earn against each other, in payoff units of the game (`R, S, T, P`): accumulated over ties, or normalised per game, as the scenario says; with self-interaction included",
            ..INFO
        },
        value: |r| Value::Real(r.payoff_mean),
    },
];

/// Final metrics of the classic games, in `summary.csv` column order. `steps_run` is constant
/// by construction unless runs stop at absorption (`run.stop_at_absorption`).
pub const CLASSIC_FINAL: [ClassicFinalMetric; 4] = [
    Metric {
        info: MetricInfo {
            name: "steps_run",
            label: "steps run",
            unit: "steps",
            shown: Shown::Constant,
            ty: "integer",
            meaning: "last step recorded (smaller than `run.steps` when the run stopped at absorption)",
            ..INFO
        },
        value: |s| Value::Count(s.steps_run),
    },
    Metric {
        info: MetricInfo {
            name: "coop_rate_final",
            label: "final cooperation rate",
            unit: "share of firms cooperating",
            share: true,
            ty: "float in [0, 1]",
            meaning: "`coop_rate` at `steps_run`",
            ..INFO
        },
        value: |s| Value::Real(s.coop_rate_final),
    },
    Metric {
        info: MetricInfo {
            name: "payoff_mean_final",
            label: "final mean payoff",
            unit: "payoff units per firm",
            meaning: "`payoff_mean` at `steps_run`",
            ..INFO
        },
        value: |s| Value::Real(s.payoff_mean_final),
    },
    Metric {
        info: MetricInfo {
            name: "absorbed_at",
            label: "absorption step",
            unit: "step",
            undefined: "never absorbed",
            ty: "integer or empty",
            meaning: "first step at which every alive firm had the same strategy (all C or all D); empty if that never happened within the run",
            ..INFO
        },
        value: |s| s.absorbed_at.map_or(Value::Missing, Value::Count),
    },
];
