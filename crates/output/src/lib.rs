//! Outputs of asocia: result folders written atomically, tidy CSV writers that observe a run,
//! and the manifest that records what produced every file.
//!
//! Nothing here knows about scenario files; the binary hands in what to record.
#![deny(missing_docs)]

mod dir;
mod firm;
mod manifest;
mod study;
mod tables;
mod time;

pub use dir::{OutputDir, OutputError};
pub use firm::{
    firm_summary_values, FirmTimeseriesWriter, FIRM_SUMMARY_METRICS, FIRM_TIMESERIES_COLUMNS,
};
pub use manifest::{Manifest, ManifestFile};
pub use study::{summary_cells, CsvTable, StudyManifest, SUMMARY_STAT_COLUMNS};
pub use tables::{
    classic_summary_values, fmt_f64, SummaryWriter, TimeseriesWriter, CLASSIC_SUMMARY_METRICS,
    TIMESERIES_COLUMNS,
};
pub use time::{rfc3339_utc, Timestamp};
