//! `asocia plot DIR`: the plots of a result folder, drawn from its CSV files into `DIR/plots/`
//! as SVG and PNG.
//!
//! - `compare.csv` → `forest_<metric>`: the difference of every pair of arms with its 95% CI;
//! - `timeseries_summary.csv` → `timeseries_<metric>`: the mean over replications with a 95% CI
//!   band, one line per arm (or design point); over [`MAX_SERIES`] arms or points,
//!   `timeseries_heatmap_<metric>` instead (step across, point or arm up, the mean as colour);
//!   firm-economy results plot their total (group `all`);
//! - `summary.csv` of a grid sweep → `response_<metric>` and `heatmap_<metric>` (`plot_grid`);
//! - `sensitivity.csv` of a Sobol sweep → `sensitivity_<metric>`: first-order and total indices
//!   with bootstrap CIs;
//! - `timeseries.csv` of `asocia run` → `timeseries_<metric>` over its runs (of a firm run:
//!   group `all`).
//!
//! Which metrics get plots, their labels and units come from one list (`metrics`): metrics
//! constant by construction are never plotted, time series are drawn for the metrics marked
//! plotted; a metric that merely happens to be constant in the data is drawn. Metric names mean
//! different things in the two models (the model is read from `manifest.json`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use asocia_plot::{
    forest, heatmap, timeseries, timeseries_from_csv, timeseries_from_csv_where, ForestRow, Heat,
    PlotError, PlotSpec, Point, Series, Written,
};

use crate::args::PlotArgs;
use crate::study::StudyError;
use asocia_study::metrics::{
    is_unit_interval, metric_label, metric_name, shown, Model, Shown, CLASSIC_STEP, FIRM_STEP,
};

/// Most lines one plot draws; more arms or points are drawn as a heat map.
pub const MAX_SERIES: usize = 12;

/// `asocia plot DIR`.
pub fn plot(args: PlotArgs) -> Result<(), StudyError> {
    plot_and_report(&args.dir)
}

/// Draws every plot the folder's files allow and prints their paths and any notes.
pub fn plot_and_report(dir: &Path) -> Result<(), StudyError> {
    let plots = plot_dir(dir)?;
    if plots.written.is_empty() {
        return Err(StudyError::Message(format!(
            "{}: nothing to plot (expected compare.csv, summary.csv of a sweep, timeseries_summary.csv or timeseries.csv)",
            dir.display()
        )));
    }
    outln!(
        "{} plots (SVG and PNG) in {}",
        plots.written.len(),
        dir.join("plots").display()
    );
    for w in &plots.written {
        outln!("  {}", w.png.display());
    }
    for n in &plots.notes {
        outln!("note: {n}");
    }
    Ok(())
}

/// A CSV file read whole: its header and rows.
pub(crate) struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
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

    pub fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| h == name)
    }

    /// Column `name`, or an error naming the file.
    pub fn need(&self, name: &str, file: &str) -> Result<usize, StudyError> {
        self.col(name)
            .ok_or_else(|| StudyError::Message(format!("{file}: no `{name}` column")))
    }
}

/// A cell as a number (NaN when empty or not a number).
pub(crate) fn num(s: &str) -> f64 {
    s.trim().parse().unwrap_or(f64::NAN)
}

/// The plots of one result folder being drawn: where, for which scenario and model, and what
/// was written.
pub(crate) struct Plots {
    /// `DIR/plots`.
    pub dir: PathBuf,
    /// The scenario name, for titles.
    pub name: String,
    /// The model the results come from.
    pub model: Model,
    /// Classic runs stop at absorption (then `steps_run` varies).
    pub stops: bool,
    /// Plots written so far.
    pub written: Vec<Written>,
    /// What the user should know about plots not drawn as expected.
    pub notes: Vec<String>,
}

