//! Integration tests: one binary, a module per area (the ripgrep layout).

mod association;
mod cli;
mod common;
mod compare;
mod docs;
mod failures;
mod firm_errors;
mod firm_scenarios;
mod firm_sweep;
mod formation;
mod group_games;
mod literature;
mod parquet_files;
mod plot;
mod policy;
mod reference;
mod resume;
mod safety;
mod scenario_errors;
mod seeds;
mod shards;
mod snapshots;
mod study_errors;
mod subsidy;
mod sweep;
