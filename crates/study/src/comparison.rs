//! The tables of a comparison: per pair of arms and metric, each arm's mean and the paired
//! difference (t and bootstrap CIs, relative difference, effect size, shares of wins),
//! written to `compare.csv`; per arm, `summary.csv` and `timeseries_summary.csv`.

use asocia_output::metrics::PUBLIC_COST;
use asocia_output::{
    fmt_f64, summary_cells, CsvTable, ManifestFile, OutputDir, SUMMARY_STAT_COLUMNS,
};
use asocia_stats::paired::{ratio_of_means, relative_difference, RelativeDifference};
use asocia_stats::{compare_paired, PairedComparison, PairedOptions, Summary};

use crate::metrics::{undefined_when, Model};
use crate::steps::StepSummary;
use crate::{file_entry, StudyError};

/// One row of `compare.csv`: a metric and a pair of arms.
#[derive(Clone, Debug)]
pub struct Row {
    /// The metric.
    pub metric: &'static str,
    /// Index of arm A (differences are A − B).
    pub a: usize,
    /// Index of arm B.
    pub b: usize,
    /// The paired comparison; `None` when no replication has the metric in both arms.
    pub cmp: Option<PairedComparison>,
    /// The difference relative to arm B's mean (`None` without a pair).
    pub rel: Option<RelativeDifference>,
    /// Arm A's values summarised: over the paired replications when there are any, else over
    /// every replication where A has a value.
    pub summary_a: Summary,
    /// Arm B's, likewise.
    pub summary_b: Summary,
    /// Replications where A has a value.
    pub n_a: usize,
    /// Replications where B has a value.
    pub n_b: usize,
    /// The difference per unit of public money: `mean(a − b) / mean(cost_a − cost_b)` over
    /// the replications with the metric in both arms, with its delta-method interval, when
    /// the arms' public costs (`public_cost_total`) differ on average; `None` otherwise (and
    /// for the public cost itself).
    pub per_money: Option<RelativeDifference>,
    /// Why a cell is empty or what the means are over; empty when nothing needs saying.
    pub note: String,
}

/// The paired values of one metric: replications where both arms have a finite value.
fn paired(va: &[f64], vb: &[f64]) -> (Vec<f64>, Vec<f64>) {
    va.iter()
        .zip(vb)
        .filter(|(x, y)| x.is_finite() && y.is_finite())
        .map(|(x, y)| (*x, *y))
        .unzip()
}

fn finite(v: &[f64]) -> Vec<f64> {
    v.iter().copied().filter(|x| x.is_finite()).collect()
}

