//! `asocia plot` and `--plot`: every plot kind written as a valid SVG and PNG, with the series
//! the data has (one legend entry per arm, one row per pair of arms).

use std::fs;
use std::path::Path;

use crate::common::{col, run_into, run_ok, table};
use crate::sweep::small_sweep;

/// Checks `dir/plots/name.{svg,png}` and returns the SVG text.
fn plot_files(dir: &Path, name: &str) -> String {
    let png = fs::read(dir.join("plots").join(format!("{name}.png")))
        .unwrap_or_else(|e| panic!("{name}.png: {e}"));
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{name}.png is a PNG");
    assert!(png.len() > 5_000, "{name}.png has content");
    let svg = fs::read_to_string(dir.join("plots").join(format!("{name}.svg"))).unwrap();
    assert!(
        svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
        "{name}.svg"
    );
    svg
}

#[test]
fn compare_plots_a_forest_and_time_series_with_one_band_per_arm() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    run_ok(&[
        "compare",
        "scenarios/clustered-vs-random.toml",
        "--set",
        "compare.replications=5",
        "--set",
        "run.steps=60",
        "--out",
        out.to_str().unwrap(),
        "--plot",
    ]);
    let svg = plot_files(&out, "forest_coop_rate_final");
    assert!(svg.contains("clustered − random") && svg.contains("scale-free − random"));
    assert!(svg.contains("clustered-vs-random: difference in final cooperation rate"));
    let svg = plot_files(&out, "timeseries_coop_rate");
    for arm in ["clustered", "random", "scale-free"] {
        assert!(svg.contains(&format!("\n{arm}\n")), "legend entry {arm}");
    }
    assert!(
        svg.contains("share of firms cooperating"),
        "y label with unit"
    );
    assert!(
        !out.join("plots/timeseries_alive.svg").exists(),
        "constant metrics are skipped"
    );
}

#[test]
fn sweep_plots_response_curves_and_heat_maps_again_from_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let file = small_sweep(tmp.path(), 3);
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &[]);
    let stdout = String::from_utf8(run_ok(&["plot", out.to_str().unwrap()]).stdout).unwrap();
    assert!(stdout.contains("plots (SVG and PNG)"), "{stdout}");
    let svg = plot_files(&out, "response_coop_rate_final");
    assert!(
        svg.contains("update.k=0.05") && svg.contains("update.k=0.5"),
        "one line per k"
    );
    assert!(svg.contains("small: final cooperation rate vs benefit / temptation b"));
    let svg = plot_files(&out, "heatmap_coop_rate_final");
    assert!(
        svg.contains("update.k (Fermi noise K"),
        "y axis is the second parameter"
    );
}

#[test]
fn sobol_sweeps_plot_their_indices_and_runs_their_time_series() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("sobol.toml");
    fs::write(
        &file,
        "[scenario]\nname = \"sob\"\n[network]\nkind = \"ring\"\nn = 60\nk = 4\n[run]\nsteps = 5\n\
         [sweep]\ndesign = \"sobol\"\nsamples = 16\nreplications = 2\ngame.b = { start = 1.0, stop = 2.0 }\n\
         initial.coop_fraction = { start = 0.1, stop = 0.9 }\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &["--plot"]);
    let svg = plot_files(&out, "sensitivity_coop_rate_final");
    assert!(svg.contains("game.b (first)") && svg.contains("initial.coop_fraction (total)"));
    let run = tmp.path().join("run");
    run_ok(&[
        "run",
        "scenarios/default.toml",
        "--set",
        "network.n=200",
        "--set",
        "run.steps=20",
        "--out",
        run.to_str().unwrap(),
    ]);
    run_ok(&["plot", run.to_str().unwrap()]);
    plot_files(&run, "timeseries_coop_rate");
}

#[test]
fn a_firm_run_plots_the_total_of_its_grouped_time_series() {
    let tmp = tempfile::tempdir().unwrap();
    let run = tmp.path().join("run");
    run_ok(&[
        "run",
        "scenarios/cluster.toml",
        "--set",
        "network.sizes=[50, 50, 50, 50]",
        "--set",
        "network.p_in=0.16",
        "--set",
        "run.steps=60",
        "--out",
        run.to_str().unwrap(),
    ]);
    run_ok(&["plot", run.to_str().unwrap()]);
    let svg = plot_files(&run, "timeseries_survival_rate");
    assert!(svg.contains("cluster: survival rate over time"));
    assert!(
        !svg.contains("survival_rate"),
        "the label, not the column name"
    );
    assert!(
        svg.contains("share of initial firms alive"),
        "y label with unit"
    );
    assert!(svg.contains("all firms"), "the total, not a mix of groups");
    let svg = plot_files(&run, "timeseries_trust_mean");
    assert!(svg.contains("trust, 0–1"));
    assert!(
        !run.join("plots/timeseries_payoff_mean.svg").exists(),
        "no classic metrics for a firm run"
    );
}

/// The text of every `<text>` element of an SVG, in order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = &t[t.find('>')? + 1..t.find("</text>")?];
            Some(body.trim().to_string())
        })
        .collect()
}

