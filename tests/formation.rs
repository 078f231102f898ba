//! Tie formation (`[formation]`, mechanism `linking`) and fairs (`[fair]`, mechanism `fair`):
//! located scenario errors, the shipped scenarios `scenarios/formation.toml` and
//! `scenarios/fair.toml` run by the real binary (their columns present and moving), and a fair
//! nobody attends giving byte-identical tables to no fair.

use std::path::Path;

use asocia_scenario::parse;

use crate::common::{col, run_into, table};

/// The diagnostics of a scenario that must fail, as printed.
fn errors(src: &str) -> Vec<String> {
    let e = parse(src, "s.toml", Path::new("."), &[]).unwrap_err();
    e.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn bad_formation_and_fair_values_are_located() {
    let head = "[scenario]\nmodel = \"firms\"\n";
    for (section, line, at, expected) in [
        (
            "formation",
            "closure = 1.5",
            "4:11",
            "`closure`: expected a probability",
        ),
        (
            "formation",
            "meeting_radius = -1.0",
            "4:18",
            "`meeting_radius`: expected a distance >= 0",
        ),
        (
            "formation",
            "introductions = 2e7",
            "4:17",
            "`introductions`: expected a number of introductions in [0, 10^6]",
        ),
        (
            "formation",
            "max_ties = -2",
            "4:12",
            "`max_ties`: expected a number of ties >= 0",
        ),
        (
            "formation",
            "meeting_scope = \"near\"",
            "4:17",
            "`meeting_scope`",
        ),
        ("formation", "start_trust = 0.5", "4:15", "`start_trust`"),
        (
            "fair",
            "share = 2.0",
            "4:9",
            "`share`: expected a probability",
        ),
        (
            "fair",
            "meetings = 5000",
            "4:12",
            "`meetings`: expected a number of meetings in 0..=1000",
        ),
        ("fair", "cost = -0.1", "4:8", "`cost`: expected a cost >= 0"),
    ] {
        let lines = errors(&format!("{head}[{section}]\n{line}\n"));
        let want = format!("s.toml:{at}: error: {expected}");
        assert!(
            lines.len() == 1 && lines[0].starts_with(&want),
            "{line}: {lines:?} (want {want})"
        );
    }
    // Extra market access that lasts no step is a mistake, located at `duration`.
    let lines = errors(&format!(
        "{head}[fair]\nevery = 5\naccess = 0.1\nduration = 0\n"
    ));
    assert_eq!(
        lines,
        ["s.toml:6:12: error: `duration`: the fair's extra market access `access` = 0.1 lasts 0 steps; set `duration` >= 1 (or `access` = 0)"]
    );
    // A misspelt key gets a suggestion.
    let lines = errors(&format!("{head}[formation]\nclosur = 0.1\n"));
    assert!(lines[0].contains("closure"), "{lines:?}");
}

/// The `all` rows of run 0 of a time series, and a reader of their numbers.
fn all_rows(out: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let (h, rows) = table(&out.join("timeseries.csv"));
    let rows = rows
        .into_iter()
        .filter(|r| r[col(&h, "group")] == "all" && r[col(&h, "run")] == "0")
        .collect();
    (h, rows)
}

fn num(h: &[String], r: &[String], name: &str) -> f64 {
    r[col(h, name)].parse().unwrap()
}

#[test]
fn the_formation_scenario_forms_ties_by_every_route_and_pays_for_introductions() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("formation");
    run_into(
        "run",
        Path::new("scenarios/formation.toml"),
        &out,
        &[
            "--set",
            "run.steps=80",
            "--set",
            "run.replications=1",
            "--set",
            "output.every=1",
        ],
    );
    let (h, rows) = all_rows(&out);
    assert_eq!(rows.len(), 81);
    let sum = |name: &str| rows.iter().map(|r| num(&h, r, name)).sum::<f64>();
    let (closure, meeting, intro) = (
        sum("ties_by_closure"),
        sum("ties_by_meeting"),
        sum("ties_by_introduction"),
    );
    assert!(
        closure > 0.0 && meeting > 0.0 && intro > 0.0,
        "{closure} {meeting} {intro}"
    );
    // Every introduction costs 0.05, formed or not (never more than 2 per cluster and step:
    // 4 clusters), and the ties it forms are at most the introductions.
    for r in &rows[1..] {
        let cost = num(&h, r, "facilitation_cost");
        let made = cost / 0.05;
        assert!(
            (made - made.round()).abs() < 1e-9 && made <= 8.0 + 1e-9,
            "{cost}"
        );
        assert!(num(&h, r, "ties_by_introduction") <= made + 1e-9);
    }
    // After the early breaks, formation rebuilds the network: the tie count grows.
    let ties = |s: usize| num(&h, &rows[s], "ties");
    assert!(ties(80) > ties(40), "{} vs {}", ties(80), ties(40));
    // The cap: no firm above 12 ties, so the mean degree stays below it.
    assert!(rows.iter().all(|r| num(&h, r, "degree_mean") <= 12.0));
}

#[test]
fn the_fair_scenario_holds_fairs_every_25_steps_and_an_empty_fair_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let file = Path::new("scenarios/fair.toml");
    let set = ["--set", "run.steps=60", "--set", "run.replications=1"];
    let out = tmp.path().join("fair");
    run_into("run", file, &out, &set);
    let (h, rows) = all_rows(&out);
    for r in &rows {
        let step: u64 = r[col(&h, "step")].parse().unwrap();
        let attendees = num(&h, r, "fair_attendees");
        let fair = step > 0 && step % 25 == 0;
        // About a fifth of some 1900 alive firms, on fair steps only.
        assert_eq!(attendees > 300.0, fair, "step {step}: {attendees}");
        assert_eq!(attendees > 0.0, fair, "step {step}: {attendees}");
        assert!((num(&h, r, "fair_cost") - 0.01 * attendees).abs() < 1e-9);
        assert_eq!(num(&h, r, "ties_at_fairs") > 0.0, fair, "step {step}");
        // Extra revenue in steps 25–34 and 50–59 (10 steps from each fair), never else.
        let window = (25..35).contains(&step) || (50..60).contains(&step);
        assert_eq!(num(&h, r, "fair_revenue") > 0.0, window, "step {step}");
        for name in ["ties_by_closure", "ties_by_meeting", "ties_by_introduction"] {
            assert_eq!(num(&h, r, name), 0.0);
        }
    }
    // φ = 0: the same tables, byte for byte, as no fair at all.
    let (a, b) = (tmp.path().join("empty"), tmp.path().join("none"));
    run_into(
        "run",
        file,
        &a,
        &[&set[..], &["--set", "fair.share=0"]].concat(),
    );
    run_into(
        "run",
        file,
        &b,
        &[&set[..], &["--set", "fair.every=0"]].concat(),
    );
    for f in ["timeseries.csv", "summary.csv"] {
        let (x, y) = (
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
        );
        assert!(x == y, "{f} differs");
    }
    assert_ne!(
        std::fs::read(out.join("summary.csv")).unwrap(),
        std::fs::read(b.join("summary.csv")).unwrap(),
        "a fair that is attended changes the run"
    );
}
