//! Reading the `[sweep]` and `[compare]` tables of a document into a [`Sweep`] and a
//! [`Compare`], every mistake reported to the [`Sink`] at its place in the file.

use asocia_stats::design::Design;

use super::set::{self, Dims};
use super::{report_design_error, Arm, Compare, Sweep};
use crate::error::{line_col, Loc, Sink};
use crate::keys::section_names;
use crate::keys::{MAX_SEED, SEED};
use crate::raw::{known_section, Entry, Val};
use crate::suggest::did_you_mean;

/// A scalar study key set by `--set sweep.KEY=VALUE`: its index and value.
fn study_override(overrides: &[String], section: &str, key: &str) -> Option<(usize, Val)> {
    overrides.iter().enumerate().rev().find_map(|(i, arg)| {
        let (k, v) = arg.split_once('=')?;
        let (s, k) = k.trim().split_once('.')?;
        (s == section && k == key).then(|| {
            let v = v.trim();
            let val = v
                .parse::<toml_edit::Value>()
                .map_or_else(|_| Val::Str(v.to_string()), |v| Val::from_toml(&v));
            (i, val)
        })
    })
}

/// Reads the study sections of one document, locating everything in `src`; or, with `at`
/// set, the value of the `--set` argument with that index (everything located there).
pub(super) struct StudyReader<'s> {
    pub(super) src: &'s str,
    pub(super) at: Option<usize>,
}

/// Keys of `[sweep]` that are not dimensions.
pub(super) const SWEEP_RESERVED: &[&str] = &["design", "replications", "samples", "seed"];
/// Keys of `[compare]` that are not arms.
pub(super) const COMPARE_RESERVED: &[&str] = &["replications", "baseline"];

/// A key of `[sweep]` that is neither one of its own keys nor a `section.key` dimension.
pub(super) fn unknown_sweep_key(key: &str) -> String {
    format!(
        "unknown key `{key}` in [sweep]{} (a dimension is written `section.key = [values]` or `section.key = {{ start = …, stop = …, step = … }}`)",
        did_you_mean(key, SWEEP_RESERVED)
    )
}

/// A scalar of a study section and where it was written.
struct Scalar {
    val: Val,
    loc: Loc,
}

