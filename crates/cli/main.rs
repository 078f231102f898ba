//! The `asocia` command: parses arguments, resolves a scenario, hands it to the libraries.
//!
//! Exit status: 0 on success, 1 when the scenario or a run fails (the error is printed with
//! its context), 2 for command-line usage errors (clap's convention).

mod args;
mod run;
mod runner;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    let result = match cli.command {
        args::Command::Run(a) => run::run(a),
        args::Command::Validate(a) => run::validate(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(1)
        }
    }
}
