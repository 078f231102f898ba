//! Integration tests: one binary, a module per area (the ripgrep layout).

mod association;
mod buying_group;
mod cli;
mod common;
mod compare;
mod docs;
mod firm_errors;
mod firm_scenarios;
mod firm_sweep;
mod group_games;
mod literature;
mod plot;
mod reference;
mod resume;
mod scenario_errors;
mod seeds;
mod shards;
mod study_errors;
mod subsidy;
mod sweep;
