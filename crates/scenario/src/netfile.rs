//! Network files: the edge-list CSV (`source,target`) and the optional node-attribute CSV
//! (`id` plus any of `group,x,y,strategy`, and for firm scenarios
//! `capital,productivity,opportunism`) of `[network] kind = "file"`, read and checked when
//! the scenario is loaded so that their mistakes appear before any run, each naming file and line.

use std::path::Path;

use asocia_core::classic::config::Strategy;
use asocia_core::network::{Network, NetworkError};

use crate::error::{Loc, Part, Sink};
use crate::suggest::did_you_mean;
use crate::NetworkFile;

/// Diagnostics reported per CSV file before giving up on it.
const MAX_ERRORS: usize = 20;
/// Columns a nodes file may have.
const NODE_COLUMNS: &[&str] = &[
    "id",
    "group",
    "x",
    "y",
    "strategy",
    "capital",
    "productivity",
    "opportunism",
];

/// Which firm attribute columns (`capital`, `productivity`, `opportunism`) the scenario
/// reads from the nodes file: `None` for a classic scenario (none may appear), else one flag
/// per attribute (`true` when its distribution is `"file"`).
pub(crate) type FirmColumns = Option<[bool; 3]>;

/// Reports the mistakes of one CSV file, up to [`MAX_ERRORS`].
struct FileSink<'s, 'a> {
    sink: &'s mut Sink<'a>,
    part: Part,
    origin: String,
    count: usize,
}

impl FileSink<'_, '_> {
    /// Reports at `line:column`; `false` once the file has too many errors to go on.
    fn at(&mut self, line: usize, column: usize, message: impl Into<String>) -> bool {
        if self.count == MAX_ERRORS {
            return false;
        }
        self.count += 1;
        if self.count == MAX_ERRORS {
            self.sink.in_file(
                self.part,
                &self.origin,
                line,
                column,
                format!("{} (too many errors; stopping here)", message.into()),
            );
            return false;
        }
        self.sink
            .in_file(self.part, &self.origin, line, column, message);
        true
    }
}

/// One CSV row: its line and its trimmed fields with their 1-based columns.
struct Row {
    line: usize,
    fields: Vec<(String, usize)>,
}

/// Reads every row of a CSV file (`#` starts a comment line); `None` if unreadable.
fn read_rows(
    path: &Path,
    what: &str,
    loc: Option<Loc>,
    out: &mut FileSink<'_, '_>,
) -> Option<Vec<Row>> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            out.sink.at(
                loc,
                format!("`{what}`: cannot read {}: {e}", path.display()),
            );
            return None;
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(bytes.as_slice());
    let mut rows = Vec::new();
    for result in reader.records() {
        match result {
            Ok(record) => {
                let line = record.position().map_or(1, |p| p.line() as usize);
                let fields = record
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let start = record.range(i).map_or(0, |r| r.start);
                        let lead = f.len() - f.trim_start().len();
                        (f.trim().to_string(), start + i + lead + 1)
                    })
                    .collect();
                rows.push(Row { line, fields });
            }
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                out.at(line, 1, format!("malformed CSV: {e}"));
                return None;
            }
        }
    }
    Some(rows)
}

fn parse_id(s: &str) -> Option<u32> {
    s.parse::<u32>().ok().filter(|&i| i < u32::MAX)
}

/// Node attributes read from the nodes file.
struct Nodes {
    n: usize,
    group: Option<Vec<u32>>,
    position: Option<Vec<[f64; 2]>>,
    strategies: Option<Vec<Strategy>>,
    capital: Option<Vec<f64>>,
    productivity: Option<Vec<f64>>,
    opportunism: Option<Vec<f64>>,
}

