//! The classic-game sections: `[game]` (preset and payoffs), `[update]` (rule, schedule,
//! mutation) and `[initial]` (initial strategies).

use super::*;
use crate::keys::{game as g, initial as i, update as u};

pub(super) fn game(raw: &Raw, sink: &mut Sink<'_>) -> Option<(GamePreset, GameConfig)> {
    let mut r = Reader::new(raw, section("game"), Scope::Classic);
    let preset = r.pick(sink, &g::PRESET);
    let payoff = r.pick(sink, &g::PAYOFF);
    let self_interaction = r.flag(sink, &g::SELF_INTERACTION);
    let Some(preset) = preset else {
        r.use_all();
        r.finish(sink, None);
        return None;
    };
    let here = preset.loc.or(r.loc);
    let parsed = match preset.v {
        "general" => {
            let rr = r.float(sink, &g::GENERAL_R);
            let s = r.float(sink, &g::GENERAL_S);
            let t = r.float(sink, &g::GENERAL_T);
            let p = r.float(sink, &g::GENERAL_P);
            Some(GamePreset::General {
                r: rr?.v,
                s: s?.v,
                t: t?.v,
                p: p?.v,
            })
        }
        "weak-pd" => r
            .float(sink, &g::WEAK_PD_B)
            .map(|b| GamePreset::WeakPd { b: b.v }),
        "donation" | "snowdrift" => {
            let b = r.float(sink, &g::DONATION_B);
            let c = r.float(sink, &g::DONATION_C);
            let (b, c) = (b?, c?);
            if b.v <= c.v {
                sink.at(
                    first(&[b.loc, c.loc], here),
                    format!(
                        "`b`: the {} game needs benefit b > cost c, found b = {} with c = {}",
                        preset.v, b.v, c.v
                    ),
                );
                None
            } else if preset.v == "donation" {
                Some(GamePreset::Donation { b: b.v, c: c.v })
            } else {
                Some(GamePreset::Snowdrift { b: b.v, c: c.v })
            }
        }
        "stag-hunt" => {
            let t = r.float(sink, &g::T_BELOW);
            let s = r.float(sink, &g::STAG_HUNT_S);
            Some(GamePreset::StagHunt { t: t?.v, s: s?.v })
        }
        "harmony" => {
            let t = r.float(sink, &g::T_BELOW);
            let s = r.float(sink, &g::HARMONY_S);
            Some(GamePreset::Harmony { t: t?.v, s: s?.v })
        }
        "public-goods" => {
            let rr = r.float(sink, &g::PGG_R);
            let cost = r.pick(sink, &g::PGG_COST);
            if let Some(si) = &self_interaction {
                if si.v {
                    sink.at(
                        first(&[si.loc], here),
                        "`self_interaction`: the public goods game is played in groups, which already hold the agent itself; expected false, found true",
                    );
                }
            }
            let (rr, cost) = (rr?, cost?);
            if self_interaction.as_ref().is_some_and(|s| s.v) {
                None
            } else {
                Some(GamePreset::PublicGoods {
                    r: rr.v,
                    cost: if cost.v == "per-individual" {
                        GroupCost::PerIndividual
                    } else {
                        GroupCost::PerGame
                    },
                })
            }
        }
        "collective-risk" | "collective-risk-well-mixed" => {
            let m = r.uint(sink, &g::CRD_THRESHOLD);
            let risk = r.float(sink, &g::CRD_RISK);
            let c = r.float(sink, &g::CRD_CONTRIBUTION);
            let b = r.float(sink, &g::CRD_ENDOWMENT);
            let well_mixed = preset.v == "collective-risk-well-mixed";
            let draw = (!well_mixed).then(|| r.pick(sink, &g::CRD_DRAW));
            let size = well_mixed.then(|| r.uint(sink, &g::CRD_GROUP_SIZE));
            if let Some(si) = self_interaction.as_ref().filter(|s| s.v) {
                sink.at(
                    first(&[si.loc], here),
                    "`self_interaction`: the collective-risk dilemma is played in groups, which already hold the agent itself; expected false, found true",
                );
            }
            let (m, risk, c, b) = (m?, risk?, c?, b?);
            let threshold = m.v as u32;
            if let Some(draw) = draw {
                let draw = draw?;
                Some(GamePreset::CollectiveRisk {
                    threshold,
                    risk: risk.v,
                    contribution: c.v,
                    endowment: b.v,
                    draw: if draw.v == "drawn" {
                        RiskDraw::Drawn
                    } else {
                        RiskDraw::Expected
                    },
                })
            } else {
                let n = size.flatten()?;
                if m.v > n.v {
                    sink.at(
                        first(&[m.loc, n.loc], here),
                        format!(
                            "`threshold`: a group of group_size = {} can hold at most {} cooperators; expected a threshold M ≤ {}, found {}",
                            n.v, n.v, n.v, m.v
                        ),
                    );
                    None
                } else {
                    Some(GamePreset::CollectiveRiskWellMixed {
                        threshold,
                        risk: risk.v,
                        contribution: c.v,
                        endowment: b.v,
                        group_size: n.v as u32,
                    })
                }
            }
            .filter(|_| !self_interaction.as_ref().is_some_and(|s| s.v))
        }
        _ => {
            let v = r.float(sink, &g::COST_SHARING_V);
            let c = r.float(sink, &g::COST_SHARING_C);
            Some(GamePreset::CostSharing { v: v?.v, c: c?.v })
        }
    };
    let variant = r.variant(&g::PRESET, preset.v);
    r.finish(sink, Some(variant));
    let (parsed, payoff, self_interaction) = (parsed?, payoff?, self_interaction?);
    let config = GameConfig {
        payoffs: parsed.payoffs(),
        normalise: payoff.v == "normalised",
        self_interaction: self_interaction.v,
        group: parsed.group(),
    };
    Some((parsed, config))
}

