//! The deterministic generators: isolated, complete, ring and square lattices.

use super::*;

// ---- deterministic generators ----

#[test]
fn isolated_has_no_ties() {
    let net = build(NetworkSpec::Isolated { n: 17 }, 0);
    assert_eq!((net.node_count(), net.edge_count()), (17, 0));
}

#[test]
fn complete_has_every_pair() {
    let net = build(NetworkSpec::Complete { n: 30 }, 0);
    assert_eq!(net.edge_count(), 30 * 29 / 2);
    assert!(degrees(&net).iter().all(|&d| d == 29));
    assert_simple(&net);
}

#[test]
fn ring_has_degree_k_and_nk_over_2_ties() {
    let net = build(NetworkSpec::Ring { n: 50, k: 6 }, 0);
    assert_eq!(net.edge_count(), 50 * 6 / 2);
    assert!(degrees(&net).iter().all(|&d| d == 6));
    let t = tie_set(&net);
    assert!(t.contains(&(0, 3)) && t.contains(&(47, 49)) && t.contains(&(0, 47)));
    assert!(!t.contains(&(0, 4)));
    assert_simple(&net);
}

#[test]
fn periodic_lattices_are_regular() {
    let vn = build(lattice(7, 5, Neighbourhood::VonNeumann, true), 0);
    assert_eq!(vn.edge_count(), 2 * 35);
    assert!(degrees(&vn).iter().all(|&d| d == 4));
    assert_eq!(vn.lattice, Some((7, 5)));
    let moore = build(lattice(7, 5, Neighbourhood::Moore, true), 0);
    assert_eq!(moore.edge_count(), 4 * 35);
    assert!(degrees(&moore).iter().all(|&d| d == 8));
    assert_simple(&vn);
    assert_simple(&moore);
}

#[test]
fn periodic_lattice_wraps_around() {
    let (w, h) = (6, 4);
    for nb in [Neighbourhood::VonNeumann, Neighbourhood::Moore] {
        let t = tie_set(&build(lattice(w, h, nb, true), 0));
        assert!(t.contains(&(0, w - 1)), "{nb:?}: 0 – (width-1)");
        assert!(
            t.contains(&(0, (h - 1) * w)),
            "{nb:?}: 0 – (height-1)·width"
        );
        assert_eq!(t.contains(&(0, w * h - 1)), nb == Neighbourhood::Moore);
    }
}

#[test]
fn open_lattices_have_fewer_ties_at_the_border() {
    let (w, h) = (7, 5);
    let vn = build(lattice(w, h, Neighbourhood::VonNeumann, false), 0);
    assert_eq!(vn.edge_count(), (w - 1) * h + w * (h - 1));
    let moore = build(lattice(w, h, Neighbourhood::Moore, false), 0);
    assert_eq!(
        moore.edge_count(),
        (w - 1) * h + w * (h - 1) + 2 * (w - 1) * (h - 1)
    );
    let d = degrees(&moore);
    assert_eq!((d[0], d[1], d[w + 1]), (3, 5, 8));
    assert!(!tie_set(&vn).contains(&(0, w - 1)));
    assert_simple(&moore);
}

#[test]
fn lattice_node_of_cell_is_row_major() {
    let t = tie_set(&build(lattice(5, 4, Neighbourhood::VonNeumann, false), 0));
    // (2, 1) = 7 ties to (3, 1) = 8 and (2, 2) = 12.
    assert!(t.contains(&(7, 8)) && t.contains(&(7, 12)) && t.contains(&(2, 7)));
}
