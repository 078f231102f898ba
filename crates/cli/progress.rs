//! Progress of many runs: a bar with runs done, rate and ETA on a terminal, plain periodic
//! lines on stderr otherwise (logs of batch jobs), drawn from the study engine's progress
//! events; and the handler of Ctrl-C, SIGTERM and SIGHUP (a batch scheduler's time limit, a
//! closed terminal), which sets the engine's cancellation flag so that a study stops cleanly.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use std::time::{Duration, Instant};

use asocia_study::Event;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Seconds between plain progress lines when stderr is not a terminal.
const PLAIN_EVERY: Duration = Duration::from_secs(10);

/// Set by the first Ctrl-C, SIGTERM or SIGHUP: no new run starts; runs in progress finish and
/// are kept.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static HANDLER: Once = Once::new();

/// Installs the handler of Ctrl-C, SIGTERM and SIGHUP (once per process): the first signal asks
/// the study to stop after the runs in progress, a second one exits at once with status 130
/// (every run already finished is kept in a sweep's journal either way).
pub fn install_interrupt_handler() {
    HANDLER.call_once(|| {
        let result = ctrlc::set_handler(|| {
            if INTERRUPTED.swap(true, Ordering::SeqCst) {
                eprintln!(
                    "\ninterrupted again: exiting at once (a sweep's finished runs are kept in its \
                     journal; run the same command again to resume)"
                );
                std::process::exit(130);
            }
            eprintln!(
                "\ninterrupt (Ctrl-C, SIGTERM or SIGHUP): finishing the runs in progress and \
                 keeping every finished run (signal again to quit at once)"
            );
        });
        if let Err(e) = result {
            eprintln!("warning: signal handler not installed: {e}");
        }
    });
}

/// The flag the first Ctrl-C sets, handed to the study engine as its cancellation flag.
pub fn interrupt_flag() -> &'static AtomicBool {
    &INTERRUPTED
}

/// Draws the engine's progress events: a [`Progress`] per batch of runs, notes on stderr.
#[derive(Default)]
pub struct Reporter {
    progress: Option<Progress>,
}

impl Reporter {
    /// Handles one event.
    pub fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Started { label, total } => self.progress = Some(Progress::new(label, total)),
            Event::Run { .. } => {
                if let Some(p) = self.progress.as_mut() {
                    p.inc();
                }
            }
            Event::Finished => {
                if let Some(p) = self.progress.take() {
                    p.finish();
                }
            }
            Event::Note(note) => eprintln!("{note}"),
        }
    }
}

/// Reports runs done out of a total.
pub struct Progress {
    bar: Option<ProgressBar>,
    label: String,
    total: u64,
    done: u64,
    start: Instant,
    last_line: Instant,
}

impl Progress {
    /// Progress of `total` runs, labelled `label` (e.g. `sweep trust-sweep`).
    pub fn new(label: &str, total: u64) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template(
                "{prefix} [{bar:30}] {pos}/{len} runs  {per_sec}  ETA {eta}  ({elapsed})",
            )
            .expect("valid template")
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_prefix(label.to_string());
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            label: label.to_string(),
            total,
            done: 0,
            start: now,
            last_line: now,
        }
    }

    /// One more run done.
    pub fn inc(&mut self) {
        self.done += 1;
        match &self.bar {
            Some(bar) => bar.inc(1),
            None => {
                if self.last_line.elapsed() >= PLAIN_EVERY {
                    self.last_line = Instant::now();
                    eprintln!("{}", self.line());
                }
            }
        }
    }

    /// `label: done/total runs (p%), r runs/s, ETA s`.
    fn line(&self) -> String {
        let secs = self.start.elapsed().as_secs_f64();
        let rate = if secs > 0.0 {
            self.done as f64 / secs
        } else {
            0.0
        };
        let left = self.total.saturating_sub(self.done);
        let eta = if rate > 0.0 {
            format!("{:.0} s", left as f64 / rate)
        } else {
            "-".to_string()
        };
        format!(
            "{}: {}/{} runs ({:.0}%), {:.1} runs/s, ETA {eta}",
            self.label,
            self.done,
            self.total,
            100.0 * self.done as f64 / self.total.max(1) as f64,
            rate
        )
    }

    /// Clears the bar, or prints a last plain line if any line was printed.
    pub fn finish(self) {
        match self.bar {
            Some(bar) => bar.finish_and_clear(),
            None => {
                if self.start.elapsed() >= PLAIN_EVERY {
                    eprintln!("{}", self.line());
                }
            }
        }
    }
}