impl Plots {
    /// Keeps a plot, or skips it when there was nothing to draw.
    pub fn keep(&mut self, r: Result<Written, PlotError>) -> Result<(), StudyError> {
        match r {
            Ok(w) => {
                self.written.push(w);
                Ok(())
            }
            Err(PlotError::NoData { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// How `metric` is shown in these results.
    pub fn shown(&self, metric: &str) -> Shown {
        shown(metric, self.model, self.stops)
    }
}

/// Draws every plot of `dir` into `dir/plots`.
pub fn plot_dir(dir: &Path) -> Result<Plots, StudyError> {
    let manifest: serde_json::Value = std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or(serde_json::Value::Null);
    let scenario = &manifest["scenario"];
    let is_grid = manifest["design"]["design"].get("Grid").is_some();
    let mut p = Plots {
        dir: dir.join("plots"),
        name: scenario["scenario"]["name"]
            .as_str()
            .unwrap_or("asocia")
            .to_string(),
        model: if scenario["scenario"]["model"].as_str() == Some("firms") {
            Model::Firms
        } else {
            Model::Classic
        },
        stops: scenario["run"]["stop_at_absorption"]
            .as_bool()
            .unwrap_or(false),
        written: Vec::new(),
        notes: Vec::new(),
    };
    if let Some(t) = Table::read(&dir.join("compare.csv"))? {
        forests(&mut p, &t)?;
    }
    if let Some(t) = Table::read(&dir.join("timeseries_summary.csv"))? {
        step_series(&mut p, &t)?;
    }
    if let Some(t) = Table::read(&dir.join("summary.csv"))? {
        if is_grid && t.col("point").is_some() {
            crate::plot_grid::responses(&mut p, &t)?;
        }
    }
    if let Some(t) = Table::read(&dir.join("sensitivity.csv"))? {
        sensitivity(&mut p, &t)?;
    }
    let ts = dir.join("timeseries.csv");
    if manifest["study"].is_null() && ts.exists() {
        run_series(&mut p, &ts)?;
    } else if manifest["study"].is_null() && dir.join("timeseries.parquet").exists() {
        return Err(StudyError::Message(format!(
            "{}: the time-series plots of `asocia run` are drawn from timeseries.csv, and this \
             folder has timeseries.parquet (`--format parquet`); run with `--format csv` to plot",
            dir.display()
        )));
    }
    Ok(p)
}

/// The per-step metrics of the model that get a time-series plot.
fn plotted_steps(model: Model) -> impl Iterator<Item = &'static str> {
    let list: Vec<&'static asocia_study::metrics::MetricInfo> = match model {
        Model::Firms => FIRM_STEP.iter().map(|m| &m.info).collect(),
        Model::Classic => CLASSIC_STEP.iter().map(|m| &m.info).collect(),
    };
    list.into_iter()
        .filter(|i| i.shown == Shown::Plotted)
        .map(|i| i.name)
}

/// `timeseries_<metric>` from the `timeseries.csv` of `asocia run`.
fn run_series(p: &mut Plots, ts: &Path) -> Result<(), StudyError> {
    for metric in plotted_steps(p.model) {
        let (s, subtitle) = match p.model {
            Model::Firms => (
                timeseries_from_csv_where(ts, metric, &p.name, ("group", "all"))?,
                "all firms; mean over runs; band: 95% CI",
            ),
            Model::Classic => (
                timeseries_from_csv(ts, metric, &p.name)?,
                "mean over runs; band: 95% CI",
            ),
        };
        let spec = timeseries_spec(&p.name, metric, p.model, subtitle);
        let r = timeseries(&p.dir, &format!("timeseries_{metric}"), &spec, &[s]);
        p.keep(r)?;
    }
    Ok(())
}

/// `forest_<metric>` from `compare.csv`.
fn forests(p: &mut Plots, t: &Table) -> Result<(), StudyError> {
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
        if p.shown(&r[m]) == Shown::Constant {
            continue;
        }
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
            format!("{}: difference in {}", p.name, metric_name(metric, p.model)),
            format!("difference in {}", metric_label(metric, p.model)),
            "",
        )
        .with_subtitle(format!(
            "paired on common random numbers, {reps} replications; bars: 95% CI (t)"
        ));
        let r = forest(&p.dir, &format!("forest_{metric}"), &spec, &rows);
        p.keep(r)?;
    }
    Ok(())
}

/// One line of a per-step plot: its label, its position in a heat map (the design point, or
/// the arm's index) and its points.
struct StepLine {
    label: String,
    y: f64,
    points: Vec<Point>,
}

