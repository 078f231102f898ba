//! A run's recorded steps and their summaries over replications: per step (and per group of
//! firms), the mean and CI band of every per-step metric.

use std::collections::BTreeMap;

use asocia_core::classic::observer::StepRecord;
use asocia_core::firm::FirmRecord;
use asocia_output::metrics::{
    classic_step_values, firm_step_values, CLASSIC_STEP_SUMMARISED, FIRM_STEP_SUMMARISED,
};
use asocia_output::OutputError;
use asocia_scenario::Scenario;
use asocia_stats::Accumulator;

use crate::metrics::Model;
use crate::runner;

/// Keeps the recorded steps of a run (for `timeseries.csv` and per-step summaries): every step
/// of a classic run; every `every`-th step and the last of a firm-economy run (each record holds
/// the total and every group).
#[derive(Clone, Debug, Default)]
pub struct Steps {
    /// Steps of a classic-game run, in step order.
    pub classic: Vec<StepRecord>,
    /// Records of a firm-economy run, in step order.
    pub firms: Vec<FirmRecord>,
    /// Firm records are kept at steps divisible by this (at least 1).
    every: u64,
}

impl Steps {
    /// A recorder keeping every step of a classic run and every `every`-th (and the last) step
    /// of a firm run (`every` as `[output] every`; 0 is taken as 1).
    pub fn every(every: u64) -> Steps {
        Steps {
            every: every.max(1),
            ..Steps::default()
        }
    }
}

impl runner::Recorder for Steps {
    fn classic_step(&mut self, record: &StepRecord) -> Result<(), OutputError> {
        self.classic.push(*record);
        Ok(())
    }

    fn wants_firm_step(&self, step: u64) -> bool {
        step % self.every.max(1) == 0
    }

    fn firm_step(&mut self, record: &FirmRecord) -> Result<(), OutputError> {
        self.firms.push(record.clone());
        Ok(())
    }
}

/// The per-step columns of a classic run summarised over replications (from the registry of
/// metrics, `asocia_output::metrics::CLASSIC_STEP`).
pub const STEP_METRICS: [&str; CLASSIC_STEP_SUMMARISED.len()] = CLASSIC_STEP_SUMMARISED;

/// The per-step, per-group columns of a firm-economy run summarised over replications (from
/// the registry of metrics: its `timeseries.csv` metrics, less counts of events and run-wide
/// money, `asocia_output::metrics::Shown::Recorded`).
pub const FIRM_STEP_METRICS: [&str; FIRM_STEP_SUMMARISED.len()] = FIRM_STEP_SUMMARISED;

/// One recorded step of a run: its step and, per group (`None` = all firms), the values of the
/// summarised per-step metrics (what [`StepSummary`] accumulates; a resumable sweep keeps them
/// in its journal).
pub type StepValues = (u64, Vec<(Option<u32>, Vec<f64>)>);

/// The summarised per-step values of a run's recorded `steps`, in step order.
pub fn step_values(steps: &Steps) -> Vec<StepValues> {
    if steps.firms.is_empty() {
        steps
            .classic
            .iter()
            .map(|r| (r.step, vec![(None, classic_step_values(r))]))
            .collect()
    } else {
        steps
            .firms
            .iter()
            .map(|r| {
                let groups = r
                    .groups
                    .iter()
                    .map(|g| (g.group, firm_step_values(r, g)))
                    .collect();
                (r.step, groups)
            })
            .collect()
    }
}

/// Per-step accumulators of one group of runs (an arm, a design point): the mean and CI band of
/// every per-step metric of the model ([`STEP_METRICS`] or [`FIRM_STEP_METRICS`]), at every
/// recorded step, per group of firms (`all` for the total; classic runs have only `all`).
///
/// Only finite values are accumulated: a metric undefined in a replication at a step (a
/// cooperation rate with no decision, clustering off a network step) leaves that replication
/// out of that row, whose `n` says how many had a value; a row no replication has is not
/// written.
#[derive(Clone, Debug)]
pub struct StepSummary {
    metrics: &'static [&'static str],
    /// Keyed by (step, group): `None` (all firms) sorts before every group id.
    steps: BTreeMap<(u64, Option<u32>), Vec<Accumulator>>,
}

impl StepSummary {
    /// The per-step metrics it summarises, in column order.
    pub(crate) fn metrics(&self) -> &'static [&'static str] {
        self.metrics
    }

    /// An empty summary of the per-step metrics of `scenario`'s model.
    pub fn for_scenario(scenario: &Scenario) -> StepSummary {
        StepSummary {
            metrics: step_metrics(scenario),
            steps: BTreeMap::new(),
        }
    }

    /// Adds one run's steps. Steps are kept every `every` steps and at `last` (the scenario's
    /// step count); a run that stopped early (absorbed: its state no longer changes) carries
    /// its last record forward to `last`, so every step averages over every replication.
    pub fn push(&mut self, steps: &Steps, every: u64, last: u64) {
        self.push_values(&step_values(steps), every, last);
    }

    /// Adds one run's steps given as their values ([`step_values`]); as [`push`](Self::push).
    pub fn push_values(&mut self, records: &[StepValues], every: u64, last: u64) {
        let Some(final_record) = records.last() else {
            return;
        };
        let every = every.max(1);
        let n_metrics = self.metrics.len();
        let keep = |t: u64| t % every == 0 || t == last;
        let mut add = |t: u64, (_, groups): &StepValues| {
            for (group, values) in groups {
                debug_assert_eq!(values.len(), n_metrics, "one value per step metric");
                let accs = self
                    .steps
                    .entry((t, *group))
                    .or_insert_with(|| vec![Accumulator::default(); n_metrics]);
                for (a, &v) in accs.iter_mut().zip(values) {
                    if v.is_finite() {
                        a.push(v);
                    }
                }
            }
        };
        for r in records.iter().filter(|r| keep(r.0)) {
            add(r.0, r);
        }
        if final_record.0 < last {
            let mut t = (final_record.0 + 1).div_ceil(every) * every;
            while t < last {
                add(t, final_record);
                t += every;
            }
            add(last, final_record);
        }
    }

    /// Every (step, group, metric, accumulator) with at least one value, in step, group (`all`
    /// first, then ascending ids) and metric order.
    pub fn rows(&self) -> impl Iterator<Item = (u64, String, &'static str, &Accumulator)> {
        let metrics = self.metrics;
        self.steps.iter().flat_map(move |((t, group), accs)| {
            let group = group.map_or_else(|| "all".to_string(), |g| g.to_string());
            metrics
                .iter()
                .zip(accs)
                .filter(|(_, a)| a.n() > 0)
                .map(move |(m, a)| (*t, group.clone(), *m, a))
        })
    }
}

/// The per-step metrics of `scenario`'s model.
pub fn step_metrics(scenario: &Scenario) -> &'static [&'static str] {
    match Model::of(scenario) {
        Model::Classic => &STEP_METRICS,
        Model::Firms => &FIRM_STEP_METRICS,
    }
}
