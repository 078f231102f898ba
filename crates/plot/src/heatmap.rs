//! Heat maps: a metric over a grid of two parameters, viridis colours, a colour bar, values
//! written in the cells when they fit.

use std::path::Path;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::cells::Cells;
use crate::render::{self, DrawErr, Figure};
use crate::style::{self, fmt_num, fmt_tick, viridis, INK, LIGHT};
use crate::{Heat, PlotError, PlotSpec, Written};

/// Draws `heat` as a grid of equal cells (x parameter across, y parameter up, each tick labelled
/// with its value), coloured by value on the viridis scale, with a colour bar labelled
/// `heat.value_label` and captioned with the data's range (`data: LO – HI`, lowest and highest
/// finite value). The colours span that range unless `spec.y_range` fixes the colour scale
/// (values outside take the end colours). NaN cells are grey and keyed "no data". Values are written in the cells
/// when the grid has at most 150 cells and they are wide enough. Writes `dir/name.svg` and
/// `dir/name.png`.
///
/// Errors: [`PlotError::Shape`] if `values.len() != xs.len() * ys.len()` (or a bad size or
/// range), [`PlotError::NoData`] if the grid is empty or has no finite value, plus name, I/O and
/// drawing errors.
pub fn heatmap(dir: &Path, name: &str, spec: &PlotSpec, heat: &Heat) -> Result<Written, PlotError> {
    const PLOT: &str = "heatmap";
    render::check(PLOT, name, spec)?;
    let (nx, ny) = (heat.xs.len(), heat.ys.len());
    if heat.values.len() != nx * ny {
        return Err(PlotError::Shape {
            plot: PLOT,
            name: name.to_string(),
            message: format!(
                "{} values do not fill a grid of {nx} x values × {ny} y values ({} cells)",
                heat.values.len(),
                nx * ny
            ),
        });
    }
    let no_data = || PlotError::NoData {
        plot: PLOT,
        name: name.to_string(),
    };
    if nx == 0 || ny == 0 {
        return Err(no_data());
    }
    let range = match spec.y_range {
        Some(r) => r,
        None => style::padded_range(heat.values.iter().copied(), 0.0).ok_or_else(no_data)?,
    };
    if !heat.values.iter().any(|v| v.is_finite()) {
        return Err(no_data());
    }
    render::write(dir, name, spec, &HeatFigure { spec, heat, range })
}

struct HeatFigure<'a> {
    spec: &'a PlotSpec,
    heat: &'a Heat,
    /// The colour scale's range, low < high.
    range: (f64, f64),
}

/// Width of the colour bar panel, px.
const BAR_PANEL: i32 = 170;
/// Most tick labels per axis; larger grids label every k-th cell.
const MAX_TICKS: usize = 12;
/// Most cells that get their value written in.
const ANNOTATE_MAX: usize = 150;

impl HeatFigure<'_> {
    fn t(&self, v: f64) -> f64 {
        (v - self.range.0) / (self.range.1 - self.range.0)
    }
}

