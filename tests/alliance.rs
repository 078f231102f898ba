//! Temporary alliances (`[alliance]`, mechanism `alliance`): the located scenario errors
//! and the shipped scenario `scenarios/alliance.toml` run by the real binary, under both
//! forms.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{col, run_into, table};

/// The diagnostics of a scenario that must fail, as printed.
fn errors(src: &str) -> Vec<String> {
    let e = parse(src, "s.toml", Path::new("."), &[]).unwrap_err();
    e.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn bad_alliance_values_are_located() {
    let src = "[scenario]\nmodel = \"firms\"\n[alliance]\nrate = 101\ncapacity = 0\nform = \"joint\"\nmin_trust = 1.5\npenalty = -1\n";
    assert_eq!(
        errors(src),
        [
            "s.toml:4:8: error: `rate`: expected a rate in [0, 100], found 101",
            "s.toml:5:12: error: `capacity`: expected a capacity > 0, found 0",
            "s.toml:6:8: error: `form`: unknown alliance form `joint` (valid: union_temporal, consorcio)",
            "s.toml:7:13: error: `min_trust`: expected a probability in [0, 1], found 1.5",
            "s.toml:8:11: error: `penalty`: expected a number >= 0, found -1",
        ]
    );
    // A key the section does not have.
    let lines = errors("[scenario]\nmodel = \"firms\"\n[alliance]\nvalu = 3\n");
    assert!(lines[0].starts_with("s.toml:4:1: error:"), "{lines:?}");
    assert!(lines[0].contains("value"), "{lines:?}");
}

/// The run-wide columns of the `all` rows of a run of the shipped scenario.
fn run(form: &str, steps: u32) -> (Vec<String>, Vec<Vec<String>>) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join(form);
    run_into(
        "run",
        Path::new("scenarios/alliance.toml"),
        &out,
        &[
            "--set",
            &format!("run.steps={steps}"),
            "--set",
            "run.replications=1",
            "--set",
            &format!("alliance.form={form}"),
            "--set",
            "alliance.min_trust=0.3",
            "--set",
            "firms.opportunism_alpha=3.0",
        ],
    );
    let (h, rows) = table(&out.join("timeseries.csv"));
    let all = rows
        .into_iter()
        .filter(|r| r[col(&h, "group")] == "all")
        .collect();
    (h, all)
}

#[test]
fn the_alliance_scenario_forms_consortia_and_its_columns_move_under_both_forms() {
    let mut penalties_per_failure = Vec::new();
    for form in ["union_temporal", "consorcio"] {
        let (h, all) = run(form, 60);
        let num = |r: &Vec<String>, name: &str| -> f64 { r[col(&h, name)].parse().unwrap() };
        let sum = |name: &str| -> f64 { all.iter().map(|r| num(r, name)).sum() };
        // Step 0 has no contracts; afterwards two a step, each formed or declined, and
        // each formed one completed or failed.
        assert_eq!(num(&all[0], "alliances_formed"), 0.0);
        for r in &all[1..] {
            let formed = num(r, "alliances_formed");
            assert_eq!(formed + num(r, "alliances_declined"), 2.0, "{r:?}");
            assert_eq!(
                formed,
                num(r, "alliances_completed") + num(r, "alliances_failed")
            );
        }
        let (completed, failed) = (sum("alliances_completed"), sum("alliances_failed"));
        assert!(completed > 0.0 && failed > 0.0, "{completed} {failed}");
        // A completed consortium is paid V = 1 in all.
        assert!((sum("contract_value") - completed).abs() < 1e-9);
        penalties_per_failure.push(sum("contract_penalties") / failed);
    }
    // A unión temporal pays L = 0.5 per failure; a consorcio L per member, at least two.
    assert!((penalties_per_failure[0] - 0.5).abs() < 1e-9);
    assert!(penalties_per_failure[1] >= 1.0, "{penalties_per_failure:?}");
}
