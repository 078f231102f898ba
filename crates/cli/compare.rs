//! `asocia compare`: the glue around the study engine's resumable comparison — arguments to
//! options, the study folder (made, or found and resumed: every finished run is journaled in
//! it), its CSV files (the engine's [`CompareCsv`] writes `runs.csv` replication by
//! replication; [`write_compare_tables`] the rest), the manifest, the progress bar and the
//! signals, the printed table.

use std::path::Path;
use std::time::Instant;

use asocia_output::{OutputDir, StudyManifest, Timestamp};
use asocia_study::format::{convert_tables, COMPARE_TABLES};
use asocia_study::journal::{JOURNAL_FILE, STATE_FILE};
use asocia_study::{
    compare_state, prepare_dir, run_compare_resumable, write_compare_tables, CompareCsv,
    CompareOptions, ComparePlan, Control, ScenarioInput,
};

use crate::args::CompareArgs;
use crate::compare_table::print_table;
use crate::progress::{install_interrupt_handler, interrupt_flag, Reporter};
use crate::study::{default_out, set_threads, ManifestBase, StudyError};

/// `asocia compare FILE | FILE_A FILE_B [--set ...] [--until-ci W] ...`.
pub fn compare(args: CompareArgs) -> Result<(), StudyError> {
    let started = Timestamp::now();
    let clock = Instant::now();
    let inputs: Vec<ScenarioInput> = args
        .files
        .iter()
        .map(|f| ScenarioInput::path(f, &args.set))
        .collect();
    let plan = ComparePlan::load(&inputs)?;
    for n in &plan.notices {
        eprintln!("warning: {n}");
    }
    for w in &plan.warnings {
        eprintln!("warning: {w}");
    }
    let options = CompareOptions {
        until_ci: args.until_ci,
        ci_metrics: args.ci_metrics.clone(),
        max_replications: args.max_replications,
        bootstrap: args.bootstrap,
    };
    options.check(&plan)?;
    let threads = set_threads(args.output.threads)?;
    let target = args
        .output
        .out
        .clone()
        .unwrap_or_else(|| match &args.files[..] {
            [one] => default_out(one, ""),
            [a, b, ..] => default_out(a, &format!("-vs-{}", stem(b))),
            [] => unreachable!("clap requires a file"),
        });
    // The folder is the comparison's resumable state: the same command after any stop reuses
    // its journaled runs.
    let state = compare_state(&plan, &options);
    let mut prepared = prepare_dir(&target, &state, args.output.force)?;
    for note in &prepared.notes {
        eprintln!("{note}");
    }
    let mut out = OutputDir::update(&prepared.dir, &[STATE_FILE, JOURNAL_FILE])?;
    let others = args.output.format.others(&COMPARE_TABLES);
    out.retire(&others.iter().map(String::as_str).collect::<Vec<_>>());
    for stale in out.cleaned() {
        eprintln!(
            "removed {}, left by a process that no longer runs",
            stale.display()
        );
    }
    let mut runs = CompareCsv::create(&out, &plan)?;

    install_interrupt_handler();
    let mut reporter = Reporter::default();
    let mut progress = |e: asocia_study::Event<'_>| reporter.event(e);
    let mut control = Control::new(&mut progress, interrupt_flag());
    let outcome = run_compare_resumable(&plan, &options, &mut prepared, &mut runs, &mut control)?;
    let mut files = runs.finish()?;
    files.extend(write_compare_tables(&out, &outcome)?);
    convert_tables(args.output.format, &out, &mut files, &COMPARE_TABLES, &[])?;

    let reps = outcome.replications;
    let mut warnings = outcome.warnings.clone();
    if outcome.failed_replications > 0 {
        let n = outcome.failed_replications;
        warnings.insert(
            0,
            format!(
                "{n} replication{} left out: a run of {} failed (see failures.csv: run, arm, replication, seed, error)",
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "each" }
            ),
        );
    }
    let secs = clock.elapsed().as_secs_f64();
    let manifest = StudyManifest {
        base: ManifestBase {
            file: &args.files[0],
            overrides: &args.set,
            scenario: &plan.base,
            threads,
            started,
            wall_seconds: secs,
            files,
        }
        .manifest(),
        study: "compare".into(),
        design: outcome.design_json(&plan, &options),
        runs_planned: outcome.target_replications * plan.arms.len() as u64,
        runs_done: reps * plan.arms.len() as u64,
        interrupted: outcome.interrupted,
        warnings: warnings.clone(),
    };
    manifest.write(&out.file("manifest.json"))?;
    let folder = out.commit()?;
    if outcome.failed_replications > 0 {
        eprintln!("warning: {}", warnings[0]);
    }
    outln!(
        "compare {}: {} arms × {reps} replications on common random numbers, {secs:.2} s on {threads} thread{}",
        plan.base.name,
        plan.arms.len(),
        if threads == 1 { "" } else { "s" }
    );
    print_table(&outcome.names, &outcome.pairs, &outcome.rows);
    outln!("results in {}", folder.display());
    if outcome.interrupted {
        let dropped = match outcome.dropped {
            0 => String::new(),
            1 => "; 1 run of an unfinished replication dropped".to_string(),
            d => format!("; {d} runs of an unfinished replication dropped"),
        };
        return Err(StudyError::Interrupted(format!(
            "interrupted: {reps} whole replications of {} kept in {}{dropped} (no plots drawn; `asocia plot {}` draws them)",
            outcome.target_replications,
            folder.display(),
            folder.display()
        )));
    }
    if args.output.plot {
        crate::plot::plot_and_report(&folder)?;
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned())
}
