//! Studies of a scenario: the `[sweep]` section (a parameter design with replications) and the
//! `[compare]` section (named arms, each a table of dotted-key overrides).
//!
//! A design point or an arm is resolved by writing its values into the scenario as if they were
//! `--set` overrides, located at the `[sweep]` or `[compare]` entry that produced them, and
//! running the scenario's own checks; so a key that does not exist, a value outside a key's
//! allowed range, or a kind switch the key does not fit is reported as
//! `file:line:col: error: …` at that entry, before anything runs.
//!
//! ```toml
//! [sweep]
//! design = "grid"                  # or "latin-hypercube", "sobol"
//! replications = 10
//! game.b = { start = 1.0, stop = 2.0, step = 0.25 }
//! network.kind = ["barabasi-albert", "random-regular"]
//!
//! [compare]
//! replications = 30
//! [compare.fermi]
//! [compare.imitate-best]
//! update.rule = "imitate-best"
//! ```

use std::path::{Path, PathBuf};

use asocia_stats::design::{Design, DesignError, Level};

mod dimension;
mod read;
mod resolved;
mod set;

use crate::error::{Loc, Sink};
use crate::raw::{self, known_section, Entry, Raw, Val};
use crate::{resolve, Scenario, ScenarioError};

/// Most distinct diagnostics reported for the points of a design.
const MAX_POINT_DIAGNOSTICS: usize = 20;

/// A scenario file read with its `[sweep]` and `[compare]` sections.
#[derive(Clone, Debug)]
pub struct Study {
    /// The scenario with its `--set` overrides and no sweep point or arm applied.
    pub base: Scenario,
    /// The `[sweep]` section, if the file has one.
    pub sweep: Option<Sweep>,
    /// The `[compare]` section, if the file has one.
    pub compare: Option<Compare>,
    /// Every point of the sweep design (empty without `[sweep]`), each already checked.
    points: Vec<Vec<Level>>,
    pub(crate) raw: Raw,
    pub(crate) origin: String,
    base_dir: PathBuf,
    pub(crate) overrides: Vec<String>,
    path: Option<PathBuf>,
}

/// The `[sweep]` section: a design over dotted scenario keys, and replications per point.
#[derive(Clone, Debug)]
pub struct Sweep {
    /// The design; its dimension keys are dotted scenario keys such as `game.b`.
    pub design: Design,
    /// Runs per design point (`[sweep] replications`, else `[run] replications`).
    pub replications: u64,
    /// Key and value location of each dimension, in design order.
    locs: Vec<(Loc, Loc)>,
    /// Per dimension, for a dimension of list values (`network.sizes = [[500, 500], …]`): the
    /// list each of its string levels (`"500;500"`) stands for.
    arrays: Vec<Option<Vec<(String, Val)>>>,
    /// Where `replications` is given in `[sweep]` (the file or a `--set`), if it is.
    pub(crate) replications_loc: Option<Loc>,
}

/// The `[compare]` section: two or more arms run on common random numbers.
#[derive(Clone, Debug)]
pub struct Compare {
    /// The arms, in file order.
    pub arms: Vec<Arm>,
    /// Replications per arm (`[compare] replications`, else `[run] replications`).
    pub replications: u64,
    /// `[compare] baseline`: the arm every other arm is compared with; `None` compares every
    /// pair, earlier arm minus later arm.
    pub baseline: Option<usize>,
}

/// One arm of a comparison: a name and the overrides it applies to the base scenario.
#[derive(Clone, Debug)]
pub struct Arm {
    /// The arm's name (its table name in `[compare]`).
    pub name: String,
    /// Its overrides as `section.key = value` strings, in file order (for manifests).
    pub settings: Vec<String>,
    entries: Vec<(&'static str, Entry)>,
}

impl Study {
    /// The scenario at one design point: `levels` in the order of the design's dimensions.
    ///
    /// # Panics
    /// If the study has no `[sweep]` or `levels` has the wrong length.
    pub fn point(&self, levels: &[Level]) -> Result<Scenario, ScenarioError> {
        let sweep = self
            .sweep
            .as_ref()
            .expect("point() needs a [sweep] section");
        assert_eq!(levels.len(), sweep.locs.len(), "one level per dimension");
        self.with_entries(&point_entries(sweep, levels))
    }

