//! Tidy CSV of the firm economy: `timeseries.csv` with one row per run × recorded step ×
//! group (`all` first, then each group id), and the final metrics of a firm run for
//! `summary.csv`. Column meanings and units are documented in `docs/outputs.md`.

use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use asocia_core::firm::{FirmRecord, FirmSummary, GroupStats};

use crate::tables::fmt_f64;
use crate::OutputError;

/// The columns of a firm-mode `timeseries.csv`, in order.
pub const FIRM_TIMESERIES_COLUMNS: [&str; 27] = [
    "run",
    "seed",
    "step",
    "group",
    "alive",
    "exited",
    "survival_rate",
    "capital_mean",
    "capital_median",
    "capital_gini",
    "welfare",
    "welfare_per_firm",
    "decisions",
    "coop_rate",
    "trust_mean",
    "trust_q10",
    "trust_q50",
    "trust_q90",
    "opportunism_mean",
    "productivity_mean",
    "ties",
    "degree_mean",
    "clustering",
    "largest_component_share",
    "crisis",
    "treasury",
    "fines_paid",
];

/// Final metrics of a firm-economy run, in `summary.csv` column order.
pub const FIRM_SUMMARY_METRICS: [&str; 14] = [
    "steps_run",
    "alive_final",
    "survival_rate_final",
    "capital_mean_final",
    "capital_gini_final",
    "welfare_total",
    "coop_rate_final",
    "trust_mean_final",
    "opportunism_mean_final",
    "ties_final",
    "exits",
    "entries",
    "fines_total",
    "treasury_final",
];

/// The final metrics of a firm run, in [`FIRM_SUMMARY_METRICS`] order.
pub fn firm_summary_values(s: &FirmSummary) -> Vec<f64> {
    let l = &s.last;
    vec![
        s.steps_run as f64,
        l.alive as f64,
        l.survival_rate,
        l.capital_mean,
        l.capital_gini,
        s.welfare_total,
        l.coop_rate,
        l.trust_mean,
        l.opportunism_mean,
        l.ties as f64,
        s.exits as f64,
        s.entries as f64,
        s.fines_total,
        s.treasury,
    ]
}

/// Writes a firm-mode `timeseries.csv`: the steps a run reports (every `every`-th and the
/// last), one row per group with the total (`group = all`) first.
#[derive(Debug)]
pub struct FirmTimeseriesWriter {
    w: csv::Writer<BufWriter<File>>,
    path: PathBuf,
    every: u64,
    run: u64,
    seed: u64,
    rows: u64,
}

fn row(run: u64, seed: u64, r: &FirmRecord, g: &GroupStats) -> Vec<String> {
    let opt = |x: Option<f64>| x.map_or_else(String::new, fmt_f64);
    vec![
        run.to_string(),
        seed.to_string(),
        r.step.to_string(),
        g.group
            .map_or_else(|| "all".to_string(), |id| id.to_string()),
        g.alive.to_string(),
        g.exited.to_string(),
        fmt_f64(g.survival_rate),
        fmt_f64(g.capital_mean),
        fmt_f64(g.capital_median),
        fmt_f64(g.capital_gini),
        fmt_f64(g.welfare),
        fmt_f64(g.welfare_per_firm),
        g.decisions.to_string(),
        fmt_f64(g.coop_rate),
        fmt_f64(g.trust_mean),
        fmt_f64(g.trust_q10),
        fmt_f64(g.trust_q50),
        fmt_f64(g.trust_q90),
        fmt_f64(g.opportunism_mean),
        fmt_f64(g.productivity_mean),
        g.ties.to_string(),
        fmt_f64(g.degree_mean),
        opt(g.clustering),
        opt(g.largest_component_share),
        u8::from(r.crisis).to_string(),
        fmt_f64(r.treasury),
        fmt_f64(r.ledger.fines_paid()),
    ]
}

impl FirmTimeseriesWriter {
    /// Creates the file and writes the header. `every` must be at least 1.
    pub fn create(path: &Path, every: u64) -> Result<FirmTimeseriesWriter, OutputError> {
        let file = File::create(path).map_err(|e| OutputError::io(path, e))?;
        let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file));
        w.write_record(FIRM_TIMESERIES_COLUMNS)
            .map_err(|e| csv_err(path, e))?;
        Ok(FirmTimeseriesWriter {
            w,
            path: path.to_path_buf(),
            every: every.max(1),
            run: 0,
            seed: 0,
            rows: 0,
        })
    }

    /// Starts recording run `run` with seed `seed`.
    pub fn begin_run(&mut self, run: u64, seed: u64) {
        self.run = run;
        self.seed = seed;
    }

    /// Whether step `step` is recorded (the run always reports its last step as well).
    pub fn wants(&self, step: u64) -> bool {
        step.is_multiple_of(self.every)
    }

    /// Writes the rows of one record: the total, then each group.
    pub fn write(&mut self, record: &FirmRecord) -> Result<(), OutputError> {
        for g in &record.groups {
            self.w
                .write_record(row(self.run, self.seed, record, g))
                .map_err(|e| csv_err(&self.path, e))?;
            self.rows += 1;
        }
        Ok(())
    }

    /// Flushes and closes the file; returns the number of data rows written.
    pub fn finish(self) -> Result<u64, OutputError> {
        let buf = self
            .w
            .into_inner()
            .map_err(|e| OutputError::io(&self.path, e.into_error()))?;
        let file = buf
            .into_inner()
            .map_err(|e| OutputError::io(&self.path, e.into_error()))?;
        file.sync_all()
            .map_err(|e| OutputError::io(&self.path, e))?;
        Ok(self.rows)
    }
}

fn csv_err(path: &Path, source: csv::Error) -> OutputError {
    OutputError::Csv {
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_row_per_group_with_all_first() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ts.csv");
        let mut w = FirmTimeseriesWriter::create(&path, 2).unwrap();
        w.begin_run(0, 9);
        let all = GroupStats {
            alive: 3,
            survival_rate: 1.0,
            coop_rate: f64::NAN,
            ..GroupStats::default()
        };
        let g1 = GroupStats {
            group: Some(1),
            clustering: Some(0.5),
            ..all
        };
        let record = FirmRecord {
            step: 4,
            groups: vec![all, g1],
            ..FirmRecord::default()
        };
        assert!(w.wants(4) && !w.wants(3));
        w.write(&record).unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], FIRM_TIMESERIES_COLUMNS.join(","));
        assert!(lines[1].starts_with("0,9,4,all,3,0,1,"), "{}", lines[1]);
        assert!(lines[2].starts_with("0,9,4,1,3,"), "{}", lines[2]);
        // NaN cooperation rate and missing network metrics are empty fields.
        let f: Vec<&str> = lines[2].split(',').collect();
        assert_eq!(f[13], "");
        assert_eq!(f[22], "0.5");
        assert_eq!(lines[1].split(',').nth(22), Some(""));
    }
}