fn read_nodes(
    path: &Path,
    loc: Option<Loc>,
    wanted: FirmColumns,
    out: &mut FileSink<'_, '_>,
) -> Option<Nodes> {
    let rows = read_rows(path, "nodes", loc, out)?;
    let Some((header, rows)) = rows.split_first() else {
        out.at(
            1,
            1,
            "empty nodes file; expected a header with `id` and any of `group,x,y,strategy`",
        );
        return None;
    };
    let mut ok = true;
    let mut col = [None::<usize>; 8];
    for (i, (name, column)) in header.fields.iter().enumerate() {
        match NODE_COLUMNS.iter().position(|c| c == name) {
            Some(c) if col[c].is_some() => {
                ok = false;
                out.at(header.line, *column, format!("duplicate column `{name}`"));
            }
            Some(c) if c >= 5 && !wanted.is_some_and(|w| w[c - 5]) => {
                ok = false;
                let message = match wanted {
                    None => format!(
                        "column `{name}` is a firm attribute, read only with [scenario] model = \"firms\"; drop it or switch the model"
                    ),
                    Some(_) => format!(
                        "column `{name}` is not used: [firms] {name} is not \"file\" (set {name} = \"file\" to read it, or drop the column)"
                    ),
                };
                out.at(header.line, *column, message);
            }
            Some(c) => col[c] = Some(i),
            None => {
                ok = false;
                out.at(
                    header.line,
                    *column,
                    format!(
                        "unknown column `{name}`{} (a nodes file has `id` and any of `group`, `x`, `y`, `strategy`{})",
                        did_you_mean(name, NODE_COLUMNS),
                        if wanted.is_some() {
                            ", `capital`, `productivity`, `opportunism`"
                        } else {
                            ""
                        }
                    ),
                );
            }
        }
    }
    if col[0].is_none() {
        ok = false;
        out.at(header.line, 1, "missing column `id`");
    }
    match (col[2], col[3]) {
        (Some(_), None) => {
            ok = false;
            out.at(header.line, 1, "missing column `y` (column `x` needs it)");
        }
        (None, Some(_)) => {
            ok = false;
            out.at(header.line, 1, "missing column `x` (column `y` needs it)");
        }
        _ => {}
    }
    if let Some(w) = wanted {
        for (k, attr) in NODE_COLUMNS[5..].iter().enumerate() {
            if w[k] && col[5 + k].is_none() {
                ok = false;
                out.at(
                    header.line,
                    1,
                    format!("missing column `{attr}` ([firms] {attr} = \"file\" reads it)"),
                );
            }
        }
    }
    if !ok {
        return None;
    }
    let [id_c, group_c, x_c, y_c, strategy_c, cap_c, prod_c, opp_c] = col;
    let mut attrs: [Option<Vec<f64>>; 3] = [
        cap_c.map(|_| vec![0.0; rows.len()]),
        prod_c.map(|_| vec![0.0; rows.len()]),
        opp_c.map(|_| vec![0.0; rows.len()]),
    ];
    let id_c = id_c?;
    let n = rows.len();
    let width = header.fields.len();
    let mut first_line = vec![0usize; n];
    let mut group = group_c.map(|_| vec![0u32; n]);
    let mut position = x_c.map(|_| vec![[0.0f64; 2]; n]);
    let mut strategies = strategy_c.map(|_| vec![Strategy::Defect; n]);
    for row in rows {
        if row.fields.len() != width {
            ok = false;
            if !out.at(
                row.line,
                1,
                format!(
                    "malformed row: expected {width} fields as in the header, found {}",
                    row.fields.len()
                ),
            ) {
                return None;
            }
            continue;
        }
        let (id_s, id_col) = &row.fields[id_c];
        let Some(id) = parse_id(id_s).map(|i| i as usize) else {
            ok = false;
            if !out.at(
                row.line,
                *id_col,
                format!("`{id_s}` is not a node id (expected a non-negative integer)"),
            ) {
                return None;
            }
            continue;
        };
        if id >= n {
            ok = false;
            if !out.at(
                row.line,
                *id_col,
                format!(
                    "id {id} is out of range: the file lists {n} nodes, so ids must be 0..{}",
                    n.saturating_sub(1)
                ),
            ) {
                return None;
            }
            continue;
        }
        if first_line[id] != 0 {
            ok = false;
            if !out.at(
                row.line,
                *id_col,
                format!("duplicate id {id} (first at line {})", first_line[id]),
            ) {
                return None;
            }
            continue;
        }
        first_line[id] = row.line;
        let mut fail = |column: usize, message: String| {
            ok = false;
            out.at(row.line, column, message)
        };
        if let (Some(c), Some(g)) = (group_c, group.as_mut()) {
            let (s, column) = &row.fields[c];
            match s.parse::<u32>() {
                Ok(v) => g[id] = v,
                Err(_) => {
                    if !fail(
                        *column,
                        format!("group `{s}` is not a non-negative integer"),
                    ) {
                        return None;
                    }
                }
            }
        }
        if let (Some(xc), Some(yc), Some(pos)) = (x_c, y_c, position.as_mut()) {
            for (axis, c) in [xc, yc].into_iter().enumerate() {
                let (s, column) = &row.fields[c];
                match s.parse::<f64>() {
                    Ok(v) if v.is_finite() => pos[id][axis] = v,
                    _ => {
                        if !fail(*column, format!("coordinate `{s}` is not a finite number")) {
                            return None;
                        }
                    }
                }
            }
        }
        for (k, (c, values)) in [cap_c, prod_c, opp_c]
            .iter()
            .zip(attrs.iter_mut())
            .enumerate()
        {
            let (Some(c), Some(values)) = (c, values.as_mut()) else {
                continue;
            };
            let (s, column) = &row.fields[*c];
            let (ok_value, expect) = match (k, s.parse::<f64>()) {
                (0, Ok(v)) if v.is_finite() => (Some(v), ""),
                (1, Ok(v)) if v.is_finite() && v >= 0.0 => (Some(v), ""),
                (2, Ok(v)) if (0.0..=1.0).contains(&v) => (Some(v), ""),
                (0, _) => (None, "a finite number"),
                (1, _) => (None, "a number >= 0"),
                _ => (None, "a number in [0, 1]"),
            };
            match ok_value {
                Some(v) => values[id] = v,
                None => {
                    if !fail(
                        *column,
                        format!("{} `{s}` is not {expect}", NODE_COLUMNS[5 + k]),
                    ) {
                        return None;
                    }
                }
            }
        }
        if let (Some(c), Some(st)) = (strategy_c, strategies.as_mut()) {
            let (s, column) = &row.fields[c];
            match s.as_str() {
                "C" | "c" => st[id] = Strategy::Cooperate,
                "D" | "d" => st[id] = Strategy::Defect,
                _ => {
                    if !fail(
                        *column,
                        format!("strategy `{s}` is not C (cooperate) or D (defect)"),
                    ) {
                        return None;
                    }
                }
            }
        }
    }
    if n == 0 {
        out.at(header.line, 1, "the nodes file lists no nodes");
        return None;
    }
    let [capital, productivity, opportunism] = attrs;
    ok.then_some(Nodes {
        n,
        group,
        position,
        strategies,
        capital,
        productivity,
        opportunism,
    })
}

