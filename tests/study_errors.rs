//! Study files (`[sweep]`, `[compare]`) in, located error text out: every mistake of the
//! scenario, its points and arms at once in file order, `--set sweep.…`/`compare.…`, swept
//! lists, and the resolved study's round trip.

use std::path::Path;

use crate::scenario_errors::{args, repo};

/// Every diagnostic of a study (scenario, `[sweep]`, `[compare]`, points and arms) as printed.
fn study_errors(src: &str, overrides: &[&str]) -> Vec<String> {
    match asocia_scenario::parse_study(src, "s.toml", Path::new("."), &args(overrides)) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

const RING: &str = "[network]\nkind = \"ring\"\nn = 50\nk = 4\n[run]\nsteps = 5\n";

#[test]
fn study_errors_are_reported_at_once_in_file_order_then_set_order() {
    // Point 0 (b = 1.5, k = -1) finds the `update.k` mistake (line 10), point 2 (b = 0.5) the
    // `game.b` one (line 9), the arm `b` one at line 14, the scenario's own at line 2; then the
    // --set mistakes in the order given. Before, the sweep reported its points' mistakes in
    // the order the points found them and the arms were not checked until `compare` ran them.
    let src = "[network]\nkidn = 1\nkind = \"ring\"\nn = 50\nk = 4\n[run]\nsteps = 5\n[sweep]\ngame.b = [1.5, 0.5]\nupdate.k = [-1.0, 1.0]\n[compare]\n[compare.a]\n[compare.b]\nrun.steps = 0\n";
    assert_eq!(
        study_errors(src, &["sweep.replicatons=2", "game.x=1"]),
        [
            "s.toml:2:1: error: unknown key `kidn` in [network]; did you mean `kind`?",
            "s.toml:9:10: error: `b`: expected a number ≥ 1 (the temptation T = b), found 0.5",
            "s.toml:10:12: error: `k`: expected a positive number (the noise K > 0), found -1",
            "s.toml:14:13: error: `steps`: expected a positive integer, found 0",
            "--set sweep.replicatons=2: error: unknown key `replicatons` in [sweep]; did you mean `replications`? (a dimension is written `section.key = [values]` or `section.key = { start = …, stop = …, step = … }`)",
            "--set game.x=1: error: unknown key `x` in [game]; did you mean `b`?",
        ]
    );
}

#[test]
fn set_sweep_and_compare_keys_take_effect_or_are_located_errors() {
    let src = format!(
        "{RING}[sweep]\nreplications = 2\ngame.b = [1.2, 1.5]\nupdate.k = [0.1]\n[compare]\n[compare.a]\n[compare.b]\ngame.b = 1.9\n"
    );
    let o = args(&[
        "sweep.game.b=[1.1, 1.3, 1.7]",
        "sweep.network.n=[40, 60]",
        "sweep.replications=3",
        "compare.b.game.b=1.2",
        "compare.a.update.k=0.5",
        "compare.replications=5",
    ]);
    let s = asocia_scenario::parse_study(&src, "s.toml", Path::new("."), &o).unwrap();
    let sweep = s.sweep.as_ref().unwrap();
    // The grid of game.b is replaced in place; network.n is added (after the file's
    // dimensions: no other network dimension).
    assert_eq!(sweep.design.keys(), ["game.b", "update.k", "network.n"]);
    assert_eq!(sweep.replications, 3);
    let points = s.sweep_points().unwrap();
    assert_eq!(points.len(), 3 * 2);
    let last = s.point(&points[5]).unwrap();
    assert_eq!(
        (
            last.model.classic().unwrap().game.payoffs.t,
            last.node_count()
        ),
        (1.7, 60)
    );
    let c = s.compare.as_ref().unwrap();
    assert_eq!(c.replications, 5);
    assert_eq!(c.arms[1].settings, ["game.b=1.2"]);
    assert_eq!(c.arms[0].settings, ["update.k=0.5"]);
    assert_eq!(
        s.arm(1).unwrap().model.classic().unwrap().game.payoffs.t,
        1.2
    );
    assert_eq!(
        s.arm(0).unwrap().model.classic().unwrap().update.rule,
        asocia_core::classic::config::UpdateRule::Fermi { k: 0.5 }
    );

    // Typos are located at the argument, with the suggestions file values get. A new
    // dimension of a key that does not exist is found when its points are resolved.
    assert_eq!(
        study_errors(&src, &["sweep.game.bb=[1.2]"]),
        ["--set sweep.game.bb=[1.2]: error: unknown key `bb` in [game]; did you mean `b`?"]
    );
    // Dimensions that cannot be read leave the points unchecked; every other mistake is
    // reported.
    assert_eq!(
        study_errors(
            &src,
            &[
                "sweep.gaem.b=[1.2]",
                "sweep.game.b=1.2",
                "compare.bb.game.b=1",
                "compare.b.gmae.b=1",
                "compare.replicatons=3",
                "compare.b=1",
            ]
        ),
        [
            "--set sweep.gaem.b=[1.2]: error: [sweep]: unknown scenario section `gaem`; did you mean `game`?",
            "--set sweep.game.b=1.2: error: `game.b`: expected a list of values or a range { start, stop, step or n }, found float 1.2",
            "--set compare.bb.game.b=1: error: [compare]: no arm named `bb`; did you mean `b`? (arms: a, b)",
            "--set compare.b.gmae.b=1: error: [compare.b]: `gmae` is not a scenario section; did you mean `game`?",
            "--set compare.replicatons=3: error: unknown key `replicatons` in [compare]; did you mean `replications`? (its keys: replications, baseline; an arm's overrides are set as `compare.ARM.SECTION.KEY=VALUE`)",
            "--set compare.b=1: error: `compare.b` is an arm; set its overrides as `compare.b.SECTION.KEY=VALUE`",
        ]
    );
}

#[test]
fn list_values_such_as_network_sizes_can_be_swept() {
    let src =
        "[network]\nkind = \"stochastic-block\"\nsizes = [30, 30]\np_in = 0.2\n[run]\nsteps = 5\n\
               [sweep]\nnetwork.sizes = [[30, 30], [15, 15, 15, 15]]\ngame.b = [1.2, 1.4]\n";
    let s = asocia_scenario::parse_study(src, "s.toml", Path::new("."), &[]).unwrap();
    let points = s.sweep_points().unwrap();
    assert_eq!(points.len(), 4);
    // The level of a list is its items joined by `;`, as runs.csv shows it.
    assert_eq!(points[2][0].to_string(), "15;15;15;15");
    let sc = s.point(&points[2]).unwrap();
    assert_eq!(sc.group_ids(), [0, 1, 2, 3]);
    assert_eq!(sc.node_count(), 60);
    // A scalar among lists, or a list that is not a valid value of the key, is located.
    let e = study_errors(&src.replace("[15, 15, 15, 15]]", "[15, 0]]"), &[]);
    assert_eq!(
        e,
        ["s.toml:8:17: error: `sizes`: expected a non-empty array of positive integers, found 0 at position 2"]
    );
    let e = study_errors(&src.replace("[15, 15, 15, 15]]", "4]"), &[]);
    assert_eq!(
        e,
        ["s.toml:8:28: error: `network.sizes`: a dimension of lists takes only lists (such as `[[500, 500], [250, 250, 250, 250]]`), found integer 4"]
    );
}

/// Loads `src`, prints the resolved study, loads that again: the text is the same, and every
/// point and arm resolves to the same scenario.
fn assert_study_round_trips(src: &str, base_dir: &Path, overrides: &[&str]) {
    let a = asocia_scenario::parse_study(src, "a.toml", base_dir, &args(overrides))
        .unwrap_or_else(|e| panic!("{e}"));
    let text = a.resolved_toml();
    let b = asocia_scenario::parse_study(&text, "a.toml", Path::new("/"), &[])
        .unwrap_or_else(|e| panic!("{text}\n{e}"));
    assert_eq!(b.resolved_toml(), text);
    assert_eq!(b.base, a.base, "{text}");
    assert_eq!(a.sweep.is_some(), b.sweep.is_some());
    if let (Some(sa), Some(sb)) = (&a.sweep, &b.sweep) {
        assert_eq!(sa.design, sb.design, "{text}");
        assert_eq!(sa.replications, sb.replications);
        let (pa, pb) = (a.sweep_points().unwrap(), b.sweep_points().unwrap());
        assert_eq!(pa, pb);
        for p in &pa {
            assert_eq!(a.point(p).unwrap(), b.point(p).unwrap(), "{text}");
        }
    }
    assert_eq!(a.compare.is_some(), b.compare.is_some());
    if let (Some(ca), Some(cb)) = (&a.compare, &b.compare) {
        assert_eq!(ca.replications, cb.replications);
        assert_eq!(ca.baseline, cb.baseline);
        assert_eq!(ca.arms.len(), cb.arms.len());
        for (i, (x, y)) in ca.arms.iter().zip(&cb.arms).enumerate() {
            assert_eq!(x.name, y.name);
            assert_eq!(a.arm(i).unwrap(), b.arm(i).unwrap(), "{text}");
        }
    }
}

#[test]
fn resolved_study_loads_again_to_the_same_study() {
    let cases = [
        // A grid of a range, a list and a kind switch; compare arms with a baseline.
        format!("{RING}[sweep]\nreplications = 2\ngame.b = {{ start = 1.0, stop = 2.0, step = 0.25 }}\nnetwork.kind = [\"ring\", \"random-regular\"]\n[compare]\nbaseline = \"b\"\n[compare.a]\n[compare.b]\nupdate.rule = \"imitate-best\"\nnetwork.n = 60\n"),
        // Sampling designs keep their ranges, integer flags and seeds.
        format!("{RING}[sweep]\ndesign = \"latin-hypercube\"\nsamples = 5\nnetwork.n = {{ start = 20, stop = 80 }}\nupdate.k = {{ start = 0.01, stop = 1, scale = \"log\" }}\n"),
        format!("{RING}[sweep]\ndesign = \"sobol\"\nsamples = 4\nseed = 7\ngame.b = {{ start = 1, stop = 2 }}\n"),
        format!("{RING}[sweep]\ndesign = \"sobol\"\nsamples = 4\ngame.b = {{ start = 1, stop = 2 }}\nupdate.k = {{ start = 1, stop = 4, n = 2, integer = false }}\n"),
        // Lists of lists.
        "[network]\nkind = \"stochastic-block\"\nsizes = [30, 30]\n[sweep]\nnetwork.sizes = [[30, 30], [15, 15, 15, 15]]\n".to_string(),
    ];
    for src in &cases {
        assert_study_round_trips(src, Path::new("."), &[]);
    }
    // With --set on the study (a new dimension is placed with its section's).
    assert_study_round_trips(
        &cases[0],
        Path::new("."),
        &[
            "sweep.update.mutation=[0.0, 0.01]",
            "sweep.network.n=[40]",
            "compare.a.game.b=1.9",
            "run.seed=9007199254740991",
        ],
    );
}

#[test]
fn a_distribution_switched_by_a_sweep_drops_the_files_parameters_of_the_other() {
    // In the resolved text every parameter of the file's distribution is written out, so a
    // point that switches the distribution must drop them, as for a network kind or a rule.
    let src = "[scenario]\nmodel = \"firms\"\n[network]\nkind = \"ring\"\nn = 40\nk = 4\n[firms]\nopportunism = \"beta\"\nopportunism_alpha = 2.0\n[run]\nsteps = 5\n[sweep]\nfirms.opportunism = [\"beta\", \"constant\"]\n";
    assert_study_round_trips(src, Path::new("."), &[]);
    // A parameter given with the switch that the new distribution does not take is still a
    // mistake.
    let e = study_errors(
        "[scenario]\nmodel = \"firms\"\n[firms]\nopportunism = \"beta\"\n[sweep]\nfirms.opportunism = [\"constant\"]\n",
        &["firms.opportunism_alpha=3"],
    );
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].starts_with("--set firms.opportunism_alpha=3: error: `opportunism_alpha` is not a parameter of opportunism distribution `constant`"), "{e:?}");
}

#[test]
fn shipped_studies_round_trip_through_their_resolved_text() {
    for name in [
        "trust-sweep.toml",
        "cluster-vs-isolated.toml",
        "temptation-noise-sweep.toml",
        "santos-pacheco-curve.toml",
        "clustered-vs-random.toml",
    ] {
        let path = repo().join("scenarios").join(name);
        let src = std::fs::read_to_string(&path).unwrap();
        assert_study_round_trips(&src, &repo().join("scenarios"), &[]);
    }
}
