//! Strategy update rules: the per-agent decisions shared by the synchronous
//! and the asynchronous schedules (death–birth and birth–death choose by the fitness of
//! [`crate::selection`], which the firm model's learning shares).
//!
//! Each function decides from payoffs and strategies only; where the draws come from (which
//! stream, which words) is the step loop's business (see [`super`]).

use crate::classic::config::UpdateRule;
use crate::classic::game::PayoffTable;

/// A validated update rule with its constants precomputed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Rule {
    /// Fermi with `inv_k = 1 / K`.
    Fermi { inv_k: f64 },
    /// Nowak–May imitate-the-best.
    ImitateBest,
    /// Santos–Pacheco proportional imitation.
    Proportional,
    /// Death–birth with selection intensity `w`.
    DeathBirth { w: f64 },
    /// Birth–death with selection intensity `w`.
    BirthDeath { w: f64 },
}

impl Rule {
    /// The rule of a configuration (parameters are validated by the caller).
    pub(crate) fn new(rule: &UpdateRule) -> Rule {
        match *rule {
            UpdateRule::Fermi { k } => Rule::Fermi { inv_k: 1.0 / k },
            UpdateRule::ImitateBest => Rule::ImitateBest,
            UpdateRule::Proportional => Rule::Proportional,
            UpdateRule::DeathBirth { w } => Rule::DeathBirth { w },
            UpdateRule::BirthDeath { w } => Rule::BirthDeath { w },
        }
    }
}

/// Fermi acceptance: `true` iff `u < 1 / (1 + exp((pi − pj) / K))`, with `u` uniform in
/// `[0, 1)`. Written as `u · (1 + e) < 1` to avoid a division.
#[inline(always)]
pub(crate) fn fermi_accepts(pi: f64, pj: f64, inv_k: f64, u: f64) -> bool {
    u * (1.0 + ((pi - pj) * inv_k).exp()) < 1.0
}

/// What proportional imitation needs to know of a game: whether payoffs are normalised, the
/// number of games an agent of degree `k` plays, and the payoff range per game `D`, so that
/// `(Π_j − Π_i) / (k_> · D)` is a probability.
pub(crate) trait ProportionalScale {
    /// Whether payoffs are divided by the number of games.
    fn normalised(&self) -> bool;
    /// Number of games of an agent of degree `k`.
    fn games(&self, k: u32) -> u32;
    /// The payoff range of one game.
    fn range(&self) -> f64;
}

impl ProportionalScale for PayoffTable {
    #[inline]
    fn normalised(&self) -> bool {
        PayoffTable::normalised(self)
    }
    #[inline]
    fn games(&self, k: u32) -> u32 {
        PayoffTable::games(self, k)
    }
    #[inline]
    fn range(&self) -> f64 {
        PayoffTable::range(self)
    }
}

/// The scale of a game for proportional imitation, copied out of a [`ProportionalScale`]
/// once per run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Scale {
    /// Payoffs divided by the number of games.
    pub(crate) normalised: bool,
    /// Games besides one per tie (1 with self-interaction, 1 for the own group of a group
    /// game, else 0).
    pub(crate) extra_games: u32,
    /// The payoff range of one game.
    pub(crate) range: f64,
}

impl Scale {
    /// The scale of any game.
    pub(crate) fn of(game: &impl ProportionalScale) -> Scale {
        Scale {
            normalised: game.normalised(),
            extra_games: game.games(0),
            range: game.range(),
        }
    }
}

impl ProportionalScale for Scale {
    #[inline]
    fn normalised(&self) -> bool {
        self.normalised
    }
    #[inline]
    fn games(&self, k: u32) -> u32 {
        k + self.extra_games
    }
    #[inline]
    fn range(&self) -> f64 {
        self.range
    }
}

/// Proportional imitation: `true` iff `Π_j > Π_i` and `u < (Π_j − Π_i) / (k_> · D)`, where
/// `k_>` is the larger number of games of the two agents (1 with normalised payoffs).
#[inline(always)]
pub(crate) fn proportional_accepts(
    table: &impl ProportionalScale,
    (pi, ki): (f64, u32),
    (pj, kj): (f64, u32),
    u: f64,
) -> bool {
    if pj <= pi {
        return false;
    }
    let k_max = if table.normalised() {
        1.0
    } else {
        f64::from(table.games(ki.max(kj)))
    };
    u * k_max * table.range() < pj - pi
}

