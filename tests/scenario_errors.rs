//! Scenario files in, located error text out: one test per kind of mistake, plus the shipped
//! scenarios, defaults, overrides and the resolved-scenario round trip.

use std::path::{Path, PathBuf};

use asocia_scenario::{load, parse, NetworkSource, Scenario};

pub(crate) fn args(overrides: &[&str]) -> Vec<String> {
    overrides.iter().map(|s| s.to_string()).collect()
}

/// Every diagnostic as its printed line.
fn errors(src: &str, overrides: &[&str]) -> Vec<String> {
    match parse(src, "s.toml", Path::new("."), &args(overrides)) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

fn parsed(src: &str, overrides: &[&str]) -> Scenario {
    parse(src, "s.toml", Path::new("."), &args(overrides)).unwrap_or_else(|e| panic!("{e}"))
}

pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn unknown_key_suggests_the_closest() {
    let src = "[run]\nsteps = 10\nstpes = 20\n";
    assert_eq!(
        errors(src, &[]),
        ["s.toml:3:1: error: unknown key `stpes` in [run]; did you mean `steps`?"]
    );
}

#[test]
fn unknown_key_without_a_close_name_lists_the_valid_ones() {
    assert_eq!(
        errors("[output]\ncolour = \"red\"\n", &[]),
        ["s.toml:2:1: error: unknown key `colour` in [output] (valid keys: every, timeseries, snapshot_every)"]
    );
}

#[test]
fn unknown_section_suggests_the_closest() {
    assert_eq!(
        errors("[netwrk]\nn = 5\n", &[]),
        ["s.toml:1:2: error: unknown section [netwrk]; did you mean [network]?"]
    );
}

#[test]
fn wrong_type() {
    assert_eq!(
        errors("[run]\nsteps = \"abc\"\n", &[]),
        ["s.toml:2:9: error: `steps`: expected a positive integer, found string \"abc\""]
    );
    assert_eq!(
        errors("[game]\nself_interaction = 1\n", &[]),
        ["s.toml:2:20: error: `self_interaction`: expected a boolean (true or false), found integer 1"]
    );
}

#[test]
fn probability_out_of_range() {
    let src = "[network]\nkind = \"erdos-renyi-gnp\"\nn = 100\np = 1.5\n";
    assert_eq!(
        errors(src, &[]),
        ["s.toml:4:5: error: `p`: expected a probability in [0, 1], found 1.5"]
    );
    assert_eq!(
        errors("[initial]\ncoop_fraction = -0.1\n", &[]),
        ["s.toml:2:17: error: `coop_fraction`: expected a probability in [0, 1], found -0.1"]
    );
}

#[test]
fn zero_or_negative_size() {
    assert_eq!(
        errors("[network]\nkind = \"complete\"\nn = 0\n", &[]),
        ["s.toml:3:5: error: `n`: expected a positive integer (at most 4294967295), found 0"]
    );
    assert_eq!(
        errors("[network]\nkind = \"stochastic-block\"\nsizes = [10, -3]\n", &[]),
        ["s.toml:3:9: error: `sizes`: expected a non-empty array of positive integers, found -3 at position 2"]
    );
    assert_eq!(
        errors("[run]\nsteps = 0\n", &[]),
        ["s.toml:2:9: error: `steps`: expected a positive integer, found 0"]
    );
}

#[test]
fn fermi_noise_must_be_positive() {
    assert_eq!(
        errors("[update]\nrule = \"fermi\"\nk = 0\n", &[]),
        ["s.toml:3:5: error: `k`: expected a positive number (the noise K > 0), found 0"]
    );
}

#[test]
fn selection_intensity_must_be_in_unit_interval() {
    assert_eq!(
        errors("[update]\nrule = \"death-birth\"\nw = 1.5\n", &[]),
        ["s.toml:3:5: error: `w`: expected a selection intensity in [0, 1], found 1.5"]
    );
}

#[test]
fn key_not_used_by_the_chosen_kind() {
    let src = "[network]\nkind = \"barabasi-albert\"\nn = 100\nm = 2\np = 0.1\n";
    assert_eq!(
        errors(src, &[]),
        ["s.toml:5:1: error: `p` is not a parameter of network kind `barabasi-albert` (it takes: n, m)"]
    );
    assert_eq!(
        errors("[update]\nrule = \"imitate-best\"\nk = 0.1\n", &[]),
        ["s.toml:3:1: error: `k` is not a parameter of update rule `imitate-best` (it takes none)"]
    );
    assert_eq!(
        errors("[game]\npreset = \"weak-pd\"\nc = 1\n", &[]),
        ["s.toml:3:1: error: `c` is not a parameter of game preset `weak-pd` (it takes: b)"]
    );
}

#[test]
fn impossible_network_is_reported_at_the_key() {
    assert_eq!(
        errors("[network]\nkind = \"ring\"\nn = 10\nk = 10\n", &[]),
        ["s.toml:4:5: error: `k`: impossible network: `ring` needs degree k < n, found k = 10 with n = 10"]
    );
    assert_eq!(
        errors("[network]\nkind = \"random-regular\"\nn = 5\nk = 3\n", &[]),
        ["s.toml:4:5: error: `k`: impossible network: a k-regular graph needs n·k even, found n = 5 and k = 3"]
    );
    assert_eq!(
        errors("[network]\nkind = \"complete\"\nn = 1000000\n", &[]),
        ["s.toml:3:5: error: `n`: impossible network: `complete` would have about 5.000e11 ties, more than the limit of 2147483647"]
    );
}

#[test]
fn unknown_kind_preset_rule_and_mode_list_the_valid_ones() {
    assert_eq!(
        errors("[network]\nkind = \"ringg\"\n", &[]),
        ["s.toml:2:8: error: `kind`: unknown network kind `ringg`; did you mean `ring`? (valid: isolated, complete, ring, lattice, erdos-renyi-gnp, erdos-renyi-gnm, watts-strogatz, barabasi-albert, random-regular, stochastic-block, random-geometric, file)"]
    );
    assert_eq!(
        errors("[game]\npreset = \"chicken\"\n", &[]),
        ["s.toml:2:10: error: `preset`: unknown game preset `chicken` (valid: general, weak-pd, donation, snowdrift, stag-hunt, harmony, cost-sharing, public-goods, collective-risk, collective-risk-well-mixed)"]
    );
    assert_eq!(
        errors("[update]\nrule = \"fermi-dirac\"\n", &[]),
        ["s.toml:2:8: error: `rule`: unknown update rule `fermi-dirac` (valid: fermi, imitate-best, proportional, death-birth, birth-death)"]
    );
    assert_eq!(
        errors("[initial]\nmode = \"randm\"\n", &[]),
        ["s.toml:2:8: error: `mode`: unknown initial mode `randm`; did you mean `random`? (valid: random, single-defector, single-cooperator, file)"]
    );
}

#[test]
fn birth_death_requires_asynchronous() {
    assert_eq!(
        errors("[update]\nrule = \"birth-death\"\nschedule = \"synchronous\"\n", &[]),
        ["s.toml:3:12: error: `schedule`: update rule `birth-death` is a sequential Moran process and requires schedule = \"asynchronous\", found \"synchronous\""]
    );
}

#[test]
fn game_constraints() {
    assert_eq!(
        errors("[game]\npreset = \"stag-hunt\"\nt = 1.2\ns = 0.1\n", &[]),
        [
            "s.toml:3:5: error: `t`: expected a number < 1 (T < R = 1), found 1.2",
            "s.toml:4:5: error: `s`: expected a negative number (S < P = 0), found 0.1",
        ]
    );
    assert_eq!(
        errors("[game]\npreset = \"donation\"\nb = 1\nc = 2\n", &[]),
        ["s.toml:3:5: error: `b`: the donation game needs benefit b > cost c, found b = 1 with c = 2"]
    );
}

#[test]
fn all_mistakes_are_reported_at_once_in_file_order() {
    let src = "\
[network]
kind = \"ring\"
n = 100
k = 4
radius = 0.5

[update]
rule = \"fermi\"
k = -1

[run]
stpes = 10
";
    assert_eq!(
        errors(src, &[]),
        [
            "s.toml:5:1: error: `radius` is not a parameter of network kind `ring` (it takes: n, k)",
            "s.toml:9:5: error: `k`: expected a positive number (the noise K > 0), found -1",
            "s.toml:12:1: error: unknown key `stpes` in [run]; did you mean `steps`?",
        ]
    );
}

#[test]
fn bad_override_value_names_the_argument() {
    assert_eq!(
        errors("", &["run.steps=abc"]),
        ["--set run.steps=abc: error: `steps`: expected a positive integer, found string \"abc\""]
    );
}

#[test]
fn bad_override_section_suggests_the_closest() {
    assert_eq!(
        errors("", &["netwrk.n=5"]),
        ["--set netwrk.n=5: error: unknown section [netwrk]; did you mean [network]?"]
    );
    assert_eq!(
        errors("", &["run.sed=5"]),
        ["--set run.sed=5: error: unknown key `sed` in [run]; did you mean `seed`?"]
    );
}

#[test]
fn file_errors_come_before_override_errors() {
    assert_eq!(
        errors("[run]\nsteps = -2\n", &["run.seed=x"]),
        [
            "s.toml:2:9: error: `steps`: expected a positive integer, found -2",
            "--set run.seed=x: error: `seed`: expected a non-negative integer below 2^53 (at most 9007199254740991), found string \"x\"",
        ]
    );
}

#[test]
fn overrides_change_and_add_values() {
    let src = "[network]\nkind = \"ring\"\nn = 100\nk = 4\n[run]\nsteps = 10\n";
    let s = parsed(
        src,
        &[
            "network.n=500",
            "run.seed=7",
            "update.rule=imitate-best",
            "scenario.name=x y",
        ],
    );
    assert_eq!(s.node_count(), 500);
    assert_eq!(s.seed, 7);
    assert_eq!(s.model.steps(), 10);
    assert_eq!(s.name, "x y");
    assert_eq!(
        s.model.classic().unwrap().update.rule,
        asocia_core::classic::config::UpdateRule::ImitateBest
    );
    let lattice = parsed(src, &["network.kind=lattice"]);
    assert_eq!(lattice.node_count(), 100 * 100);
}

#[test]
fn malformed_toml_gives_the_parser_location() {
    let e = errors("[run]\nsteps = = 3\n", &[]);
    assert_eq!(e.len(), 1);
    assert!(
        e[0].starts_with("s.toml:2:9: error: malformed TOML:"),
        "{}",
        e[0]
    );
}

#[test]
fn defaults_are_filled() {
    let s = parsed("[scenario]\ndescription = \"d\"\n", &[]);
    assert_eq!(s.name, "s");
    assert_eq!(s.node_count(), 1000);
    assert_eq!(s.model.steps(), 100);
    assert_eq!(s.replications, 1);
    let text = s.resolved_toml();
    for key in [
        "kind = \"barabasi-albert\"",
        "m = 2",
        "preset = \"weak-pd\"",
        "b = 1.5",
        "payoff = \"accumulated\"",
        "rule = \"fermi\"",
        "k = 0.1",
        "schedule = \"synchronous\"",
        "mode = \"random\"",
        "coop_fraction = 0.5",
        "steps = 100",
        "seed = 1",
        "every = 1",
        "timeseries = true",
        "# payoffs: R = 1, S = 0, T = 1.5, P = 0",
    ] {
        assert!(text.contains(key), "missing `{key}` in\n{text}");
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const FILE_SCENARIO: &str =
    "[network]\nkind = \"file\"\nedges = \"e.csv\"\nnodes = \"n.csv\"\n[initial]\nmode = \"file\"\n";

#[test]
fn malformed_edge_row_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "n.csv", "id,strategy\n0,C\n1,D\n2,C\n");
    let edges = write(dir.path(), "e.csv", "source,target\n0,1\n1,2,3\n2,x\n");
    let sc = write(dir.path(), "f.toml", FILE_SCENARIO);
    let e = load(&sc, &[]).unwrap_err();
    let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
    let edges = edges.display();
    assert_eq!(
        lines,
        [
            format!(
                "{edges}:3:1: error: malformed row: expected 2 fields (source,target), found 3"
            ),
            format!("{edges}:4:3: error: `x` is not a node id (expected a non-negative integer)"),
        ]
    );
}

#[test]
fn edge_outside_the_nodes_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "n.csv", "id,strategy\n0,C\n1,D\n");
    let edges = write(dir.path(), "e.csv", "source,target\n0,1\n1,5\n");
    let sc = write(dir.path(), "f.toml", FILE_SCENARIO);
    let e = load(&sc, &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}:3:3: error: node id 5 is out of range: the nodes file lists 2 nodes (ids 0..1)",
            edges.display()
        )
    );
}

