//! The memory a study of a scenario needs, estimated before anything runs, so that one that
//! cannot fit is refused with a located error naming the key to change instead of growing until
//! the machine kills it. Pure: the caller (the binary) says how much memory there is.
//!
//! The estimate is a lower bound built from the sizes the program allocates: the network of a
//! run (its tie list and compact adjacency) and the model's state, per firm and per tie, for
//! every run in progress at once; the recorded steps a run keeps in memory when a study keeps
//! them (a sweep's `--timeseries` or `--step-summary`); and what a study keeps per run (a
//! sweep's index of finished runs, a comparison's final metrics). The part that needs the most
//! names the key of the error: `network.n` (or the key that sets the network's size),
//! `run.steps` / `output.every`, or the replications.

use asocia_core::model::ModelConfig;

use crate::error::{Loc, Sink};
use crate::raw::Raw;
use crate::resolve::expected_ties;
use crate::{NetworkSource, Scenario, ScenarioError, Study};

/// Bytes per firm of a classic-game run: strategies and payoffs double buffered, the adjacency
/// offsets, the generator's work arrays.
pub const CLASSIC_NODE_BYTES: u64 = 48;
/// Bytes per tie of a classic-game run: the tie list (8) and both directions of the adjacency
/// (8).
pub const CLASSIC_TIE_BYTES: u64 = 16;
/// Bytes per firm of a firm-economy run (its columns: capital, productivity, opportunism,
/// flags, group, ids, slot offsets, …).
pub const FIRM_NODE_BYTES: u64 = 160;
/// Bytes per tie of a firm-economy run: two directed slots of trust, flags, reverse slot,
/// counts and inbox, and the tie list.
pub const FIRM_TIE_BYTES: u64 = 96;
/// Bytes of one recorded step kept in memory (a classic step record; a firm record per group).
pub const STEP_RECORD_BYTES: u64 = 256;
/// Bytes a study keeps per run besides its final metrics (a sweep's journal index).
pub const RUN_INDEX_BYTES: u64 = 16;

/// How a study runs, as far as memory goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Usage {
    /// Runs in progress at once (the thread count of a sweep or comparison; 1 for `run`, whose
    /// replications run one after another).
    pub concurrent_runs: u64,
    /// Runs of which the study keeps something in memory while it runs (a sweep's runs, a
    /// comparison's replications × arms; 0 for `run`, which streams).
    pub kept_runs: u64,
    /// Final metrics kept per kept run (a comparison's; 0 for a sweep, which keeps only an
    /// index).
    pub kept_metrics: u64,
    /// Whether each run's recorded steps are kept in memory until it ends.
    pub keeps_steps: bool,
}

/// One part of an estimate: bytes, the dotted key that sets it, and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryPart {
    /// Bytes needed.
    pub bytes: u64,
    /// The dotted scenario key to change to need less (`network.n`, `run.steps`, …).
    pub key: String,
    /// What it is, in words.
    pub what: String,
}

/// The memory a study needs: its parts, largest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemoryEstimate {
    /// The parts, largest first.
    pub parts: Vec<MemoryPart>,
}

impl MemoryEstimate {
    /// Total bytes.
    pub fn bytes(&self) -> u64 {
        self.parts
            .iter()
            .fold(0_u64, |a, p| a.saturating_add(p.bytes))
    }
}

/// `bytes` for people: `1.5 GB`, `12 MB`, `800 B` (powers of 1000).
pub fn human_bytes(bytes: u64) -> String {
    let b = bytes as f64;
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", b / 1e3),
        1_000_000..1_000_000_000 => format!("{:.1} MB", b / 1e6),
        1_000_000_000..1_000_000_000_000 => format!("{:.1} GB", b / 1e9),
        _ => format!("{:.1} TB", b / 1e12),
    }
}

/// The dotted key that sets the size of `scenario`'s network.
fn size_key(scenario: &Scenario) -> &'static str {
    use asocia_core::network::NetworkSpec as S;
    match &scenario.network {
        NetworkSource::File(_) => "network.edges",
        NetworkSource::Generator(S::Lattice { .. }) => "network.width",
        NetworkSource::Generator(S::StochasticBlock { .. }) => "network.sizes",
        NetworkSource::Generator(_) => "network.n",
    }
}