    /// The scenario of arm `index` of `[compare]`.
    ///
    /// # Panics
    /// If the study has no `[compare]` or `index` is out of range.
    pub fn arm(&self, index: usize) -> Result<Scenario, ScenarioError> {
        let compare = self
            .compare
            .as_ref()
            .expect("arm() needs a [compare] section");
        self.with_entries(&compare.arms[index].entries)
    }

    /// Every point of the sweep design, in design order. They were all checked (resolved) when
    /// the study was loaded, so this does not fail; the `Result` is kept for callers that
    /// resolve lazily.
    ///
    /// # Panics
    /// If the study has no `[sweep]`.
    pub fn sweep_points(&self) -> Result<Vec<Vec<Level>>, ScenarioError> {
        assert!(self.sweep.is_some(), "sweep_points() needs a [sweep]");
        Ok(self.points.clone())
    }

    /// The study as TOML, loadable again to the same study: the resolved base scenario (every
    /// default filled in, see [`Scenario::resolved_toml`]) followed by `[sweep]` and
    /// `[compare]` with every one of their own keys filled in, the dimensions and the arms'
    /// overrides as written (with `--set` applied).
    pub fn resolved_toml(&self) -> String {
        let mut text = self.base.resolved_toml();
        text.push_str(&resolved::study_toml(
            self.sweep.as_ref(),
            self.compare.as_ref(),
        ));
        text
    }

