//! The public subsidy per firm (`[subsidy]`, mechanism `subsidy`): its located scenario
//! error and the shipped comparison `scenarios/subsidy.toml` run by the real binary.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{col, run_into, table, write_scenario};

#[test]
fn subsidy_stop_before_start_is_located_at_stop() {
    let src = "[scenario]\nmodel = \"firms\"\n[subsidy]\nper_firm = 1.0\nstart = 10\nstop = 5\n";
    let e = parse(src, "s.toml", Path::new("."), &[]).unwrap_err();
    let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["s.toml:6:8: error: `stop`: the subsidy's last step 5 comes before its first step `start` = 10 (0: no end)"]
    );
    // A negative subsidy is refused by the key's range.
    let e = parse(
        "[scenario]\nmodel = \"firms\"\n[subsidy]\nper_firm = -1.0\n",
        "s.toml",
        Path::new("."),
        &[],
    )
    .unwrap_err();
    let line = e.diagnostics[0].to_string();
    assert!(
        line.starts_with("s.toml:4:12: error: `per_firm`: expected a subsidy >= 0"),
        "{line}"
    );
}

/// The value of `name` in row `r` as a number.
fn num(h: &[String], r: &[String], name: &str) -> f64 {
    r[col(h, name)].parse().unwrap()
}

#[test]
fn subsidy_raises_survival_and_costs_per_firm_times_alive_firm_steps_in_its_window() {
    let tmp = tempfile::tempdir().unwrap();
    let file = Path::new("scenarios/subsidy.toml");
    let out = tmp.path().join("cmp");
    run_into("compare", file, &out, &["--set", "compare.replications=6"]);
    let (h, rows) = table(&out.join("compare.csv"));
    let row = |m: &str| {
        rows.iter()
            .find(|r| r[col(&h, "metric")] == m)
            .unwrap_or_else(|| panic!("no row {m}"))
    };
    let survival = row("survival_rate_final");
    assert_eq!(
        (&*survival[col(&h, "arm_a")], &*survival[col(&h, "arm_b")]),
        ("subsidy", "none")
    );
    assert!(num(&h, survival, "diff") > 0.0, "{survival:?}");
    assert!(num(&h, survival, "ci_low") > 0.0, "{survival:?}");
    assert!(num(&h, row("exits"), "diff") < 0.0);
    let cost = row("public_cost_total");
    assert!(num(&h, cost, "mean_a") > 0.0);
    assert_eq!(num(&h, cost, "mean_b"), 0.0, "no subsidy, no public cost");

    // The subsidized arm as a plain run, every step recorded: each step pays `per_firm` to the
    // firms alive at its start (those alive after the previous step) inside steps 51–150, and
    // the total is their sum. per_firm = 1/64 is a power of two, so every sum is exact.
    let text = std::fs::read_to_string(file).unwrap();
    let arm = &text[..text.find("\n[compare]\n").expect("a [compare] section") + 1];
    let arm_file = write_scenario(tmp.path(), "arm.toml", arm);
    let run = tmp.path().join("run");
    let steps = 160;
    run_into(
        "run",
        &arm_file,
        &run,
        &[
            "--set",
            "output.every=1",
            "--set",
            "run.replications=2",
            "--set",
            &format!("run.steps={steps}"),
        ],
    );
    let per_firm = 0.015625;
    let (th, trows) = table(&run.join("timeseries.csv"));
    let (sh, srows) = table(&run.join("summary.csv"));
    assert_eq!(srows.len(), 2);
    for s in &srows {
        let r = &s[col(&sh, "run")];
        let all: Vec<&Vec<String>> = trows
            .iter()
            .filter(|t| &t[col(&th, "run")] == r && t[col(&th, "group")] == "all")
            .collect();
        assert_eq!(all.len(), steps + 1, "steps 0..={steps}");
        let mut expected_total = 0.0;
        let mut alive_firm_steps = 0.0;
        for t in 1..=steps {
            let alive_before = num(&th, all[t - 1], "alive");
            let paid = num(&th, all[t], "subsidies");
            assert_eq!(num(&th, all[t], "step"), t as f64);
            if (51..=150).contains(&t) {
                assert_eq!(paid, per_firm * alive_before, "run {r} step {t}");
                alive_firm_steps += alive_before;
            } else {
                assert_eq!(paid, 0.0, "run {r} step {t}");
            }
            expected_total += paid;
        }
        assert!(alive_firm_steps > 0.0);
        let total = num(&sh, s, "public_cost_total");
        assert_eq!(total, per_firm * alive_firm_steps, "run {r}");
        assert_eq!(total, expected_total, "run {r}");
    }
}
