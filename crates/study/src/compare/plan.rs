//! The arms of a comparison: a `[compare]` section of one scenario, or two scenarios.

use asocia_scenario::{Scenario, ScenarioError};

use crate::metrics::{shown, Model, Shown};
use crate::{runner, ScenarioInput, StudyError};

/// The arms of a comparison and how they are paired, every arm resolved and checked.
#[derive(Clone, Debug)]
pub struct ComparePlan {
    /// Arm names and scenarios, in order.
    pub arms: Vec<(String, Scenario)>,
    /// Pairs `(a, b)`: differences are arm `a` minus arm `b`.
    pub pairs: Vec<(usize, usize)>,
    /// Initial replications per arm.
    pub replications: u64,
    /// Base seed of the common random numbers.
    pub seed: u64,
    /// The scenario recorded in the manifest (the first one).
    pub base: Scenario,
    /// Each arm's overrides of the base scenario (empty for two scenarios).
    pub settings: Vec<Vec<String>>,
    /// The inputs' names (files or text origins), for the manifest.
    pub origins: Vec<String>,
    /// Warnings about the arms (arms that differ in nothing, or run different step counts):
    /// for the user before the runs, and in the manifest.
    pub warnings: Vec<String>,
    /// Notes for the user only (the second scenario's seed is not used).
    pub notices: Vec<String>,
}

impl ComparePlan {
    /// Loads the arms: the `[compare]` section of one input, or two inputs compared as arms
    /// named after their file stems (or origins).
    pub fn load(inputs: &[ScenarioInput]) -> Result<ComparePlan, StudyError> {
        let mut plan = match inputs {
            [one] => from_section(one)?,
            [a, b] => from_pair(a, b)?,
            _ => {
                return Err(StudyError::Invalid(format!(
                "a comparison needs one scenario with a [compare] section or two scenarios, not {}",
                inputs.len()
            )))
            }
        };
        plan.origins = inputs.iter().map(ScenarioInput::origin).collect();
        let names = plan.names();
        for &(a, b) in &plan.pairs {
            let (sa, sb) = (&plan.arms[a].1, &plan.arms[b].1);
            if same_model(sa, sb) {
                plan.warnings.push(format!(
                    "arms `{}` and `{}` differ in nothing: on common random numbers their differences are exactly 0",
                    names[a], names[b]
                ));
            }
            if sa.model.steps() != sb.model.steps() {
                plan.warnings.push(format!(
                    "arms `{}` and `{}` run different numbers of steps (run.steps = {} and {}): their final metrics describe different moments",
                    names[a], names[b], sa.model.steps(), sb.model.steps()
                ));
            }
        }
        Ok(plan)
    }

    /// The arms' names, in order.
    pub fn names(&self) -> Vec<String> {
        self.arms.iter().map(|(n, _)| n.clone()).collect()
    }

    /// The final metrics every run reports.
    pub fn metrics(&self) -> &'static [&'static str] {
        runner::summary_metrics(&self.base)
    }

    /// The model the arms run.
    pub fn model(&self) -> Model {
        Model::of(&self.base)
    }

    /// The metrics compared, with their position among [`ComparePlan::metrics`]: every final
    /// metric but those constant by construction.
    pub fn compared(&self) -> Vec<(usize, &'static str)> {
        let model = self.model();
        let stops = self.arms.iter().any(|(_, s)| s.model.stop_at_absorption());
        self.metrics()
            .iter()
            .enumerate()
            .filter(|(_, m)| shown(m, model, stops) != Shown::Constant)
            .map(|(k, m)| (k, *m))
            .collect()
    }
}

/// The file stem of an input (or its origin for text).
fn stem(input: &ScenarioInput) -> String {
    match input.file() {
        Some(path) => path
            .file_stem()
            .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned()),
        None => input.origin(),
    }
}

fn from_section(input: &ScenarioInput) -> Result<ComparePlan, StudyError> {
    let study = input.load()?;
    let Some(compare) = study.compare.as_ref() else {
        return Err(StudyError::Invalid(format!(
            "{}: the scenario has no [compare] section; give it one, or compare two files: asocia compare A.toml B.toml",
            input.origin()
        )));
    };
    // Every arm is resolved (and every mistake reported) before anything runs.
    let mut arms = Vec::new();
    let mut diagnostics = Vec::new();
    for (i, arm) in compare.arms.iter().enumerate() {
        match study.arm(i) {
            Ok(sc) => arms.push((arm.name.clone(), sc)),
            Err(e) => diagnostics.extend(e.diagnostics),
        }
    }
    if !diagnostics.is_empty() {
        return Err(ScenarioError { diagnostics }.into());
    }
    let k = arms.len();
    let pairs = match compare.baseline {
        Some(b) => (0..k).filter(|&a| a != b).map(|a| (a, b)).collect(),
        None => (0..k)
            .flat_map(|a| (a + 1..k).map(move |b| (a, b)))
            .collect(),
    };
    Ok(ComparePlan {
        arms,
        pairs,
        replications: compare.replications,
        seed: study.base.seed,
        settings: compare.arms.iter().map(|a| a.settings.clone()).collect(),
        base: study.base,
        origins: Vec::new(),
        warnings: Vec::new(),
        notices: Vec::new(),
    })
}

fn from_pair(ia: &ScenarioInput, ib: &ScenarioInput) -> Result<ComparePlan, StudyError> {
    let a = ia.load()?.base;
    let b = ib.load()?.base;
    let (mut na, mut nb) = (stem(ia), stem(ib));
    if na == nb {
        na.push_str("-a");
        nb.push_str("-b");
    }
    let mut notices = Vec::new();
    if b.seed != a.seed {
        notices.push(format!(
            "{} has run.seed = {}; both arms use {}'s seed {} (common random numbers)",
            ib.origin(),
            b.seed,
            ia.origin(),
            a.seed
        ));
    }
    Ok(ComparePlan {
        replications: a.replications,
        seed: a.seed,
        base: a.clone(),
        arms: vec![(na, a), (nb, b)],
        pairs: vec![(0, 1)],
        settings: vec![Vec::new(), Vec::new()],
        origins: Vec::new(),
        warnings: Vec::new(),
        notices,
    })
}

/// Two scenarios that run the same model with the same parameters (names and paths aside).
fn same_model(a: &Scenario, b: &Scenario) -> bool {
    let strip = |s: &Scenario| Scenario {
        name: String::new(),
        description: String::new(),
        path: None,
        replications: 1,
        ..s.clone()
    };
    strip(a) == strip(b)
}
