//! `asocia slurm`: writes the sbatch scripts of a SLURM job array that runs a sweep in shards
//! (`asocia sweep --shard slurm`, one shard per task) and of the merge job that runs once every
//! task succeeded (`afterok`), plus `submit.sh`, which submits both.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use asocia_study::{ScenarioInput, SweepPlan};

use crate::args::SlurmArgs;
use crate::study::{default_out, StudyError};

/// The most tasks a generated array has: SLURM's default `MaxArraySize` is 1001 (ids 0..=1000)
/// and clusters often set less, so a large sweep is packed into at most this many tasks, each
/// running many runs.
pub const MAX_TASKS: u64 = 1000;

/// `s` quoted for a POSIX shell.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

fn quote_path(p: &Path) -> String {
    quote(&p.display().to_string())
}

fn absolute(p: &Path) -> Result<PathBuf, StudyError> {
    std::path::absolute(p).map_err(|e| StudyError::Message(format!("{}: {e}", p.display())))
}

/// The `#SBATCH` lines of the resources asked for.
fn resources(args: &SlurmArgs, cpus: bool) -> String {
    let mut s = String::new();
    if let Some(p) = &args.partition {
        let _ = writeln!(s, "#SBATCH --partition={p}");
    }
    if let Some(t) = &args.time {
        let _ = writeln!(s, "#SBATCH --time={t}");
    }
    if let Some(m) = &args.mem {
        let _ = writeln!(s, "#SBATCH --mem={m}");
    }
    if cpus {
        let _ = writeln!(s, "#SBATCH --cpus-per-task={}", args.cpus.unwrap_or(1));
    }
    s
}

