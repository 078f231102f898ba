//! Helpers shared by the integration tests that run the real binary: the command, a run that
//! must succeed, and CSV tables read back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// Runs `asocia CMD FILE ARGS... --out OUT` and fails the test, with its stderr, unless it
/// succeeds.
pub fn run_into(cmd: &str, file: &Path, out: &Path, args: &[&str]) -> Output {
    let (file, out) = (file.to_str().unwrap(), out.to_str().unwrap());
    run_ok(&[&[cmd, file][..], args, &["--out", out]].concat())
}

/// Writes `text` to the scenario file `name` in `dir` and returns its path.
pub fn write_scenario(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
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

/// Waits until the staging copy of `file` in the output folder `out` of the child `pid` has at
/// least `rows` data rows (rows are flushed as points or replications complete), so that a
/// signal lands while later runs are in progress however loaded the machine is; gives up after
/// `limit` (the caller then signals anyway).
pub fn wait_for_rows(out: &Path, pid: u32, file: &str, rows: usize, limit: Duration) {
    let name = out.file_name().unwrap().to_string_lossy();
    let staged = out
        .parent()
        .unwrap()
        .join(format!(".{name}.partial-{pid}"))
        .join(file);
    let start = Instant::now();
    while start.elapsed() < limit {
        let lines = fs::read_to_string(&staged).map_or(0, |t| t.lines().count());
        if lines > rows {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Runs in a sweep's journal (`journal.bin`): its whole frames (magic, payload length, payload,
/// checksum), counted by their lengths.
pub fn journal_runs(out: &Path) -> usize {
    let bytes = fs::read(out.join("journal.bin")).unwrap_or_default();
    let (mut at, mut n) = (0_usize, 0);
    while at + 20 <= bytes.len() && &bytes[at..at + 4] == b"ARUN" {
        let len = u64::from_le_bytes(bytes[at + 4..at + 12].try_into().unwrap()) as usize;
        if at + 20 + len > bytes.len() {
            break;
        }
        at += 20 + len;
        n += 1;
    }
    n
}

/// Waits until the sweep journal of `out` holds at least `rows` runs, or `limit` passed.
pub fn wait_for_journal(out: &Path, rows: usize, limit: Duration) {
    let start = Instant::now();
    while start.elapsed() < limit && journal_runs(out) < rows {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Sends SIGINT to `pid` (as Ctrl-C does).
pub fn interrupt(pid: u32) {
    let status = Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// Runs `asocia CMD FILE --threads 2 --out OUT`, interrupts it (SIGINT) once its staged
/// `runs.csv` (a sweep: its journal) has `rows` rows (or after `limit`), and returns its output, its stderr and the
/// manifest it left.
pub fn interrupted(
    cmd: &str,
    file: &Path,
    out: &Path,
    rows: usize,
    limit: Duration,
) -> (Output, String, serde_json::Value) {
    let child = asocia()
        .args([cmd, file.to_str().unwrap(), "--threads", "2"])
        .args(["--out", out.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if cmd == "sweep" {
        // A sweep journals each run in its folder as it finishes.
        wait_for_journal(out, rows, limit);
    } else {
        wait_for_rows(out, child.id(), "runs.csv", rows, limit);
    }
    interrupt(child.id());
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr).into_owned();
    let manifest =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    (result, stderr, manifest)
}
