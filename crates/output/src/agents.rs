//! Agent-level outputs of the firm economy, read from the simulation's rows
//! ([`FirmSimulation::firm_rows`], [`FirmSimulation::tie_rows`]) at the steps they describe:
//! [`SnapshotWriter`] (`firms.csv`, `ties.csv`: every `k`-th step) and [`NetworkWriter`] (each
//! run's final network as GraphML, one file per run, or as two CSV files for all runs). Their
//! columns are the registry's ([`Table::FirmSnapshots`], [`Table::TieSnapshots`],
//! [`Table::NetworkNodes`], [`Table::NetworkEdges`]); meanings are in `docs/outputs.md`.
//!
//! Ties are written sorted by `(firm_a, firm_b)`, whatever the simulation's slot layout.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use asocia_core::firm::{FirmRow, FirmSimulation, TieRow};

use crate::metrics::{Column, Table, Value, NETWORK_EDGE_COLUMNS, NETWORK_NODE_COLUMNS};
use crate::tables::{close, csv_err, end_record, open, write_value, CsvOut};
use crate::OutputError;

/// A flag as a CSV value (0 or 1).
fn flag(b: bool) -> Value {
    Value::Count(u64::from(b))
}

/// The state values of a firm row after its keys: with `alive` (`firms.csv`) or without
/// (`network_nodes.csv`), in the registry's column order.
fn firm_values(r: &FirmRow, alive: bool) -> impl Iterator<Item = Value> {
    let group = Value::Count(r.group.into());
    let alive = alive.then_some(flag(r.alive));
    let rest = [
        Value::Real(r.capital),
        Value::Real(r.productivity),
        Value::Real(r.opportunism),
        r.member.map_or(Value::Missing, flag),
        r.association_trust.map_or(Value::Missing, Value::Real),
    ];
    std::iter::once(group).chain(alive).chain(rest)
}

/// The values of a tie row: its ends, then its state, in the registry's column order.
fn tie_values(t: &TieRow) -> [Value; 5] {
    [
        Value::Count(t.a.into()),
        Value::Count(t.b.into()),
        Value::Real(t.trust_ab),
        Value::Real(t.trust_ba),
        flag(t.within_group),
    ]
}

/// The ties of `sim` sorted by their ends, into `buf` (reused from snapshot to snapshot).
fn sorted_ties(sim: &FirmSimulation, buf: &mut Vec<TieRow>) {
    buf.clear();
    buf.extend(sim.tie_rows());
    buf.sort_unstable_by_key(|t| (t.a, t.b));
}

/// Writes `firms.csv` and, if asked, `ties.csv`: one row per firm (exited firms included)
/// and per tie at every snapshot step of every run.
#[derive(Debug)]
pub struct SnapshotWriter {
    firms: CsvOut,
    firms_path: PathBuf,
    ties: Option<(CsvOut, PathBuf)>,
    every: u64,
    run: u64,
    seed: u64,
    firm_rows: u64,
    tie_rows: u64,
    buf: String,
    sorted: Vec<TieRow>,
}

impl SnapshotWriter {
    /// Creates `firms` (and `ties`, if given) and writes their headers; snapshots are taken
    /// on steps divisible by `every` (at least 1) and on each run's last step.
    pub fn create(
        firms: &Path,
        ties: Option<&Path>,
        every: u64,
    ) -> Result<SnapshotWriter, OutputError> {
        let ties = match ties {
            Some(p) => Some((open(p, &Table::TieSnapshots.header())?, p.to_path_buf())),
            None => None,
        };
        Ok(SnapshotWriter {
            firms: open(firms, &Table::FirmSnapshots.header())?,
            firms_path: firms.to_path_buf(),
            ties,
            every: every.max(1),
            run: 0,
            seed: 0,
            firm_rows: 0,
            tie_rows: 0,
            buf: String::with_capacity(32),
            sorted: Vec::new(),
        })
    }

    /// Starts recording run `run` with seed `seed`.
    pub fn begin_run(&mut self, run: u64, seed: u64) {
        self.run = run;
        self.seed = seed;
    }

