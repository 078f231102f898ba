//! Unit tests of `[sweep]` and `[compare]`: designs read from TOML, points resolved through the
//! scenario's own checks, and mistakes located at the study entry that caused them.

use std::path::Path;

use asocia_stats::design::{Design, Level};

use super::*;

const BASE: &str =
    "[network]\nkind = \"ring\"\nn = 100\nk = 4\n[run]\nsteps = 10\nreplications = 3\n";

fn study(extra: &str, overrides: &[&str]) -> Result<Study, ScenarioError> {
    let src = format!("{BASE}{extra}");
    let overrides: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    parse_study(&src, "s.toml", Path::new("."), &overrides)
}

fn errors(extra: &str) -> String {
    let s = study(extra, &[]);
    match s {
        Ok(s) => s.sweep_points().unwrap_err().to_string(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn grid_of_list_and_range_resolves_every_point() {
    let s = study(
        "[sweep]\nreplications = 2\ngame.b = { start = 1.0, stop = 2.0, step = 0.5 }\nnetwork.n = [50, 60]\n",
        &[],
    )
    .unwrap();
    let sweep = s.sweep.as_ref().unwrap();
    assert_eq!(sweep.replications, 2);
    assert_eq!(sweep.design.keys(), ["game.b", "network.n"]);
    let points = s.sweep_points().unwrap();
    assert_eq!(points.len(), 6);
    assert_eq!(points[5], vec![Level::Float(2.0), Level::Int(60)]);
    let sc = s.point(&points[5]).unwrap();
    assert_eq!(sc.node_count(), 60);
    assert_eq!(sc.model.classic().unwrap().game.payoffs.t, 2.0);
    assert_eq!(s.base.node_count(), 100, "the base is untouched");
}

#[test]
fn integer_keys_give_integer_levels_and_sampling_designs_need_samples() {
    let s = study(
        "[sweep]\nnetwork.n = { start = 100, stop = 200, n = 3 }\n",
        &[],
    )
    .unwrap();
    assert_eq!(
        s.sweep_points().unwrap(),
        vec![
            vec![Level::Int(100)],
            vec![Level::Int(150)],
            vec![Level::Int(200)]
        ]
    );
    let e = errors("[sweep]\ndesign = \"sobol\"\ngame.b = { start = 1, stop = 2 }\n");
    assert!(
        e.starts_with("s.toml:9:10: error: `design = \"sobol\"` needs `samples`"),
        "{e}"
    );
    let s = study(
        "[sweep]\ndesign = \"sobol\"\nsamples = 8\ngame.b = { start = 1, stop = 2 }\nupdate.k = { start = 0.01, stop = 1, scale = \"log\" }\n",
        &[],
    )
    .unwrap();
    assert!(matches!(
        s.sweep.as_ref().unwrap().design,
        Design::Sobol { n: 8, .. }
    ));
    assert_eq!(s.sweep_points().unwrap().len(), 8 * 4);
}

#[test]
fn sweep_scalars_can_be_overridden() {
    let s = study(
        "[sweep]\nreplications = 5\ngame.b = [1.5]\n",
        &["sweep.replications=2", "run.steps=7"],
    )
    .unwrap();
    assert_eq!(s.sweep.unwrap().replications, 2);
    assert_eq!(s.base.model.steps(), 7);
    let e = study("[sweep]\ngame.b = [1.5]\n", &["sweep.replications=0"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "--set sweep.replications=0: error: `replications`: expected a positive integer, found integer 0"
    );
}

#[test]
fn bad_dimensions_are_located_at_their_sweep_entry() {
    // A key that does not exist.
    let e = errors("[sweep]\nnetwork.nn = [10, 20]\n");
    assert_eq!(
        e,
        "s.toml:9:9: error: unknown key `nn` in [network]; did you mean `n`?"
    );
    // An empty range and an empty list.
    let e = errors("[sweep]\ngame.b = { start = 2.0, stop = 1.0, step = 0.5 }\n");
    assert!(
        e.starts_with("s.toml:9:10: error: [sweep]: dimension `game.b` steps by 0.5"),
        "{e}"
    );
    let e = errors("[sweep]\ngame.b = { start = 1.0, stop = 2.0, n = 0 }\n");
    assert_eq!(
        e,
        "s.toml:9:10: error: [sweep]: dimension `game.b` has no values"
    );
    let e = errors("[sweep]\ngame.b = []\n");
    assert!(
        e.starts_with("s.toml:9:10: error: `game.b`: empty list"),
        "{e}"
    );
    // A range outside the key's allowed values (weak PD needs b ≥ 1).
    let e = errors("[sweep]\ngame.b = { start = 0.5, stop = 1.5, step = 0.5 }\n");
    assert_eq!(
        e,
        "s.toml:9:10: error: `b`: expected a number ≥ 1 (the temptation T = b), found 0.5"
    );
    // An unknown section, and a key of another network kind.
    let e = errors("[sweep]\nnetwrk.n = [10]\n");
    assert!(
        e.starts_with(
            "s.toml:9:1: error: [sweep]: unknown scenario section `netwrk`; did you mean"
        ),
        "{e}"
    );
    let e = errors("[sweep]\nnetwork.m = [1, 2]\n");
    assert!(
        e.starts_with("s.toml:9:9: error: `m` is not a parameter of network kind `ring`"),
        "{e}"
    );
}

#[test]
fn a_sweep_can_switch_network_kind() {
    let s = study(
        "[sweep]\nnetwork.kind = [\"ring\", \"random-regular\", \"barabasi-albert\"]\n",
        &[],
    )
    .unwrap();
    let points = s.sweep_points().unwrap();
    let kinds: Vec<_> = points
        .iter()
        .map(|p| match s.point(p).unwrap().network {
            crate::NetworkSource::Generator(spec) => format!("{spec:?}"),
            crate::NetworkSource::File(_) => unreachable!(),
        })
        .collect();
    assert!(kinds[1].starts_with("RandomRegular"), "{kinds:?}");
    assert!(kinds[2].starts_with("BarabasiAlbert"), "{kinds:?}");
}

#[test]
fn compare_arms_resolve_and_mistakes_are_located() {
    let s = study(
        "[compare]\nreplications = 4\nbaseline = \"plain\"\n[compare.plain]\n[compare.tempting]\ngame.b = 1.9\n",
        &[],
    )
    .unwrap();
    let c = s.compare.as_ref().unwrap();
    assert_eq!((c.replications, c.baseline), (4, Some(0)));
    assert_eq!(c.arms[1].settings, ["game.b=1.9"]);
    assert_eq!(
        s.arm(1).unwrap().model.classic().unwrap().game.payoffs.t,
        1.9
    );
    assert_eq!(s.arm(0).unwrap(), s.base);
    // An arm's mistake is found when the study is loaded, not when the arm is run.
    let bad = study("[compare]\n[compare.a]\n[compare.b]\ngame.b = 0.2\n", &[]);
    assert_eq!(
        bad.unwrap_err().to_string(),
        "s.toml:11:10: error: `b`: expected a number ≥ 1 (the temptation T = b), found 0.2"
    );
    let e = study("[compare]\n[compare.only]\n", &[])
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("s.toml:8:2: error: [compare] needs at least two arms"),
        "{e}"
    );
    let e = study(
        "[compare]\nbaseline = \"x\"\n[compare.a]\n[compare.b]\n",
        &[],
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with("s.toml:9:12: error: `baseline`: no arm named `x`"),
        "{e}"
    );
}

#[test]
fn plain_parse_ignores_study_sections_but_not_study_overrides() {
    let src = format!("{BASE}[sweep]\ngame.b = [1.2]\n[compare]\n[compare.a]\n[compare.b]\n");
    let sc = crate::parse(&src, "s.toml", Path::new("."), &[]).unwrap();
    assert_eq!(sc.node_count(), 100);
    // A study override given to a single scenario cannot take effect: it is an error.
    let e = crate::parse(
        &src,
        "s.toml",
        Path::new("."),
        &["sweep.replications=4".into()],
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.starts_with(
            "--set sweep.replications=4: error: `sweep.replications` sets a study section"
        ),
        "{e}"
    );
}

/// Regression: a counted range (`n = …`) over `demography.entry_ties` or
/// `output.network_every` gave float levels (1.0, 2.0, 3.0), which those integer keys reject,
/// because whether a key holds integers was a hand-kept list that missed them; it now comes
/// from the registry of keys.
#[test]
fn a_counted_range_over_entry_ties_or_network_every_gives_integers() {
    for key in ["demography.entry_ties", "output.network_every"] {
        let src = format!(
            "[scenario]\nmodel = \"firms\"\n[sweep]\n{key} = {{ start = 1, stop = 3, n = 3 }}\n"
        );
        let s = parse_study(&src, "s.toml", Path::new("."), &[]).unwrap_or_else(|e| panic!("{e}"));
        // start 1, stop 3, 3 levels: 1, 2, 3.
        let points = s.sweep_points().unwrap();
        assert_eq!(
            points,
            [
                vec![Level::Int(1)],
                vec![Level::Int(2)],
                vec![Level::Int(3)]
            ]
        );
        let point = s.point(&points[2]).unwrap();
        let firms = point.model.firms().unwrap();
        let got = if key == "output.network_every" {
            firms.network_every
        } else {
            u64::from(firms.demography.entry_ties)
        };
        assert_eq!(got, 3);
    }
}
