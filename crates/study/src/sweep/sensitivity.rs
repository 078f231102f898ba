//! The sensitivity analysis of a whole design: Sobol indices (Sobol designs) or main effects
//! (grids), per final metric and parameter, from the mean of every metric at every point.

use asocia_stats::sensitivity::SobolOptions;
use asocia_stats::{main_effects, sobol_indices, Design, SaltelliOutputs, StatsError};

use super::{SensitivityRow, SweepPlan};

/// The rows of the sensitivity table; `None` for Latin hypercube designs. Metrics whose
/// analysis fails for a reason worth telling push a warning instead of rows.
///
/// `point_runs` gives per point its finished and failed runs. A point's mean is over its
/// finished runs. The rule for failed runs: a Sobol base row (its points in the blocks `A`,
/// `B`, `AB_1 … AB_d`) with a point whose every run failed is left out whole (the base rows
/// are independent samples, so the indices of the others are still valid estimates, from
/// fewer rows: `n` says how many) and a warning says how many were left out; a grid with such
/// a point has no main effects (a warning says which points). Each row counts the failed runs
/// behind it in `failed_runs`.
pub(crate) fn rows(
    plan: &SweepPlan,
    metrics: &[&'static str],
    point_means: &[Vec<f64>],
    point_runs: &[(u64, u64)],
    seed: u64,
    warnings: &mut Vec<String>,
) -> Option<Vec<SensitivityRow>> {
    let design = &plan.sweep().design;
    if matches!(design, Design::LatinHypercube { .. }) {
        return None;
    }
    let keys = design.keys();
    let empty: Vec<usize> = (0..point_runs.len())
        .filter(|&p| point_runs[p].0 == 0 && point_runs[p].1 > 0)
        .collect();
    let mut rows = Vec::new();
    // Sobol: the base rows kept (those without a point whose every run failed).
    let blocks = keys.len() + 2;
    let base = point_means.len() / blocks.max(1);
    let kept: Vec<usize> = (0..base)
        .filter(|&j| {
            (0..blocks).all(|b| point_runs[b * base + j].0 > 0 || point_runs[b * base + j].1 == 0)
        })
        .collect();
    let sobol_failed: u64 = kept
        .iter()
        .flat_map(|&j| (0..blocks).map(move |b| b * base + j))
        .map(|p| point_runs[p].1)
        .sum();
    if matches!(design, Design::Sobol { .. }) && kept.len() < base {
        warnings.push(format!(
            "sensitivity: {} of the {base} base rows of the Sobol design left out, each with a point whose every run failed (see failures.csv); the indices are from the other {}",
            base - kept.len(),
            kept.len()
        ));
    }
    for (m, &metric) in metrics.iter().enumerate() {
        let y: Vec<f64> = point_means.iter().map(|p| p[m]).collect();
        let skip = |why: &StatsError| format!("sensitivity of `{metric}` not computed: {why}");
        if let Design::Sobol { .. } = design {
            let outputs = match SaltelliOutputs::from_design_order(&y, keys.len()) {
                Ok(o) if kept.len() < base => {
                    let pick = |v: &[f64]| kept.iter().map(|&j| v[j]).collect::<Vec<f64>>();
                    SaltelliOutputs {
                        f_a: pick(&o.f_a),
                        f_b: pick(&o.f_b),
                        f_ab: o.f_ab.iter().map(|v| pick(v)).collect(),
                    }
                }
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
                                failed_runs: sobol_failed,
                            });
                        }
                    }
                }
                // A metric that does not vary (e.g. steps_run without absorption) has no
                // indices; say so only for metrics that are not constant by design.
                Err(StatsError::ZeroVariance) => {}
                Err(e) => warnings.push(skip(&e)),
            }
        } else if !empty.is_empty() {
            let list: Vec<String> = empty.iter().map(ToString::to_string).collect();
            warnings.push(format!(
                "main effects of `{metric}` not computed: every run of point{} {} failed (see failures.csv)",
                if empty.len() == 1 { "" } else { "s" },
                list.join(", ")
            ));
        } else {
            match main_effects(&keys, &plan.points, &y) {
                Ok(effects) => {
                    for e in effects {
                        let k = keys.iter().position(|key| *key == e.key);
                        let failed_runs = plan
                            .points
                            .iter()
                            .zip(point_runs)
                            .filter(|(levels, _)| k.is_some_and(|k| levels[k] == e.level))
                            .map(|(_, &(_, failed))| failed)
                            .sum();
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
                            failed_runs,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ScenarioInput;
    use asocia_stats::Level;

    /// A Sobol design of 2 range keys and N = 64 base rows: 256 points.
    fn sobol_plan() -> SweepPlan {
        let text = "[network]\nkind = \"ring\"\nn = 20\nk = 2\n[run]\nsteps = 2\n\
                    [sweep]\ndesign = \"sobol\"\nsamples = 64\nreplications = 3\n\
                    game.b = { start = 1.0, stop = 2.0 }\nupdate.k = { start = 0.1, stop = 1.0 }\n";
        SweepPlan::load(&ScenarioInput::text(text, "s.toml", &[])).unwrap()
    }

    fn x(level: &Level) -> f64 {
        match level {
            Level::Float(v) => *v,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_base_row_with_a_wholly_failed_point_is_left_out_whole() {
        let plan = sobol_plan();
        assert_eq!(plan.points.len(), 256);
        // y = 3 b + k², a function of the point only.
        let means: Vec<Vec<f64>> = plan
            .points
            .iter()
            .map(|p| vec![3.0 * x(&p[0]) + x(&p[1]) * x(&p[1])])
            .collect();
        let all = vec![(3, 0); 256];
        let mut warnings = Vec::new();
        let full = rows(&plan, &["m"], &means, &all, 7, &mut warnings).unwrap();
        assert!(!warnings.iter().any(|w| w.starts_with("sensitivity: ")));
        assert!(full.iter().all(|r| r.n == 64 && r.failed_runs == 0));
        warnings.clear();

        // Every run of point 64 + 5 failed (block B, base row 5); point 2 lost 2 of its 3 runs.
        let mut runs = all.clone();
        runs[69] = (0, 3);
        runs[2] = (1, 2);
        let mut means_failed = means.clone();
        means_failed[69] = vec![f64::NAN];
        let got = rows(&plan, &["m"], &means_failed, &runs, 7, &mut warnings).unwrap();
        assert_eq!(
            warnings[0],
            "sensitivity: 1 of the 64 base rows of the Sobol design left out, each with a point whose every run failed (see failures.csv); the indices are from the other 63"
        );
        // The same as the indices of the design without base row 5, computed by hand.
        let y: Vec<f64> = means.iter().map(|m| m[0]).collect();
        let o = SaltelliOutputs::from_design_order(&y, 2).unwrap();
        let keep = |v: &[f64]| -> Vec<f64> {
            v.iter()
                .enumerate()
                .filter(|&(j, _)| j != 5)
                .map(|(_, &y)| y)
                .collect()
        };
        let reduced = SaltelliOutputs {
            f_a: keep(&o.f_a),
            f_b: keep(&o.f_b),
            f_ab: o.f_ab.iter().map(|v| keep(v)).collect(),
        };
        let opts = SobolOptions {
            seed: 7,
            ..SobolOptions::default()
        };
        let want = sobol_indices(&plan.keys(), &reduced, &opts).unwrap();
        assert_eq!(got.len(), 4);
        for (k, s) in want.iter().enumerate() {
            let (first, total) = (&got[2 * k], &got[2 * k + 1]);
            assert_eq!((first.index, total.index), ("first", "total"));
            assert_eq!(first.value.to_bits(), s.first.to_bits());
            assert_eq!(total.value.to_bits(), s.total.to_bits());
            assert_eq!(first.ci_low.unwrap().to_bits(), s.first_ci_low.to_bits());
            // 63 base rows used; the 2 failed runs of point 2 (row 2, kept) are behind them.
            assert_eq!((first.n, first.failed_runs), (63, 2));
        }
        assert_ne!(got[0].value.to_bits(), full[0].value.to_bits());
    }
}
