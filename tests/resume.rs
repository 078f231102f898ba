//! Resumable sweeps on the real binary: killed at random moments (SIGKILL, and SIGTERM some of
//! those) and run again each time, a sweep ends with the same files, byte for byte, as one never
//! stopped; a torn last journal record is dropped; a changed scenario is refused; `--force`
//! replaces only asocia results and never a user's other files; a symlinked `--out` is followed.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{asocia, journal_runs, run_into, table, wait_for_journal};

/// 8 grid points × 12 replications = 96 classic runs of 1000 steps (about 1.5 s in all on 2
/// threads in a debug build, so that most of the 24 kills land while runs are left; at 300
/// steps the sweep took 0.46 s here and most kills landed after it ended).
fn kill_sweep(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("kill.toml");
    fs::write(
        &path,
        "[scenario]\nname = \"kill\"\n[network]\nkind = \"barabasi-albert\"\nn = 1000\nm = 2\n\
         [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 1000\nseed = 11\n\
         [sweep]\nreplications = 12\ngame.b = [1.0, 1.2, 1.4, 1.6]\nupdate.k = [0.05, 0.5]\n",
    )
    .unwrap();
    path
}

const RUNS: usize = 96;
const FILES: [&str; 5] = [
    "runs.csv",
    "summary.csv",
    "sensitivity.csv",
    "timeseries.csv",
    "timeseries_summary.csv",
];
const OPTIONS: [&str; 4] = ["--timeseries", "--step-summary", "--threads", "2"];

fn signal(pid: u32, sig: &str) {
    // The process may have finished already: then `kill` fails, which is fine.
    let _ = Command::new("kill")
        .args([sig, &pid.to_string()])
        .stderr(Stdio::null())
        .status();
}

fn assert_same_files(a: &Path, b: &Path) {
    for f in FILES {
        let (x, y) = (fs::read(a.join(f)).unwrap(), fs::read(b.join(f)).unwrap());
        assert!(x == y, "{f} differs from the uninterrupted sweep's");
    }
}