    /// Whether step `step` is snapshotted (the caller adds each run's last step).
    pub fn wants(&self, step: u64) -> bool {
        step.is_multiple_of(self.every)
    }

    /// Writes the rows of the current state of `sim` (its current step).
    pub fn write(&mut self, sim: &FirmSimulation) -> Result<(), OutputError> {
        let step = sim.current_step();
        let keys = [self.run, self.seed, step].map(Value::Count);
        let (w, buf) = (&mut self.firms, &mut self.buf);
        let path = &self.firms_path;
        for r in sim.firm_rows() {
            let values = keys
                .into_iter()
                .chain([Value::Count(r.id.into())])
                .chain(firm_values(&r, true));
            for v in values {
                write_value(w, buf, v).map_err(|e| csv_err(path, e))?;
            }
            end_record(w).map_err(|e| csv_err(path, e))?;
            self.firm_rows += 1;
        }
        if let Some((w, path)) = &mut self.ties {
            sorted_ties(sim, &mut self.sorted);
            for t in &self.sorted {
                for v in keys.into_iter().chain(tie_values(t)) {
                    write_value(w, buf, v).map_err(|e| csv_err(path, e))?;
                }
                end_record(w).map_err(|e| csv_err(path, e))?;
                self.tie_rows += 1;
            }
        }
        Ok(())
    }

    /// Flushes and closes the files; returns the data rows of `firms.csv` and, if written,
    /// of `ties.csv`.
    pub fn finish(self) -> Result<(u64, Option<u64>), OutputError> {
        close(self.firms, &self.firms_path)?;
        let ties = match self.ties {
            Some((w, path)) => {
                close(w, &path)?;
                Some(self.tie_rows)
            }
            None => None,
        };
        Ok((self.firm_rows, ties))
    }
}

/// Writes the classic games' `agents.csv`: one row per agent (its strategy, `C` or `D`) at
/// every snapshot step of every run.
#[derive(Debug)]
pub struct StrategySnapshotWriter {
    w: CsvOut,
    path: PathBuf,
    every: u64,
    run: u64,
    seed: u64,
    rows: u64,
    buf: String,
}

impl StrategySnapshotWriter {
    /// Creates `path` and writes its header; snapshots are taken on steps divisible by
    /// `every` (at least 1) and on each run's last step.
    pub fn create(path: &Path, every: u64) -> Result<StrategySnapshotWriter, OutputError> {
        Ok(StrategySnapshotWriter {
            w: open(path, &Table::ClassicSnapshots.header())?,
            path: path.to_path_buf(),
            every: every.max(1),
            run: 0,
            seed: 0,
            rows: 0,
            buf: String::with_capacity(32),
        })
    }

    /// Starts recording run `run` with seed `seed`.
    pub fn begin_run(&mut self, run: u64, seed: u64) {
        self.run = run;
        self.seed = seed;
    }

    /// Whether step `step` is snapshotted (the caller adds each run's last step).
    pub fn wants(&self, step: u64) -> bool {
        step.is_multiple_of(self.every)
    }

    /// Writes the rows of step `step`: `strategies[i]` is agent `i`'s strategy byte (1
    /// cooperate, 0 defect).
    pub fn write(&mut self, step: u64, strategies: &[u8]) -> Result<(), OutputError> {
        let (w, buf, path) = (&mut self.w, &mut self.buf, &self.path);
        let err = |e| csv_err(path, e);
        for (i, &s) in strategies.iter().enumerate() {
            for v in [self.run, self.seed, step, i as u64].map(Value::Count) {
                write_value(w, buf, v).map_err(err)?;
            }
            w.write_field(if s != 0 { "C" } else { "D" }).map_err(err)?;
            end_record(w).map_err(err)?;
            self.rows += 1;
        }
        Ok(())
    }

    /// Flushes and closes the file; returns its data rows.
    pub fn finish(self) -> Result<u64, OutputError> {
        close(self.w, &self.path)?;
        Ok(self.rows)
    }
}

/// How [`NetworkWriter`] writes each run's final network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkFormat {
    /// `network-RUN.graphml`, one file per run (networkx, Gephi, igraph, Cytoscape).
    Graphml,
    /// `network_nodes.csv` and `network_edges.csv`, all runs in one pair of files.
    Edgelist,
}

