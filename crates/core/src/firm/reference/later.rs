//! The reference step's later phases: opportunism learning, demography (tie breaks, exits,
//! entry) and the per-group statistics.

use rand::Rng;

use super::super::config::{LearningRule, Success};
use super::super::dist::normal_inv;
use super::super::draw;
use super::super::ledger::Flow;
use super::super::record::{GroupStats, Ledger};
use super::super::Logistic;
use super::{u32_unit, Firm, Reference, Tie};
use crate::rng::{below, unit_f64, Phase};

impl Reference {
    /// Opportunism imitation (from the opportunism and success before the phase), then
    /// mutation.
    pub(super) fn learn(&mut self, t: u64) {
        let l = self.cfg.learning;
        let lr = self.streams.keyed(t, Phase::Learning);
        let mr = self.streams.keyed(t, Phase::FirmMutation);
        let logistic = Logistic::shared();
        let theta: Vec<f64> = self.firms.iter().map(|f| f.opportunism).collect();
        let success: Vec<f64> = self
            .firms
            .iter()
            .map(|f| match l.success {
                Success::Network => f.tie_income,
                Success::Income => f.income,
            })
            .collect();
        let alive: Vec<bool> = self.firms.iter().map(|f| f.alive).collect();
        for i in 0..self.firms.len() {
            if !alive[i] {
                continue;
            }
            let w = lr.word(2 * i as u64);
            let partners: Vec<usize> = self.firms[i].ties.iter().map(|t| t.to).collect();
            let mut next = theta[i];
            if u32_unit(w as u32) < l.rate && !partners.is_empty() {
                let b = lr.word(2 * i as u64 + 1);
                let j = partners[below((b >> 32) as u32, partners.len() as u32) as usize];
                let u = u32_unit(b as u32);
                let pi = success[i];
                match l.rule {
                    LearningRule::Fermi { k } => {
                        if alive[j] && u < logistic.eval((success[j] - pi) / k) {
                            next = theta[j];
                        }
                    }
                    LearningRule::Proportional { scale } => {
                        if alive[j] && success[j] > pi && u < ((success[j] - pi) / scale).min(1.0) {
                            next = theta[j];
                        }
                    }
                    LearningRule::ImitateBest => {
                        let mut best = pi;
                        for &j in &partners {
                            if alive[j] && success[j] > best {
                                best = success[j];
                                next = theta[j];
                            }
                        }
                    }
                    LearningRule::DeathBirth { w } => {
                        let fit: Vec<f64> = partners
                            .iter()
                            .map(|&j| {
                                if alive[j] {
                                    (1.0 - w + w * success[j]).max(0.0)
                                } else {
                                    0.0
                                }
                            })
                            .collect();
                        let total: f64 = fit.iter().sum();
                        let pos = if total <= 0.0 {
                            ((u * fit.len() as f64) as usize).min(fit.len() - 1)
                        } else {
                            // The first partner whose cumulative fitness exceeds u · total
                            // (the last one with positive fitness if rounding leaves none).
                            let target = u * total;
                            let mut acc = 0.0;
                            let mut chosen = None;
                            for (p, &f) in fit.iter().enumerate() {
                                if f > 0.0 {
                                    acc += f;
                                    chosen = Some(p);
                                    if target < acc {
                                        break;
                                    }
                                }
                            }
                            chosen.expect("a positive fitness")
                        };
                        if alive[partners[pos]] {
                            next = theta[partners[pos]];
                        }
                    }
                }
            }
            if u32_unit((w >> 32) as u32) < l.mutation {
                let z = normal_inv(mr.word(i as u64));
                next = (next + l.mutation_sd * z).clamp(0.0, 1.0);
            }
            self.firms[i].opportunism = next;
        }
    }

    /// Removes the tie `i–j` from both ends (if it is still there).
    fn remove_tie(&mut self, i: usize, j: usize) {
        if let Some(k) = self.firms[i].find(j) {
            self.firms[i].ties.swap_remove(k);
            let back = self.firms[j].find(i).expect("ties are mutual");
            self.firms[j].ties.swap_remove(back);
        }
    }

    /// Tie breaks, then exits in id order, each followed by an entrant with probability
    /// `entry`.
    pub(super) fn demography(
        &mut self,
        t: u64,
        breaks: &[(usize, usize)],
        broke: &[usize],
        l: &mut Ledger,
    ) {
        for &(i, j) in breaks {
            self.remove_tie(i, j);
        }
        let d = self.cfg.demography;
        let mut rng = self.streams.stream(t, Phase::Entry);
        for &i in broke {
            self.firms[i].alive = false;
            self.exits += 1;
            l[Flow::ExitCapital] += self.firms[i].capital;
            self.association_exit(i);
            // The firm's ties go, last first.
            while let Some(tie) = self.firms[i].ties.last() {
                let j = tie.to;
                self.remove_tie(i, j);
            }
            if d.entry > 0.0 && unit_f64(rng.next_u64()) < d.entry {
                self.enter(i, &mut rng, l);
            }
        }
    }

