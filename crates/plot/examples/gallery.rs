//! Draws one plot of each kind from made-up numbers into a folder (default `target/plot-gallery`),
//! to look at: `cargo run -p asocia-plot --example gallery -- DIR`.

use std::path::PathBuf;

use asocia_plot::{
    forest, heatmap, response_curve, timeseries, CiStyle, ForestRow, Heat, PlotSpec, Point, Series,
};

fn main() -> Result<(), asocia_plot::PlotError> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/plot-gallery".into()),
    );

    let arms = ["baseline", "reciprocity", "reputation + sanctions"];
    let series: Vec<Series> = arms
        .iter()
        .enumerate()
        .map(|(a, label)| {
            let level = 0.35 + 0.18 * a as f64;
            let points = (0..=200)
                .map(|t| {
                    let t = t as f64;
                    let y = level
                        + (0.5 - level) * (-t / 40.0).exp()
                        + 0.01 * (t / 7.0 + a as f64).sin();
                    let half = 0.02 + 0.04 * (-t / 60.0).exp();
                    Point::with_ci(t, y, y - half, y + half)
                })
                .collect();
            Series::new(*label, points)
        })
        .collect();
    let spec = PlotSpec::new(
        "Cooperation over time — scenario default",
        "step",
        "cooperation rate (share of firms)",
    )
    .with_subtitle("mean over 20 runs; bands: 95% confidence interval");
    println!("{:?}", timeseries(&dir, "timeseries", &spec, &series)?);

    let families = ["lattice", "small world (p = 0.1)", "scale free (m = 2)"];
    let curves: Vec<Series> = families
        .iter()
        .enumerate()
        .map(|(f, label)| {
            let points = [1.0, 1.5, 2.0, 3.0, 5.0, 8.0]
                .iter()
                .map(|&b| {
                    let y = 1.0 / (1.0 + ((b - 2.0 - f as f64) * 1.5).exp());
                    Point::with_ci(b, y, (y - 0.06).max(0.0), (y + 0.06).min(1.0))
                })
                .collect();
            Series::new(*label, points)
        })
        .collect();
    let spec = PlotSpec::new(
        "Final cooperation vs temptation — sweep b",
        "temptation to defect b (payoff units)",
        "final cooperation rate (share)",
    )
    .with_subtitle("mean over 10 runs per point; bars: 95% CI")
    .with_log_x();
    println!(
        "{:?}",
        response_curve(&dir, "response_curve", &spec, &curves, CiStyle::Bars)?
    );

    let xs: Vec<f64> = vec![1.0, 1.2, 1.4, 1.6, 1.8, 2.0];
    let ys: Vec<f64> = vec![0.0, 0.05, 0.1, 0.2, 0.4];
    let mut values = Vec::new();
    for (j, y) in ys.iter().enumerate() {
        for x in &xs {
            values.push(if j == 2 && *x == 1.6 {
                f64::NAN
            } else {
                (1.0 - (x - 1.0) * 0.9 + y).clamp(0.0, 1.0)
            });
        }
    }
    let heat = Heat {
        xs,
        ys,
        values,
        value_label: "final cooperation rate (share)".into(),
    };
    let spec = PlotSpec::new(
        "Final cooperation over b and noise — sweep grid",
        "temptation b (payoff units)",
        "strategy noise ε (probability)",
    );
    println!("{:?}", heatmap(&dir, "heatmap", &spec, &heat)?);

    let rows = vec![
        ForestRow::new("coop_rate_final: reciprocity − baseline", 0.12, 0.08, 0.16),
        ForestRow::new("coop_rate_final: sanctions − baseline", 0.21, 0.15, 0.27),
        ForestRow::new(
            "payoff_mean_final: reciprocity − baseline",
            -0.03,
            -0.09,
            0.03,
        ),
        ForestRow::new("payoff_mean_final: sanctions − baseline", 0.05, -0.01, 0.11),
        ForestRow::new(
            "absorbed_at: sanctions − baseline",
            f64::NAN,
            f64::NAN,
            f64::NAN,
        ),
    ];
    let spec = PlotSpec::new(
        "Differences between arms — scenario default",
        "difference (arm − baseline)",
        "",
    );
    println!("{:?}", forest(&dir, "forest", &spec, &rows)?);
    Ok(())
}
