//! A comparison's tables as CSV files in a result folder: `runs.csv` written replication by
//! replication as they finish ([`CompareCsv`]), and `compare.csv`, `summary.csv` and
//! `timeseries_summary.csv` at the end ([`write_compare_tables`]). Column meanings are in
//! `docs/sweeps.md`.

use asocia_output::{fmt_f64, CsvTable, ManifestFile, OutputDir};

use super::{CompareFailure, CompareOutcome, ComparePlan, CompareRun, CompareSink};
use crate::comparison::{write_arm_summary, write_compare, write_step_summary};
use crate::{file_entry, StudyError};

/// Writes `runs.csv` and `failures.csv` as a [`CompareSink`], flushed after every replication.
pub struct CompareCsv {
    runs: CsvTable,
    failures: CsvTable,
    names: Vec<String>,
}

impl CompareCsv {
    /// Creates `runs.csv` in `out`, header written.
    pub fn create(out: &OutputDir, plan: &ComparePlan) -> Result<CompareCsv, StudyError> {
        let mut header: Vec<String> = ["run", "arm", "replication", "seed"]
            .map(String::from)
            .to_vec();
        header.extend(plan.metrics().iter().map(|m| m.to_string()));
        Ok(CompareCsv {
            runs: CsvTable::create(&out.file("runs.csv"), &header)?,
            failures: CsvTable::create(
                &out.file("failures.csv"),
                &["run", "arm", "replication", "seed", "error"],
            )?,
            names: plan.names(),
        })
    }

    /// Closes `runs.csv` and `failures.csv`; returns their manifest entries.
    pub fn finish(self) -> Result<Vec<ManifestFile>, StudyError> {
        let entries = vec![
            file_entry(
                "runs.csv",
                "one row per run of every whole replication: run, arm, replication, seed (shared by the arms), final metrics",
                self.runs.rows(),
            ),
            file_entry(
                "failures.csv",
                "one row per failed run: run, arm, replication, seed, error (its replication is left out of runs.csv and the comparison)",
                self.failures.rows(),
            ),
        ];
        self.runs.finish()?;
        self.failures.finish()?;
        Ok(entries)
    }
}

impl CompareSink for CompareCsv {
    fn replication(&mut self, runs: &[CompareRun]) -> Result<(), StudyError> {
        for r in runs {
            let mut row = vec![
                r.run.to_string(),
                self.names[r.arm].clone(),
                r.replication.to_string(),
                r.seed.to_string(),
            ];
            row.extend(r.values.iter().map(|&v| fmt_f64(v)));
            self.runs.write(&row)?;
        }
        self.runs.flush()?;
        Ok(())
    }

    fn failures(&mut self, runs: &[CompareFailure]) -> Result<(), StudyError> {
        for r in runs {
            self.failures.write(&[
                r.run.to_string(),
                self.names[r.arm].clone(),
                r.replication.to_string(),
                r.seed.to_string(),
                r.error.clone(),
            ])?;
        }
        self.failures.flush()?;
        Ok(())
    }
}

/// Writes `compare.csv`, the per-arm `summary.csv` and `timeseries_summary.csv` of `outcome`
/// into `out`; returns their manifest entries.
pub fn write_compare_tables(
    out: &OutputDir,
    outcome: &CompareOutcome,
) -> Result<Vec<ManifestFile>, StudyError> {
    Ok(vec![
        write_compare(out, &outcome.names, &outcome.rows)?,
        write_arm_summary(out, &outcome.names, outcome.metrics, &outcome.values)?,
        write_step_summary(out, &outcome.names, &outcome.steps)?,
    ])
}
