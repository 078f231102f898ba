//! The one registry of metrics: for each model and kind (per-step time series, final summary),
//! every metric the program writes, in column order, with what every user of it needs — the CSV
//! name, a label and unit for titles and axes, whether it is a share, when it is undefined, how
//! it is shown, its type and one-line meaning for the output docs, and how it is computed from
//! the record the run reports.
//!
//! The CSV writers write their headers and cells by walking these lists, the study engine takes
//! its step and final metrics and their properties from them, plots take labels and units from
//! them, and the column tables of `docs/outputs.md` are generated from them ([`Table::markdown`])
//! and checked by a test. Adding a metric is one entry here (and its docs, regenerated).
//!
//! - [`CLASSIC_STEP`], [`CLASSIC_FINAL`]: the classic games (`classic.rs`);
//! - [`FIRM_STEP`] (per group or run-wide, [`FirmValue`]), [`FIRM_FINAL`]: the firm economy
//!   (`firm_step.rs`, `firm_final.rs`).

mod classic;
mod docs;
mod firm_final;
mod firm_step;

use std::fmt::Write as _;

use asocia_core::classic::observer::StepRecord;
use asocia_core::classic::RunSummary;
use asocia_core::firm::{FirmRecord, FirmSummary, GroupStats};

pub use classic::{CLASSIC_FINAL, CLASSIC_STEP};
pub use docs::{Column, Table, FIRM_STATE, NETWORK_EDGE_COLUMNS, NETWORK_NODE_COLUMNS, TIE_STATE};
pub use firm_final::{FIRM_FINAL, PUBLIC_COST};
pub use firm_step::FIRM_STEP;

/// The value of a metric in one record.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// A count (written as an integer).
    Count(u64),
    /// A real number (written as the shortest decimal that reads back to it; NaN as an empty
    /// field).
    Real(f64),
    /// No value (an empty field), e.g. clustering off a network step.
    Missing,
}

impl Value {
    /// The value as a number, NaN when missing (summaries and final metrics).
    #[inline]
    pub fn as_f64(self) -> f64 {
        match self {
            Value::Count(n) => n as f64,
            Value::Real(x) => x,
            Value::Missing => f64::NAN,
        }
    }

    /// Appends the CSV text of the value to `out` (the bytes [`crate::fmt_f64`] gives for a
    /// real, decimal digits for a count, nothing when missing).
    #[inline]
    pub fn write_to(self, out: &mut String) {
        match self {
            Value::Count(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Real(x) => crate::tables::write_f64(out, x),
            Value::Missing => {}
        }
    }
}

/// Where a metric appears besides the CSV records (`runs.csv`, `summary.csv`,
/// `timeseries*.csv`, which keep every metric).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// In comparison tables and in every plot.
    Plotted,
    /// In comparison tables and final-metric plots, but not drawn as a time series of its own
    /// (e.g. the trust quantiles, which `trust_mean` summarises).
    Tabled,
    /// Constant by construction (the same value in every run of a scenario, e.g. `steps_run`
    /// of a firm run, which is `run.steps`): neither in comparison tables nor in plots. A metric
    /// that merely happens to be constant in some data is not this.
    Constant,
    /// Only in the CSV record (`timeseries.csv`): not summarised over replications
    /// (`timeseries_summary.csv`), compared or plotted — counts of events so far and run-wide
    /// money, which the final metrics report.
    Recorded,
}

/// What a metric is, apart from how it is computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricInfo {
    /// The CSV column name.
    pub name: &'static str,
    /// What it is, in words, for titles and axes (e.g. "survival rate").
    pub label: &'static str,
    /// Its unit (axes, and the unit column of the docs); empty when it has none.
    pub unit: &'static str,
    /// A share or probability, drawn on a 0–1 axis.
    pub share: bool,
    /// When the metric has no value (empty cell), in words; empty if it always has one.
    pub undefined: &'static str,
    /// How it is shown.
    pub shown: Shown,
    /// Its type as the docs give it (e.g. "integer", "float in [0, 1] or empty").
    pub ty: &'static str,
    /// What it means, one line of the docs' column table (Markdown).
    pub meaning: &'static str,
}

/// The defaults entries start from: a plotted, always defined, non-share float.
pub(crate) const INFO: MetricInfo = MetricInfo {
    name: "",
    label: "",
    unit: "",
    share: false,
    undefined: "",
    shown: Shown::Plotted,
    ty: "float",
    meaning: "",
};

/// One metric of the registry: its properties and how it is computed (`F`, a function from
/// the record the run reports to the [`Value`]).
#[derive(Clone, Copy, Debug)]
pub struct Metric<F> {
    /// What it is.
    pub info: MetricInfo,
    /// How it is computed.
    pub value: F,
}