/// Estimates the memory of `scenario` run as `usage` says (see the module documentation).
pub fn memory_estimate(scenario: &Scenario, usage: Usage) -> MemoryEstimate {
    let n = scenario.node_count() as u64;
    let ties = match &scenario.network {
        NetworkSource::File(f) => f.edges.len() as u64,
        NetworkSource::Generator(spec) => expected_ties(spec).min(u64::MAX as f64) as u64,
    };
    let (node_bytes, tie_bytes, groups) = match &scenario.model {
        ModelConfig::Classic(_) => (CLASSIC_NODE_BYTES, CLASSIC_TIE_BYTES, 1),
        ModelConfig::Firms(_) => (
            FIRM_NODE_BYTES,
            FIRM_TIE_BYTES,
            scenario.group_ids().len() as u64 + 1,
        ),
    };
    let runs = usage.concurrent_runs.max(1);
    let per_run = n
        .saturating_mul(node_bytes)
        .saturating_add(ties.saturating_mul(tie_bytes));
    let mut parts = vec![MemoryPart {
        bytes: per_run.saturating_mul(runs),
        key: size_key(scenario).into(),
        what: format!(
            "{runs} run{} at once of a network of {n} firms and about {ties} ties",
            if runs == 1 { "" } else { "s" }
        ),
    }];
    if usage.keeps_steps {
        let steps = scenario.model.steps() / scenario.output.every.max(1) + 1;
        parts.push(MemoryPart {
            bytes: steps
                .saturating_mul(groups)
                .saturating_mul(STEP_RECORD_BYTES)
                .saturating_mul(runs),
            key: "run.steps".into(),
            what: format!("{steps} recorded steps of each run in progress"),
        });
    }
    if usage.kept_runs > 0 {
        parts.push(MemoryPart {
            bytes: usage
                .kept_runs
                .saturating_mul(RUN_INDEX_BYTES + 8 * usage.kept_metrics),
            key: "run.replications".into(),
            what: format!("what the study keeps of its {} runs", usage.kept_runs),
        });
    }
    parts.sort_by_key(|p| std::cmp::Reverse(p.bytes));
    MemoryEstimate { parts }
}

impl Study {
    /// Refuses the study when its [`memory_estimate`] (of the base scenario, run as `usage`
    /// says) exceeds `available` bytes: an error located at the key of the largest part (where
    /// the file or a `--set` gives it, else at its section; the replications are
    /// `[sweep] replications` when the sweep sets them) saying what needs the memory and how
    /// much there is (`source` says where that figure comes from).
    pub fn check_memory(
        &self,
        usage: Usage,
        available: u64,
        source: &str,
    ) -> Result<MemoryEstimate, ScenarioError> {
        let estimate = memory_estimate(&self.base, usage);
        let total = estimate.bytes();
        if total <= available {
            return Ok(estimate);
        }
        let top = &estimate.parts[0];
        let mut key = top.key.clone();
        let mut loc = self.key_loc(&key);
        if key == "run.replications" {
            if let Some(at) = self.sweep.as_ref().and_then(|s| s.replications_loc) {
                (key, loc) = ("sweep.replications".into(), Some(at));
            }
        }
        let (section, name) = key.split_once('.').unwrap_or(("run", &key));
        let message = format!(
            "`{name}`: the {} needs about {} of memory ({}), more than the {} available ({source}); lower [{section}] {name}{}",
            if self.sweep.is_some() { "sweep" } else if self.compare.is_some() { "comparison" } else { "run" },
            human_bytes(total),
            top.what,
            human_bytes(available),
            if estimate.parts.len() > 1 {
                format!(
                    " (also: {})",
                    estimate.parts[1..]
                        .iter()
                        .map(|p| format!("{} for {}", human_bytes(p.bytes), p.what))
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            } else {
                String::new()
            }
        );
        let mut sink = Sink::new(&self.origin, &self.overrides);
        sink.at(loc.or_else(|| section_loc(&self.raw, section)), message);
        sink.finish().map(|()| estimate)
    }

    /// Where the dotted `key` is given (its value, in the file or a `--set`), if it is.
    fn key_loc(&self, key: &str) -> Option<Loc> {
        let (section, name) = key.split_once('.')?;
        self.raw
            .section(section)?
            .entries
            .iter()
            .find(|e| e.key == name)
            .map(|e| e.val_loc)
    }
}

/// Where `[section]` starts, if the file has it.
fn section_loc(raw: &Raw, section: &str) -> Option<Loc> {
    raw.section(section).and_then(|s| s.loc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_estimate_adds_up_its_parts_by_hand() {
        let text =
            "[network]\nkind = \"ring\"\nn = 100\nk = 4\n[run]\nsteps = 10\n[output]\nevery = 5\n";
        let s = crate::parse(text, "r.toml", Path::new("."), &[]).unwrap();
        let usage = Usage {
            concurrent_runs: 1,
            kept_runs: 1000,
            kept_metrics: 2,
            keeps_steps: true,
        };
        let e = memory_estimate(&s, usage);
        // Ring of 100 with k = 4: 200 ties; 100 · 48 + 200 · 16 = 8000 bytes. Steps 10 / 5 + 1
        // = 3 records of 256 bytes. 1000 runs of 16 + 8 · 2 bytes = 32000.
        let parts: Vec<(u64, &str)> = e.parts.iter().map(|p| (p.bytes, p.key.as_str())).collect();
        assert_eq!(
            parts,
            [
                (32_000, "run.replications"),
                (8_000, "network.n"),
                (768, "run.steps")
            ]
        );
        assert_eq!(e.bytes(), 40_768);
        let two = memory_estimate(
            &s,
            Usage {
                concurrent_runs: 2,
                keeps_steps: false,
                kept_runs: 0,
                ..usage
            },
        );
        assert_eq!(two.bytes(), 16_000);
        assert_eq!(two.parts.len(), 1);
    }

    #[test]
    fn bytes_are_shown_in_powers_of_1000() {
        assert_eq!(human_bytes(800), "800 B");
        assert_eq!(human_bytes(1_500), "1.5 kB");
        assert_eq!(human_bytes(8_000_000), "8.0 MB");
        assert_eq!(human_bytes(128_000_000_000), "128.0 GB");
        assert_eq!(human_bytes(3_000_000_000_000), "3.0 TB");
    }
}
