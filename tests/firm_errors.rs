//! The firm sections' errors from scenario files: located errors for every kind of mistake in
//! the firm sections and in the firm columns of a nodes file.

use std::path::Path;

use asocia_core::firm::{Distribution, FirmSimulation, LearningRule};
use asocia_scenario::{load, parse};

use crate::firm_scenarios::{errors, parsed, write, FIRMS};

#[test]
fn defaults_resolve_and_round_trip() {
    let s = parsed(FIRMS);
    let firms = s.model.firms().expect("firm model");
    assert_eq!(
        firms.init.capital,
        Distribution::Lognormal {
            mean: 10.0,
            sd: 5.0
        }
    );
    let text = s.resolved_toml();
    assert!(text.contains("model = \"firms\""), "{text}");
    assert!(!text.contains("[game]"), "{text}");
    let again = parse(&text, "r.toml", Path::new("/"), &[]).unwrap();
    assert_eq!(again, s);
    assert_eq!(again.resolved_json(), s.resolved_json());
    assert_eq!(s.resolved_json()["trust"]["rule"], "asymmetric");
}

#[test]
fn unknown_firm_key_suggests_the_closest() {
    assert_eq!(
        errors(&format!("{FIRMS}[trust]\ninital = 0.4\n")),
        ["s.toml:4:1: error: unknown key `inital` in [trust]; did you mean `initial`?"]
    );
}

#[test]
fn wrong_types_and_ranges_are_located() {
    assert_eq!(
        errors(&format!(
            "{FIRMS}[market]\nprice = \"high\"\n[monitoring]\nq = 1.5\nfine_to = \"state\"\n"
        )),
        [
            "s.toml:4:9: error: `price`: expected a price >= 0, found string \"high\"",
            "s.toml:6:5: error: `q`: expected a probability in [0, 1], found 1.5",
            "s.toml:7:11: error: `fine_to`: unknown fine recipient `state` (valid: victim, treasury)",
        ]
    );
}

#[test]
fn impossible_distributions_are_all_reported() {
    let src = format!(
        "{FIRMS}[firms]\ncapital = \"normal\"\ncapital_sd = -1\nproductivity = \"lognormal\"\n\
         productivity_mean = 0\nopportunism = \"beta\"\nopportunism_alpha = 0\n"
    );
    assert_eq!(
        errors(&src),
        [
            "s.toml:5:14: error: `capital_sd`: expected a standard deviation >= 0, found -1",
            "s.toml:7:21: error: `productivity_mean`: expected a positive mean (a lognormal variable is positive), found 0",
            "s.toml:9:21: error: `opportunism_alpha`: expected a shape alpha > 0, found 0",
        ]
    );
    assert_eq!(
        errors(&format!(
            "{FIRMS}[firms]\nopportunism = \"uniform\"\nopportunism_min = 0.8\nopportunism_max = 0.2\n"
        )),
        ["s.toml:6:19: error: `opportunism_max`: a uniform distribution needs min <= max, found min = 0.8 and max = 0.2"]
    );
    assert_eq!(
        errors(&format!("{FIRMS}[firms]\nopportunism = \"constant\"\nopportunism_value = 1.5\n")),
        ["s.toml:5:21: error: `opportunism_value`: expected a value in [0, 1] (opportunism is a propensity), found 1.5"]
    );
}

#[test]
fn parameters_of_another_distribution_or_rule_are_errors() {
    assert_eq!(
        errors(&format!("{FIRMS}[firms]\ncapital = \"uniform\"\ncapital_sd = 2\n")),
        ["s.toml:5:1: error: `capital_sd` is not a parameter of capital distribution `uniform` (it takes: capital_min, capital_max; `sd` belongs to another distribution)"]
    );
    assert_eq!(
        errors(&format!("{FIRMS}[trust]\nrule = \"beta\"\nup = 0.2\n")),
        ["s.toml:5:1: error: `up` is not a parameter of trust rule `beta` (it takes: alpha, beta)"]
    );
    assert_eq!(
        errors(&format!("{FIRMS}[decision]\nrule = \"threshold\"\nbeta = 3\n")),
        ["s.toml:5:1: error: `beta` is not a parameter of decision rule `threshold` (it takes none)"]
    );
}

#[test]
fn proportional_learning_takes_a_positive_scale() {
    let s = parsed(&format!(
        "{FIRMS}[learning]\nrule = \"proportional\"\nscale = 0.25\n"
    ));
    assert_eq!(
        s.model.firms().map(|f| f.learning.rule),
        Some(LearningRule::Proportional { scale: 0.25 })
    );
    assert!(s.resolved_toml().contains("rule = \"proportional\""));
    assert_eq!(
        errors(&format!("{FIRMS}[learning]\nrule = \"proportional\"\nscale = 0\n")),
        ["s.toml:5:9: error: `scale`: expected a positive income difference (money units), found 0"]
    );
    assert_eq!(
        errors(&format!("{FIRMS}[learning]\nrule = \"fermi\"\nscale = 1\n")),
        ["s.toml:5:1: error: `scale` is not a parameter of learning rule `fermi` (it takes: k)"]
    );
}