/// `asocia slurm FILE --shards N [--partition P --time T --mem M --cpus C --out DIR]`.
pub fn slurm(args: SlurmArgs) -> Result<(), StudyError> {
    let file = std::fs::canonicalize(&args.scenario.file)
        .map_err(|e| StudyError::Message(format!("{}: {e}", args.scenario.file.display())))?;
    let plan = SweepPlan::load(&ScenarioInput::path(&file, &args.scenario.set))?;
    let total = plan.total()?;
    let n = args.shards;
    if n == 0 || n > MAX_TASKS {
        return Err(StudyError::Message(format!(
            "--shards {n}: expected 1 to {MAX_TASKS} tasks (SLURM's default MaxArraySize is 1001 and clusters often allow fewer); each task runs about 1/N of the {total} runs, so fewer tasks simply run more runs each"
        )));
    }
    if n > total {
        return Err(StudyError::Message(format!(
            "--shards {n}: the sweep has only {total} runs; ask for at most {total} tasks"
        )));
    }
    for (flag, v) in [
        ("--partition", &args.partition),
        ("--time", &args.time),
        ("--mem", &args.mem),
    ] {
        if let Some(v) = v {
            if v.is_empty()
                || v.chars()
                    .any(|c| c.is_whitespace() || c == '\'' || c == '"')
            {
                return Err(StudyError::Message(format!(
                    "{flag} {v:?}: expected one word, as sbatch takes it (e.g. --time 02:00:00, --mem 4G)"
                )));
            }
        }
    }
    let dir = absolute(
        &args
            .out
            .clone()
            .unwrap_or_else(|| default_out(&args.scenario.file, "-slurm")),
    )?;
    let job = dir.join("job.sbatch");
    if job.exists() && !args.force {
        return Err(StudyError::Message(format!(
            "{} already exists (use --force to write the scripts again)",
            job.display()
        )));
    }
    for sub in ["logs", "shards"] {
        let d = dir.join(sub);
        std::fs::create_dir_all(&d)
            .map_err(|e| StudyError::Message(format!("{}: {e}", d.display())))?;
    }
    let exe = std::env::current_exe()
        .map_err(|e| StudyError::Message(format!("cannot find the asocia program: {e}")))?;
    let name = plan.study.base.name.replace(
        |c: char| !c.is_ascii_alphanumeric() && c != '-' && c != '_',
        "_",
    );
    let threads = args.cpus.unwrap_or(1);
    let mut sweep_cmd = format!("{} sweep {}", quote_path(&exe), quote_path(&file));
    for s in &args.scenario.set {
        let _ = write!(sweep_cmd, " --set {}", quote(s));
    }
    if args.timeseries {
        sweep_cmd.push_str(" --timeseries");
    }
    if args.step_summary {
        sweep_cmd.push_str(" --step-summary");
    }
    let shards = dir.join("shards");
    let logs = dir.join("logs");
    let per = total.div_ceil(n);
    let array = format!(
        "#!/bin/bash\n\
# Written by `asocia slurm` (asocia {version}): sweep {name} of {file}, {total} runs in {n} shards\n\
# of about {per} runs each, one per task of this array. Submit with submit.sh (which also\n\
# submits merge.sbatch, to run after every task succeeded).\n\
#SBATCH --job-name=asocia-{name}\n\
#SBATCH --array=0-{last}\n\
#SBATCH --requeue\n\
#SBATCH --output={logs}/shard-%a.out\n\
{res}\
set -euo pipefail\n\
# A requeued or re-run task runs the same command and resumes its shard: the runs it\n\
# finished are kept in the shard's journal, only the others run, none is counted twice.\n\
exec {sweep_cmd} --shard slurm --threads {threads} \\\n  --out {shards}/\"shard-$((SLURM_ARRAY_TASK_ID - ${{SLURM_ARRAY_TASK_MIN:-0}}))\"\n",
        version = env!("CARGO_PKG_VERSION"),
        file = file.display(),
        last = n - 1,
        logs = logs.display(),
        res = resources(&args, true),
        shards = quote_path(&shards),
    );
    let merge = format!(
        "#!/bin/bash\n\
# Written by `asocia slurm`: merges the {n} shards of sweep {name} into result/ once every task\n\
# of the array succeeded (submit.sh submits it with --dependency=afterok on the array).\n\
#SBATCH --job-name=asocia-{name}-merge\n\
#SBATCH --output={logs}/merge.out\n\
{res}\
set -euo pipefail\n\
exec {exe} merge {shards}/shard-* --out {result} --force{format}\n",
        logs = logs.display(),
        res = resources(&args, false),
        exe = quote_path(&exe),
        shards = quote_path(&shards),
        result = quote_path(&dir.join("result")),
        format = match args.format {
            asocia_study::Format::Csv => String::new(),
            other => format!(" --format {other}"),
        },
    );
    let submit = format!(
        "#!/bin/sh\n\
# Written by `asocia slurm`: submits the job array of sweep {name} and its merge job.\n\
set -eu\n\
cd {dir}\n\
array=$(sbatch --parsable job.sbatch)\n\
array=${{array%%;*}}\n\
merge=$(sbatch --parsable --dependency=afterok:\"$array\" --kill-on-invalid-dep=yes merge.sbatch)\n\
merge=${{merge%%;*}}\n\
echo \"array job $array ({n} tasks), merge job $merge (after the array succeeds)\"\n\
echo \"$array\" > array.jobid\n\
echo \"$merge\" > merge.jobid\n\
echo \"results in {result} once job $merge has run; logs in {logs}\"\n",
        dir = quote_path(&dir),
        result = dir.join("result").display(),
        logs = logs.display(),
    );
    for (fname, text) in [
        ("job.sbatch", &array),
        ("merge.sbatch", &merge),
        ("submit.sh", &submit),
    ] {
        let p = dir.join(fname);
        std::fs::write(&p, text)
            .map_err(|e| StudyError::Message(format!("{}: {e}", p.display())))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755));
        }
    }
    outln!(
        "sweep {}: {total} runs in {n} array tasks of about {per} runs each",
        plan.study.base.name
    );
    outln!(
        "scripts in {}: submit with `sh {}`",
        dir.display(),
        dir.join("submit.sh").display()
    );
    Ok(())
}
