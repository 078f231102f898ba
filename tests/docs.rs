//! `docs/outputs.md` lists exactly the columns the program writes: its column tables are
//! generated from the registry of metrics (`asocia_output::metrics`) and must equal it, and the
//! column names it lists must be the headers the real binary writes, in order. The metric
//! lists of `docs/sweeps.md` are checked against the registry the same way.
//!
//! After changing the registry, regenerate the tables and lists with
//! `ASOCIA_BLESS_DOCS=1 cargo test --test integration docs::`.

use std::path::Path;

use asocia_output::metrics::Table;

use crate::common::run_ok;

const DOCS: &str = "docs/outputs.md";

fn docs_text() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOCS);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The byte range of the text between the markers of `table` (the line after
/// `<!-- columns: ID ... -->` up to the line `<!-- end columns -->`); fails the test when the
/// markers are missing.
fn region(text: &str, table: Table) -> std::ops::Range<usize> {
    let open = format!("<!-- columns: {} ", table.id());
    let start = text
        .find(&open)
        .unwrap_or_else(|| panic!("{DOCS}: no `{open}...-->` marker"));
    let start = start + text[start..].find('\n').expect("marker line ends") + 1;
    let end = start
        + text[start..]
            .find("<!-- end columns -->")
            .unwrap_or_else(|| panic!("{DOCS}: no end marker after `{open}`"));
    start..end
}

/// What the docs hold between the markers of `table`: a blank line, the table, a blank line.
fn generated(table: Table) -> String {
    format!("\n{}\n", table.markdown())
}

/// The column names a Markdown column table lists, in order: the back-quoted names of each
/// row's first cell (a row may list several, `` `run`, `seed` ``). Read from the text, not from
/// the generator, so that a hand edit is checked too.
fn documented_columns(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.starts_with("| column"))
        .flat_map(|l| {
            let first = l.split('|').nth(1).unwrap_or("");
            first
                .split('`')
                .skip(1)
                .step_by(2)
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn the_column_tables_of_the_output_docs_are_generated_from_the_registry() {
    let mut text = docs_text();
    if std::env::var_os("ASOCIA_BLESS_DOCS").is_some() {
        for t in Table::ALL {
            let r = region(&text, t);
            text.replace_range(r, &generated(t));
        }
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOCS);
        std::fs::write(&path, &text).unwrap();
    }
    for t in Table::ALL {
        let got = &text[region(&text, t)];
        assert_eq!(
            got,
            generated(t),
            "{DOCS}: the `{}` column table differs from the registry of metrics (crates/output/src/metrics); regenerate it with ASOCIA_BLESS_DOCS=1 cargo test --test integration docs::",
            t.id()
        );
    }
}

/// The header of `file` in `dir`.
fn header(dir: &Path, file: &str) -> Vec<String> {
    let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
    r.headers().unwrap().iter().map(str::to_string).collect()
}

#[test]
fn the_output_docs_list_exactly_the_columns_the_binary_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let runs = [
        (
            "classic",
            "scenarios/default.toml",
            [Table::ClassicTimeseries, Table::ClassicSummary],
        ),
        (
            "firms",
            "scenarios/cluster.toml",
            [Table::FirmTimeseries, Table::FirmSummary],
        ),
    ];
    let text = docs_text();
    for (name, scenario, tables) in runs {
        let out = tmp.path().join(name);
        run_ok(&[
            "run",
            scenario,
            "--out",
            out.to_str().unwrap(),
            "--set",
            "run.steps=2",
            "--set",
            "run.replications=1",
        ]);
        for t in tables {
            let written = header(&out, t.file());
            let documented = documented_columns(&text[region(&text, t)]);
            assert_eq!(
                documented,
                written,
                "{DOCS}: the `{}` table lists other columns than `asocia run {scenario}` writes",
                t.id()
            );
            assert_eq!(written, t.header(), "{}: the registry's header", t.id());
        }
    }
}

#[test]
fn the_output_docs_list_exactly_the_agent_level_columns_the_binary_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("agents");
    run_ok(&[
        "run",
        "scenarios/snapshots.toml",
        "--out",
        out.to_str().unwrap(),
        "--set",
        "run.steps=2",
        "--set",
        "run.replications=1",
        "--set",
        "output.network_final=edgelist",
    ]);
    let text = docs_text();
    for t in [
        Table::FirmSnapshots,
        Table::TieSnapshots,
        Table::NetworkNodes,
        Table::NetworkEdges,
    ] {
        let written = header(&out, t.file());
        let documented = documented_columns(&text[region(&text, t)]);
        assert_eq!(
            documented,
            written,
            "{DOCS}: the `{}` table lists other columns than the binary writes",
            t.id()
        );
        assert_eq!(written, t.header(), "{}: the registry's header", t.id());
    }
    let classic = tmp.path().join("classic");
    run_ok(&[
        "run",
        "scenarios/default.toml",
        "--out",
        classic.to_str().unwrap(),
        "--set",
        "run.steps=2",
        "--set",
        "output.snapshot_every=1",
    ]);
    let t = Table::ClassicSnapshots;
    let written = header(&classic, t.file());
    assert_eq!(documented_columns(&text[region(&text, t)]), written);
    assert_eq!(written, t.header());
}

