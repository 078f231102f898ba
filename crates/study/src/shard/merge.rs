//! Merging the folders of a sweep's shards into the files the whole sweep on one machine writes,
//! byte for byte: the shards are checked first (same scenario hash, same program version, same
//! options, every shard index once, every run of each shard there once), then their rows are fed
//! in run order through the sweep's own accumulators and writers, so the summaries, per-step
//! summaries and sensitivity indices are computed from the rows exactly as the sweep computes
//! them; `timeseries.csv` is the shards' rows, put back in run order.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use asocia_output::{ManifestFile, OutputDir, OutputError};

use super::run::{parse_cell, step_values_header};
use super::{assign, scenario_hash, Shard, SHARD_FILE, STEP_VALUES_FILE};
use crate::steps::{StepValues, Steps};
use crate::sweep::{
    failures_header, runs_header, sensitivity, timeseries_description, Done, Points, Selection,
    SweepCsv, SweepFailure, SweepOptions, SweepPlan, SweepSink,
};
use crate::{file_entry, ScenarioInput, StudyError};

/// What a merge wrote.
#[derive(Debug)]
pub struct MergeOutcome {
    /// The sweep the shards come from, loaded back from their `shard.json`.
    pub plan: SweepPlan,
    /// The options the shards ran with (time series, step summaries).
    pub options: SweepOptions,
    /// How many shards.
    pub shards: u64,
    /// Runs merged (every run of the sweep).
    pub runs: u64,
    /// The files written, for the manifest.
    pub files: Vec<ManifestFile>,
    /// Warnings of the sensitivity analysis, as a sweep gives them.
    pub warnings: Vec<String>,
}

/// One shard folder's `shard.json`.
struct Info {
    dir: PathBuf,
    shard: Shard,
    version: String,
    hash: String,
    study: String,
    timeseries: bool,
    step_summary: bool,
}

fn invalid(m: String) -> StudyError {
    StudyError::Invalid(m)
}

fn io(path: &Path, e: std::io::Error) -> StudyError {
    StudyError::Output(OutputError::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

fn read_info(dir: &Path) -> Result<Info, StudyError> {
    let path = dir.join(SHARD_FILE);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        invalid(format!(
            "{}: cannot read {SHARD_FILE} ({e}): not the folder of a finished `asocia sweep --shard` (a shard killed before it finished leaves none: run it again)",
            dir.display()
        ))
    })?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| invalid(format!("{}: {e}", path.display())))?;
    let field = |k: &str| {
        json.get(k)
            .ok_or_else(|| invalid(format!("{}: no `{k}`", path.display())))
    };
    let num = |v: &serde_json::Value, k: &str| {
        v.get(k)
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| invalid(format!("{}: `{k}` is not a whole number", path.display())))
    };
    let string = |k: &str| -> Result<String, StudyError> {
        field(k)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| invalid(format!("{}: `{k}` is not a string", path.display())))
    };
    let flag = |k: &str| -> Result<bool, StudyError> {
        field(k)?
            .as_bool()
            .ok_or_else(|| invalid(format!("{}: `{k}` is not true or false", path.display())))
    };
    let shard = field("shard")?;
    Ok(Info {
        dir: dir.to_path_buf(),
        shard: Shard {
            index: num(shard, "index")?,
            count: num(shard, "count")?,
        },
        version: string("version")?,
        hash: string("scenario_hash")?,
        study: string("study")?,
        timeseries: flag("timeseries")?,
        step_summary: flag("step_summary")?,
    })
}

