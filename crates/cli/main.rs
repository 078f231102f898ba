//! The `asocia` command: parses arguments, resolves a scenario, hands it to the libraries.
//!
//! Exit status: 0 on success, 1 when the scenario or a run fails (the error is printed with
//! its context), 2 for command-line usage errors (clap's convention), 130 when a run, sweep or
//! comparison was stopped by Ctrl-C, SIGTERM or SIGHUP (its finished runs are written).

/// `println!` to standard output that survives a closed pipe (`asocia ... | head`): the text
/// is dropped and the command goes on to finish its work and exit 0; other write errors are
/// reported on standard error.
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `print!` counterpart of [`outln!`].
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::write_stdout(format_args!($($arg)*))
    };
}

mod args;
mod compare;
mod compare_table;
mod plot;
mod plot_grid;
mod progress;
mod reference;
mod run;
mod shard;
mod slurm;
mod study;
mod sweep;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    type Failure = (Box<dyn std::fmt::Display>, u8);
    let fail = |e: run::CliError| -> Failure {
        let code = e.exit_code();
        (Box::new(e), code)
    };
    let study = |e: study::StudyError| -> Failure {
        let code = e.exit_code();
        (Box::new(e), code)
    };
    let result: Result<(), Failure> = match cli.command {
        args::Command::Run(a) => run::run(a).map_err(fail),
        args::Command::Validate(a) => run::validate(a).map_err(fail),
        args::Command::Sweep(a) => sweep::sweep(a).map_err(study),
        args::Command::Compare(a) => compare::compare(a).map_err(study),
        args::Command::Plot(a) => plot::plot(a).map_err(study),
        args::Command::Merge(a) => shard::merge(a).map_err(study),
        args::Command::Slurm(a) => slurm::slurm(a).map_err(study),
        args::Command::Reference => {
            reference::reference();
            Ok(())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err((e, code)) => {
            eprintln!("{e}");
            ExitCode::from(code)
        }
    }
}

/// Writes to standard output; a broken pipe is not an error (see [`outln!`]).
fn write_stdout(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args).and_then(|()| stdout.flush()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("warning: cannot write to standard output: {e}");
        }
    }
}
