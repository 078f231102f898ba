//! First stage: the scenario file and the `--set` overrides read into sections of located,
//! still unchecked entries. Syntax errors and unknown sections are reported here; everything
//! else is checked by [`crate::resolve`].

use crate::error::{line_col, Loc, Sink};
use crate::keys::section_names;
use crate::suggest::{closest, did_you_mean};

/// Sections that describe a study of the scenario rather than the scenario itself: read by
/// [`crate::study`] (with their `--set` overrides), skipped by the scenario reader.
pub(crate) const STUDY_SECTIONS: &[&str] = &["sweep", "compare"];

/// Every key any variant of a section can take (for suggestions and misplaced keys), from the
/// registry.
pub(crate) fn section_keys(section: &str) -> Vec<&'static str> {
    crate::keys::section(section).map_or_else(Vec::new, |s| s.names())
}

/// A TOML value, detached from the document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(String),
    Array(Vec<Val>),
    Table,
    Datetime(String),
}

impl Val {
    /// How the value reads in a "found …" message.
    pub(crate) fn describe(&self) -> String {
        match self {
            Val::Int(i) => format!("integer {i}"),
            Val::Float(x) => format!("float {x}"),
            Val::Bool(b) => format!("boolean {b}"),
            Val::Str(s) => format!("string {s:?}"),
            Val::Array(_) => "an array".to_string(),
            Val::Table => "a table".to_string(),
            Val::Datetime(d) => format!("datetime {d}"),
        }
    }

    pub(crate) fn from_toml(v: &toml_edit::Value) -> Val {
        use toml_edit::Value as V;
        match v {
            V::String(s) => Val::Str(s.value().clone()),
            V::Integer(i) => Val::Int(*i.value()),
            V::Float(f) => Val::Float(*f.value()),
            V::Boolean(b) => Val::Bool(*b.value()),
            V::Datetime(d) => Val::Datetime(d.value().to_string()),
            V::Array(a) => Val::Array(a.iter().map(Val::from_toml).collect()),
            V::InlineTable(_) => Val::Table,
        }
    }
}

/// One `key = value` of a section.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) val: Val,
    pub(crate) key_loc: Loc,
    pub(crate) val_loc: Loc,
    /// Set by a `--set` argument rather than the file.
    pub(crate) from_override: bool,
}

/// The entries of one section, in file order (overrides replace in place or append).
#[derive(Clone, Debug, Default)]
pub(crate) struct Section {
    pub(crate) loc: Option<Loc>,
    pub(crate) entries: Vec<Entry>,
}

impl Section {
    /// Sets `entry`, replacing an entry with the same key in place.
    pub(crate) fn set(&mut self, entry: Entry) {
        match self.entries.iter_mut().find(|e| e.key == entry.key) {
            Some(e) => *e = entry,
            None => self.entries.push(entry),
        }
    }
}

/// All known sections of a scenario; unknown ones were reported and dropped.
#[derive(Clone, Debug, Default)]
pub(crate) struct Raw {
    pub(crate) sections: Vec<(&'static str, Section)>,
}

impl Raw {
    /// The section, if the file or an override mentioned it.
    pub(crate) fn section(&self, name: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s)
    }

    /// The section, created empty if absent.
    pub(crate) fn section_mut(&mut self, name: &'static str) -> &mut Section {
        if let Some(i) = self.sections.iter().position(|(n, _)| *n == name) {
            &mut self.sections[i].1
        } else {
            self.sections.push((name, Section::default()));
            let last = self.sections.len() - 1;
            &mut self.sections[last].1
        }
    }
}

/// The static name of a scenario section, if `name` is one.
pub(crate) fn known_section(name: &str) -> Option<&'static str> {
    crate::keys::section(name).map(|s| s.name)
}