pub(super) fn update(raw: &Raw, sink: &mut Sink<'_>) -> Option<UpdateConfig> {
    let mut r = Reader::new(raw, section("update"), Scope::Classic);
    let rule = r.pick(sink, &u::RULE);
    let schedule = r.pick_given(sink, &u::SCHEDULE, rule.as_ref().map(|p| p.v));
    let mutation = r.float(sink, &u::MUTATION);
    let Some(rule) = rule else {
        r.use_all();
        r.finish(sink, None);
        return None;
    };
    let parsed = match rule.v {
        "fermi" => r.float(sink, &u::K).map(|k| UpdateRule::Fermi { k: k.v }),
        "imitate-best" => Some(UpdateRule::ImitateBest),
        "proportional" => Some(UpdateRule::Proportional),
        "death-birth" => r
            .float(sink, &u::W)
            .map(|w| UpdateRule::DeathBirth { w: w.v }),
        _ => r
            .float(sink, &u::W)
            .map(|w| UpdateRule::BirthDeath { w: w.v }),
    };
    if let (Some(UpdateRule::BirthDeath { .. }), Some(s)) = (&parsed, &schedule) {
        if s.v == "synchronous" {
            sink.at(
                first(&[s.loc], rule.loc.or(r.loc)),
                "`schedule`: update rule `birth-death` is a sequential Moran process and requires schedule = \"asynchronous\", found \"synchronous\"",
            );
        }
    }
    let variant = r.variant(&u::RULE, rule.v);
    r.finish(sink, Some(variant));
    let schedule = schedule?;
    if matches!(parsed, Some(UpdateRule::BirthDeath { .. })) && schedule.v == "synchronous" {
        return None;
    }
    Some(UpdateConfig {
        rule: parsed?,
        schedule: if schedule.v == "asynchronous" {
            Schedule::Asynchronous
        } else {
            Schedule::Synchronous
        },
        mutation: mutation?.v,
    })
}

/// [initial]: the config, plus where `mode = "file"` was written (checked after the network).
pub(super) fn initial(raw: &Raw, sink: &mut Sink<'_>) -> Option<(InitialConfig, Option<Loc>)> {
    let mut r = Reader::new(raw, section("initial"), Scope::Classic);
    let Some(mode) = r.pick(sink, &i::MODE) else {
        r.use_all();
        r.finish(sink, None);
        return None;
    };
    let mode_loc = mode.loc.or(r.loc);
    let config = match mode.v {
        "random" => r
            .float(sink, &i::COOP_FRACTION)
            .map(|c| InitialConfig::Random { coop_fraction: c.v }),
        "single-defector" => Some(InitialConfig::SingleDefector),
        "single-cooperator" => Some(InitialConfig::SingleCooperator),
        _ => Some(InitialConfig::Given {
            strategies: Vec::new(),
        }),
    };
    let variant = r.variant(&i::MODE, mode.v);
    r.finish(sink, Some(variant));
    Some((config?, mode_loc))
}

/// The checks of a group game against the network, once both are read: a well-mixed
/// population needs the complete network and at least `group_size` agents; neighbourhood
/// groups need a threshold that the largest group can reach, where the network's kind fixes
/// the largest group (complete, ring, lattice, random regular, isolated).
pub(super) fn group_network(
    raw: &Raw,
    game: &GamePreset,
    network: &NetworkSource,
    sink: &mut Sink<'_>,
) {
    let loc_of = |key: &str| {
        raw.section("game").and_then(|sec| {
            sec.entries
                .iter()
                .rev()
                .find(|e| e.key == key)
                .map(|e| e.val_loc)
        })
    };
    let spec = match network {
        NetworkSource::Generator(spec) => Some(spec),
        NetworkSource::File(_) => None,
    };
    match *game {
        GamePreset::CollectiveRiskWellMixed { group_size, .. } => match spec {
            Some(&NetworkSpec::Complete { n }) => {
                if group_size as usize > n {
                    sink.at(
                        loc_of("group_size").or(loc_of("preset")),
                        format!(
                            "`group_size`: groups are sampled from the {n} agents of the network; expected a group size N ≤ {n}, found {group_size}"
                        ),
                    );
                }
            }
            _ => sink.at(
                loc_of("preset"),
                "`preset`: `collective-risk-well-mixed` samples groups from a well-mixed population, where every agent can meet every other: it needs [network] kind = \"complete\"",
            ),
        },
        GamePreset::CollectiveRisk { threshold, .. } => {
            let largest = match spec {
                Some(&NetworkSpec::Isolated { .. }) => Some(1),
                Some(&NetworkSpec::Complete { n }) => Some(n),
                Some(&NetworkSpec::Ring { k, .. }) | Some(&NetworkSpec::RandomRegular { k, .. }) => {
                    Some(k + 1)
                }
                Some(&NetworkSpec::Lattice {
                    width,
                    height,
                    neighbourhood,
                    ..
                }) if width >= 3 && height >= 3 => Some(match neighbourhood {
                    Neighbourhood::VonNeumann => 5,
                    Neighbourhood::Moore => 9,
                }),
                _ => None,
            };
            if let Some(largest) = largest.filter(|&l| threshold as usize > l) {
                sink.at(
                    loc_of("threshold").or(loc_of("preset")),
                    format!(
                        "`threshold`: the largest neighbourhood group of this network has {largest} members (an agent and its neighbours), so no group could reach the threshold; expected M ≤ {largest}, found {threshold}"
                    ),
                );
            }
        }
        _ => {}
    }
}
