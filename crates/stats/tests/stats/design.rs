//! Parameter designs: grid order and size, ranges and their errors, integer keys, LHS and Sobol
//! designs.

use asocia_stats::design::{
    Design, DesignError, DimValues, Dimension, Level, Range, SaltelliBlock, Scale, Spacing,
    MAX_LEVELS,
};

fn floats(levels: &[Level]) -> Vec<f64> {
    levels.iter().map(|l| l.as_f64().unwrap()).collect()
}

#[test]
fn grid_size_is_the_product_of_level_counts_and_the_first_dimension_varies_slowest() {
    let design = Design::Grid(vec![
        Dimension::list("update", ["fermi", "best", "moran"]),
        Dimension::list("sync", [true, false]),
        Dimension::linspace("game.b", 1.0, 2.0, 4),
    ]);
    assert_eq!(design.len().unwrap(), 3 * 2 * 4);
    let pts = design.points().unwrap();
    assert_eq!(pts.len(), 24);
    assert_eq!(
        pts[0],
        vec![Level::from("fermi"), Level::Bool(true), Level::Float(1.0)]
    );
    assert_eq!(
        pts[1],
        vec![
            Level::from("fermi"),
            Level::Bool(true),
            Level::Float(4.0 / 3.0)
        ]
    );
    assert_eq!(
        pts[4],
        vec![Level::from("fermi"), Level::Bool(false), Level::Float(1.0)]
    );
    assert_eq!(
        pts[8],
        vec![Level::from("best"), Level::Bool(true), Level::Float(1.0)]
    );
    assert_eq!(
        pts[23],
        vec![Level::from("moran"), Level::Bool(false), Level::Float(2.0)]
    );
    assert_eq!(design.keys(), ["update", "sync", "game.b"]);
    assert_eq!(design.block_of(0), None);
}

#[test]
fn stepped_range_includes_stop_when_on_the_grid() {
    let l = Dimension::step("x", 0.0, 1.0, 0.1).levels().unwrap();
    assert_eq!(l.len(), 11);
    assert_eq!(l[10], Level::Float(1.0));
    assert_eq!(l[3], Level::Float(0.30000000000000004)); // 0 + 3 · 0.1, not accumulated
    let l = Dimension::step("x", 0.0, 1.0, 0.3).levels().unwrap();
    assert_eq!(floats(&l), [0.0, 0.3, 0.6, 0.8999999999999999]);
    let l = Dimension::step("x", 5.0, 1.0, -2.0).levels().unwrap();
    assert_eq!(floats(&l), [5.0, 3.0, 1.0]);
    let l = Dimension::step("x", 2.0, 2.0, 0.5).levels().unwrap();
    assert_eq!(floats(&l), [2.0]);
}

#[test]
fn log_ranges_step_in_decades_and_end_exactly() {
    let d = Dimension::range("c", 0.01, 100.0, Scale::Log, Spacing::Step(1.0));
    let l = floats(&d.levels().unwrap());
    assert_eq!(l.len(), 5);
    assert_eq!((l[0], l[4]), (0.01, 100.0));
    for (x, e) in l.iter().zip([0.01, 0.1, 1.0, 10.0, 100.0]) {
        assert!((x / e - 1.0).abs() < 1e-14);
    }
    let l = floats(&Dimension::logspace("k", 1.0, 1000.0, 4).levels().unwrap());
    assert_eq!((l[0], l[3]), (1.0, 1000.0));
    assert!((l[1] - 10.0).abs() < 1e-12 && (l[2] - 100.0).abs() < 1e-12);
}

#[test]
fn linspace_with_one_point_is_the_start() {
    let l = Dimension::linspace("x", 3.0, 9.0, 1).levels().unwrap();
    assert_eq!(l, [Level::Float(3.0)]);
}

