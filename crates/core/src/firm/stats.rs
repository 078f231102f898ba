//! Per-group statistics of the firm economy, computed sequentially in a fixed
//! order into reused buffers: capital median and Gini, trust quantiles, cooperation, ties
//! and degree, and on network steps local clustering and the largest component.

use super::record::{FirmRecord, GroupStats};
use super::FirmSimulation;

/// Nearest-rank quantile `p` of `xs` (reorders `xs`); NaN when empty.
fn quantile(xs: &mut [f32], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    let k = ((p * xs.len() as f64).ceil() as usize).clamp(1, xs.len()) - 1;
    let (_, x, _) = xs.select_nth_unstable_by(k, f32::total_cmp);
    f64::from(*x)
}

/// Median and Gini coefficient of `xs` (sorted in place); NaN when empty, Gini NaN when the
/// total is not positive.
fn median_gini(xs: &mut [f64]) -> (f64, f64) {
    let n = xs.len();
    if n == 0 {
        return (f64::NAN, f64::NAN);
    }
    xs.sort_unstable_by(f64::total_cmp);
    let median = if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    };
    let total: f64 = xs.iter().sum();
    let gini = if total > 0.0 {
        let weighted: f64 = xs
            .iter()
            .enumerate()
            .map(|(k, x)| (2.0 * (k + 1) as f64 - n as f64 - 1.0) * x)
            .sum();
        weighted / (n as f64 * total)
    } else {
        f64::NAN
    };
    (median, gini)
}

/// Ratio, NaN for an empty denominator.
fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        a / b
    } else {
        f64::NAN
    }
}

fn find(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let p = parent[x as usize];
        parent[x as usize] = parent[p as usize];
        x = p;
    }
    x
}

impl FirmSimulation {
    /// Fills `self.record` with the statistics of the current state. **O(N + slots)**, plus
    /// **O(Σ degree²)** on network steps.
    pub(crate) fn compute_record(&mut self) {
        let n = self.firms.capital.len();
        let g = self.groups.ids.len();
        let network_step = self.t.is_multiple_of(self.cfg.network_every);
        let mut acc = vec![GroupStats::default(); g + 1];
        std::mem::swap(&mut acc, &mut self.record.groups);
        acc.clear();
        acc.resize(g + 1, GroupStats::default());
        acc[0].group = None;
        for (k, id) in self.groups.ids.iter().enumerate() {
            acc[k + 1].group = Some(*id);
        }
        // Sums (stored temporarily in the mean fields).
        let mut cap_count = vec![0usize; g + 1];
        let mut slot_count = vec![0usize; g + 1];
        let mut trust_sum = vec![0.0f64; g + 1];
        let mut initial_alive = vec![0usize; g + 1];
        let t = &self.ties;
        for i in 0..n {
            let k = self.firms.group_pos[i] as usize + 1;
            for s in [0, k] {
                let a = &mut acc[s];
                if i < self.n0 {
                    a.initial += 1;
                }
                a.welfare += self.firms.income[i];
                a.decisions += u64::from(self.firms.decisions[i]);
                a.cooperative += u64::from(self.firms.cooperations[i]);
                if self.firms.alive[i] == 0 {
                    a.exited += 1;
                    continue;
                }
                a.alive += 1;
                if i < self.n0 {
                    initial_alive[s] += 1;
                }
                a.capital_mean += self.firms.capital[i];
                a.opportunism_mean += self.firms.opportunism[i];
                a.productivity_mean += self.firms.productivity[i];
                a.degree_mean += f64::from(t.len[i]);
                cap_count[s] += 1;
            }
            for e in t.slots(i) {
                let j = t.target[e] as usize;
                let cross = self.firms.group_pos[j] != self.firms.group_pos[i];
                trust_sum[0] += f64::from(t.tau[e]);
                trust_sum[k] += f64::from(t.tau[e]);
                slot_count[0] += 1;
                slot_count[k] += 1;
                if j > i {
                    acc[0].ties += 1;
                }
                if cross || j > i {
                    acc[k].ties += 1;
                }
            }
        }
        // Capital and trust values bucketed by group (counting sort into reused buffers).
        let mut cap_off = vec![0usize; g + 2];
        let mut tau_off = vec![0usize; g + 2];
        for k in 0..g {
            cap_off[k + 1] = cap_off[k] + cap_count[k + 1];
            tau_off[k + 1] = tau_off[k] + slot_count[k + 1];
        }
        self.scratch_f64.clear();
        self.scratch_f64.resize(cap_off[g], 0.0);
        self.scratch_f32.clear();
        self.scratch_f32.resize(tau_off[g], 0.0);
        let (mut cf, mut tf) = (cap_off.clone(), tau_off.clone());
        for i in 0..n {
            if self.firms.alive[i] == 0 {
                continue;
            }
            let k = self.firms.group_pos[i] as usize;
            self.scratch_f64[cf[k]] = self.firms.capital[i];
            cf[k] += 1;
            for e in t.slots(i) {
                self.scratch_f32[tf[k]] = t.tau[e];
                tf[k] += 1;
            }
        }
        let (clustering, component) = if network_step {
            self.structure()
        } else {
            (Vec::new(), Vec::new())
        };
        // Groups before the total: the order statistics sort or partition their range in
        // place, and the total's range spans every group's, so taking it first would mix the
        // groups' values across their ranges.
        for s in (1..=g).chain([0]) {
            let (cr, tr) = if s == 0 {
                (0..cap_off[g], 0..tau_off[g])
            } else {
                (cap_off[s - 1]..cap_off[s], tau_off[s - 1]..tau_off[s])
            };
            let a = &mut acc[s];
            let alive = a.alive as f64;
            a.survival_rate = ratio(initial_alive[s] as f64, a.initial as f64);
            a.capital_mean = ratio(a.capital_mean, alive);
            a.opportunism_mean = ratio(a.opportunism_mean, alive);
            a.productivity_mean = ratio(a.productivity_mean, alive);
            a.degree_mean = ratio(a.degree_mean, alive);
            a.welfare_per_firm = ratio(a.welfare, alive);
            a.coop_rate = ratio(a.cooperative as f64, a.decisions as f64);
            a.trust_mean = ratio(trust_sum[s], slot_count[s] as f64);
            let taus = &mut self.scratch_f32[tr];
            a.trust_q10 = quantile(taus, 0.1);
            a.trust_q50 = quantile(taus, 0.5);
            a.trust_q90 = quantile(taus, 0.9);
            let (median, gini) = median_gini(&mut self.scratch_f64[cr]);
            a.capital_median = median;
            a.capital_gini = gini;
            if network_step {
                a.clustering = Some(clustering[s]);
                a.largest_component_share = Some(component[s]);
            }
        }
        let (f, g) = (&self.firms, &self.groups);
        self.associations
            .fill_stats(&mut acc, &f.group_pos, &g.treasury);
        self.buying.fill_stats(&mut acc);
        self.record.groups = acc;
        self.record.step = self.t;
        self.record.ledger = self.ledger;
        self.record.treasury = self.treasury;
        self.record.crisis = self.crisis;
        self.record.alliances = self.alliances.counts;
        self.record.assisted = self.anchors.assisted;
        self.record.capital_total = self.capital_total();
        self.record.budget_left = self.policy.budget_left();
    }

