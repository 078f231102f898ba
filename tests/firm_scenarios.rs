//! The firm economy from scenario files: the shipped cluster/isolated pair on common random
//! numbers, and both through the binary (columns, groups, ranges, 1 vs 2 threads, mangled
//! files). The firm sections' located errors are in `firm_errors.rs`.

use std::fs;
use std::path::{Path, PathBuf};

use asocia_core::firm::FirmSimulation;
use asocia_scenario::{load, parse, Scenario};

use crate::common::{asocia, col, table};
use crate::firm_errors::FILE_FIRMS;

pub(crate) fn errors(src: &str) -> Vec<String> {
    match parse(src, "s.toml", Path::new("."), &[]) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

pub(crate) fn parsed(src: &str) -> Scenario {
    parse(src, "s.toml", Path::new("."), &[]).unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub(crate) fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

pub(crate) const FIRMS: &str = "[scenario]\nmodel = \"firms\"\n";

/// The shipped pair, loaded with spillovers off so that productivity (and so revenue) stays
/// each firm's own.
fn pair(overrides: &[&str]) -> (Scenario, Scenario) {
    let o: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    (
        load(&repo().join("scenarios/cluster.toml"), &o).unwrap(),
        load(&repo().join("scenarios/isolated.toml"), &o).unwrap(),
    )
}

#[test]
fn cluster_and_isolated_share_firms_and_shocks() {
    let (c, i) = pair(&["spillover.rate=0", "cluster.spillover_rate=0"]);
    assert_eq!(c.seed, i.seed);
    assert_eq!(c.group_ids(), i.group_ids());
    let (fc, fi) = (c.model.firms().unwrap(), i.model.firms().unwrap());
    assert_eq!(fc.init, fi.init);
    assert_eq!(fc.market, fi.market);
    let seed = asocia_core::rng::run_seed(c.seed, 0, 0);
    let (nc, ni) = (
        c.build_network(seed).unwrap(),
        i.build_network(seed).unwrap(),
    );
    assert!(nc.edge_count() > 1000 && ni.edge_count() == 0);
    assert_eq!(nc.group, ni.group);
    let mut a = FirmSimulation::new(&nc, fc, seed).unwrap();
    let mut b = FirmSimulation::new(&ni, fi, seed).unwrap();
    assert_eq!(a.capital(), b.capital());
    assert_eq!(a.productivity(), b.productivity());
    assert_eq!(a.opportunism(), b.opportunism());
    let mut compared = 0;
    for _ in 0..100 {
        a.step();
        b.step();
        assert_eq!(a.crisis(), b.crisis(), "step {}", a.current_step());
        for k in 0..2000 {
            let (x, y) = (a.market_income(k), b.market_income(k));
            if x != 0.0 && y != 0.0 {
                assert!((x - y).abs() < 1e-9, "firm {k} step {}", a.current_step());
                compared += 1;
            }
        }
    }
    assert!(compared > 100_000, "{compared}");
}

fn run(scenario: &str, out: &Path, threads: &str, extra: &[&str]) {
    let o = asocia()
        .env("RAYON_NUM_THREADS", threads)
        .args(["run", scenario, "--out", out.to_str().unwrap()])
        .args(extra)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn both_shipped_scenarios_run_through_the_binary() {
    let tmp = tempfile::tempdir().unwrap();
    for name in ["cluster", "isolated"] {
        let out = tmp.path().join(name);
        run(
            &format!("scenarios/{name}.toml"),
            &out,
            "2",
            &["--set", "run.steps=60", "--set", "run.replications=2"],
        );
        let mut r = csv::Reader::from_path(out.join("timeseries.csv")).unwrap();
        let h: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let col = |c: &str| {
            h.iter()
                .position(|x| x == c)
                .unwrap_or_else(|| panic!("{c}"))
        };
        assert_eq!(&h[..4], ["run", "seed", "step", "group"]);
        for c in [
            "alive",
            "survival_rate",
            "capital_mean",
            "capital_median",
            "capital_gini",
            "welfare",
            "coop_rate",
            "trust_mean",
            "trust_q10",
            "trust_q50",
            "trust_q90",
            "opportunism_mean",
            "ties",
            "degree_mean",
            "clustering",
            "largest_component_share",
        ] {
            col(c);
        }
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        // Steps 0, 10, …, 60 of 2 runs, each with all + 4 groups.
        assert_eq!(rows.len(), 2 * 7 * 5);
        let num = |row: &csv::StringRecord, c: &str| -> Option<f64> {
            let v = &row[col(c)];
            (!v.is_empty()).then(|| v.parse().unwrap())
        };
        for (k, row) in rows.iter().enumerate() {
            let expect = ["all", "0", "1", "2", "3"][k % 5];
            assert_eq!(&row[col("group")], expect);
            let s = num(row, "survival_rate").unwrap();
            assert!((0.0..=1.0).contains(&s));
            if let Some(c) = num(row, "coop_rate") {
                assert!((0.0..=1.0).contains(&c));
            }
            if let (Some(a), Some(b), Some(c)) = (
                num(row, "trust_q10"),
                num(row, "trust_q50"),
                num(row, "trust_q90"),
            ) {
                assert!(0.0 <= a && a <= b && b <= c && c <= 1.0, "{row:?}");
            }
            let o = num(row, "opportunism_mean").unwrap();
            assert!((0.0..=1.0).contains(&o));
            let step: u64 = row[col("step")].parse().unwrap();
            let lc = num(row, "largest_component_share");
            assert_eq!(
                lc.is_some(),
                step % 50 == 0,
                "network columns every 50 steps"
            );
            if name == "cluster" && step % 50 == 0 {
                assert!(num(row, "clustering").is_some());
            }
            if name == "isolated" {
                assert_eq!(num(row, "ties"), Some(0.0));
                assert!(num(row, "coop_rate").is_none());
            }
        }
        let summary = fs::read_to_string(out.join("summary.csv")).unwrap();
        assert!(
            summary.starts_with("run,seed,steps_run,alive_final,survival_rate_final,"),
            "{summary}"
        );
        assert_eq!(summary.lines().count(), 3);
    }
}

#[test]
fn binary_output_is_identical_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let big = [
        "--set",
        "network.sizes=[12500,12500,12500,12500]",
        "--set",
        "network.p_in=0.00064",
        "--set",
        "network.p_out=0.000004",
        "--set",
        "run.steps=12",
        "--set",
        "run.replications=1",
        "--set",
        "output.every=1",
        "--set",
        "output.network_every=6",
    ];
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    run("scenarios/cluster.toml", &one, "1", &big);
    run("scenarios/cluster.toml", &two, "2", &big);
    for f in ["timeseries.csv", "summary.csv"] {
        let (a, b) = (
            fs::read(one.join(f)).unwrap(),
            fs::read(two.join(f)).unwrap(),
        );
        assert!(a == b, "{f} differs between 1 and 2 threads");
    }
    let ts = fs::read_to_string(one.join("timeseries.csv")).unwrap();
    assert!(
        ts.lines().nth(1).unwrap().contains(",all,50000,"),
        "50,000 firms"
    );
}

/// A tiny deterministic generator for the mangling test.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn mangled_firm_scenarios_never_panic() {
    let seed_text = fs::read_to_string(repo().join("scenarios/cluster.toml")).unwrap();
    let tokens = [
        "[",
        "]",
        "=",
        "\"",
        "\n",
        ".",
        "-1",
        "0",
        "1e999",
        "nan",
        "2",
        "file",
        "beta",
        "uniform",
        "threshold",
        "groups = [9]",
        "[cluster]",
        "[firms]",
        "capital = \"file\"",
        "opportunism_alpha = -3",
        "model = \"classic\"",
        "[game]",
        "é",
        "#",
        "{",
        "}",
    ];
    let overrides = [
        "firms.capital=file",
        "cluster.groups=[0,99]",
        "trust.rule=beta",
        "decision.rule=threshold",
        "project.game=donation",
        "learning.rule=death-birth",
        "scenario.model=classic",
        "market.shock_sd=-1",
        "demography.entry_ties=-2",
        "output.network_every=0",
    ];
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    for _ in 0..1500 {
        let mut text: Vec<char> = seed_text.chars().collect();
        for _ in 0..1 + rng.below(5) {
            let at = rng.below(text.len() + 1);
            if rng.below(2) == 0 && at < text.len() {
                text.remove(at);
            } else {
                let t = tokens[rng.below(tokens.len())];
                for (i, c) in t.chars().enumerate() {
                    text.insert(at + i, c);
                }
            }
        }
        let text: String = text.into_iter().collect();
        let o: Vec<String> = (0..rng.below(3))
            .map(|_| overrides[rng.below(overrides.len())].to_string())
            .collect();
        if let Ok(s) = parse(&text, "m.toml", Path::new("."), &o) {
            // Whatever resolves must also resolve again from its resolved form.
            parse(&s.resolved_toml(), "r.toml", Path::new("/"), &[])
                .unwrap_or_else(|e| panic!("{text}\n{e}"));
        }
    }
}

#[test]
fn per_group_order_statistics_of_the_binary_describe_the_groups_own_firms() {
    // Two rings of ten firms: group 0 (ids 0–9) with capital 100 … 109 and opportunism 0,
    // group 1 (ids 10–19) with capital 1 … 10 and opportunism 1. Under the threshold rule
    // (cooperate iff τ ≥ θ) with τ0 = 0.5, group 0 always cooperates and group 1 always
    // defects, so after one step (every tie runs a project) group 0 trusts its partners
    // 0.5 + 0.1 · (1 − 0.5) = 0.55 and group 1 trusts them 0.5 · (1 − 0.3) = 0.35.
    let dir = tempfile::tempdir().unwrap();
    let mut edges = String::from("source,target\n");
    let mut nodes = String::from("id,group,capital,opportunism\n");
    for base in [0, 10] {
        for k in 0..10 {
            edges += &format!("{},{}\n", base + k, base + (k + 1) % 10);
        }
    }
    for i in 0..20 {
        let (group, capital, theta) = if i < 10 {
            (0, 100 + i, 0)
        } else {
            (1, i - 9, 1)
        };
        nodes += &format!("{i},{group},{capital},{theta}\n");
    }
    write(dir.path(), "e.csv", &edges);
    write(dir.path(), "n.csv", &nodes);
    let sc = write(
        dir.path(),
        "two.toml",
        &format!(
            "{FILE_FIRMS}[trust]\ninitial = 0.5\nrule = \"asymmetric\"\nup = 0.1\ndown = 0.3\n\
             decay = 0.0\nbreak_below = 0.05\n[decision]\nrule = \"threshold\"\n\
             [project]\nrate = 1.0\n[demography]\nexit_below = -1000.0\n\
             [run]\nsteps = 1\nreplications = 1\n[output]\nevery = 1\ntimeseries = true\n"
        ),
    );
    let out = dir.path().join("out");
    run(sc.to_str().unwrap(), &out, "1", &[]);
    let (h, rows) = table(&out.join("timeseries.csv"));
    let at = |step: &str, group: &str, c: &str| -> f64 {
        let row = rows
            .iter()
            .find(|r| r[col(&h, "step")] == *step && r[col(&h, "group")] == *group)
            .unwrap_or_else(|| panic!("no row for step {step}, group {group}"));
        row[col(&h, c)].parse().unwrap()
    };
    let close = |a: f64, b: f64| (a - b).abs() < 1e-6;
    // Step 0. Group 0: mean = median = 104.5; Σ_i Σ_j |x_i − x_j| over ten consecutive
    // integers is 2 · Σ_{d=1}^{9} d (10 − d) = 330, so Gini = 330 / (2 · 10² · 104.5) =
    // 3 / 190. Group 1: mean = median = 5.5, Gini = 330 / (2 · 10² · 5.5) = 0.3. All: mean
    // and median 55, Gini = (660 + 2 · 9 900) / (2 · 20² · 55) = 0.465.
    for (group, mean, median, gini) in [
        ("0", 104.5, 104.5, 3.0 / 190.0),
        ("1", 5.5, 5.5, 0.3),
        ("all", 55.0, 55.0, 0.465),
    ] {
        assert!(close(at("0", group, "capital_mean"), mean), "{group}");
        assert!(close(at("0", group, "capital_median"), median), "{group}");
        assert!(close(at("0", group, "capital_gini"), gini), "{group}");
    }
    // Step 1: every trust of a group is the same; all forty: ranks 4 and 20 are 0.35, 36 is 0.55.
    for (group, q10, q50, q90) in [
        ("0", 0.55, 0.55, 0.55),
        ("1", 0.35, 0.35, 0.35),
        ("all", 0.35, 0.35, 0.55),
    ] {
        assert!(close(at("1", group, "trust_q10"), q10), "{group}");
        assert!(close(at("1", group, "trust_q50"), q50), "{group}");
        assert!(close(at("1", group, "trust_q90"), q90), "{group}");
    }
}

#[test]
fn spillover_rate_is_not_voided_by_an_unset_cluster_rate() {
    // Before, `cluster.spillover_rate` defaulted to 0 and, with the default `groups = []`
    // (every group a cluster), replaced `spillover.rate` on every tie of a one-group network:
    // `[spillover] rate = 0.3` had no effect at all.
    let s = parsed(&format!("{FIRMS}[spillover]\nrate = 0.3\n"));
    let firms = s.model.firms().unwrap();
    assert_eq!(firms.spillover.rate, 0.3);
    assert_eq!(firms.cluster.spillover_rate, 0.3, "unset: the base rate");
    let s = parsed(&format!(
        "{FIRMS}[spillover]\nrate = 0.3\n[cluster]\nspillover_rate = 0.1\n"
    ));
    assert_eq!(s.model.firms().unwrap().cluster.spillover_rate, 0.1);
    let s = parsed(FIRMS);
    assert_eq!(s.model.firms().unwrap().cluster.spillover_rate, 0.0);
    // The resolved text states the rate it used, so it loads again to the same scenario.
    let text = s.resolved_toml();
    assert_eq!(parse(&text, "r.toml", Path::new("/"), &[]).unwrap(), s);
}