/// The colour bar's "data: LO – HI" caption as numbers.
fn colour_bar_range(svg: &str) -> (f64, f64) {
    let caption = texts(svg)
        .into_iter()
        .find_map(|t| t.strip_prefix("data: ").map(str::to_string))
        .unwrap_or_else(|| panic!("no colour bar caption in {:?}", texts(svg)));
    let (lo, hi) = caption.split_once(" – ").unwrap();
    (lo.parse().unwrap(), hi.parse().unwrap())
}

#[test]
fn every_heat_map_colours_the_data_range_shown_on_its_colour_bar() {
    let tmp = tempfile::tempdir().unwrap();
    // scenarios/trust-sweep.toml, small: 2 × 3 points × 2 replications of 4 × 30 firms.
    let text = fs::read_to_string("scenarios/trust-sweep.toml")
        .unwrap()
        .replace("sizes = [250, 250, 250, 250]", "sizes = [30, 30, 30, 30]")
        .replace("p_in = 0.032", "p_in = 0.27")
        .replace("steps = 300", "steps = 30")
        .replace("replications = 8", "replications = 2")
        .replace("[0.2, 0.35, 0.5, 0.65, 0.8]", "[0.3, 0.7]")
        .replace("stop = 0.6, n = 5", "stop = 0.6, n = 3");
    let file = tmp.path().join("trust.toml");
    fs::write(&file, text).unwrap();
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &["--plot"]);
    let (h, summary) = table(&out.join("summary.csv"));
    for metric in ["coop_rate_final", "survival_rate_final", "welfare_total"] {
        let means: Vec<f64> = summary
            .iter()
            .filter(|r| r[col(&h, "metric")] == metric)
            .map(|r| r[col(&h, "mean")].parse().unwrap())
            .collect();
        assert_eq!(means.len(), 6);
        let lo = means.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = means.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        assert!(lo < hi, "{metric} varies: {means:?}");
        let svg = plot_files(&out, &format!("heatmap_{metric}"));
        let (blo, bhi) = colour_bar_range(&svg);
        let tol = 1e-4 * hi.abs().max(1.0);
        assert!(
            (blo - lo).abs() <= tol && (bhi - hi).abs() <= tol,
            "{metric}: colour bar {blo} – {bhi}, data {lo} – {hi}"
        );
        // The lowest cell takes the scale's first colour, the highest its last.
        assert!(svg.contains("fill=\"#440154\""), "{metric}: lowest colour");
        assert!(svg.contains("fill=\"#FDE725\""), "{metric}: highest colour");
        // Titles and axes use labels, not column names.
        assert!(!svg.contains(metric), "{metric} appears by name");
    }
    let svg = plot_files(&out, "heatmap_coop_rate_final");
    assert!(
        svg.contains("trust-sweep: final cooperation rate over"),
        "title"
    );
    assert!(!out.join("plots/heatmap_steps_run.svg").exists());
    assert!(!out.join("plots/response_steps_run.svg").exists());
}

#[test]
fn step_summaries_of_more_than_12_points_are_drawn_as_a_heat_map_over_steps() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("many.toml");
    fs::write(
        &file,
        "[scenario]\nname = \"many\"\n[network]\nkind = \"ring\"\nn = 60\nk = 4\n[run]\nsteps = 30\n\
         [sweep]\nreplications = 2\ngame.b = [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3]\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    let stdout = run_into("sweep", &file, &out, &["--step-summary", "--plot"]).stdout;
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.contains("14 points"), "{stdout}");
    let svg = plot_files(&out, "timeseries_heatmap_coop_rate");
    assert!(svg.contains("many: cooperation rate over time"), "title");
    assert!(svg.contains("design point"), "y axis");
    assert!(svg.contains("data: "), "colour bar range");
    assert!(
        stdout.contains("timeseries_heatmap_coop_rate"),
        "the plot is listed: {stdout}"
    );
    assert!(
        stdout.contains("14 design points"),
        "the note says why: {stdout}"
    );
    assert!(!out.join("plots/timeseries_alive.svg").exists());
}

#[test]
fn metrics_constant_by_construction_are_neither_tabled_nor_plotted() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let small = [
        "--set",
        "network.sizes=[50, 50, 50, 50]",
        "--set",
        "network.p_in=0.16",
        "--set",
        "run.steps=30",
        "--set",
        "run.replications=3",
    ];
    let args = [
        &[
            "compare",
            "scenarios/cluster.toml",
            "scenarios/cluster.toml",
        ][..],
        &small,
        &["--out", out.to_str().unwrap(), "--plot"],
    ]
    .concat();
    let stdout = String::from_utf8(run_ok(&args).stdout).unwrap();
    // steps_run is run.steps in every firm run: not compared, printed or plotted …
    let (h, rows) = table(&out.join("compare.csv"));
    assert!(rows.iter().all(|r| r[col(&h, "metric")] != "steps_run"));
    assert!(
        !stdout
            .lines()
            .any(|l| l.trim_start().starts_with("steps_run")),
        "{stdout}"
    );
    assert!(!out.join("plots/forest_steps_run.svg").exists());
    // … but kept in the records.
    let (sh, summary) = table(&out.join("summary.csv"));
    assert!(summary.iter().any(|r| r[col(&sh, "metric")] == "steps_run"));
    // A difference that is merely 0 in the data (an arm against itself) is still shown.
    plot_files(&out, "forest_survival_rate_final");
    assert!(rows.iter().any(|r| r[0] == "exits"));
}