#[test]
fn sections_of_the_other_model_are_errors() {
    assert_eq!(
        errors("[trust]\ninitial = 0.5\n"),
        ["s.toml:1:2: error: [trust] belongs to the firm economy; set [scenario] model = \"firms\" to use it"]
    );
    let e = errors(&format!(
        "{FIRMS}[game]\npreset = \"donation\"\n[run]\nstop_at_absorption = true\n"
    ));
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with("s.toml:3:2: error: [game] belongs to the classic games"),
        "{e:?}"
    );
    assert!(
        e[1].starts_with(
            "s.toml:6:1: error: `stop_at_absorption` applies to the classic games only"
        ),
        "{e:?}"
    );
    assert_eq!(
        errors("[output]\nnetwork_every = 5\n"),
        ["s.toml:2:1: error: `network_every` applies to model = \"firms\" only (the classic time series has no network columns)"]
    );
}

#[test]
fn a_cluster_group_no_firm_has_is_located() {
    let src = format!(
        "{FIRMS}[network]\nkind = \"stochastic-block\"\nsizes = [10, 10]\np_in = 0.3\np_out = 0.0\n\
         [cluster]\ngroups = [0, 7]\n"
    );
    assert_eq!(
        errors(&src),
        ["s.toml:9:10: error: `groups`: no firm has group 7 (the network's groups are: 0, 1)"]
    );
    assert_eq!(
        errors(&format!("{FIRMS}[cluster]\ngroups = [1]\n")),
        ["s.toml:4:10: error: `groups`: no firm has group 1 (the network's groups are: 0)"]
    );
}

pub(crate) const FILE_FIRMS: &str = "[scenario]\nmodel = \"firms\"\n[network]\nkind = \"file\"\nedges = \"e.csv\"\nnodes = \"n.csv\"\n[firms]\ncapital = \"file\"\nopportunism = \"file\"\n";

#[test]
fn firm_attributes_come_from_the_nodes_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.csv", "source,target\n0,1\n1,2\n");
    write(
        dir.path(),
        "n.csv",
        "id,group,capital,opportunism\n0,0,5,0.1\n1,1,7.5,0.9\n2,1,1,0.5\n",
    );
    let sc = write(dir.path(), "f.toml", FILE_FIRMS);
    let s = load(&sc, &[]).unwrap();
    let f = s.model.firms().unwrap();
    assert_eq!(
        f.init.capital,
        Distribution::Given {
            values: vec![5.0, 7.5, 1.0]
        }
    );
    assert_eq!(s.group_ids(), [0, 1]);
    let text = s.resolved_toml();
    assert!(text.contains("capital = \"file\""), "{text}");
    let again = parse(&text, "r.toml", Path::new("/"), &[]).unwrap();
    let mut expected = s.clone();
    expected.path = None;
    assert_eq!(again, expected);
    let net = s.build_network(s.seed).unwrap();
    let sim = FirmSimulation::new(&net, f, 1).unwrap();
    assert_eq!(sim.capital(), [5.0, 7.5, 1.0]);
    assert_eq!(sim.opportunism(), [0.1, 0.9, 0.5]);
}

#[test]
fn nodes_file_with_a_missing_an_extra_or_a_bad_firm_column() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "e.csv", "source,target\n0,1\n");
    let sc = write(dir.path(), "f.toml", FILE_FIRMS);
    // `opportunism` is read from the file but missing; `productivity` is there but unused.
    let nodes = write(
        dir.path(),
        "n.csv",
        "id,capital,productivity\n0,1,1\n1,2,1\n",
    );
    let e = load(&sc, &[]).unwrap_err();
    let n = nodes.display();
    let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!("{n}:1:1: error: missing column `opportunism` ([firms] opportunism = \"file\" reads it)"),
            format!("{n}:1:12: error: column `productivity` is not used: [firms] productivity is not \"file\" (set productivity = \"file\" to read it, or drop the column)"),
        ]
    );
    write(
        dir.path(),
        "n.csv",
        "id,capital,opportunism\n0,1,0.5\n1,x,1.5\n",
    );
    let e = load(&sc, &[]).unwrap_err();
    let lines: Vec<String> = e.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            format!("{n}:3:3: error: capital `x` is not a finite number"),
            format!("{n}:3:5: error: opportunism `1.5` is not a number in [0, 1]"),
        ]
    );
    // A firm column in a classic scenario.
    let classic = write(
        dir.path(),
        "c.toml",
        "[network]\nkind = \"file\"\nedges = \"e.csv\"\nnodes = \"n.csv\"\n",
    );
    write(dir.path(), "n.csv", "id,capital\n0,1\n1,2\n");
    let e = load(&classic, &[]).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("{n}:1:4: error: column `capital` is a firm attribute, read only with [scenario] model = \"firms\"; drop it or switch the model")
    );
    // `file` without a nodes file, and with a generated network.
    assert_eq!(
        errors(&format!("{FIRMS}[firms]\ncapital = \"file\"\n")),
        ["s.toml:4:11: error: `capital`: distribution `file` takes capital from the nodes file, but the network is generated; values per firm come from a nodes file (network kind `file`)"]
    );
}
