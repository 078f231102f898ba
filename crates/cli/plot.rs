//! `asocia plot DIR`: the plots of a result folder, drawn from its CSV files into `DIR/plots/`
//! as SVG and PNG.
//!
//! - `compare.csv` → `forest_<metric>`: the difference of every pair of arms with its 95% CI;
//! - `timeseries_summary.csv` → `timeseries_<metric>`: the mean over replications with a 95% CI
//!   band, one line per arm (or design point); firm-economy results plot their total (group
//!   `all`) and the metrics of [`FIRM_PLOTTED`];
//! - `summary.csv` of a grid sweep → `response_<metric>` (the metric against the first numeric
//!   parameter, one line per level of the others) and, with two numeric parameters,
//!   `heatmap_<metric>`;
//! - `sensitivity.csv` of a Sobol sweep → `sensitivity_<metric>`: first-order and total indices
//!   with bootstrap CIs;
//! - `timeseries.csv` of `asocia run` → `timeseries_<metric>` over its runs (of a firm run:
//!   group `all`, the metrics of [`FIRM_PLOTTED`]).
//!
//! Axis labels carry units; metric names mean different things in the two models (the model is
//! read from `manifest.json`), so units follow the model.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use asocia_plot::{
    forest, heatmap, response_curve, timeseries, timeseries_from_csv, timeseries_from_csv_where,
    CiStyle, ForestRow, Heat, PlotError, PlotSpec, Point, Series, Written,
};

use crate::args::PlotArgs;
use crate::study::{is_unit_interval, metric_label, parameter_label, Model, StudyError};

/// Most lines one plot draws; groups beyond it are left out of time-series plots.
const MAX_SERIES: usize = 12;

/// The per-step metrics of a firm-economy result that get a time-series plot (the others —
/// trust quantiles, median capital, welfare per firm — are in the CSV files).
pub const FIRM_PLOTTED: [&str; 13] = [
    "survival_rate",
    "alive",
    "capital_mean",
    "capital_gini",
    "welfare",
    "coop_rate",
    "trust_mean",
    "opportunism_mean",
    "productivity_mean",
    "ties",
    "degree_mean",
    "clustering",
    "largest_component_share",
];

/// The per-step metrics of a classic `asocia run` result that get a time-series plot.
const CLASSIC_PLOTTED: [&str; 2] = ["coop_rate", "payoff_mean"];

/// `asocia plot DIR`.
pub fn plot(args: PlotArgs) -> Result<(), StudyError> {
    plot_and_report(&args.dir)
}

/// Draws every plot the folder's files allow and prints their paths.
pub fn plot_and_report(dir: &Path) -> Result<(), StudyError> {
    let written = plot_dir(dir)?;
    if written.is_empty() {
        return Err(StudyError::Message(format!(
            "{}: nothing to plot (expected compare.csv, summary.csv of a sweep, timeseries_summary.csv or timeseries.csv)",
            dir.display()
        )));
    }
    outln!(
        "{} plots (SVG and PNG) in {}",
        written.len(),
        dir.join("plots").display()
    );
    for w in &written {
        outln!("  {}", w.png.display());
    }
    Ok(())
}

/// A CSV file read whole: its header and rows.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn read(path: &Path) -> Result<Option<Table>, StudyError> {
        if !path.exists() {
            return Ok(None);
        }
        let err = |e: csv::Error| StudyError::Message(format!("{}: {e}", path.display()));
        let mut r = csv::Reader::from_path(path).map_err(err)?;
        let header = r.headers().map_err(err)?.iter().map(String::from).collect();
        let mut rows = Vec::new();
        for rec in r.records() {
            rows.push(rec.map_err(err)?.iter().map(String::from).collect());
        }
        Ok(Some(Table { header, rows }))
    }

    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Column `name`, or an error naming the file.
    fn need(&self, name: &str, file: &str) -> Result<usize, StudyError> {
        self.col(name)
            .ok_or_else(|| StudyError::Message(format!("{file}: no `{name}` column")))
    }
}

fn num(s: &str) -> f64 {
    s.trim().parse().unwrap_or(f64::NAN)
}

/// Whether the finite values are not all equal (constant metrics, such as `alive` in the
/// classic games, are not worth a plot).
fn varies(values: impl IntoIterator<Item = f64>) -> bool {
    let mut finite = values.into_iter().filter(|v| v.is_finite());
    let Some(first) = finite.next() else {
        return false;
    };
    finite.any(|v| v != first)
}