impl Figure for HeatFigure<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        _root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
    ) -> Result<(), DrawErr> {
        let heat = self.heat;
        let (nx, ny) = (heat.xs.len(), heat.ys.len());
        let (w, _) = area.dim_in_pixel();
        let (grid_area, bar_area) = area.split_horizontally(w as i32 - BAR_PANEL);

        // Cell (i, j) is the unit square [i, i + 1] × [j, j + 1]; ticks sit at cell centres.
        let mut chart = ChartBuilder::on(&grid_area)
            .margin(8)
            .margin_right(24)
            .x_label_area_size(64)
            .y_label_area_size(96)
            .build_cartesian_2d(
                Cells {
                    n: nx,
                    max_ticks: MAX_TICKS,
                },
                Cells {
                    n: ny,
                    max_ticks: MAX_TICKS,
                },
            )?;
        let label = |vals: &[f64], v: &f64| {
            vals.get(Cells::index(*v))
                .map_or_else(String::new, |x| fmt_num(*x))
        };
        let xf = |v: &f64| label(&heat.xs, v);
        let yf = |v: &f64| label(&heat.ys, v);
        chart
            .configure_mesh()
            .disable_mesh()
            .x_desc(self.spec.x_label.as_str())
            .y_desc(self.spec.y_label.as_str())
            .x_label_formatter(&xf)
            .y_label_formatter(&yf)
            .axis_desc_style(style::text(style::AXIS, INK))
            .label_style(style::text(style::TICK, INK))
            .axis_style(INK.stroke_width(1))
            .draw()?;
        let mut any_nan = false;
        chart.draw_series(
            (0..ny)
                .flat_map(|j| (0..nx).map(move |i| (i, j)))
                .map(|(i, j)| {
                    let v = heat.values[j * nx + i];
                    let fill = if v.is_finite() {
                        viridis(self.t(v))
                    } else {
                        LIGHT
                    };
                    any_nan |= !v.is_finite();
                    let (x, y) = (i as f64, j as f64);
                    Rectangle::new([(x, y), (x + 1.0, y + 1.0)], fill.filled())
                }),
        )?;
        // Values in the cells, when they fit.
        let (px, _) = chart.plotting_area().get_pixel_range();
        let cell_w = (px.end - px.start) / nx as i32;
        if nx * ny <= ANNOTATE_MAX && cell_w >= 48 {
            let centre = Pos::new(HPos::Center, VPos::Center);
            for j in 0..ny {
                for i in 0..nx {
                    let v = heat.values[j * nx + i];
                    let colour = if !v.is_finite() || self.t(v) > 0.55 {
                        INK
                    } else {
                        WHITE
                    };
                    let at = (Cells::centre(i), Cells::centre(j));
                    let st = style::text(style::TICK, colour).pos(centre);
                    chart.draw_series(std::iter::once(Text::new(fmt_num(v), at, st)))?;
                }
            }
        }
        self.colour_bar(&bar_area, any_nan)
    }
}

impl HeatFigure<'_> {
    /// The colour bar: a vertical gradient with value ticks and the value label; below it a grey
    /// "no data" key if some cell is NaN.
    fn colour_bar<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        any_nan: bool,
    ) -> Result<(), DrawErr> {
        let (v0, v1) = self.range;
        let mut bar = ChartBuilder::on(area)
            .margin_top(8)
            .margin_bottom(8 + 64)
            .margin_left(8)
            .set_label_area_size(LabelAreaPosition::Right, 100)
            .build_cartesian_2d(0f64..1f64, v0..v1)?;
        const STEPS: usize = 100;
        let h = (v1 - v0) / STEPS as f64;
        bar.draw_series((0..STEPS).map(|k| {
            let lo = v0 + k as f64 * h;
            Rectangle::new(
                [(0.0, lo), (1.0, lo + h)],
                viridis((k as f64 + 0.5) / STEPS as f64).filled(),
            )
        }))?;
        let fmt = |v: &f64| fmt_tick(*v, v1 - v0);
        bar.configure_mesh()
            .disable_mesh()
            .disable_x_axis()
            .y_labels(6)
            .y_label_formatter(&fmt)
            .y_desc(self.heat.value_label.as_str())
            .axis_desc_style(style::text(style::AXIS, INK))
            .label_style(style::text(style::TICK, INK))
            .axis_style(INK.stroke_width(1))
            .draw()?;
        // The data's range, which the colours span unless the spec fixes them.
        let (lo, hi) = self
            .heat
            .values
            .iter()
            .filter(|v| v.is_finite())
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| {
                (a.min(v), b.max(v))
            });
        let (_, h) = area.dim_in_pixel();
        let st = style::text(style::TICK, INK).pos(Pos::new(HPos::Left, VPos::Center));
        let caption = format!("data: {} – {}", fmt_num(lo), fmt_num(hi));
        area.draw_text(&caption, &st, (8, h as i32 - 60))?;
        if any_nan {
            let y = h as i32 - 36;
            area.draw(&Rectangle::new([(8, y - 10), (28, y + 10)], LIGHT.filled()))?;
            area.draw(&Rectangle::new(
                [(8, y - 10), (28, y + 10)],
                INK.stroke_width(1),
            ))?;
            let st = style::text(style::TICK, INK).pos(Pos::new(HPos::Left, VPos::Center));
            area.draw_text("no data", &st, (36, y))?;
        }
        Ok(())
    }
}
