//! How the engine reports progress and is cancelled: callbacks and a flag the caller owns
//! (the binary draws a bar and wires Ctrl-C to the flag; a notebook front end can forward the
//! events to its own widget and set the flag from its interrupt handler).

use std::sync::atomic::{AtomicBool, Ordering};

/// What the engine reports while a study runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event<'a> {
    /// A batch of `total` runs starts (a sweep has one batch; a comparison that runs until its
    /// intervals are narrow enough has one per round).
    Started {
        /// What runs, e.g. `sweep trust-sweep`.
        label: &'a str,
        /// Runs in the batch.
        total: u64,
    },
    /// One more run of the batch is finished and kept; runs are reported in run order, once
    /// each (`done` counts 1, 2, ... `total`).
    Run {
        /// Runs of the batch done so far.
        done: u64,
        /// Runs in the batch.
        total: u64,
    },
    /// The batch is over (every run done, or cancelled).
    Finished,
    /// A line worth telling the user while the study runs (not a warning: warnings are
    /// returned with the result).
    Note(&'a str),
}

/// The caller's side of a running study: a progress callback and a cancellation flag.
pub struct Control<'a> {
    progress: &'a mut dyn FnMut(Event<'_>),
    cancel: &'a AtomicBool,
}

impl<'a> Control<'a> {
    /// Reports events to `progress`; the study stops starting runs once `cancel` is true (the
    /// runs in progress finish and are kept).
    pub fn new(progress: &'a mut dyn FnMut(Event<'_>), cancel: &'a AtomicBool) -> Control<'a> {
        Control { progress, cancel }
    }

    /// Reports `event`.
    pub fn report(&mut self, event: Event<'_>) {
        (self.progress)(event);
    }

    /// Whether the caller asked the study to stop.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// The cancellation flag.
    pub fn flag(&self) -> &'a AtomicBool {
        self.cancel
    }
}
