//! The policy instruments (`[training]`, `[public_monitoring]`, `[infrastructure]`,
//! `[budget]`, the subsidy's dependency effect) through the real binary: their located
//! errors, the shipped study `scenarios/subsidy-vs-facilitation.toml` (the same budget spent
//! two ways, paired on common random numbers, with the difference per unit of public money),
//! the budget's accounting in a run's time series, and byte-identical outputs on 1 and 2
//! threads with every instrument on.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{asocia, col, run_into, table, write_scenario};

fn errors(src: &str) -> Vec<String> {
    let e = parse(src, "p.toml", Path::new("."), &[]).unwrap_err();
    e.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn bad_policy_values_are_located_errors() {
    let head = "[scenario]\nmodel = \"firms\"\n";
    assert_eq!(
        errors(&format!("{head}[training]\nboost = 1.0\nstart = 10\nstop = 5\n")),
        ["p.toml:6:8: error: `stop`: the programme's last step 5 comes before its first step `start` = 10 (0: no end)"]
    );
    let line = &errors(&format!("{head}[public_monitoring]\nboost = 1.5\n"))[0];
    assert!(
        line.starts_with("p.toml:4:9: error: `boost`: expected a share in [0, 1]"),
        "{line}"
    );
    let line = &errors(&format!("{head}[budget]\ntotal = -1.0\n"))[0];
    assert!(
        line.starts_with("p.toml:4:9: error: `total`: expected a budget >= 0"),
        "{line}"
    );
    let line = &errors(&format!(
        "{head}[infrastructure]\nreduction = 0.5\ncots = 2.0\n"
    ))[0];
    assert!(
        line.starts_with("p.toml:5:1: error: unknown key `cots` in [infrastructure]"),
        "{line}"
    );
    assert!(line.contains("cost"), "a suggestion: {line}");
    let line = &errors(&format!("{head}[subsidy]\ndependency = 2\n"))[0];
    assert!(
        line.starts_with("p.toml:4:14: error: `dependency`"),
        "{line}"
    );
}

/// The value of `name` in row `r` as a number.
fn num(h: &[String], r: &[String], name: &str) -> f64 {
    r[col(h, name)].parse().unwrap_or(f64::NAN)
}

#[test]
fn the_same_budget_spent_on_training_buys_more_survival_per_unit_than_a_subsidy() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("svf");
    run_into(
        "compare",
        Path::new("scenarios/subsidy-vs-facilitation.toml"),
        &out,
        &["--set", "compare.replications=4"],
    );
    let (h, rows) = table(&out.join("compare.csv"));
    let row = |m: &str, a: &str, b: &str| {
        rows.iter()
            .find(|r| r[0] == m && r[col(&h, "arm_a")] == a && r[col(&h, "arm_b")] == b)
            .unwrap_or_else(|| panic!("no row {m} {a} {b}"))
            .clone()
    };
    // Both policies spend (nearly all of) the same budget of 1500, `none` nothing.
    for arm in ["facilitation", "subsidy"] {
        let cost = row("public_cost_total", arm, "none");
        let spent = num(&h, &cost, "mean_a");
        assert!(spent > 1400.0 && spent <= 1500.0, "{arm}: {spent}");
        assert_eq!(num(&h, &cost, "mean_b"), 0.0);
        assert_eq!(
            cost[col(&h, "per_public_money")],
            "",
            "not for the cost itself"
        );
    }
    // Each policy's surviving firm-steps per unit of public money: the paired difference
    // divided by the paired cost difference, with an interval around it.
    let per_unit = |arm: &str| {
        let r = row("firm_steps", arm, "none");
        let (diff, cost) = (
            num(&h, &r, "diff"),
            num(&h, &row("public_cost_total", arm, "none"), "diff"),
        );
        let v = num(&h, &r, "per_public_money");
        assert!(
            (v - diff / cost).abs() <= 1e-9 * v.abs(),
            "{arm}: {v} vs {diff}/{cost}"
        );
        let (lo, hi) = (
            num(&h, &r, "per_public_money_ci_low"),
            num(&h, &r, "per_public_money_ci_high"),
        );
        assert!(lo <= v && v <= hi, "{arm}: {lo} {v} {hi}");
        (v, lo, hi)
    };
    let (training, _, _) = per_unit("facilitation");
    let (subsidy, s_lo, _) = per_unit("subsidy");
    assert!(s_lo > 0.0, "a subsidy keeps some firms alive: {subsidy}");
    assert!(
        training > subsidy,
        "training buys more firm-steps per unit: {training} vs {subsidy}"
    );
    // On the same budget, paired: more surviving firm-steps with training.
    let head_to_head = row("firm_steps", "facilitation", "subsidy");
    assert!(num(&h, &head_to_head, "ci_low") > 0.0, "{head_to_head:?}");
    // The subsidy's dependency effect lowers productivity; training raises it.
    assert!(
        num(
            &h,
            &row("productivity_mean_final", "subsidy", "none"),
            "ci_high"
        ) < 0.0
    );
    assert!(
        num(
            &h,
            &row("productivity_mean_final", "facilitation", "none"),
            "ci_low"
        ) > 0.0
    );
    // The two policies spend the same up to noise: no cost per outcome between them, and the
    // note says why.
    let r = row("firm_steps", "facilitation", "subsidy");
    assert_eq!(r[col(&h, "per_public_money")], "");
    assert!(r[col(&h, "note")].contains("public costs do not differ beyond their noise"));
}

