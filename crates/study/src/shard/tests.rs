//! Unit tests of shard specs and the assignment of runs to shards.

use super::*;
use crate::ScenarioInput;

fn plan(text: &str) -> SweepPlan {
    SweepPlan::load(&ScenarioInput::text(text, "t.toml", &[])).unwrap()
}

const EQUAL: &str = r#"
[network]
kind = "ring"
n = 20
k = 2
[run]
steps = 5
[sweep]
replications = 3
game.b = [1.2, 1.5]
"#;

#[test]
fn parses_shard_specs_and_refuses_bad_ones() {
    assert_eq!(Shard::parse("2/5").unwrap(), Shard { index: 2, count: 5 });
    for bad in ["5/5", "1/0", "x/3", "3", "-1/3", "1/3/4", ""] {
        let e = Shard::parse(bad).unwrap_err().to_string();
        assert!(e.contains("--shard") && e.contains("i/n"), "{bad}: {e}");
    }
    assert!(Shard::parse("5/5")
        .unwrap_err()
        .to_string()
        .contains("not below"));
}

#[test]
fn reads_slurm_array_variables() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    let s = Shard::from_slurm(env(&[
        ("SLURM_ARRAY_TASK_ID", "3"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
    ]));
    assert_eq!(s.unwrap(), Shard { index: 3, count: 4 });
    // --array=1-4: ids 1..4 are shards 0..3.
    let s = Shard::from_slurm(env(&[
        ("SLURM_ARRAY_TASK_ID", "1"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
        ("SLURM_ARRAY_TASK_MIN", "1"),
    ]));
    assert_eq!(s.unwrap(), Shard { index: 0, count: 4 });
    // --array=10-16:2: ids 10, 12, 14, 16; id 14 is shard (14 - 10) / 2 = 2.
    let s = Shard::from_slurm(env(&[
        ("SLURM_ARRAY_TASK_ID", "14"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
        ("SLURM_ARRAY_TASK_MIN", "10"),
        ("SLURM_ARRAY_TASK_STEP", "2"),
    ]));
    assert_eq!(s.unwrap(), Shard { index: 2, count: 4 });
    let e = Shard::from_slurm(env(&[("SLURM_ARRAY_TASK_COUNT", "4")])).unwrap_err();
    assert!(
        e.to_string().contains("SLURM_ARRAY_TASK_ID is not set"),
        "{e}"
    );
    let e = Shard::from_slurm(env(&[("SLURM_ARRAY_TASK_ID", "2")])).unwrap_err();
    assert!(
        e.to_string().contains("SLURM_ARRAY_TASK_COUNT is not set"),
        "{e}"
    );
    let e = Shard::from_slurm(env(&[
        ("SLURM_ARRAY_TASK_ID", "two"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
    ]))
    .unwrap_err();
    assert!(
        e.to_string()
            .contains("SLURM_ARRAY_TASK_ID=\"two\" is not a whole number"),
        "{e}"
    );
    // Id 4 of an array 0-3 (count 4) is past its tasks.
    let e = Shard::from_slurm(env(&[
        ("SLURM_ARRAY_TASK_ID", "4"),
        ("SLURM_ARRAY_TASK_COUNT", "4"),
    ]))
    .unwrap_err();
    assert!(e.to_string().contains("past its 4 tasks"), "{e}");
}

#[test]
fn equal_costs_are_dealt_round_robin() {
    // 2 points × 3 replications, all of one cost: run r to shard r mod 4.
    let owner = assign(&plan(EQUAL), 4).unwrap();
    assert_eq!(owner, vec![0, 1, 2, 3, 0, 1]);
    assert_eq!(shard_runs(&owner, Shard { index: 1, count: 4 }), vec![1, 5]);
}

#[test]
fn costlier_points_are_dealt_first_to_the_least_loaded_shard() {
    // Point 0: 10 nodes × 5 steps = 50; point 1: 40 nodes × 5 steps = 200; 2 replications.
    // Point 1 first: run 2 → shard 0 (200), run 3 → shard 1 (200); then point 0: run 0 →
    // shard 0 (250, tie broken by index), run 1 → shard 1 (250).
    let p = plan(
        r#"
[network]
kind = "ring"
k = 2
[run]
steps = 5
[sweep]
replications = 2
network.n = [10, 40]
"#,
    );
    assert_eq!(assign(&p, 2).unwrap(), vec![0, 1, 0, 1]);
    // Three shards: runs 2, 3 to shards 0, 1; runs 0, 1 to shard 2 (load 0, then 50).
    assert_eq!(assign(&p, 3).unwrap(), vec![2, 2, 0, 1]);
}

#[test]
fn every_run_is_in_exactly_one_shard() {
    let p = plan(EQUAL);
    for n in 1..9 {
        let owner = assign(&p, n).unwrap();
        let mut all: Vec<u64> = (0..n)
            .flat_map(|i| shard_runs(&owner, Shard { index: i, count: n }))
            .collect();
        all.sort_unstable();
        assert_eq!(all, (0..6).collect::<Vec<u64>>());
    }
}

#[test]
fn the_hash_follows_the_resolved_study() {
    let a = scenario_hash(&plan(EQUAL));
    assert_eq!(a, scenario_hash(&plan(EQUAL)));
    assert_ne!(
        a,
        scenario_hash(&plan(
            &EQUAL.replace("replications = 3", "replications = 4")
        ))
    );
    // FNV-1a of the empty input is its offset basis.
    assert_eq!(fnv1a(b""), "cbf29ce484222325");
}
