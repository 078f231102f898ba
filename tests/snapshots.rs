//! Agent-level outputs through the real binary on the shipped `scenarios/snapshots.toml`:
//! `firms.csv` and `ties.csv` every `snapshot_every` steps, the final network as GraphML
//! (parsed back here with roxmltree) or as an edge list, the manifest, 1 and 2 threads byte
//! for byte, the other outputs unchanged by snapshots, and the located errors of the keys.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use asocia_output::metrics::Table;

use crate::common::{asocia, col, run_ok, table};
use crate::firm_scenarios::{errors, FIRMS};

const SCENARIO: &str = "scenarios/snapshots.toml";

/// `asocia run scenarios/snapshots.toml` into `out`, 20 steps, snapshots every 5.
fn run(out: &Path, extra: &[&str]) {
    let out = out.to_str().unwrap();
    let mut args = vec![
        "run",
        SCENARIO,
        "--out",
        out,
        "--set",
        "run.steps=20",
        "--set",
        "output.snapshot_every=5",
    ];
    args.extend_from_slice(extra);
    run_ok(&args);
}

/// The rows of `table` whose `key` column equals `value`.
fn rows_where<'a>(
    h: &[String],
    rows: &'a [Vec<String>],
    key: &str,
    value: &str,
) -> Vec<&'a Vec<String>> {
    let k = col(h, key);
    rows.iter().filter(|r| r[k] == value).collect()
}

#[test]
fn snapshots_have_a_row_per_firm_and_tie_at_every_kth_step_matching_the_summary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    run(&out, &[]);
    let (fh, firms) = table(&out.join("firms.csv"));
    let (th, ties) = table(&out.join("ties.csv"));
    let (sh, summary) = table(&out.join("summary.csv"));
    assert_eq!(fh, Table::FirmSnapshots.header());
    assert_eq!(th, Table::TieSnapshots.header());
    assert_eq!(summary.len(), 2, "the scenario's 2 replications");
    for (run, srow) in summary.iter().enumerate() {
        let run = run.to_string();
        let firms = rows_where(&fh, &firms, "run", &run);
        let ties = rows_where(&th, &ties, "run", &run);
        let steps: std::collections::BTreeSet<u64> = firms
            .iter()
            .map(|r| r[col(&fh, "step")].parse().unwrap())
            .collect();
        assert_eq!(steps.into_iter().collect::<Vec<_>>(), [0, 5, 10, 15, 20]);
        // Step 0: the 400 initial firms, all alive, ids 0..400 in order.
        let first: Vec<_> = firms
            .iter()
            .filter(|r| r[col(&fh, "step")] == "0")
            .collect();
        assert_eq!(first.len(), 400);
        for (i, r) in first.iter().enumerate() {
            assert_eq!(r[col(&fh, "firm")], i.to_string());
            assert_eq!(r[col(&fh, "alive")], "1");
            assert_eq!(r[col(&fh, "group")], (i / 100).to_string(), "blocks of 100");
        }
        // The four founders are the members at step 0, with the initial trust 0.6.
        let members: Vec<_> = first
            .iter()
            .filter(|r| r[col(&fh, "association_member")] == "1")
            .map(|r| {
                (
                    r[col(&fh, "firm")].as_str(),
                    r[col(&fh, "association_trust")].as_str(),
                )
            })
            .collect();
        assert_eq!(
            members,
            [("0", "0.6"), ("100", "0.6"), ("200", "0.6"), ("300", "0.6")]
        );
        // The last snapshot agrees with the run's final metrics.
        let last: Vec<_> = firms
            .iter()
            .filter(|r| r[col(&fh, "step")] == "20")
            .collect();
        let alive = last.iter().filter(|r| r[col(&fh, "alive")] == "1").count();
        assert_eq!(alive.to_string(), srow[col(&sh, "alive_final")]);
        let last_ties: Vec<_> = ties
            .iter()
            .filter(|r| r[col(&th, "step")] == "20")
            .collect();
        assert_eq!(last_ties.len().to_string(), srow[col(&sh, "ties_final")]);
        let entries: usize = srow[col(&sh, "entries")].parse().unwrap();
        assert_eq!(
            last.len(),
            400 + entries,
            "exited firms stay, entrants are added"
        );
        // Each tie once, sorted, between alive firms; trusts in [0, 1]; `within_group` is
        // whether the ends share a group.
        let alive_ids: std::collections::HashSet<&str> = last
            .iter()
            .filter(|r| r[col(&fh, "alive")] == "1")
            .map(|r| r[col(&fh, "firm")].as_str())
            .collect();
        let group: BTreeMap<&str, &str> = last
            .iter()
            .map(|r| (r[col(&fh, "firm")].as_str(), r[col(&fh, "group")].as_str()))
            .collect();
        let mut prev = (0_u64, 0_u64);
        for (k, t) in last_ties.iter().enumerate() {
            let (a, b) = (&t[col(&th, "firm_a")], &t[col(&th, "firm_b")]);
            let ends = (a.parse::<u64>().unwrap(), b.parse::<u64>().unwrap());
            assert!(
                ends.0 < ends.1 && (k == 0 || ends > prev),
                "sorted, once each"
            );
            prev = ends;
            assert!(alive_ids.contains(a.as_str()) && alive_ids.contains(b.as_str()));
            for c in ["trust_ab", "trust_ba"] {
                let x: f64 = t[col(&th, c)].parse().unwrap();
                assert!((0.0..=1.0).contains(&x), "{c} = {x}");
            }
            let within = group[a.as_str()] == group[b.as_str()];
            assert_eq!(t[col(&th, "within_group")], if within { "1" } else { "0" });
        }
    }
    // The manifest lists every file with its rows.
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap();
    let listed: BTreeMap<String, u64> = manifest["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(listed["firms.csv"], firms.len() as u64);
    assert_eq!(listed["ties.csv"], ties.len() as u64);
    for name in ["network-0.graphml", "network-1.graphml"] {
        assert!(listed.contains_key(name), "{listed:?}");
    }
}

