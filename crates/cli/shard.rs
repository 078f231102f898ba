//! `asocia sweep --shard` and `asocia merge`: the glue around the study engine's shards —
//! arguments, output folders, manifests, progress and Ctrl-C, the printed report.

use std::path::{Path, PathBuf};
use std::time::Instant;

use asocia_output::{OutputDir, StudyManifest, Timestamp};
use asocia_study::format::{convert_tables, parameter_types, SWEEP_TABLES};
use asocia_study::journal::{JOURNAL_FILE, STATE_FILE};
use asocia_study::{
    merge_shards, prepare_dir, run_shard, shard_state, Control, Format, ScenarioInput, Selection,
    Shard, SweepOptions, SweepPlan,
};

use crate::args::{MergeArgs, SweepArgs};
use crate::progress::{install_interrupt_handler, interrupt_flag, Reporter};
use crate::study::{default_out, set_threads, ManifestBase, StudyError};

/// The program's version, recorded in shards and checked by the merge.
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The scenario file as an absolute path (a shard records its resolved study, whose network
/// file paths then do not depend on the folder the merge runs in).
fn absolute(file: &Path) -> Result<PathBuf, StudyError> {
    std::fs::canonicalize(file).map_err(|e| StudyError::Message(format!("{}: {e}", file.display())))
}

/// `asocia sweep FILE --shard I/N|slurm [...]`.
pub fn sweep_shard(args: &SweepArgs, spec: &str) -> Result<(), StudyError> {
    if args.output.format != Format::Csv {
        return Err(StudyError::Message(format!(
            "--shard writes a shard's runs.csv and timeseries.csv for `asocia merge` to read, \
             always as CSV: drop `--format {}` here and give it to `asocia merge` \
             (`asocia slurm --format {0}` does that in merge.sbatch)",
            args.output.format
        )));
    }
    let started = Timestamp::now();
    let clock = Instant::now();
    let shard = match spec {
        "slurm" => Shard::from_slurm(|k| std::env::var(k).ok())?,
        other => Shard::parse(other)?,
    };
    let file = absolute(&args.scenario.file)?;
    let plan = SweepPlan::load(&ScenarioInput::path(&file, &args.scenario.set))?;
    let options = SweepOptions {
        selection: Selection::All,
        timeseries: args.timeseries,
        step_summary: args.step_summary,
    };
    let total = plan.total()?;
    let threads = set_threads(args.output.threads)?;
    let suffix = format!("-shard-{}-of-{}", shard.index, shard.count);
    let target = args
        .output
        .out
        .clone()
        .unwrap_or_else(|| default_out(&args.scenario.file, &suffix));
    // A shard is a resumable sweep of its own runs: the same command run again (a requeued
    // task) continues it; a folder of another shard or sweep is refused.
    let state = shard_state(&plan, shard, &options)?;
    let prepared = prepare_dir(&target, &state, args.output.force)?;
    for note in &prepared.notes {
        eprintln!("{note}");
    }

    install_interrupt_handler();
    let mut reporter = Reporter::default();
    let mut progress = |e: asocia_study::Event<'_>| reporter.event(e);
    let mut control = Control::new(&mut progress, interrupt_flag());
    let out = OutputDir::update(&prepared.dir, &[STATE_FILE, JOURNAL_FILE])?;
    for stale in out.cleaned() {
        eprintln!(
            "removed {}, left by a process that no longer runs",
            stale.display()
        );
    }
    let outcome = run_shard(
        &plan,
        shard,
        &options,
        &prepared,
        &out,
        VERSION,
        &mut control,
    )?;
    let secs = clock.elapsed().as_secs_f64();
    let mut design = plan.design_json(plan.select(Selection::All)?);
    design["shard"] = serde_json::json!({ "index": shard.index, "count": shard.count });
    let manifest = StudyManifest {
        base: ManifestBase {
            file: &file,
            overrides: &args.scenario.set,
            scenario: &plan.study.base,
            threads,
            started,
            wall_seconds: secs,
            files: outcome.files.clone(),
        }
        .manifest(),
        study: "sweep shard".into(),
        design,
        runs_planned: outcome.planned,
        runs_done: outcome.done,
        interrupted: outcome.interrupted,
        warnings: Vec::new(),
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    let resumed = outcome.done - outcome.ran;
    outln!(
        "shard {shard} of sweep {}: {} of the sweep's {total} runs in {secs:.2} s on {threads} thread{}{}",
        plan.study.base.name,
        outcome.done,
        if threads == 1 { "" } else { "s" },
        if resumed > 0 {
            format!("; {resumed} done before, resumed")
        } else {
            String::new()
        }
    );
    outln!("shard in {}", folder.display());
    if outcome.interrupted {
        return Err(StudyError::Interrupted(format!(
            "interrupted: {} of the shard's {} runs finished; run the same command again to resume the shard",
            outcome.done, outcome.planned
        )));
    }
    Ok(())
}

/// `asocia merge DIR... --out OUT [--force]`.
pub fn merge(args: MergeArgs) -> Result<(), StudyError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let out = OutputDir::create(&args.out, args.force)?;
    let mut merged = merge_shards(&args.dirs, &out, VERSION)?;
    let plan = &merged.plan;
    convert_tables(
        args.format,
        &out,
        &mut merged.files,
        &SWEEP_TABLES,
        &parameter_types(plan),
    )?;
    let secs = clock.elapsed().as_secs_f64();
    let scenario_file = plan
        .study
        .base
        .path
        .clone()
        .unwrap_or_else(|| args.dirs[0].join("shard.json"));
    let manifest = StudyManifest {
        base: ManifestBase {
            file: &scenario_file,
            overrides: &[],
            scenario: &plan.study.base,
            threads: 1,
            started,
            wall_seconds: secs,
            files: merged.files.clone(),
        }
        .manifest(),
        study: "sweep".into(),
        design: plan.design_json(plan.select(Selection::All)?),
        runs_planned: merged.runs,
        runs_done: merged.runs,
        interrupted: false,
        warnings: merged.warnings.clone(),
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    for w in &merged.warnings {
        eprintln!("warning: {w}");
    }
    outln!(
        "merged {} shards of sweep {}: {} runs in {secs:.2} s",
        merged.shards,
        plan.study.base.name,
        merged.runs
    );
    outln!("results in {}", folder.display());
    Ok(())
}
