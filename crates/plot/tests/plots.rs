//! Each plot kind, drawn from small data: the SVG parses and carries the title, labels and one
//! drawn element per series or row; the PNG decodes at the right size, is not blank, and has dark
//! text pixels in the title band (the embedded font rendered). Empty and NaN inputs.

use std::fs::File;
use std::path::Path;

use asocia_plot::{
    forest, heatmap, response_curve, timeseries, timeseries_from_csv, timeseries_from_csv_where,
    CiStyle, ForestRow, Heat, PlotError, PlotSpec, Point, Series, Written,
};

/// The parsed SVG's text and the elements the tests count.
struct Svg {
    texts: Vec<String>,
    /// Font sizes of every `<text>`.
    font_sizes: Vec<f64>,
    /// `(stroke, stroke-width, number of points)` of every `<polyline>`.
    polylines: Vec<(String, String, usize)>,
    /// `(fill, opacity)` of every `<polygon>`.
    polygons: Vec<(String, String)>,
    /// `fill` of every `<rect>`.
    rects: Vec<String>,
}

impl Svg {
    /// Data lines: width-3 polylines of more than two points (legend samples have two).
    fn data_lines(&self) -> Vec<&str> {
        self.polylines
            .iter()
            .filter(|(_, w, n)| w == "3" && *n > 2)
            .map(|(s, _, _)| s.as_str())
            .collect()
    }

    fn has_text(&self, t: &str) -> bool {
        self.texts.iter().any(|x| x.contains(t))
    }
}

fn read_svg(path: &Path) -> Svg {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text)
        .unwrap_or_else(|e| panic!("{}: not XML: {e}", path.display()));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let attr = |n: &roxmltree::Node, a: &str| n.attribute(a).unwrap_or("").to_string();
    let mut svg = Svg {
        texts: vec![],
        font_sizes: vec![],
        polylines: vec![],
        polygons: vec![],
        rects: vec![],
    };
    for n in doc.descendants().filter(|n| n.is_element()) {
        match n.tag_name().name() {
            "text" => {
                svg.texts.push(n.text().unwrap_or("").to_string());
                svg.font_sizes.push(attr(&n, "font-size").parse().unwrap());
            }
            "polyline" => {
                let points = attr(&n, "points").split_whitespace().count();
                svg.polylines
                    .push((attr(&n, "stroke"), attr(&n, "stroke-width"), points));
            }
            "polygon" => svg.polygons.push((attr(&n, "fill"), attr(&n, "opacity"))),
            "rect" => svg.rects.push(attr(&n, "fill")),
            _ => {}
        }
    }
    svg
}

/// Decodes the PNG and checks its size, that it is not one flat colour, and that the title band
/// (the top 56 px, left half) holds dark pixels: the title's glyphs.
fn check_png(path: &Path, width: u32, height: u32) {
    let decoder = png::Decoder::new(File::open(path).unwrap());
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    assert_eq!(
        (info.width, info.height),
        (width, height),
        "{}",
        path.display()
    );
    let channels = info.color_type.samples();
    assert!(channels >= 3, "colour PNG expected");
    let px = |x: u32, y: u32| {
        let i = (y as usize * info.width as usize + x as usize) * channels;
        (buf[i], buf[i + 1], buf[i + 2])
    };
    let first = px(0, 0);
    let distinct = (0..height)
        .step_by(3)
        .flat_map(|y| (0..width).step_by(3).map(move |x| (x, y)))
        .any(|(x, y)| px(x, y) != first);
    assert!(distinct, "{}: one flat colour", path.display());
    let dark = (0..56)
        .flat_map(|y| (0..width / 2).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let (r, g, b) = px(x, y);
            r < 90 && g < 90 && b < 90
        });
    assert!(
        dark.count() > 150,
        "{}: no title text drawn",
        path.display()
    );
}

/// The RGB colour at `(x, y)` of a PNG.
fn pixel(path: &Path, x: u32, y: u32) -> (u8, u8, u8) {
    let mut reader = png::Decoder::new(File::open(path).unwrap())
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let i = (y as usize * info.width as usize + x as usize) * info.color_type.samples();
    (buf[i], buf[i + 1], buf[i + 2])
}

fn check_files(w: &Written, dir: &Path, name: &str) {
    assert_eq!(w.svg, dir.join(format!("{name}.svg")));
    assert_eq!(w.png, dir.join(format!("{name}.png")));
}