/// Reads the edge list; ties are returned with the smaller id first, sorted, duplicates
/// (including the same tie in both directions) merged.
fn read_edges(
    path: &Path,
    loc: Option<Loc>,
    n: Option<usize>,
    out: &mut FileSink<'_, '_>,
) -> Option<(usize, Vec<(u32, u32)>)> {
    let rows = read_rows(path, "edges", loc, out)?;
    let Some((header, rows)) = rows.split_first() else {
        out.at(1, 1, "empty edge list; expected the header `source,target`");
        return None;
    };
    let names: Vec<&str> = header.fields.iter().map(|(s, _)| s.as_str()).collect();
    if names != ["source", "target"] {
        let found = names.join(",");
        out.at(
            header.line,
            1,
            format!("the edge list header must be `source,target`, found `{found}`"),
        );
        return None;
    }
    let mut ok = true;
    let mut edges = Vec::with_capacity(rows.len());
    // The largest id and where it is written (line, column).
    let mut max_id = None::<(u32, usize, usize)>;
    for row in rows {
        if row.fields.len() != 2 {
            ok = false;
            if !out.at(
                row.line,
                1,
                format!(
                    "malformed row: expected 2 fields (source,target), found {}",
                    row.fields.len()
                ),
            ) {
                return None;
            }
            continue;
        }
        let mut ids = [0u32; 2];
        let mut row_ok = true;
        for (slot, (s, column)) in ids.iter_mut().zip(&row.fields) {
            let message = match parse_id(s) {
                Some(id) if n.is_none_or(|n| (id as usize) < n) => {
                    *slot = id;
                    continue;
                }
                Some(id) => format!(
                    "node id {id} is out of range: the nodes file lists {} nodes (ids 0..{})",
                    n.unwrap_or(0),
                    n.unwrap_or(0).saturating_sub(1)
                ),
                None => format!("`{s}` is not a node id (expected a non-negative integer)"),
            };
            row_ok = false;
            if !out.at(row.line, *column, message) {
                return None;
            }
        }
        if !row_ok {
            ok = false;
            continue;
        }
        let [a, b] = ids;
        if a == b {
            ok = false;
            if !out.at(
                row.line,
                1,
                format!("self-tie {a}–{b}: a firm cannot be its own partner"),
            ) {
                return None;
            }
            continue;
        }
        let (k, top) = if a >= b { (0, a) } else { (1, b) };
        if max_id.is_none_or(|(m, _, _)| top > m) {
            max_id = Some((top, row.line, row.fields[k].1));
        }
        edges.push((a.min(b), a.max(b)));
    }
    if !ok {
        return None;
    }
    let count = match (n, max_id) {
        (Some(n), _) => n,
        (None, Some((m, line, column))) => {
            let named = named_firms(&edges);
            let count = m as usize + 1;
            if count - named > named + MAX_EXTRA_UNNAMED {
                out.at(
                    line,
                    column,
                    format!(
                        "node id {m} would make the network {count} firms, but the edge list names only {named}: without a nodes file the firms are 0..={m}, and at most {} of them may have no tie (the firms named, plus {MAX_EXTRA_UNNAMED}); correct the id, or list the firms in a nodes file (`[network] nodes`) to load many isolated firms",
                        named + MAX_EXTRA_UNNAMED
                    ),
                );
                return None;
            }
            count
        }
        (None, None) => {
            out.at(
                header.line,
                1,
                "the edge list has no ties; list the firms in a nodes file to load isolated firms",
            );
            return None;
        }
    };
    edges.sort_unstable();
    edges.dedup();
    Some((count, edges))
}

