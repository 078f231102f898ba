//! Colours, text sizes and number formatting shared by the plot kinds.

use plotters::style::{Color, FontDesc, FontFamily, FontStyle, RGBColor, TextStyle};

use crate::font::FAMILY;

/// The Okabe–Ito palette (colour-blind friendly), reordered so that the first colours contrast
/// most on white; series take colours in this order and wrap around after eight.
pub const PALETTE: [(u8, u8, u8); 8] = [
    (0x00, 0x72, 0xB2), // blue
    (0xD5, 0x5E, 0x00), // vermillion
    (0x00, 0x9E, 0x73), // bluish green
    (0xE6, 0x9F, 0x00), // orange
    (0xCC, 0x79, 0xA7), // reddish purple
    (0x56, 0xB4, 0xE9), // sky blue
    (0x00, 0x00, 0x00), // black
    (0xF0, 0xE4, 0x42), // yellow (last: weak on white)
];

/// The colour of series `i`.
pub(crate) fn series_colour(i: usize) -> RGBColor {
    let (r, g, b) = PALETTE[i % PALETTE.len()];
    RGBColor(r, g, b)
}

/// Near-black for text and axes.
pub(crate) const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Mid grey for secondary text.
pub(crate) const GREY: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Light grey for grid lines and NaN cells.
pub(crate) const LIGHT: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

/// Text sizes are plotters' sizes: the line height, 1.24 em in SVG (1.16 em in PNG, where the
/// glyphs' own ascent and descent are used), so 18 is a 14.5 px font in SVG and 15.5 px in PNG.
/// No text is smaller than 14 px.
///
/// Title size (shrunk to fit, never below [`TITLE_MIN`]).
pub(crate) const TITLE: f64 = 32.0;
/// The smallest title size.
pub(crate) const TITLE_MIN: f64 = 22.0;
/// Subtitle size.
pub(crate) const SUBTITLE: f64 = 20.0;
/// Axis label size.
pub(crate) const AXIS: f64 = 22.0;
/// Tick label and legend size.
pub(crate) const TICK: f64 = 18.0;
/// Legend text size.
pub(crate) const LEGEND: f64 = 19.0;
/// Data line width.
pub(crate) const LINE: u32 = 3;

/// A text style of the embedded font.
pub(crate) fn text(size: f64, colour: RGBColor) -> TextStyle<'static> {
    let mut style = TextStyle::from(FontDesc::new(
        FontFamily::Name(FAMILY),
        size,
        FontStyle::Normal,
    ));
    style.color = colour.to_backend_color();
    style
}

/// A number for a tick or a label: at most four decimals, trailing zeros dropped, scientific
/// notation for very large or small magnitudes.
pub(crate) fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let a = v.abs();
    if a != 0.0 && !(1e-3..1e5).contains(&a) {
        return format!("{v:.1e}");
    }
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// A number with at most `decimals` decimals, trailing zeros dropped (`-0` as `0`).
pub(crate) fn fmt_decimals(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        &s
    };
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// An estimate and its interval `[lo, hi]` as text, with the decimals the interval's precision
/// warrants (two significant digits of its half-width, at most six decimals): `25738 [25277,
/// 26199]`, `0.2248 [0.2207, 0.229]`. Without a finite, non-degenerate interval, [`fmt_num`].
pub(crate) fn fmt_estimate(v: f64, lo: f64, hi: f64) -> String {
    if !v.is_finite() {
        return "n/a".to_string();
    }
    if !(lo.is_finite() && hi.is_finite()) {
        return fmt_num(v);
    }
    let half = 0.5 * (hi - lo).abs();
    if half <= f64::EPSILON * v.abs().max(lo.abs()).max(hi.abs()) {
        return format!("{} [{}, {}]", fmt_num(v), fmt_num(lo), fmt_num(hi));
    }
    let decimals = (1.0 - half.log10().floor()).clamp(0.0, 6.0) as usize;
    let f = |x: f64| fmt_decimals(x, decimals);
    format!("{} [{}, {}]", f(v), f(lo), f(hi))
}

