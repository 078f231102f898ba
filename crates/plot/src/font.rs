//! The embedded font (a subset of DejaVu Sans), registered with plotters' `ab_glyph` backend as
//! `sans-serif` once per process, so text renders without system fonts.

use std::sync::OnceLock;

use ab_glyph::FontRef;
use plotters::style::FontStyle;

use crate::PlotError;

/// The TTF bytes; see `fonts/README.md` for what the subset holds and `fonts/LICENSE-DejaVu.txt`.
static DEJAVU_SANS: &[u8] = include_bytes!("../fonts/DejaVuSans-subset.ttf");

/// The family every text style of this crate names (and SVGs carry).
pub(crate) const FAMILY: &str = "sans-serif";

/// Registers the font (the first call does the work; later calls return its result).
pub(crate) fn ensure() -> Result<(), PlotError> {
    static DONE: OnceLock<bool> = OnceLock::new();
    let ok = *DONE.get_or_init(|| {
        face().is_some()
            && [FontStyle::Normal, FontStyle::Bold]
                .into_iter()
                .all(|style| plotters::style::register_font(FAMILY, style, DEJAVU_SANS).is_ok())
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Font)
    }
}

/// The embedded font as an `ab_glyph` face, for the PNG backend's own text drawing; `None` if it
/// does not parse (which [`ensure`] reports as [`PlotError::Font`] before any drawing).
pub(crate) fn face() -> Option<&'static FontRef<'static>> {
    static FACE: OnceLock<Option<FontRef<'static>>> = OnceLock::new();
    FACE.get_or_init(|| FontRef::try_from_slice(DEJAVU_SANS).ok())
        .as_ref()
}
