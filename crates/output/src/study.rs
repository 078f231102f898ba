//! Tables and manifest of the study commands (`asocia sweep`, `asocia compare`): a tidy CSV
//! writer with columns chosen at run time, the summary statistics as CSV cells, and a manifest
//! that adds what the study was to the run manifest. Column meanings are in `docs/sweeps.md`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use asocia_stats::Summary;
use serde::Serialize;

use crate::{fmt_f64, Manifest, OutputError};

/// The statistics columns of a summary row, in order (after the columns that say what is
/// summarised).
pub const SUMMARY_STAT_COLUMNS: [&str; 8] =
    ["n", "mean", "sd", "se", "ci_low", "ci_high", "min", "max"];

/// The cells of a summary row, in [`SUMMARY_STAT_COLUMNS`] order; undefined values (NaN) are
/// empty fields.
pub fn summary_cells(s: &Summary) -> [String; 8] {
    [
        s.n.to_string(),
        fmt_f64(s.mean),
        fmt_f64(s.sd),
        fmt_f64(s.se),
        fmt_f64(s.ci_low),
        fmt_f64(s.ci_high),
        fmt_f64(s.min),
        fmt_f64(s.max),
    ]
}

/// A tidy CSV file whose header is known only at run time (it names the swept parameters or
/// the metrics of the model). Rows are buffered and written in the order given.
#[derive(Debug)]
pub struct CsvTable {
    w: csv::Writer<BufWriter<File>>,
    path: PathBuf,
    columns: usize,
    rows: u64,
}

impl CsvTable {
    /// Creates the file and writes the header.
    pub fn create<S: AsRef<str>>(path: &Path, header: &[S]) -> Result<CsvTable, OutputError> {
        let file = File::create(path).map_err(|e| OutputError::io(path, e))?;
        let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 16, file));
        w.write_record(header.iter().map(AsRef::as_ref))
            .map_err(|e| csv_err(path, e))?;
        Ok(CsvTable {
            w,
            path: path.to_path_buf(),
            columns: header.len(),
            rows: 0,
        })
    }

    /// Writes one row.
    ///
    /// # Panics
    /// If the row does not have one cell per column of the header.
    pub fn write<S: AsRef<[u8]>>(&mut self, row: &[S]) -> Result<(), OutputError> {
        assert_eq!(row.len(), self.columns, "one cell per column");
        self.w
            .write_record(row)
            .map_err(|e| csv_err(&self.path, e))?;
        self.rows += 1;
        Ok(())
    }

    /// Data rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Pushes buffered rows to the file (so that an interrupted command keeps them).
    pub fn flush(&mut self) -> Result<(), OutputError> {
        self.w.flush().map_err(|e| OutputError::io(&self.path, e))
    }

    /// Flushes, syncs and closes the file; returns the number of data rows.
    pub fn finish(self) -> Result<u64, OutputError> {
        let buf = self
            .w
            .into_inner()
            .map_err(|e| OutputError::io(&self.path, e.into_error()))?;
        let mut file = buf
            .into_inner()
            .map_err(|e| OutputError::io(&self.path, e.into_error()))?;
        file.flush().map_err(|e| OutputError::io(&self.path, e))?;
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

/// `manifest.json` of a sweep or comparison: every field of the run [`Manifest`] (its
/// `run_seeds` left empty: each run's seed is in `runs.csv`), plus what the study was and
/// whether it finished.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct StudyManifest {
    /// The fields shared with `asocia run`.
    #[serde(flatten)]
    pub base: Manifest,
    /// `"sweep"` or `"compare"`.
    pub study: String,
    /// The design (sweep) or the arms and pairs (compare), as JSON.
    pub design: serde_json::Value,
    /// Runs the command set out to do.
    pub runs_planned: u64,
    /// Runs finished and written (all of them unless interrupted).
    pub runs_done: u64,
    /// The command was stopped (Ctrl-C) before every run finished; the files hold every
    /// finished run.
    pub interrupted: bool,
    /// Warnings printed while running (e.g. arms that differ in nothing).
    pub warnings: Vec<String>,
}

impl StudyManifest {
    /// Writes the manifest as pretty JSON to `path`.
    pub fn write(&self, path: &Path) -> Result<(), OutputError> {
        let mut text = serde_json::to_string_pretty(self)?;
        text.push('\n');
        std::fs::write(path, text).map_err(|e| OutputError::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_writes_header_rows_and_empty_cells_for_nan() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("t.csv");
        let mut t = CsvTable::create(&path, &["metric", "n", "mean", "sd"]).unwrap();
        let s = Summary::of(&[2.0]);
        let cells = summary_cells(&s);
        t.write(&["x", &cells[0], &cells[1], &cells[2]]).unwrap();
        assert_eq!(t.finish().unwrap(), 1);
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "metric,n,mean,sd\nx,1,2,\n"
        );
    }
}
