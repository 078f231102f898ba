//! Payoffs of the classic 2×2 games on a network, computed from the number of
//! cooperating neighbours.
//!
//! Strategies are stored as bytes: [`COOPERATE`] = 1 and [`DEFECT`] = 0, so that the number of
//! cooperating neighbours of an agent is the plain sum of its neighbours' bytes.

use crate::classic::config::{GameConfig, Strategy};

/// Byte encoding of [`Strategy::Cooperate`].
pub const COOPERATE: u8 = 1;
/// Byte encoding of [`Strategy::Defect`].
pub const DEFECT: u8 = 0;

/// The byte encoding of a strategy.
#[inline]
pub fn encode(s: Strategy) -> u8 {
    match s {
        Strategy::Cooperate => COOPERATE,
        Strategy::Defect => DEFECT,
    }
}

/// The strategy a byte encodes (any non-zero byte is a cooperator).
#[inline]
pub fn decode(b: u8) -> Strategy {
    if b != DEFECT {
        Strategy::Cooperate
    } else {
        Strategy::Defect
    }
}

/// Payoff of an agent as a function of its strategy, its number of cooperating neighbours
/// `nc` and its degree `k`.
///
/// A cooperator earns `R·nc + S·(k − nc)` (plus `R` with self-interaction), a defector
/// `T·nc + P·(k − nc)` (plus `P`); with normalisation the sum is divided by the number of
/// games, `k` (plus one with self-interaction), and an agent with no games earns 0.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PayoffTable {
    /// `[vs C, vs D]` payoff per game, indexed by the byte strategy of the player.
    per_game: [[f64; 2]; 2],
    /// Self-interaction payoff, indexed by the byte strategy (0 without self-interaction).
    self_term: [f64; 2],
    /// 1 with self-interaction, 0 without.
    self_games: u32,
    normalise: bool,
    range: f64,
}

impl PayoffTable {
    /// The table of a game configuration.
    pub fn new(game: &GameConfig) -> PayoffTable {
        let p = game.payoffs;
        let per_game = [[p.t, p.p], [p.r, p.s]];
        let self_term = if game.self_interaction {
            [p.p, p.r]
        } else {
            [0.0, 0.0]
        };
        let max = p.r.max(p.s).max(p.t).max(p.p);
        let min = p.r.min(p.s).min(p.t).min(p.p);
        PayoffTable {
            per_game,
            self_term,
            self_games: u32::from(game.self_interaction),
            normalise: game.normalise,
            range: max - min,
        }
    }

    /// Payoff of an agent playing byte strategy `s` with `nc` cooperating neighbours out of `k`.
    #[inline(always)]
    pub fn payoff(&self, s: u8, nc: u32, k: u32) -> f64 {
        debug_assert!(nc <= k);
        let [vs_c, vs_d] = self.per_game[usize::from(s & 1)];
        let raw =
            vs_c * f64::from(nc) + vs_d * f64::from(k - nc) + self.self_term[usize::from(s & 1)];
        if self.normalise {
            let games = k + self.self_games;
            if games == 0 {
                0.0
            } else {
                raw / f64::from(games)
            }
        } else {
            raw
        }
    }

    /// Number of games an agent of degree `k` plays (`k`, plus one with self-interaction).
    #[inline]
    pub fn games(&self, k: u32) -> u32 {
        k + self.self_games
    }

    /// Whether payoffs are divided by the number of games.
    #[inline]
    pub fn normalised(&self) -> bool {
        self.normalise
    }

    /// The payoff range `D = max(R, S, T, P) − min(R, S, T, P)`.
    #[inline]
    pub fn range(&self) -> f64 {
        self.range
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classic::config::Payoffs;

    fn table(normalise: bool, self_interaction: bool) -> PayoffTable {
        PayoffTable::new(&GameConfig {
            payoffs: Payoffs {
                r: 3.0,
                s: -1.0,
                t: 5.0,
                p: 0.5,
            },
            normalise,
            self_interaction,
            group: None,
        })
    }

    #[test]
    fn encoding_round_trips() {
        for s in [Strategy::Cooperate, Strategy::Defect] {
            assert_eq!(decode(encode(s)), s);
        }
    }

    #[test]
    fn accumulated_without_self() {
        let t = table(false, false);
        // C with 2 C and 1 D neighbours: 3 + 3 − 1.
        assert_eq!(t.payoff(COOPERATE, 2, 3), 5.0);
        // D with 2 C and 1 D neighbours: 5 + 5 + 0.5.
        assert_eq!(t.payoff(DEFECT, 2, 3), 10.5);
        assert_eq!(t.payoff(COOPERATE, 0, 0), 0.0);
        assert_eq!(t.games(3), 3);
        assert_eq!(t.range(), 6.0);
    }

    #[test]
    fn accumulated_with_self() {
        let t = table(false, true);
        assert_eq!(t.payoff(COOPERATE, 2, 3), 8.0);
        assert_eq!(t.payoff(DEFECT, 2, 3), 11.0);
        assert_eq!(t.payoff(COOPERATE, 0, 0), 3.0);
        assert_eq!(t.payoff(DEFECT, 0, 0), 0.5);
        assert_eq!(t.games(3), 4);
    }

    #[test]
    fn normalised_without_self() {
        let t = table(true, false);
        assert_eq!(t.payoff(COOPERATE, 2, 4), (3.0 + 3.0 - 1.0 - 1.0) / 4.0);
        assert_eq!(t.payoff(DEFECT, 1, 2), (5.0 + 0.5) / 2.0);
        assert_eq!(t.payoff(DEFECT, 0, 0), 0.0, "no games, no payoff");
    }

    #[test]
    fn normalised_with_self() {
        let t = table(true, true);
        assert_eq!(t.payoff(COOPERATE, 2, 3), 8.0 / 4.0);
        assert_eq!(t.payoff(DEFECT, 1, 1), (5.0 + 0.5) / 2.0);
        assert_eq!(
            t.payoff(COOPERATE, 0, 0),
            3.0,
            "only the game against itself"
        );
    }
}
