//! Tidy CSV tables: `timeseries.csv` (one row per run × recorded step) and `summary.csv`
//! (one row per run). Column meanings are documented in `docs/outputs.md`.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use asocia_core::classic::observer::{Observer, StepRecord};
use std::fmt::Write as _;

use crate::metrics::{Table, Value, CLASSIC_STEP};
use crate::OutputError;

pub(crate) type CsvOut = csv::Writer<Out>;

/// Where a time-series writer's rows go: a file, or memory (one run's rows at a time, taken
/// with `take` and appended to a file later with `append`: how a resumable sweep keeps each
/// finished run's rows in its journal). Shared behind a lock so that the csv writer's owner
/// can reach it through `csv::Writer::get_ref` (locked only when the csv writer's own buffer
/// is passed on, never per field).
#[derive(Debug)]
pub(crate) struct Out(Mutex<Sink>);

#[derive(Debug)]
enum Sink {
    /// A buffered file.
    File(BufWriter<File>),
    /// Bytes in memory, without a header.
    Memory(Vec<u8>),
}

impl Out {
    fn sink(&self) -> std::sync::MutexGuard<'_, Sink> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut *self.sink() {
            Sink::File(f) => f.write(buf),
            Sink::Memory(v) => v.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut *self.sink() {
            Sink::File(f) => f.flush(),
            Sink::Memory(_) => Ok(()),
        }
    }
}

pub(crate) fn open(path: &Path, header: &[&str]) -> Result<CsvOut, OutputError> {
    let file = File::create(path).map_err(|e| OutputError::io(path, e))?;
    let sink = Sink::File(BufWriter::with_capacity(1 << 16, file));
    let mut w = csv::Writer::from_writer(Out(Mutex::new(sink)));
    w.write_record(header).map_err(|e| csv_err(path, e))?;
    Ok(w)
}

/// A writer into memory, without a header.
pub(crate) fn memory() -> CsvOut {
    csv::Writer::from_writer(Out(Mutex::new(Sink::Memory(Vec::new()))))
}

/// The rows written into a memory writer since the last call (empty for a file writer).
pub(crate) fn take(w: &mut CsvOut, path: &Path) -> Result<Vec<u8>, OutputError> {
    w.flush().map_err(|e| OutputError::io(path, e))?;
    Ok(match &mut *w.get_ref().sink() {
        Sink::Memory(v) => std::mem::take(v),
        Sink::File(_) => Vec::new(),
    })
}

/// Appends rows rendered elsewhere (by a memory writer) after the rows written so far.
pub(crate) fn append(w: &mut CsvOut, path: &Path, rows: &[u8]) -> Result<(), OutputError> {
    w.flush().map_err(|e| OutputError::io(path, e))?;
    match &mut *w.get_ref().sink() {
        Sink::File(f) => f.write_all(rows),
        Sink::Memory(v) => v.write_all(rows),
    }
    .map_err(|e| OutputError::io(path, e))
}

pub(crate) fn csv_err(path: &Path, source: csv::Error) -> OutputError {
    OutputError::Csv {
        path: path.to_path_buf(),
        source,
    }
}

pub(crate) fn close(w: CsvOut, path: &Path) -> Result<(), OutputError> {
    let out = w
        .into_inner()
        .map_err(|e| OutputError::io(path, e.into_error()))?;
    let Sink::File(buf) = out
        .0
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
    else {
        return Ok(());
    };
    let file = buf
        .into_inner()
        .map_err(|e| OutputError::io(path, e.into_error()))?;
    file.sync_all().map_err(|e| OutputError::io(path, e))
}

/// Observes runs and writes `timeseries.csv`: every `every`-th step of each run, plus the
/// run's last step.
#[derive(Debug)]
pub struct TimeseriesWriter {
    w: CsvOut,
    path: PathBuf,
    every: u64,
    run: u64,
    seed: u64,
    /// The latest step not yet written (written at `end_run` if it was the last).
    pending: Option<StepRecord>,
    rows: u64,
    /// The text of one field, reused for every field of every row.
    buf: String,
}

