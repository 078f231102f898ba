//! Buying groups (`[buying_group]`, mechanism `buying_group`): the located scenario errors and
//! the shipped scenario `scenarios/buying_group.toml` run by the real binary.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{col, run_into, table};

/// The diagnostics of a scenario that must fail, as printed.
fn errors(src: &str) -> Vec<String> {
    let e = parse(src, "s.toml", Path::new("."), &[]).unwrap_err();
    e.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn a_buying_group_without_associations_and_bad_values_are_located() {
    let net = "[scenario]\nmodel = \"firms\"\n[network]\nkind = \"ring\"\nn = 10\nk = 2\n";
    let src = format!("{net}[buying_group]\nquantity = 0.5\n");
    assert_eq!(
        errors(&src),
        ["s.toml:8:12: error: `quantity`: a buying group is run by its association, but `[association]` is off (set its `from` to `groups` or `list`, or `quantity = 0`)"]
    );
    let src = format!(
        "{net}[association]\nfrom = \"groups\"\n[buying_group]\nquantity = 0.5\ndiscount = 1.5\nsaturation = 0\n"
    );
    let lines = errors(&src);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].starts_with("s.toml:11:12: error:"), "{lines:?}");
    assert!(lines[0].contains("discount"), "{lines:?}");
    assert!(lines[1].starts_with("s.toml:12:14: error:"), "{lines:?}");
    assert!(lines[1].contains("saturation"), "{lines:?}");
    let src = format!(
        "{net}[association]\nfrom = \"groups\"\n[buying_group]\nquantity = 0.5\nexpel = 1\n"
    );
    assert!(errors(&src)[0].starts_with("s.toml:11:9: error:"));
}

#[test]
fn the_buying_group_scenario_saves_catches_free_riders_and_its_columns_move() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("bg");
    run_into(
        "run",
        Path::new("scenarios/buying_group.toml"),
        &out,
        &["--set", "run.steps=60", "--set", "run.replications=1"],
    );
    let (h, rows) = table(&out.join("timeseries.csv"));
    let all: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col(&h, "group")] == "all")
        .collect();
    let num = |r: &Vec<String>, name: &str| -> f64 { r[col(&h, name)].parse().unwrap() };
    // The buying group's columns are the last six of the time series.
    let tail: Vec<&str> = h[h.len() - 6..].iter().map(String::as_str).collect();
    assert_eq!(
        tail,
        [
            "buying_savings",
            "free_riders",
            "free_riders_detected",
            "input_costs",
            "buying_group_fines",
            "buying_group_monitoring"
        ]
    );
    let first = all[0];
    assert_eq!(num(first, "input_costs"), 0.0, "nothing bought at step 0");
    let (mut riders, mut detected) = (0.0, 0.0);
    for (prev, r) in all.iter().zip(&all[1..]) {
        // Every alive firm buys 0.1 at the list price 1 or less: at most 0.1 per firm alive
        // at the step's start, less once members buy at a discount.
        let bought = num(r, "input_costs");
        assert!(
            bought > 0.0 && bought <= 0.1 * num(prev, "alive") + 1e-9,
            "{r:?}"
        );
        // The fine of each detected free-rider is 0.05.
        let d = num(r, "free_riders_detected");
        assert!(d <= num(r, "free_riders"));
        assert!(
            (num(r, "buying_group_fines") - 0.05 * d).abs() < 1e-9,
            "{r:?}"
        );
        riders += num(r, "free_riders");
        detected += d;
    }
    assert!(riders > 50.0 && detected > 10.0, "{riders} {detected}");
    let last = all[all.len() - 1];
    let members = num(last, "assoc_members");
    assert!(members > 100.0, "{last:?}");
    // Groups of 100 members or more save 0.1 · 0.2 = 0.02 per member and step.
    let savings = num(last, "buying_savings");
    assert!(
        savings > 0.5 * 0.02 * members && savings <= 0.02 * (members + 50.0),
        "{savings}"
    );
    assert!(num(last, "buying_group_monitoring") > 0.0);
    assert!(num(last, "input_costs") < 0.1 * num(last, "alive"));
    // Per group: the groups' free-riders and savings add up to the total.
    let step = &last[col(&h, "step")];
    let groups: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| &r[col(&h, "step")] == step && r[col(&h, "group")] != "all")
        .collect();
    let sum = |name: &str| groups.iter().map(|r| num(r, name)).sum::<f64>();
    assert_eq!(sum("free_riders"), num(last, "free_riders"));
    assert!((sum("buying_savings") - savings).abs() < 1e-9);
}
