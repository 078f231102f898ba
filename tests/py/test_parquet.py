"""`--format parquet` read by pyarrow, as a researcher's pandas, polars, R arrow or DuckDB
session would: each Parquet table of `asocia run`, `asocia sweep` and `asocia compare` holds the
CSV table of the same command, cell for cell, with int64 keys, double metrics and UTF-8 names.

Run by `.ci/run` with the venv it makes (`target/py-venv`, pyarrow and pytest from PyPI); the
binary is `$ASOCIA_BIN`, else `target/debug/asocia`.
"""

import csv
import math
import os
import pathlib
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BIN = os.environ.get("ASOCIA_BIN", str(ROOT / "target" / "debug" / "asocia"))

FIRMS = """[scenario]
name = "f"
model = "firms"
[network]
kind = "stochastic-block"
sizes = [10, 10, 10]
p_in = 0.5
p_out = 0.05
[run]
steps = 20
seed = 11
replications = 3
[output]
every = 4
"""

GRID = """[scenario]
name = "grid"
[network]
kind = "barabasi-albert"
n = 50
m = 2
[update]
rule = "fermi"
k = 0.1
[run]
steps = 15
seed = 2
[output]
every = 3
"""


def asocia(*args):
    subprocess.run([BIN, *map(str, args)], check=True, cwd=ROOT, capture_output=True)


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def same(csv_path, parquet_path):
    """The Parquet file equals the CSV file: names, row count, every cell; returns its schema."""
    header, rows = read_csv(csv_path)
    t = pq.read_table(parquet_path)
    assert t.column_names == header
    assert t.num_rows == len(rows) > 0
    cols = [t.column(k).to_pylist() for k in range(t.num_columns)]
    for r, row in enumerate(rows):
        for k, text in enumerate(row):
            v = cols[k][r]
            field = t.schema.field(k)
            where = f"{parquet_path.name} row {r} column {field.name}"
            if text == "":
                assert v is None, where
            elif pa.types.is_int64(field.type):
                assert v == int(text), where
            elif pa.types.is_float64(field.type):
                # The CSV holds the shortest decimal that reads back to the double.
                assert v == float(text) and not math.isnan(v), where
            elif pa.types.is_boolean(field.type):
                assert v == (text == "true"), where
            else:
                assert pa.types.is_string(field.type), where
                assert v == text, where
    return t.schema


def types(schema):
    return {f.name: f.type for f in schema}


@pytest.fixture
def tmp(tmp_path):
    return tmp_path


def test_run(tmp):
    f = tmp / "firms.toml"
    f.write_text(FIRMS)
    asocia("run", f, "--out", tmp / "c")
    asocia("run", f, "--out", tmp / "p", "--format", "parquet")
    same(tmp / "c" / "summary.csv", tmp / "p" / "summary.parquet")
    t = types(same(tmp / "c" / "timeseries.csv", tmp / "p" / "timeseries.parquet"))
    assert t["seed"] == pa.int64() and t["step"] == pa.int64()
    assert t["group"] == pa.string() and t["alive"] == pa.float64()
    assert not (tmp / "p" / "timeseries.csv").exists()


def test_sweep(tmp):
    f = tmp / "grid.toml"
    f.write_text(GRID + "[sweep]\nreplications = 2\ngame.b = [1.1, 1.6]\nnetwork.n = [40, 50]\n")
    asocia("sweep", f, "--out", tmp / "c", "--timeseries")
    asocia("sweep", f, "--out", tmp / "p", "--timeseries", "--format", "parquet")
    t = types(same(tmp / "c" / "runs.csv", tmp / "p" / "runs.parquet"))
    assert t["game.b"] == pa.float64() and t["network.n"] == pa.int64()
    assert t["run"] == pa.int64() and t["point"] == pa.int64()
    same(tmp / "c" / "timeseries.csv", tmp / "p" / "timeseries.parquet")
    # The summaries stay CSV, identical in both formats.
    assert (tmp / "c" / "summary.csv").read_bytes() == (tmp / "p" / "summary.csv").read_bytes()


def test_compare(tmp):
    f = tmp / "cmp.toml"
    f.write_text(GRID + "[compare]\nreplications = 3\n[compare.low]\ngame.b = 1.2\n[compare.high]\ngame.b = 1.8\n")
    asocia("compare", f, "--out", tmp / "c", "--bootstrap", "20")
    asocia("compare", f, "--out", tmp / "p", "--bootstrap", "20", "--format", "parquet")
    t = types(same(tmp / "c" / "runs.csv", tmp / "p" / "runs.parquet"))
    assert t["arm"] == pa.string() and t["seed"] == pa.int64()
