//! `--format parquet` through the real binary: the Parquet runs tables and time series of
//! `asocia run`, `asocia sweep` (fresh, resumed from its journal, a single run), `asocia
//! compare` and `asocia merge` are read back with the parquet crate's reader and equal the CSV
//! files of the same command cell for cell, with the documented column types; the folder and
//! its manifest hold the Parquet files and no CSV copy; shards refuse the format; and a sweep
//! of 10^5 runs in Parquet stays flat in memory and writes a handful of files
//! (`sweep_of_100k_runs_stays_flat`, peak RSS of the child process from `wait4`).

use std::fs::{self, File};
use std::path::{Path, PathBuf};

use parquet::basic::{LogicalType, Type as Physical};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;

use crate::common::{asocia, run_into, run_ok, table, write_scenario};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A Parquet file read back: column names, physical types (with `STRING` for UTF-8), rows,
/// and the number of row groups.
struct Read {
    names: Vec<String>,
    types: Vec<String>,
    rows: Vec<Vec<Field>>,
    groups: usize,
}

fn read(path: &Path) -> Read {
    let reader = SerializedFileReader::new(
        File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
    .unwrap();
    let meta = reader.metadata();
    let columns = meta.file_metadata().schema_descr().columns().to_vec();
    let names = columns.iter().map(|c| c.name().to_string()).collect();
    let types = columns
        .iter()
        .map(|c| match (c.physical_type(), c.logical_type_ref()) {
            (Physical::BYTE_ARRAY, Some(LogicalType::String)) => "STRING".to_string(),
            (p, _) => p.to_string(),
        })
        .collect();
    let groups = meta.num_row_groups();
    let rows = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| {
            r.unwrap()
                .get_column_iter()
                .map(|(_, f)| f.clone())
                .collect()
        })
        .collect();
    Read {
        names,
        types,
        rows,
        groups,
    }
}

/// A Parquet cell as the CSV writers render it (reals in shortest round-trip form).
fn cell(f: &Field) -> String {
    match f {
        Field::Null => String::new(),
        Field::Long(n) => n.to_string(),
        Field::Double(x) => asocia_output::fmt_f64(*x),
        Field::Bool(b) => b.to_string(),
        Field::Str(s) => s.clone(),
        other => panic!("unexpected Parquet field {other:?}"),
    }
}

/// Fails unless the Parquet file `pq` holds the CSV file `csv`'s header and every cell;
/// returns the Parquet file read back.
fn same_table(csv: &Path, pq: &Path) -> Read {
    let (header, rows) = table(csv);
    let p = read(pq);
    assert_eq!(p.names, header, "{}: columns", pq.display());
    assert_eq!(p.rows.len(), rows.len(), "{}: rows", pq.display());
    assert!(!rows.is_empty(), "{}: a table with rows", csv.display());
    for (k, (a, b)) in rows.iter().zip(&p.rows).enumerate() {
        let b: Vec<String> = b.iter().map(cell).collect();
        assert_eq!(a, &b, "{}: row {k}", pq.display());
    }
    p
}

/// The type of column `name`.
fn ty<'a>(p: &'a Read, name: &str) -> &'a str {
    let k = p.names.iter().position(|n| n == name).unwrap();
    &p.types[k]
}