/// A per-step metric of the classic games, computed from the step's record.
pub type ClassicStepMetric = Metric<fn(&StepRecord) -> Value>;
/// A final metric of the classic games, computed from the run's summary.
pub type ClassicFinalMetric = Metric<fn(&RunSummary) -> Value>;
/// A per-step metric of the firm economy.
pub type FirmStepMetric = Metric<FirmValue>;
/// A final metric of the firm economy, computed from the run's summary.
pub type FirmFinalMetric = Metric<fn(&FirmSummary) -> Value>;

/// How a per-step metric of the firm economy is computed: per group (one value per row of
/// `timeseries.csv`, from that group's statistics), or run-wide (the same value on every
/// group row of a step, from the record: the treasury, the step's ledger).
#[derive(Clone, Copy, Debug)]
pub enum FirmValue {
    /// From the statistics of the row's group (or of all firms, group `all`).
    Group(fn(&GroupStats) -> Value),
    /// From the whole step's record.
    Run(fn(&FirmRecord) -> Value),
}

impl FirmValue {
    /// The value in the row of group `g` of `record`.
    #[inline]
    pub fn of(&self, record: &FirmRecord, g: &GroupStats) -> Value {
        match self {
            FirmValue::Group(f) => f(g),
            FirmValue::Run(f) => f(record),
        }
    }

    /// Whether the metric has one value per group.
    pub fn per_group(&self) -> bool {
        matches!(self, FirmValue::Group(_))
    }
}

impl<F> Metric<F> {
    /// The CSV column name.
    pub const fn name(&self) -> &'static str {
        self.info.name
    }
}

/// The names of `list`, in order.
pub const fn names<F, const N: usize>(list: &[Metric<F>; N]) -> [&'static str; N] {
    let mut out = [""; N];
    let mut i = 0;
    while i < N {
        out[i] = list[i].info.name;
        i += 1;
    }
    out
}

/// How many metrics of `list` are summarised over replications (all but [`Shown::Recorded`]).
pub const fn summarised_count<F, const N: usize>(list: &[Metric<F>; N]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < N {
        if !matches!(list[i].info.shown, Shown::Recorded) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The names of the metrics of `list` summarised over replications, in order; `M` must be
/// [`summarised_count`] of `list` (checked at compile time).
pub const fn summarised_names<F, const N: usize, const M: usize>(
    list: &[Metric<F>; N],
) -> [&'static str; M] {
    let mut out = [""; M];
    let (mut i, mut k) = (0, 0);
    while i < N {
        if !matches!(list[i].info.shown, Shown::Recorded) {
            out[k] = list[i].info.name;
            k += 1;
        }
        i += 1;
    }
    assert!(k == M, "M is the number of summarised metrics");
    out
}

/// Column names of the classic `summary.csv` after `run, seed`.
pub const CLASSIC_FINAL_NAMES: [&str; CLASSIC_FINAL.len()] = names(&CLASSIC_FINAL);
/// Column names of the firm economy's `summary.csv` after `run, seed`.
pub const FIRM_FINAL_NAMES: [&str; FIRM_FINAL.len()] = names(&FIRM_FINAL);
/// Per-step metrics of the classic games summarised over replications, in order.
pub const CLASSIC_STEP_SUMMARISED: [&str; summarised_count(&CLASSIC_STEP)] =
    summarised_names(&CLASSIC_STEP);
/// Per-step, per-group metrics of the firm economy summarised over replications, in order
/// (the `timeseries.csv` metrics less counts of events and run-wide money).
pub const FIRM_STEP_SUMMARISED: [&str; summarised_count(&FIRM_STEP)] = summarised_names(&FIRM_STEP);

/// The final metrics of a classic-game run, in [`CLASSIC_FINAL`] order (NaN where undefined).
pub fn classic_final_values(s: &RunSummary) -> Vec<f64> {
    CLASSIC_FINAL
        .iter()
        .map(|m| (m.value)(s).as_f64())
        .collect()
}

/// The final metrics of a firm run, in [`FIRM_FINAL`] order (NaN where undefined).
pub fn firm_final_values(s: &FirmSummary) -> Vec<f64> {
    FIRM_FINAL.iter().map(|m| (m.value)(s).as_f64()).collect()
}

/// The per-step metrics of a classic step summarised over replications, in
/// [`CLASSIC_STEP_SUMMARISED`] order.
pub fn classic_step_values(r: &StepRecord) -> Vec<f64> {
    CLASSIC_STEP
        .iter()
        .filter(|m| m.info.shown != Shown::Recorded)
        .map(|m| (m.value)(r).as_f64())
        .collect()
}

/// The per-step metrics of group `g` of a firm record summarised over replications, in
/// [`FIRM_STEP_SUMMARISED`] order (NaN where undefined).
pub fn firm_step_values(r: &FirmRecord, g: &GroupStats) -> Vec<f64> {
    FIRM_STEP
        .iter()
        .filter(|m| m.info.shown != Shown::Recorded)
        .map(|m| m.value.of(r, g).as_f64())
        .collect()
}

#[cfg(test)]
mod tests;
