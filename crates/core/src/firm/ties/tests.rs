//! Unit and property tests of the tie layout.
use super::*;
use crate::network::Network;

fn ring(n: usize) -> Ties {
    let edges: Vec<(u32, u32)> = (0..n as u32).map(|i| (i, (i + 1) % n as u32)).collect();
    let net = Network::from_edges(n, &edges, None, None).unwrap();
    Ties::from_csr(&net.csr(), 1, 0.5, true, |_, _| false)
}

#[test]
fn remove_and_add_keep_reverse_slots_consistent() {
    let mut t = ring(6);
    assert_eq!(t.ties, 6);
    assert!(t.check());
    let e = t.slots(2).start;
    t.remove_tie(2, e);
    assert!(t.check());
    assert_eq!(t.ties, 5);
    t.remove_firm(4);
    assert!(t.check());
    assert_eq!(t.ties, 3);
    assert_eq!(t.len[4], 0);
    t.add_tie(0, 3, 0.25, 0.75, true);
    assert!(t.check() && t.tied(0, 3) && t.tied(3, 0));
    // Firm 0 had one spare slot: now it is full.
    assert!(t.full(0) && !t.full(4));
    assert_eq!(t.ties, 4);
    let e = t.slots(0).find(|&e| t.target[e] == 3).unwrap();
    assert_eq!(t.tau[e], 0.25);
    assert_eq!(t.tau[t.rev[e] as usize], 0.75);
    assert_eq!(t.flags[e] & WITHIN, WITHIN);
    t.push_firm(3);
    t.add_tie(6, 4, 0.5, 0.5, false);
    assert!(t.check());
    let ties = t.ties;
    let mut alive = vec![1u8; 7];
    alive[4] = 0;
    t.retire_firm(4);
    t.compact(&alive);
    assert!(t.check());
    assert_eq!(t.ties, ties - 1);
    assert_eq!(t.start[5] - t.start[4], 0, "no slots for an exited firm");
    assert!(t.tied(0, 3) && !t.full(1));
}