#[test]
fn node_file_with_missing_or_extra_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.csv", "source,target\n0,1\n");
    let nodes = write(dir.path(), "n.csv", "id,grup,x\n0,1,0.5\n1,1,0.5\n");
    let sc = write(dir.path(), "f.toml", FILE_SCENARIO);
    let e = load(&sc, &[]).unwrap_err();
    let nodes = nodes.display();
    let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!("{nodes}:1:1: error: missing column `y` (column `x` needs it)"),
            format!("{nodes}:1:4: error: unknown column `grup`; did you mean `group`? (a nodes file has `id` and any of `group`, `x`, `y`, `strategy`)"),
        ]
    );
    let nodes2 = write(dir.path(), "n.csv", "group,strategy\n0,C\n1,D\n");
    let e = load(&sc, &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{}:1:1: error: missing column `id`", nodes2.display())
    );
}

#[test]
fn node_file_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.csv", "source,target\n0,1\n");
    let nodes = write(dir.path(), "n.csv", "id,strategy\n0,C\n0,D\n1,Q\n9,C\n");
    let sc = write(dir.path(), "f.toml", FILE_SCENARIO);
    let lines: Vec<String> = load(&sc, &[])
        .unwrap_err()
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect();
    let nodes = nodes.display();
    assert_eq!(
        lines,
        [
            format!("{nodes}:3:1: error: duplicate id 0 (first at line 2)"),
            format!("{nodes}:4:3: error: strategy `Q` is not C (cooperate) or D (defect)"),
            format!("{nodes}:5:1: error: id 9 is out of range: the file lists 4 nodes, so ids must be 0..3"),
        ]
    );
}