/// A small economy with every policy instrument on and a budget that runs out.
const ALL_ON: &str = r#"[scenario]
name = "policies"
model = "firms"
[network]
kind = "stochastic-block"
sizes = [60, 60]
p_in = 0.1
p_out = 0.01
[market]
fixed_cost = 0.98
shock_sd = 0.3
[spillover]
rate = 0.01
[demography]
exit_below = 0.0
entry = 0.5
entry_ties = 3
[subsidy]
per_firm = 0.0625
start = 5
dependency = 0.25
[training]
boost = 2.0
cost_per_firm = 0.03125
start = 3
stop = 40
[public_monitoring]
boost = 0.5
cost_per_firm = 0.015625
start = 10
[infrastructure]
reduction = 0.1
cost = 1.0
start = 1
[budget]
total = 300.0
[run]
steps = 60
seed = 5
replications = 2
[output]
every = 1
"#;

#[test]
fn a_run_records_each_programme_s_cost_and_the_budget_until_it_runs_out() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_scenario(tmp.path(), "p.toml", ALL_ON);
    let out = tmp.path().join("run");
    run_into("run", &file, &out, &[]);
    let (h, rows) = table(&out.join("timeseries.csv"));
    let all: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col(&h, "group")] == "all")
        .collect();
    let mut runs_out = 0;
    for run in ["0", "1"] {
        let mut left = 300.0;
        let mut spent = 0.0;
        let steps: Vec<&&Vec<String>> = all.iter().filter(|r| r[0] == run).collect();
        for r in &steps[1..] {
            let parts: f64 = [
                "subsidies",
                "training_costs",
                "public_monitoring_costs",
                "infrastructure_costs",
            ]
            .iter()
            .map(|c| num(&h, r, c))
            .sum();
            let step_spending = num(&h, r, "public_spending");
            assert!((step_spending - parts).abs() < 1e-9, "{r:?}");
            left -= step_spending;
            spent += step_spending;
            let recorded = num(&h, r, "budget_left");
            assert!(
                (recorded - left).abs() < 1e-9,
                "run {run}: {recorded} vs {left}"
            );
            assert!(recorded >= -1e-12, "never below zero");
            let step: u64 = r[col(&h, "step")].parse().unwrap();
            // Infrastructure (1 per step) is last in the order and cheap: it runs as long as
            // 1 is left; training runs only in its window.
            if step > 40 {
                assert_eq!(num(&h, r, "training_costs"), 0.0);
            }
        }
        runs_out += usize::from(left < 1.0);
        let (sh, srows) = table(&out.join("summary.csv"));
        let s = srows.iter().find(|s| s[0] == run).unwrap();
        assert!((num(&sh, s, "public_cost_total") - spent).abs() < 1e-9);
    }
    assert_eq!(runs_out, 2, "the budget of 300 runs out in both runs");
}

#[test]
fn every_instrument_on_gives_the_same_bytes_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let file = write_scenario(tmp.path(), "p.toml", ALL_ON);
    let mut texts = Vec::new();
    for threads in ["1", "2"] {
        let out = tmp.path().join(format!("t{threads}"));
        let o = asocia()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "run",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        texts.push([
            std::fs::read(out.join("timeseries.csv")).unwrap(),
            std::fs::read(out.join("summary.csv")).unwrap(),
        ]);
    }
    assert!(texts[0] == texts[1], "1 and 2 threads differ");
}