fn unknown_section_message(name: &str) -> String {
    let sections = section_names();
    match closest(name, &sections) {
        Some(s) => format!("unknown section [{name}]; did you mean [{s}]?"),
        None => format!(
            "unknown section [{name}] (sections are: {})",
            sections
                .iter()
                .map(|s| format!("[{s}]"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn misplaced_key_message(key: &str) -> String {
    let sections = section_names();
    let homes: Vec<&str> = sections
        .iter()
        .copied()
        .filter(|s| section_keys(s).contains(&key))
        .collect();
    match homes.as_slice() {
        [] => {
            let all: Vec<&str> = sections.iter().flat_map(|s| section_keys(s)).collect();
            format!(
                "unknown key `{key}` outside any section{}",
                did_you_mean(key, &all)
            )
        }
        [one] => format!("key `{key}` is outside any section; it belongs in [{one}]"),
        many => format!(
            "key `{key}` is outside any section; it belongs in one of {}",
            many.iter()
                .map(|s| format!("[{s}]"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Reads the scenario document; `None` if the TOML itself is malformed (already reported).
pub(crate) fn read_document(src: &str, sink: &mut Sink<'_>) -> Option<Raw> {
    let doc = match toml_edit::Document::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            let (line, column) = e.span().map_or((1, 1), |s| line_col(src, s.start));
            sink.at(
                Some(Loc::File(line, column)),
                format!("malformed TOML: {}", e.message().trim_end()),
            );
            return None;
        }
    };
    let at = |span: Option<std::ops::Range<usize>>| {
        span.map(|s| {
            let (l, c) = line_col(src, s.start);
            Loc::File(l, c)
        })
    };
    let root = doc.as_table();
    let mut raw = Raw::default();
    for (name, item) in root.iter() {
        if STUDY_SECTIONS.contains(&name) {
            continue;
        }
        let key_loc = at(root.key(name).and_then(toml_edit::Key::span));
        let is_table = matches!(
            item,
            toml_edit::Item::Table(_)
                | toml_edit::Item::ArrayOfTables(_)
                | toml_edit::Item::Value(toml_edit::Value::InlineTable(_))
        );
        let Some(section) = known_section(name) else {
            let message = if is_table {
                unknown_section_message(name)
            } else {
                misplaced_key_message(name)
            };
            sink.at(key_loc, message);
            continue;
        };
        let mut entries = Vec::new();
        match item {
            toml_edit::Item::Table(t) => {
                for (k, it) in t.iter() {
                    let kl = at(t.key(k).and_then(toml_edit::Key::span));
                    let (val, span) = match it {
                        toml_edit::Item::Value(v) => (Val::from_toml(v), v.span()),
                        toml_edit::Item::Table(tt) => (Val::Table, tt.span()),
                        toml_edit::Item::ArrayOfTables(a) => (Val::Table, a.span()),
                        toml_edit::Item::None => continue,
                    };
                    entries.push((k.to_string(), val, kl, at(span).or(kl)));
                }
            }
            toml_edit::Item::Value(toml_edit::Value::InlineTable(t)) => {
                for (k, v) in t.iter() {
                    let kl = at(t.key(k).and_then(toml_edit::Key::span));
                    entries.push((k.to_string(), Val::from_toml(v), kl, at(v.span()).or(kl)));
                }
            }
            toml_edit::Item::ArrayOfTables(_) => {
                sink.at(
                    key_loc,
                    format!("[[{name}]] is an array of tables; write a single [{name}] section"),
                );
                continue;
            }
            toml_edit::Item::Value(v) => {
                sink.at(
                    key_loc,
                    format!(
                        "`{name}` must be a section ([{name}]), found {}",
                        Val::from_toml(v).describe()
                    ),
                );
                continue;
            }
            toml_edit::Item::None => continue,
        }
        let sec = raw.section_mut(section);
        sec.loc = key_loc;
        for (key, val, kl, vl) in entries {
            let key_loc = kl.or(key_loc).unwrap_or(Loc::File(1, 1));
            sec.entries.push(Entry {
                key,
                val,
                key_loc,
                val_loc: vl.unwrap_or(key_loc),
                from_override: false,
            });
        }
    }
    Some(raw)
}

/// Applies `--set SECTION.KEY=VALUE` arguments in order; a later one wins. Overrides of the
/// study sections (`sweep.…`, `compare.…`) are left to [`crate::study`] when `study` is set,
/// and are a located error otherwise (a single scenario has no study to set).
pub(crate) fn apply_overrides(
    raw: &mut Raw,
    overrides: &[String],
    study: bool,
    sink: &mut Sink<'_>,
) {
    for (i, arg) in overrides.iter().enumerate() {
        let loc = Some(Loc::Override(i));
        let Some((key, value)) = arg.split_once('=') else {
            sink.at(
                loc,
                "expected SECTION.KEY=VALUE (for example `run.seed=7`), found no `=`",
            );
            continue;
        };
        let key = key.trim();
        if key
            .split_once('.')
            .is_some_and(|(section, _)| STUDY_SECTIONS.contains(&section))
        {
            if !study {
                sink.at(
                    loc,
                    format!(
                        "`{key}` sets a study section ([sweep] or [compare]), which a single scenario does not have; it is read by `asocia sweep` and `asocia compare`"
                    ),
                );
            }
            continue; // `--set sweep.replications=3`: read by the study, not the scenario
        }
        let parts: Vec<&str> = key.split('.').collect();
        let [section, name] = parts.as_slice() else {
            sink.at(
                loc,
                format!("`{key}`: expected a dotted key SECTION.KEY (for example `run.seed`)"),
            );
            continue;
        };
        if section.is_empty() || name.is_empty() {
            sink.at(
                loc,
                format!("`{key}`: expected a dotted key SECTION.KEY (for example `run.seed`)"),
            );
            continue;
        }
        let Some(section) = known_section(section) else {
            sink.at(loc, unknown_section_message(section));
            continue;
        };
        let value = value.trim();
        let val = value
            .parse::<toml_edit::Value>()
            .map_or_else(|_| Val::Str(value.to_string()), |v| Val::from_toml(&v));
        raw.section_mut(section).set(Entry {
            key: name.to_string(),
            val,
            key_loc: Loc::Override(i),
            val_loc: Loc::Override(i),
            from_override: true,
        });
    }
}