/// Checks that the shards belong together and that every index is there once.
fn check_shards(infos: &[Info], version: &str) -> Result<(), StudyError> {
    let first = &infos[0];
    let mut problems = Vec::new();
    for i in infos {
        if i.version != version {
            problems.push(format!(
                "{} was made by asocia {}, this is asocia {version}: run every shard and the merge with the same program",
                i.dir.display(),
                i.version
            ));
        }
        if i.hash != first.hash {
            problems.push(format!(
                "{} comes from another scenario than {} (scenario hash {} against {}): shards must come from the same scenario file and --set overrides",
                i.dir.display(),
                first.dir.display(),
                i.hash,
                first.hash
            ));
        }
        if i.shard.count != first.shard.count {
            problems.push(format!(
                "{} is shard {} of {}, {} shard {} of {}: the shards of one sweep share their count",
                i.dir.display(),
                i.shard.index,
                i.shard.count,
                first.dir.display(),
                first.shard.index,
                first.shard.count
            ));
        }
        if (i.timeseries, i.step_summary) != (first.timeseries, first.step_summary) {
            problems.push(format!(
                "{} ran with --timeseries {} and --step-summary {}, {} with {} and {}: run every shard with the same options",
                i.dir.display(),
                i.timeseries,
                i.step_summary,
                first.dir.display(),
                first.timeseries,
                first.step_summary
            ));
        }
    }
    if problems.is_empty() {
        let n = first.shard.count;
        for index in 0..n {
            let holders: Vec<String> = infos
                .iter()
                .filter(|i| i.shard.index == index)
                .map(|i| i.dir.display().to_string())
                .collect();
            match holders.len() {
                0 => problems.push(format!(
                    "shard {index} of {n} is missing (none of the folders given holds it)"
                )),
                1 => {}
                _ => problems.push(format!(
                    "shard {index} of {n} is given more than once: {}",
                    holders.join(", ")
                )),
            }
        }
    }
    match problems.is_empty() {
        true => Ok(()),
        false => Err(invalid(format!(
            "cannot merge the shards:\n  {}",
            problems.join("\n  ")
        ))),
    }
}

/// A run's seed and final metrics, read from a shard's `runs.csv`, or its error, read from its
/// `failures.csv`.
type Row = (u64, Result<Vec<f64>, String>);

/// The cell of a CSV field as written by the csv crate: unquoted (`""` inside quotes is `"`).
fn unquote(cell: &str) -> String {
    match cell.strip_prefix('"').and_then(|c| c.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => cell.to_string(),
    }
}

/// Up to 10 run numbers, then how many more.
fn list(runs: &[u64]) -> String {
    let mut s: Vec<String> = runs.iter().take(10).map(u64::to_string).collect();
    if runs.len() > 10 {
        s.push(format!("… ({} in all)", runs.len()));
    }
    s.join(", ")
}

/// Adds to `problems` the runs of shard `index` (in `dir`) that belong to other shards and the
/// runs found twice (with the shard that had them first).
fn report(
    problems: &mut Vec<String>,
    index: u64,
    dir: &dyn std::fmt::Display,
    foreign: &[u64],
    twice: Vec<(u64, u32)>,
) {
    if !foreign.is_empty() {
        problems.push(format!(
            "shard {index} ({dir}): runs {} belong to other shards",
            list(foreign)
        ));
    }
    for (run, other) in twice {
        problems.push(match u64::from(other) == index {
            true => format!("shard {index} ({dir}): run {run} is there twice"),
            false => {
                format!("run {run} is duplicated: in shard {other} and in shard {index} ({dir})")
            }
        });
    }
}

