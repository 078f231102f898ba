//! Drawing one figure to both backends: file names, the white page with its title, the legend
//! panel, and the error plumbing from plotters to [`PlotError`].

use std::error::Error;
use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::png::PngBackend;
use crate::style::{self, INK};
use crate::{font, PlotError, PlotSpec, Written};

/// A drawing failure inside plotters, as text (the backends' error types differ).
#[derive(Debug)]
pub(crate) struct DrawErr(pub(crate) String);

impl<E: Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawErr {
    fn from(e: DrawingAreaErrorKind<E>) -> DrawErr {
        DrawErr(e.to_string())
    }
}

/// A plot that can draw itself on any plotters backend.
pub(crate) trait Figure {
    /// Draws into `area` (the page below the title); `root` is the whole page, for drawing in
    /// absolute pixel coordinates.
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawErr>;
}

/// The smallest and largest accepted image sides, in pixels.
const MIN_SIDE: u32 = 300;
const MAX_SIDE: u32 = 8000;

/// Checks the name and the spec's size and ranges; `plot` names the kind in errors.
pub(crate) fn check(plot: &'static str, name: &str, spec: &PlotSpec) -> Result<(), PlotError> {
    let bad_name =
        name.is_empty() || name.contains(['/', '\\', '\0']) || name == "." || name.contains("..");
    if bad_name {
        return Err(PlotError::InvalidName(name.to_string()));
    }
    let shape = |message: String| PlotError::Shape {
        plot,
        name: name.to_string(),
        message,
    };
    for side in [spec.width, spec.height] {
        if !(MIN_SIDE..=MAX_SIDE).contains(&side) {
            return Err(shape(format!(
                "image size {}×{} px is outside {MIN_SIDE}..={MAX_SIDE} px per side",
                spec.width, spec.height
            )));
        }
    }
    if let Some((lo, hi)) = spec.y_range {
        if !(lo.is_finite() && hi.is_finite() && lo < hi) {
            return Err(shape(format!(
                "y range ({lo}, {hi}) must be finite with low < high"
            )));
        }
    }
    Ok(())
}

/// Writes `dir/name.svg` and `dir/name.png` (creating `dir` if needed).
pub(crate) fn write(
    dir: &Path,
    name: &str,
    spec: &PlotSpec,
    fig: &impl Figure,
) -> Result<Written, PlotError> {
    font::ensure()?;
    std::fs::create_dir_all(dir).map_err(|source| PlotError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let svg = dir.join(format!("{name}.svg"));
    let png = dir.join(format!("{name}.png"));
    let size = (spec.width, spec.height);
    let failed = |path: &PathBuf| {
        let path = path.clone();
        move |e: DrawErr| PlotError::Draw { path, message: e.0 }
    };
    {
        let root = SVGBackend::new(&svg, size).into_drawing_area();
        page(&root, spec, fig).map_err(failed(&svg))?;
    }
    {
        let root = PngBackend::new(&png, size).into_drawing_area();
        page(&root, spec, fig).map_err(failed(&png))?;
    }
    Ok(Written { svg, png })
}

/// Outer margin of the page, px.
pub(crate) const MARGIN: i32 = 16;

fn page<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &PlotSpec,
    fig: &impl Figure,
) -> Result<(), DrawErr> {
    root.fill(&WHITE)?;
    let (w, _) = root.dim_in_pixel();
    let avail = w as i32 - 2 * MARGIN;
    // The title, shrunk until it fits the width.
    let mut size = style::TITLE;
    let mut title = style::text(size, INK);
    while size > style::TITLE_MIN && root.estimate_text_size(&spec.title, &title)?.0 as i32 > avail
    {
        size -= 1.0;
        title = style::text(size, INK);
    }
    let top = Pos::new(HPos::Left, VPos::Top);
    root.draw_text(&spec.title, &title.pos(top), (MARGIN, MARGIN))?;
    let mut y = MARGIN + (size * 1.3) as i32;
    if let Some(sub) = spec.subtitle.as_deref().filter(|s| !s.is_empty()) {
        let st = style::text(style::SUBTITLE, style::GREY).pos(top);
        root.draw_text(sub, &st, (MARGIN, y))?;
        y += (style::SUBTITLE * 1.4) as i32;
    }
    let (_, body) = root.split_vertically(y + 6);
    let body = body.margin(0, MARGIN, MARGIN / 2, MARGIN);
    fig.draw(root, &body)?;
    root.present()?;
    Ok(())
}

/// How a legend entry shows its series.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Mark {
    /// A line over a translucent band.
    Band,
    /// A line through a marker of this shape index.
    Marker(usize),
    /// A line only.
    Line,
}

/// One legend entry.
pub(crate) struct Entry {
    pub(crate) label: String,
    pub(crate) colour: RGBColor,
    pub(crate) mark: Mark,
}

/// Width of the legend's sample column, px.
const SAMPLE: i32 = 36;
/// Height of one legend row, px.
const ROW: i32 = 28;

/// Splits `area` into the chart (left) and a legend panel (right) wide enough for the labels
/// (at most 35% of the width); draws the legend; returns the chart's area.
pub(crate) fn with_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
) -> Result<DrawingArea<DB, Shift>, DrawErr> {
    if entries.is_empty() {
        return Ok(area.clone());
    }
    let ts = style::text(style::LEGEND, INK);
    let mut widest = 0;
    for e in entries {
        widest = widest.max(area.estimate_text_size(&e.label, &ts)?.0 as i32);
    }
    let (w, _) = area.dim_in_pixel();
    let panel = (SAMPLE + 12 + widest + 12).min(w as i32 * 35 / 100);
    let (chart, legend) = area.split_horizontally(w as i32 - panel);
    let text = ts.pos(Pos::new(HPos::Left, VPos::Center));
    for (i, e) in entries.iter().enumerate() {
        let y = 20 + i as i32 * ROW;
        let (x0, x1) = (8, 8 + SAMPLE);
        if let Mark::Band = e.mark {
            legend.draw(&Rectangle::new(
                [(x0, y - 9), (x1, y + 9)],
                e.colour.mix(0.22).filled(),
            ))?;
        }
        legend.draw(&PathElement::new(
            vec![(x0, y), (x1, y)],
            e.colour.stroke_width(style::LINE),
        ))?;
        if let Mark::Marker(shape) = e.mark {
            marker(&legend, shape, ((x0 + x1) / 2, y), e.colour)?;
        }
        legend.draw_text(&e.label, &text, (x1 + 12, y))?;
    }
    Ok(chart)
}

/// Draws marker `shape` (circle, triangle, square, diamond, cycling) at pixel `at`.
pub(crate) fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    shape: usize,
    at: (i32, i32),
    colour: RGBColor,
) -> Result<(), DrawErr> {
    let (x, y) = at;
    let fill = colour.filled();
    match shape % 4 {
        0 => area.draw(&Circle::new(at, 6, fill))?,
        1 => area.draw(&Polygon::new(
            vec![(x, y - 8), (x - 7, y + 5), (x + 7, y + 5)],
            fill,
        ))?,
        2 => area.draw(&Rectangle::new([(x - 5, y - 5), (x + 5, y + 5)], fill))?,
        _ => area.draw(&Polygon::new(
            vec![(x, y - 8), (x + 7, y), (x, y + 8), (x - 7, y)],
            fill,
        ))?,
    }
    Ok(())
}