/// Without a nodes file, how many more firms than the edge list names may have no tie: the
/// firms are `0..=` the largest id, so a typo'd id (4,000,000,000 among ids below 1000) would
/// otherwise make a network of billions of isolated firms that cannot be allocated.
pub(crate) const MAX_EXTRA_UNNAMED: usize = 1000;

/// Number of distinct ids among `edges`.
fn named_firms(edges: &[(u32, u32)]) -> usize {
    let mut ids: Vec<u32> = edges.iter().flat_map(|&(a, b)| [a, b]).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

/// Reads and checks the network files of `[network] kind = "file"`.
pub(crate) fn load(
    edges: &Path,
    edges_loc: Option<Loc>,
    nodes: Option<&Path>,
    nodes_loc: Option<Loc>,
    wanted: FirmColumns,
    sink: &mut Sink<'_>,
) -> Option<NetworkFile> {
    let node_attrs = match nodes {
        Some(path) => {
            let mut out = FileSink {
                sink: &mut *sink,
                part: Part::Nodes,
                origin: path.display().to_string(),
                count: 0,
            };
            Some(read_nodes(path, nodes_loc, wanted, &mut out))
        }
        None => None,
    };
    let mut out = FileSink {
        sink,
        part: Part::Edges,
        origin: edges.display().to_string(),
        count: 0,
    };
    let known_n = match &node_attrs {
        Some(Some(a)) => Some(a.n),
        // A broken nodes file: still check the edge list's own syntax.
        Some(None) => Some(usize::MAX),
        None => None,
    };
    let (n, ties) = read_edges(edges, edges_loc, known_n, &mut out)?;
    let attrs = match node_attrs {
        Some(a) => Some(a?),
        None => None,
    };
    Some(NetworkFile {
        edges_path: edges.to_path_buf(),
        nodes_path: nodes.map(Path::to_path_buf),
        node_count: n,
        edges: ties,
        group: attrs.as_ref().and_then(|a| a.group.clone()),
        position: attrs.as_ref().and_then(|a| a.position.clone()),
        strategies: attrs.as_ref().and_then(|a| a.strategies.clone()),
        capital: attrs.as_ref().and_then(|a| a.capital.clone()),
        productivity: attrs.as_ref().and_then(|a| a.productivity.clone()),
        opportunism: attrs.and_then(|a| a.opportunism),
    })
}

/// Builds the network of a loaded file.
pub(crate) fn build(file: &NetworkFile) -> Result<Network, NetworkError> {
    Network::from_edges(
        file.node_count,
        &file.edges,
        file.group.clone(),
        file.position.clone(),
    )
}
