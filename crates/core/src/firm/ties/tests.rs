//! Unit and property tests of the tie layout.
use super::grow::GROWTH_KEYS;
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

/// Every firm's live ties as `(target, τ, flags, encounter count, model slot number)`, in
/// slot order: what the layout means, whatever its memory.
type Meaning = Vec<Vec<(u32, f32, u8, u64, u64)>>;

fn meaning(t: &Ties) -> Meaning {
    (0..t.firms())
        .map(|i| {
            t.slots(i)
                .enumerate()
                .map(|(d, e)| {
                    let enc = if t.enc.is_empty() { 0 } else { t.enc[e] };
                    (t.target[e], t.tau[e], t.flags[e], enc, t.key(i, d as u32))
                })
                .collect()
        })
        .collect()
}

/// The layout rebuilt from scratch from what it means: every firm pushed with its base
/// capacity, its key segments copied, its ties written in the same order at the start of
/// its range, with reverse slots found by search.
fn rebuilt(t: &Ties) -> Ties {
    let mut r = Ties {
        enc: if t.enc.is_empty() {
            Vec::new()
        } else {
            vec![0; 0]
        },
        next_key: t.next_key,
        ..Ties::default()
    };
    let encounters = !t.enc.is_empty();
    r.start.push(0);
    r.model_start.push(0);
    let mut acc = 0u32;
    for i in 0..t.firms() {
        let range = t.start[i + 1] - t.start[i];
        acc += range;
        r.start.push(acc);
        r.model_start.push(t.model_start[i + 1]);
        r.len.push(t.len[i]);
    }
    let total = acc as usize;
    r.target = vec![0; total];
    r.rev = vec![0; total];
    r.tau = vec![0.0; total];
    r.flags = vec![0; total];
    if encounters {
        r.enc = vec![0; total];
    }
    r.inbox.resize(total);
    r.ext = t.ext.clone();
    r.ties = t.ties;
    r.idle = t.idle;
    for i in 0..t.firms() {
        for (d, e) in t.slots(i).enumerate() {
            let f = r.start[i] as usize + d;
            let j = t.target[e] as usize;
            r.target[f] = j as u32;
            r.tau[f] = t.tau[e];
            r.flags[f] = t.flags[e];
            if encounters {
                r.enc[f] = t.enc[e];
            }
            let pos = t.slots(j).position(|x| t.target[x] as usize == i).unwrap();
            r.rev[f] = r.start[j] + pos as u32;
        }
    }
    r
}

/// The live part of the slot arrays, per firm.
fn live_arrays(t: &Ties) -> Vec<Vec<(u32, u32, f32, u8)>> {
    (0..t.firms())
        .map(|i| {
            t.slots(i)
                .map(|e| (t.target[e], t.rev[e], t.tau[e], t.flags[e]))
                .collect()
        })
        .collect()
}

#[test]
fn adding_a_tie_to_a_full_firm_grows_it_and_keeps_every_model_slot_number() {
    // Ring of 5 with no slack: every firm has capacity 2 and is full. Adding 0–2 grows
    // firms 0 and 2 by one slot each; the new positions (position 2 of each) get the
    // growth keys 2^63 and 2^63 + 1, in firm order; every other position keeps its number
    // (firm i's position d is 2i + d).
    let edges: Vec<(u32, u32)> = (0..5).map(|i| (i, (i + 1) % 5)).collect();
    let net = Network::from_edges(5, &edges, None, None).unwrap();
    let mut t = Ties::from_csr(&net.csr(), 0, 0.5, false, |_, _| false);
    let before: Vec<Vec<u64>> = (0..5)
        .map(|i| (0..2).map(|d| t.key(i, d)).collect())
        .collect();
    assert!(t.full(0) && t.full(2));
    t.add_tie(0, 2, 0.25, 0.75, false);
    assert!(t.check() && t.tied(0, 2) && t.tied(2, 0));
    assert_eq!((t.capacity(0), t.capacity(1), t.capacity(2)), (3, 2, 3));
    for (i, keys) in before.iter().enumerate() {
        for (d, &k) in keys.iter().enumerate() {
            assert_eq!(t.key(i, d as u32), k);
            assert_eq!(k, 2 * i as u64 + d as u64);
        }
    }
    assert_eq!(t.key(0, 2), GROWTH_KEYS);
    assert_eq!(t.key(2, 2), GROWTH_KEYS + 1);
    // Slots: firm 0 at 0..3, 1 at 3..5, 2 at 5..8, 3 at 8..10, 4 at 10..12.
    assert_eq!(&t.start[..], &[0, 3, 5, 8, 10, 12]);
    // Growing again chains a second segment after the first.
    t.add_tie(0, 3, 0.5, 0.5, false);
    assert!(t.check());
    assert_eq!(t.capacity(0), 4);
    assert_eq!(t.key(0, 3), GROWTH_KEYS + 2);
    assert_eq!(t.key(3, 2), GROWTH_KEYS + 3);
}