impl TimeseriesWriter {
    /// Creates the file and writes the header (`run, seed, step` and the names of
    /// [`CLASSIC_STEP`]). `every` must be at least 1.
    pub fn create(path: &Path, every: u64) -> Result<TimeseriesWriter, OutputError> {
        Ok(TimeseriesWriter {
            w: open(path, &Table::ClassicTimeseries.header())?,
            path: path.to_path_buf(),
            every: every.max(1),
            run: 0,
            seed: 0,
            pending: None,
            rows: 0,
            buf: String::with_capacity(32),
        })
    }

    /// A writer that keeps its rows in memory, without a header, for
    /// [`take_rows`](Self::take_rows).
    pub fn in_memory(every: u64) -> TimeseriesWriter {
        TimeseriesWriter {
            w: memory(),
            path: PathBuf::from("<memory>"),
            every: every.max(1),
            run: 0,
            seed: 0,
            pending: None,
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
        self.pending = None;
    }

    /// Ends the current run, writing its last step if the `every` filter skipped it.
    pub fn end_run(&mut self) -> Result<(), OutputError> {
        if let Some(row) = self.pending.take() {
            self.write(&row)?;
        }
        Ok(())
    }

    /// Flushes and closes the file; returns the number of data rows written.
    pub fn finish(self) -> Result<u64, OutputError> {
        close(self.w, &self.path)?;
        Ok(self.rows)
    }

    fn write(&mut self, r: &StepRecord) -> Result<(), OutputError> {
        let (w, buf) = (&mut self.w, &mut self.buf);
        let keys = [self.run, self.seed, r.step].map(Value::Count);
        let values = CLASSIC_STEP.iter().map(|m| (m.value)(r));
        for v in keys.into_iter().chain(values) {
            write_value(w, buf, v).map_err(|e| csv_err(&self.path, e))?;
        }
        end_record(w).map_err(|e| csv_err(&self.path, e))?;
        self.rows += 1;
        Ok(())
    }
}

/// Writes `v` as the next field of the current record, through `buf`.
#[inline]
pub(crate) fn write_value(w: &mut CsvOut, buf: &mut String, v: Value) -> Result<(), csv::Error> {
    buf.clear();
    v.write_to(buf);
    w.write_field(buf.as_bytes())
}

/// Ends the current record.
#[inline]
pub(crate) fn end_record(w: &mut CsvOut) -> Result<(), csv::Error> {
    w.write_record(None::<&[u8]>)
}

impl Observer for TimeseriesWriter {
    type Error = OutputError;

    fn on_step(&mut self, record: &StepRecord) -> Result<(), OutputError> {
        if record.step.is_multiple_of(self.every) {
            self.pending = None;
            self.write(record)
        } else {
            self.pending = Some(*record);
            Ok(())
        }
    }
}

/// Writes `summary.csv`: one row per run, `run, seed` and then the final metrics of the
/// model (the names of [`crate::metrics::CLASSIC_FINAL`] or [`crate::metrics::FIRM_FINAL`]).
#[derive(Debug)]
pub struct SummaryWriter {
    w: CsvOut,
    path: PathBuf,
    metrics: usize,
}

impl SummaryWriter {
    /// Creates the file and writes the header `run, seed, metrics...`.
    pub fn create(path: &Path, metrics: &[&str]) -> Result<SummaryWriter, OutputError> {
        let mut header = vec!["run", "seed"];
        header.extend_from_slice(metrics);
        Ok(SummaryWriter {
            w: open(path, &header)?,
            path: path.to_path_buf(),
            metrics: metrics.len(),
        })
    }

    /// Writes the row of run `run` (seed `seed`); `values` in the order of the header's
    /// metrics, NaN written as an empty field.
    ///
    /// # Panics
    /// If `values` has a different length than the metrics given to `create`.
    pub fn write(&mut self, run: u64, seed: u64, values: &[f64]) -> Result<(), OutputError> {
        assert_eq!(values.len(), self.metrics, "one value per summary metric");
        let mut rec = Vec::with_capacity(2 + values.len());
        rec.push(run.to_string());
        rec.push(seed.to_string());
        rec.extend(values.iter().map(|&v| fmt_f64(v)));
        self.w
            .write_record(&rec)
            .map_err(|e| csv_err(&self.path, e))
    }