#[test]
fn initial_mode_file_needs_a_strategy_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.csv", "source,target\n0,1\n");
    let nodes = write(dir.path(), "n.csv", "id\n0\n1\n");
    let sc = write(dir.path(), "f.toml", FILE_SCENARIO);
    let e = load(&sc, &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}:6:8: error: `mode`: initial mode `file` takes strategies from the `strategy` column of the nodes file, but {} has none",
            sc.display(),
            std::path::absolute(&nodes).unwrap().display()
        )
    );
}

#[test]
fn missing_edge_file_is_reported_at_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let sc = write(
        dir.path(),
        "f.toml",
        "[network]\nkind = \"file\"\nedges = \"nowhere.csv\"\n",
    );
    let e = load(&sc, &[]).unwrap_err();
    let d = &e.diagnostics[0];
    assert_eq!((d.line, d.column), (3, 9));
    assert!(
        d.message.starts_with("`edges`: cannot read "),
        "{}",
        d.message
    );
}

#[test]
fn file_network_loads_and_builds() {
    let s = load(&repo().join("scenarios/firms-example/firms.toml"), &[]).unwrap();
    assert_eq!(s.node_count(), 12);
    let NetworkSource::File(f) = &s.network else {
        panic!("expected a file network")
    };
    assert_eq!(f.edges.len(), 18);
    assert_eq!(f.group.as_ref().map(|g| g[5]), Some(1));
    let net = s.build_network(1).unwrap();
    assert_eq!((net.node_count(), net.edge_count()), (12, 18));
    match &s.model.classic().unwrap().initial {
        asocia_core::classic::config::InitialConfig::Given { strategies } => {
            assert_eq!(strategies.len(), 12)
        }
        other => panic!("expected given strategies, found {other:?}"),
    }
    assert!(s.resolved_toml().contains("mode = \"file\""));
    assert_eq!(s.resolved_json()["initial"]["mode"], "file");
}

