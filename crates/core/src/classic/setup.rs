//! Setting up a classic run: the checks of a configuration and the initial strategies.

use rand::Rng;

use super::config::{GroupGame, InitialConfig, RiskGroups, Schedule, SimConfig, UpdateRule};
use super::game::{encode, COOPERATE, DEFECT};
use crate::error::ModelError;
use crate::network::Network;
use crate::rng::{below, Phase, Streams};

pub(super) fn validate(config: &SimConfig) -> Result<(), ModelError> {
    let p = config.game.payoffs;
    for (name, v) in [
        ("payoffs.r", p.r),
        ("payoffs.s", p.s),
        ("payoffs.t", p.t),
        ("payoffs.p", p.p),
    ] {
        ModelError::check(name, v, v.is_finite(), "a finite number")?;
    }
    if let Some(GroupGame::PublicGoods { r, .. }) = config.game.group {
        ModelError::check("public_goods.r", r, r > 0.0 && r.is_finite(), "r > 0")?;
    }
    if let Some(GroupGame::CollectiveRisk {
        threshold,
        risk,
        contribution,
        endowment,
        groups,
    }) = config.game.group
    {
        let m = f64::from(threshold);
        ModelError::check("collective_risk.threshold", m, threshold >= 1, "M ≥ 1")?;
        ModelError::check(
            "collective_risk.risk",
            risk,
            (0.0..=1.0).contains(&risk),
            "0 ≤ r ≤ 1",
        )?;
        ModelError::check(
            "collective_risk.contribution",
            contribution,
            (0.0..=1.0).contains(&contribution),
            "0 ≤ c ≤ 1",
        )?;
        ModelError::check(
            "collective_risk.endowment",
            endowment,
            endowment > 0.0 && endowment.is_finite(),
            "b > 0",
        )?;
        if let RiskGroups::Sampled { size } = groups {
            ModelError::check(
                "collective_risk.group_size",
                f64::from(size),
                size >= 2,
                "N ≥ 2",
            )?;
            ModelError::check(
                "collective_risk.threshold",
                m,
                threshold <= size,
                "M at most the group size N",
            )?;
        }
    }
    match config.update.rule {
        UpdateRule::Fermi { k } => {
            ModelError::check("fermi.k", k, k > 0.0 && k.is_finite(), "K > 0")?
        }
        UpdateRule::DeathBirth { w } | UpdateRule::BirthDeath { w } => {
            ModelError::check("w", w, (0.0..=1.0).contains(&w), "0 ≤ w ≤ 1")?;
        }
        UpdateRule::ImitateBest | UpdateRule::Proportional => {}
    }
    if matches!(config.update.rule, UpdateRule::BirthDeath { .. })
        && config.update.schedule == Schedule::Synchronous
    {
        return Err(ModelError::BirthDeathSynchronous);
    }
    let mu = config.update.mutation;
    ModelError::check(
        "mutation",
        mu,
        (0.0..=1.0).contains(&mu),
        "0 ≤ mutation ≤ 1",
    )?;
    if let InitialConfig::Random { coop_fraction } = config.initial {
        ModelError::check(
            "coop_fraction",
            coop_fraction,
            (0.0..=1.0).contains(&coop_fraction),
            "0 ≤ f ≤ 1",
        )?;
    }
    let steps = config.run.steps;
    ModelError::check(
        "steps",
        steps as f64,
        steps < 1 << 56,
        "fewer than 2^56 steps",
    )?;
    Ok(())
}

/// Initial strategy bytes (see the `InitialConfig` docs).
pub(super) fn initial_strategies(
    network: &Network,
    initial: &InitialConfig,
    streams: &Streams,
) -> Result<Vec<u8>, ModelError> {
    let n = network.node_count();
    Ok(match initial {
        InitialConfig::Random { coop_fraction } => {
            let m = ((coop_fraction * n as f64).round() as usize).min(n);
            // Partial Fisher–Yates: the first `m` entries of a uniform random permutation.
            let mut perm: Vec<u32> = (0..n as u32).collect();
            let mut rng = streams.stream(0, Phase::Initial);
            let mut s = vec![DEFECT; n];
            for i in 0..m {
                let j = i + below(rng.next_u32(), (n - i) as u32) as usize;
                perm.swap(i, j);
                s[perm[i] as usize] = COOPERATE;
            }
            s
        }
        InitialConfig::SingleDefector => {
            let mut s = vec![COOPERATE; n];
            s[network.centre()] = DEFECT;
            s
        }
        InitialConfig::SingleCooperator => {
            let mut s = vec![DEFECT; n];
            s[network.centre()] = COOPERATE;
            s
        }
        InitialConfig::Given { strategies } => {
            if strategies.len() != n {
                return Err(ModelError::GivenLength {
                    expected: n,
                    found: strategies.len(),
                });
            }
            strategies.iter().map(|&s| encode(s)).collect()
        }
    })
}

/// The checks of a group game that need the network: a well-mixed group of `N` needs at
/// least `N` agents; neighbourhood groups need one group that can reach the threshold.
pub(super) fn validate_groups(
    config: &SimConfig,
    csr: &crate::network::Csr,
) -> Result<(), ModelError> {
    if let Some(GroupGame::CollectiveRisk {
        threshold, groups, ..
    }) = config.game.group
    {
        let n = csr.node_count();
        match groups {
            RiskGroups::Sampled { size } => ModelError::check(
                "collective_risk.group_size",
                f64::from(size),
                size as usize <= n,
                "N at most the number of agents",
            )?,
            RiskGroups::Neighbourhood { .. } => {
                let largest = (0..n).map(|i| csr.degree(i) + 1).max().unwrap_or(1);
                ModelError::check(
                    "collective_risk.threshold",
                    f64::from(threshold),
                    threshold as usize <= largest,
                    "M at most the largest group (the largest degree + 1)",
                )?
            }
        }
    }
    Ok(())
}