/// Reads every shard's `runs.csv` into `rows` (seed and metric values per run), reporting runs
/// missing, duplicated or in the wrong shard.
fn read_runs(
    plan: &SweepPlan,
    infos: &[Info],
    owner: &[u32],
) -> Result<Vec<Option<Row>>, StudyError> {
    let header = runs_header(plan).join(",");
    let n_metrics = plan.metrics().len();
    let mut rows: Vec<Option<Row>> = vec![None; owner.len()];
    let mut seen_in: Vec<u32> = vec![u32::MAX; owner.len()];
    let mut problems = Vec::new();
    let mut by_index: Vec<&Info> = infos.iter().collect();
    by_index.sort_by_key(|i| i.shard.index);
    for info in by_index {
        let (index, dir) = (info.shard.index, info.dir.display());
        let path = info.dir.join("runs.csv");
        let file = File::open(&path).map_err(|e| io(&path, e))?;
        let mut lines = BufReader::new(file).lines();
        match lines.next().transpose().map_err(|e| io(&path, e))? {
            Some(h) if h == header => {}
            _ => {
                problems.push(format!(
                    "shard {index} ({dir}): runs.csv does not have the sweep's header"
                ));
                continue;
            }
        }
        let (mut foreign, mut twice) = (Vec::new(), Vec::new());
        for (k, line) in lines.enumerate() {
            let line = line.map_err(|e| io(&path, e))?;
            let cells: Vec<&str> = line.split(',').collect();
            let bad_row = || {
                invalid(format!(
                    "{}: line {}: not a row of this sweep's runs.csv",
                    path.display(),
                    k + 2
                ))
            };
            let run: u64 = cells[0].parse().map_err(|_| bad_row())?;
            if run >= owner.len() as u64 || cells.len() != 4 + plan.keys().len() + n_metrics {
                return Err(bad_row());
            }
            let seed: u64 = cells[3].parse().map_err(|_| bad_row())?;
            let values = cells[cells.len() - n_metrics..]
                .iter()
                .map(|c| parse_cell(c).ok_or_else(bad_row))
                .collect::<Result<Vec<f64>, _>>()?;
            let r = run as usize;
            if u64::from(owner[r]) != index {
                foreign.push(run);
            }
            if seen_in[r] != u32::MAX {
                twice.push((run, seen_in[r]));
                continue;
            }
            seen_in[r] = index as u32;
            rows[r] = Some((seed, Ok(values)));
        }
        // The shard's failed runs: run, point, replication, seed, the levels, the error (the
        // last cell, which may hold commas).
        let path = info.dir.join("failures.csv");
        let file = match File::open(&path) {
            Ok(f) => f,
            // A shard written before failed runs were recorded has none.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                report(&mut problems, index, &dir, &foreign, twice);
                continue;
            }
            Err(e) => return Err(io(&path, e)),
        };
        let mut lines = BufReader::new(file).lines();
        let fields = 4 + plan.keys().len() + 1;
        match lines.next().transpose().map_err(|e| io(&path, e))? {
            Some(h) if h == failures_header(plan).join(",") => {}
            _ => {
                problems.push(format!(
                    "shard {index} ({dir}): failures.csv does not have the sweep's header"
                ));
                report(&mut problems, index, &dir, &foreign, twice);
                continue;
            }
        }
        for (k, line) in lines.enumerate() {
            let line = line.map_err(|e| io(&path, e))?;
            let cells: Vec<&str> = line.splitn(fields, ',').collect();
            let bad_row = || {
                invalid(format!(
                    "{}: line {}: not a row of this sweep's failures.csv",
                    path.display(),
                    k + 2
                ))
            };
            if cells.len() != fields {
                return Err(bad_row());
            }
            let run: u64 = cells[0].parse().map_err(|_| bad_row())?;
            let seed: u64 = cells[3].parse().map_err(|_| bad_row())?;
            if run >= owner.len() as u64 {
                return Err(bad_row());
            }
            let r = run as usize;
            if u64::from(owner[r]) != index {
                foreign.push(run);
            }
            if seen_in[r] != u32::MAX {
                twice.push((run, seen_in[r]));
                continue;
            }
            seen_in[r] = index as u32;
            rows[r] = Some((seed, Err(unquote(cells[fields - 1]))));
        }
        report(&mut problems, index, &dir, &foreign, twice);
    }
    for info in infos {
        let index = info.shard.index;
        let missing: Vec<u64> = (0..owner.len())
            .filter(|&r| u64::from(owner[r]) == index && rows[r].is_none())
            .map(|r| r as u64)
            .collect();
        if !missing.is_empty() {
            let planned = owner.iter().filter(|&&s| u64::from(s) == index).count();
            problems.push(format!(
                "shard {index} ({}): runs {} missing ({} of its {planned} runs; an interrupted shard: run it again)",
                info.dir.display(),
                list(&missing),
                missing.len()
            ));
        }
    }
    match problems.is_empty() {
        true => Ok(rows),
        false => Err(invalid(format!(
            "cannot merge the shards:\n  {}",
            problems.join("\n  ")
        ))),
    }
}

/// A shard's file read run by run (its rows are in run order, the run in the first column);
/// lines are kept as they are, line ending included.
struct Blocks {
    path: PathBuf,
    reader: BufReader<File>,
    next: Option<String>,
    header: String,
}

