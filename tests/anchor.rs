//! Anchor firms (`[anchor]`, mechanism `anchor`): the located scenario errors and the
//! shipped scenario `scenarios/anchor.toml` run by the real binary.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{col, run_into, table};

/// The diagnostics of a scenario that must fail, as printed.
fn errors(src: &str) -> Vec<String> {
    let e = parse(src, "s.toml", Path::new("."), &[]).unwrap_err();
    e.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn bad_anchor_values_are_located() {
    let src = "[scenario]\nmodel = \"firms\"\n[anchor]\ncount = -1\nassistance = 2\nprice = -0.5\nsuppliers = 1.5\n";
    let lines = errors(src);
    assert_eq!(
        lines[..3],
        [
            "s.toml:4:9: error: `count`: expected a number of anchors >= 0, found -1",
            "s.toml:5:14: error: `assistance`: expected a probability in [0, 1], found 2",
            "s.toml:6:9: error: `price`: expected a number >= 0, found -0.5",
        ]
    );
    assert!(
        lines[3].starts_with("s.toml:7:13: error: `suppliers`"),
        "{lines:?}"
    );
}

#[test]
fn the_anchor_scenario_buys_from_suppliers_and_assists_them() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("anchor");
    run_into(
        "run",
        Path::new("scenarios/anchor.toml"),
        &out,
        &["--set", "run.steps=40", "--set", "run.replications=1"],
    );
    let (h, rows) = table(&out.join("timeseries.csv"));
    let all: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col(&h, "group")] == "all")
        .collect();
    let num = |r: &Vec<String>, name: &str| -> f64 { r[col(&h, name)].parse().unwrap() };
    assert_eq!(num(all[0], "anchor_purchases"), 0.0);
    assert_eq!(num(all[0], "anchor_assisted"), 0.0);
    // From step 2 the 4 anchors' 60 supplier ties each (formed at the end of step 1) sell:
    // more than 60 and at most 4 · (60 + their initial partners) suppliers.
    for r in &all[2..] {
        let assisted = num(r, "anchor_assisted");
        assert!(assisted > 60.0 && assisted < 4.0 * 80.0, "{r:?}");
        // Each purchase is 0.01 × a productivity near 1.
        let per = num(r, "anchor_purchases") / assisted;
        assert!(per > 0.008 && per < 0.013, "{per}");
    }
    // Assistance raises the mean productivity beyond what spillovers alone give.
    let (h2, rows2) = {
        let out2 = tmp.path().join("none");
        run_into(
            "run",
            Path::new("scenarios/anchor.toml"),
            &out2,
            &[
                "--set",
                "run.steps=40",
                "--set",
                "run.replications=1",
                "--set",
                "anchor.assistance=0",
            ],
        );
        table(&out2.join("timeseries.csv"))
    };
    let last = |h: &[String], rows: &[Vec<String>]| -> f64 {
        let r = rows
            .iter()
            .rev()
            .find(|r| r[col(h, "group")] == "all")
            .unwrap();
        r[col(h, "productivity_mean")].parse().unwrap()
    };
    assert!(last(&h, &rows) > last(&h2, &rows2));
}
