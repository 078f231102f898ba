//! Located diagnostics: what a scenario error says, where it points, and the collector that
//! gathers every mistake of a scenario before any of them is reported.

use std::fmt;

/// One mistake, located in a file (or in a `--set` argument).
///
/// `line` and `column` are 1-based. A diagnostic that has no position in a file — an override
/// given with `--set`, or a failure while building a network — has `line == 0` and
/// `column == 0`, and [`Display`](fmt::Display) then prints only the origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the mistake is in (as given), or the offending argument such as
    /// `--set network.n=abc`.
    pub origin: String,
    /// 1-based line, or 0 when the origin is not a file.
    pub line: usize,
    /// 1-based column in characters, or 0 when the origin is not a file.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: error: {}", self.origin, self.message)
        } else {
            write!(
                f,
                "{}:{}:{}: error: {}",
                self.origin, self.line, self.column, self.message
            )
        }
    }
}

/// Every mistake found in a scenario, in file order (scenario file, then `--set` arguments in
/// the order given, then the network files).
///
/// Displays as one line per diagnostic: `path:line:col: error: message`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(&self.diagnostics))]
pub struct ScenarioError {
    /// The mistakes; never empty.
    pub diagnostics: Vec<Diagnostic>,
}

fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl ScenarioError {
    /// An error with a single diagnostic that has no file position.
    pub fn unlocated(origin: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            diagnostics: vec![Diagnostic {
                origin: origin.into(),
                line: 0,
                column: 0,
                message: message.into(),
            }],
        }
    }
}

/// Where a key or value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Loc {
    /// 1-based line and column in the scenario file.
    File(usize, usize),
    /// The `--set` argument with this index.
    Override(usize),
}

/// Converts a byte offset of `src` into a 1-based (line, column-in-characters) pair.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let bytes = src.as_bytes();
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// Which part of the input a diagnostic belongs to; diagnostics are sorted by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Part {
    /// The scenario file.
    Scenario,
    /// A `--set` argument.
    Override,
    /// The edge-list CSV.
    Edges,
    /// The node-attribute CSV.
    Nodes,
}

/// Collects diagnostics from every stage, then hands them out sorted.
pub(crate) struct Sink<'a> {
    file: &'a str,
    overrides: &'a [String],
    items: Vec<((Part, usize, usize), Diagnostic)>,
}

impl<'a> Sink<'a> {
    /// A sink for a scenario whose messages name `file` and the given `--set` arguments.
    pub(crate) fn new(file: &'a str, overrides: &'a [String]) -> Self {
        Sink {
            file,
            overrides,
            items: Vec::new(),
        }
    }

    /// Reports a mistake at `loc`; `None` points at the start of the scenario file.
    pub(crate) fn at(&mut self, loc: Option<Loc>, message: impl Into<String>) {
        let message = message.into();
        match loc.unwrap_or(Loc::File(1, 1)) {
            Loc::File(line, column) => self.items.push((
                (Part::Scenario, line, column),
                Diagnostic {
                    origin: self.file.to_string(),
                    line,
                    column,
                    message,
                },
            )),
            Loc::Override(i) => {
                let arg = self.overrides.get(i).map_or("", String::as_str);
                self.items.push((
                    (Part::Override, i, 0),
                    Diagnostic {
                        origin: format!("--set {arg}"),
                        line: 0,
                        column: 0,
                        message,
                    },
                ));
            }
        }
    }

    /// Reports a mistake in another file (a network CSV).
    pub(crate) fn in_file(
        &mut self,
        part: Part,
        origin: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        self.items.push((
            (part, line, column),
            Diagnostic {
                origin: origin.to_string(),
                line,
                column,
                message: message.into(),
            },
        ));
    }

    /// Number of diagnostics so far.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Sorts the diagnostics into input order (scenario file by line and column, then `--set`
    /// arguments in the order given, then network files) and drops repeats: the same message
    /// at the same place, as when several sweep points or arms make the same mistake.
    pub(crate) fn sort_dedup(&mut self) {
        self.items.sort_by_key(|item| item.0);
        let mut kept: Vec<((Part, usize, usize), Diagnostic)> =
            Vec::with_capacity(self.items.len());
        for item in self.items.drain(..) {
            let repeat = kept
                .iter()
                .rev()
                .take_while(|k| k.0 == item.0)
                .any(|k| *k == item);
            if !repeat {
                kept.push(item);
            }
        }
        self.items = kept;
    }

    /// `Ok(())` when nothing was reported, else every diagnostic in input order, each once.
    pub(crate) fn finish(mut self) -> Result<(), ScenarioError> {
        if self.items.is_empty() {
            return Ok(());
        }
        self.sort_dedup();
        Err(ScenarioError {
            diagnostics: self.items.into_iter().map(|(_, d)| d).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_from_one() {
        let src = "a = 1\nbé = 2\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 6), (2, 1));
        assert_eq!(line_col(src, 10), (2, 4));
        assert_eq!(line_col(src, 1000), (3, 1));
    }

    #[test]
    fn display_omits_position_without_a_file() {
        let d = Diagnostic {
            origin: "--set run.steps=abc".into(),
            line: 0,
            column: 0,
            message: "m".into(),
        };
        assert_eq!(d.to_string(), "--set run.steps=abc: error: m");
    }
}
