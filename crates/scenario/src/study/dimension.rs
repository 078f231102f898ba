//! One dimension of `[sweep]`: a list of values (lists of lists for a list key such as
//! `network.sizes`) or a range table `{ start, stop, step or n, scale, integer }`.

use asocia_stats::design::{DimValues, Dimension, Level, Range, Scale, Spacing};

use super::read::StudyReader;
use crate::error::{Loc, Sink};
use crate::raw::Val;
use crate::suggest::did_you_mean;

/// The lists a dimension of list values stands for: each string level and its list.
pub(super) type Listed = Vec<(String, Val)>;

impl StudyReader<'_> {
    /// One dimension: a list of values or a range table. A list of lists (values of a list
    /// key such as `network.sizes`) gives string levels, each list's items joined by `;`,
    /// returned with the list each stands for.
    pub(super) fn dimension(
        &self,
        dotted: &str,
        item: &toml_edit::Item,
        loc: Loc,
        sink: &mut Sink<'_>,
    ) -> Option<(Dimension, Option<Listed>)> {
        let shape = "a list of values or a range { start, stop, step or n }";
        if let Some(array) = item.as_array() {
            let mut levels = Vec::with_capacity(array.len());
            let lists = array.iter().any(|v| v.is_array());
            let mut arrays = Vec::new();
            for v in array.iter() {
                let at = self.loc(v.span()).or(Some(loc));
                let val = Val::from_toml(v);
                if lists {
                    match list_label(&val) {
                        Ok(label) => {
                            levels.push(Level::Str(label.clone()));
                            arrays.push((label, val));
                        }
                        Err(why) => {
                            sink.at(at, format!("`{dotted}`: {why}"));
                            return None;
                        }
                    }
                    continue;
                }
                levels.push(match val {
                    Val::Int(i) => Level::Int(i),
                    Val::Float(x) => Level::Float(x),
                    Val::Bool(b) => Level::Bool(b),
                    Val::Str(s) => Level::Str(s),
                    other => {
                        sink.at(
                            at,
                            format!(
                                "`{dotted}`: sweep values must be numbers, booleans, strings or lists of them, found {}",
                                other.describe()
                            ),
                        );
                        return None;
                    }
                });
            }
            if levels.is_empty() {
                sink.at(
                    Some(loc),
                    format!("`{dotted}`: empty list; a dimension needs at least one value"),
                );
                return None;
            }
            return Some((Dimension::list(dotted, levels), lists.then_some(arrays)));
        }
        let Some(table) = item.as_table_like() else {
            let found = match item {
                toml_edit::Item::Value(v) => Val::from_toml(v).describe(),
                _ => "an array of tables".to_string(),
            };
            sink.at(
                Some(loc),
                format!("`{dotted}`: expected {shape}, found {found}"),
            );
            return None;
        };
        self.range(dotted, table, loc, sink).map(|d| (d, None))
    }

    fn range(
        &self,
        dotted: &str,
        table: &dyn toml_edit::TableLike,
        loc: Loc,
        sink: &mut Sink<'_>,
    ) -> Option<Dimension> {
        const KEYS: &[&str] = &["start", "stop", "step", "n", "scale", "integer"];
        let before = sink.len();
        let num = |key: &str, sink: &mut Sink<'_>| -> Option<(f64, bool, Loc)> {
            let v = table.get(key)?.as_value()?;
            let at = self.loc(v.span()).unwrap_or(loc);
            match Val::from_toml(v) {
                Val::Int(i) => Some((i as f64, true, at)),
                Val::Float(x) => Some((x, false, at)),
                other => {
                    sink.at(
                        Some(at),
                        format!(
                            "`{dotted}`: `{key}` must be a number, found {}",
                            other.describe()
                        ),
                    );
                    None
                }
            }
        };
        let start = num("start", sink);
        let stop = num("stop", sink);
        let step = num("step", sink);
        let n = num("n", sink);
        for (key, _) in table.iter() {
            if !KEYS.contains(&key) {
                sink.at(
                    self.key_loc(table, key).or(Some(loc)),
                    format!(
                        "`{dotted}`: unknown range key `{key}`{} (range keys: {})",
                        did_you_mean(key, KEYS),
                        KEYS.join(", ")
                    ),
                );
            }
        }
        let scale = match table.get("scale").and_then(|i| i.as_value()) {
            None => Scale::Linear,
            Some(v) => match v.as_str() {
                Some("linear") => Scale::Linear,
                Some("log") => Scale::Log,
                _ => {
                    sink.at(
                        self.loc(v.span()).or(Some(loc)),
                        format!(
                            "`{dotted}`: `scale` must be \"linear\" or \"log\", found {}",
                            Val::from_toml(v).describe()
                        ),
                    );
                    Scale::Linear
                }
            },
        };
        let explicit_int = match table.get("integer").and_then(|i| i.as_value()) {
            None => None,
            Some(v) => match v.as_bool() {
                Some(b) => Some(b),
                None => {
                    sink.at(
                        self.loc(v.span()).or(Some(loc)),
                        format!("`{dotted}`: `integer` must be true or false"),
                    );
                    None
                }
            },
        };
        if sink.len() > before {
            return None;
        }
        let (Some((a, a_int, _)), Some((b, b_int, _))) = (start, stop) else {
            sink.at(
                Some(loc),
                format!("`{dotted}`: a range needs `start` and `stop`"),
            );
            return None;
        };
        let spacing = match (step, n) {
            (Some(_), Some((_, _, at))) => {
                sink.at(
                    Some(at),
                    format!("`{dotted}`: give `step` or `n`, not both"),
                );
                return None;
            }
            (Some((h, _, _)), None) => Spacing::Step(h),
            (None, Some((k, k_int, at))) => {
                if !k_int || k < 0.0 {
                    sink.at(
                        Some(at),
                        format!("`{dotted}`: `n` must be a non-negative integer, found {k}"),
                    );
                    return None;
                }
                Spacing::Count(k as usize)
            }
            (None, None) => Spacing::Continuous,
        };
        let step_int = match step {
            Some((_, is_int, _)) => is_int,
            None => crate::keys::is_integer(dotted),
        };
        let integer = explicit_int.unwrap_or(a_int && b_int && step_int);
        Some(Dimension {
            key: dotted.to_string(),
            values: DimValues::Range(Range {
                start: a,
                stop: b,
                scale,
                spacing,
            }),
            integer,
        })
    }
}

/// The level that stands for a list value in a sweep: its items joined by `;` (`[500, 500]` is
/// `500;500`; an empty list is `[]`), as `runs.csv` and `summary.csv` show it. Items must be
/// numbers, booleans or strings.
fn list_label(val: &Val) -> Result<String, String> {
    let Val::Array(items) = val else {
        return Err(format!(
            "a dimension of lists takes only lists (such as `[[500, 500], [250, 250, 250, 250]]`), found {}",
            val.describe()
        ));
    };
    if items.is_empty() {
        return Ok("[]".to_string());
    }
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        parts.push(match item {
            Val::Int(i) => i.to_string(),
            Val::Float(x) => asocia_stats::design::Level::Float(*x).to_string(),
            Val::Bool(b) => b.to_string(),
            Val::Str(s) => s.clone(),
            other => {
                return Err(format!(
                    "the items of a listed value must be numbers, booleans or strings, found {}",
                    other.describe()
                ))
            }
        });
    }
    Ok(parts.join(";"))
}
