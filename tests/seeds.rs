//! Seeds read back exactly: every seed the program writes (the `seed` columns of `runs.csv`,
//! `summary.csv` and `timeseries.csv` of `run`, `sweep` and `compare`, and the seeds of
//! `manifest.json`) is below 2^53, so pandas reads each column as `int64` (also after
//! concatenating tables) and R, which reads doubles, holds it exactly; and every seed a
//! manifest shows is accepted back as `run.seed`.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{col, run_into, run_ok, table};

/// A Python interpreter that has pandas: `python3`, else Debian's `/usr/bin/python3` (CI
/// installs `python3-pandas` there; a `python3` earlier on the PATH may lack it).
fn python_with_pandas() -> Option<&'static str> {
    ["python3", "/usr/bin/python3"].into_iter().find(|py| {
        Command::new(py)
            .args(["-c", "import pandas"])
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Runs a small `run`, `sweep` and `compare` into `dir`; returns every (file, seed column
/// values as written) and the seeds of the manifests.
fn outputs(dir: &Path) -> (Vec<(String, Vec<u64>)>, Vec<u64>) {
    let file = dir.join("study.toml");
    fs::write(
        &file,
        "[network]\nkind = \"ring\"\nn = 40\nk = 4\n[run]\nsteps = 3\nseed = 9007199254740991\nreplications = 3\n",
    )
    .unwrap();
    let study = dir.join("study-sweep.toml");
    fs::write(
        &study,
        format!(
            "{}[sweep]\nreplications = 2\ngame.b = [1.1, 1.5]\n[compare]\nreplications = 3\n[compare.a]\n[compare.b]\ngame.b = 1.9\n",
            fs::read_to_string(&file).unwrap()
        ),
    )
    .unwrap();
    let (run, sweep, compare) = (dir.join("run"), dir.join("sweep"), dir.join("compare"));
    run_into("run", &file, &run, &[]);
    run_into("sweep", &study, &sweep, &["--timeseries"]);
    run_into("compare", &study, &compare, &[]);
    let mut columns = Vec::new();
    for path in [
        run.join("summary.csv"),
        run.join("timeseries.csv"),
        sweep.join("runs.csv"),
        sweep.join("timeseries.csv"),
        compare.join("runs.csv"),
    ] {
        let (h, rows) = table(&path);
        let seeds = rows
            .iter()
            .map(|r| r[col(&h, "seed")].parse::<u64>().unwrap())
            .collect();
        columns.push((path.display().to_string(), seeds));
    }
    let mut manifest_seeds = Vec::new();
    for m in [&run, &sweep, &compare] {
        let text = fs::read_to_string(m.join("manifest.json")).unwrap();
        let j: serde_json::Value = serde_json::from_str(&text).unwrap();
        manifest_seeds.push(j["seed"].as_u64().unwrap());
        for s in j["run_seeds"].as_array().unwrap() {
            manifest_seeds.push(s.as_u64().unwrap());
        }
        if let Some(s) = j["design"]["seed"].as_u64() {
            manifest_seeds.push(s);
        }
    }
    (columns, manifest_seeds)
}

#[test]
fn every_written_seed_is_below_2_pow_53_and_is_accepted_back_as_run_seed() {
    let tmp = tempfile::tempdir().unwrap();
    let (columns, manifest) = outputs(tmp.path());
    // The run seeds of run.seed = 2^53 − 1, as run_seed derives them.
    let expected: Vec<u64> = (0..3)
        .map(|r| asocia_core::rng::run_seed((1 << 53) - 1, 0, r))
        .collect();
    assert_eq!(columns[0].1, expected, "summary.csv of asocia run");
    for (file, seeds) in &columns {
        for s in seeds {
            assert!(*s < 1 << 53, "{file}: seed {s} is not below 2^53");
        }
    }
    for s in &manifest {
        assert!(*s < 1 << 53, "manifest seed {s}");
        // Before, run seeds above 2^63 were refused as run.seed (and above 2^53 not exact).
        run_ok(&[
            "validate",
            "scenarios/default.toml",
            "--set",
            &format!("run.seed={s}"),
        ]);
    }
}

#[test]
fn pandas_reads_every_seed_column_as_exact_int64() {
    let Some(py) = python_with_pandas() else {
        // CI installs pandas (`.ci/run`), so there a missing pandas is a failure, not a skip.
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but no python3 with pandas was found"
        );
        println!("skipped: python3 with pandas is not installed (apt-get install python3-pandas)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let (columns, _) = outputs(tmp.path());
    // For each file: read with pandas' defaults, check the dtype and print the values; then
    // the concatenation of every table (mixed dtypes would turn into float64 there).
    let files: Vec<String> = columns.iter().map(|(f, _)| format!("{f:?}")).collect();
    let script = format!(
        "import pandas as pd\n\
         frames = [pd.read_csv(f) for f in [{}]]\n\
         for f in frames:\n    print(f['seed'].dtype, ' '.join(str(int(x)) for x in f['seed']))\n\
         both = pd.concat([f[['seed']] for f in frames])\n\
         print(both['seed'].dtype, len(both))\n",
        files.join(", ")
    );
    let o = Command::new(py).args(["-c", &script]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), columns.len() + 1, "{text}");
    for ((file, seeds), line) in columns.iter().zip(&lines) {
        let want: Vec<String> = seeds.iter().map(u64::to_string).collect();
        assert_eq!(
            *line,
            format!("int64 {}", want.join(" ")),
            "{file} as pandas reads it"
        );
    }
    let total: usize = columns.iter().map(|(_, s)| s.len()).sum();
    assert_eq!(lines[columns.len()], format!("int64 {total}"));
}