use proptest::prelude::*;

/// One operation of a random formation and break sequence.
#[derive(Clone, Debug)]
enum Op {
    /// Add the tie between firms `a % n` and `b % n` (if distinct and not tied).
    Add(usize, usize),
    /// Remove the `k % ties`-th live slot's tie.
    Remove(usize),
    /// Grow firm `a % n` by `x` spare slots.
    Grow(usize, u32),
    /// Retire firm `a % n` and compact.
    Retire(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..64usize, 0..64usize).prop_map(|(a, b)| Op::Add(a, b)),
        2 => (0..1000usize).prop_map(Op::Remove),
        1 => (0..64usize, 0..3u32).prop_map(|(a, x)| Op::Grow(a, x)),
        1 => (0..64usize).prop_map(Op::Retire),
    ]
}

proptest! {
    #[test]
    fn random_formations_and_breaks_keep_the_layout_equal_to_one_rebuilt_from_scratch(
        n in 3usize..12,
        slack in 0u32..2,
        beta in any::<bool>(),
        ops in prop::collection::vec(op(), 1..60),
    ) {
        let edges: Vec<(u32, u32)> = (0..n as u32).map(|i| (i, (i + 1) % n as u32)).collect();
        let net = Network::from_edges(n, &edges, None, None).unwrap();
        let mut t = Ties::from_csr(&net.csr(), slack, 0.5, beta, |i, j| (i + j) % 3 == 0);
        let mut alive = vec![1u8; n];
        // The tie set, kept naively.
        let mut set: std::collections::BTreeSet<(usize, usize)> =
            edges.iter().map(|&(a, b)| (a.min(b) as usize, a.max(b) as usize)).collect();
        let mut keys: Vec<Vec<u64>> = (0..n)
            .map(|i| (0..t.capacity(i)).map(|d| t.key(i, d)).collect())
            .collect();
        for (step, op) in ops.into_iter().enumerate() {
            match op {
                Op::Add(a, b) => {
                    let (i, j) = (a % n, b % n);
                    if i != j && alive[i] != 0 && alive[j] != 0 && !t.tied(i, j) {
                        t.add_tie(i, j, 0.25, 0.5, false);
                        set.insert((i.min(j), i.max(j)));
                    }
                }
                Op::Remove(k) => {
                    let live: Vec<(usize, usize)> =
                        (0..n).flat_map(|i| t.slots(i).map(move |e| (i, e))).collect();
                    if !live.is_empty() {
                        let (i, e) = live[k % live.len()];
                        let j = t.target[e] as usize;
                        t.remove_tie(i, e);
                        set.remove(&(i.min(j), i.max(j)));
                    }
                }
                Op::Grow(a, x) => {
                    let i = a % n;
                    if alive[i] != 0 {
                        t.grow(&[(i as u32, x)]);
                    }
                }
                Op::Retire(a) => {
                    let i = a % n;
                    if alive[i] != 0 && step % 2 == 0 {
                        set.retain(|&(p, q)| p != i && q != i);
                        t.retire_firm(i);
                        alive[i] = 0;
                        t.compact(&alive);
                    }
                }
            }
            prop_assert!(t.check(), "invariants after {:?}", t);
            // No self-loops, no duplicates, the same tie set as the naive one.
            let mut seen = std::collections::BTreeSet::new();
            for i in 0..n {
                for e in t.slots(i) {
                    let j = t.target[e] as usize;
                    prop_assert!(i != j);
                    prop_assert!(seen.insert((i, j)), "duplicate {i}–{j}");
                }
            }
            let from_layout: std::collections::BTreeSet<(usize, usize)> =
                seen.iter().filter(|(i, j)| i < j).copied().collect();
            prop_assert_eq!(&from_layout, &set);
            // Model slot numbers of positions a firm had never change.
            for (i, ks) in keys.iter_mut().enumerate() {
                if alive[i] == 0 {
                    continue;
                }
                for (d, &k) in ks.iter().enumerate() {
                    prop_assert_eq!(t.key(i, d as u32), k);
                }
                for d in ks.len() as u32..t.capacity(i) {
                    ks.push(t.key(i, d));
                }
            }
            // The layout equals one rebuilt from scratch.
            let r = rebuilt(&t);
            prop_assert!(r.check());
            prop_assert_eq!(meaning(&r), meaning(&t));
            prop_assert_eq!(live_arrays(&r), live_arrays(&t));
            prop_assert_eq!(&r.start, &t.start);
        }
    }
}