fn ramp(label: &str, level: f64, n: usize) -> Series {
    let points = (0..n)
        .map(|t| {
            let y = level + 0.001 * t as f64;
            Point::with_ci(t as f64, y, y - 0.05, y + 0.05)
        })
        .collect();
    Series::new(label, points)
}

fn spec(title: &str) -> PlotSpec {
    PlotSpec::new(title, "step", "cooperation rate (share of firms)")
}

#[test]
fn timeseries_draws_one_line_and_band_per_series_with_legend_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let series = [
        ramp("baseline", 0.3, 40),
        ramp("reciprocity", 0.5, 40),
        ramp("sanctions", 0.7, 40),
    ];
    let s = spec("Cooperation — scenario default").with_subtitle("20 runs; bands: 95% CI");
    let w = timeseries(dir.path(), "coop_rate", &s, &series).unwrap();
    check_files(&w, dir.path(), "coop_rate");

    let svg = read_svg(&w.svg);
    for t in [
        "Cooperation — scenario default",
        "20 runs; bands: 95% CI",
        "step",
        "cooperation rate (share of firms)",
        "baseline",
        "reciprocity",
        "sanctions",
    ] {
        assert!(svg.has_text(t), "missing text {t:?}");
    }
    let lines = svg.data_lines();
    assert_eq!(
        lines,
        ["#0072B2", "#D55E00", "#009E73"],
        "one Okabe–Ito line per series, in order"
    );
    let bands: Vec<_> = svg.polygons.iter().filter(|(_, o)| o != "1").collect();
    assert_eq!(bands.len(), 3, "one translucent band per series");
    assert!(
        svg.font_sizes.iter().all(|&s| s >= 14.0),
        "font sizes {:?}",
        svg.font_sizes
    );
    check_png(&w.png, 1000, 600);
}

#[test]
fn timeseries_skips_nan_points_and_lists_empty_series_as_no_data() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = ramp("a", 0.4, 30);
    a.points[5].y = f64::NAN;
    a.points[9].ci = Some((f64::NAN, 0.5));
    a.points[12].x = f64::INFINITY;
    let b = Series::new(
        "b",
        vec![Point::new(f64::NAN, 0.5), Point::new(1.0, f64::NAN)],
    );
    let w = timeseries(dir.path(), "nan", &spec("NaN test"), &[a, b]).unwrap();
    let svg = read_svg(&w.svg);
    assert_eq!(svg.data_lines().len(), 1);
    assert!(svg.has_text("b (no data)"));
    // The NaN interval at point 9 splits the band in two.
    assert_eq!(svg.polygons.iter().filter(|(_, o)| o != "1").count(), 2);
    check_png(&w.png, 1000, 600);
}

#[test]
fn empty_and_all_nan_inputs_are_no_data_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = spec("empty");
    let nan = Series::new(
        "x",
        vec![Point::with_ci(f64::NAN, f64::NAN, f64::NAN, f64::NAN)],
    );
    let no_data = |r: Result<Written, PlotError>| matches!(r, Err(PlotError::NoData { .. }));
    assert!(no_data(timeseries(dir.path(), "a", &s, &[])));
    assert!(no_data(timeseries(
        dir.path(),
        "b",
        &s,
        &[Series::new("x", vec![])]
    )));
    assert!(no_data(timeseries(
        dir.path(),
        "c",
        &s,
        std::slice::from_ref(&nan)
    )));
    assert!(no_data(response_curve(
        dir.path(),
        "d",
        &s,
        &[nan],
        CiStyle::Bars
    )));
    // Only x ≤ 0 on a log axis: nothing to draw.
    let neg = Series::new("x", vec![Point::new(0.0, 1.0), Point::new(-1.0, 2.0)]);
    assert!(no_data(response_curve(
        dir.path(),
        "e",
        &s.clone().with_log_x(),
        &[neg],
        CiStyle::Bars
    )));
    let heat = Heat {
        xs: vec![],
        ys: vec![],
        values: vec![],
        value_label: "v".into(),
    };
    assert!(no_data(heatmap(dir.path(), "f", &s, &heat)));
    let heat = Heat {
        xs: vec![1.0],
        ys: vec![1.0],
        values: vec![f64::NAN],
        value_label: "v".into(),
    };
    assert!(no_data(heatmap(dir.path(), "g", &s, &heat)));
    assert!(no_data(forest(dir.path(), "h", &s, &[])));
    assert!(no_data(forest(
        dir.path(),
        "i",
        &s,
        &[ForestRow::new("r", f64::NAN, 0.0, 1.0)]
    )));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no files for failed plots"
    );
}

