//! Counter-based random streams.
//!
//! Every random draw of a run comes from a ChaCha8 stream keyed by the run seed and selected
//! by `(step, phase)`; inside a stream, agent or edge `i` reads a fixed slot of words, so a
//! worker seeks once to the start of its chunk and then reads sequentially. No generator is
//! ever shared between threads, and the draws an agent sees do not depend on how the work is
//! split: outputs are identical on 1 thread or 64. Hot loops that take one word per agent or
//! tie slot may instead use [`Keyed`] draws: word `i` of a `(step, phase)` computed directly
//! from `i` (wyrand seeded from that stream), so they never seek.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// What a stream is used for; part of the stream id, so phases never share draws.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Phase {
    /// Building the network.
    Network = 1,
    /// Initial strategies and agent attributes.
    Initial = 2,
    /// Strategy revision (neighbour choice, acceptance draws).
    Update = 3,
    /// Mutation after revision.
    Mutation = 4,
    /// Random sequential schedule: which agent revises next.
    Schedule = 5,
    /// Firm mode: initial firm attributes (one stream per attribute and firm id).
    FirmInitial = 6,
    /// Firm mode: idiosyncratic market shocks (per firm id).
    MarketShock = 7,
    /// Firm mode: the common (crisis) shock of a step.
    CommonShock = 8,
    /// Firm mode: per tie slot cooperation decision and its detection by monitoring.
    Decision = 9,
    /// Firm mode: opportunism imitation (per firm id).
    Learning = 11,
    /// Firm mode: Gaussian mutation of opportunism (per firm id).
    FirmMutation = 12,
    /// Firm mode: entry of new firms and their partners.
    Entry = 13,
    /// Firm mode: proposals of new ties formed during a run (tie formation).
    TieFormation = 14,
    /// Firm mode: firms joining an association (per firm id).
    Association = 20,
    /// Firm mode: who attends a fair and whom attendees meet.
    Fair = 21,
    /// Firm mode: contracts of temporary alliances (their count, takers, and each member's
    /// delivery).
    Alliance = 23,
    /// Firm mode: the supplier ties anchor firms propose at the start.
    Anchor = 24,
    /// Firm mode: buying groups: a member's free-riding and its detection (per firm id).
    BuyingGroup = 25,
    /// Classic mode: whether each collective-risk group below its threshold fails (per
    /// group centre, keyed).
    GroupRisk = 40,
    /// Classic mode, active linking: the pairwise comparison of a step and the state of each
    /// pair of agents brought up to date (keyed per block of steps).
    ActiveLinking = 43,
    /// Classic mode, adjusting ties: each micro-step's kind, the agents, link and new partner
    /// it picks, and its Fermi draw (keyed per step).
    TieAdjustment = 44,
}

/// The family of streams of one run.
#[derive(Clone, Debug)]
pub struct Streams {
    key: [u8; 32],
}

impl Streams {
    /// Streams keyed by a run seed.
    pub fn new(seed: u64) -> Self {
        let mut key = [0u8; 32];
        let mut state = seed;
        for chunk in key.chunks_exact_mut(8) {
            chunk.copy_from_slice(&splitmix64(&mut state).to_le_bytes());
        }
        Streams { key }
    }

    /// The stream of `(step, phase)`, positioned at word 0.
    pub fn stream(&self, step: u64, phase: Phase) -> ChaCha8Rng {
        debug_assert!(step < 1 << 56, "step {step} does not fit the stream id");
        let mut rng = ChaCha8Rng::from_seed(self.key);
        rng.set_stream((step << 8) | phase as u64);
        rng
    }

    /// The stream of `(step, phase)`, positioned at 32-bit word `word`.
    pub fn stream_at(&self, step: u64, phase: Phase, word: u64) -> ChaCha8Rng {
        let mut rng = self.stream(step, phase);
        rng.set_word_pos(u128::from(word));
        rng
    }
}

