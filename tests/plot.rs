//! `asocia plot` and `--plot`: every plot kind written as a valid SVG and PNG, with the series
//! the data has (one legend entry per arm, one row per pair of arms).

use std::fs;
use std::path::Path;

use crate::common::run_ok;
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
    assert!(svg.contains("clustered-vs-random: difference in coop_rate_final"));
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
    run_ok(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8(run_ok(&["plot", out.to_str().unwrap()]).stdout).unwrap();
    assert!(stdout.contains("plots (SVG and PNG)"), "{stdout}");
    let svg = plot_files(&out, "response_coop_rate_final");
    assert!(
        svg.contains("update.k=0.05") && svg.contains("update.k=0.5"),
        "one line per k"
    );
    assert!(svg.contains("small: coop_rate_final vs game.b"));
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
    run_ok(&[
        "sweep",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--plot",
    ]);
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
    assert!(svg.contains("cluster: survival_rate over time"));
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
