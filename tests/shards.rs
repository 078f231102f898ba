//! `asocia sweep --shard`, `asocia merge` and `asocia slurm` through the real binary: shards
//! merged equal one sweep byte for byte (classic and firm economy, with time series and step
//! summaries, Sobol indices), and the merge refuses shards of another scenario or version and
//! names missing shards and missing or duplicated runs.

use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{asocia, run_ok, write_scenario};

/// A classic sweep: 5 × 2 grid points × 3 replications = 30 runs of 80 players, 40 steps.
fn grid(dir: &Path) -> PathBuf {
    write_scenario(
        dir,
        "grid.toml",
        "[scenario]\nname = \"grid\"\n[network]\nkind = \"barabasi-albert\"\nn = 80\nm = 2\n\
         [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 40\nseed = 5\n[output]\nevery = 4\n\
         [sweep]\nreplications = 3\ngame.b = { start = 1.0, stop = 2.0, step = 0.25 }\n\
         update.k = [0.05, 0.5]\n",
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs shard `i` of `n` of `file` into `dir/shard-i` with `extra` options.
fn shard(file: &Path, dir: &Path, i: u64, n: u64, extra: &[&str]) -> PathBuf {
    let out = dir.join(format!("shard-{i}"));
    let spec = format!("{i}/{n}");
    run_ok(
        &[
            &["sweep", s(file), "--shard", &spec, "--out", s(&out)][..],
            extra,
        ]
        .concat(),
    );
    out
}

/// Fails unless `a` and `b` hold the same files (but manifest.json and a sweep's resume state,
/// `state.json` and `journal.bin`, whose records are in the order the runs finished), byte for
/// byte; returns the names compared.
fn same_files(a: &Path, b: &Path) -> Vec<String> {
    let names = |d: &Path| {
        let mut v: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !["manifest.json", "state.json", "journal.bin"].contains(&n.as_str()))
            .collect();
        v.sort();
        v
    };
    let (na, nb) = (names(a), names(b));
    assert_eq!(
        na,
        nb,
        "{} and {} hold other files",
        a.display(),
        b.display()
    );
    for n in &na {
        let (x, y) = (fs::read(a.join(n)).unwrap(), fs::read(b.join(n)).unwrap());
        assert!(
            x == y,
            "{n} differs between {} and {}",
            a.display(),
            b.display()
        );
    }
    na
}

fn merge_err(dirs: &[&Path], out: &Path) -> String {
    let mut args = vec!["merge".to_string()];
    args.extend(dirs.iter().map(|d| s(d).to_string()));
    args.extend(["--out".into(), s(out).into()]);
    let o = asocia().args(&args).output().unwrap();
    assert!(!o.status.success(), "merge of {dirs:?} should fail");
    assert!(!out.exists(), "a refused merge writes nothing");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn three_shards_merged_equal_one_sweep_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let file = grid(tmp.path());
    let opts = ["--timeseries", "--step-summary"];
    let local = tmp.path().join("local");
    run_ok(&[&["sweep", s(&file), "--out", s(&local)][..], &opts].concat());
    // Shards on different thread counts, merged in another order than their indices.
    let d = tmp.path();
    let a = shard(&file, d, 0, 3, &[&opts[..], &["--threads", "1"]].concat());
    let b = shard(&file, d, 1, 3, &[&opts[..], &["--threads", "2"]].concat());
    let c = shard(&file, d, 2, 3, &opts);
    let merged = d.join("merged");
    run_ok(&["merge", s(&c), s(&a), s(&b), "--out", s(&merged)]);
    let files = same_files(&local, &merged);
    assert_eq!(
        files,
        [
            "failures.csv",
            "runs.csv",
            "sensitivity.csv",
            "summary.csv",
            "timeseries.csv",
            "timeseries_summary.csv"
        ]
    );
    // Equal costs: run r is in shard r mod 3 (10 runs each).
    let runs = fs::read_to_string(b.join("runs.csv")).unwrap();
    let ids: Vec<&str> = runs
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["1", "4", "7", "10", "13", "16", "19", "22", "25", "28"]
    );
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(a.join("shard.json")).unwrap()).unwrap();
    assert_eq!(m["shard"], serde_json::json!({"index": 0, "count": 3}));
    assert_eq!(m["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(m["scenario_hash"].as_str().unwrap().len(), 16);
}

#[test]
fn sobol_and_firm_sweeps_merge_to_the_same_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let sobol = write_scenario(
        d,
        "sobol.toml",
        "[network]\nkind = \"ring\"\nn = 60\nk = 4\n[run]\nsteps = 5\n[sweep]\ndesign = \"sobol\"\n\
         samples = 16\nreplications = 1\ngame.b = { start = 1.0, stop = 2.0 }\n\
         initial.coop_fraction = { start = 0.1, stop = 0.9 }\n",
    );
    let local = d.join("sobol-local");
    run_ok(&["sweep", s(&sobol), "--out", s(&local)]);
    let sd = d.join("sobol");
    let shards: Vec<PathBuf> = (0..4).map(|i| shard(&sobol, &sd, i, 4, &[])).collect();
    let merged = d.join("sobol-merged");
    let mut args = vec!["merge"];
    args.extend(shards.iter().map(|p| s(p)));
    args.extend(["--out", s(&merged)]);
    run_ok(&args);
    assert!(same_files(&local, &merged).contains(&"sensitivity.csv".to_string()));

    // The firm economy, per group, with time series and step summaries: 2 × 2 points × 2
    // replications of 4 groups of 30 firms, 12 steps.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let firm = root.join("scenarios/trust-sweep.toml");
    let set = [
        "--set",
        "network.sizes=[30, 30, 30, 30]",
        "--set",
        "network.p_in=0.2",
        "--set",
        "run.steps=12",
        "--set",
        "sweep.replications=2",
        "--set",
        "sweep.trust.initial=[0.2, 0.8]",
        "--set",
        "sweep.firms.opportunism_mean=[0.2, 0.6]",
        "--timeseries",
        "--step-summary",
    ];
    let local = d.join("firm-local");
    run_ok(&[&["sweep", s(&firm), "--out", s(&local)][..], &set].concat());
    let fd = d.join("firm");
    let a = shard(&firm, &fd, 0, 2, &set);
    let b = shard(&firm, &fd, 1, 2, &set);
    let merged = d.join("firm-merged");
    run_ok(&["merge", s(&a), s(&b), "--out", s(&merged)]);
    assert!(same_files(&local, &merged).contains(&"timeseries_summary.csv".to_string()));
}

