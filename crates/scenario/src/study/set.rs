//! `--set sweep.…` and `--set compare.…`: overrides of the study sections, checked like the
//! file's own entries and located at the `--set` argument.
//!
//! - `sweep.KEY=VALUE` sets one of the section's own keys (`design`, `replications`,
//!   `samples`, `seed`; read with the file's values in `read.rs`);
//! - `sweep.SECTION.KEY=VALUES` replaces the dimension of that key, in place, or adds it after
//!   the dimensions of the same section (where a file would put it: TOML keeps the keys of one
//!   section together);
//! - `compare.KEY=VALUE` sets `replications` or `baseline`;
//! - `compare.ARM.SECTION.KEY=VALUE` sets (or replaces) an override of an existing arm.

use asocia_stats::design::Dimension;

use super::read::{unknown_sweep_key, StudyReader, COMPARE_RESERVED, SWEEP_RESERVED};
use super::Arm;
use crate::error::{Loc, Sink};
use crate::keys::section_names;
use crate::raw::{known_section, Entry, Val};
use crate::suggest::did_you_mean;

/// The dimensions of a sweep as they are read: each with its key and value locations and, for
/// a dimension of list values, the list each string level stands for.
#[derive(Default)]
pub(super) struct Dims {
    pub(super) dims: Vec<Dimension>,
    pub(super) locs: Vec<(Loc, Loc)>,
    pub(super) arrays: Vec<Option<Vec<(String, Val)>>>,
    /// A dimension could not be read: the design is not the one meant, so its points are not
    /// checked.
    pub(super) broken: bool,
}

impl Dims {
    /// Adds a dimension read from the file.
    pub(super) fn push(
        &mut self,
        dim: Dimension,
        locs: (Loc, Loc),
        arrays: Option<Vec<(String, Val)>>,
    ) {
        self.dims.push(dim);
        self.locs.push(locs);
        self.arrays.push(arrays);
    }

    /// Replaces the dimension of the same key in place, or inserts it after the last
    /// dimension of its section (at the end when there is none).
    fn set(&mut self, dim: Dimension, locs: (Loc, Loc), arrays: Option<Vec<(String, Val)>>) {
        if let Some(i) = self.dims.iter().position(|d| d.key == dim.key) {
            self.dims[i] = dim;
            self.locs[i] = locs;
            self.arrays[i] = arrays;
            return;
        }
        let section = |key: &str| key.split_once('.').map(|(s, _)| s.to_string());
        let mine = section(&dim.key);
        let at = self
            .dims
            .iter()
            .rposition(|d| section(&d.key) == mine)
            .map_or(self.dims.len(), |i| i + 1);
        self.dims.insert(at, dim);
        self.locs.insert(at, locs);
        self.arrays.insert(at, arrays);
    }
}

/// A `--set` argument of a study section: its index, the key path after the section name,
/// and the value text.
pub(super) struct StudySet<'a> {
    pub(super) index: usize,
    pub(super) path: Vec<&'a str>,
    pub(super) value: &'a str,
}

/// The `--set` arguments that set keys of study section `section`, in the order given.
pub(super) fn study_sets<'a>(overrides: &'a [String], section: &str) -> Vec<StudySet<'a>> {
    overrides
        .iter()
        .enumerate()
        .filter_map(|(index, arg)| {
            let (key, value) = arg.split_once('=')?;
            let (s, rest) = key.trim().split_once('.')?;
            (s == section).then(|| StudySet {
                index,
                path: rest.split('.').collect(),
                value: value.trim(),
            })
        })
        .collect()
}

/// A `--set` value as TOML (a bare word is a string, as for scenario keys).
fn parse_value(text: &str) -> toml_edit::Value {
    text.parse::<toml_edit::Value>()
        .unwrap_or_else(|_| toml_edit::Value::from(text))
}