/// The manifest's `(name, rows)` of each file.
fn manifest_files(dir: &Path) -> Vec<(String, u64)> {
    let m: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("manifest.json")).unwrap()).unwrap();
    m["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["rows"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Fails unless the folder `pq_dir` lists each of `tables` as Parquet (with the rows of the
/// CSV table in `csv_dir`), holds no CSV copy of them, and holds the other files of `csv_dir`.
fn check_folder(csv_dir: &Path, pq_dir: &Path, tables: &[&str]) {
    let listed = manifest_files(pq_dir);
    let csv_listed = manifest_files(csv_dir);
    assert_eq!(listed.len(), csv_listed.len(), "{listed:?}");
    for ((name, rows), (csv_name, csv_rows)) in listed.iter().zip(&csv_listed) {
        assert_eq!(rows, csv_rows, "{name}");
        if tables.contains(&csv_name.as_str()) {
            assert_eq!(name, &csv_name.replace(".csv", ".parquet"));
            assert!(!pq_dir.join(csv_name).exists(), "no CSV copy of {csv_name}");
            let p = same_table(&csv_dir.join(csv_name), &pq_dir.join(name));
            assert_eq!(p.rows.len() as u64, *rows);
        } else {
            assert_eq!(name, csv_name);
            assert_eq!(
                fs::read(pq_dir.join(name)).unwrap(),
                fs::read(csv_dir.join(name)).unwrap(),
                "{name} is the same CSV in both formats"
            );
        }
    }
    let partial = fs::read_dir(pq_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .count();
    assert_eq!(partial, 0, "no partial file left");
}

/// A firm economy of 40 firms in 4 clusters, 30 steps, every 5th recorded.
fn firms(dir: &Path) -> PathBuf {
    write_scenario(
        dir,
        "firms.toml",
        "[scenario]\nname = \"f\"\nmodel = \"firms\"\n[network]\nkind = \"stochastic-block\"\n\
         sizes = [10, 10, 10, 10]\np_in = 0.5\np_out = 0.05\n[run]\nsteps = 30\nseed = 3\n\
         replications = 3\n[output]\nevery = 5\n",
    )
}

/// A classic sweep: 3 × 2 grid points × 2 replications of 60 players, 20 steps; `network.n`
/// and `network.kind` swept too, so the parameters are int64, double and UTF-8.
fn grid(dir: &Path) -> PathBuf {
    write_scenario(
        dir,
        "grid.toml",
        "[scenario]\nname = \"grid\"\n[network]\nkind = \"barabasi-albert\"\nn = 60\nm = 2\n\
         [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 20\nseed = 5\n[output]\nevery = 4\n\
         [sweep]\nreplications = 2\ngame.b = [1.0, 1.5, 2.0]\nnetwork.n = [40, 60]\n",
    )
}

#[test]
fn run_parquet_equals_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let file = firms(tmp.path());
    let (a, b) = (tmp.path().join("csv"), tmp.path().join("pq"));
    run_into("run", &file, &a, &[]);
    let out = run_into("run", &file, &b, &["--format", "parquet"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("results in"));
    check_folder(&a, &b, &["summary.csv", "timeseries.csv"]);
    let ts = read(&b.join("timeseries.parquet"));
    for (c, t) in [
        ("run", "INT64"),
        ("seed", "INT64"),
        ("step", "INT64"),
        ("group", "STRING"),
        ("alive", "DOUBLE"),
    ] {
        assert_eq!(ty(&ts, c), t, "{c}");
    }
    assert_eq!(ts.groups, 1, "a small table is one row group");
    // Its plots are drawn from timeseries.csv: a clear refusal, not a folder without plots.
    let plot = asocia().args(["plot", s(&b)]).output().unwrap();
    assert_eq!(plot.status.code(), Some(1));
    let err = String::from_utf8_lossy(&plot.stderr);
    assert!(err.contains("run with `--format csv` to plot"), "{err}");
    // The plain CSV run is unchanged by the new option: the same files as without it.
    let c = tmp.path().join("csv2");
    run_into("run", &file, &c, &["--format", "csv"]);
    for f in ["summary.csv", "timeseries.csv"] {
        assert_eq!(fs::read(a.join(f)).unwrap(), fs::read(c.join(f)).unwrap());
    }
}

#[test]
fn agent_level_tables_in_parquet_equal_their_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let file = firms(tmp.path());
    let (a, b) = (tmp.path().join("csv"), tmp.path().join("pq"));
    let agents = [
        "--set",
        "output.snapshot_every=10",
        "--set",
        "output.network_final=edgelist",
    ];
    run_into("run", &file, &a, &agents);
    let pq: Vec<&str> = agents
        .iter()
        .copied()
        .chain(["--format", "parquet"])
        .collect();
    run_into("run", &file, &b, &pq);
    let tables = [
        "summary.csv",
        "timeseries.csv",
        "firms.csv",
        "ties.csv",
        "network_nodes.csv",
        "network_edges.csv",
    ];
    check_folder(&a, &b, &tables);
    let f = read(&b.join("firms.parquet"));
    for (c, t) in [
        ("firm", "INT64"),
        ("group", "INT64"),
        ("alive", "INT64"),
        ("capital", "DOUBLE"),
        ("association_member", "INT64"),
    ] {
        assert_eq!(ty(&f, c), t, "{c}");
    }
    let t = read(&b.join("ties.parquet"));
    assert_eq!((ty(&t, "firm_a"), ty(&t, "trust_ab")), ("INT64", "DOUBLE"));
    // A classic run's strategies: `C` or `D` as UTF-8.
    let classic = write_scenario(
        tmp.path(),
        "classic.toml",
        "[scenario]\nname = \"c\"\n[network]\nkind = \"ring\"\nn = 30\nk = 2\n[run]\nsteps = 10\n\
         seed = 4\nreplications = 2\n[output]\nsnapshot_every = 5\n",
    );
    let (c, d) = (tmp.path().join("c-csv"), tmp.path().join("c-pq"));
    run_into("run", &classic, &c, &[]);
    run_into("run", &classic, &d, &["--format", "parquet"]);
    check_folder(&c, &d, &["summary.csv", "timeseries.csv", "agents.csv"]);
    let g = read(&d.join("agents.parquet"));
    assert_eq!((ty(&g, "agent"), ty(&g, "strategy")), ("INT64", "STRING"));
}

#[test]
fn sweep_parquet_equals_csv_fresh_resumed_and_single_run() {
    let tmp = tempfile::tempdir().unwrap();
    let file = grid(tmp.path());
    let (a, b) = (tmp.path().join("csv"), tmp.path().join("pq"));
    let opts = ["--timeseries", "--step-summary", "--threads", "2"];
    run_into("sweep", &file, &a, &opts);
    run_into(
        "sweep",
        &file,
        &b,
        &[&opts[..], &["--format", "parquet"]].concat(),
    );
    let tables = ["runs.csv", "timeseries.csv"];
    check_folder(&a, &b, &tables);
    // Byte-identical on one thread and two.
    let one = tmp.path().join("pq-1");
    run_into(
        "sweep",
        &file,
        &one,
        &[
            "--timeseries",
            "--step-summary",
            "--threads",
            "1",
            "--format",
            "parquet",
        ],
    );
    for f in ["runs.parquet", "timeseries.parquet"] {
        assert_eq!(
            fs::read(b.join(f)).unwrap(),
            fs::read(one.join(f)).unwrap(),
            "{f}"
        );
    }
    // A sweep's plots come from its summaries, CSV in both formats.
    run_ok(&["plot", s(&b)]);
    assert!(b.join("plots").is_dir());
    let runs = read(&b.join("runs.parquet"));
    for (c, t) in [
        ("run", "INT64"),
        ("point", "INT64"),
        ("replication", "INT64"),
        ("seed", "INT64"),
        ("game.b", "DOUBLE"),
        ("network.n", "INT64"),
        ("coop_rate_final", "DOUBLE"),
    ] {
        assert_eq!(ty(&runs, c), t, "{c}");
    }
    // Resumed in the other format: the tables come from the journal, and the CSV ones go.
    run_into(
        "sweep",
        &file,
        &a,
        &[&opts[..], &["--format", "parquet"]].concat(),
    );
    check_folder(&b, &a, &[]);
    assert!(!a.join("runs.csv").exists() && !a.join("timeseries.csv").exists());
    // And back: the CSV tables are byte for byte those of the first sweep.
    let c = tmp.path().join("csv-again");
    run_into("sweep", &file, &c, &opts);
    run_into("sweep", &file, &a, &opts);
    for f in tables {
        assert_eq!(
            fs::read(a.join(f)).unwrap(),
            fs::read(c.join(f)).unwrap(),
            "{f}"
        );
        assert!(!a.join(f.replace(".csv", ".parquet")).exists());
    }
    // One run alone.
    let (r1, r2) = (tmp.path().join("r-csv"), tmp.path().join("r-pq"));
    run_into("sweep", &file, &r1, &["--run", "7"]);
    run_into("sweep", &file, &r2, &["--run", "7", "--format", "parquet"]);
    same_table(&r1.join("runs.csv"), &r2.join("runs.parquet"));
    same_table(&r1.join("timeseries.csv"), &r2.join("timeseries.parquet"));
}

#[test]
fn firm_sweep_parquet_equals_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(firms(tmp.path())).unwrap()
        + "[sweep]\nreplications = 2\ntrust.initial = [0.3, 0.6]\n";
    let file = write_scenario(tmp.path(), "fs.toml", &text);
    let (a, b) = (tmp.path().join("csv"), tmp.path().join("pq"));
    run_into("sweep", &file, &a, &["--timeseries"]);
    run_into("sweep", &file, &b, &["--timeseries", "--format", "parquet"]);
    check_folder(&a, &b, &["runs.csv", "timeseries.csv"]);
    let ts = read(&b.join("timeseries.parquet"));
    assert_eq!(ty(&ts, "group"), "STRING");
    assert_eq!(
        ty(&read(&b.join("runs.parquet")), "trust.initial"),
        "DOUBLE"
    );
}