#[test]
fn merge_refuses_other_scenarios_and_versions_and_names_missing_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let file = grid(d);
    let a = shard(&file, d, 0, 3, &[]);
    let b = shard(&file, d, 1, 3, &[]);
    let c = shard(&file, d, 2, 3, &[]);
    let out = d.join("merged");

    let e = merge_err(&[&a, &c], &out);
    assert!(e.contains("shard 1 of 3 is missing"), "{e}");

    let other = d.join("other");
    fs::create_dir(&other).unwrap();
    let o = shard(&file, &other, 1, 3, &["--set", "run.steps=41"]);
    let e = merge_err(&[&a, &o, &c], &out);
    assert!(
        e.contains("comes from another scenario") && e.contains(s(&o)),
        "{e}"
    );

    let text = fs::read_to_string(b.join("shard.json")).unwrap();
    let version = format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version));
    fs::write(
        b.join("shard.json"),
        text.replace(&version, "\"version\": \"0.0.1\""),
    )
    .unwrap();
    let e = merge_err(&[&a, &b, &c], &out);
    assert!(
        e.contains("made by asocia 0.0.1") && e.contains(s(&b)),
        "{e}"
    );

    let four = d.join("four");
    fs::create_dir(&four).unwrap();
    let f = shard(&file, &four, 3, 4, &[]);
    let e = merge_err(&[&a, &f], &out);
    assert!(
        e.contains("shard 3 of 4") && e.contains("share their count"),
        "{e}"
    );

    let e = merge_err(&[&a, &a, &c], &out);
    assert!(e.contains("shard 0 of 3 is given more than once"), "{e}");
    let e = merge_err(&[d], &out);
    assert!(e.contains("shard.json"), "{e}");
}

