//! The sensitivity analysis of a whole design: Sobol indices (Sobol designs) or main effects
//! (grids), per final metric and parameter, from the mean of every metric at every point.

use asocia_stats::sensitivity::SobolOptions;
use asocia_stats::{main_effects, sobol_indices, Design, SaltelliOutputs, StatsError};

use super::{SensitivityRow, SweepPlan};

/// The rows of the sensitivity table; `None` for Latin hypercube designs. Metrics whose
/// analysis fails for a reason worth telling push a warning instead of rows.
pub(crate) fn rows(
    plan: &SweepPlan,
    metrics: &[&'static str],
    point_means: &[Vec<f64>],
    seed: u64,
    warnings: &mut Vec<String>,
) -> Option<Vec<SensitivityRow>> {
    let design = &plan.sweep().design;
    if matches!(design, Design::LatinHypercube { .. }) {
        return None;
    }
    let keys = design.keys();
    let mut rows = Vec::new();
    for (m, &metric) in metrics.iter().enumerate() {
        let y: Vec<f64> = point_means.iter().map(|p| p[m]).collect();
        let skip = |why: &StatsError| format!("sensitivity of `{metric}` not computed: {why}");
        if let Design::Sobol { .. } = design {
            let outputs = match SaltelliOutputs::from_design_order(&y, keys.len()) {
                Ok(o) => o,
                Err(e) => {
                    warnings.push(skip(&e));
                    continue;
                }
            };
            let opts = SobolOptions {
                seed,
                ..SobolOptions::default()
            };
            match sobol_indices(&keys, &outputs, &opts) {
                Ok(indices) => {
                    for s in indices {
                        let n = outputs.n();
                        for (index, lo, hi) in s.wide_intervals() {
                            warnings.push(format!(
                                "sensitivity of `{metric}` to `{}`: the 95% interval of the `{index}` index, [{lo:.3}, {hi:.3}], is wider than the [0, 1] range of an index; too few base rows (N = {n}) for this metric: raise `sweep.samples`",
                                s.key
                            ));
                        }
                        for (index, v, lo, hi) in [
                            ("first", s.first, s.first_ci_low, s.first_ci_high),
                            ("total", s.total, s.total_ci_low, s.total_ci_high),
                        ] {
                            rows.push(SensitivityRow {
                                metric,
                                parameter: s.key.clone(),
                                index,
                                level: None,
                                n: n as u64,
                                mean: None,
                                value: v,
                                ci_low: Some(lo),
                                ci_high: Some(hi),
                            });
                        }
                    }
                }
                // A metric that does not vary (e.g. steps_run without absorption) has no
                // indices; say so only for metrics that are not constant by design.
                Err(StatsError::ZeroVariance) => {}
                Err(e) => warnings.push(skip(&e)),
            }
        } else {
            match main_effects(&keys, &plan.points, &y) {
                Ok(effects) => {
                    for e in effects {
                        rows.push(SensitivityRow {
                            metric,
                            parameter: e.key,
                            index: "main_effect",
                            level: Some(e.level),
                            n: e.n,
                            mean: Some(e.mean),
                            value: e.effect,
                            ci_low: None,
                            ci_high: None,
                        });
                    }
                }
                // Metrics undefined at some point (e.g. absorbed_at) have no main effects.
                Err(StatsError::NonFinite { .. }) => {}
                Err(e) => warnings.push(skip(&e)),
            }
        }
    }
    Some(rows)
}