    /// An entrant replacing `parent`: its own draws, the parent's group, and up to
    /// `entry_ties` partners among alive firms of the group with spare capacity (up to 32
    /// uniform tries among every id created so far per partner). Its trust in partner `j`
    /// is `(1 − w)τ0 + w·R_j`, `R_j` = `j`'s standing × the mean trust of `j`'s partners in
    /// `j` (`τ0` without partners); the partner's trust in it is `τ0`.
    fn enter<R: Rng>(&mut self, parent: usize, rng: &mut R, l: &mut Ledger) {
        let cfg = &self.cfg;
        let id = self.firms.len();
        let group = self.firms[parent].group;
        let m = cfg.demography.entry_ties as usize;
        let entrant = Firm {
            capital: draw(&self.streams, &cfg.init, 0, id),
            productivity: draw(&self.streams, &cfg.init, 1, id),
            opportunism: draw(&self.streams, &cfg.init, 2, id),
            standing: 1.0,
            group,
            alive: true,
            was_alive: false,
            capacity: m + self.spare,
            ties: Vec::new(),
            income: 0.0,
            tie_income: 0.0,
            decisions: 0,
            cooperations: 0,
            grown: Vec::new(),
        };
        l[Flow::EntryCapital] += entrant.capital;
        self.entries += 1;
        self.firms.push(entrant);
        let tau0 = cfg.trust.initial;
        let w = cfg.reputation.weight;
        let within = self.cluster_groups.contains(&group);
        for _ in 0..m {
            for _ in 0..32 {
                let j = below(rng.next_u32(), id as u32) as usize;
                let fj = &self.firms[j];
                if !fj.alive
                    || fj.group != group
                    || fj.ties.len() >= fj.room()
                    || self.firms[id].find(j).is_some()
                {
                    continue;
                }
                let seen = if fj.ties.is_empty() {
                    tau0
                } else {
                    let sum: f64 = fj
                        .ties
                        .iter()
                        .map(|t| {
                            let back = self.firms[t.to].find(j).expect("ties are mutual");
                            f64::from(self.firms[t.to].ties[back].trust)
                        })
                        .sum();
                    sum / fj.ties.len() as f64
                };
                let reputation = fj.standing * seen;
                let trust = ((1.0 - w) * tau0 + w * reputation) as f32;
                let tie = |to: usize, trust: f32| Tie {
                    to,
                    trust,
                    coops: 0,
                    defects: 0,
                    within,
                    coop: false,
                    detected: false,
                    project: false,
                };
                self.firms[id].ties.push(tie(j, trust));
                self.firms[j].ties.push(tie(id, tau0 as f32));
                break;
            }
        }
    }

    /// Statistics of all firms (`None`) and of each group, without the order statistics
    /// (median, Gini, trust quantiles; NaN here) and the network structure (`None`).
    pub(crate) fn groups(&self) -> Vec<GroupStats> {
        let mut out = Vec::new();
        for g in std::iter::once(None).chain(self.group_ids.iter().map(|&g| Some(g))) {
            let member = |f: &Firm| g.is_none_or(|g| f.group == g);
            let firms: Vec<(usize, &Firm)> = self
                .firms
                .iter()
                .enumerate()
                .filter(|(_, f)| member(f))
                .collect();
            let alive: Vec<&Firm> = firms.iter().map(|x| x.1).filter(|f| f.alive).collect();
            let mean = |x: f64, n: usize| if n > 0 { x / n as f64 } else { f64::NAN };
            let initial = firms.iter().filter(|(i, _)| *i < self.n0).count();
            let initial_alive = firms
                .iter()
                .filter(|(i, f)| *i < self.n0 && f.alive)
                .count();
            let welfare: f64 = firms.iter().map(|x| x.1.income).sum();
            let decisions: u64 = firms.iter().map(|x| u64::from(x.1.decisions)).sum();
            let cooperative: u64 = firms.iter().map(|x| u64::from(x.1.cooperations)).sum();
            let trusts: Vec<f64> = alive
                .iter()
                .flat_map(|f| f.ties.iter().map(|t| f64::from(t.trust)))
                .collect();
            let ties = firms
                .iter()
                .flat_map(|(i, f)| f.ties.iter().map(move |t| (*i, t.to)))
                .filter(|&(i, j)| match g {
                    None => i < j,
                    Some(g) => i < j || self.firms[j].group != g,
                })
                .count();
            let sum = |x: fn(&Firm) -> f64| alive.iter().map(|f| x(f)).sum::<f64>();
            out.push(GroupStats {
                group: g,
                alive: alive.len(),
                exited: firms.len() - alive.len(),
                initial,
                survival_rate: mean(initial_alive as f64, initial),
                capital_mean: mean(sum(|f| f.capital), alive.len()),
                capital_median: f64::NAN,
                capital_gini: f64::NAN,
                welfare,
                // As documented (`docs/outputs.md`): over the firms alive after the step.
                welfare_per_firm: mean(welfare, alive.len()),
                decisions,
                cooperative,
                coop_rate: mean(cooperative as f64, decisions as usize),
                trust_mean: mean(trusts.iter().sum(), trusts.len()),
                trust_q10: f64::NAN,
                trust_q50: f64::NAN,
                trust_q90: f64::NAN,
                opportunism_mean: mean(sum(|f| f.opportunism), alive.len()),
                productivity_mean: mean(sum(|f| f.productivity), alive.len()),
                ties,
                degree_mean: mean(sum(|f| f.ties.len() as f64), alive.len()),
                clustering: None,
                largest_component_share: None,
                ..GroupStats::default()
            });
        }
        out
    }
}
