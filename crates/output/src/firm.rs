//! Tidy CSV of the firm economy: `timeseries.csv` with one row per run × recorded step ×
//! group (`all` first, then each group id). Its columns are the keys and
//! [`crate::metrics::FIRM_STEP`], in that order; meanings and units are in `docs/outputs.md`.

use std::path::{Path, PathBuf};

use asocia_core::firm::FirmRecord;

use crate::metrics::{Table, Value, FIRM_STEP};
use crate::tables::{append, close, csv_err, end_record, memory, open, take, write_value, CsvOut};
use crate::OutputError;

/// Writes a firm-mode `timeseries.csv`: the steps a run reports (every `every`-th and the
/// last), one row per group with the total (`group = all`) first.
#[derive(Debug)]
pub struct FirmTimeseriesWriter {
    w: CsvOut,
    path: PathBuf,
    every: u64,
    run: u64,
    seed: u64,
    rows: u64,
    /// The text of one field, reused for every field of every row.
    buf: String,
}

impl FirmTimeseriesWriter {
    /// Creates the file and writes the header (`run, seed, step, group` and the names of
    /// [`FIRM_STEP`]). `every` must be at least 1.
    pub fn create(path: &Path, every: u64) -> Result<FirmTimeseriesWriter, OutputError> {
        Ok(FirmTimeseriesWriter {
            w: open(path, &Table::FirmTimeseries.header())?,
            path: path.to_path_buf(),
            every: every.max(1),
            run: 0,
            seed: 0,
            rows: 0,
            buf: String::with_capacity(32),
        })
    }

    /// A writer that keeps its rows in memory, without a header, for
    /// [`take_rows`](Self::take_rows).
    pub fn in_memory(every: u64) -> FirmTimeseriesWriter {
        FirmTimeseriesWriter {
            w: memory(),
            path: PathBuf::from("<memory>"),
            every: every.max(1),
            run: 0,
            seed: 0,
            rows: 0,
            buf: String::with_capacity(32),
        }
    }

    /// The bytes and number of the rows written since the last call (of an
    /// [`in_memory`](Self::in_memory) writer; nothing for a file).
    pub fn take_rows(&mut self) -> Result<(Vec<u8>, u64), OutputError> {
        let bytes = take(&mut self.w, &self.path)?;
        Ok((bytes, std::mem::take(&mut self.rows)))
    }

    /// Appends `rows` data rows rendered by an in-memory writer (`bytes`, as
    /// [`take_rows`](Self::take_rows) gave them).
    pub fn append_rows(&mut self, bytes: &[u8], rows: u64) -> Result<(), OutputError> {
        append(&mut self.w, &self.path, bytes)?;
        self.rows += rows;
        Ok(())
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
        let (w, buf) = (&mut self.w, &mut self.buf);
        let err = |e| csv_err(&self.path, e);
        for g in &record.groups {
            for v in [self.run, self.seed, record.step].map(Value::Count) {
                write_value(w, buf, v).map_err(err)?;
            }
            match g.group {
                Some(id) => write_value(w, buf, Value::Count(id.into())),
                None => w.write_field("all"),
            }
            .map_err(err)?;
            for m in &FIRM_STEP {
                write_value(w, buf, m.value.of(record, g)).map_err(err)?;
            }
            end_record(w).map_err(err)?;
            self.rows += 1;
        }
        Ok(())
    }

    /// Flushes and closes the file; returns the number of data rows written.
    pub fn finish(self) -> Result<u64, OutputError> {
        close(self.w, &self.path)?;
        Ok(self.rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use asocia_core::firm::{Flow, GroupStats, Ledger};

    #[test]
    fn header_is_the_keys_and_the_registry_names_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ts.csv");
        FirmTimeseriesWriter::create(&path, 1)
            .unwrap()
            .finish()
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        let mut want = vec!["run", "seed", "step", "group"];
        want.extend(FIRM_STEP.iter().map(|m| m.info.name));
        assert_eq!(text, format!("{}\n", want.join(",")));
        assert_eq!(want.len(), 61);
    }

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
            crisis: true,
            treasury: 2.5,
            ledger: {
                let mut l = Ledger::default();
                l[Flow::FinesPaid] = 0.125;
                l[Flow::Subsidies] = 0.75;
                l
            },
            ..FirmRecord::default()
        };
        assert!(w.wants(4) && !w.wants(3));
        w.write(&record).unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], Table::FirmTimeseries.header().join(","));
        assert!(lines[1].starts_with("0,9,4,all,3,0,1,"), "{}", lines[1]);
        assert!(lines[2].starts_with("0,9,4,1,3,"), "{}", lines[2]);
        // NaN cooperation rate and missing network metrics are empty fields.
        let f: Vec<&str> = lines[2].split(',').collect();
        assert_eq!(f[13], "");
        assert_eq!(f[22], "0.5");
        assert_eq!(lines[1].split(',').nth(22), Some(""));
        // Run-wide columns (crisis, treasury, fines paid, subsidies) repeat on every group
        // row, then the association columns (none here: 0 members, joins, departures and
        // treasury, no mean trust) and the run-wide association fees (0), then the policy
        // costs (training, public monitoring, infrastructure: 0), public spending (the
        // subsidies, 0.75), no budget (empty), the tie formation and fair columns (0), the
        // alliance and anchor columns (all 0 here), and the buying group columns (0 savings,
        // free-riders, detected; 0 input costs, fines, monitoring).
        for l in &lines[1..] {
            assert!(
                l.ends_with(
                    ",1,2.5,0.125,0.75,0,0,0,0,,0,0,0,0,0.75,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"
                ),
                "{l}"
            );
        }
    }
}
