//! Capital and exit (submodels F6 and F9): `K_i ← K_i + y_i` with the step's net income; a
//! firm whose capital falls below `exit_below` exits at the end of the step, taking its
//! capital out of the economy.
//!
//! Configuration: [`DemographyConfig::exit_below`](super::super::config::DemographyConfig).
//! Phase: the settle pass lists the exits; demography applies them. Stream: none. Flows:
//! [`FLOWS`].

use super::super::ledger::Flow;

/// The money flows it records.
pub(crate) const FLOWS: &[Flow] = &[Flow::ExitCapital];

/// Adds the net income to capital and says whether the firm exits.
#[inline(always)]
pub(crate) fn update(capital: &mut f64, income: f64, exit_below: f64) -> bool {
    *capital += income;
    *capital < exit_below
}