#[test]
fn range_errors_name_the_dimension() {
    let err = |d: Dimension| d.levels().unwrap_err();
    assert_eq!(
        err(Dimension::linspace("x", 0.0, 1.0, 0)),
        DesignError::EmptyRange { key: "x".into() }
    );
    assert_eq!(
        err(Dimension::list("g", Vec::<Level>::new())),
        DesignError::EmptyRange { key: "g".into() }
    );
    assert_eq!(
        err(Dimension::step("x", 0.0, 1.0, 0.0)),
        DesignError::ZeroStep { key: "x".into() }
    );
    assert_eq!(
        err(Dimension::step("x", 0.0, 1.0, -0.1)),
        DesignError::WrongStepSign {
            key: "x".into(),
            start: 0.0,
            stop: 1.0,
            step: -0.1
        }
    );
    assert_eq!(
        err(Dimension::logspace("c", 0.0, 1.0, 3)),
        DesignError::LogNonPositive {
            key: "c".into(),
            start: 0.0,
            stop: 1.0
        }
    );
    assert_eq!(
        err(Dimension::step("x", 0.0, f64::NAN, 0.1)),
        DesignError::NonFinite { key: "x".into() }
    );
    assert!(matches!(
        err(Dimension::step("x", 0.0, 1.0, 1e-9)),
        DesignError::TooManyLevels {
            max: MAX_LEVELS,
            ..
        }
    ));
    assert_eq!(
        err(Dimension::interval("x", 0.0, 1.0)),
        DesignError::NotGridded { key: "x".into() }
    );
    assert_eq!(
        err(Dimension::list("g", ["pd"]).integer()),
        DesignError::NotNumeric {
            key: "g".into(),
            level: "pd".into()
        }
    );
    let msg = err(Dimension::step("game.b", 0.0, 1.0, -0.1)).to_string();
    assert_eq!(
        msg,
        "dimension `game.b` steps by -0.1 from 0, which never reaches 1; \
         the step must have the sign of stop − start"
    );
}

#[test]
fn design_errors() {
    assert_eq!(Design::Grid(vec![]).len(), Err(DesignError::NoDimensions));
    let dup = Design::Grid(vec![
        Dimension::list("x", [1_i64]),
        Dimension::list("x", [2_i64]),
    ]);
    assert_eq!(
        dup.points(),
        Err(DesignError::DuplicateKey { key: "x".into() })
    );
    let lhs_list = Design::LatinHypercube {
        dims: vec![Dimension::list("g", ["pd"])],
        n: 4,
        seed: 0,
    };
    assert_eq!(
        lhs_list.len(),
        Err(DesignError::NotARange { key: "g".into() })
    );
    let lhs_zero = Design::LatinHypercube {
        dims: vec![Dimension::interval("x", 0.0, 1.0)],
        n: 0,
        seed: 0,
    };
    assert_eq!(lhs_zero.len(), Err(DesignError::ZeroSamples));
    let sobol_wide = Design::Sobol {
        dims: (0..65)
            .map(|i| Dimension::interval(format!("x{i}"), 0.0, 1.0))
            .collect(),
        n: 8,
        seed: None,
    };
    assert_eq!(
        sobol_wide.len(),
        Err(DesignError::TooManyDimensions {
            requested: 65,
            max: 64
        })
    );
    let no_integer = Design::LatinHypercube {
        dims: vec![Dimension::interval("n", 2.2, 2.8).integer()],
        n: 4,
        seed: 0,
    };
    assert_eq!(
        no_integer.len(),
        Err(DesignError::EmptyRange { key: "n".into() })
    );
}

#[test]
fn integer_dimensions_give_integer_levels() {
    let l = Dimension::linspace("network.n", 100.0, 500.0, 5)
        .integer()
        .levels()
        .unwrap();
    assert_eq!(l, [100, 200, 300, 400, 500].map(Level::Int));
    // 1, 1.5, 2, 2.5, 3 round (half away from zero) to 1, 2, 2, 3, 3; repeats are kept once.
    let l = Dimension::linspace("k", 1.0, 3.0, 5)
        .integer()
        .levels()
        .unwrap();
    assert_eq!(l, [1, 2, 3].map(Level::Int));
    let l = Dimension::list("k", [4.4, 5.0]).integer().levels().unwrap();
    assert_eq!(l, [4, 5].map(Level::Int));
}

#[test]
fn sampled_integer_dimensions_use_every_integer_evenly() {
    let design = Design::LatinHypercube {
        dims: vec![Dimension::interval("n", 0.5, 4.5).integer()],
        n: 400,
        seed: 3,
    };
    let mut counts = [0; 5];
    for p in design.points().unwrap() {
        let Level::Int(k) = p[0] else {
            panic!("not an integer level: {:?}", p[0])
        };
        counts[k as usize] += 1;
    }
    // Integers 1..=4, 100 strata each: a Latin hypercube makes the counts exact.
    assert_eq!(counts, [0, 100, 100, 100, 100]);
}

