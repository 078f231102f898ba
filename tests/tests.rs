//! Integration tests: one binary, a module per area (the ripgrep layout).

mod cli;
mod literature;
mod scenario_errors;
