//! The comparison table `asocia compare` prints: per pair of arms, every compared metric.

use asocia_study::comparison::Row;
use asocia_study::metrics::cell;

/// A relative difference as a signed percentage (`-` when undefined).
fn percent(x: f64) -> String {
    if x.is_finite() {
        format!("{:+.1}%", 100.0 * x)
    } else {
        "-".to_string()
    }
}

/// Prints, per pair, every compared metric: both arms' means (columns named after the arms),
/// the difference with both intervals, the relative difference with its interval, d_z and the
/// share of replications A won; a metric without a pair shows each arm's mean and why.
pub fn print_table(names: &[String], pairs: &[(usize, usize)], rows: &[Row]) {
    let w = rows
        .iter()
        .map(|r| r.metric.len())
        .max()
        .unwrap_or(6)
        .max(6);
    for &(a, b) in pairs {
        let (na, nb) = (&names[a], &names[b]);
        let (wa, wb) = (na.chars().count().max(10), nb.chars().count().max(10));
        let wins = format!("{na}>{nb}");
        outln!("\n  {na} − {nb}");
        outln!(
            "  {:<w$}  {:>wa$}  {:>wb$}  {:>10}  {:>23}  {:>23}  {:>9}  {:>19}  {:>7}  {wins}",
            "metric",
            na,
            nb,
            "diff",
            "95% CI (t)",
            "95% CI (bootstrap)",
            "rel. diff",
            "95% CI (rel.)",
            "d_z",
        );
        for r in rows.iter().filter(|r| r.a == a && r.b == b) {
            let Some(c) = &r.cmp else {
                outln!(
                    "  {:<w$}  {:>wa$}  {:>wb$}  {}",
                    r.metric,
                    cell(r.summary_a.mean),
                    cell(r.summary_b.mean),
                    r.note
                );
                continue;
            };
            let ci = |lo: f64, hi: f64| format!("[{}, {}]", cell(lo), cell(hi));
            let (rel, rel_ci) = match &r.rel {
                Some(x) if x.value.is_finite() => (
                    percent(x.value),
                    format!("[{}, {}]", percent(x.ci_low), percent(x.ci_high)),
                ),
                _ => ("-".to_string(), "-".to_string()),
            };
            outln!(
                "  {:<w$}  {:>wa$}  {:>wb$}  {:>10}  {:>23}  {:>23}  {:>9}  {:>19}  {:>7}  {:>4.0}%",
                r.metric,
                cell(c.mean_a),
                cell(c.mean_b),
                cell(c.diff),
                ci(c.t_ci_low, c.t_ci_high),
                ci(c.boot_ci_low, c.boot_ci_high),
                rel,
                rel_ci,
                if c.cohen_dz.is_finite() {
                    format!("{:.2}", c.cohen_dz)
                } else {
                    cell(c.cohen_dz)
                },
                100.0 * c.share_a_greater
            );
            if !r.note.is_empty() {
                outln!("  {:<w$}  ({})", "", r.note);
            }
        }
        outln!(
            "  (rel. diff = diff / mean of {nb}; {wins}: share of replications {na} was greater)"
        );
    }
}