/// Counter-based draws of one `(step, phase)`: word `i` is the `i`-th output of the wyrand
/// generator (Wang Yi's counter-based generator of wyhash: a Weyl sequence through one
/// 64×64→128-bit multiply-fold) seeded from the ChaCha stream of `(step, phase)`, computed
/// directly from `i`.
///
/// For phases that draw one word per agent or per tie slot in a hot loop: a draw costs one
/// wide multiplication, needs no seeking, and depends only on `(seed, step, phase, i)` — so a
/// loop may skip indices freely and the result still does not depend on how work is split.
#[derive(Clone, Copy, Debug)]
pub struct Keyed {
    base: u64,
}

impl Keyed {
    /// The `i`-th word.
    #[inline(always)]
    pub fn word(&self, i: u64) -> u64 {
        let s = self
            .base
            .wrapping_add(i.wrapping_add(1).wrapping_mul(WYRAND_INCREMENT));
        wyrand_mix(s)
    }
}

impl Streams {
    /// The counter-based draws of `(step, phase)` (see [`Keyed`]).
    pub fn keyed(&self, step: u64, phase: Phase) -> Keyed {
        use rand::Rng;
        Keyed {
            base: self.stream(step, phase).next_u64(),
        }
    }
}

/// The Weyl increment of wyrand.
const WYRAND_INCREMENT: u64 = 0xa076_1d64_78bd_642f;

/// wyrand's output function of a Weyl state `s`: the 128-bit product of `s` and
/// `s ^ 0xe7037ed1a0b428db`, high half xor low half.
#[inline(always)]
fn wyrand_mix(s: u64) -> u64 {
    let m = u128::from(s) * u128::from(s ^ 0xe703_7ed1_a0b4_28db);
    (m >> 64) as u64 ^ m as u64
}

/// One step of the SplitMix64 generator: advances `state` and returns a well-mixed word.
#[inline]
pub fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of run `(point, replication)` of a scenario with seed `seed`: always below
/// [`RUN_SEED_LIMIT`] (`2^53`).
///
/// Runs are independent and can be re-run alone: the seed depends on nothing else. The seed is
/// the top 53 bits of a SplitMix64 mix of the three numbers (`>> 11`), because run seeds are
/// written in every output table and manifest and researchers read them with tools that hold
/// integers as doubles: R reads every number as a double, JSON parsers often do, and pandas
/// reads a column with values above `2^63` as `uint64` but turns it into `float64` when such a
/// table is concatenated with another. Below `2^53` every one of them reads the seed exactly,
/// as an `int64` in pandas, and the seed can be given back as `run.seed`. 53 bits keep seeds
/// distinct in practice: among a million runs the chance that two share a seed is below 10^-4.
/// [`Streams::new`] spreads the seed over the whole ChaCha key, so fewer seed bits do not make
/// the streams of a run any weaker.
pub fn run_seed(seed: u64, point: u64, replication: u64) -> u64 {
    let mut state = seed;
    let a = splitmix64(&mut state);
    let mut state = a ^ point.wrapping_mul(0xD6E8_FEB8_6659_FD93);
    let b = splitmix64(&mut state);
    let mut state = b ^ replication.wrapping_mul(0xA076_1D64_78BD_642F);
    splitmix64(&mut state) >> 11
}

/// Every run seed is below this bound, `2^53` (see [`run_seed`]).
pub const RUN_SEED_LIMIT: u64 = 1 << 53;

