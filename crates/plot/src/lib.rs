//! Report-ready plots of asocia results, drawn with `plotters` as SVG and PNG.