/// A tick label on an axis spanning `span`: like [`fmt_num`], with float noise around zero
/// (e.g. `-1.4e-17` from stepping by 0.05) shown as `0`.
pub(crate) fn fmt_tick(v: f64, span: f64) -> String {
    if v.abs() <= span.abs() * 1e-9 {
        "0".to_string()
    } else {
        fmt_num(v)
    }
}

/// The viridis colour map (perceptually uniform, colour-blind friendly) at `t` in 0..=1.
pub(crate) fn viridis(t: f64) -> RGBColor {
    const STOPS: [(u8, u8, u8); 9] = [
        (68, 1, 84),
        (71, 44, 122),
        (59, 81, 139),
        (44, 113, 142),
        (33, 144, 141),
        (39, 173, 129),
        (92, 200, 99),
        (170, 220, 50),
        (253, 231, 37),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        0.0
    };
    let pos = t * (STOPS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(STOPS.len() - 2);
    let f = pos - i as f64;
    let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * f).round() as u8;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A range `lo..hi` around the values, padded by `pad` of its width on each side; a single value
/// gets a range around it. `None` if there is no finite value.
pub(crate) fn padded_range(values: impl IntoIterator<Item = f64>, pad: f64) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for v in values.into_iter().filter(|v| v.is_finite()) {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    if lo > hi {
        return None;
    }
    if hi - lo <= f64::EPSILON * lo.abs().max(1.0) {
        let half = if lo == 0.0 { 0.5 } else { lo.abs() * 0.1 };
        return Some((lo - half, hi + half));
    }
    let d = (hi - lo) * pad;
    Some((lo - d, hi + d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(fmt_num(0.30000000000000004), "0.3");
        assert_eq!(fmt_num(-0.00001), "-1.0e-5");
        assert_eq!(fmt_num(10.0), "10");
        assert_eq!(fmt_num(-0.0), "0");
        assert_eq!(fmt_num(f64::NAN), "n/a");
        assert_eq!(fmt_num(250000.0), "2.5e5");
        assert_eq!(fmt_tick(-1.4e-17, 0.4), "0");
        assert_eq!(fmt_tick(1e-6, 1e-5), "1.0e-6");
    }

    #[test]
    fn estimates_have_the_decimals_of_their_interval() {
        assert_eq!(
            fmt_estimate(25738.3579, 25277.4843, 26199.2316),
            "25738 [25277, 26199]"
        );
        assert_eq!(
            fmt_estimate(0.2248, 0.22070, 0.22899),
            "0.2248 [0.2207, 0.229]"
        );
        assert_eq!(fmt_estimate(9.2486, 9.0242, 9.4731), "9.25 [9.02, 9.47]");
        assert_eq!(fmt_estimate(-0.05, -0.1, 0.0), "-0.05 [-0.1, 0]");
        assert_eq!(fmt_estimate(0.0, 0.0, 0.0), "0 [0, 0]");
        assert_eq!(fmt_estimate(0.3, f64::NAN, f64::NAN), "0.3");
        assert_eq!(fmt_estimate(f64::NAN, 0.0, 1.0), "n/a");
    }

    #[test]
    fn ranges_pad_and_survive_constants_and_nan() {
        assert_eq!(padded_range([f64::NAN], 0.05), None);
        assert_eq!(padded_range([2.0, 2.0], 0.05), Some((1.8, 2.2)));
        assert_eq!(padded_range([0.0, f64::NAN], 0.05), Some((-0.5, 0.5)));
        let (lo, hi) = padded_range([0.0, 1.0], 0.05).unwrap();
        assert!((lo + 0.05).abs() < 1e-12 && (hi - 1.05).abs() < 1e-12);
    }

    #[test]
    fn viridis_ends() {
        assert_eq!(viridis(0.0), RGBColor(68, 1, 84));
        assert_eq!(viridis(1.0), RGBColor(253, 231, 37));
        assert_eq!(viridis(f64::NAN), RGBColor(68, 1, 84));
    }
}
