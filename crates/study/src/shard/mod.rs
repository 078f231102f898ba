//! Shards of a sweep, for running one sweep on many machines (a SLURM job array): which runs
//! shard `i` of `n` runs ([`assign`]), running them into a folder of their own ([`run_shard`]),
//! and merging the shards' folders back into the files a single-machine sweep writes
//! ([`merge_shards`]).
//!
//! **The rule.** Every run has a cost: its point's node count × step count (the work of a run
//! grows with both). Runs are dealt to shards costliest point first (points of equal cost in
//! point order, a point's runs in run order), each run to the shard with the least cost so far,
//! the lowest shard index on ties. When every point costs the same this is a round robin: run `r`
//! goes to shard `r mod n`. The rule depends only on the scenario and `n`, so every task of an
//! array computes the same assignment, and the merge checks each shard against it.

mod merge;
mod run;

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fmt;

pub use self::merge::{merge_shards, MergeOutcome};
pub use self::run::{run_shard, shard_state, ShardOutcome};

use crate::sweep::SweepPlan;
use crate::StudyError;

/// The name of the file that says which shard a folder holds.
pub const SHARD_FILE: &str = "shard.json";

/// The name of the file of a shard's per-step values (for the merged per-step summaries).
pub const STEP_VALUES_FILE: &str = "step_values.csv";

/// Shard `index` of `count` (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    /// This shard's index, `0..count`.
    pub index: u64,
    /// How many shards the sweep is cut into.
    pub count: u64,
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// Parses `i/n` (`0 <= i < n`), as given to `--shard`.
    pub fn parse(text: &str) -> Result<Shard, StudyError> {
        let bad = |why: &str| {
            StudyError::Invalid(format!(
                "--shard {text:?}: {why}; expected `i/n` with 0 <= i < n (e.g. `0/4`), or `slurm`"
            ))
        };
        let (i, n) = text.split_once('/').ok_or_else(|| bad("no `/`"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| bad("i is not a whole number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| bad("n is not a whole number"))?;
        if count == 0 {
            return Err(bad("n must be at least 1"));
        }
        if index >= count {
            return Err(bad(&format!("i = {index} is not below n = {count}")));
        }
        Ok(Shard { index, count })
    }

    /// The shard of a SLURM array task, from `SLURM_ARRAY_TASK_ID`, `SLURM_ARRAY_TASK_COUNT`
    /// and, when set, `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_STEP` (an array `--array=1-8`
    /// or `0-14:2` still gives shards `0..count`): index = (id − min) / step. `var` looks a
    /// variable up (the process environment in the binary).
    pub fn from_slurm(var: impl Fn(&str) -> Option<String>) -> Result<Shard, StudyError> {
        let read = |name: &str, required: bool| -> Result<Option<u64>, StudyError> {
            match var(name) {
                None if required => Err(StudyError::Invalid(format!(
                    "--shard slurm: {name} is not set (is this a task of a job array, `sbatch --array`?)"
                ))),
                None => Ok(None),
                Some(v) => v.trim().parse().map(Some).map_err(|_| {
                    StudyError::Invalid(format!(
                        "--shard slurm: {name}={v:?} is not a whole number"
                    ))
                }),
            }
        };
        let id = read("SLURM_ARRAY_TASK_ID", true)?.unwrap_or(0);
        let count = read("SLURM_ARRAY_TASK_COUNT", true)?.unwrap_or(0);
        let min = read("SLURM_ARRAY_TASK_MIN", false)?.unwrap_or(0);
        let step = read("SLURM_ARRAY_TASK_STEP", false)?.unwrap_or(1);
        let bad = |why: String| {
            StudyError::Invalid(format!(
                "--shard slurm: {why} (SLURM_ARRAY_TASK_ID={id}, SLURM_ARRAY_TASK_COUNT={count}, SLURM_ARRAY_TASK_MIN={min}, SLURM_ARRAY_TASK_STEP={step})"
            ))
        };
        if count == 0 {
            return Err(bad("the array has no tasks".into()));
        }
        if step == 0 {
            return Err(bad("the array's step is 0".into()));
        }
        if id < min || (id - min) % step != 0 {
            return Err(bad(format!(
                "task {id} is not on the array's ids {min}, {}, ...",
                min + step
            )));
        }
        let index = (id - min) / step;
        if index >= count {
            return Err(bad(format!(
                "task {id} is task {index} of the array, past its {count} tasks"
            )));
        }
        Ok(Shard { index, count })
    }
}

/// The cost of one run of each point: node count × step count (at least 1).
fn point_costs(plan: &SweepPlan) -> Result<Vec<u128>, StudyError> {
    plan.points
        .iter()
        .map(|levels| {
            let s = plan.study.point(levels)?;
            Ok((s.node_count() as u128).max(1) * u128::from(s.model.steps().max(1)))
        })
        .collect()
}

/// The shard of every run of `plan` cut into `count` shards (index = run), by the rule in the
/// module's documentation.
pub fn assign(plan: &SweepPlan, count: u64) -> Result<Vec<u32>, StudyError> {
    let total = plan.total()?;
    if count == 0 || count > u64::from(u32::MAX) {
        return Err(StudyError::Invalid(format!(
            "{count} shards: expected 1 to {}",
            u32::MAX
        )));
    }
    let reps = plan.sweep().replications;
    let costs = point_costs(plan)?;
    let mut order: Vec<usize> = (0..costs.len()).collect();
    order.sort_by_key(|&p| (Reverse(costs[p]), p));
    let mut owner = vec![0_u32; total as usize];
    // (load, shard) with the least load, then the lowest index, on top.
    let mut heap: BinaryHeap<Reverse<(u128, u32)>> =
        (0..count as u32).map(|s| Reverse((0, s))).collect();
    for p in order {
        for rep in 0..reps {
            let Reverse((load, shard)) = heap.pop().expect("at least one shard");
            owner[(p as u64 * reps + rep) as usize] = shard;
            heap.push(Reverse((load + costs[p], shard)));
        }
    }
    Ok(owner)
}

/// The runs of shard `shard`, in run order.
pub fn shard_runs(owner: &[u32], shard: Shard) -> Vec<u64> {
    owner
        .iter()
        .enumerate()
        .filter(|(_, &s)| u64::from(s) == shard.index)
        .map(|(r, _)| r as u64)
        .collect()
}

/// The scenario's hash: FNV-1a (64 bits, hex) of the fully resolved study (scenario, every
/// default filled in, and its `[sweep]` section) as TOML, so two folders were made from the
/// same sweep exactly when their hashes agree.
pub fn scenario_hash(plan: &SweepPlan) -> String {
    fnv1a(plan.study.resolved_toml().as_bytes())
}

/// FNV-1a, 64 bits, as 16 hex digits.
fn fnv1a(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests;
