//! `asocia sweep`: the glue around the study engine's sweep — arguments to options, the result
//! folder and its CSV files (written by the engine's [`SweepCsv`] as the runs finish), the
//! manifest, the progress bar and Ctrl-C, the printed report.

use std::time::Instant;

use asocia_output::{OutputDir, StudyManifest, Timestamp};
use asocia_study::{
    run_sweep_into, Control, ScenarioInput, Selection, SweepCsv, SweepOptions, SweepPlan,
};

use crate::args::SweepArgs;
use crate::progress::{install_interrupt_handler, interrupt_flag, Reporter};
use crate::study::{default_out, set_threads, ManifestBase, StudyError};

/// `asocia sweep FILE [--set ...] [--out DIR] [--force] [--threads N] [--points A..B | --run R]`.
pub fn sweep(args: SweepArgs) -> Result<(), StudyError> {
    if let Some(spec) = &args.shard {
        return crate::shard::sweep_shard(&args, spec);
    }
    let started = Timestamp::now();
    let clock = Instant::now();
    let file = &args.scenario.file;
    // Every point is resolved and checked before anything runs.
    let plan = SweepPlan::load(&ScenarioInput::path(file, &args.scenario.set))?;
    let options = SweepOptions {
        selection: match (args.points, args.run) {
            (Some((a, b)), _) => Selection::Points(a, b),
            (None, Some(r)) => Selection::Run(r),
            (None, None) => Selection::All,
        },
        timeseries: args.timeseries,
        step_summary: args.step_summary,
    };
    let selected = plan.select(options.selection)?;
    let (reps, n_points, total) = (
        plan.sweep().replications,
        plan.points.len() as u64,
        plan.total()?,
    );
    let threads = set_threads(args.output.threads)?;
    let suffix = args.run.map_or_else(String::new, |r| format!("-run{r}"));
    let target = args
        .output
        .out
        .clone()
        .unwrap_or_else(|| default_out(file, &suffix));
    let out = OutputDir::create(&target, args.output.force)?;
    let mut csv = SweepCsv::create(&out, &plan, &options)?;

    install_interrupt_handler();
    let mut reporter = Reporter::default();
    let mut progress = |e: asocia_study::Event<'_>| reporter.event(e);
    let mut control = Control::new(&mut progress, interrupt_flag());
    let executed = run_sweep_into(&plan, &options, &mut csv, &mut control)?;
    let files = csv.finish()?;
    let warnings = executed.warnings;
    let secs = clock.elapsed().as_secs_f64();
    let manifest = StudyManifest {
        base: ManifestBase {
            file,
            overrides: &args.scenario.set,
            scenario: &plan.study.base,
            threads,
            started,
            wall_seconds: secs,
            files,
        }
        .manifest(),
        study: "sweep".into(),
        design: plan.design_json(selected),
        runs_planned: selected.count,
        runs_done: executed.done,
        interrupted: executed.interrupted,
        warnings: warnings.clone(),
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    outln!(
        "sweep {}: {} points × {} replications = {} runs; {} run{} in {:.2} s on {} thread{} ({:.1} runs/s)",
        plan.study.base.name,
        n_points,
        reps,
        total,
        executed.done,
        if executed.done == 1 { "" } else { "s" },
        secs,
        threads,
        if threads == 1 { "" } else { "s" },
        executed.done as f64 / secs.max(1e-9)
    );
    outln!("results in {}", folder.display());
    if executed.interrupted {
        return Err(StudyError::Interrupted(format!(
            "interrupted: {} of {} runs finished and kept in {} (summary.csv marks the unfinished point `complete = false`; no plots drawn; `asocia plot {}` draws them)",
            executed.done,
            selected.count,
            folder.display(),
            folder.display()
        )));
    }
    if args.output.plot {
        crate::plot::plot_and_report(&folder)?;
    }
    Ok(())
}
