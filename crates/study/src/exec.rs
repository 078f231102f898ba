//! Runs many independent runs in parallel on rayon's pool and hands their results to a writer in
//! run order, so outputs are the same bytes on any number of threads.
//!
//! Each pool thread pulls the next run index from a shared counter (runs start in index order)
//! and sends its result over a channel; the calling thread puts results back in order (a
//! reorder buffer that holds only the runs finished ahead of a slower one, about one per
//! thread) and passes each to the writer as soon as every earlier run was written. A run that
//! is large enough to parallelise inside still does: the simulation's own parallel loops run on
//! the same pool. Once the caller's cancellation flag is set no new run starts, and every run
//! already started is finished and written.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc;

use rayon::prelude::*;

use crate::progress::{Control, Event};
use crate::StudyError;

/// How an execution ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Executed {
    /// Runs written (a prefix `0..done` of the indices).
    pub done: u64,
    /// Cancelled before every run was done.
    pub interrupted: bool,
}

/// Runs `work(i)` for `i in 0..total` in parallel and calls `write(i, result)` in index order,
/// reporting [`Event::Run`] after each write (between [`Event::Started`] labelled `label` and
/// [`Event::Finished`]).
///
/// The first error (of `work` or `write`, lowest index first) stops new runs and is returned
/// once the runs in progress have finished.
pub fn execute<T, W, S>(
    label: &str,
    total: u64,
    control: &mut Control<'_>,
    work: W,
    mut write: S,
) -> Result<Executed, StudyError>
where
    T: Send,
    W: Fn(u64) -> Result<T, StudyError> + Sync,
    S: FnMut(u64, T) -> Result<(), StudyError>,
{
    control.report(Event::Started { label, total });
    let cancel = control.flag();
    let next = AtomicU64::new(0);
    let stop = AtomicBool::new(false);
    let workers = rayon::current_num_threads().max(1);
    let (tx, rx) = mpsc::channel::<(u64, Result<T, StudyError>)>();
    let mut written = 0_u64;
    let mut failure: Option<(u64, StudyError)> = None;
    std::thread::scope(|scope| {
        let (next, stop, work) = (&next, &stop, &work);
        scope.spawn(move || {
            (0..workers)
                .into_par_iter()
                .for_each_with(tx, |tx, _| loop {
                    if stop.load(Ordering::SeqCst) || cancel.load(Ordering::SeqCst) {
                        break;
                    }
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    if i >= total {
                        break;
                    }
                    let result = work(i);
                    if tx.send((i, result)).is_err() {
                        break;
                    }
                });
        });
        let mut pending: BTreeMap<u64, T> = BTreeMap::new();
        for (i, result) in rx {
            match result {
                Ok(t) => {
                    pending.insert(i, t);
                }
                Err(e) => {
                    stop.store(true, Ordering::SeqCst);
                    if failure.as_ref().is_none_or(|(j, _)| i < *j) {
                        failure = Some((i, e));
                    }
                }
            }
            while failure.is_none() {
                let Some(t) = pending.remove(&written) else {
                    break;
                };
                if let Err(e) = write(written, t) {
                    stop.store(true, Ordering::SeqCst);
                    failure = Some((written, e));
                    break;
                }
                written += 1;
                control.report(Event::Run {
                    done: written,
                    total,
                });
            }
        }
    });
    control.report(Event::Finished);
    if let Some((_, e)) = failure {
        return Err(e);
    }
    Ok(Executed {
        done: written,
        interrupted: written < total,
    })
}