#[test]
fn documented_columns_reads_rows_listing_several_names() {
    let md = "| column | type |\n|---|---|\n| `run`, `seed` | integer |\n| `step` | `all` or integer |\n";
    assert_eq!(documented_columns(md), ["run", "seed", "step"]);
}

/// The metric names between `from` and the next `to` after it in `text`: every back-quoted
/// span, a span listing several (`` `a, b` ``) split at its commas.
fn names_between(text: &str, from: &str, to: &str) -> Vec<String> {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no `{from}` in the docs"))
        + from.len();
    let end = start + text[start..].find(to).expect("end of the list");
    text[start..end]
        .split('`')
        .skip(1)
        .step_by(2)
        .flat_map(|span| span.split(", ").map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// A list as the study docs write it: one back-quoted span (`` `a, b` ``) or each name
/// back-quoted (`` `a`, `b` ``).
fn list(names: &[&str], one_span: bool) -> String {
    if one_span {
        format!("`{}`", names.join(", "))
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Replaces the text between `from` and `to` with `with` (regenerating a list of the docs),
/// wrapped at 100 columns with the line's indentation, unless the line is a table row.
fn replace_between(text: &mut String, from: &str, to: &str, with: &str) {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("no `{from}` in the docs"))
        + from.len();
    let end = start + text[start..].find(to).expect("end of the list");
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..start];
    let wrapped = if line.starts_with('|') {
        with.to_string()
    } else {
        let indent = &line[..line.len() - line.trim_start().len()];
        let mut out = String::new();
        let mut col = start - line_start;
        for (i, word) in with.split(' ').enumerate() {
            if i > 0 && col + 1 + word.len() > 100 {
                out.push('\n');
                out.push_str(indent);
                col = indent.len();
            } else if i > 0 {
                out.push(' ');
                col += 1;
            }
            out.push_str(word);
            col += word.len();
        }
        out
    };
    text.replace_range(start..end, &wrapped);
}

#[test]
fn the_metric_lists_of_the_study_docs_follow_the_registry() {
    use asocia_output::metrics::{
        Shown, CLASSIC_FINAL_NAMES, CLASSIC_STEP_SUMMARISED, FIRM_FINAL_NAMES, FIRM_STEP,
        FIRM_STEP_SUMMARISED,
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sweeps.md");
    let mut text = std::fs::read_to_string(&path).unwrap();
    let plotted: Vec<&str> = FIRM_STEP
        .iter()
        .filter(|m| m.info.shown == Shown::Plotted)
        .map(|m| m.info.name)
        .collect();
    // (where the list starts, where it ends, the registry's names, one back-quoted span)
    let lists: [(&str, &str, &[&str], bool); 4] = [
        // `runs.csv`: the final metrics of each model, in column order.
        (
            "the model's final metrics (",
            " for the classic games",
            &CLASSIC_FINAL_NAMES,
            true,
        ),
        (
            "for the classic games; ",
            " for the firm economy",
            &FIRM_FINAL_NAMES,
            true,
        ),
        // `timeseries_summary.csv`: the per-step metrics summarised, in order.
        (
            "classic games: `group` is `all`; metrics ",
            ".",
            &CLASSIC_STEP_SUMMARISED,
            false,
        ),
        (
            "(cluster, block); metrics ",
            " — ",
            &FIRM_STEP_SUMMARISED,
            false,
        ),
    ];
    let plotted_list = (
        "for the firm economy the total (`group = all`) of ",
        " (the others",
    );
    if std::env::var_os("ASOCIA_BLESS_DOCS").is_some() {
        for (from, to, names, one_span) in lists {
            replace_between(&mut text, from, to, &list(names, one_span));
        }
        let (from, to) = plotted_list;
        replace_between(&mut text, from, to, &list(&plotted, false));
        std::fs::write(&path, &text).unwrap();
    }
    for (from, to, names, _) in lists {
        assert_eq!(
            names_between(&text, from, to),
            names,
            "docs/sweeps.md: the list after `{from}` differs from the registry of metrics; regenerate it with ASOCIA_BLESS_DOCS=1 cargo test --test integration docs::"
        );
    }
    // The time series plotted for the firm economy (in any order).
    let (from, to) = plotted_list;
    let mut documented = names_between(&text, from, to);
    documented.sort_unstable();
    let mut want = plotted;
    want.sort_unstable();
    assert_eq!(documented, want, "docs/sweeps.md: the plotted time series");
}