#[test]
fn a_sweep_killed_24_times_and_resumed_ends_with_the_uninterrupted_files() {
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_sweep(tmp.path());
    let reference = tmp.path().join("ref");
    run_into("sweep", &file, &reference, &OPTIONS);
    let out = tmp.path().join("o");
    // A fixed linear congruential sequence of delays: random moments, the same every time.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let (mut partial, mut terminated, mut progressed) = (0, 0, 0);
    let mut before = 0;
    let start = Instant::now();
    for k in 0..24 {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // Kill once the journal holds 1 to 3 more runs than before, a random 0–15 ms later,
        // so that the kills land mid-sweep (24 × at most 3 < 96 runs) and at random moments
        // of a run, whatever the machine's speed or load.
        let wanted = before + 1 + ((x >> 33) % 3) as usize;
        let extra = Duration::from_millis((x >> 40) % 16);
        let child = asocia()
            .args([
                "sweep",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .args(OPTIONS)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for_journal(&out, wanted, Duration::from_secs(60));
        std::thread::sleep(extra);
        let term = k % 4 == 3;
        signal(child.id(), if term { "-TERM" } else { "-KILL" });
        let result = child.wait_with_output().unwrap();
        if term && result.status.code() == Some(130) {
            terminated += 1;
            let stderr = String::from_utf8_lossy(&result.stderr);
            assert!(stderr.contains("run the same command again"), "{stderr}");
        }
        let now = journal_runs(&out);
        assert!(
            now >= before,
            "finished runs are never lost: {before} then {now}"
        );
        progressed += usize::from(now > before);
        partial += usize::from(0 < now && now < RUNS);
        before = now;
    }
    eprintln!(
        "24 signals: {partial} left a partial journal, {progressed} invocations added runs, \
         {terminated} SIGTERMs ended with status 130"
    );
    assert!(
        partial >= 5,
        "the kills landed mid-sweep only {partial} times"
    );
    assert!(progressed >= 5, "only {progressed} invocations added runs");
    assert!(terminated >= 1, "no SIGTERM stopped a sweep cleanly");
    run_into("sweep", &file, &out, &OPTIONS);
    assert_same_files(&reference, &out);
    assert_eq!(
        journal_runs(&out),
        RUNS,
        "no run journaled twice or missing"
    );
    let (_, rows) = table(&out.join("runs.csv"));
    let runs: Vec<String> = rows.iter().map(|r| r[0].clone()).collect();
    let want: Vec<String> = (0..RUNS).map(|r| r.to_string()).collect();
    assert_eq!(runs, want, "every run once, in run order");
    // How long the 24 invocations took (not asserted: it measures the machine's load).
    eprintln!("kill test: {:?}", start.elapsed());
}

#[test]
fn a_torn_last_journal_record_is_dropped_and_its_run_runs_again() {
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_sweep(tmp.path());
    let reference = tmp.path().join("ref");
    run_into("sweep", &file, &reference, &OPTIONS);
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &OPTIONS);
    let journal = out.join("journal.bin");
    let bytes = fs::read(&journal).unwrap();
    // Cut the last record in two, as a write stopped by a kill leaves it.
    fs::write(&journal, &bytes[..bytes.len() - 100]).unwrap();
    assert_eq!(journal_runs(&out), RUNS - 1);
    let result = asocia()
        .args([
            "sweep",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(OPTIONS)
        .output()
        .unwrap();
    assert!(result.status.success());
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("torn last record"), "{stderr}");
    assert!(
        stderr.contains(&format!("{} of {RUNS}", RUNS - 1)),
        "{stderr}"
    );
    assert_same_files(&reference, &out);
    assert_eq!(journal_runs(&out), RUNS);
}

#[test]
fn a_changed_scenario_or_options_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_sweep(tmp.path());
    let out = tmp.path().join("o");
    run_into("sweep", &file, &out, &["--set", "run.steps=20"]);
    let runs = fs::read(out.join("runs.csv")).unwrap();
    for extra in [
        &["--set", "run.steps=21"][..],
        &["--set", "run.steps=20", "--timeseries"],
    ] {
        let result = asocia()
            .args([
                "sweep",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ])
            .args(extra)
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains("cannot be resumed"), "{stderr}");
        assert!(stderr.contains("--force"), "{stderr}");
        assert_eq!(
            fs::read(out.join("runs.csv")).unwrap(),
            runs,
            "left as it was"
        );
    }
    let stderr = asocia()
        .args([
            "sweep",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(["--set", "run.steps=21"])
        .output()
        .unwrap()
        .stderr;
    assert!(String::from_utf8_lossy(&stderr).contains("scenario hash"));
    run_into("sweep", &file, &out, &["--set", "run.steps=21", "--force"]);
    assert_ne!(fs::read(out.join("runs.csv")).unwrap(), runs, "replaced");
}

#[test]
fn force_never_deletes_a_users_other_files() {
    // Before, `--force` renamed the whole folder away and deleted it, a thesis.docx with it.
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_sweep(tmp.path());
    for cmd in ["sweep", "run"] {
        let out = tmp.path().join(format!("o-{cmd}"));
        fs::create_dir(&out).unwrap();
        fs::write(out.join("thesis.docx"), "years of work").unwrap();
        let single = tmp.path().join("single.toml");
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&single, text.split("[sweep]").next().unwrap()).unwrap();
        let input = if cmd == "sweep" { &file } else { &single };
        let args = [cmd, input.to_str().unwrap(), "--out", out.to_str().unwrap()];
        let result = asocia()
            .args(args)
            .args(["--force", "--set", "run.steps=5"])
            .output()
            .unwrap();
        assert_eq!(result.status.code(), Some(1), "{cmd}");
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(stderr.contains("holds no asocia result"), "{cmd}: {stderr}");
        // A folder with results and the user's file: the results are replaced, the file stays.
        fs::remove_file(out.join("thesis.docx")).unwrap();
        run_into(cmd, input, &out, &["--set", "run.steps=5"]);
        fs::write(out.join("thesis.docx"), "years of work").unwrap();
        run_into(cmd, input, &out, &["--set", "run.steps=6", "--force"]);
        assert_eq!(
            fs::read_to_string(out.join("thesis.docx")).unwrap(),
            "years of work",
            "{cmd}"
        );
        let manifest = fs::read_to_string(out.join("manifest.json")).unwrap();
        assert!(manifest.contains("run.steps=6"), "{cmd}: replaced");
        let hidden: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
            .collect();
        assert!(hidden.is_empty(), "{cmd}: leftovers {hidden:?}");
    }
}

#[test]
fn a_symlinked_out_is_followed_and_stays_a_symlink() {
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_sweep(tmp.path());
    let real = tmp.path().join("real");
    fs::create_dir(&real).unwrap();
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    run_into("sweep", &file, &link, &["--set", "run.steps=5"]);
    run_into("sweep", &file, &link, &["--set", "run.steps=6", "--force"]);
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(real.join("runs.csv").exists());
}

#[test]
fn sigterm_stops_asocia_run_keeping_the_finished_replications() {
    // Before, `asocia run` had no signal handling: SIGTERM killed it and left no result.
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("many.toml");
    fs::write(
        &file,
        "[scenario]\nname = \"many\"\n[network]\nkind = \"ring\"\n\
         n = 50\nk = 4\n[run]\nsteps = 20\nseed = 5\nreplications = 1000000\n[output]\ntimeseries = false\n",
    )
    .unwrap();
    let out = tmp.path().join("o");
    let child = asocia()
        .args([
            "run",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    crate::common::wait_for_rows(
        &out,
        child.id(),
        "summary.csv",
        100,
        Duration::from_secs(60),
    );
    signal(child.id(), "-TERM");
    let result = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
    let (_, rows) = table(&out.join("summary.csv"));
    assert!(
        rows.len() >= 100 && rows.len() < 1_000_000,
        "{}",
        rows.len()
    );
    for (k, r) in rows.iter().enumerate() {
        assert_eq!(r[0], k.to_string(), "replications in order, each once");
    }
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["files"][0]["rows"], rows.len() as u64);
    // The manifest does not list a million seeds (they are in summary.csv).
    assert_eq!(manifest["run_seeds"].as_array().unwrap().len(), 0);
}

/// A comparison of two arms × 24 replications of 1000 classic steps (48 runs), killed and
/// resumed as the sweep above.
fn kill_compare(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("killcmp.toml");
    fs::write(
        &path,
        "[scenario]\nname = \"killcmp\"\n[network]\nkind = \"barabasi-albert\"\nn = 1000\nm = 2\n\
         [update]\nrule = \"fermi\"\nk = 0.1\n[run]\nsteps = 1000\nseed = 12\n\
         [compare]\nreplications = 24\n[compare.low]\ngame.b = 1.1\n[compare.high]\ngame.b = 1.6\n",
    )
    .unwrap();
    path
}

const COMPARE_FILES: [&str; 5] = [
    "runs.csv",
    "summary.csv",
    "compare.csv",
    "timeseries_summary.csv",
    "failures.csv",
];

#[test]
fn a_comparison_killed_12_times_and_resumed_ends_with_the_uninterrupted_files() {
    // Before, a killed `asocia compare` left nothing and started again from scratch.
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_compare(tmp.path());
    let reference = tmp.path().join("ref");
    run_into("compare", &file, &reference, &["--threads", "2"]);
    let out = tmp.path().join("o");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut partial, mut progressed, mut terminated) = (0, 0, 0);
    let mut before = 0;
    for k in 0..12 {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        // Kill once 1 to 3 more runs are journaled, 0–15 ms later (12 × at most 3 < 48).
        let wanted = before + 1 + ((x >> 33) % 3) as usize;
        let extra = Duration::from_millis((x >> 40) % 16);
        let child = asocia()
            .args([
                "compare",
                file.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--threads",
                "2",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        wait_for_journal(&out, wanted, Duration::from_secs(60));
        std::thread::sleep(extra);
        let term = k % 4 == 3;
        signal(child.id(), if term { "-TERM" } else { "-KILL" });
        let result = child.wait_with_output().unwrap();
        terminated += usize::from(term && result.status.code() == Some(130));
        let now = journal_runs(&out);
        assert!(
            now >= before,
            "finished runs are never lost: {before} then {now}"
        );
        progressed += usize::from(now > before);
        partial += usize::from(0 < now && now < 48);
        before = now;
    }
    eprintln!("12 signals: {partial} partial journals, {progressed} invocations added runs, {terminated} SIGTERMs ended with 130");
    assert!(
        partial >= 4,
        "the kills landed mid-comparison only {partial} times"
    );
    assert!(progressed >= 4, "only {progressed} invocations added runs");
    let o = run_into("compare", &file, &out, &["--threads", "2"]);
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("resuming the comparison"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    for f in COMPARE_FILES {
        let (a, b) = (
            fs::read(reference.join(f)).unwrap(),
            fs::read(out.join(f)).unwrap(),
        );
        assert!(a == b, "{f} differs from the uninterrupted comparison's");
    }
    assert_eq!(journal_runs(&out), 48, "no run journaled twice or missing");
}

#[test]
fn a_comparison_folder_of_another_scenario_is_refused_unless_forced() {
    let tmp = tempfile::tempdir().unwrap();
    let file = kill_compare(tmp.path());
    let out = tmp.path().join("o");
    let short = ["--set", "run.steps=20", "--set", "compare.replications=3"];
    run_into("compare", &file, &out, &short);
    let cmp = fs::read(out.join("compare.csv")).unwrap();
    // The same command again resumes (every run done: the same files).
    run_into("compare", &file, &out, &short);
    assert_eq!(fs::read(out.join("compare.csv")).unwrap(), cmp);
    let changed = ["--set", "run.steps=21", "--set", "compare.replications=3"];
    let result = asocia()
        .args([
            "compare",
            file.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ])
        .args(changed)
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("cannot be resumed") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        fs::read(out.join("compare.csv")).unwrap(),
        cmp,
        "left as it was"
    );
    let forced: Vec<&str> = changed.iter().copied().chain(["--force"]).collect();
    run_into("compare", &file, &out, &forced);
    assert_ne!(fs::read(out.join("compare.csv")).unwrap(), cmp, "replaced");
}