/// Applies the `sweep.SECTION.KEY` overrides to the dimensions; reports the other keys that
/// are not the section's own.
pub(super) fn sweep_dimensions(overrides: &[String], dims: &mut Dims, sink: &mut Sink<'_>) {
    for set in study_sets(overrides, "sweep") {
        let loc = Loc::Override(set.index);
        match set.path.as_slice() {
            [key] if SWEEP_RESERVED.contains(key) => {} // read with the file's values
            [key] => sink.at(Some(loc), unknown_sweep_key(key)),
            [section, key] if !section.is_empty() && !key.is_empty() => {
                if known_section(section).is_none() {
                    sink.at(
                        Some(loc),
                        format!(
                            "[sweep]: unknown scenario section `{section}`{}",
                            did_you_mean(section, &section_names())
                        ),
                    );
                    dims.broken = true;
                    continue;
                }
                let reader = StudyReader {
                    src: set.value,
                    at: Some(set.index),
                };
                let item = toml_edit::Item::Value(parse_value(set.value));
                let dotted = format!("{section}.{key}");
                match reader.dimension(&dotted, &item, loc, sink) {
                    Some((dim, arrays)) => dims.set(dim, (loc, loc), arrays),
                    None => dims.broken = true,
                }
            }
            _ => sink.at(
                Some(loc),
                "expected `sweep.KEY=VALUE` (design, replications, samples, seed) or a dimension `sweep.SECTION.KEY=[values]`",
            ),
        }
    }
}

/// Applies the `compare.ARM.SECTION.KEY` overrides to the arms; reports the other keys that
/// are not the section's own.
pub(super) fn compare_arms(overrides: &[String], arms: &mut [Arm], sink: &mut Sink<'_>) {
    for set in study_sets(overrides, "compare") {
        let loc = Some(Loc::Override(set.index));
        let names: Vec<String> = arms.iter().map(|a| a.name.clone()).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        match set.path.as_slice() {
            [key] if COMPARE_RESERVED.contains(key) => {} // read with the file's values
            [key] if names.contains(key) => sink.at(
                loc,
                format!("`compare.{key}` is an arm; set its overrides as `compare.{key}.SECTION.KEY=VALUE`"),
            ),
            [key] => {
                let mut valid = COMPARE_RESERVED.to_vec();
                valid.extend(&names);
                sink.at(
                    loc,
                    format!(
                        "unknown key `{key}` in [compare]{} (its keys: replications, baseline; an arm's overrides are set as `compare.ARM.SECTION.KEY=VALUE`)",
                        did_you_mean(key, &valid)
                    ),
                );
            }
            [arm, section, key] if !key.is_empty() => {
                let Some(a) = arms.iter_mut().find(|a| a.name == *arm) else {
                    sink.at(
                        loc,
                        format!(
                            "[compare]: no arm named `{arm}`{} (arms: {})",
                            did_you_mean(arm, &names),
                            names.join(", ")
                        ),
                    );
                    continue;
                };
                let Some(sec) = known_section(section) else {
                    sink.at(
                        loc,
                        format!(
                            "[compare.{arm}]: `{section}` is not a scenario section{}",
                            did_you_mean(section, &section_names())
                        ),
                    );
                    continue;
                };
                let value = parse_value(set.value);
                let setting = format!("{sec}.{key}={}", value.to_string().trim());
                let entry = Entry {
                    key: (*key).to_string(),
                    val: Val::from_toml(&value),
                    key_loc: Loc::Override(set.index),
                    val_loc: Loc::Override(set.index),
                    from_override: true,
                };
                match a
                    .entries
                    .iter()
                    .position(|(s, e)| *s == sec && e.key == *key)
                {
                    Some(i) => {
                        a.entries[i] = (sec, entry);
                        a.settings[i] = setting;
                    }
                    None => {
                        a.entries.push((sec, entry));
                        a.settings.push(setting);
                    }
                }
            }
            _ => sink.at(
                loc,
                "expected `compare.KEY=VALUE` (replications, baseline) or an arm's override `compare.ARM.SECTION.KEY=VALUE`",
            ),
        }
    }
}