/// A parsed GraphML document's keys (id → (for, name, type)).
fn graphml_keys<'a>(
    doc: &'a roxmltree::Document,
) -> BTreeMap<&'a str, (&'a str, &'a str, &'a str)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("key"))
        .map(|n| {
            let a = |k| n.attribute(k).unwrap();
            (a("id"), (a("for"), a("attr.name"), a("attr.type")))
        })
        .collect()
}

/// The `<data>` children of `node` by attribute name.
fn data<'a>(
    node: roxmltree::Node<'a, 'a>,
    keys: &BTreeMap<&str, (&str, &'a str, &str)>,
) -> BTreeMap<&'a str, &'a str> {
    node.children()
        .filter(|c| c.has_tag_name("data"))
        .map(|c| (keys[c.attribute("key").unwrap()].1, c.text().unwrap_or("")))
        .collect()
}

#[test]
fn the_graphml_file_is_the_final_network_with_the_snapshots_values() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    run(&out, &["--set", "run.replications=1"]);
    let text = fs::read_to_string(out.join("network-0.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "graphml");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://graphml.graphdrawing.org/xmlns")
    );
    let keys = graphml_keys(&doc);
    // The attributes are the registry's columns: nodes after `firm`, edges after `firm_b`,
    // then `weight`.
    let of =
        |what: &str| -> Vec<&str> { keys.values().filter(|k| k.0 == what).map(|k| k.1).collect() };
    let mut want_nodes: Vec<&str> = Table::NetworkNodes.header()[3..].to_vec();
    let mut want_edges: Vec<&str> = Table::NetworkEdges.header()[4..].to_vec();
    want_edges.push("weight");
    let (mut got_nodes, mut got_edges) = (of("node"), of("edge"));
    for v in [
        &mut want_nodes,
        &mut want_edges,
        &mut got_nodes,
        &mut got_edges,
    ] {
        v.sort_unstable();
    }
    assert_eq!(got_nodes, want_nodes);
    assert_eq!(got_edges, want_edges);
    let graph = root.children().find(|c| c.has_tag_name("graph")).unwrap();
    assert_eq!(graph.attribute("edgedefault"), Some("undirected"));
    let gdata = data(graph, &keys);
    assert_eq!((gdata["run"], gdata["step"]), ("0", "20"));

    let (fh, firms) = table(&out.join("firms.csv"));
    let (th, ties) = table(&out.join("ties.csv"));
    let last: BTreeMap<&str, &Vec<String>> = firms
        .iter()
        .filter(|r| r[col(&fh, "step")] == "20" && r[col(&fh, "alive")] == "1")
        .map(|r| (r[col(&fh, "firm")].as_str(), r))
        .collect();
    let nodes: Vec<_> = graph
        .children()
        .filter(|c| c.has_tag_name("node"))
        .collect();
    assert_eq!(nodes.len(), last.len(), "the nodes are the alive firms");
    let mut members = 0;
    for n in &nodes {
        let r = last[n.attribute("id").unwrap()];
        let d = data(*n, &keys);
        for c in ["group", "capital", "productivity", "opportunism"] {
            assert_eq!(d[c], r[col(&fh, c)], "node {} {c}", r[col(&fh, "firm")]);
        }
        let member = r[col(&fh, "association_member")] == "1";
        assert_eq!(
            d["association_member"],
            if member { "true" } else { "false" }
        );
        assert_eq!(
            d.get("association_trust").copied().unwrap_or(""),
            r[col(&fh, "association_trust")]
        );
        members += usize::from(member);
    }
    assert!(members > 0, "the run has association members");
    let last_ties: Vec<_> = ties
        .iter()
        .filter(|r| r[col(&th, "step")] == "20")
        .collect();
    let edges: Vec<_> = graph
        .children()
        .filter(|c| c.has_tag_name("edge"))
        .collect();
    assert_eq!(edges.len(), last_ties.len());
    for (e, t) in edges.iter().zip(&last_ties) {
        assert_eq!(e.attribute("source"), Some(t[col(&th, "firm_a")].as_str()));
        assert_eq!(e.attribute("target"), Some(t[col(&th, "firm_b")].as_str()));
        let d = data(*e, &keys);
        for c in ["trust_ab", "trust_ba"] {
            assert_eq!(d[c], t[col(&th, c)]);
        }
        let within = t[col(&th, "within_group")] == "1";
        assert_eq!(d["within_group"], if within { "true" } else { "false" });
        let (ab, ba): (f64, f64) = (
            d["trust_ab"].parse().unwrap(),
            d["trust_ba"].parse().unwrap(),
        );
        assert_eq!(d["weight"].parse::<f64>().unwrap(), (ab + ba) / 2.0);
    }
}

