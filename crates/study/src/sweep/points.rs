//! The per-point accumulators of a sweep and the execution of one of its runs, shared by the
//! sweep itself and by the merge of its shards (which feeds them the shards' rows in run order,
//! so both write the same summaries).

use asocia_core::rng::run_seed;
use asocia_stats::Accumulator;

use super::{PointStepSummary, PointSummary, SweepPlan, SweepRun, SweepSink};
use crate::runner::{self, Discard};
use crate::steps::{step_values, StepSummary, StepValues, Steps};
use crate::StudyError;

/// What a finished run hands to the writer.
pub(crate) struct Done {
    /// The run's seed.
    pub seed: u64,
    /// Its final metrics.
    pub values: Vec<f64>,
    /// Its recorded steps (empty unless asked for).
    pub steps: Steps,
    /// Its step values for the per-step summaries, when they come from elsewhere than `steps`
    /// (a merge reads them from a shard's file); `None`: computed from `steps`.
    pub step_values: Option<Vec<StepValues>>,
    /// `[output] every` of its point.
    pub every: u64,
    /// Its point's step count.
    pub last: u64,
}

/// A finished run as the accumulators take it (from a run just done, a journal or a shard's
/// rows).
pub(crate) struct FinishedRun {
    /// Its run number.
    pub run: u64,
    /// Its seed.
    pub seed: u64,
    /// Its final metrics.
    pub values: Vec<f64>,
    /// Its summarised per-step values (empty without step summaries).
    pub steps: Vec<StepValues>,
    /// `[output] every` of its point.
    pub every: u64,
    /// Its point's step count.
    pub last: u64,
}

/// Executes run `run` of `plan` (point `run div R`, replication `run mod R`, seed
/// `run_seed(seed, point, replication)`), keeping its steps when `want_steps`.
pub(crate) fn run_done(plan: &SweepPlan, run: u64, want_steps: bool) -> Result<Done, StudyError> {
    let reps = plan.sweep().replications;
    let (point, rep) = (run / reps, run % reps);
    let scenario = plan.study.point(&plan.points[point as usize])?;
    let seed = run_seed(scenario.seed, point, rep);
    let mut steps = Steps::every(scenario.output.every);
    let outcome = if want_steps {
        runner::run_one(&scenario, seed, &mut steps)
    } else {
        runner::run_one(&scenario, seed, &mut Discard)
    }
    .map_err(|e| StudyError::run(run, e))?;
    Ok(Done {
        seed,
        values: outcome.values,
        steps,
        step_values: None,
        every: scenario.output.every,
        last: scenario.model.steps(),
    })
}

/// The per-point accumulators: the summaries of each point, handed to the sink after its last
/// run, and the means the sensitivity analysis needs.
pub(crate) struct Points<'a> {
    plan: &'a SweepPlan,
    metrics: &'static [&'static str],
    step_summary: Option<StepSummary>,
    /// The point whose runs are being accumulated, its accumulators (one per metric), its
    /// runs so far and its failed runs so far.
    current: Option<(u64, Vec<Accumulator>, u64, u64)>,
    /// Mean of every metric at every completed point, in point order.
    pub(crate) point_means: Vec<Vec<f64>>,
    /// Runs that finished (`.0`) and that failed (`.1`) at every completed point, in point
    /// order (beside `point_means`).
    pub(crate) point_runs: Vec<(u64, u64)>,
}

