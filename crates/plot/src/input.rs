//! Reading plot data from a result folder's tidy CSV files.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{PlotError, Point, Series};

/// Reads `timeseries.csv` (one row per run × step, columns as written by `asocia-output`: at
/// least `step` and `column`) and summarises `column` over runs: one [`Point`] per step, in step
/// order, with the mean and a 95% confidence interval for it (mean ± t·sd/√n with Student's t
/// for n − 1 degrees of freedom; no interval when only one run recorded the step). Empty and
/// NaN cells are left out of their step. The series is labelled `label`.
///
/// Errors: [`PlotError::Csv`] if the file cannot be read, lacks the `step` or `column` column, or
/// holds a step or value that is not a number (with its line).
pub fn timeseries_from_csv(path: &Path, column: &str, label: &str) -> Result<Series, PlotError> {
    read_series(path, column, label, None)
}

/// As [`timeseries_from_csv`], over the rows whose column `key` holds `value` only — e.g.
/// `("group", "all")` for the total of a firm-economy `timeseries.csv`, which has one row per
/// run × step × group.
///
/// Errors: those of [`timeseries_from_csv`], and [`PlotError::Csv`] if there is no `key` column.
pub fn timeseries_from_csv_where(
    path: &Path,
    column: &str,
    label: &str,
    (key, value): (&str, &str),
) -> Result<Series, PlotError> {
    read_series(path, column, label, Some((key, value)))
}

fn read_series(
    path: &Path,
    column: &str,
    label: &str,
    filter: Option<(&str, &str)>,
) -> Result<Series, PlotError> {
    let err = |message: String| PlotError::Csv {
        path: path.to_path_buf(),
        message,
    };
    let mut reader = csv::Reader::from_path(path).map_err(|e| err(e.to_string()))?;
    let headers = reader.headers().map_err(|e| err(e.to_string()))?.clone();
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| err(format!("no `{name}` column")))
    };
    let (step_col, value_col) = (find("step")?, find(column)?);
    let filter = match filter {
        Some((key, value)) => Some((find(key)?, value)),
        None => None,
    };
    let mut by_step: BTreeMap<u64, Vec<f64>> = BTreeMap::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| err(e.to_string()))?;
        let line = record.position().map_or(i as u64 + 2, |p| p.line());
        let cell = |c: usize| record.get(c).unwrap_or("").trim();
        if filter.is_some_and(|(c, value)| cell(c) != value) {
            continue;
        }
        let step: u64 = cell(step_col).parse().map_err(|_| {
            err(format!(
                "line {line}: step `{}` is not a whole number",
                cell(step_col)
            ))
        })?;
        let raw = cell(value_col);
        let values = by_step.entry(step).or_default();
        if raw.is_empty() {
            continue;
        }
        let v: f64 = raw
            .parse()
            .map_err(|_| err(format!("line {line}: {column} `{raw}` is not a number")))?;
        if v.is_finite() {
            values.push(v);
        }
    }
    let points = by_step
        .into_iter()
        .filter(|(_, vs)| !vs.is_empty())
        .map(|(step, vs)| mean_ci(step as f64, &vs))
        .collect();
    Ok(Series::new(label, points))
}

/// The mean of `vs` (not empty) at `x`, with its 95% interval when there are two or more values.
fn mean_ci(x: f64, vs: &[f64]) -> Point {
    let n = vs.len() as f64;
    let mean = vs.iter().sum::<f64>() / n;
    if vs.len() < 2 {
        return Point::new(x, mean);
    }
    let var = vs.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    let half = t975(vs.len() - 1) * (var / n).sqrt();
    Point::with_ci(x, mean, mean - half, mean + half)
}

/// Student's t 0.975 quantile for `df` ≥ 1 degrees of freedom: exact to three decimals up to 30,
/// then the Cornish–Fisher approximation z + (z³ + z)/(4·df) (off by < 0.005).
fn t975(df: usize) -> f64 {
    const T: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::NAN,
        1..=30 => T[df - 1],
        _ => {
            let z = 1.959_964;
            z + (z * z * z + z) / (4.0 * df as f64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_interval_per_step() {
        let p = mean_ci(3.0, &[1.0, 3.0]);
        assert_eq!((p.x, p.y), (3.0, 2.0));
        // sd = √2, se = 1, t(1) = 12.706.
        let (lo, hi) = p.ci.unwrap();
        assert!((hi - 2.0 - 12.706).abs() < 1e-9 && (2.0 - lo - 12.706).abs() < 1e-9);
        assert_eq!(mean_ci(0.0, &[0.5]).ci, None);
    }

    #[test]
    fn t_quantile_is_continuous_past_the_table() {
        assert!((t975(31) - 2.040).abs() < 0.005);
        assert!((t975(1000) - 1.962).abs() < 0.002);
    }
}
