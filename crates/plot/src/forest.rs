//! Forest plots: one row per (metric, pair of arms), the difference as a point, its interval as
//! a horizontal line, a vertical line at zero, and the numbers written at the right.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::cells::Cells;
use crate::render::{self, DrawErr, Figure};
use crate::style::{self, fmt_tick, series_colour, GREY, INK, LIGHT};
use crate::{ForestRow, PlotError, PlotSpec, Written};

/// Pixels per row the image grows to when the spec's height is too small for the rows.
const ROW_PX: u32 = 34;
/// Height taken by the title, axis and margins, px (for the growth rule above).
const CHROME_PX: u32 = 190;

/// Draws one row per [`ForestRow`], top to bottom in the order given: the label at the left, the
/// difference as a diamond, its interval as a horizontal line with caps, a vertical line at 0,
/// and "diff [lo, hi]" in a column at the right. `spec.x_label` names the difference and its
/// unit; `spec.y_label` is drawn along the left if not empty. The image grows taller than
/// `spec.height` when needed to give each row at least 34 px. Rows with a non-finite difference
/// are listed with "n/a"; a non-finite interval end draws the point alone. Writes
/// `dir/name.svg` and `dir/name.png`.
///
/// Errors: [`PlotError::NoData`] if there is no row with a finite difference, plus name, size,
/// I/O and drawing errors.
pub fn forest(
    dir: &Path,
    name: &str,
    spec: &PlotSpec,
    rows: &[ForestRow],
) -> Result<Written, PlotError> {
    const PLOT: &str = "forest";
    render::check(PLOT, name, spec)?;
    let no_data = || PlotError::NoData {
        plot: PLOT,
        name: name.to_string(),
    };
    if !rows.iter().any(|r| r.diff.is_finite()) {
        return Err(no_data());
    }
    let ends = rows.iter().flat_map(|r| [r.diff, r.lo, r.hi]).chain([0.0]);
    let x = style::padded_range(ends, 0.08).ok_or_else(no_data)?;
    let need = CHROME_PX + ROW_PX * rows.len() as u32;
    let spec = PlotSpec {
        height: spec.height.max(need),
        ..spec.clone()
    };
    render::check(PLOT, name, &spec)?;
    render::write(
        dir,
        name,
        &spec,
        &Forest {
            spec: &spec,
            rows,
            x,
        },
    )
}

struct Forest<'a> {
    spec: &'a PlotSpec,
    rows: &'a [ForestRow],
    x: (f64, f64),
}

/// The text in the right column for a row.
fn numbers(r: &ForestRow) -> String {
    style::fmt_estimate(r.diff, r.lo, r.hi)
}

impl Figure for Forest<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawErr> {
        let k = self.rows.len();
        let (w, _) = area.dim_in_pixel();
        let tick = style::text(style::TICK, INK);
        let (mut label_w, mut num_w) = (0, 0);
        for r in self.rows {
            label_w = label_w.max(area.estimate_text_size(&r.label, &tick)?.0 as i32);
            num_w = num_w.max(area.estimate_text_size(&numbers(r), &tick)?.0 as i32);
        }
        let header = "estimate [CI]";
        num_w = num_w.max(area.estimate_text_size(header, &tick)?.0 as i32);
        let y_desc = if self.spec.y_label.is_empty() { 0 } else { 34 };
        let label_area = (label_w + 24 + y_desc).min(w as i32 * 45 / 100);
        let num_area = (num_w + 24).min(w as i32 * 25 / 100);
        let (chart_area, num_col) = area.split_horizontally(w as i32 - num_area);

        // Row r is the band [k-1-r, k-r], so that the first row is at the top.
        let seg = |r: usize| Cells::centre(k - 1 - r);
        let label = |v: &f64| {
            let i = Cells::index(*v);
            if i < k {
                self.rows[k - 1 - i].label.clone()
            } else {
                String::new()
            }
        };
        let span = self.x.1 - self.x.0;
        let fmt = |v: &f64| fmt_tick(*v, span);
        let (x0, x1) = self.x;
        let mut chart = ChartBuilder::on(&chart_area)
            .margin(8)
            .margin_top(28)
            .margin_right(16)
            .x_label_area_size(64)
            .y_label_area_size(label_area)
            .build_cartesian_2d(x0..x1, Cells { n: k, max_ticks: k })?;
        let mut mesh = chart.configure_mesh();
        mesh.x_desc(self.spec.x_label.as_str())
            .x_label_formatter(&fmt)
            .y_label_formatter(&label)
            .x_labels(8)
            .disable_y_mesh()
            .axis_desc_style(style::text(style::AXIS, INK))
            .label_style(tick.clone())
            .axis_style(INK.stroke_width(1))
            .bold_line_style(LIGHT.stroke_width(1))
            .light_line_style(TRANSPARENT);
        if !self.spec.y_label.is_empty() {
            mesh.y_desc(self.spec.y_label.as_str());
        }
        mesh.draw()?;

        // The line at zero, over the whole height.
        chart.draw_series(std::iter::once(PathElement::new(
            vec![(0.0, 0.0), (0.0, k as f64)],
            GREY.stroke_width(2),
        )))?;
        let colour = series_colour(0);
        let right = Pos::new(HPos::Left, VPos::Center);
        for (r, row) in self.rows.iter().enumerate() {
            let (_, y) = chart.backend_coord(&(0.0, seg(r)));
            let (cx, _) = num_col.get_base_pixel();
            root.draw_text(&numbers(row), &tick.pos(right), (cx + 12, y))?;
            if !row.diff.is_finite() {
                continue;
            }
            if row.lo.is_finite() && row.hi.is_finite() {
                let (xl, _) = chart.backend_coord(&(row.lo, seg(r)));
                let (xh, _) = chart.backend_coord(&(row.hi, seg(r)));
                let s = colour.stroke_width(3);
                root.draw(&PathElement::new(vec![(xl, y), (xh, y)], s))?;
                root.draw(&PathElement::new(vec![(xl, y - 7), (xl, y + 7)], s))?;
                root.draw(&PathElement::new(vec![(xh, y - 7), (xh, y + 7)], s))?;
            }
            let (xd, _) = chart.backend_coord(&(row.diff, seg(r)));
            render::marker(root, 3, (xd, y), colour)?;
        }
        // Column header, level with the top of the plotting area.
        let (_, py) = chart.plotting_area().get_pixel_range();
        let (cx, _) = num_col.get_base_pixel();
        let head = style::text(style::TICK, GREY).pos(Pos::new(HPos::Left, VPos::Bottom));
        root.draw_text(header, &head, (cx + 12, py.start - 4))?;
        Ok(())
    }
}