impl Blocks {
    fn open(path: PathBuf) -> Result<Blocks, StudyError> {
        let file = File::open(&path).map_err(|e| io(&path, e))?;
        let mut b = Blocks {
            path,
            reader: BufReader::new(file),
            next: None,
            header: String::new(),
        };
        b.advance()?;
        b.header = b.next.take().unwrap_or_default();
        b.advance()?;
        Ok(b)
    }

    fn advance(&mut self) -> Result<(), StudyError> {
        let mut line = String::new();
        let n = self
            .reader
            .read_line(&mut line)
            .map_err(|e| io(&self.path, e))?;
        self.next = (n > 0).then_some(line);
        Ok(())
    }

    /// The rows of run `run` (at least one).
    fn take(&mut self, run: u64) -> Result<Vec<String>, StudyError> {
        let key = format!("{run},");
        let mut rows = Vec::new();
        while self.next.as_ref().is_some_and(|l| l.starts_with(&key)) {
            rows.push(self.next.take().expect("a line"));
            self.advance()?;
        }
        if rows.is_empty() {
            return Err(invalid(format!(
                "{}: no rows for run {run} where its rows should be (a damaged shard: run it again)",
                self.path.display()
            )));
        }
        Ok(rows)
    }

    fn finish(&self) -> Result<(), StudyError> {
        match &self.next {
            None => Ok(()),
            Some(line) => Err(invalid(format!(
                "{}: a row after the shard's last run: {}",
                self.path.display(),
                line.trim_end()
            ))),
        }
    }
}

/// Parses `step_values.csv` rows of one run back into its step values.
fn parse_step_values(path: &Path, rows: &[String]) -> Result<Vec<StepValues>, StudyError> {
    let mut out: Vec<StepValues> = Vec::new();
    for row in rows {
        let bad = || invalid(format!("{}: a damaged row: {row}", path.display()));
        let cells: Vec<&str> = row.trim_end_matches(['\r', '\n']).split(',').collect();
        if cells.len() < 3 {
            return Err(bad());
        }
        let step: u64 = cells[1].parse().map_err(|_| bad())?;
        let group = match cells[2] {
            "" => None,
            g => Some(g.parse::<u32>().map_err(|_| bad())?),
        };
        let values = cells[3..]
            .iter()
            .map(|c| parse_cell(c).ok_or_else(bad))
            .collect::<Result<Vec<f64>, _>>()?;
        match out.last_mut() {
            Some((s, groups)) if *s == step => groups.push((group, values)),
            _ => out.push((step, vec![(group, values)])),
        }
    }
    Ok(out)
}

