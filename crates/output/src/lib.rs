//! Outputs of asocia: result folders written atomically, tidy CSV writers that observe a run,
//! their typed Parquet copies (`--format parquet`),
//! the manifest that records what produced every file, and the one registry of metrics
//! ([`metrics`]) the writers, the study engine, plots and the docs derive from.
//!
//! Nothing here knows about scenario files; the binary hands in what to record.
#![deny(missing_docs)]

mod agents;
mod dir;
mod firm;
mod manifest;
pub mod metrics;
mod parquet_table;
mod study;
mod tables;
mod time;

pub use agents::{
    graphml_file, NetworkFormat, NetworkWriter, SnapshotWriter, StrategySnapshotWriter,
    GRAPHML_WEIGHT,
};
pub use dir::{clear_results, is_results, own_entries, OutputDir, OutputError, MANIFEST_FILE};
pub use firm::FirmTimeseriesWriter;
pub use manifest::{Manifest, ManifestFile};
pub use metrics::{
    classic_final_values as classic_summary_values, firm_final_values as firm_summary_values,
    CLASSIC_FINAL_NAMES as CLASSIC_SUMMARY_METRICS, FIRM_FINAL_NAMES as FIRM_SUMMARY_METRICS,
};
pub use parquet_table::{
    csv_to_parquet, key_type, parquet_name, replace_with_parquet, ColumnType, MIN_GROUP_ROWS,
    ROW_GROUP_CELLS,
};
pub use study::{summary_cells, CsvTable, StudyManifest, SUMMARY_STAT_COLUMNS};
pub use tables::{fmt_f64, SummaryWriter, TimeseriesWriter};
pub use time::{rfc3339_utc, Timestamp};
