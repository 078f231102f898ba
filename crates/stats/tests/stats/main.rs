//! Tests of asocia-stats, one module per area; `properties` holds the property tests.

mod design;
mod dist;
mod paired;
mod properties;
mod sampling;
mod sensitivity;
mod sobol_invariance;
mod summary;

/// `|a − b| ≤ tol · max(1, |b|)`, with a message naming both.
#[track_caller]
pub fn assert_close(a: f64, b: f64, tol: f64) {
    assert!(
        (a - b).abs() <= tol * b.abs().max(1.0),
        "{a} differs from {b} by more than {tol} (relative)"
    );
}