#[test]
fn bad_names_sizes_ranges_and_grids_are_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let series = [ramp("a", 0.5, 5)];
    for name in ["", "../up", "a/b", ".."] {
        let r = timeseries(dir.path(), name, &spec("t"), &series);
        assert!(matches!(r, Err(PlotError::InvalidName(_))), "{name:?}");
    }
    let tiny = spec("t").with_size(10, 10);
    assert!(matches!(
        timeseries(dir.path(), "a", &tiny, &series),
        Err(PlotError::Shape { .. })
    ));
    let flipped = spec("t").with_y_range(1.0, 0.0);
    assert!(matches!(
        timeseries(dir.path(), "a", &flipped, &series),
        Err(PlotError::Shape { .. })
    ));
    let heat = Heat {
        xs: vec![1.0, 2.0],
        ys: vec![1.0],
        values: vec![0.5],
        value_label: "v".into(),
    };
    let err = heatmap(dir.path(), "h", &spec("t"), &heat).unwrap_err();
    assert!(
        err.to_string()
            .contains("1 values do not fill a grid of 2 x values × 1 y values"),
        "{err}"
    );
}

#[test]
fn response_curve_draws_markers_error_bars_and_a_log_axis() {
    let dir = tempfile::tempdir().unwrap();
    let xs = [0.01, 0.1, 1.0, 10.0];
    let fam = |label: &str, k: f64| {
        Series::new(
            label,
            xs.iter()
                .map(|&x| Point::with_ci(x, k * x.ln(), k * x.ln() - 0.3, k * x.ln() + 0.3))
                .collect(),
        )
    };
    let series = [fam("lattice", 0.2), fam("small world", 0.4)];
    let s = PlotSpec::new(
        "Response — sweep b",
        "temptation b (payoff units)",
        "final cooperation rate",
    )
    .with_log_x();
    let w = response_curve(dir.path(), "curve", &s, &series, CiStyle::Bars).unwrap();
    let svg = read_svg(&w.svg);
    for t in [
        "Response — sweep b",
        "temptation b (payoff units)",
        "lattice",
        "small world",
    ] {
        assert!(svg.has_text(t), "missing text {t:?}");
    }
    assert_eq!(svg.data_lines(), ["#0072B2", "#D55E00"]);
    // Three width-2 strokes per error bar (bar and two caps), four points, two series.
    let bars = svg.polylines.iter().filter(|(_, w, _)| w == "2").count();
    assert_eq!(bars, 3 * 4 * 2);
    // Log axis: decade ticks.
    assert!(svg.has_text("0.01") && svg.has_text("10"));
    check_png(&w.png, 1000, 600);

    let w = response_curve(dir.path(), "band", &s.clone(), &series, CiStyle::Band).unwrap();
    let svg = read_svg(&w.svg);
    assert_eq!(
        svg.polygons.iter().filter(|(_, o)| o != "1").count(),
        2,
        "one band per series"
    );
    check_png(&w.png, 1000, 600);
}

#[test]
fn heatmap_draws_every_cell_a_colour_bar_and_keys_nan_cells() {
    let dir = tempfile::tempdir().unwrap();
    let (xs, ys) = (vec![1.0, 1.5, 2.0], vec![0.0, 0.1]);
    let mut values: Vec<f64> = (0..6).map(|i| i as f64 / 5.0).collect();
    values[4] = f64::NAN;
    let heat = Heat {
        xs,
        ys,
        values,
        value_label: "final cooperation rate".into(),
    };
    let s = PlotSpec::new("Grid — sweep b × noise", "temptation b", "noise ε");
    let w = heatmap(dir.path(), "grid", &s, &heat).unwrap();
    let svg = read_svg(&w.svg);
    for t in [
        "Grid — sweep b × noise",
        "temptation b",
        "noise ε",
        "final cooperation rate",
        "1.5",
        "no data",
        "n/a",
    ] {
        assert!(svg.has_text(t), "missing text {t:?}");
    }
    // Viridis ends: the lowest cell is dark purple, the highest yellow.
    assert!(svg.rects.iter().any(|f| f == "#440154"));
    assert!(svg.rects.iter().any(|f| f == "#FDE725"));
    // One grey NaN cell plus its key.
    assert_eq!(svg.rects.iter().filter(|f| *f == "#DDDDDD").count(), 2);
    // 6 cells + 100 colour-bar steps + white page + key outline at least.
    assert!(svg.rects.len() >= 106, "{} rects", svg.rects.len());
    check_png(&w.png, 1000, 600);
}

