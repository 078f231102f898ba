//! What the study engine and plots know about every metric — its label and unit (for titles,
//! axes and tables), whether it is a share (drawn on a 0–1 axis), what leaves it undefined, and
//! how it is shown (plotted, tabled only, constant by construction, or only recorded) — looked
//! up by model and CSV column name in the one registry of metrics, `asocia_output::metrics`,
//! re-exported here; and the labels of scenario parameters.

use asocia_scenario::Scenario;

/// Which model a result folder or scenario runs: metric names mean different things in each
/// (`coop_rate` is a share of firms in the classic games, of tie decisions in the firm economy).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Model {
    /// The classic evolutionary games.
    Classic,
    /// The firm economy (`[scenario] model = "firms"`).
    Firms,
}

impl Model {
    /// The model `scenario` runs.
    pub fn of(scenario: &Scenario) -> Model {
        crate::runner::kind(scenario)
    }
}

pub use asocia_output::metrics::{
    MetricInfo, Shown, CLASSIC_FINAL, CLASSIC_STEP, FIRM_FINAL, FIRM_STEP,
};

use Shown::{Plotted, Tabled};

/// The properties of `metric` (a per-step or final metric of `model`), if it is one.
pub fn info(metric: &str, model: Model) -> Option<&'static MetricInfo> {
    match model {
        Model::Classic => CLASSIC_STEP
            .iter()
            .map(|m| &m.info)
            .chain(CLASSIC_FINAL.iter().map(|m| &m.info))
            .find(|i| i.name == metric),
        Model::Firms => FIRM_STEP
            .iter()
            .map(|m| &m.info)
            .chain(FIRM_FINAL.iter().map(|m| &m.info))
            .find(|i| i.name == metric),
    }
}

/// How `metric` is shown in a study of `model`; `stops_at_absorption` (classic
/// `run.stop_at_absorption`) makes the classic `steps_run` vary. Unknown metrics are tabled.
pub fn shown(metric: &str, model: Model, stops_at_absorption: bool) -> Shown {
    if model == Model::Classic && metric == "steps_run" && stops_at_absorption {
        return Plotted;
    }
    info(metric, model).map_or(Tabled, |i| i.shown)
}

/// The metric in words ("final survival rate"); its name when unknown.
pub fn metric_name(metric: &str, model: Model) -> String {
    info(metric, model).map_or_else(|| metric.to_string(), |i| i.label.to_string())
}

/// The axis label of a metric: `label (unit)`, or the label alone without a unit.
pub fn metric_label(metric: &str, model: Model) -> String {
    match info(metric, model) {
        Some(i) if !i.unit.is_empty() && !i.label.contains(i.unit) => {
            format!("{} ({})", i.label, i.unit)
        }
        Some(i) => i.label.to_string(),
        None => metric.to_string(),
    }
}

/// Whether a metric is a share or a probability, plotted on a 0–1 axis.
pub fn is_unit_interval(metric: &str, model: Model) -> bool {
    info(metric, model).is_some_and(|i| i.share)
}

/// When `metric` has no value, in words (empty when unknown or always defined).
pub fn undefined_when(metric: &str, model: Model) -> &'static str {
    info(metric, model).map_or("", |i| i.undefined)
}

/// What a parameter measures, with its unit ("Fermi noise K, payoff units"), from the
/// scenario's registry of keys: `label, unit`, or the label alone when the key has no unit or
/// its label already names it; `None` for keys the registry does not know.
fn parameter_what(key: &str) -> Option<String> {
    let spec = asocia_scenario::keys::key(key)?;
    Some(if spec.unit.is_empty() || spec.label.contains(spec.unit) {
        spec.label.to_string()
    } else {
        format!("{}, {}", spec.label, spec.unit)
    })
}

/// A parameter's axis label: its dotted key and what it measures.
pub fn parameter_label(key: &str) -> String {
    match parameter_what(key) {
        Some(what) => format!("{key} ({what})"),
        None => key.to_string(),
    }
}

/// A parameter in words for a title ("initial trust τ₀ in a new partner"; the unit left to the
/// axis); the key when it has no description.
pub fn parameter_name(key: &str) -> String {
    asocia_scenario::keys::key(key).map_or_else(|| key.to_string(), |k| k.label.to_string())
}