/// A uniform `f64` in `[0, 1)` from the top 53 bits of `x`.
#[inline]
pub fn unit_f64(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform index in `0..n` from a 32-bit word (multiply-shift; bias below `n / 2^32`).
#[inline]
pub fn below(x: u32, n: u32) -> u32 {
    ((u64::from(x) * u64::from(n)) >> 32) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng;

    #[test]
    fn stream_at_matches_skipping_words() {
        let s = Streams::new(42);
        let mut a = s.stream(7, Phase::Update);
        for _ in 0..1000 {
            a.next_u32();
        }
        let mut b = s.stream_at(7, Phase::Update, 1000);
        for _ in 0..100 {
            assert_eq!(a.next_u32(), b.next_u32());
        }
    }

    #[test]
    fn phases_and_steps_differ() {
        let s = Streams::new(1);
        let x = s.stream(3, Phase::Update).next_u64();
        assert_ne!(x, s.stream(3, Phase::Mutation).next_u64());
        assert_ne!(x, s.stream(4, Phase::Update).next_u64());
        assert_ne!(x, Streams::new(2).stream(3, Phase::Update).next_u64());
    }

    #[test]
    fn run_seeds_are_distinct_and_stable() {
        let mut seen = std::collections::BTreeSet::new();
        for p in 0..50 {
            for r in 0..50 {
                assert!(seen.insert(run_seed(9, p, r)));
            }
        }
        assert_eq!(run_seed(9, 3, 4), run_seed(9, 3, 4));
    }

    #[test]
    fn run_seeds_are_below_two_to_the_53_so_doubles_hold_them_exactly() {
        // The largest seeds a scenario may have, and extreme points and replications.
        for seed in [0, 1, 2026, (1 << 53) - 1, u64::MAX] {
            for (p, r) in [(0, 0), (1, 7), (u64::MAX, u64::MAX), (123_456, 0)] {
                let s = run_seed(seed, p, r);
                assert!(s < RUN_SEED_LIMIT, "{s}");
                assert_eq!(s as f64 as u64, s, "a double holds {s} exactly");
            }
        }
        // The top 53 bits of the mix: run_seed(0, 0, 0) by hand from splitmix64.
        let mut st = 0;
        let a = splitmix64(&mut st);
        let mut st = a;
        let b = splitmix64(&mut st);
        let mut st = b;
        assert_eq!(run_seed(0, 0, 0), splitmix64(&mut st) >> 11);
        // Seeds still use the top bit range: some of 1000 are at or above 2^52.
        assert!((0..1000).any(|r| run_seed(1, 0, r) >= 1 << 52));
    }

    #[test]
    fn keyed_words_are_wyrand_outputs_and_differ_by_lane() {
        // wyrand as published: `s += 0xa0761d6478bd642f; mum(s, s ^ 0xe7037ed1a0b428db)`.
        fn wyrand(s: &mut u64) -> u64 {
            *s = s.wrapping_add(0xa076_1d64_78bd_642f);
            let m = u128::from(*s) * u128::from(*s ^ 0xe703_7ed1_a0b4_28db);
            ((m >> 64) as u64) ^ (m as u64)
        }
        let s = Streams::new(5);
        let k = s.keyed(3, Phase::Decision);
        let mut state = s.stream(3, Phase::Decision).next_u64();
        for i in 0..100 {
            assert_eq!(k.word(i), wyrand(&mut state));
        }
        // A known output: wyrand from state 0 gives mum(a, a ^ b) for the two constants.
        let zero = Keyed { base: 0 };
        let a = 0xa076_1d64_78bd_642f_u64;
        let m = u128::from(a) * u128::from(a ^ 0xe703_7ed1_a0b4_28db);
        assert_eq!(zero.word(0), ((m >> 64) as u64) ^ (m as u64));
        // Each of the 64 output bits is set about half the time.
        let mut ones = [0u32; 64];
        for i in 0..20_000 {
            let w = k.word(i);
            for (b, one) in ones.iter_mut().enumerate() {
                *one += ((w >> b) & 1) as u32;
            }
        }
        assert!(
            ones.iter().all(|&o| (9_600..10_400).contains(&o)),
            "{ones:?}"
        );
        assert_ne!(k.word(0), s.keyed(4, Phase::Decision).word(0));
        assert_ne!(k.word(0), s.keyed(3, Phase::Learning).word(0));
        // Roughly uniform: the mean of the top bits is near one half.
        let mean = (0..100_000).map(|i| unit_f64(k.word(i))).sum::<f64>() / 1e5;
        assert!((mean - 0.5).abs() < 0.01);
    }

    #[test]
    fn unit_and_below_ranges() {
        assert_eq!(unit_f64(0), 0.0);
        assert!(unit_f64(u64::MAX) < 1.0);
        assert_eq!(below(u32::MAX, 10), 9);
        assert_eq!(below(0, 10), 0);
    }
}