#[test]
fn forest_draws_a_row_per_comparison_a_zero_line_and_the_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let rows = [
        ForestRow::new("coop_rate: reciprocity − baseline", 0.12, 0.08, 0.16),
        ForestRow::new("coop_rate: sanctions − baseline", -0.05, -0.1, 0.0),
        ForestRow::new("payoff: sanctions − baseline", 0.3, f64::NAN, f64::NAN),
        ForestRow::new(
            "absorbed_at: sanctions − baseline",
            f64::NAN,
            f64::NAN,
            f64::NAN,
        ),
    ];
    let s = PlotSpec::new(
        "Differences — scenario default",
        "difference (arm − baseline)",
        "",
    );
    let w = forest(dir.path(), "forest", &s, &rows).unwrap();
    let svg = read_svg(&w.svg);
    for r in &rows {
        assert!(svg.has_text(&r.label), "missing row label {:?}", r.label);
    }
    for t in [
        "Differences — scenario default",
        "difference (arm − baseline)",
        "0.12 [0.08, 0.16]",
        "-0.05 [-0.1, 0]",
        "n/a",
    ] {
        assert!(svg.has_text(t), "missing text {t:?}");
    }
    // A diamond per finite difference; an interval (line and two caps) per finite interval.
    let diamonds = svg.polygons.iter().filter(|(f, _)| f == "#0072B2").count();
    assert_eq!(diamonds, 3);
    let ci = svg
        .polylines
        .iter()
        .filter(|(s, w, _)| s == "#0072B2" && w == "3")
        .count();
    assert_eq!(ci, 3 * 2);
    // The zero line.
    assert!(svg
        .polylines
        .iter()
        .any(|(s, w, _)| s == "#555555" && w == "2"));
    check_png(&w.png, 1000, 600);
}

#[test]
fn forest_grows_taller_for_many_rows() {
    let dir = tempfile::tempdir().unwrap();
    let rows: Vec<ForestRow> = (0..30)
        .map(|i| ForestRow::new(format!("row {i}"), i as f64, i as f64 - 1.0, i as f64 + 1.0))
        .collect();
    let w = forest(
        dir.path(),
        "tall",
        &PlotSpec::new("Many rows", "difference", ""),
        &rows,
    )
    .unwrap();
    check_png(&w.png, 1000, 190 + 34 * 30);
}

#[test]
fn csv_timeseries_is_averaged_over_runs_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeseries.csv");
    std::fs::write(
        &path,
        "run,seed,step,alive,cooperators,coop_rate,payoff_mean\n\
         0,1,0,10,5,0.5,1\n0,1,10,10,6,0.6,1\n\
         1,2,0,10,3,0.3,1\n1,2,10,10,8,NaN,1\n\
         2,3,0,10,4,0.4,1\n",
    )
    .unwrap();
    let s = timeseries_from_csv(&path, "coop_rate", "baseline").unwrap();
    assert_eq!(s.label, "baseline");
    assert_eq!(s.points.len(), 2);
    let p0 = s.points[0];
    assert_eq!(p0.x, 0.0);
    assert!((p0.y - 0.4).abs() < 1e-12);
    // sd 0.1, n 3, t(2) = 4.303.
    let (lo, hi) = p0.ci.unwrap();
    assert!(
        (hi - 0.4 - 4.303 * 0.1 / 3f64.sqrt()).abs() < 1e-9
            && (0.4 - lo - (hi - 0.4)).abs() < 1e-12
    );
    // Step 10: the NaN is left out; one run left, no interval.
    assert_eq!(
        (s.points[1].x, s.points[1].y, s.points[1].ci),
        (10.0, 0.6, None)
    );

    let err = timeseries_from_csv(&path, "trust", "x").unwrap_err();
    assert!(err.to_string().contains("no `trust` column"), "{err}");
    std::fs::write(&path, "run,step,coop_rate\n0,0,0.5\n0,1,abc\n").unwrap();
    let err = timeseries_from_csv(&path, "coop_rate", "x").unwrap_err();
    assert!(
        err.to_string()
            .contains("line 3: coop_rate `abc` is not a number"),
        "{err}"
    );
}