/// The GraphML file name of run `run`.
pub fn graphml_file(run: u64) -> String {
    format!("network-{run}.graphml")
}

/// The GraphML `attr.type` of a registry column, from its documented type.
fn graphml_type(c: &Column) -> &'static str {
    if c.ty.starts_with("0 or 1") || c.ty.starts_with("0, 1") {
        "boolean"
    } else if c.ty.starts_with("integer") {
        "long"
    } else {
        "double"
    }
}

/// The GraphML edge attribute `weight`, for the tools that weight edges by it (Gephi's
/// layouts, networkx's weighted algorithms): the mean of the trusts both ways.
pub const GRAPHML_WEIGHT: Column = Column {
    name: "weight",
    ty: "number in [0, 1]",
    unit: "",
    meaning: "`(trust_ab + trust_ba) / 2`",
};

/// Writes a value as GraphML text into `out` (`true`/`false` for booleans); `false` for a
/// missing value, which gets no `<data>` element.
fn graphml_text(v: Value, ty: &str, out: &mut String) -> bool {
    out.clear();
    match (v, ty) {
        (Value::Missing, _) => return false,
        (Value::Count(n), "boolean") => out.push_str(if n != 0 { "true" } else { "false" }),
        (Value::Real(x), _) if x.is_nan() => return false,
        (v, _) => v.write_to(out),
    }
    true
}

/// Writes each run's final network (the firms alive at its end and their ties).
#[derive(Debug)]
pub struct NetworkWriter {
    format: NetworkFormat,
    dir: PathBuf,
    csv: Option<(CsvOut, CsvOut)>,
    /// Files written so far with their rows (GraphML: nodes plus edges).
    files: Vec<(String, u64)>,
    buf: String,
    sorted: Vec<TieRow>,
}

impl NetworkWriter {
    /// A writer into folder `dir` (the edge-list files are created at once, with their
    /// headers; GraphML files one per run).
    pub fn create(dir: &Path, format: NetworkFormat) -> Result<NetworkWriter, OutputError> {
        let csv = match format {
            NetworkFormat::Graphml => None,
            NetworkFormat::Edgelist => Some((
                open(
                    &dir.join(Table::NetworkNodes.file()),
                    &Table::NetworkNodes.header(),
                )?,
                open(
                    &dir.join(Table::NetworkEdges.file()),
                    &Table::NetworkEdges.header(),
                )?,
            )),
        };
        let files = match format {
            NetworkFormat::Graphml => Vec::new(),
            NetworkFormat::Edgelist => vec![
                (Table::NetworkNodes.file().to_string(), 0),
                (Table::NetworkEdges.file().to_string(), 0),
            ],
        };
        Ok(NetworkWriter {
            format,
            dir: dir.to_path_buf(),
            csv,
            files,
            buf: String::with_capacity(32),
            sorted: Vec::new(),
        })
    }

    /// Writes the network of `sim` (at the end of run `run` with seed `seed`).
    pub fn write(&mut self, run: u64, seed: u64, sim: &FirmSimulation) -> Result<(), OutputError> {
        sorted_ties(sim, &mut self.sorted);
        match self.format {
            NetworkFormat::Graphml => self.graphml(run, seed, sim),
            NetworkFormat::Edgelist => self.edgelist(run, seed, sim),
        }
    }

    fn edgelist(&mut self, run: u64, seed: u64, sim: &FirmSimulation) -> Result<(), OutputError> {
        let (nodes, edges) = self.csv.as_mut().expect("edge-list writer");
        let buf = &mut self.buf;
        let keys = [run, seed].map(Value::Count);
        let nodes_path = self.dir.join(Table::NetworkNodes.file());
        let err = |e| csv_err(&nodes_path, e);
        for r in sim.firm_rows().filter(|r| r.alive) {
            let values = keys
                .into_iter()
                .chain([Value::Count(r.id.into())])
                .chain(firm_values(&r, false));
            for v in values {
                write_value(nodes, buf, v).map_err(err)?;
            }
            end_record(nodes).map_err(err)?;
            self.files[0].1 += 1;
        }
        let edges_path = self.dir.join(Table::NetworkEdges.file());
        let err = |e| csv_err(&edges_path, e);
        for t in &self.sorted {
            for v in keys.into_iter().chain(tie_values(t)) {
                write_value(edges, buf, v).map_err(err)?;
            }
            end_record(edges).map_err(err)?;
            self.files[1].1 += 1;
        }
        Ok(())
    }