    /// Flushes and closes the file.
    pub fn finish(self) -> Result<(), OutputError> {
        close(self.w, &self.path)
    }
}

/// Shortest decimal that reads back to the same `f64` (Rust's `Display`), so the CSV is exact
/// and byte-stable (whole numbers without a decimal point); NaN is written as an empty field
/// (a missing value for pandas and R), infinities as `inf` and `-inf`.
pub fn fmt_f64(x: f64) -> String {
    let mut s = String::new();
    write_f64(&mut s, x);
    s
}

/// Appends [`fmt_f64`]`(x)` to `out` (without allocating when `out` has room).
#[inline]
pub(crate) fn write_f64(out: &mut String, x: f64) {
    if x.is_nan() {
    } else if x == 0.0 {
        // Canonicalise −0.0 so equal results give equal bytes.
        out.push('0');
    } else {
        let _ = write!(out, "{x}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::{classic_final_values, CLASSIC_FINAL_NAMES};
    use asocia_core::classic::RunSummary;

    fn header(path: &Path) -> String {
        let text = std::fs::read_to_string(path).unwrap();
        text.lines().next().unwrap().to_string()
    }

    #[test]
    fn timeseries_header_is_the_keys_and_the_registry_names_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ts.csv");
        TimeseriesWriter::create(&path, 1)
            .unwrap()
            .finish()
            .unwrap();
        let mut want = vec!["run", "seed", "step"];
        want.extend(CLASSIC_STEP.iter().map(|m| m.info.name));
        assert_eq!(header(&path), want.join(","));
        // Spelled out once, so that a reordering of the registry is seen here too.
        assert_eq!(
            header(&path),
            "run,seed,step,alive,cooperators,coop_rate,payoff_mean"
        );
    }

    #[test]
    fn summary_header_is_run_seed_and_the_registry_names_in_order() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("s.csv");
        SummaryWriter::create(&path, &CLASSIC_FINAL_NAMES)
            .unwrap()
            .finish()
            .unwrap();
        let mut want = vec!["run", "seed"];
        want.extend(crate::metrics::CLASSIC_FINAL.iter().map(|m| m.info.name));
        assert_eq!(header(&path), want.join(","));
        assert_eq!(header(&path), Table::ClassicSummary.header().join(","));
    }

    fn rec(step: u64, c: usize) -> StepRecord {
        StepRecord {
            step,
            alive: 10,
            cooperators: c,
            coop_rate: c as f64 / 10.0,
            payoff_mean: -0.0,
        }
    }

    #[test]
    fn every_filter_keeps_last_step() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("ts.csv");
        let mut w = TimeseriesWriter::create(&path, 3).unwrap();
        w.begin_run(0, 11);
        for t in 0..=7 {
            w.on_step(&rec(t, t as usize)).unwrap();
        }
        w.end_run().unwrap();
        w.begin_run(1, 12);
        for t in 0..=3 {
            w.on_step(&rec(t, 1)).unwrap();
        }
        w.end_run().unwrap();
        assert_eq!(w.finish().unwrap(), 6);
        let text = std::fs::read_to_string(&path).unwrap();
        let steps: Vec<&str> = text
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(2).unwrap())
            .collect();
        assert_eq!(steps, ["0", "3", "6", "7", "0", "3"]);
        assert!(text.starts_with("run,seed,step,alive,cooperators,coop_rate,payoff_mean\n"));
        assert!(text.contains("\n0,11,3,10,3,0.3,0\n"), "{text}");
    }

    #[test]
    fn summary_leaves_absorbed_at_empty_when_not_absorbed() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("s.csv");
        let mut w = SummaryWriter::create(&path, &CLASSIC_FINAL_NAMES).unwrap();
        let s = RunSummary {
            steps_run: 5,
            coop_rate_final: 0.25,
            payoff_mean_final: 1.5,
            absorbed_at: None,
        };
        w.write(0, 3, &classic_final_values(&s)).unwrap();
        w.write(
            1,
            4,
            &classic_final_values(&RunSummary {
                absorbed_at: Some(2),
                ..s
            }),
        )
        .unwrap();
        w.finish().unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            "run,seed,steps_run,coop_rate_final,payoff_mean_final,absorbed_at\n0,3,5,0.25,1.5,\n1,4,5,0.25,1.5,2\n"
        );
    }
}
