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

#[test]
fn running_the_same_command_again_replaces_its_own_result_and_keeps_other_files() {
    // The README's command, twice, in a fresh folder: `asocia run scenarios/default.toml`
    // (default folder out/default). Before, the second refused its own out/default.
    let tmp = tempfile::tempdir().unwrap();
    let scenario = std::path::absolute("scenarios/default.toml").unwrap();
    let run = |extra: &[&str]| {
        asocia()
            .current_dir(tmp.path())
            .args(["run", scenario.to_str().unwrap()])
            .args(QUICK)
            .args(extra)
            .output()
            .unwrap()
    };
    let first = run(&[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let out = tmp.path().join("out/default");
    let summary = fs::read(out.join("summary.csv")).unwrap();
    fs::write(out.join("thesis.docx"), "years of work").unwrap();
    let again = run(&[]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("replacing the previous result of the same scenario"),
        "{err}"
    );
    assert_eq!(fs::read(out.join("summary.csv")).unwrap(), summary);
    assert_eq!(
        fs::read_to_string(out.join("thesis.docx")).unwrap(),
        "years of work"
    );
    // Another scenario (another seed) over it still needs --force.
    let other = run(&["--set", "run.seed=9"]);
    assert_eq!(other.status.code(), Some(1));
    let err = String::from_utf8_lossy(&other.stderr);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(fs::read(out.join("summary.csv")).unwrap(), summary);
    let forced = run(&["--set", "run.seed=9", "--force"]);
    assert!(forced.status.success());
    assert_ne!(fs::read(out.join("summary.csv")).unwrap(), summary);
    assert_eq!(
        fs::read_to_string(out.join("thesis.docx")).unwrap(),
        "years of work"
    );
}

#[test]
fn a_scenario_that_cannot_fit_in_memory_is_refused_at_the_key_before_running() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    // A network set with --set, against a memory given by ASOCIA_MEMORY (1 MB).
    let o = asocia()
        .args([
            "run",
            "scenarios/default.toml",
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--set", "network.n=100000", "--set", "run.steps=1"])
        .env("ASOCIA_MEMORY", "1000000")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--set network.n=100000: error: `n`: the run needs about 8.0 MB of memory (1 run at once of a network of 100000 firms and about 199996 ties), more than the 1.0 MB available (ASOCIA_MEMORY); lower [network] n"),
        "{err}"
    );
    assert!(!out.exists());
    // The same network fits in 10 MB.
    let o = asocia()
        .args([
            "run",
            "scenarios/default.toml",
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--set", "network.n=100000", "--set", "run.steps=1"])
        .args(["--set", "run.replications=1"])
        .env("ASOCIA_MEMORY", "10000000")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    // Written in the file, against the machine's memory (/proc/meminfo): 2·10^9 firms on a
    // ring need about 128 GB. Before, the run started and died allocating.
    let sc = write_scenario(
        tmp.path(),
        "huge.toml",
        "[network]\nkind = \"ring\"\nn = 2000000000\nk = 2\n[run]\nsteps = 1\n",
    );
    let o = asocia()
        .args([
            "run",
            sc.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--force",
        ])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!(
            "{}:3:5: error: `n`: the run needs about 128.0 GB",
            sc.display()
        )) && err.contains("(MemAvailable in /proc/meminfo); lower [network] n"),
        "{err}"
    );

    // A sweep's replications: 28 points × 10^8 runs, 16 bytes each kept, against 1 GB.
    let o = asocia()
        .args([
            "sweep",
            "scenarios/temptation-noise-sweep.toml",
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--set", "sweep.replications=100000000", "--threads", "1"])
        .env("ASOCIA_MEMORY", "1000000000")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--set sweep.replications=100000000: error: `replications`: the sweep needs about 44.8 GB of memory (what the study keeps of its 2800000000 runs)"),
        "{err}"
    );

    // A wrong ASOCIA_MEMORY is an error, not ignored.
    let o = asocia()
        .args([
            "run",
            "scenarios/default.toml",
            "--out",
            out.to_str().unwrap(),
        ])
        .args(QUICK)
        .env("ASOCIA_MEMORY", "lots")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ASOCIA_MEMORY=`lots`"));
}
