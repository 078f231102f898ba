//! What the study engine and plots know about every metric, in one list per model and kind
//! (per-step, final): its label and unit (for titles, axes and tables), whether it is a share
//! (drawn on a 0–1 axis), what leaves it undefined, and how it is shown — plotted, tabled only,
//! or not at all because it is constant by construction. Names are the CSV column names.

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
        if scenario.firms.is_some() {
            Model::Firms
        } else {
            Model::Classic
        }
    }
}

/// Where a metric appears besides the CSV records (`runs.csv`, `summary.csv`,
/// `timeseries*.csv`, which keep every metric).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// In comparison tables and in every plot.
    Plotted,
    /// In comparison tables and final-metric plots, but not drawn as a time series of its own
    /// (e.g. the trust quantiles, which `trust_mean` summarises).
    Tabled,
    /// Constant by construction (the same value in every run of a scenario, e.g. `steps_run`
    /// of a firm run, which is `run.steps`): neither in comparison tables nor in plots. A metric
    /// that merely happens to be constant in some data is not this.
    Constant,
}

/// The properties of one metric.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MetricInfo {
    /// The column name.
    pub name: &'static str,
    /// What it is, in words, for titles and axes (e.g. "survival rate").
    pub label: &'static str,
    /// Its unit; empty when the label says it all.
    pub unit: &'static str,
    /// A share or probability, drawn on a 0–1 axis.
    pub share: bool,
    /// When the metric has no value (empty cell), in words; empty if it always has one.
    pub undefined: &'static str,
    /// How it is shown.
    pub shown: Shown,
}

const fn m(
    name: &'static str,
    label: &'static str,
    unit: &'static str,
    share: bool,
    undefined: &'static str,
    shown: Shown,
) -> MetricInfo {
    MetricInfo {
        name,
        label,
        unit,
        share,
        undefined,
        shown,
    }
}

use Shown::{Constant, Plotted, Tabled};

const NO_DECISION: &str = "no tie decision in the step";
const NO_TIE: &str = "no tie";
const NO_FIRM: &str = "no alive firm";

/// Per-step metrics of the classic games (the `timeseries.csv` columns after `run, seed, step`).
pub const CLASSIC_STEP: [MetricInfo; 4] = [
    m("alive", "firms alive", "firms", false, "", Constant),
    m("cooperators", "cooperators", "firms", false, "", Tabled),
    m(
        "coop_rate",
        "cooperation rate",
        "share of firms cooperating",
        true,
        "",
        Plotted,
    ),
    m(
        "payoff_mean",
        "mean payoff",
        "payoff units per firm",
        false,
        "",
        Plotted,
    ),
];

/// Final metrics of the classic games (the `summary.csv` columns after `run, seed`).
/// `steps_run` is constant by construction unless runs stop at absorption (see [`shown`]).
pub const CLASSIC_FINAL: [MetricInfo; 4] = [
    m("steps_run", "steps run", "steps", false, "", Constant),
    m(
        "coop_rate_final",
        "final cooperation rate",
        "share of firms cooperating",
        true,
        "",
        Plotted,
    ),
    m(
        "payoff_mean_final",
        "final mean payoff",
        "payoff units per firm",
        false,
        "",
        Plotted,
    ),
    m(
        "absorbed_at",
        "absorption step",
        "step",
        false,
        "never absorbed",
        Plotted,
    ),
];