impl<'a> Points<'a> {
    /// Empty accumulators for `plan`, with per-step summaries when `step_summary`.
    pub(crate) fn new(plan: &'a SweepPlan, step_summary: bool) -> Points<'a> {
        Points {
            plan,
            metrics: plan.metrics(),
            step_summary: step_summary.then(|| StepSummary::for_scenario(&plan.study.base)),
            current: None,
            point_means: Vec::new(),
            point_runs: Vec::new(),
        }
    }

    /// Hands run `run` to the sink and adds it to its point's accumulators (runs must come in
    /// run order); flushes the point after its last replication.
    pub(crate) fn write(
        &mut self,
        sink: &mut dyn SweepSink,
        run: u64,
        done: Done,
    ) -> Result<(), StudyError> {
        let steps = match done.step_values {
            Some(values) => values,
            None if self.step_summary.is_some() => step_values(&done.steps),
            None => Vec::new(),
        };
        let finished = FinishedRun {
            run,
            seed: done.seed,
            values: done.values,
            steps,
            every: done.every,
            last: done.last,
        };
        let recorded = &done.steps;
        self.write_finished(sink, finished, |sink, row| sink.run(row, recorded))
    }

    /// Hands a finished run's row to the sink through `emit` and adds it to the accumulators
    /// of its point (summarising the previous point if this one is another); runs must come
    /// in run order.
    pub(crate) fn write_finished(
        &mut self,
        sink: &mut dyn SweepSink,
        done: FinishedRun,
        emit: impl FnOnce(&mut dyn SweepSink, &SweepRun) -> Result<(), StudyError>,
    ) -> Result<(), StudyError> {
        let run = done.run;
        let reps = self.plan.sweep().replications;
        let (point, rep) = (run / reps, run % reps);
        if done.values.len() != self.metrics.len() {
            return Err(StudyError::Invalid(format!(
                "run {run} reported {} metrics, the sweep expects {} ({}): every point must use the same model",
                done.values.len(),
                self.metrics.len(),
                self.metrics.join(", ")
            )));
        }
        let row = SweepRun {
            run,
            point,
            replication: rep,
            seed: done.seed,
            levels: self.plan.points[point as usize].clone(),
            values: done.values,
        };
        emit(sink, &row)?;
        let (_, accs, runs, _) = self.enter(sink, point)?;
        *runs += 1;
        for (acc, &v) in accs.iter_mut().zip(&row.values) {
            if v.is_finite() {
                acc.push(v);
            }
        }
        if let Some(steps) = self.step_summary.as_mut() {
            steps.push_values(&done.steps, done.every, done.last);
        }
        if rep + 1 == reps {
            self.flush_point(sink)?;
        }
        Ok(())
    }

    /// The accumulators of `point`, after summarising the previous point if it is another.
    fn enter(
        &mut self,
        sink: &mut dyn SweepSink,
        point: u64,
    ) -> Result<&mut (u64, Vec<Accumulator>, u64, u64), StudyError> {
        if self.current.as_ref().is_some_and(|c| c.0 != point) {
            self.flush_point(sink)?;
        }
        let n = self.metrics.len();
        Ok(self
            .current
            .get_or_insert_with(|| (point, vec![Accumulator::default(); n], 0, 0)))
    }

    /// Counts run `run`, which failed, at its point (it adds nothing to the summaries but the
    /// count of failed runs); runs must come in run order, finished and failed ones together.
    pub(crate) fn write_failed(
        &mut self,
        sink: &mut dyn SweepSink,
        run: u64,
    ) -> Result<(), StudyError> {
        let reps = self.plan.sweep().replications;
        let (point, rep) = (run / reps, run % reps);
        self.enter(sink, point)?.3 += 1;
        if rep + 1 == reps {
            self.flush_point(sink)?;
        }
        Ok(())
    }

    /// Hands the summaries of the current point to the sink and keeps its means.
    pub(crate) fn flush_point(&mut self, sink: &mut dyn SweepSink) -> Result<(), StudyError> {
        let Some((point, accs, runs, failed)) = self.current.take() else {
            return Ok(());
        };
        let complete = runs == self.plan.sweep().replications;
        let summaries: Vec<PointSummary> = self
            .metrics
            .iter()
            .zip(&accs)
            .map(|(metric, acc)| PointSummary {
                point,
                metric,
                summary: acc.summary(),
                runs,
                complete,
                failed,
            })
            .collect();
        let steps: Vec<PointStepSummary> = match self.step_summary.as_mut() {
            Some(steps) => {
                let rows = steps
                    .rows()
                    .map(|(step, group, metric, acc)| PointStepSummary {
                        point,
                        step,
                        group,
                        metric,
                        summary: acc.summary(),
                    })
                    .collect();
                *steps = StepSummary::for_scenario(&self.plan.study.base);
                rows
            }
            None => Vec::new(),
        };
        sink.point(&summaries, &steps)?;
        self.point_means
            .push(accs.iter().map(Accumulator::mean).collect());
        self.point_runs.push((runs, failed));
        Ok(())
    }
}