    /// Resolves the base scenario with `entries` written over it.
    fn with_entries(&self, entries: &[(&'static str, Entry)]) -> Result<Scenario, ScenarioError> {
        let mut sink = Sink::new(&self.origin, &self.overrides);
        let scenario = resolve_with(&self.raw, entries, &self.origin, &self.base_dir, &mut sink);
        sink.finish()?;
        let mut scenario = scenario.ok_or_else(|| {
            ScenarioError::unlocated(&self.origin, "scenario could not be resolved")
        })?;
        scenario.path.clone_from(&self.path);
        Ok(scenario)
    }
}

/// Loads a scenario file with its `[sweep]` and `[compare]` sections and `--set` overrides:
/// `sweep.KEY=VALUE` and `compare.KEY=VALUE` set the sections' own keys (such as
/// `sweep.replications`), `sweep.SECTION.KEY=VALUES` a dimension (replacing the file's one of
/// that key), `compare.ARM.SECTION.KEY=VALUE` an override of an arm; a study section given
/// only by `--set` is created. Every design point and every arm is resolved, and every mistake
/// reported at once, in file order.
pub fn load_study(path: &Path, overrides: &[String]) -> Result<Study, ScenarioError> {
    let origin = path.display().to_string();
    let source = std::fs::read_to_string(path)
        .map_err(|e| ScenarioError::unlocated(&origin, format!("cannot read scenario: {e}")))?;
    let base_dir = path.parent().unwrap_or_else(|| Path::new("."));
    let mut study = parse_study(&source, &origin, base_dir, overrides)?;
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    study.base.path = Some(abs.clone());
    study.path = Some(abs);
    Ok(study)
}

/// Parses scenario text with its study sections; see [`crate::parse`] for the arguments.
/// Every mistake of the scenario and of its `[sweep]` and `[compare]` sections is reported at
/// once.
pub fn parse_study(
    source: &str,
    origin: &str,
    base_dir: &Path,
    overrides: &[String],
) -> Result<Study, ScenarioError> {
    let mut sink = Sink::new(origin, overrides);
    let raw = raw::read_document(source, &mut sink);
    let mut parts = None;
    if let Some(mut raw) = raw {
        raw::apply_overrides(&mut raw, overrides, true, &mut sink);
        let base = resolve::resolve(&raw, origin, base_dir, &mut sink);
        let doc = toml_edit::Document::parse(source).expect("parsed by read_document");
        let reader = read::StudyReader {
            src: source,
            at: None,
        };
        let default_reps = base.as_ref().map_or(1, |b| b.replications);
        let default_seed = base.as_ref().map_or(1, |b| b.seed);
        // A study section given only by `--set` is read as an empty section of the file,
        // located at the first of those arguments.
        let empty = toml_edit::Item::Table(toml_edit::Table::new());
        let section = |name: &str| {
            let first = set::study_sets(overrides, name)
                .first()
                .map(|s| Loc::Override(s.index));
            match doc.get(name) {
                Some(item) => Some((item, reader.key_loc(doc.as_table(), name))),
                None => first.map(|loc| (&empty, Some(loc))),
            }
        };
        let sweep = section("sweep").and_then(|(item, loc)| {
            reader.sweep(item, loc, overrides, default_reps, default_seed, &mut sink)
        });
        let compare = section("compare")
            .and_then(|(item, loc)| reader.compare(item, loc, overrides, default_reps, &mut sink));
        if sweep.is_some() || compare.is_some() {
            refuse_agent_level(&raw, sweep.as_ref(), compare.as_ref(), &mut sink);
        }
        // Every sweep point and every arm is resolved now, so that every mistake of the study
        // is reported with those of the scenario, in file order.
        let points = sweep
            .as_ref()
            .map(|sw| check_points(&raw, sw, origin, base_dir, &mut sink))
            .unwrap_or_default();
        if let Some(c) = &compare {
            for arm in &c.arms {
                resolve_with(&raw, &arm.entries, origin, base_dir, &mut sink);
            }
        }
        parts = Some((raw, base, sweep, compare, points));
    }
    sink.finish()?;
    let (raw, base, sweep, compare, points) =
        parts.expect("no diagnostics, so the document was read");
    let base =
        base.ok_or_else(|| ScenarioError::unlocated(origin, "scenario could not be resolved"))?;
    Ok(Study {
        base,
        sweep,
        compare,
        points,
        raw,
        origin: origin.to_string(),
        base_dir: base_dir.to_path_buf(),
        overrides: overrides.to_vec(),
        path: None,
    })
}

/// The `[output]` keys of agent-level outputs, which `asocia run` writes and studies refuse.
const AGENT_LEVEL_KEYS: [&str; 3] = ["snapshot_every", "snapshot_ties", "network_final"];

/// Refuses agent-level outputs in a study: the `[output]` keys that turn them on in the
/// scenario, and any sweep dimension or compare arm setting one of them, each located at its
/// key. A study of 10^5 runs would write 10^5 per-firm tables; the rows of one point are
/// what `asocia run` with that point's values (`--set`) writes.
fn refuse_agent_level(
    raw: &Raw,
    sweep: Option<&Sweep>,
    compare: Option<&Compare>,
    sink: &mut Sink<'_>,
) {
    let study = match (sweep.is_some(), compare.is_some()) {
        (true, true) => "[sweep] and [compare]",
        (true, false) => "[sweep]",
        _ => "[compare]",
    };
    let why = "agent-level outputs are written by `asocia run` only: run a point or an arm of the study with `asocia run FILE --set ...` (without the study sections) for its snapshots and network";
    if let Some(sec) = raw.section("output") {
        for e in &sec.entries {
            let on = match (e.key.as_str(), &e.val) {
                ("snapshot_every", Val::Int(k)) => *k != 0,
                ("network_final", Val::Str(v)) => v != "none",
                _ => false,
            };
            if on {
                sink.at(
                    Some(e.key_loc),
                    format!(
                        "`output.{}` is not allowed in a scenario with a {study} section: {why}",
                        e.key
                    ),
                );
            }
        }
    }
    if let Some(sw) = sweep {
        for (dim, &(key_loc, _)) in sw.design.dims().iter().zip(&sw.locs) {
            if let Some(("output", key)) = split_key(&dim.key) {
                if AGENT_LEVEL_KEYS.contains(&key) {
                    sink.at(
                        Some(key_loc),
                        format!("a [sweep] over `output.{key}` is not allowed: {why}"),
                    );
                }
            }
        }
    }
    if let Some(c) = compare {
        for arm in &c.arms {
            for (section, e) in &arm.entries {
                if *section == "output" && AGENT_LEVEL_KEYS.contains(&e.key.as_str()) {
                    sink.at(
                        Some(e.key_loc),
                        format!(
                            "[compare] arm `{}` sets `output.{}`, which is not allowed: {why}",
                            arm.name, e.key
                        ),
                    );
                }
            }
        }
    }
}

/// Resolves `raw` with `entries` written over it, reporting to `sink`.
fn resolve_with(
    raw: &Raw,
    entries: &[(&'static str, Entry)],
    origin: &str,
    base_dir: &Path,
    sink: &mut Sink<'_>,
) -> Option<Scenario> {
    let mut raw = raw.clone();
    for (section, entry) in entries {
        raw.section_mut(section).set(entry.clone());
    }
    resolve::resolve(&raw, origin, base_dir, sink)
}

/// The points of the design, each resolved into `sink`: after [`MAX_POINT_DIAGNOSTICS`]
/// distinct mistakes the remaining points are not checked.
fn check_points(
    raw: &Raw,
    sweep: &Sweep,
    origin: &str,
    base_dir: &Path,
    sink: &mut Sink<'_>,
) -> Vec<Vec<Level>> {
    let points = match sweep.design.points() {
        Ok(p) => p,
        Err(e) => {
            report_design_error(sink, sweep, None, &e);
            return Vec::new();
        }
    };
    let before = sink.len();
    for p in &points {
        let entries = point_entries(sweep, p);
        let had = sink.len();
        resolve_with(raw, &entries, origin, base_dir, sink);
        if sink.len() > had {
            sink.sort_dedup();
            if sink.len() >= before + MAX_POINT_DIAGNOSTICS {
                break;
            }
        }
    }
    points
}

/// The entries a design point writes over the scenario, located at its `[sweep]` entries.
fn point_entries(sweep: &Sweep, levels: &[Level]) -> Vec<(&'static str, Entry)> {
    sweep
        .design
        .dims()
        .iter()
        .zip(levels)
        .zip(sweep.locs.iter().zip(&sweep.arrays))
        .map(|((dim, level), (&(key_loc, val_loc), arrays))| {
            let (section, key) = split_key(&dim.key).expect("checked when read");
            let listed = arrays.as_ref().and_then(|a| match level {
                Level::Str(label) => a.iter().find(|(l, _)| l == label).map(|(_, v)| v),
                _ => None,
            });
            let entry = Entry {
                key: key.to_string(),
                val: listed.cloned().unwrap_or_else(|| level_val(level)),
                key_loc,
                val_loc,
                from_override: true,
            };
            (section, entry)
        })
        .collect()
}

/// `section.key` → (static section name, key).
fn split_key(dotted: &str) -> Option<(&'static str, &str)> {
    let (section, key) = dotted.split_once('.')?;
    Some((known_section(section)?, key))
}

fn level_val(level: &Level) -> Val {
    match level {
        Level::Int(i) => Val::Int(*i),
        Level::Float(x) => Val::Float(*x),
        Level::Bool(b) => Val::Bool(*b),
        Level::Str(s) => Val::Str(s.clone()),
    }
}

fn design_error_key(e: &DesignError) -> Option<&str> {
    match e {
        DesignError::DuplicateKey { key }
        | DesignError::EmptyRange { key }
        | DesignError::NonFinite { key }
        | DesignError::ZeroStep { key }
        | DesignError::WrongStepSign { key, .. }
        | DesignError::LogNonPositive { key, .. }
        | DesignError::TooManyLevels { key, .. }
        | DesignError::NotGridded { key }
        | DesignError::NotARange { key }
        | DesignError::NotNumeric { key, .. }
        | DesignError::IntegerOverflow { key, .. } => Some(key),
        _ => None,
    }
}

/// Reports a design error at the dimension it names, else at `fallback` (the `[sweep]` header).
fn report_design_error(sink: &mut Sink<'_>, sweep: &Sweep, fallback: Option<Loc>, e: &DesignError) {
    let loc = design_error_key(e)
        .and_then(|k| sweep.design.dims().iter().position(|d| d.key == k))
        .map(|i| sweep.locs[i].1)
        .or(fallback);
    sink.at(loc, format!("[sweep]: {e}"));
}

#[cfg(test)]
mod tests;
