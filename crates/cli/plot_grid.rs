//! The plots of a grid sweep's `summary.csv`: `response_<metric>` (the metric against the first
//! numeric parameter, one line per level of the others, at most [`MAX_SERIES`] lines) and, with
//! two numeric parameters, `heatmap_<metric>` (the mean over the first two, averaged over any
//! others), its colours spanning the data's range, shown on the colour bar.

use std::collections::BTreeMap;

use asocia_plot::{heatmap, response_curve, CiStyle, Heat, PlotSpec, Point, Series};

use crate::plot::{num, Plots, Table, MAX_SERIES};
use crate::study::StudyError;
use asocia_study::metrics::Shown;
use asocia_study::metrics::{
    is_unit_interval, metric_label, metric_name, parameter_label, parameter_name,
};

/// One summary row of a grid sweep.
struct Cell {
    params: Vec<String>,
    mean: f64,
    lo: f64,
    hi: f64,
}

/// `response_<metric>` and `heatmap_<metric>` from a grid sweep's `summary.csv`.
pub(crate) fn responses(p: &mut Plots, t: &Table) -> Result<(), StudyError> {
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
    let mut too_many = 0;
    for (metric, cells) in &by_metric {
        if p.shown(metric) == Shown::Constant {
            continue;
        }
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
        let (label, what) = (metric_label(metric, p.model), metric_name(metric, p.model));
        // One series per combination of the other parameters.
        let mut groups: Vec<(String, Vec<Point>)> = Vec::new();
        for c in cells {
            let l = (0..params.len())
                .filter(|&k| k != x && levels(k).len() >= 2)
                .map(|k| format!("{}={}", params[k], c.params[k]))
                .collect::<Vec<_>>()
                .join(", ");
            let l = if l.is_empty() { what.clone() } else { l };
            let pt = Point::with_ci(num(&c.params[x]), c.mean, c.lo, c.hi);
            match groups.iter_mut().find(|(g, _)| *g == l) {
                Some((_, pts)) => pts.push(pt),
                None => groups.push((l, vec![pt])),
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
                format!("{}: {what} vs {}", p.name, parameter_name(params[x])),
                parameter_label(params[x]),
                label.clone(),
            )
            .with_subtitle(format!(
                "mean over {reps} replications per point; bars: 95% CI"
            ));
            if min > 0.0 && max / min >= 50.0 {
                spec = spec.with_log_x();
            }
            if is_unit_interval(metric, p.model) {
                spec = spec.with_y_range(0.0, 1.0);
            }
            let r = response_curve(
                &p.dir,
                &format!("response_{metric}"),
                &spec,
                &series,
                CiStyle::Bars,
            );
            p.keep(r)?;
        } else {
            too_many = groups.len();
        }
        if let [x, y, ..] = numeric[..] {
            let mut xs: Vec<f64> = levels(x).iter().map(|l| num(l)).collect();
            let mut ys: Vec<f64> = levels(y).iter().map(|l| num(l)).collect();
            xs.sort_by(f64::total_cmp);
            ys.sort_by(f64::total_cmp);
            let mut sum = vec![(0.0, 0_u32); xs.len() * ys.len()];
            for c in cells.iter().filter(|c| c.mean.is_finite()) {
                let at = |vals: &[f64], k: usize| vals.iter().position(|&v| v == num(&c.params[k]));
                if let (Some(i), Some(j)) = (at(&xs, x), at(&ys, y)) {
                    sum[j * xs.len() + i].0 += c.mean;
                    sum[j * xs.len() + i].1 += 1;
                }
            }
            let heat = Heat {
                xs,
                ys,
                values: sum
                    .iter()
                    .map(|&(s, k)| if k == 0 { f64::NAN } else { s / f64::from(k) })
                    .collect(),
                value_label: label,
            };
            // Every heat map colours the range of its own data (shown on the colour bar).
            let spec = PlotSpec::new(
                format!(
                    "{}: {what} over {} and {}",
                    p.name,
                    parameter_name(params[x]),
                    parameter_name(params[y])
                ),
                parameter_label(params[x]),
                parameter_label(params[y]),
            )
            .with_subtitle(format!(
                "mean over {reps} replications per point; colours span the data's range"
            ));
            let r = heatmap(&p.dir, &format!("heatmap_{metric}"), &spec, &heat);
            p.keep(r)?;
        }
    }
    if too_many > 0 {
        p.notes.push(format!(
            "no response curves: {too_many} combinations of the other parameters are more lines than a plot shows ({MAX_SERIES}); the heat maps (two numeric parameters) and summary.csv have every point"
        ));
    }
    Ok(())
}
