//! Integration tests: one binary, a module per area (the ripgrep layout).

mod cli;
mod compare;
mod plot;
mod literature;
mod scenario_errors;
mod sweep;