/// The rows of `compare.csv`, pair by pair, for the metrics at `metrics` positions (`values
/// [arm][metric][replication]`).
pub fn comparisons(
    names: &[String],
    pairs: &[(usize, usize)],
    metrics: &[(usize, &'static str)],
    values: &[Vec<Vec<f64>>],
    opts: &PairedOptions,
    model: Model,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let cost = metrics.iter().find(|(_, name)| *name == PUBLIC_COST);
    for &(a, b) in pairs {
        for &(m, metric) in metrics {
            let mut r = row(
                names,
                (a, b),
                metric,
                (&values[a][m], &values[b][m]),
                opts,
                model,
            );
            if let Some(&(c, _)) = cost.filter(|(c, _)| *c != m) {
                match per_money(
                    (&values[a][m], &values[b][m]),
                    (&values[a][c], &values[b][c]),
                    opts.level,
                ) {
                    PerMoney::Ratio(p) => r.per_money = Some(p),
                    PerMoney::SameCost => {}
                    PerMoney::NoiseOnly => {
                        let note = "no difference per unit of public money: the arms' public costs do not differ beyond their noise";
                        if !r.note.is_empty() {
                            r.note.push_str("; ");
                        }
                        r.note.push_str(note);
                    }
                }
            }
            rows.push(r);
        }
    }
    rows
}

/// The paired difference of a metric per unit of the paired difference of public money, over
/// the replications where the metric and the cost are finite in both arms; `None` when there
/// is none, or when the arms' public costs do not differ significantly (the 95% t-interval of
/// the mean cost difference contains 0: the ratio's interval is then unbounded, Fieller's
/// case, e.g. two policies on the same budget).
fn per_money((va, vb): (&[f64], &[f64]), (ca, cb): (&[f64], &[f64]), level: f64) -> PerMoney {
    let (dy, dc): (Vec<f64>, Vec<f64>) = va
        .iter()
        .zip(vb)
        .zip(ca.iter().zip(cb))
        .filter(|((x, y), (p, q))| [*x, *y, *p, *q].iter().all(|v| v.is_finite()))
        .map(|((x, y), (p, q))| (x - y, p - q))
        .unzip();
    let cost = Summary::of(&dc);
    if dy.is_empty() || dc.iter().all(|&d| d == 0.0) {
        return PerMoney::SameCost;
    }
    if !(cost.ci_low > 0.0 || cost.ci_high < 0.0) {
        return PerMoney::NoiseOnly;
    }
    match ratio_of_means(&dy, &dc, level) {
        Ok(r) if !r.value.is_nan() => PerMoney::Ratio(r),
        _ => PerMoney::NoiseOnly,
    }
}

/// What [`per_money`] found.
enum PerMoney {
    /// The difference per unit of public money.
    Ratio(RelativeDifference),
    /// The arms spend exactly the same in every replication (no policy cost to divide by).
    SameCost,
    /// They spend differently, but not significantly so.
    NoiseOnly,
}

fn row(
    names: &[String],
    (a, b): (usize, usize),
    metric: &'static str,
    (va, vb): (&[f64], &[f64]),
    opts: &PairedOptions,
    model: Model,
) -> Row {
    let (xa, xb) = paired(va, vb);
    let (fa, fb) = (finite(va), finite(vb));
    let cmp = compare_paired(&xa, &xb, opts).ok();
    let rel = cmp
        .as_ref()
        .and_then(|_| relative_difference(&xa, &xb, opts.level).ok());
    let (na, nb) = (&names[a], &names[b]);
    let why = match undefined_when(metric, model) {
        "" => String::new(),
        w => format!(" (undefined with {w})"),
    };
    let mut notes = Vec::new();
    let (summary_a, summary_b) = if xa.is_empty() {
        notes.push(match (fa.is_empty(), fb.is_empty()) {
            (true, true) => format!("neither arm has a value{why}: no difference"),
            (false, true) => format!("`{nb}` has no value in any replication{why}: no difference"),
            (true, false) => format!("`{na}` has no value in any replication{why}: no difference"),
            (false, false) => {
                "no replication has a value in both arms: each arm's own mean, no difference"
                    .to_string()
            }
        });
        (Summary::of(&fa), Summary::of(&fb))
    } else {
        if xa.len() < fa.len() || xb.len() < fb.len() {
            notes.push(format!(
                "means and difference over the {} replications with a value in both arms",
                xa.len()
            ));
        }
        if rel.is_some_and(|r| r.value.is_nan()) {
            notes.push(format!(
                "relative difference undefined: the mean of `{nb}` is 0"
            ));
        }
        (Summary::of(&xa), Summary::of(&xb))
    };
    Row {
        metric,
        a,
        b,
        cmp,
        rel,
        summary_a,
        summary_b,
        n_a: fa.len(),
        n_b: fb.len(),
        per_money: None,
        note: notes.join("; "),
    }
}

/// The columns of `compare.csv`, in order.
pub const COMPARE_COLUMNS: [&str; 30] = [
    "metric",
    "arm_a",
    "arm_b",
    "n",
    "mean_a",
    "mean_b",
    "diff",
    "ci_low",
    "ci_high",
    "boot_ci_low",
    "boot_ci_high",
    "sd_diff",
    "se_diff",
    "effect_size",
    "share_a_greater",
    "share_ties",
    "share_b_greater",
    "ci_a_low",
    "ci_a_high",
    "ci_b_low",
    "ci_b_high",
    "rel_diff",
    "rel_ci_low",
    "rel_ci_high",
    "n_a",
    "n_b",
    "per_public_money",
    "per_public_money_ci_low",
    "per_public_money_ci_high",
    "note",
];

/// Writes `compare.csv`.
pub fn write_compare(
    out: &OutputDir,
    names: &[String],
    rows: &[Row],
) -> Result<ManifestFile, StudyError> {
    let mut t = CsvTable::create(&out.file("compare.csv"), &COMPARE_COLUMNS)?;
    for r in rows {
        let f = fmt_f64;
        let mut row = vec![r.metric.to_string(), names[r.a].clone(), names[r.b].clone()];
        match &r.cmp {
            Some(c) => row.extend([
                c.n.to_string(),
                f(c.mean_a),
                f(c.mean_b),
                f(c.diff),
                f(c.t_ci_low),
                f(c.t_ci_high),
                f(c.boot_ci_low),
                f(c.boot_ci_high),
                f(c.sd_diff),
                f(c.se_diff),
                f(c.cohen_dz),
                f(c.share_a_greater),
                f(c.share_ties),
                f(c.share_b_greater),
            ]),
            None => {
                row.extend(["0".into(), f(r.summary_a.mean), f(r.summary_b.mean)]);
                row.extend(std::iter::repeat_n(String::new(), 11));
            }
        }
        row.extend([
            f(r.summary_a.ci_low),
            f(r.summary_a.ci_high),
            f(r.summary_b.ci_low),
            f(r.summary_b.ci_high),
        ]);
        match &r.rel {
            Some(rel) => row.extend([f(rel.value), f(rel.ci_low), f(rel.ci_high)]),
            None => row.extend(std::iter::repeat_n(String::new(), 3)),
        }
        row.extend([r.n_a.to_string(), r.n_b.to_string()]);
        match &r.per_money {
            Some(p) => row.extend([f(p.value), f(p.ci_low), f(p.ci_high)]),
            None => row.extend(std::iter::repeat_n(String::new(), 3)),
        }
        row.push(r.note.clone());
        t.write(&row)?;
    }
    let n = t.finish()?;
    Ok(file_entry(
        "compare.csv",
        "one row per metric and pair of arms: each arm's mean, paired difference a − b with t and bootstrap 95% CIs, relative difference, effect size, shares of wins, the difference per unit of public money when the arms' public costs differ, a note when cells are empty",
        n,
    ))
}

/// Writes the per-arm `summary.csv`.
pub fn write_arm_summary(
    out: &OutputDir,
    names: &[String],
    metrics: &[&str],
    values: &[Vec<Vec<f64>>],
) -> Result<ManifestFile, StudyError> {
    let mut header = vec!["arm", "metric"];
    header.extend(SUMMARY_STAT_COLUMNS);
    let mut t = CsvTable::create(&out.file("summary.csv"), &header)?;
    for (name, arm) in names.iter().zip(values) {
        for (metric, v) in metrics.iter().zip(arm) {
            let mut row = vec![name.clone(), metric.to_string()];
            row.extend(summary_cells(&Summary::of(&finite(v))));
            t.write(&row)?;
        }
    }
    let n = t.finish()?;
    Ok(file_entry(
        "summary.csv",
        "one row per arm and metric: n, mean, sd, se, 95% CI, min, max over replications",
        n,
    ))
}

/// Writes the per-arm `timeseries_summary.csv`.
pub fn write_step_summary(
    out: &OutputDir,
    names: &[String],
    steps: &[StepSummary],
) -> Result<ManifestFile, StudyError> {
    let mut header = vec!["arm", "step", "group", "metric"];
    header.extend(SUMMARY_STAT_COLUMNS);
    let mut t = CsvTable::create(&out.file("timeseries_summary.csv"), &header)?;
    for (name, s) in names.iter().zip(steps) {
        for (step, group, metric, acc) in s.rows() {
            let mut row = vec![name.clone(), step.to_string(), group, metric.to_string()];
            row.extend(summary_cells(&acc.summary()));
            t.write(&row)?;
        }
    }
    let n = t.finish()?;
    Ok(file_entry(
        "timeseries_summary.csv",
        "one row per arm, step, group and step metric: mean and 95% CI over replications",
        n,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts() -> PairedOptions {
        PairedOptions {
            resamples: 0,
            ..PairedOptions::default()
        }
    }

    #[test]
    fn a_difference_per_unit_of_public_money_only_where_the_costs_differ_beyond_noise() {
        // Metric `x` and the public cost in two arms over 3 replications:
        // x: a = [12, 14, 13], b = [10, 10, 10] → differences 2, 4, 3;
        // cost: a = [3, 3, 3], b = [1, 1, 1] → differences 2, 2, 2 (its t-interval [2, 2]
        // excludes 0): per unit 3 / 2 = 1.5; residuals 2 − 3, 4 − 3, 3 − 3 = −1, 1, 0, sd 1,
        // se 1 / (√3 · 2) = 0.2886751346, t(2) 0.975 = 4.3026527297: half-width 1.2420689.
        let names = vec!["a".to_string(), "b".to_string()];
        let metrics = [(0, "x"), (1, PUBLIC_COST)];
        let values = vec![
            vec![vec![12.0, 14.0, 13.0], vec![3.0, 3.0, 3.0]],
            vec![vec![10.0, 10.0, 10.0], vec![1.0, 1.0, 1.0]],
        ];
        let rows = comparisons(&names, &[(0, 1)], &metrics, &values, &opts(), Model::Firms);
        let p = rows[0].per_money.expect("costs differ");
        assert!((p.value - 1.5).abs() < 1e-15);
        assert!((p.ci_high - (1.5 + 1.242_068_856)).abs() < 1e-8, "{p:?}");
        assert!(rows[1].per_money.is_none(), "not for the cost itself");
        // The same cost in both arms: nothing, and nothing to say.
        let same = vec![
            values[0].clone(),
            vec![values[1][0].clone(), values[0][1].clone()],
        ];
        let rows = comparisons(&names, &[(0, 1)], &metrics, &same, &opts(), Model::Firms);
        assert!(rows[0].per_money.is_none() && rows[0].note.is_empty());
        // Cost differences 1, −1, 0.5: the interval contains 0, so no ratio, and a note.
        let noisy = vec![
            vec![values[0][0].clone(), vec![2.0, 0.0, 1.5]],
            values[1].clone(),
        ];
        let rows = comparisons(&names, &[(0, 1)], &metrics, &noisy, &opts(), Model::Firms);
        assert!(rows[0].per_money.is_none());
        assert!(
            rows[0].note.contains("do not differ beyond their noise"),
            "{}",
            rows[0].note
        );
    }

    #[test]
    fn a_metric_one_arm_never_has_shows_the_other_arms_mean_and_says_why() {
        let names = ["cluster".to_string(), "isolated".to_string()];
        let nan = f64::NAN;
        // coop_rate_final of three replications: 0.9, 0.95, 1.0 in the cluster, none isolated.
        let values = vec![vec![vec![0.9, 0.95, 1.0]], vec![vec![nan, nan, nan]]];
        let rows = comparisons(
            &names,
            &[(0, 1)],
            &[(0, "coop_rate_final")],
            &values,
            &opts(),
            Model::Firms,
        );
        let r = &rows[0];
        assert!(r.cmp.is_none() && r.rel.is_none());
        // (0.9 + 0.95 + 1.0) / 3 = 0.95.
        assert!((r.summary_a.mean - 0.95).abs() < 1e-12);
        assert!(r.summary_b.mean.is_nan());
        assert_eq!((r.n_a, r.n_b), (3, 0));
        assert_eq!(
            r.note,
            "`isolated` has no value in any replication (undefined with no tie decision in the last step): no difference"
        );
    }

    #[test]
    fn partly_paired_metrics_are_compared_on_their_pairs_and_say_so() {
        let names = ["a".to_string(), "b".to_string()];
        let nan = f64::NAN;
        // Replication 1 lacks b: pairs (3, 2) and (5, 4); d = 1, 1; mean(b) = 3: rel 1/3.
        let values = vec![vec![vec![3.0, 7.0, 5.0]], vec![vec![2.0, nan, 4.0]]];
        let rows = comparisons(
            &names,
            &[(0, 1)],
            &[(0, "x")],
            &values,
            &opts(),
            Model::Firms,
        );
        let r = &rows[0];
        let c = r.cmp.as_ref().unwrap();
        assert_eq!((c.n, c.mean_a, c.mean_b, c.diff), (2, 4.0, 3.0, 1.0));
        assert_eq!(r.summary_a.mean, 4.0);
        assert!((r.rel.unwrap().value - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!((r.n_a, r.n_b), (3, 2));
        assert_eq!(
            r.note,
            "means and difference over the 2 replications with a value in both arms"
        );
        // A zero mean in b: no relative difference, and the note says why.
        let values = vec![vec![vec![1.0, 2.0]], vec![vec![0.0, 0.0]]];
        let rows = comparisons(
            &names,
            &[(0, 1)],
            &[(0, "x")],
            &values,
            &opts(),
            Model::Firms,
        );
        assert!(rows[0].rel.unwrap().value.is_nan());
        assert_eq!(
            rows[0].note,
            "relative difference undefined: the mean of `b` is 0"
        );
    }
}