/// Nowak–May imitate-the-best among self and `others` (strategy, payoff): the strategy of
/// the highest payoff; the own strategy is kept if any agent with the maximal payoff shares
/// it. With two strategies this fully determines the outcome.
#[inline(always)]
pub(crate) fn imitate_best(si: u8, pi: f64, others: impl Iterator<Item = (u8, f64)>) -> u8 {
    let mut best = pi;
    let mut own_at_best = true;
    for (sj, pj) in others {
        if pj > best {
            best = pj;
            own_at_best = sj == si;
        } else if pj == best && sj == si {
            own_at_best = true;
        }
    }
    if own_at_best {
        si
    } else {
        si ^ 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classic::config::{GameConfig, Payoffs};

    #[test]
    fn fermi_probability_at_k() {
        // Π_i − Π_j = K ⇒ p = 1 / (1 + e).
        let k = 0.25;
        let p = 1.0 / (1.0 + 1f64.exp());
        assert!(fermi_accepts(1.25, 1.0, 1.0 / k, p - 1e-12));
        assert!(!fermi_accepts(1.25, 1.0, 1.0 / k, p + 1e-12));
        // Equal payoffs: one half.
        assert!(fermi_accepts(2.0, 2.0, 1.0 / k, 0.499_999));
        assert!(!fermi_accepts(2.0, 2.0, 1.0 / k, 0.5));
        // Huge differences saturate without NaN trouble.
        assert!(!fermi_accepts(1e6, 0.0, 1.0 / k, 0.0));
        assert!(fermi_accepts(0.0, 1e6, 1.0 / k, 0.999_999));
    }

    #[test]
    fn proportional_never_adopts_worse_or_equal() {
        let t = PayoffTable::new(&GameConfig {
            payoffs: Payoffs {
                r: 1.0,
                s: 0.0,
                t: 1.5,
                p: 0.0,
            },
            normalise: false,
            self_interaction: false,
            group: None,
        });
        for u in [0.0, 0.3, 0.999] {
            assert!(!proportional_accepts(&t, (2.0, 4), (1.0, 4), u));
            assert!(!proportional_accepts(&t, (2.0, 4), (2.0, 4), u));
        }
        // (3 − 0) / (max(2, 4) · 1.5) = 0.5.
        assert!(proportional_accepts(&t, (0.0, 2), (3.0, 4), 0.499));
        assert!(!proportional_accepts(&t, (0.0, 2), (3.0, 4), 0.5));
        let tn = PayoffTable::new(&GameConfig {
            payoffs: Payoffs {
                r: 1.0,
                s: 0.0,
                t: 2.0,
                p: 0.0,
            },
            normalise: true,
            self_interaction: true,
            group: None,
        });
        // Normalised: k_> = 1, (1 − 0.5) / 2 = 0.25.
        assert!(proportional_accepts(&tn, (0.5, 9), (1.0, 3), 0.249));
        assert!(!proportional_accepts(&tn, (0.5, 9), (1.0, 3), 0.25));
    }

    #[test]
    fn imitate_best_ties_keep_own() {
        // Own payoff is the best: keep.
        assert_eq!(imitate_best(1, 5.0, [(0, 4.0), (1, 3.0)].into_iter()), 1);
        // A D neighbour beats a C: switch.
        assert_eq!(imitate_best(1, 5.0, [(0, 6.0), (1, 3.0)].into_iter()), 0);
        // Tie at the maximum between a D and a C neighbour: a C focal keeps C.
        assert_eq!(imitate_best(1, 5.0, [(0, 6.0), (1, 6.0)].into_iter()), 1);
        assert_eq!(imitate_best(1, 5.0, [(1, 6.0), (0, 6.0)].into_iter()), 1);
        // Tie of the other strategy with self: keep.
        assert_eq!(imitate_best(0, 6.0, [(1, 6.0)].into_iter()), 0);
        // A later higher payoff resets the tie.
        assert_eq!(imitate_best(0, 6.0, [(0, 6.0), (1, 7.0)].into_iter()), 1);
        // No neighbours: keep.
        assert_eq!(imitate_best(0, -1.0, std::iter::empty()), 0);
    }
}
