//! The classic-game sections: `[game]` (preset and payoffs), `[update]` (rule, schedule,
//! mutation) and `[initial]` (initial strategies).

use super::*;

pub(super) fn game(raw: &Raw, sink: &mut Sink<'_>) -> Option<(GamePreset, GameConfig)> {
    let mut r = Reader::new(raw, "game");
    let overridden = r
        .entries
        .iter()
        .any(|e| e.key == "preset" && e.from_override);
    let preset = r.choice(sink, "preset", "weak-pd", PRESETS, "game preset");
    let payoff = r.choice(
        sink,
        "payoff",
        "accumulated",
        &["accumulated", "normalised"],
        "payoff aggregation",
    );
    let self_interaction = r.boolean(sink, "self_interaction", false);
    let Some(preset) = preset else {
        for k in section_keys("game") {
            r.entry(k);
        }
        r.finish(sink, &["preset", "payoff", "self_interaction"], None);
        return None;
    };
    let here = preset.loc.or(r.loc);
    let positive = |x: f64| x > 0.0;
    let g = match preset.v {
        "general" => {
            let rr = r.real(sink, "r", 3.0);
            let s = r.real(sink, "s", 0.0);
            let t = r.real(sink, "t", 5.0);
            let p = r.real(sink, "p", 1.0);
            Some(GamePreset::General {
                r: rr?.v,
                s: s?.v,
                t: t?.v,
                p: p?.v,
            })
        }
        "weak-pd" => r
            .num(
                sink,
                "b",
                1.5,
                |x| x >= 1.0,
                "a number ≥ 1 (the temptation T = b)",
            )
            .map(|b| GamePreset::WeakPd { b: b.v }),
        "donation" | "snowdrift" => {
            let b = r.num(sink, "b", 2.0, positive, "a positive number");
            let c = r.num(sink, "c", 1.0, positive, "a positive number");
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
            let t = r.num(sink, "t", 0.5, |x| x < 1.0, "a number < 1 (T < R = 1)");
            let s = r.num(
                sink,
                "s",
                -0.5,
                |x| x < 0.0,
                "a negative number (S < P = 0)",
            );
            Some(GamePreset::StagHunt { t: t?.v, s: s?.v })
        }
        "harmony" => {
            let t = r.num(sink, "t", 0.5, |x| x < 1.0, "a number < 1 (T < R = 1)");
            let s = r.num(sink, "s", 0.5, positive, "a positive number (S > P = 0)");
            Some(GamePreset::Harmony { t: t?.v, s: s?.v })
        }
        _ => {
            let v = r.num(sink, "v", 3.0, positive, "a positive number");
            let c = r.num(sink, "c", 1.0, positive, "a positive number");
            Some(GamePreset::CostSharing { v: v?.v, c: c?.v })
        }
    };
    r.finish(
        sink,
        &["preset", "payoff", "self_interaction"],
        Some(Variant {
            what: format!("game preset `{}`", preset.v),
            params: preset_params(preset.v),
            overridden,
        }),
    );
    let (g, payoff, self_interaction) = (g?, payoff?, self_interaction?);
    let config = GameConfig {
        payoffs: g.payoffs(),
        normalise: payoff.v == "normalised",
        self_interaction: self_interaction.v,
    };
    Some((g, config))
}

pub(super) fn update(raw: &Raw, sink: &mut Sink<'_>) -> Option<UpdateConfig> {
    let mut r = Reader::new(raw, "update");
    let overridden = r.entries.iter().any(|e| e.key == "rule" && e.from_override);
    let rule = r.choice(sink, "rule", "fermi", RULES, "update rule");
    let default_schedule = match rule {
        Some(P {
            v: "birth-death", ..
        }) => "asynchronous",
        _ => "synchronous",
    };
    let schedule = r.choice(
        sink,
        "schedule",
        default_schedule,
        &["synchronous", "asynchronous"],
        "schedule",
    );
    let mutation = r.prob(sink, "mutation", 0.0);
    let Some(rule) = rule else {
        for k in section_keys("update") {
            r.entry(k);
        }
        r.finish(sink, &["rule", "schedule", "mutation"], None);
        return None;
    };
    let w_range = |x: f64| (0.0..=1.0).contains(&x);
    let parsed = match rule.v {
        "fermi" => r
            .num(
                sink,
                "k",
                0.1,
                |x| x > 0.0,
                "a positive number (the noise K > 0)",
            )
            .map(|k| UpdateRule::Fermi { k: k.v }),
        "imitate-best" => Some(UpdateRule::ImitateBest),
        "proportional" => Some(UpdateRule::Proportional),
        "death-birth" => r
            .num(sink, "w", 0.01, w_range, "a selection intensity in [0, 1]")
            .map(|w| UpdateRule::DeathBirth { w: w.v }),
        _ => r
            .num(sink, "w", 0.01, w_range, "a selection intensity in [0, 1]")
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
    r.finish(
        sink,
        &["rule", "schedule", "mutation"],
        Some(Variant {
            what: format!("update rule `{}`", rule.v),
            params: rule_params(rule.v),
            overridden,
        }),
    );
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
    let mut r = Reader::new(raw, "initial");
    let overridden = r.entries.iter().any(|e| e.key == "mode" && e.from_override);
    let Some(mode) = r.choice(sink, "mode", "random", MODES, "initial mode") else {
        for k in section_keys("initial") {
            r.entry(k);
        }
        r.finish(sink, &["mode"], None);
        return None;
    };
    let mode_loc = mode.loc.or(r.loc);
    let config = match mode.v {
        "random" => r
            .prob(sink, "coop_fraction", 0.5)
            .map(|c| InitialConfig::Random { coop_fraction: c.v }),
        "single-defector" => Some(InitialConfig::SingleDefector),
        "single-cooperator" => Some(InitialConfig::SingleCooperator),
        _ => Some(InitialConfig::Given {
            strategies: Vec::new(),
        }),
    };
    r.finish(
        sink,
        &["mode"],
        Some(Variant {
            what: format!("initial mode `{}`", mode.v),
            params: mode_params(mode.v),
            overridden,
        }),
    );
    Some((config?, mode_loc))
}