/// Checks the shard folders `dirs` (see the module documentation) and writes the sweep's files
/// into `out`. `version` is this program's version: shards of another version are refused.
pub fn merge_shards(
    dirs: &[PathBuf],
    out: &OutputDir,
    version: &str,
) -> Result<MergeOutcome, StudyError> {
    if dirs.is_empty() {
        return Err(invalid("merge: no shard folders given".into()));
    }
    let infos = dirs
        .iter()
        .map(|d| read_info(d))
        .collect::<Result<Vec<Info>, _>>()?;
    check_shards(&infos, version)?;
    let first = &infos[0];
    let input = ScenarioInput::text(
        &first.study,
        &format!("{} (study)", first.dir.join(SHARD_FILE).display()),
        &[],
    );
    let plan = SweepPlan::load(&input)?;
    if scenario_hash(&plan) != first.hash {
        return Err(invalid(format!(
            "{}: the study it records does not load back to the same study (hash {} against {})",
            first.dir.join(SHARD_FILE).display(),
            scenario_hash(&plan),
            first.hash
        )));
    }
    let count = first.shard.count;
    let owner = assign(&plan, count)?;
    let rows = read_runs(&plan, &infos, &owner)?;
    let options = SweepOptions {
        selection: Selection::All,
        timeseries: first.timeseries,
        step_summary: first.step_summary,
    };
    let mut by_index: Vec<&Info> = infos.iter().collect();
    by_index.sort_by_key(|i| i.shard.index);

    // Runs, summaries, step summaries and sensitivity through the sweep's own code.
    let csv_options = SweepOptions {
        timeseries: false,
        ..options
    };
    let mut csv = SweepCsv::create(out, &plan, &csv_options)?;
    let mut points = Points::new(&plan, options.step_summary);
    let mut values: Option<Vec<Blocks>> = match options.step_summary {
        true => {
            let want = step_values_header(&plan).join(",");
            let want = want.as_str();
            let blocks = by_index
                .iter()
                .map(|i| Blocks::open(i.dir.join(STEP_VALUES_FILE)))
                .collect::<Result<Vec<_>, _>>()?;
            if let Some(b) = blocks
                .iter()
                .find(|b| b.header.trim_end_matches(['\r', '\n']) != want)
            {
                return Err(invalid(format!(
                    "{}: not the sweep's step values header",
                    b.path.display()
                )));
            }
            Some(blocks)
        }
        false => None,
    };
    let reps = plan.sweep().replications;
    let mut point_info: Option<(u64, u64, u64)> = None;
    for (run, row) in rows.into_iter().enumerate() {
        let run = run as u64;
        let (seed, metrics) = row.expect("every run checked present");
        let point = run / reps;
        let metrics = match metrics {
            Ok(m) => m,
            Err(error) => {
                csv.failure(&SweepFailure {
                    run,
                    point,
                    replication: run % reps,
                    seed,
                    levels: plan.points[point as usize].clone(),
                    error,
                })?;
                points.write_failed(&mut csv, run)?;
                continue;
            }
        };
        let (every, last) = match point_info {
            Some((p, e, l)) if p == point => (e, l),
            _ => {
                let s = plan.study.point(&plan.points[point as usize])?;
                let (e, l) = (s.output.every, s.model.steps());
                point_info = Some((point, e, l));
                (e, l)
            }
        };
        let step_values = match values.as_mut() {
            Some(blocks) => {
                let b = &mut blocks[owner[run as usize] as usize];
                let lines = b.take(run)?;
                Some(parse_step_values(&b.path, &lines)?)
            }
            None => None,
        };
        let done = Done {
            seed,
            values: metrics,
            steps: Steps::default(),
            step_values: Some(step_values.unwrap_or_default()),
            every,
            last,
        };
        points.write(&mut csv, run, done)?;
    }
    points.flush_point(&mut csv)?;
    if let Some(blocks) = &values {
        blocks.iter().try_for_each(Blocks::finish)?;
    }
    let mut warnings = Vec::new();
    let seed = plan.study.base.seed;
    if let Some(rows) = sensitivity::rows(
        &plan,
        plan.metrics(),
        &points.point_means,
        &points.point_runs,
        seed,
        &mut warnings,
    ) {
        csv.sensitivity(&rows)?;
    }
    let mut files = csv.finish()?;
    if options.timeseries {
        let rows = merge_timeseries(&by_index, &owner, &out.file("timeseries.csv"))?;
        files.insert(
            1,
            file_entry("timeseries.csv", timeseries_description(&plan), rows),
        );
    }
    Ok(MergeOutcome {
        options,
        shards: count,
        runs: owner.len() as u64,
        files,
        warnings,
        plan,
    })
}

/// Writes the shards' `timeseries.csv` rows into `path` in run order; returns the data rows.
fn merge_timeseries(by_index: &[&Info], owner: &[u32], path: &Path) -> Result<u64, StudyError> {
    let mut blocks = by_index
        .iter()
        .map(|i| Blocks::open(i.dir.join("timeseries.csv")))
        .collect::<Result<Vec<_>, _>>()?;
    let header = blocks[0].header.clone();
    if let Some(b) = blocks.iter().find(|b| b.header != header) {
        return Err(invalid(format!(
            "{}: its header differs from {}'s",
            b.path.display(),
            blocks[0].path.display()
        )));
    }
    let file = File::create(path).map_err(|e| io(path, e))?;
    let mut w = BufWriter::new(file);
    w.write_all(header.as_bytes()).map_err(|e| io(path, e))?;
    let mut n = 0_u64;
    for (run, &shard) in owner.iter().enumerate() {
        for line in blocks[shard as usize].take(run as u64)? {
            w.write_all(line.as_bytes()).map_err(|e| io(path, e))?;
            n += 1;
        }
    }
    blocks.iter().try_for_each(Blocks::finish)?;
    w.flush().map_err(|e| io(path, e))?;
    Ok(n)
}
