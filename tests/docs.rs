//! `docs/outputs.md` lists exactly the columns the program writes: its column tables are
//! generated from the registry of metrics (`asocia_output::metrics`) and must equal it, and the
//! column names it lists must be the headers the real binary writes, in order.
//!
//! After changing the registry, regenerate the tables with
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

#[test]
fn the_metric_lists_of_the_study_docs_follow_the_registry() {
    use asocia_output::metrics::{
        Shown, CLASSIC_FINAL_NAMES, CLASSIC_STEP_SUMMARISED, FIRM_FINAL_NAMES, FIRM_STEP,
        FIRM_STEP_SUMMARISED,
    };
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/sweeps.md");
    let text = std::fs::read_to_string(path).unwrap();
    // `runs.csv`: the final metrics of each model, in column order.
    assert_eq!(
        names_between(
            &text,
            "the model's final metrics (",
            " for the classic games"
        ),
        CLASSIC_FINAL_NAMES
    );
    assert_eq!(
        names_between(&text, "for the classic games; ", " for the firm economy"),
        FIRM_FINAL_NAMES
    );
    // `timeseries_summary.csv`: the per-step metrics summarised, in order.
    assert_eq!(
        names_between(&text, "classic games: `group` is `all`; metrics ", "."),
        CLASSIC_STEP_SUMMARISED
    );
    assert_eq!(
        names_between(&text, "(cluster, block); metrics ", " — "),
        FIRM_STEP_SUMMARISED
    );
    // The time series plotted for the firm economy (in any order).
    let mut plotted = names_between(
        &text,
        "for the firm economy the total (`group = all`) of ",
        " (the others",
    );
    plotted.sort_unstable();
    let mut want: Vec<&str> = FIRM_STEP
        .iter()
        .filter(|m| m.info.shown == Shown::Plotted)
        .map(|m| m.info.name)
        .collect();
    want.sort_unstable();
    assert_eq!(plotted, want);
}