#[test]
fn merge_reports_missing_and_duplicated_runs_by_shard() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let file = grid(d);
    let dirs: Vec<PathBuf> = (0..3).map(|i| shard(&file, d, i, 3, &[])).collect();
    let out = d.join("merged");
    let refs: Vec<&Path> = dirs.iter().map(PathBuf::as_path).collect();
    // Shard 1 (runs 1, 4, ..., 28) also holds run 0, shard 0's first run; shard 2 lost its last
    // row (run 29).
    let runs0 = fs::read_to_string(dirs[0].join("runs.csv")).unwrap();
    let row0 = runs0.lines().nth(1).unwrap();
    let mut runs1 = fs::read_to_string(dirs[1].join("runs.csv")).unwrap();
    runs1.push_str(row0);
    runs1.push('\n');
    fs::write(dirs[1].join("runs.csv"), runs1).unwrap();
    let runs2 = fs::read_to_string(dirs[2].join("runs.csv")).unwrap();
    let kept: Vec<&str> = runs2.lines().collect();
    fs::write(
        dirs[2].join("runs.csv"),
        kept[..kept.len() - 1].join("\n") + "\n",
    )
    .unwrap();
    let e = merge_err(&refs, &out);
    assert!(
        e.contains(&format!(
            "shard 1 ({}): runs 0 belong to other shards",
            s(&dirs[1])
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "run 0 is duplicated: in shard 0 and in shard 1 ({})",
            s(&dirs[1])
        )),
        "{e}"
    );
    assert!(
        e.contains(&format!(
            "shard 2 ({}): runs 29 missing (1 of its 10 runs",
            s(&dirs[2])
        )),
        "{e}"
    );
}

#[test]
fn bad_shard_values_and_slurm_variables_are_clear_errors() {
    let tmp = tempfile::tempdir().unwrap();
    let file = grid(tmp.path());
    let err = |spec: &str, env: &[(&str, &str)]| {
        let mut c = asocia();
        c.args([
            "sweep",
            s(&file),
            "--shard",
            spec,
            "--out",
            s(&tmp.path().join("x")),
        ]);
        for k in [
            "SLURM_ARRAY_TASK_ID",
            "SLURM_ARRAY_TASK_COUNT",
            "SLURM_ARRAY_TASK_MIN",
            "SLURM_ARRAY_TASK_STEP",
        ] {
            c.env_remove(k);
        }
        c.envs(env.iter().copied());
        let o = c.output().unwrap();
        assert!(!o.status.success(), "--shard {spec} should fail");
        String::from_utf8_lossy(&o.stderr).into_owned()
    };
    assert!(err("3/3", &[]).contains("i = 3 is not below n = 3"));
    assert!(err("a/3", &[]).contains("expected `i/n`"));
    assert!(err("slurm", &[]).contains("SLURM_ARRAY_TASK_ID is not set"));
    let e = err(
        "slurm",
        &[
            ("SLURM_ARRAY_TASK_ID", "7"),
            ("SLURM_ARRAY_TASK_COUNT", "x"),
        ],
    );
    assert!(
        e.contains("SLURM_ARRAY_TASK_COUNT=\"x\" is not a whole number"),
        "{e}"
    );
    // An array 1-3 (min 1): task 3 is shard 2 of 3, and runs as such.
    let out = tmp.path().join("s");
    let o = asocia()
        .args(["sweep", s(&file), "--shard", "slurm", "--out", s(&out)])
        .envs([
            ("SLURM_ARRAY_TASK_ID", "3"),
            ("SLURM_ARRAY_TASK_COUNT", "3"),
            ("SLURM_ARRAY_TASK_MIN", "1"),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let m = fs::read_to_string(out.join("shard.json")).unwrap();
    assert!(
        m.contains("\"index\": 2") && m.contains("\"count\": 3"),
        "{m}"
    );
}

#[test]
fn slurm_writes_an_array_and_a_dependent_merge_packing_many_runs_into_few_tasks() {
    let tmp = tempfile::tempdir().unwrap();
    let file = grid(tmp.path());
    let out = tmp.path().join("job");
    // 10^5 runs (2 points × 50 000 replications) in 1000 tasks of 100 runs each.
    let o = run_ok(&[
        "slurm",
        s(&file),
        "--set",
        "sweep.replications=50000",
        "--set",
        "sweep.update.k=[0.1]",
        "--set",
        "sweep.game.b=[1.2, 1.4]",
        "--shards",
        "1000",
        "--partition",
        "short",
        "--time",
        "01:00:00",
        "--mem",
        "2G",
        "--cpus",
        "4",
        "--out",
        s(&out),
    ]);
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(
        said.contains("100000 runs in 1000 array tasks of about 100 runs each"),
        "{said}"
    );
    let job = fs::read_to_string(out.join("job.sbatch")).unwrap();
    for line in [
        "#SBATCH --array=0-999",
        "#SBATCH --requeue",
        "#SBATCH --partition=short",
        "#SBATCH --time=01:00:00",
        "#SBATCH --mem=2G",
        "#SBATCH --cpus-per-task=4",
        "--shard slurm --threads 4",
    ] {
        assert!(job.contains(line), "{line} not in\n{job}");
    }
    // A requeued task resumes its shard: the command must not replace the shard's folder.
    assert!(!job.contains("--force"), "{job}");
    let merge = fs::read_to_string(out.join("merge.sbatch")).unwrap();
    assert!(
        merge.contains(" merge ") && merge.contains("shard-*"),
        "{merge}"
    );
    let submit = fs::read_to_string(out.join("submit.sh")).unwrap();
    assert!(
        submit.contains("--dependency=afterok:\"$array\""),
        "{submit}"
    );
    assert!(out.join("logs").is_dir() && out.join("shards").is_dir());

    let o = asocia()
        .args([
            "slurm",
            s(&file),
            "--shards",
            "1001",
            "--out",
            s(&tmp.path().join("j2")),
        ])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success() && e.contains("expected 1 to 1000 tasks"),
        "{e}"
    );
    let o = asocia()
        .args([
            "slurm",
            s(&file),
            "--shards",
            "31",
            "--out",
            s(&tmp.path().join("j3")),
        ])
        .output()
        .unwrap();
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success() && e.contains("only 30 runs"), "{e}");
}