/// Per-step, per-group metrics of the firm economy.
pub const FIRM_STEP: [MetricInfo; 18] = [
    m("alive", "firms alive", "firms", false, "", Plotted),
    m(
        "survival_rate",
        "survival rate",
        "share of initial firms alive",
        true,
        "",
        Plotted,
    ),
    m(
        "capital_mean",
        "mean capital",
        "money per firm",
        false,
        NO_FIRM,
        Plotted,
    ),
    m(
        "capital_median",
        "median capital",
        "money per firm",
        false,
        NO_FIRM,
        Tabled,
    ),
    m(
        "capital_gini",
        "capital inequality",
        "Gini coefficient, 0–1",
        true,
        "no positive total capital",
        Plotted,
    ),
    m("welfare", "welfare", "money per step", false, "", Plotted),
    m(
        "welfare_per_firm",
        "welfare per firm",
        "money per step per firm",
        false,
        NO_FIRM,
        Tabled,
    ),
    m(
        "coop_rate",
        "cooperation rate",
        "share of tie decisions cooperative",
        true,
        NO_DECISION,
        Plotted,
    ),
    m(
        "trust_mean",
        "mean trust",
        "trust, 0–1",
        true,
        NO_TIE,
        Plotted,
    ),
    m(
        "trust_q10",
        "trust, 10 % quantile",
        "trust, 0–1",
        true,
        NO_TIE,
        Tabled,
    ),
    m(
        "trust_q50",
        "median trust",
        "trust, 0–1",
        true,
        NO_TIE,
        Tabled,
    ),
    m(
        "trust_q90",
        "trust, 90 % quantile",
        "trust, 0–1",
        true,
        NO_TIE,
        Tabled,
    ),
    m(
        "opportunism_mean",
        "mean opportunism",
        "propensity to defect, 0–1",
        true,
        NO_FIRM,
        Plotted,
    ),
    m(
        "productivity_mean",
        "mean productivity",
        "output per step",
        false,
        NO_FIRM,
        Plotted,
    ),
    m("ties", "ties", "", false, "", Plotted),
    m(
        "degree_mean",
        "mean degree",
        "partners per firm",
        false,
        NO_FIRM,
        Plotted,
    ),
    m(
        "clustering",
        "clustering coefficient",
        "0–1",
        true,
        "not a network step",
        Plotted,
    ),
    m(
        "largest_component_share",
        "largest component",
        "share of alive firms",
        true,
        "not a network step",
        Plotted,
    ),
];

/// Final metrics of the firm economy (the `summary.csv` columns after `run, seed`).
pub const FIRM_FINAL: [MetricInfo; 14] = [
    m("steps_run", "steps run", "steps", false, "", Constant),
    m(
        "alive_final",
        "firms alive at the end",
        "firms",
        false,
        "",
        Plotted,
    ),
    m(
        "survival_rate_final",
        "final survival rate",
        "share of initial firms alive",
        true,
        "",
        Plotted,
    ),
    m(
        "capital_mean_final",
        "final mean capital",
        "money per firm",
        false,
        NO_FIRM,
        Plotted,
    ),
    m(
        "capital_gini_final",
        "final capital inequality",
        "Gini coefficient, 0–1",
        true,
        "no positive total capital",
        Plotted,
    ),
    m(
        "welfare_total",
        "total welfare",
        "money",
        false,
        "",
        Plotted,
    ),
    m(
        "coop_rate_final",
        "final cooperation rate",
        "share of tie decisions cooperative",
        true,
        "no tie decision in the last step",
        Plotted,
    ),
    m(
        "trust_mean_final",
        "final mean trust",
        "trust, 0–1",
        true,
        "no tie at the end",
        Plotted,
    ),
    m(
        "opportunism_mean_final",
        "final mean opportunism",
        "propensity to defect, 0–1",
        true,
        NO_FIRM,
        Plotted,
    ),
    m("ties_final", "ties at the end", "ties", false, "", Plotted),
    m("exits", "exits", "firms", false, "", Plotted),
    m("entries", "entries", "firms", false, "", Plotted),
    m("fines_total", "fines paid", "money", false, "", Plotted),
    m(
        "treasury_final",
        "treasury at the end",
        "money",
        false,
        "",
        Plotted,
    ),
];

/// The properties of `metric` (a per-step or final metric of `model`), if it is one.
pub fn info(metric: &str, model: Model) -> Option<&'static MetricInfo> {
    let lists: [&'static [MetricInfo]; 2] = match model {
        Model::Classic => [&CLASSIC_STEP, &CLASSIC_FINAL],
        Model::Firms => [&FIRM_STEP, &FIRM_FINAL],
    };
    lists.into_iter().flatten().find(|i| i.name == metric)
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

    fn names(list: &[MetricInfo]) -> Vec<&'static str> {
        list.iter().map(|i| i.name).collect()
    }

    #[test]
    fn the_property_lists_name_every_metric_the_runs_report_in_order() {
        assert_eq!(names(&CLASSIC_STEP), STEP_METRICS);
        assert_eq!(names(&FIRM_STEP), FIRM_STEP_METRICS);
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
            .chain(&CLASSIC_FINAL)
            .chain(&FIRM_STEP)
            .chain(&FIRM_FINAL)
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
