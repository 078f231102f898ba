//! Standing (submodel F6): a firm caught defecting in the step loses the share
//! `reputation_loss` of its standing, `s ← s(1 − loss)`; otherwise standing recovers,
//! `s ← s + recovery(1 − s)`. Entrants read their partners' standing (see
//! [`super::entry`]).
//!
//! Configuration: `MonitoringConfig::reputation_loss` and [`ReputationConfig`](super::super::config::ReputationConfig)
//! (`FirmConfig::reputation`). Phase: the settle pass, per firm. Stream: none. Flows: none.

/// The next standing of a firm of standing `st`, caught in the step or not; `keep = 1 −
/// reputation_loss`.
#[inline(always)]
pub(crate) fn standing(st: f64, caught: bool, recovery: f64, keep: f64) -> f64 {
    [st + recovery * (1.0 - st), st * keep][usize::from(caught)]
}