/// A sweep whose shard 1 of 3 takes about a second on one thread (32 runs of 1000 players,
/// 300 steps), so that a kill lands while most of its runs are left.
fn slow_sweep(dir: &Path) -> PathBuf {
    write_scenario(
        dir,
        "slow.toml",
        "[scenario]\nname = \"slow\"\n[network]\nkind = \"barabasi-albert\"\nn = 1000\nm = 2\n\
         [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 300\nseed = 11\n\
         [sweep]\nreplications = 12\ngame.b = [1.0, 1.2, 1.4, 1.6]\nupdate.k = [0.05, 0.5]\n",
    )
}

#[test]
fn a_shard_killed_mid_way_resumes_and_merges_to_the_local_sweep() {
    use std::process::Stdio;
    use std::time::{Duration, Instant};
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    let file = slow_sweep(d);
    let opts = ["--timeseries", "--step-summary"];
    let local = d.join("local");
    run_ok(&[&["sweep", s(&file), "--out", s(&local)][..], &opts].concat());
    let one = d.join("shard-1");
    let args: Vec<&str> = [
        &["sweep", s(&file), "--shard", "1/3", "--out", s(&one)][..],
        &opts,
        &["--threads", "1"],
    ]
    .concat();
    let child = asocia()
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // SIGKILL as soon as the shard's journal holds a run.
    let journal = one.join("journal.bin");
    let start = Instant::now();
    while fs::metadata(&journal).map_or(0, |m| m.len()) == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no run journaled"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = std::process::Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status();
    let status = child.wait_with_output().unwrap().status;
    assert!(!status.success(), "killed before it finished");
    assert!(
        !one.join("shard.json").exists(),
        "the kill landed mid-way: no shard.json yet"
    );
    // Another shard is refused in this folder (the state records the shard).
    let o = asocia()
        .args(["sweep", s(&file), "--shard", "2/3", "--out", s(&one)])
        .args(opts)
        .output()
        .unwrap();
    assert!(!o.status.success());
    let e = String::from_utf8_lossy(&o.stderr);
    assert!(e.contains("shard 1/3") && e.contains("shard 2/3"), "{e}");
    // The same command resumes the shard: the runs done before are not run again.
    let o = asocia().args(&args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("done before, resumed"), "{said}");
    let zero = shard(&file, d, 0, 3, &opts);
    let two = shard(&file, d, 2, 3, &opts);
    let merged = d.join("merged");
    run_ok(&["merge", s(&zero), s(&one), s(&two), "--out", s(&merged)]);
    let files = same_files(&local, &merged);
    assert_eq!(files.len(), 6, "{files:?}");
}