#[test]
fn the_edge_list_is_the_last_snapshot_of_each_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    run(&out, &["--set", "output.network_final=edgelist"]);
    assert!(!out.join("network-0.graphml").exists());
    let (nh, nodes) = table(&out.join("network_nodes.csv"));
    let (eh, edges) = table(&out.join("network_edges.csv"));
    assert_eq!(nh, Table::NetworkNodes.header());
    assert_eq!(eh, Table::NetworkEdges.header());
    let (fh, firms) = table(&out.join("firms.csv"));
    let (th, ties) = table(&out.join("ties.csv"));
    // The snapshot rows of step 20 (alive firms), without `step` (and `alive`), are the
    // edge list's rows, run by run.
    let project = |h: &[String], r: &Vec<String>, cols: &[&str]| -> Vec<String> {
        cols.iter().map(|c| r[col(h, c)].clone()).collect()
    };
    let node_cols = Table::NetworkNodes.header();
    let want: Vec<Vec<String>> = firms
        .iter()
        .filter(|r| r[col(&fh, "step")] == "20" && r[col(&fh, "alive")] == "1")
        .map(|r| project(&fh, r, &node_cols))
        .collect();
    assert_eq!(nodes, want);
    let edge_cols = Table::NetworkEdges.header();
    let want: Vec<Vec<String>> = ties
        .iter()
        .filter(|r| r[col(&th, "step")] == "20")
        .map(|r| project(&th, r, &edge_cols))
        .collect();
    assert_eq!(edges, want);
    let runs: std::collections::BTreeSet<&str> = nodes.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(runs.into_iter().collect::<Vec<_>>(), ["0", "1"]);
}

