//! The Sobol sequence against Joe and Kuo's generator, and Latin hypercube strata.

use asocia_stats::sampling::{latin_hypercube, SobolSequence, SOBOL_MAX_DIMENSIONS};

/// The first 8 points in 6 dimensions of Joe and Kuo's `sobol.cc` with `new-joe-kuo-6.21201`
/// (identical to SciPy's `qmc.Sobol(6, scramble=False)`).
const FIRST_POINTS: [[f64; 6]; 8] = [
    [0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    [0.5, 0.5, 0.5, 0.5, 0.5, 0.5],
    [0.75, 0.25, 0.25, 0.25, 0.75, 0.75],
    [0.25, 0.75, 0.75, 0.75, 0.25, 0.25],
    [0.375, 0.375, 0.625, 0.875, 0.375, 0.125],
    [0.875, 0.875, 0.125, 0.375, 0.875, 0.625],
    [0.625, 0.125, 0.875, 0.625, 0.625, 0.875],
    [0.125, 0.625, 0.375, 0.125, 0.125, 0.375],
];

/// Point 777 in all 128 dimensions, times 2^32 (from SciPy 1.17, which ships the same table).
const POINT_777: [u64; 128] = [
    2973761536, 4022337536, 700448768, 1178599424, 2730491904, 1530920960, 817889280, 3275751424,
    1497366528, 1388314624, 3200253952, 2990538752, 1648361472, 2034237440, 2445279232, 2210398208,
    1732247552, 3711959040, 1589641216, 3233808384, 1019215872, 1170210816, 4064280576, 2067791872,
    1480589312, 624951296, 255852544, 3351248896, 272629760, 473956352, 2327838720, 3862953984,
    482344960, 12582912, 3460300800, 4064280576, 1983905792, 1505755136, 1472200704, 1539309568,
    3099590656, 1145044992, 4072669184, 1723858944, 1379926016, 650117120, 1614807040, 138412032,
    3334471680, 4089446400, 356515840, 155189248, 2646605824, 3040870400, 2973761536, 3913285632,
    1530920960, 2772434944, 3443523584, 2369781760, 2202009600, 2101346304, 591396864, 1832910848,
    4030726144, 3896508416, 2218786816, 3426746368, 1816133632, 1547698176, 3560964096, 3057647616,
    574619648, 2185232384, 1983905792, 1782579200, 4039114752, 2411724800, 734003200, 1874853888,
    3200253952, 2311061504, 3502243840, 1556086784, 683671552, 2931818496, 834666496, 2847932416,
    3569352704, 2915041280, 834666496, 331350016, 1790967808, 1790967808, 1958739968, 683671552,
    2797600768, 2864709632, 364904448, 2193620992, 3619684352, 3250585600, 3066036224, 3166699520,
    3972005888, 1262485504, 4030726144, 4265607168, 4114612224, 557842432, 12582912, 884998144,
    1505755136, 977272832, 1765801984, 2621440000, 4106223616, 1572864000, 2017460224, 3829399552,
    2688548864, 1941962752, 473956352, 1740636160, 3477078016, 197132288, 406847488, 507510784,
];

#[test]
fn sobol_first_points_match_joe_kuo() {
    let mut s = SobolSequence::new(6).unwrap();
    for expected in FIRST_POINTS {
        assert_eq!(s.next_point(), expected.to_vec());
    }
}

#[test]
fn sobol_point_777_matches_joe_kuo_in_all_128_dimensions() {
    assert_eq!(SOBOL_MAX_DIMENSIONS, 128);
    let mut s = SobolSequence::new(128).unwrap();
    let p = s.take_points(778).pop().unwrap();
    let scaled: Vec<u64> = p.iter().map(|x| (x * 4_294_967_296.0) as u64).collect();
    assert_eq!(scaled, POINT_777.to_vec());
}

/// Every one of the `2^k` dyadic intervals of every coordinate holds exactly one of the first
/// `2^k` points.
fn assert_one_point_per_dyadic_interval(points: &[Vec<f64>]) {
    let n = points.len();
    for dim in 0..points[0].len() {
        let mut hit = vec![false; n];
        for p in points {
            let cell = (p[dim] * n as f64) as usize;
            assert!(!hit[cell], "dimension {dim}: interval {cell} hit twice");
            hit[cell] = true;
        }
    }
}

#[test]
fn sobol_projections_are_stratified_with_and_without_shift() {
    assert_one_point_per_dyadic_interval(&SobolSequence::new(40).unwrap().take_points(256));
    let shifted = SobolSequence::with_digital_shift(40, 7)
        .unwrap()
        .take_points(256);
    assert_one_point_per_dyadic_interval(&shifted);
    assert_ne!(shifted[0], vec![0.0; 40]);
}

#[test]
fn sobol_shift_is_deterministic_for_a_seed() {
    let a = SobolSequence::with_digital_shift(5, 11)
        .unwrap()
        .take_points(10);
    let b = SobolSequence::with_digital_shift(5, 11)
        .unwrap()
        .take_points(10);
    let c = SobolSequence::with_digital_shift(5, 12)
        .unwrap()
        .take_points(10);
    assert_eq!(a, b);
    assert_ne!(a, c);
}

#[test]
fn lhs_hits_each_stratum_of_each_dimension_exactly_once() {
    for (n, d, seed) in [(1, 1, 0), (10, 3, 1), (97, 5, 2), (1000, 2, 3)] {
        let pts = latin_hypercube(n, d, seed);
        assert_eq!(pts.len(), n);
        for dim in 0..d {
            let mut strata: Vec<usize> = pts.iter().map(|p| (p[dim] * n as f64) as usize).collect();
            strata.sort_unstable();
            assert_eq!(strata, (0..n).collect::<Vec<_>>(), "n {n} dimension {dim}");
        }
    }
}

#[test]
fn lhs_is_deterministic_for_a_seed() {
    assert_eq!(latin_hypercube(20, 3, 5), latin_hypercube(20, 3, 5));
    assert_ne!(latin_hypercube(20, 3, 5), latin_hypercube(20, 3, 6));
}