    fn graphml(&mut self, run: u64, seed: u64, sim: &FirmSimulation) -> Result<(), OutputError> {
        let name = graphml_file(run);
        let path = self.dir.join(&name);
        let file = File::create(&path).map_err(|e| OutputError::io(&path, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        let rows = self
            .graphml_to(&mut w, run, seed, sim)
            .and_then(|rows| w.flush().map(|()| rows))
            .map_err(|e| OutputError::io(&path, e))?;
        self.files.push((name, rows));
        Ok(())
    }

    /// The GraphML document; returns its nodes plus edges.
    fn graphml_to<W: Write>(
        &mut self,
        w: &mut W,
        run: u64,
        seed: u64,
        sim: &FirmSimulation,
    ) -> std::io::Result<u64> {
        let node_cols = &NETWORK_NODE_COLUMNS[3..];
        let edge_cols: Vec<Column> = NETWORK_EDGE_COLUMNS[4..]
            .iter()
            .copied()
            .chain([GRAPHML_WEIGHT])
            .collect();
        writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            w,
            r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
        )?;
        let graph_keys = [("run", run), ("seed", seed), ("step", sim.current_step())];
        for (k, (name, _)) in graph_keys.iter().enumerate() {
            writeln!(
                w,
                r#"  <key id="g{k}" for="graph" attr.name="{name}" attr.type="long"/>"#
            )?;
        }
        for (k, c) in node_cols.iter().enumerate() {
            writeln!(
                w,
                r#"  <key id="n{k}" for="node" attr.name="{}" attr.type="{}"/>"#,
                c.name,
                graphml_type(c)
            )?;
        }
        for (k, c) in edge_cols.iter().enumerate() {
            writeln!(
                w,
                r#"  <key id="e{k}" for="edge" attr.name="{}" attr.type="{}"/>"#,
                c.name,
                graphml_type(c)
            )?;
        }
        writeln!(w, r#"  <graph id="run-{run}" edgedefault="undirected">"#)?;
        for (k, (_, v)) in graph_keys.iter().enumerate() {
            writeln!(w, r#"    <data key="g{k}">{v}</data>"#)?;
        }
        let buf = &mut self.buf;
        let mut rows = 0;
        for r in sim.firm_rows().filter(|r| r.alive) {
            write!(w, r#"    <node id="{}">"#, r.id)?;
            for (k, (v, c)) in firm_values(&r, false).zip(node_cols).enumerate() {
                if graphml_text(v, graphml_type(c), buf) {
                    write!(w, r#"<data key="n{k}">{buf}</data>"#)?;
                }
            }
            writeln!(w, "</node>")?;
            rows += 1;
        }
        for t in &self.sorted {
            write!(w, r#"    <edge source="{}" target="{}">"#, t.a, t.b)?;
            let weight = Value::Real((t.trust_ab + t.trust_ba) / 2.0);
            let values = tie_values(t).into_iter().skip(2).chain([weight]);
            for (k, (v, c)) in values.zip(&edge_cols).enumerate() {
                if graphml_text(v, graphml_type(c), buf) {
                    write!(w, r#"<data key="e{k}">{buf}</data>"#)?;
                }
            }
            writeln!(w, "</edge>")?;
            rows += 1;
        }
        writeln!(w, "  </graph>")?;
        writeln!(w, "</graphml>")?;
        Ok(rows)
    }

    /// Closes the files; returns each file written with its data rows (GraphML: nodes plus
    /// edges), in the order written.
    pub fn finish(self) -> Result<Vec<(String, u64)>, OutputError> {
        if let Some((nodes, edges)) = self.csv {
            close(nodes, &self.dir.join(Table::NetworkNodes.file()))?;
            close(edges, &self.dir.join(Table::NetworkEdges.file()))?;
        }
        Ok(self.files)
    }
}
