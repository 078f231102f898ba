//! Runs that fail without stopping the study: a panic caught at the run boundary, a run that
//! could not be set up or recorded ([`crate::runner::RunError`]), or a final metric that is not
//! finite where the metric registry says it always has a value. Such a run is recorded as
//! failed (journaled, so a resume does not run it again, and written to `failures.csv`) and the
//! study goes on; summaries and sensitivity analyses say how many runs each is missing.
//!
//! A final metric may be NaN only where the registry documents when it is undefined (e.g.
//! `absorbed_at` of a run that never absorbed); ±infinity is never a value.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::metrics::{undefined_when, Model};
use crate::StudyError;

/// Runs `work`, turning a panic or a [`StudyError::Run`] into `Ok(Err(why))`; every other error
/// (a table that cannot be written, a wrong study) stops the study and is returned as `Err`.
pub(crate) fn caught<T>(
    work: impl FnOnce() -> Result<T, StudyError>,
) -> Result<Result<T, String>, StudyError> {
    let why = match catch_unwind(AssertUnwindSafe(work)) {
        Ok(Ok(t)) => return Ok(Ok(t)),
        Ok(Err(StudyError::Run { error, .. })) => error.to_string(),
        Ok(Err(e)) => return Err(e),
        Err(payload) => format!("panic: {}", panic_message(payload.as_ref())),
    };
    Ok(Err(one_line(&why)))
}

/// `text` on one line (line breaks as spaces), so that an error is one cell of one line of
/// `failures.csv`.
fn one_line(text: &str) -> String {
    text.split(['\r', '\n'])
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text of a panic's payload (`panic!` gives a `&str` or a `String`).
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(no message)".to_string()
    }
}

/// Why the final metrics `values` (named `metrics`, of `model`) make a failed run: the first
/// metric that is infinite, or NaN although the registry says it always has a value; `None`
/// when every value is acceptable.
pub(crate) fn bad_metric(metrics: &[&str], values: &[f64], model: Model) -> Option<String> {
    metrics.iter().zip(values).find_map(|(&m, &v)| {
        let bad = v.is_infinite() || (v.is_nan() && undefined_when(m, model).is_empty());
        bad.then(|| format!("final metric `{m}` is not finite ({v})"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::RunError;
    use asocia_core::error::ModelError;

    #[test]
    fn panics_and_run_errors_are_failures_other_errors_stop() {
        let panicked = caught::<()>(|| panic!("boom {}", 7)).unwrap();
        assert_eq!(panicked, Err("panic: boom 7".to_string()));
        let literal = caught::<()>(|| panic!("plain\nsecond line")).unwrap();
        assert_eq!(literal, Err("panic: plain second line".to_string()));
        let run = caught::<()>(|| Err(StudyError::run(3, RunError::Sim(ModelError::EmptyNetwork))))
            .unwrap();
        assert_eq!(
            run,
            Err(RunError::Sim(ModelError::EmptyNetwork).to_string())
        );
        assert_eq!(caught(|| Ok(5)).unwrap(), Ok(5));
        let stop = caught::<()>(|| Err(StudyError::Invalid("disk".into())));
        assert!(matches!(stop, Err(StudyError::Invalid(m)) if m == "disk"));
    }

    #[test]
    fn infinite_metrics_and_nan_where_always_defined_are_failures() {
        let metrics = [
            "steps_run",
            "coop_rate_final",
            "payoff_mean_final",
            "absorbed_at",
        ];
        let m = Model::Classic;
        assert_eq!(bad_metric(&metrics, &[5.0, 1.0, 2.0, f64::NAN], m), None);
        assert_eq!(
            bad_metric(&metrics, &[5.0, 1.0, f64::INFINITY, f64::NAN], m).as_deref(),
            Some("final metric `payoff_mean_final` is not finite (inf)")
        );
        assert_eq!(
            bad_metric(&metrics, &[5.0, f64::NAN, f64::NEG_INFINITY, 3.0], m).as_deref(),
            Some("final metric `coop_rate_final` is not finite (NaN)")
        );
        assert_eq!(
            bad_metric(&metrics, &[5.0, 1.0, 2.0, f64::INFINITY], m).as_deref(),
            Some("final metric `absorbed_at` is not finite (inf)")
        );
    }
}