impl StudyReader<'_> {
    pub(super) fn loc(&self, span: Option<std::ops::Range<usize>>) -> Option<Loc> {
        if let Some(i) = self.at {
            return Some(Loc::Override(i));
        }
        span.map(|s| {
            let (l, c) = line_col(self.src, s.start);
            Loc::File(l, c)
        })
    }

    pub(super) fn key_loc(&self, table: &dyn toml_edit::TableLike, key: &str) -> Option<Loc> {
        self.loc(table.key(key).and_then(toml_edit::Key::span))
    }

    pub(super) fn item_loc(&self, item: &toml_edit::Item) -> Option<Loc> {
        match item {
            toml_edit::Item::Value(v) => self.loc(v.span()),
            toml_edit::Item::Table(t) => self.loc(t.span()),
            toml_edit::Item::ArrayOfTables(a) => self.loc(a.span()),
            toml_edit::Item::None => None,
        }
    }

    /// The table of a study section, or a reported mistake.
    fn section<'d>(
        &self,
        name: &str,
        item: &'d toml_edit::Item,
        loc: Option<Loc>,
        sink: &mut Sink<'_>,
    ) -> Option<&'d dyn toml_edit::TableLike> {
        match item.as_table_like() {
            Some(t) if !matches!(item, toml_edit::Item::ArrayOfTables(_)) => Some(t),
            _ => {
                sink.at(loc, format!("`{name}` must be a section ([{name}])"));
                None
            }
        }
    }

    /// The reserved scalars of a study section (file value, then `--set` override).
    fn scalars(
        &self,
        name: &str,
        table: &dyn toml_edit::TableLike,
        reserved: &[&str],
        overrides: &[String],
    ) -> Vec<(String, Scalar)> {
        let mut out = Vec::new();
        for key in reserved {
            let file = table.get(key).and_then(|item| match item {
                toml_edit::Item::Value(v) => Some(Scalar {
                    val: Val::from_toml(v),
                    loc: self.loc(v.span()).unwrap_or(Loc::File(1, 1)),
                }),
                _ => None,
            });
            let set = study_override(overrides, name, key).map(|(i, val)| Scalar {
                val,
                loc: Loc::Override(i),
            });
            if let Some(s) = set.or(file) {
                out.push(((*key).to_string(), s));
            }
        }
        out
    }

    pub(super) fn sweep(
        &self,
        item: &toml_edit::Item,
        loc: Option<Loc>,
        overrides: &[String],
        default_reps: u64,
        default_seed: u64,
        sink: &mut Sink<'_>,
    ) -> Option<Sweep> {
        let table = self.section("sweep", item, loc, sink)?;
        let before = sink.len();
        const RESERVED: &[&str] = SWEEP_RESERVED;
        let mut design = ("grid", None);
        // Set when the design cannot be built as meant: its points are then not checked.
        let mut dims_unsure = false;
        let (mut replications, mut samples, mut seed) = (default_reps, None, None);
        let mut replications_loc = None;
        for (key, s) in self.scalars("sweep", table, RESERVED, overrides) {
            if key == "replications" {
                replications_loc = Some(s.loc);
            }
            let had = sink.len();
            match key.as_str() {
                "design" => match &s.val {
                    Val::Str(d) if ["grid", "latin-hypercube", "sobol"].contains(&d.as_str()) => {
                        design = (
                            ["grid", "latin-hypercube", "sobol"]
                                .into_iter()
                                .find(|x| x == d)
                                .expect("listed"),
                            Some(s.loc),
                        );
                    }
                    other => sink.at(
                        Some(s.loc),
                        format!(
                            "`design`: expected \"grid\", \"latin-hypercube\" or \"sobol\", found {}",
                            other.describe()
                        ),
                    ),
                },
                _ => match &s.val {
                    Val::Int(i)
                        if (*i >= 1 && key != "seed")
                            || (key == "seed" && (0..=MAX_SEED as i64).contains(i)) =>
                    {
                        let v = i.unsigned_abs();
                        match key.as_str() {
                            "replications" => replications = v,
                            "samples" => samples = Some(v as usize),
                            _ => seed = Some(v),
                        }
                    }
                    other => sink.at(
                        Some(s.loc),
                        format!(
                            "`{key}`: expected {}, found {}",
                            if key == "seed" { SEED } else { "a positive integer" },
                            other.describe()
                        ),
                    ),
                },
            }
            if sink.len() > had && (key == "design" || key == "samples") {
                dims_unsure = true;
            }
        }
        let mut dims = Dims::default();
        for (key, item) in table.iter() {
            if RESERVED.contains(&key) {
                continue;
            }
            let key_loc = self.key_loc(table, key);
            self.dimensions(key, item, key_loc, &mut dims, sink);
        }
        set::sweep_dimensions(overrides, &mut dims, sink);
        let Dims {
            dims,
            locs,
            arrays,
            broken,
        } = dims;
        if dims.is_empty() && sink.len() == before {
            sink.at(
                loc,
                "[sweep] has no dimensions; add one such as `game.b = [1.2, 1.5, 1.8]`",
            );
        }
        // Mistakes in `replications`, `seed` or stray keys do not change the points, which
        // are still checked (the study fails to load all the same).
        if broken || dims_unsure || dims.is_empty() {
            return None;
        }
        let design = match design.0 {
            "grid" => Design::Grid(dims),
            kind => {
                let Some(n) = samples else {
                    sink.at(
                        design.1.or(loc),
                        format!("`design = \"{kind}\"` needs `samples`, the number of points (a power of two for Sobol)"),
                    );
                    return None;
                };
                if kind == "sobol" {
                    Design::Sobol { dims, n, seed }
                } else {
                    Design::LatinHypercube {
                        dims,
                        n,
                        seed: seed.unwrap_or(default_seed),
                    }
                }
            }
        };
        let sweep = Sweep {
            design,
            replications,
            locs,
            arrays,
            replications_loc,
        };
        if let Err(e) = sweep.design.len() {
            report_design_error(sink, &sweep, loc, &e);
            return None;
        }
        Some(sweep)
    }

    /// Reads the dimensions under `section` (a table of `key = list or range` entries).
    fn dimensions(
        &self,
        section: &str,
        item: &toml_edit::Item,
        section_loc: Option<Loc>,
        dims: &mut Dims,
        sink: &mut Sink<'_>,
    ) {
        let Some(table) = item.as_table_like().filter(|_| !item.is_array_of_tables()) else {
            sink.at(section_loc, unknown_sweep_key(section));
            return;
        };
        if known_section(section).is_none() {
            sink.at(
                section_loc,
                format!(
                    "[sweep]: unknown scenario section `{section}`{}",
                    did_you_mean(section, &section_names())
                ),
            );
            dims.broken = true;
            return;
        }
        for (key, item) in table.iter() {
            let key_loc = self
                .key_loc(table, key)
                .or(section_loc)
                .unwrap_or(Loc::File(1, 1));
            let val_loc = self.item_loc(item).unwrap_or(key_loc);
            let dotted = format!("{section}.{key}");
            match self.dimension(&dotted, item, val_loc, sink) {
                Some((dim, arrays)) => dims.push(dim, (key_loc, val_loc), arrays),
                None => dims.broken = true,
            }
        }
    }

    pub(super) fn compare(
        &self,
        item: &toml_edit::Item,
        loc: Option<Loc>,
        overrides: &[String],
        default_reps: u64,
        sink: &mut Sink<'_>,
    ) -> Option<Compare> {
        let table = self.section("compare", item, loc, sink)?;
        let before = sink.len();
        const RESERVED: &[&str] = COMPARE_RESERVED;
        let mut replications = default_reps;
        let mut baseline: Option<(String, Loc)> = None;
        for (key, s) in self.scalars("compare", table, RESERVED, overrides) {
            match (key.as_str(), &s.val) {
                ("replications", Val::Int(i)) if *i >= 1 => replications = i.unsigned_abs(),
                ("baseline", Val::Str(name)) => baseline = Some((name.clone(), s.loc)),
                (_, other) => sink.at(
                    Some(s.loc),
                    format!(
                        "`{key}`: expected {}, found {}",
                        if key == "baseline" {
                            "the name of an arm"
                        } else {
                            "a positive integer"
                        },
                        other.describe()
                    ),
                ),
            }
        }
        let mut arms = Vec::new();
        for (name, item) in table.iter() {
            if RESERVED.contains(&name) {
                continue;
            }
            let name_loc = self.key_loc(table, name);
            let Some(arm_table) = item.as_table_like().filter(|_| !item.is_array_of_tables())
            else {
                sink.at(
                    name_loc,
                    format!(
                        "unknown key `{name}` in [compare]{}; an arm is a table such as [compare.{name}] of overrides",
                        did_you_mean(name, RESERVED)
                    ),
                );
                continue;
            };
            let mut arm = Arm {
                name: name.to_string(),
                settings: Vec::new(),
                entries: Vec::new(),
            };
            for (section, sec_item) in arm_table.iter() {
                let sec_loc = self.key_loc(arm_table, section).or(name_loc);
                let (Some(sec), Some(entries)) = (
                    known_section(section),
                    sec_item
                        .as_table_like()
                        .filter(|_| !sec_item.is_array_of_tables()),
                ) else {
                    sink.at(
                        sec_loc,
                        format!(
                            "[compare.{name}]: `{section}` is not a scenario section{} (write overrides as `section.key = value`)",
                            did_you_mean(section, &section_names())
                        ),
                    );
                    continue;
                };
                for (key, v) in entries.iter() {
                    let key_loc = self
                        .key_loc(entries, key)
                        .or(sec_loc)
                        .unwrap_or(Loc::File(1, 1));
                    let Some(value) = v.as_value() else {
                        sink.at(
                            Some(key_loc),
                            format!("[compare.{name}]: `{section}.{key}` must be a value"),
                        );
                        continue;
                    };
                    let val_loc = self.loc(value.span()).unwrap_or(key_loc);
                    arm.settings
                        .push(format!("{section}.{key}={}", value.to_string().trim()));
                    arm.entries.push((
                        sec,
                        Entry {
                            key: key.to_string(),
                            val: Val::from_toml(value),
                            key_loc,
                            val_loc,
                            from_override: true,
                        },
                    ));
                }
            }
            arms.push(arm);
        }
        set::compare_arms(overrides, &mut arms, sink);
        if arms.len() < 2 && sink.len() == before {
            sink.at(
                loc,
                format!(
                    "[compare] needs at least two arms, found {}; add tables such as [compare.baseline] and [compare.policy]",
                    arms.len()
                ),
            );
        }
        let baseline = match baseline {
            None => None,
            Some((name, at)) => match arms.iter().position(|a| a.name == name) {
                Some(i) => Some(i),
                None => {
                    let names: Vec<&str> = arms.iter().map(|a| a.name.as_str()).collect();
                    sink.at(
                        Some(at),
                        format!(
                            "`baseline`: no arm named `{name}`{} (arms: {})",
                            did_you_mean(&name, &names),
                            names.join(", ")
                        ),
                    );
                    None
                }
            },
        };
        // With mistakes the study does not load, but the arms read are still resolved, so
        // that their own mistakes are reported too.
        Some(Compare {
            arms,
            replications,
            baseline,
        })
    }
}