#[test]
fn timeseries_from_csv_where_keeps_one_group_of_a_firm_series() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timeseries.csv");
    std::fs::write(
        &path,
        "run,seed,step,group,survival_rate\n\
         0,1,0,all,1\n0,1,0,0,1\n0,1,10,all,0.8\n0,1,10,0,0.2\n\
         1,2,0,all,1\n1,2,0,0,1\n1,2,10,all,0.6\n1,2,10,0,0.4\n",
    )
    .unwrap();
    let s = timeseries_from_csv_where(&path, "survival_rate", "cluster", ("group", "all")).unwrap();
    assert_eq!(s.label, "cluster");
    assert_eq!(s.points.len(), 2);
    assert_eq!((s.points[0].x, s.points[0].y), (0.0, 1.0));
    // Step 10 of group `all`: 0.8 and 0.6 (the group-0 rows are left out).
    assert_eq!(s.points[1].x, 10.0);
    assert!((s.points[1].y - 0.7).abs() < 1e-12);
    let err = timeseries_from_csv_where(&path, "survival_rate", "x", ("block", "all")).unwrap_err();
    assert!(err.to_string().contains("no `block` column"), "{err}");
}

#[test]
fn single_points_cells_and_constant_values_still_draw() {
    let dir = tempfile::tempdir().unwrap();
    let one = [Series::new(
        "only",
        vec![Point::with_ci(5.0, 0.5, 0.4, 0.6)],
    )];
    let w = timeseries(dir.path(), "one", &spec("One point"), &one).unwrap();
    check_png(&w.png, 1000, 600);
    let s = spec("One point, log").with_log_x();
    let w = response_curve(dir.path(), "one_log", &s, &one, CiStyle::Bars).unwrap();
    check_png(&w.png, 1000, 600);
    let flat = [Series::new(
        "flat",
        (0..10).map(|t| Point::new(t as f64, 0.0)).collect(),
    )];
    let w = timeseries(dir.path(), "flat", &spec("Flat"), &flat).unwrap();
    assert_eq!(read_svg(&w.svg).data_lines().len(), 1);
    let heat = Heat {
        xs: vec![1.0],
        ys: vec![2.0],
        values: vec![0.7],
        value_label: "v".into(),
    };
    let w = heatmap(dir.path(), "cell", &spec("One cell"), &heat).unwrap();
    check_png(&w.png, 1000, 600);
    // The one cell fills the grid: the middle of the grid is coloured, not white.
    assert_ne!(pixel(&w.png, 400, 300), (255, 255, 255));
    let w = forest(
        dir.path(),
        "row",
        &spec("One row"),
        &[ForestRow::new("r", 0.0, 0.0, 0.0)],
    )
    .unwrap();
    check_png(&w.png, 1000, 600);
}

#[test]
fn heatmap_colour_bar_states_the_data_range_the_colours_span() {
    let dir = tempfile::tempdir().unwrap();
    // Cooperation spanning 0.92–1 (as in a firm sweep), no fixed range: the colours span the
    // data, so the lowest cell is viridis' first colour and the highest its last.
    let heat = Heat {
        xs: vec![1.0, 2.0],
        ys: vec![0.0, 1.0],
        values: vec![0.92, 0.95, 0.97, 1.0],
        value_label: "final cooperation rate".into(),
    };
    let s = PlotSpec::new("range", "x", "y");
    let w = heatmap(dir.path(), "fitted", &s, &heat).unwrap();
    let svg = read_svg(&w.svg);
    assert!(svg.has_text("data: 0.92 – 1"), "{:?}", svg.texts);
    assert!(svg.rects.iter().any(|f| f == "#440154"));
    assert!(svg.rects.iter().any(|f| f == "#FDE725"));
    // A fixed 0–1 scale: the caption still states the data, whose lowest cell is not the
    // scale's first colour.
    let w = heatmap(dir.path(), "fixed", &s.with_y_range(0.0, 1.0), &heat).unwrap();
    let svg = read_svg(&w.svg);
    assert!(svg.has_text("data: 0.92 – 1"));
    assert!(!svg.rects.iter().any(|f| f == "#440154"));
}
