//! Helpers shared by the integration tests that run the real binary: the command, a run that
//! must succeed, and CSV tables read back.

use std::path::Path;
use std::process::{Command, Output};

/// The `asocia` binary, run from the repository root, with the thread count left to the test.
pub fn asocia() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_asocia"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c.env_remove("RAYON_NUM_THREADS");
    c
}

/// Runs `asocia ARGS` and fails the test, with its stderr, unless it succeeds.
pub fn run_ok(args: &[&str]) -> Output {
    let out = asocia().args(args).output().expect("binary runs");
    assert!(
        out.status.success(),
        "asocia {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Header and rows of a CSV file.
pub fn table(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    (headers, rows)
}

/// Index of column `name`; fails the test if there is none.
pub fn col(headers: &[String], name: &str) -> usize {
    headers
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name} in {headers:?}"))
}