/// `timeseries_<metric>` from `timeseries_summary.csv`: one line per arm or design point; over
/// [`MAX_SERIES`] of them, `timeseries_heatmap_<metric>`.
fn step_series(p: &mut Plots, t: &Table) -> Result<(), StudyError> {
    let f = "timeseries_summary.csv";
    let (step, metric, mean) = (t.need("step", f)?, t.need("metric", f)?, t.need("mean", f)?);
    // Firm results have a row per group: the plots show the total.
    let group = t.col("group");
    let (lo, hi) = (t.need("ci_low", f)?, t.need("ci_high", f)?);
    let arm = t.col("arm");
    let point = t.col("point");
    // The line label: the arm, or the point's parameter values.
    let group_cols: Vec<usize> = match arm {
        Some(c) => vec![c],
        None => (1..step).collect(),
    };
    let label = |r: &[String]| {
        group_cols
            .iter()
            .map(|&c| {
                if arm.is_some() {
                    r[c].clone()
                } else {
                    format!("{}={}", t.header[c], r[c])
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut by_metric: BTreeMap<&str, Vec<StepLine>> = BTreeMap::new();
    for r in &t.rows {
        if group.is_some_and(|g| r[g] != "all") || p.shown(&r[metric]) != Shown::Plotted {
            continue;
        }
        let lines = by_metric.entry(&r[metric]).or_default();
        let l = label(r);
        if lines.last().is_none_or(|s| s.label != l) {
            let y = point.map_or(lines.len() as f64, |c| num(&r[c]));
            lines.push(StepLine {
                label: l,
                y,
                points: Vec::new(),
            });
        }
        let s = lines.last_mut().expect("pushed");
        s.points.push(Point::with_ci(
            num(&r[step]),
            num(&r[mean]),
            num(&r[lo]),
            num(&r[hi]),
        ));
    }
    let what = if arm.is_some() {
        "arms"
    } else {
        "design points"
    };
    let mut as_heat = 0;
    for (metric, lines) in by_metric {
        if lines.len() > MAX_SERIES {
            as_heat = lines.len();
            step_heatmap(p, metric, &lines, arm.is_some())?;
            continue;
        }
        let subtitle = match p.model {
            Model::Firms => "all firms; mean over replications; bands: 95% CI",
            Model::Classic => "mean over replications; bands: 95% CI",
        };
        let spec = timeseries_spec(&p.name, metric, p.model, subtitle);
        let series: Vec<Series> = lines
            .into_iter()
            .map(|l| Series::new(l.label, l.points))
            .collect();
        let r = timeseries(&p.dir, &format!("timeseries_{metric}"), &spec, &series);
        p.keep(r)?;
    }
    if as_heat > 0 {
        p.notes.push(format!(
            "{as_heat} {what} are more lines than a plot shows ({MAX_SERIES}): each per-step metric is drawn as a heat map of its mean, step × {} (timeseries_heatmap_<metric>)",
            if arm.is_some() { "arm" } else { "point" }
        ));
    }
    Ok(())
}

/// `timeseries_heatmap_<metric>`: the mean at every recorded step (across) of every design
/// point or arm (up), coloured over the data's range.
fn step_heatmap(
    p: &mut Plots,
    metric: &str,
    lines: &[StepLine],
    arms: bool,
) -> Result<(), StudyError> {
    let mut xs: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.points.iter().map(|q| q.x))
        .filter(|x| x.is_finite())
        .collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let mut ys: Vec<f64> = lines.iter().map(|l| l.y).collect();
    ys.sort_by(f64::total_cmp);
    ys.dedup();
    let mut values = vec![f64::NAN; xs.len() * ys.len()];
    for l in lines {
        let Ok(j) = ys.binary_search_by(|v| v.total_cmp(&l.y)) else {
            continue;
        };
        for q in &l.points {
            if let Ok(i) = xs.binary_search_by(|v| v.total_cmp(&q.x)) {
                values[j * xs.len() + i] = q.y;
            }
        }
    }
    let heat = Heat {
        xs,
        ys,
        values,
        value_label: metric_label(metric, p.model),
    };
    let y_label = if arms {
        "arm (in the order of compare.csv, from 0)"
    } else {
        "design point (as in summary.csv)"
    };
    let spec = PlotSpec::new(
        format!("{}: {} over time", p.name, metric_name(metric, p.model)),
        "step",
        y_label,
    )
    .with_subtitle(format!(
        "{}mean over replications, one row per {}; colours span the data's range",
        if p.model == Model::Firms {
            "all firms; "
        } else {
            ""
        },
        if arms { "arm" } else { "design point" }
    ));
    let r = heatmap(
        &p.dir,
        &format!("timeseries_heatmap_{metric}"),
        &spec,
        &heat,
    );
    p.keep(r)
}

/// The spec of a metric's time-series plot: title with the scenario name and the metric's
/// label, axis labels with units, and a [0, 1] axis for shares.
fn timeseries_spec(name: &str, metric: &str, model: Model, subtitle: &str) -> PlotSpec {
    let spec = PlotSpec::new(
        format!("{name}: {} over time", metric_name(metric, model)),
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

/// `sensitivity_<metric>` from the Sobol rows of `sensitivity.csv`.
fn sensitivity(p: &mut Plots, t: &Table) -> Result<(), StudyError> {
    let f = "sensitivity.csv";
    let (m, par, idx) = (
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
            format!("{} ({})", r[par], r[idx]),
            num(&r[v]),
            num(&r[lo]),
            num(&r[hi]),
        ));
    }
    for (metric, rows) in by_metric {
        if p.shown(metric) == Shown::Constant {
            continue;
        }
        let spec = PlotSpec::new(
            format!(
                "{}: Sobol indices of {}",
                p.name,
                metric_name(metric, p.model)
            ),
            "Sobol index (share of the output variance)",
            "",
        )
        .with_subtitle("first-order (Saltelli) and total (Jansen) indices; bars: bootstrap 95% CI");
        let r = forest(&p.dir, &format!("sensitivity_{metric}"), &spec, &rows);
        p.keep(r)?;
    }
    Ok(())
}