    /// Mean local clustering and share in the largest component, per group (index 0 = all).
    fn structure(&mut self) -> (Vec<f64>, Vec<f64>) {
        let n = self.firms.capital.len();
        let g = self.groups.ids.len();
        let t = &self.ties;
        let mut mark = std::mem::take(&mut self.scratch_u32);
        mark.clear();
        mark.resize(n, u32::MAX);
        let mut csum = vec![0.0; g + 1];
        let mut ccount = vec![0usize; g + 1];
        for i in 0..n {
            let k = t.len[i] as usize;
            if self.firms.alive[i] == 0 || k < 2 {
                continue;
            }
            for e in t.slots(i) {
                mark[t.target[e] as usize] = i as u32;
            }
            let mut twice = 0usize;
            for e in t.slots(i) {
                let j = t.target[e] as usize;
                twice += t
                    .slots(j)
                    .filter(|&f| mark[t.target[f] as usize] == i as u32)
                    .count();
            }
            let c = twice as f64 / (k * (k - 1)) as f64;
            let s = self.firms.group_pos[i] as usize + 1;
            csum[0] += c;
            csum[s] += c;
            ccount[0] += 1;
            ccount[s] += 1;
        }
        // Union–find over ties; ids as parents, so the result does not depend on order.
        for (i, m) in mark.iter_mut().enumerate() {
            *m = i as u32;
        }
        for i in 0..n {
            for e in t.slots(i) {
                let (a, b) = (find(&mut mark, i as u32), find(&mut mark, t.target[e]));
                if a != b {
                    mark[a.max(b) as usize] = a.min(b);
                }
            }
        }
        let mut size = vec![0u32; n];
        let mut best = (0u32, u32::MAX);
        for i in 0..n {
            if self.firms.alive[i] != 0 {
                let r = find(&mut mark, i as u32);
                size[r as usize] += 1;
                if size[r as usize] > best.0 || (size[r as usize] == best.0 && r < best.1) {
                    best = (size[r as usize], r);
                }
            }
        }
        let mut inside = vec![0usize; g + 1];
        let mut alive = vec![0usize; g + 1];
        for i in 0..n {
            if self.firms.alive[i] != 0 {
                let s = self.firms.group_pos[i] as usize + 1;
                let hit = usize::from(find(&mut mark, i as u32) == best.1);
                inside[0] += hit;
                inside[s] += hit;
                alive[0] += 1;
                alive[s] += 1;
            }
        }
        self.scratch_u32 = mark;
        let clustering = (0..=g).map(|s| ratio(csum[s], ccount[s] as f64)).collect();
        let component = (0..=g)
            .map(|s| ratio(inside[s] as f64, alive[s] as f64))
            .collect();
        (clustering, component)
    }

    /// The record last computed.
    pub(crate) fn last_record(&self) -> &FirmRecord {
        &self.record
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_median_and_gini() {
        let mut xs = [0.5f32, 0.1, 0.9, 0.3, 0.7];
        assert_eq!(quantile(&mut xs, 0.5), f64::from(0.5f32));
        assert_eq!(quantile(&mut xs, 0.1), f64::from(0.1f32));
        assert_eq!(quantile(&mut xs, 0.9), f64::from(0.9f32));
        assert!(quantile(&mut [], 0.5).is_nan());
        let (m, g) = median_gini(&mut [1.0, 1.0, 1.0, 1.0]);
        assert_eq!((m, g), (1.0, 0.0));
        // One firm holds everything: Gini = (n − 1) / n.
        let (m, g) = median_gini(&mut [0.0, 0.0, 0.0, 4.0]);
        assert_eq!(m, 0.0);
        assert!((g - 0.75).abs() < 1e-12);
    }
}
