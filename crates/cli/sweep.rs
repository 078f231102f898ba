//! `asocia sweep`: the glue around the study engine's resumable sweep — arguments to options,
//! the study folder (made, or found and resumed), the runs (each journaled as it finishes),
//! the tables written from the journal, the manifest, the progress bar and the signals
//! (Ctrl-C, SIGTERM, SIGHUP), the printed report.

use std::time::Instant;

use asocia_output::{OutputDir, StudyManifest, Timestamp};
use asocia_study::format::{convert_tables, parameter_types, SWEEP_TABLES};
use asocia_study::journal::{JOURNAL_FILE, STATE_FILE};
use asocia_study::{
    assemble, load_finished, prepare_dir, run_sweep_resumable, sweep_state, Control, ScenarioInput,
    Selection, SweepOptions, SweepPlan,
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
    let usage = asocia_scenario::memory::Usage {
        concurrent_runs: threads as u64,
        kept_runs: selected.count,
        kept_metrics: 0,
        keeps_steps: options.timeseries || options.step_summary || selected.single,
    };
    crate::study::check_memory(&plan.study, usage)?;
    let suffix = args.run.map_or_else(String::new, |r| format!("-run{r}"));
    let target = args
        .output
        .out
        .clone()
        .unwrap_or_else(|| default_out(file, &suffix));
    let state = sweep_state(&plan, &options)?;
    let prepared = prepare_dir(&target, &state, args.output.force)?;
    for note in &prepared.notes {
        eprintln!("{note}");
    }

    install_interrupt_handler();
    let mut reporter = Reporter::default();
    let mut progress = |e: asocia_study::Event<'_>| reporter.event(e);
    let mut control = Control::new(&mut progress, interrupt_flag());
    let ran = run_sweep_resumable(&plan, &options, &prepared, &mut control)?;
    // The tables, from every finished run of the folder's journal, replace the old ones.
    let mut out = OutputDir::update(&prepared.dir, &[STATE_FILE, JOURNAL_FILE])?;
    // The tables of the other format, from an earlier command on this folder, go.
    let format = args.output.format;
    let others = format.others(&SWEEP_TABLES);
    out.retire(&others.iter().map(String::as_str).collect::<Vec<_>>());
    for stale in out.cleaned() {
        eprintln!(
            "removed {}, left by a process that no longer runs",
            stale.display()
        );
    }
    let mut sources = [load_finished(&prepared.dir)?];
    let executed = assemble(&plan, &options, &mut sources, &out)?;
    let interrupted = ran.interrupted;
    let mut files = executed.files;
    convert_tables(
        format,
        &out,
        &mut files,
        &SWEEP_TABLES,
        &parameter_types(&plan),
    )?;
    let mut warnings = executed.warnings;
    if executed.failed > 0 {
        warnings.insert(
            0,
            format!(
                "{} run{} failed and {} left out of the summaries: see failures.csv (run, seed, error; `asocia sweep {} --run RUN` runs one alone)",
                executed.failed,
                if executed.failed == 1 { "" } else { "s" },
                if executed.failed == 1 { "is" } else { "are" },
                file.display()
            ),
        );
    }
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
        interrupted,
        warnings: warnings.clone(),
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let resumed = executed.done - ran.ran;
    outln!(
        "sweep {}: {} points × {} replications = {} runs; {} run{} in {:.2} s on {} thread{} ({:.1} runs/s){}",
        plan.study.base.name,
        n_points,
        reps,
        total,
        ran.ran,
        if ran.ran == 1 { "" } else { "s" },
        secs,
        threads,
        if threads == 1 { "" } else { "s" },
        ran.ran as f64 / secs.max(1e-9),
        if resumed > 0 {
            format!("; {resumed} done before, resumed")
        } else {
            String::new()
        }
    );
    outln!("results in {}", folder.display());
    if interrupted {
        return Err(StudyError::Interrupted(format!(
            "interrupted: {} of {} runs finished and kept in {}; run the same command again to resume \
             (the runs left are run and the tables rewritten). Meanwhile summary.csv marks the \
             points not yet complete `complete = false`; no plots drawn",
            executed.done,
            selected.count,
            folder.display(),
        )));
    }
    if args.output.plot {
        crate::plot::plot_and_report(&folder)?;
    }
    Ok(())
}