#[test]
fn every_shipped_scenario_loads_and_round_trips() {
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in [
        repo().join("scenarios"),
        repo().join("scenarios/firms-example"),
    ] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let p = entry.unwrap().path();
            if p.extension().is_some_and(|e| e == "toml") {
                paths.push(p);
            }
        }
    }
    assert!(paths.len() >= 7, "{paths:?}");
    for p in paths {
        let s = load(&p, &[]).unwrap_or_else(|e| panic!("{}:\n{e}", p.display()));
        let text = s.resolved_toml();
        let again = parse(&text, "resolved.toml", Path::new("/"), &[])
            .unwrap_or_else(|e| panic!("{text}\n{e}"));
        let mut expected = s.clone();
        expected.path = None;
        assert_eq!(again, expected, "round trip of {}", p.display());
        assert_eq!(again.resolved_json(), s.resolved_json());
    }
}

#[test]
fn santos_pacheco_regular_arm_override() {
    let p = repo().join("scenarios/santos-pacheco-2005.toml");
    let s = load(&p, &args(&["network.kind=random-regular", "network.k=4"])).unwrap();
    assert_eq!(
        s.network,
        NetworkSource::Generator(asocia_core::network::NetworkSpec::RandomRegular {
            n: 10000,
            k: 4
        })
    );
}

#[test]
fn default_scenario_builds_its_generated_network() {
    let s = load(&repo().join("scenarios/default.toml"), &[]).unwrap();
    let net = s.build_network(s.seed).unwrap();
    assert_eq!(net.node_count(), s.node_count());
    assert_eq!(net.node_count(), 2000);
}
