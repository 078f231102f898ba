//! Safety of a run before it starts, through the real binary: thread counts from the
//! environment checked like `--threads`, a typo'd node id in an edge list refused at load time.

use std::fs;
use std::time::{Duration, Instant};

use crate::common::{asocia, write_scenario};

/// A quick classic scenario (100 firms, 5 steps, 1 replication).
const QUICK: [&str; 6] = [
    "--set",
    "network.n=100",
    "--set",
    "run.steps=5",
    "--set",
    "run.replications=1",
];

#[test]
fn rayon_num_threads_out_of_range_is_an_error_naming_the_range() {
    let tmp = tempfile::tempdir().unwrap();
    for (value, cmd) in [
        ("5000", "run"),
        ("100000", "run"),
        ("many", "run"),
        ("5000", "sweep"),
    ] {
        let out = tmp.path().join(format!("o-{value}-{cmd}"));
        let file = if cmd == "run" {
            "scenarios/default.toml"
        } else {
            "scenarios/temptation-noise-sweep.toml"
        };
        let start = Instant::now();
        let o = asocia()
            .args([cmd, file, "--out", out.to_str().unwrap()])
            .args(QUICK)
            .env("RAYON_NUM_THREADS", value)
            .output()
            .unwrap();
        // Before, 5000 panicked or stalled and 100000 hung.
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{value}: took {:?}",
            start.elapsed()
        );
        assert_eq!(o.status.code(), Some(1), "{value} {cmd}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains(&format!("RAYON_NUM_THREADS=`{value}`")) && err.contains("from 1 to 1024"),
            "{value}: {err}"
        );
        assert!(!out.exists(), "{value}: nothing is written");
    }
    // `--threads` has the same range.
    let o = asocia()
        .args(["run", "scenarios/default.toml", "--threads", "5000"])
        .args(QUICK)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1..=1024"), "{err}");
}

#[test]
fn rayon_num_threads_in_range_sizes_the_pool() {
    let tmp = tempfile::tempdir().unwrap();
    for (value, threads) in [("2", "2 threads"), ("1", "1 thread"), ("0", "")] {
        let out = tmp.path().join(format!("o{value}"));
        let o = asocia()
            .args([
                "run",
                "scenarios/default.toml",
                "--out",
                out.to_str().unwrap(),
            ])
            .args(QUICK)
            .env("RAYON_NUM_THREADS", value)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains(&format!(" on {threads}")), "{value}: {text}");
    }
}

#[test]
fn a_typod_node_id_in_an_edge_list_is_located_at_load_time() {
    let tmp = tempfile::tempdir().unwrap();
    let edges = tmp.path().join("e.csv");
    fs::write(&edges, "source,target\n0,1\n1,2\n4000000000,2\n2,3\n").unwrap();
    let sc = write_scenario(
        tmp.path(),
        "f.toml",
        "[network]\nkind = \"file\"\nedges = \"e.csv\"\n[run]\nsteps = 2\n",
    );
    let out = tmp.path().join("o");
    for cmd in ["validate", "run"] {
        let start = Instant::now();
        let mut c = asocia();
        c.args([cmd, sc.to_str().unwrap()]);
        if cmd == "run" {
            c.args(["--out", out.to_str().unwrap()]);
        }
        let o = c.output().unwrap();
        assert!(start.elapsed() < Duration::from_secs(20));
        assert_eq!(o.status.code(), Some(1), "{cmd}");
        let err = String::from_utf8_lossy(&o.stderr);
        let want = format!(
            "{}:4:1: error: node id 4000000000 would make the network 4000000001 firms, but the edge list names only 5",
            edges.display()
        );
        assert!(err.contains(&want), "{cmd}: {err}");
        assert!(!out.exists());
    }
    // A few isolated firms without a nodes file stay allowed: ids 0..=1007 with 4 named leave
    // 1004 = 4 + 1000 firms without a tie; one more is refused.
    fs::write(&edges, "source,target\n0,1\n1,2\n1007,2\n").unwrap();
    let o = asocia()
        .args(["validate", sc.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    fs::write(&edges, "source,target\n0,1\n1,2\n1008,2\n").unwrap();
    let o = asocia()
        .args(["validate", sc.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}
