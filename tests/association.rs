//! Associations of firms (`[association]`, mechanism `association`): the located scenario
//! errors and the shipped scenario `scenarios/association.toml` run by the real binary.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{col, run_into, table};

/// The diagnostics of a scenario that must fail, as printed.
fn errors(src: &str) -> Vec<String> {
    let e = parse(src, "s.toml", Path::new("."), &[]).unwrap_err();
    e.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn a_member_that_is_no_firm_and_a_fee_above_every_capital_are_located() {
    let net = "[scenario]\nmodel = \"firms\"\n[network]\nkind = \"ring\"\nn = 10\nk = 2\n";
    let src = format!("{net}[association]\nfrom = \"list\"\nmembers = [1, 12]\n");
    assert_eq!(
        errors(&src),
        ["s.toml:9:11: error: `members`: there is no firm 12 (the network has 10 firms, ids 0 to 9)"]
    );
    let src = format!("{net}[firms]\ncapital = \"constant\"\ncapital_value = 2.0\n[association]\nfrom = \"groups\"\nfee = 2.5\n");
    assert_eq!(
        errors(&src),
        ["s.toml:12:7: error: `fee`: 2.5 is larger than any member's initial capital (at most 2)"]
    );
    let src = format!("{net}[association]\nfrom = \"list\"\nmembers = [3, 1]\n");
    assert_eq!(
        errors(&src),
        ["s.toml:9:11: error: `members`: firm ids must be listed in ascending order, each once"]
    );
    // `members` belongs to `from = "list"` only.
    let src = format!("{net}[association]\nfrom = \"groups\"\nmembers = [1]\n");
    let lines = errors(&src);
    assert!(
        lines[0].starts_with("s.toml:9:1: error: `members` is not a parameter of"),
        "{lines:?}"
    );
}

#[test]
fn the_association_scenario_grows_its_associations_and_their_columns_move() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("assoc");
    run_into(
        "run",
        Path::new("scenarios/association.toml"),
        &out,
        &["--set", "run.steps=60", "--set", "run.replications=1"],
    );
    let (h, rows) = table(&out.join("timeseries.csv"));
    let all: Vec<&Vec<String>> = rows
        .iter()
        .filter(|r| r[col(&h, "group")] == "all")
        .collect();
    let num = |r: &Vec<String>, name: &str| -> f64 { r[col(&h, name)].parse().unwrap() };
    let first = all[0];
    let last = all[all.len() - 1];
    // Four founders at step 0; members join through trusted partners.
    assert_eq!(num(first, "assoc_members"), 4.0);
    assert!(num(last, "assoc_members") > 40.0, "{last:?}");
    let joins: f64 = all.iter().map(|r| num(r, "assoc_joins")).sum();
    let departures: f64 = all.iter().map(|r| num(r, "assoc_departures")).sum();
    assert!(
        joins > 0.0 && departures > 0.0,
        "joins {joins}, departures {departures}"
    );
    // The treasury holds the fees: it grows, and each step's fees are 0.002 per member.
    assert!(num(last, "assoc_treasury") > num(all[1], "assoc_treasury"));
    for r in &all[1..] {
        let fees = num(r, "association_fees");
        assert!(fees > 0.0, "{r:?}");
        let members_paying = fees / 0.002;
        assert!(
            (members_paying - members_paying.round()).abs() < 1e-6,
            "{fees}"
        );
    }
    let trust = num(last, "assoc_trust_mean");
    assert!(trust > 0.3 && trust < 1.0 && trust != 0.6, "{trust}");
    // Per group: every group's members add up to the total.
    let step = &last[col(&h, "step")];
    let groups: f64 = rows
        .iter()
        .filter(|r| &r[col(&h, "step")] == step && r[col(&h, "group")] != "all")
        .map(|r| num(r, "assoc_members"))
        .sum();
    assert_eq!(groups, num(last, "assoc_members"));
}
