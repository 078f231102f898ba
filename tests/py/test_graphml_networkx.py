"""The final network as GraphML reads back with networkx.

Runs the real binary (`ASOCIA_BIN`, else target/release/asocia, else target/debug/asocia)
on the shipped scenario scenarios/snapshots.toml (`network_final = "graphml"`, snapshots
on; shortened to 12 steps, one run), then checks with `nx.read_graphml` that the graph is the run's final network:
its nodes are the alive firms of the last snapshot in firms.csv with their attributes, its
edges the ties of the last snapshot in ties.csv with their trusts.

Run: python3 tests/py/test_graphml_networkx.py (exit status 0 when every check passes), or
through pytest, as `.ci/run` does.
"""

import csv
import os
import subprocess
import sys
import tempfile

import networkx as nx

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def binary():
    env = os.environ.get("ASOCIA_BIN")
    if env:
        return env
    for profile in ("release", "debug"):
        path = os.path.join(ROOT, "target", profile, "asocia")
        if os.path.exists(path):
            return path
    sys.exit("no asocia binary: build it with cargo build first")


def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main():
    steps = 12
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out")
        subprocess.run(
            [
                binary(), "run", os.path.join(ROOT, "scenarios", "snapshots.toml"),
                "--out", out,
                "--set", f"run.steps={steps}",
                "--set", "run.replications=1",
                "--set", "output.snapshot_every=4",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        g = nx.read_graphml(os.path.join(out, "network-0.graphml"))
        firms = [r for r in rows(os.path.join(out, "firms.csv")) if int(r["step"]) == steps]
        ties = [r for r in rows(os.path.join(out, "ties.csv")) if int(r["step"]) == steps]

    assert not g.is_directed(), "an undirected graph"
    assert g.graph["run"] == 0 and g.graph["step"] == steps, g.graph
    alive = {r["firm"]: r for r in firms if r["alive"] == "1"}
    assert set(g.nodes) == set(alive), "nodes are the alive firms"
    assert len(alive) > 0 and g.number_of_edges() == len(ties) > 0
    members = 0
    for node, data in g.nodes(data=True):
        r = alive[node]
        assert data["group"] == int(r["group"])
        for key in ("capital", "productivity", "opportunism"):
            assert data[key] == float(r[key]), (node, key, data[key], r[key])
        assert data["association_member"] == (r["association_member"] == "1")
        if r["association_trust"]:
            assert data["association_trust"] == float(r["association_trust"])
            members += 1
        else:
            assert "association_trust" not in data
    assert members > 0, "the scenario has association members"
    for t in ties:
        data = g.edges[t["firm_a"], t["firm_b"]]
        ab, ba = float(t["trust_ab"]), float(t["trust_ba"])
        assert (data["trust_ab"], data["trust_ba"]) == (ab, ba) or (
            data["trust_ab"], data["trust_ba"]) == (ba, ab)
        assert abs(data["weight"] - (ab + ba) / 2) < 1e-15
        assert data["within_group"] == (t["within_group"] == "1")
    print(f"ok: networkx read {g.number_of_nodes()} nodes and {g.number_of_edges()} edges")


def test_the_final_network_reads_back_with_networkx():
    """What pytest runs (`.ci/run` collects every `test_*` of tests/py)."""
    main()


if __name__ == "__main__":
    main()