/// Every file of a result folder but the manifest (timings, command).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != "manifest.json")
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&p).unwrap(),
            )
        })
        .collect()
}

#[test]
fn agent_level_files_are_byte_identical_on_one_and_two_threads() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    run(&one, &["--threads", "1"]);
    run(&two, &["--threads", "2"]);
    let (a, b) = (files(&one), files(&two));
    assert!(a.contains_key("firms.csv") && a.contains_key("ties.csv"));
    assert!(a.contains_key("network-1.graphml"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (name, bytes) in &a {
        assert!(bytes == &b[name], "{name} differs between 1 and 2 threads");
    }
}

#[test]
fn snapshots_change_no_other_output() {
    let tmp = tempfile::tempdir().unwrap();
    let (on, off) = (tmp.path().join("on"), tmp.path().join("off"));
    run(&on, &[]);
    let out = off.to_str().unwrap();
    run_ok(&[
        "run",
        SCENARIO,
        "--out",
        out,
        "--set",
        "run.steps=20",
        "--set",
        "output.snapshot_every=0",
        "--set",
        "output.network_final=none",
    ]);
    let (a, b) = (files(&on), files(&off));
    assert_eq!(
        b.keys().collect::<Vec<_>>(),
        ["summary.csv", "timeseries.csv"]
    );
    for name in ["summary.csv", "timeseries.csv"] {
        assert!(a[name] == b[name], "{name} changed with snapshots on");
    }
}

#[test]
fn wrong_snapshot_keys_are_located_errors() {
    assert_eq!(
        errors(&format!(
            "{FIRMS}[output]\nsnapshot_every = -2\nnetwork_final = \"gml\"\n"
        )),
        [
            "s.toml:4:18: error: `snapshot_every`: expected a non-negative integer (0 = off), found -2",
            "s.toml:5:17: error: `network_final`: unknown final network format `gml` (valid: none, graphml, edgelist)",
        ]
    );
    // Unless `--set output.snapshot_every=0` turned the file's snapshots off.
    let src = format!("{FIRMS}[output]\nsnapshot_every = 0\nsnapshot_ties = false\n");
    let set = ["output.snapshot_every=0".to_string()];
    assert!(asocia_scenario::parse(&src, "s.toml", Path::new("."), &set).is_ok());
    assert_eq!(
        errors(&format!("{FIRMS}[output]\nsnapshot_ties = false\n")),
        ["s.toml:4:1: error: `snapshot_ties = false` needs `snapshot_every` >= 1 (snapshots are off: `snapshot_every` is 0)"]
    );
    // The default value, as the resolved scenario writes it back, is harmless.
    let src = format!("{FIRMS}[output]\nsnapshot_ties = true\n");
    assert!(asocia_scenario::parse(&src, "s.toml", Path::new("."), &[]).is_ok());
    assert_eq!(
        errors("[output]\nsnapshot_every = 5\nsnapshot_ties = true\nnetwork_final = \"graphml\"\n"),
        [
            "s.toml:3:1: error: `snapshot_ties` applies to model = \"firms\" only (the classic games' agent-level output is `snapshot_every`'s `agents.csv`)",
            "s.toml:4:1: error: `network_final` applies to model = \"firms\" only (the classic games' agent-level output is `snapshot_every`'s `agents.csv`)",
        ]
    );
}

/// Every diagnostic of a study as printed.
fn study_errors(src: &str, overrides: &[&str]) -> Vec<String> {
    let o: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    match asocia_scenario::parse_study(src, "s.toml", Path::new("."), &o) {
        Ok(_) => panic!("expected an error for:\n{src}"),
        Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn studies_refuse_agent_level_outputs_at_the_key() {
    let why = "agent-level outputs are written by `asocia run` only: run a point or an arm of the study with `asocia run FILE --set ...` (without the study sections) for its snapshots and network";
    let src = format!("{FIRMS}[output]\nsnapshot_every = 5\n[sweep]\ntrust.initial = [0.3, 0.6]\n");
    assert_eq!(
        study_errors(&src, &[]),
        [format!("s.toml:4:1: error: `output.snapshot_every` is not allowed in a scenario with a [sweep] section: {why}")]
    );
    let src = format!("{FIRMS}[sweep]\noutput.network_final = [\"none\", \"graphml\"]\n");
    assert_eq!(
        study_errors(&src, &[]),
        [format!(
            "s.toml:4:8: error: a [sweep] over `output.network_final` is not allowed: {why}"
        )]
    );
    let src = format!("{FIRMS}[compare]\n[compare.a]\n[compare.b]\noutput.snapshot_every = 3\n");
    assert_eq!(
        study_errors(&src, &[]),
        [format!("s.toml:6:8: error: [compare] arm `b` sets `output.snapshot_every`, which is not allowed: {why}")]
    );
    // Off values are allowed; `--set` turning them on is refused too.
    let src = format!("{FIRMS}[output]\nsnapshot_every = 0\nnetwork_final = \"none\"\n[sweep]\ntrust.initial = [0.3, 0.6]\n");
    assert!(asocia_scenario::parse_study(&src, "s.toml", Path::new("."), &[]).is_ok());
    let errs = study_errors(&src, &["output.network_final=edgelist"]);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].contains("`output.network_final` is not allowed"),
        "{errs:?}"
    );
}

#[test]
fn the_shipped_scenario_refuses_a_sweep_through_the_binary() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("o");
    let r = asocia()
        .args([
            "sweep",
            SCENARIO,
            "--set",
            "sweep.trust.initial=[0.3, 0.6]",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("`output.snapshot_every` is not allowed in a scenario with a [sweep] section"),
        "{err}"
    );
    assert!(
        err.contains("snapshots.toml:"),
        "located in the file: {err}"
    );
    assert!(!out.exists(), "nothing written");
}

/// Four firms from network files, constant initial values: the rows of step 0, by hand.
#[test]
fn hand_checked_rows_of_a_four_firm_economy() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    fs::write(dir.join("e.csv"), "source,target\n0,1\n1,2\n2,3\n0,2\n").unwrap();
    fs::write(dir.join("n.csv"), "id,group\n0,5\n1,5\n2,7\n3,7\n").unwrap();
    let scenario = dir.join("four.toml");
    fs::write(
        &scenario,
        "[scenario]\nmodel = \"firms\"\n[network]\nkind = \"file\"\nedges = \"e.csv\"\nnodes = \"n.csv\"\n\
         [firms]\ncapital = \"constant\"\ncapital_value = 3.0\nproductivity = \"constant\"\n\
         productivity_value = 1.5\nopportunism = \"constant\"\nopportunism_value = 0.25\n\
         [trust]\ninitial = 0.6\n[run]\nsteps = 1\n[output]\nsnapshot_every = 1\n\
         network_final = \"edgelist\"\n\
         [association]\nfrom = \"list\"\nmembers = [1, 3]\ninitial_trust = 0.7\n",
    )
    .unwrap();
    let out = dir.join("o");
    run_ok(&[
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let (sh, summary) = table(&out.join("summary.csv"));
    let seed = &summary[0][col(&sh, "seed")];
    let lines = |file: &str, step: &str| -> Vec<String> {
        fs::read_to_string(out.join(file))
            .unwrap()
            .lines()
            .skip(1)
            .filter(|l| l.split(',').nth(2) == Some(step))
            .map(str::to_string)
            .collect()
    };
    // run, seed, step, firm, group, alive, capital, productivity, opportunism, member, trust.
    assert_eq!(
        lines("firms.csv", "0"),
        [
            format!("0,{seed},0,0,5,1,3,1.5,0.25,0,"),
            format!("0,{seed},0,1,5,1,3,1.5,0.25,1,0.7"),
            format!("0,{seed},0,2,7,1,3,1.5,0.25,0,"),
            format!("0,{seed},0,3,7,1,3,1.5,0.25,1,0.7"),
        ]
    );
    // Trust τ0 = 0.6 is held as a 32-bit float: 0.6000000238418579 as a double.
    let tau = f64::from(0.6_f32).to_string();
    assert_eq!(tau, "0.6000000238418579");
    assert_eq!(
        lines("ties.csv", "0"),
        [
            format!("0,{seed},0,0,1,{tau},{tau},1"),
            format!("0,{seed},0,0,2,{tau},{tau},0"),
            format!("0,{seed},0,1,2,{tau},{tau},0"),
            format!("0,{seed},0,2,3,{tau},{tau},1"),
        ]
    );
    // The last step (1) is snapshotted too, and the edge list is that snapshot.
    let last = lines("firms.csv", "1");
    assert_eq!(last.len(), 4);
    let (eh, edges) = table(&out.join("network_edges.csv"));
    assert_eq!(eh, Table::NetworkEdges.header());
    assert_eq!(edges.len(), lines("ties.csv", "1").len());
}

/// The classic games' `agents.csv` on the shipped `scenarios/default.toml`: one row per agent
/// at every snapshot, its strategies counting to the time series' cooperators.
#[test]
fn classic_snapshots_are_the_strategies_counting_to_the_cooperators() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two) = (tmp.path().join("one"), tmp.path().join("two"));
    for (out, threads) in [(&one, "1"), (&two, "2")] {
        run_ok(&[
            "run",
            "scenarios/default.toml",
            "--out",
            out.to_str().unwrap(),
            "--set",
            "run.steps=20",
            "--set",
            "run.replications=2",
            "--set",
            "output.snapshot_every=7",
            "--threads",
            threads,
        ]);
    }
    let (a, b) = (files(&one), files(&two));
    assert!(
        a["agents.csv"] == b["agents.csv"],
        "agents.csv differs between 1 and 2 threads"
    );
    let (ah, agents) = table(&one.join("agents.csv"));
    assert_eq!(ah, Table::ClassicSnapshots.header());
    let (th, ts) = table(&one.join("timeseries.csv"));
    let mut counts: BTreeMap<(String, u64), (usize, usize)> = BTreeMap::new();
    for r in &agents {
        let key = (
            r[col(&ah, "run")].clone(),
            r[col(&ah, "step")].parse().unwrap(),
        );
        let c = counts.entry(key).or_default();
        assert_eq!(r[col(&ah, "agent")], c.0.to_string(), "agents in id order");
        c.0 += 1;
        match r[col(&ah, "strategy")].as_str() {
            "C" => c.1 += 1,
            "D" => {}
            s => panic!("strategy {s}"),
        }
    }
    // Steps 0, 7, 14 and the last, 20; 2000 agents each.
    let steps: Vec<u64> = counts.keys().filter(|k| k.0 == "0").map(|k| k.1).collect();
    assert_eq!(steps, [0, 7, 14, 20]);
    assert_eq!(counts.len(), 8);
    for ((run, step), (n, coop)) in &counts {
        assert_eq!(*n, 2000);
        let row = ts
            .iter()
            .find(|r| &r[col(&th, "run")] == run && r[col(&th, "step")] == step.to_string())
            .expect("the step is in the time series");
        assert_eq!(
            row[col(&th, "cooperators")],
            coop.to_string(),
            "run {run} step {step}"
        );
    }
    // Off, the other outputs are the same.
    let off = tmp.path().join("off");
    run_ok(&[
        "run",
        "scenarios/default.toml",
        "--out",
        off.to_str().unwrap(),
        "--set",
        "run.steps=20",
        "--set",
        "run.replications=2",
    ]);
    let c = files(&off);
    assert_eq!(
        c.keys().collect::<Vec<_>>(),
        ["summary.csv", "timeseries.csv"]
    );
    for name in ["summary.csv", "timeseries.csv"] {
        assert!(a[name] == c[name], "{name} changed with snapshots on");
    }
}
