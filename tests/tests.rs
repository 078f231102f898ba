//! Integration tests: one binary, a module per area (the ripgrep layout).

mod cli;
mod scenario_errors;
mod literature;