/// Cell text for a terminal table: `-` for NaN, 4 decimals otherwise.
pub fn cell(x: f64) -> String {
    if x.is_nan() {
        "-".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.to_string()
    } else {
        format!("{x:.4}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::{FIRM_STEP_METRICS, STEP_METRICS};
    use asocia_output::{CLASSIC_SUMMARY_METRICS, FIRM_SUMMARY_METRICS};
    use Shown::Constant;

    fn names<F>(list: &[asocia_output::metrics::Metric<F>]) -> Vec<&'static str> {
        list.iter().map(|m| m.info.name).collect()
    }

    #[test]
    fn the_property_lists_name_every_metric_the_runs_report_in_order() {
        let summarised = |list: &[asocia_output::metrics::FirmStepMetric]| -> Vec<&str> {
            list.iter()
                .filter(|m| m.info.shown != Shown::Recorded)
                .map(|m| m.info.name)
                .collect()
        };
        assert_eq!(names(&CLASSIC_STEP), STEP_METRICS);
        assert_eq!(summarised(&FIRM_STEP), FIRM_STEP_METRICS);
        assert_eq!(names(&CLASSIC_FINAL), CLASSIC_SUMMARY_METRICS);
        assert_eq!(names(&FIRM_FINAL), FIRM_SUMMARY_METRICS);
    }

    #[test]
    fn steps_run_is_constant_by_construction_unless_classic_runs_stop_at_absorption() {
        assert_eq!(shown("steps_run", Model::Firms, false), Constant);
        assert_eq!(shown("steps_run", Model::Firms, true), Constant);
        assert_eq!(shown("steps_run", Model::Classic, false), Constant);
        assert_eq!(shown("steps_run", Model::Classic, true), Plotted);
        assert_eq!(shown("alive", Model::Classic, true), Constant);
        assert_eq!(shown("alive", Model::Firms, false), Plotted);
        assert_eq!(shown("exits", Model::Firms, false), Plotted);
        assert_eq!(shown("trust_q10", Model::Firms, false), Tabled);
        assert_eq!(shown("treasury", Model::Firms, false), Shown::Recorded);
        assert_eq!(
            shown("exits", Model::Classic, false),
            Tabled,
            "unknown: tabled"
        );
    }

    #[test]
    fn labels_are_words_with_units_and_follow_the_model() {
        assert_eq!(
            metric_label("survival_rate", Model::Firms),
            "survival rate (share of initial firms alive)"
        );
        assert_eq!(metric_label("ties", Model::Firms), "ties");
        assert_eq!(metric_label("ties_final", Model::Firms), "ties at the end");
        assert_eq!(metric_label("exits", Model::Firms), "exits (firms)");
        assert_eq!(
            metric_label("coop_rate", Model::Classic),
            "cooperation rate (share of firms cooperating)"
        );
        assert_eq!(
            metric_name("coop_rate_final", Model::Firms),
            "final cooperation rate"
        );
        assert_eq!(
            metric_name("unknown_metric", Model::Firms),
            "unknown_metric"
        );
        assert!(is_unit_interval("trust_q90", Model::Firms));
        assert!(!is_unit_interval("trust_q90", Model::Classic));
        assert_eq!(
            parameter_name("trust.initial"),
            "initial trust τ₀ in a new partner"
        );
        assert_eq!(parameter_name("update.k"), "Fermi noise K");
        assert_eq!(parameter_name("x.y"), "x.y");
        assert_eq!(
            parameter_label("update.k"),
            "update.k (Fermi noise K, payoff units)"
        );
        // No label is a column name.
        for i in CLASSIC_STEP
            .iter()
            .map(|m| &m.info)
            .chain(CLASSIC_FINAL.iter().map(|m| &m.info))
            .chain(FIRM_STEP.iter().map(|m| &m.info))
            .chain(FIRM_FINAL.iter().map(|m| &m.info))
        {
            assert!(!i.label.contains('_'), "{}", i.name);
        }
    }

    /// The parameter labels kept by hand before they came from the scenario's registry of keys
    /// read exactly as they did.
    #[test]
    fn parameter_labels_from_the_registry_read_as_before() {
        for (key, what) in [
            ("game.b", "benefit / temptation b, payoff units"),
            ("game.c", "cost c, payoff units"),
            ("game.t", "temptation T, payoff units"),
            ("game.s", "sucker's payoff S, payoff units"),
            ("game.r", "reward R, payoff units"),
            ("game.p", "punishment P, payoff units"),
            ("game.v", "project return v, payoff units"),
            ("update.k", "Fermi noise K, payoff units"),
            ("update.w", "selection intensity w"),
            ("update.mutation", "mutation probability per step"),
            ("network.n", "firms"),
            ("network.k", "ties per firm"),
            ("network.m", "ties per firm"),
            ("network.p", "probability"),
            ("network.p_in", "tie probability inside a block"),
            ("network.p_out", "tie probability between blocks"),
            ("network.kind", "network family"),
            ("initial.coop_fraction", "initial share of cooperators"),
            ("run.steps", "steps"),
            ("trust.initial", "initial trust τ₀ in a new partner"),
            ("trust.up", "trust gain rate λ⁺"),
            ("trust.down", "trust loss rate λ⁻"),
            ("trust.decay", "trust decay rate δ"),
            ("trust.break_below", "trust below which a tie breaks"),
            ("decision.beta", "decision steepness β"),
            ("project.v", "project return v, money"),
            ("project.c", "project cost c, money"),
            ("project.rate", "projects per tie per step"),
            (
                "project.transaction_cost",
                "transaction cost, money per project",
            ),
            ("monitoring.q", "detection probability q"),
            ("monitoring.fine", "fine f, money"),
            ("monitoring.reputation_loss", "standing lost when detected"),
            ("reputation.weight", "weight of reputation in new trust"),
            ("learning.k", "imitation noise k, money"),
            ("learning.rate", "revision probability per step"),
            ("learning.mutation", "mutation probability per step"),
            ("firms.opportunism_mean", "mean opportunism θ"),
            ("firms.opportunism_value", "opportunism θ"),
            ("firms.capital_mean", "mean initial capital, money"),
            (
                "firms.productivity_mean",
                "mean productivity, output per step",
            ),
            ("market.fixed_cost", "fixed cost, money per step"),
            ("market.shock_sd", "revenue shock sd"),
            ("market.crisis_prob", "crisis probability per step"),
            ("market.crisis_depth", "share of revenue lost in a crisis"),
            ("spillover.rate", "spillover rate"),
            (
                "cluster.discount",
                "share of transaction cost saved in a cluster",
            ),
            ("cluster.spillover_rate", "spillover rate in a cluster"),
            ("demography.entry", "entry probability per exit"),
        ] {
            assert_eq!(parameter_label(key), format!("{key} ({what})"));
        }
        // Every key of the registry has a label now, e.g. the rewiring probability.
        assert_eq!(
            parameter_label("network.radius"),
            "network.radius (connection radius)"
        );
        assert_eq!(parameter_name("market.price"), "price");
    }
}