#[test]
fn lhs_design_hits_every_stratum_on_linear_and_log_scales() {
    let n = 64;
    let design = Design::LatinHypercube {
        dims: vec![
            Dimension::interval("q", -1.0, 3.0),
            Dimension::log_interval("c", 0.001, 10.0),
        ],
        n,
        seed: 9,
    };
    let pts = design.points().unwrap();
    let mut lin: Vec<usize> = pts
        .iter()
        .map(|p| ((p[0].as_f64().unwrap() + 1.0) / 4.0 * n as f64) as usize)
        .collect();
    let mut log: Vec<usize> = pts
        .iter()
        .map(|p| ((p[1].as_f64().unwrap().log10() + 3.0) / 4.0 * n as f64 + 1e-9) as usize)
        .collect();
    lin.sort_unstable();
    log.sort_unstable();
    assert_eq!(lin, (0..n).collect::<Vec<_>>());
    assert_eq!(log, (0..n).collect::<Vec<_>>());
    assert_eq!(design.points().unwrap(), pts, "same seed, same points");
}

#[test]
fn sobol_design_has_saltelli_blocks() {
    let (n, d) = (16, 3);
    let design = Design::Sobol {
        dims: vec![
            Dimension::interval("a", 0.0, 1.0),
            Dimension::interval("b", 10.0, 20.0),
            Dimension::log_interval("c", 1.0, 100.0),
        ],
        n,
        seed: Some(5),
    };
    assert_eq!(design.len().unwrap(), n * (d + 2));
    let pts = design.points().unwrap();
    assert_eq!(pts.len(), n * (d + 2));
    assert_eq!(design.block_of(0), Some((SaltelliBlock::A, 0)));
    assert_eq!(design.block_of(n + 3), Some((SaltelliBlock::B, 3)));
    assert_eq!(design.block_of(4 * n + 7), Some((SaltelliBlock::AB(2), 7)));
    assert_eq!(design.block_of(5 * n), None);
    for j in 0..n {
        let (a, b) = (&pts[j], &pts[n + j]);
        for i in 0..d {
            let ab = &pts[(2 + i) * n + j];
            for k in 0..d {
                assert_eq!(ab[k], if k == i { b[k].clone() } else { a[k].clone() });
            }
        }
    }
    assert_eq!(design.points().unwrap(), pts, "same seed, same points");
}

#[test]
fn unshifted_sobol_design_maps_the_plain_sequence() {
    let design = Design::Sobol {
        dims: vec![Dimension::interval("x", 2.0, 4.0)],
        n: 4,
        seed: None,
    };
    // 2-dimensional sequence: A from dimension 1 (0, .5, .75, .25), B from dimension 2
    // (0, .5, .25, .75), AB_1 = B's column.
    let x: Vec<f64> = design
        .points()
        .unwrap()
        .iter()
        .map(|p| p[0].as_f64().unwrap())
        .collect();
    assert_eq!(
        x,
        [2.0, 3.0, 3.5, 2.5, 2.0, 3.0, 2.5, 3.5, 2.0, 3.0, 2.5, 3.5]
    );
}

#[test]
fn levels_display_and_serialise_as_bare_values() {
    let row = vec![
        Level::Int(3),
        Level::Float(0.5),
        Level::Bool(true),
        Level::from("pd"),
    ];
    let shown: Vec<String> = row.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["3", "0.5", "true", "pd"]);
    assert_eq!(serde_json::to_string(&row).unwrap(), r#"[3,0.5,true,"pd"]"#);
}

#[test]
fn a_range_can_be_built_field_by_field() {
    let d = Dimension {
        key: "theta".into(),
        values: DimValues::Range(Range {
            start: 0.0,
            stop: 1.0,
            scale: Scale::Linear,
            spacing: Spacing::Count(3),
        }),
        integer: false,
    };
    assert_eq!(floats(&d.levels().unwrap()), [0.0, 0.5, 1.0]);
}