/// Keeps a plot, or skips it when there was nothing to draw.
fn keep(out: &mut Vec<Written>, r: Result<Written, PlotError>) -> Result<(), StudyError> {
    match r {
        Ok(w) => {
            out.push(w);
            Ok(())
        }
        Err(PlotError::NoData { .. }) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Draws every plot of `dir` into `dir/plots`.
pub fn plot_dir(dir: &Path) -> Result<Vec<Written>, StudyError> {
    let manifest: serde_json::Value = std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    let name = manifest["scenario"]["scenario"]["name"]
        .as_str()
        .unwrap_or("asocia")
        .to_string();
    let is_grid = manifest["design"]["design"].get("Grid").is_some();
    let model = if manifest["scenario"]["scenario"]["model"].as_str() == Some("firms") {
        Model::Firms
    } else {
        Model::Classic
    };
    let plots: PathBuf = dir.join("plots");
    let mut out = Vec::new();
    if let Some(t) = Table::read(&dir.join("compare.csv"))? {
        forests(&plots, &name, model, &t, &mut out)?;
    }
    if let Some(t) = Table::read(&dir.join("timeseries_summary.csv"))? {
        step_series(&plots, &name, model, &t, &mut out)?;
    }
    if let Some(t) = Table::read(&dir.join("summary.csv"))? {
        if is_grid && t.col("point").is_some() {
            responses(&plots, &name, model, &t, &mut out)?;
        }
    }
    if let Some(t) = Table::read(&dir.join("sensitivity.csv"))? {
        sensitivity(&plots, &name, &t, &mut out)?;
    }
    let ts = dir.join("timeseries.csv");
    if manifest["study"].is_null() && ts.exists() {
        let metrics: &[&str] = match model {
            Model::Firms => &FIRM_PLOTTED,
            Model::Classic => &CLASSIC_PLOTTED,
        };
        for &metric in metrics {
            let (s, subtitle) = match model {
                Model::Firms => (
                    timeseries_from_csv_where(&ts, metric, &name, ("group", "all"))?,
                    "all firms; mean over runs; band: 95% CI",
                ),
                Model::Classic => (
                    timeseries_from_csv(&ts, metric, &name)?,
                    "mean over runs; band: 95% CI",
                ),
            };
            if !varies(s.points.iter().map(|p| p.y)) {
                continue;
            }
            let spec = timeseries_spec(&name, metric, model, subtitle);
            keep(
                &mut out,
                timeseries(&plots, &format!("timeseries_{metric}"), &spec, &[s]),
            )?;
        }
    }
    Ok(out)
}

/// `forest_<metric>` from `compare.csv`.
fn forests(
    plots: &Path,
    name: &str,
    model: Model,
    t: &Table,
    out: &mut Vec<Written>,
) -> Result<(), StudyError> {
    let f = "compare.csv";
    let (m, a, b, n) = (
        t.need("metric", f)?,
        t.need("arm_a", f)?,
        t.need("arm_b", f)?,
        t.need("n", f)?,
    );
    let (d, lo, hi) = (
        t.need("diff", f)?,
        t.need("ci_low", f)?,
        t.need("ci_high", f)?,
    );
    let mut by_metric: BTreeMap<&str, Vec<ForestRow>> = BTreeMap::new();
    let mut reps = 0.0_f64;
    for r in &t.rows {
        reps = reps.max(num(&r[n]));
        by_metric.entry(&r[m]).or_default().push(ForestRow::new(
            format!("{} − {}", r[a], r[b]),
            num(&r[d]),
            num(&r[lo]),
            num(&r[hi]),
        ));
    }
    for (metric, rows) in by_metric {
        let spec = PlotSpec::new(
            format!("{name}: difference in {metric}"),
            format!("difference in {}", metric_label(metric, model)),
            "",
        )
        .with_subtitle(format!(
            "paired on common random numbers, {reps} replications; bars: 95% CI (t)"
        ));
        keep(
            out,
            forest(plots, &format!("forest_{metric}"), &spec, &rows),
        )?;
    }
    Ok(())
}

/// `timeseries_<metric>` from `timeseries_summary.csv`: one line per arm or design point.
fn step_series(
    plots: &Path,
    name: &str,
    model: Model,
    t: &Table,
    out: &mut Vec<Written>,
) -> Result<(), StudyError> {
    let f = "timeseries_summary.csv";
    let (step, metric, mean) = (t.need("step", f)?, t.need("metric", f)?, t.need("mean", f)?);
    // Firm results have a row per group: the plots show the total.
    let group = t.col("group");
    let (lo, hi) = (t.need("ci_low", f)?, t.need("ci_high", f)?);
    // The group label: the arm, or the point's parameter values.
    let group_cols: Vec<usize> = match t.col("arm") {
        Some(c) => vec![c],
        None => (1..step).collect(),
    };
    let label = |r: &[String]| {
        group_cols
            .iter()
            .map(|&c| {
                if t.col("arm").is_some() {
                    r[c].clone()
                } else {
                    format!("{}={}", t.header[c], r[c])
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut by_metric: BTreeMap<&str, Vec<Series>> = BTreeMap::new();
    for r in &t.rows {
        if group.is_some_and(|g| r[g] != "all") {
            continue;
        }
        if model == Model::Firms && !FIRM_PLOTTED.contains(&r[metric].as_str()) {
            continue;
        }
        let series = by_metric.entry(&r[metric]).or_default();
        let l = label(r);
        if series.last().is_none_or(|s| s.label != l) {
            series.push(Series::new(l, Vec::new()));
        }
        let s = series.last_mut().expect("pushed");
        s.points.push(Point::with_ci(
            num(&r[step]),
            num(&r[mean]),
            num(&r[lo]),
            num(&r[hi]),
        ));
    }
    for (metric, series) in by_metric {
        if series.len() > MAX_SERIES
            || !varies(series.iter().flat_map(|s| s.points.iter().map(|p| p.y)))
        {
            continue;
        }
        let subtitle = match model {
            Model::Firms => "all firms; mean over replications; bands: 95% CI",
            Model::Classic => "mean over replications; bands: 95% CI",
        };
        let spec = timeseries_spec(name, metric, model, subtitle);
        keep(
            out,
            timeseries(plots, &format!("timeseries_{metric}"), &spec, &series),
        )?;
    }
    Ok(())
}

/// The spec of a metric's time-series plot: title with the scenario name, axis labels with
/// units, and a [0, 1] axis for shares.
fn timeseries_spec(name: &str, metric: &str, model: Model, subtitle: &str) -> PlotSpec {
    let spec = PlotSpec::new(
        format!("{name}: {metric} over time"),
        "step",
        metric_label(metric, model),
    )
    .with_subtitle(subtitle);
    if is_unit_interval(metric, model) {
        spec.with_y_range(0.0, 1.0)
    } else {
        spec
    }
}

/// One summary row of a grid sweep.
struct Cell {
    params: Vec<String>,
    mean: f64,
    lo: f64,
    hi: f64,
}

/// `response_<metric>` and `heatmap_<metric>` from a grid sweep's `summary.csv`.
fn responses(
    plots: &Path,
    name: &str,
    model: Model,
    t: &Table,
    out: &mut Vec<Written>,
) -> Result<(), StudyError> {
    let f = "summary.csv";
    let metric = t.need("metric", f)?;
    let (mean, lo, hi, n) = (
        t.need("mean", f)?,
        t.need("ci_low", f)?,
        t.need("ci_high", f)?,
        t.need("n", f)?,
    );
    let params: Vec<&str> = t.header[1..metric].iter().map(String::as_str).collect();
    let mut by_metric: BTreeMap<&str, Vec<Cell>> = BTreeMap::new();
    let mut reps = 0.0_f64;
    for r in &t.rows {
        reps = reps.max(num(&r[n]));
        by_metric.entry(&r[metric]).or_default().push(Cell {
            params: r[1..metric].to_vec(),
            mean: num(&r[mean]),
            lo: num(&r[lo]),
            hi: num(&r[hi]),
        });
    }
    for (metric, cells) in &by_metric {
        // Numeric parameters that vary, in column order.
        let levels = |k: usize| {
            let mut v: Vec<&str> = Vec::new();
            for c in cells {
                if !v.contains(&c.params[k].as_str()) {
                    v.push(&c.params[k]);
                }
            }
            v
        };
        let numeric: Vec<usize> = (0..params.len())
            .filter(|&k| levels(k).len() >= 2 && levels(k).iter().all(|l| num(l).is_finite()))
            .collect();
        let Some(&x) = numeric.first() else { continue };
        if !varies(cells.iter().map(|c| c.mean)) {
            continue;
        }
        // One series per combination of the other parameters.
        let mut groups: Vec<(String, Vec<Point>)> = Vec::new();
        for c in cells {
            let label = (0..params.len())
                .filter(|&k| k != x && levels(k).len() >= 2)
                .map(|k| format!("{}={}", params[k], c.params[k]))
                .collect::<Vec<_>>()
                .join(", ");
            let label = if label.is_empty() {
                metric.to_string()
            } else {
                label
            };
            let p = Point::with_ci(num(&c.params[x]), c.mean, c.lo, c.hi);
            match groups.iter_mut().find(|(l, _)| *l == label) {
                Some((_, pts)) => pts.push(p),
                None => groups.push((label, vec![p])),
            }
        }
        if groups.len() <= MAX_SERIES {
            let series: Vec<Series> = groups
                .into_iter()
                .map(|(l, mut pts)| {
                    pts.sort_by(|a, b| a.x.total_cmp(&b.x));
                    Series::new(l, pts)
                })
                .collect();
            let xs: Vec<f64> = levels(x).iter().map(|l| num(l)).collect();
            let (min, max) = xs
                .iter()
                .fold((f64::INFINITY, 0.0_f64), |(a, b), &v| (a.min(v), b.max(v)));
            let mut spec = PlotSpec::new(
                format!("{name}: {metric} vs {}", params[x]),
                parameter_label(params[x]),
                metric_label(metric, model),
            )
            .with_subtitle(format!(
                "mean over {reps} replications per point; bars: 95% CI"
            ));
            if min > 0.0 && max / min >= 50.0 {
                spec = spec.with_log_x();
            }
            if is_unit_interval(metric, model) {
                spec = spec.with_y_range(0.0, 1.0);
            }
            keep(
                out,
                response_curve(
                    plots,
                    &format!("response_{metric}"),
                    &spec,
                    &series,
                    CiStyle::Bars,
                ),
            )?;
        }
        if let [x, y, ..] = numeric[..] {
            let mut xs: Vec<f64> = levels(x).iter().map(|l| num(l)).collect();
            let mut ys: Vec<f64> = levels(y).iter().map(|l| num(l)).collect();
            xs.sort_by(f64::total_cmp);
            ys.sort_by(f64::total_cmp);
            let mut sum = vec![(0.0, 0_u32); xs.len() * ys.len()];
            for c in cells.iter().filter(|c| c.mean.is_finite()) {
                let i = xs
                    .iter()
                    .position(|&v| v == num(&c.params[x]))
                    .expect("a level");
                let j = ys
                    .iter()
                    .position(|&v| v == num(&c.params[y]))
                    .expect("a level");
                sum[j * xs.len() + i].0 += c.mean;
                sum[j * xs.len() + i].1 += 1;
            }
            let heat = Heat {
                xs,
                ys,
                values: sum
                    .iter()
                    .map(|&(s, k)| if k == 0 { f64::NAN } else { s / f64::from(k) })
                    .collect(),
                value_label: metric_label(metric, model),
            };
            let mut spec = PlotSpec::new(
                format!("{name}: {metric} over {} and {}", params[x], params[y]),
                parameter_label(params[x]),
                parameter_label(params[y]),
            )
            .with_subtitle(format!("mean over {reps} replications per point"));
            // Fixed 0–1 colours for cooperation, comparable across plots; others fit the data.
            if metric.starts_with("coop_rate") {
                spec = spec.with_y_range(0.0, 1.0);
            }
            keep(
                out,
                heatmap(plots, &format!("heatmap_{metric}"), &spec, &heat),
            )?;
        }
    }
    Ok(())
}

/// `sensitivity_<metric>` from the Sobol rows of `sensitivity.csv`.
fn sensitivity(
    plots: &Path,
    name: &str,
    t: &Table,
    out: &mut Vec<Written>,
) -> Result<(), StudyError> {
    let f = "sensitivity.csv";
    let (m, p, idx) = (
        t.need("metric", f)?,
        t.need("parameter", f)?,
        t.need("index", f)?,
    );
    let (v, lo, hi) = (
        t.need("value", f)?,
        t.need("ci_low", f)?,
        t.need("ci_high", f)?,
    );
    let mut by_metric: BTreeMap<&str, Vec<ForestRow>> = BTreeMap::new();
    for r in t
        .rows
        .iter()
        .filter(|r| r[idx] == "first" || r[idx] == "total")
    {
        by_metric.entry(&r[m]).or_default().push(ForestRow::new(
            format!("{} ({})", r[p], r[idx]),
            num(&r[v]),
            num(&r[lo]),
            num(&r[hi]),
        ));
    }
    for (metric, rows) in by_metric {
        let spec = PlotSpec::new(
            format!("{name}: Sobol indices of {metric}"),
            "Sobol index (share of the output variance)",
            "",
        )
        .with_subtitle("first-order (Saltelli) and total (Jansen) indices; bars: bootstrap 95% CI");
        keep(
            out,
            forest(plots, &format!("sensitivity_{metric}"), &spec, &rows),
        )?;
    }
    Ok(())
}