#[test]
fn compare_parquet_equals_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(grid(tmp.path())).unwrap();
    let text = text[..text.find("[sweep]").unwrap()].to_string()
        + "[compare]\nreplications = 4\n[compare.low]\ngame.b = 1.2\n\
           [compare.high]\ngame.b = 1.8\n";
    let file = write_scenario(tmp.path(), "cmp.toml", &text);
    let (a, b) = (tmp.path().join("csv"), tmp.path().join("pq"));
    run_into("compare", &file, &a, &["--bootstrap", "50"]);
    run_into(
        "compare",
        &file,
        &b,
        &["--bootstrap", "50", "--format", "parquet"],
    );
    check_folder(&a, &b, &["runs.csv"]);
    let runs = read(&b.join("runs.parquet"));
    assert_eq!(ty(&runs, "arm"), "STRING");
    assert_eq!(ty(&runs, "seed"), "INT64");
}

#[test]
fn merge_writes_parquet_when_asked_and_shards_refuse_it() {
    let tmp = tempfile::tempdir().unwrap();
    let file = grid(tmp.path());
    let mut shards = Vec::new();
    for i in 0..2 {
        let out = tmp.path().join(format!("shard-{i}"));
        let spec = format!("{i}/2");
        run_ok(&[
            "sweep",
            s(&file),
            "--shard",
            &spec,
            "--timeseries",
            "--out",
            s(&out),
        ]);
        shards.push(out);
    }
    let (a, b) = (tmp.path().join("csv"), tmp.path().join("pq"));
    let dirs: Vec<&str> = shards.iter().map(|p| s(p)).collect();
    run_ok(&[&["merge"][..], &dirs, &["--out", s(&a)]].concat());
    run_ok(
        &[
            &["merge"][..],
            &dirs,
            &["--out", s(&b), "--format", "parquet"],
        ]
        .concat(),
    );
    check_folder(&a, &b, &["runs.csv", "timeseries.csv"]);

    let out = asocia()
        .args(["sweep", s(&file), "--shard", "0/2", "--format", "parquet"])
        .arg("--out")
        .arg(tmp.path().join("refused"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("drop `--format parquet` here and give it to `asocia merge`"),
        "{err}"
    );
    assert!(!tmp.path().join("refused").exists());

    let bad = asocia()
        .args(["run", s(&file), "--format", "feather"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected `csv` or `parquet`"));
}

#[test]
fn slurm_merge_job_gets_the_format() {
    let tmp = tempfile::tempdir().unwrap();
    let file = grid(tmp.path());
    let dir = tmp.path().join("job");
    run_ok(&[
        "slurm",
        s(&file),
        "--shards",
        "2",
        "--format",
        "parquet",
        "--out",
        s(&dir),
    ]);
    let merge = fs::read_to_string(dir.join("merge.sbatch")).unwrap();
    assert!(merge.contains("--force --format parquet\n"), "{merge}");
    let job = fs::read_to_string(dir.join("job.sbatch")).unwrap();
    assert!(!job.contains("--format"), "the shards stay CSV: {job}");
}

/// Runs `asocia ARGS` and returns its peak resident set size in KiB (`wait4`'s `ru_maxrss`
/// of this child alone, whatever else the test binary runs at the same time).
// The child is reaped by `wait4` below, not by `Child::wait` (which would lose its rusage).
#[allow(clippy::zombie_processes)]
fn peak_rss_kib(args: &[&str]) -> u64 {
    let child = asocia()
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter; `pid` is our own unwaited child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "asocia {args:?} failed (status {status})"
    );
    u64::try_from(usage.ru_maxrss).unwrap()
}

#[test]
fn sweep_of_100k_runs_stays_flat() {
    let tmp = tempfile::tempdir().unwrap();
    // 10 points × R replications of 10 players, 5 steps, every step recorded: 6 time-series
    // rows per run.
    let file = write_scenario(
        tmp.path(),
        "big.toml",
        "[scenario]\nname = \"big\"\n[network]\nkind = \"ring\"\nn = 10\nk = 2\n[run]\n\
         steps = 5\nseed = 1\n[output]\nevery = 1\n[sweep]\nreplications = 1\n\
         game.b = [1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.2, 2.4, 2.6, 2.8]\n",
    );
    let mut peak = std::collections::BTreeMap::new();
    for format in ["csv", "parquet"] {
        for reps in [1_000u64, 10_000] {
            let out = tmp.path().join(format!("{format}-{}", reps * 10));
            let set = format!("sweep.replications={reps}");
            let args = [
                "sweep",
                s(&file),
                "--set",
                &set,
                "--timeseries",
                "--threads",
                "2",
                "--format",
                format,
                "--out",
                s(&out),
            ];
            peak.insert((format, reps * 10), peak_rss_kib(&args));
        }
    }
    let mib = |k: u64| k as f64 / 1024.0;
    eprintln!(
        "peak RSS (MiB): csv 10^4 runs {:.1}, 10^5 runs {:.1}; parquet 10^4 runs {:.1}, 10^5 runs {:.1}",
        mib(peak[&("csv", 10_000)]),
        mib(peak[&("csv", 100_000)]),
        mib(peak[&("parquet", 10_000)]),
        mib(peak[&("parquet", 100_000)]),
    );
    let big = tmp.path().join("parquet-100000");
    let names: Vec<String> = fs::read_dir(&big)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.len() <= 8, "a handful of files: {names:?}");
    let meta = |f: &str| {
        let r = SerializedFileReader::new(File::open(big.join(f)).unwrap()).unwrap();
        let m = r.metadata();
        (m.file_metadata().num_rows(), m.num_row_groups())
    };
    let (runs, _) = meta("runs.parquet");
    let (steps, groups) = meta("timeseries.parquet");
    assert_eq!(runs, 100_000);
    assert_eq!(steps, 600_000);
    assert!(
        groups > 1,
        "the time series is written in bounded row groups"
    );
    // Flat: from 10^4 to 10^5 runs the Parquet sweep grows no more than the CSV sweep of the
    // same runs (whose engine keeps each point's final values for its summaries: 8 bytes per
    // run and metric) plus 4 MiB of allocator noise, and never by more than 16 MiB. Holding
    // the 600 000 time-series rows (9 columns) in memory would add some 40 MiB.
    let growth = |f| peak[&(f, 100_000)].saturating_sub(peak[&(f, 10_000)]);
    assert!(
        growth("parquet") <= growth("csv") + 4 * 1024,
        "Parquet sweep grew by {} KiB, the CSV sweep by {} KiB",
        growth("parquet"),
        growth("csv")
    );
    assert!(
        growth("parquet") <= 16 * 1024,
        "grew by {} KiB",
        growth("parquet")
    );
}
