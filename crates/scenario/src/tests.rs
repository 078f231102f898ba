//! Unit tests of the scenario crate: defaults, presets, overrides, round trips and a fuzz loop.

use std::path::Path;

use asocia_core::classic::config::{InitialConfig, Schedule, UpdateRule};
use asocia_core::network::NetworkSpec;

use crate::{parse, GamePreset, NetworkSource, Scenario};

fn ok(src: &str, overrides: &[&str]) -> Scenario {
    let o: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    match parse(src, "t.toml", Path::new("."), &o) {
        Ok(s) => s,
        Err(e) => panic!("unexpected error:\n{e}"),
    }
}

fn errs(src: &str, overrides: &[&str]) -> Vec<String> {
    let o: Vec<String> = overrides.iter().map(|s| s.to_string()).collect();
    match parse(src, "t.toml", Path::new("."), &o) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.diagnostics.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn empty_file_gives_every_default() {
    let s = ok("", &[]);
    assert_eq!(s.name, "t");
    assert_eq!(s.description, "");
    assert_eq!(
        s.network,
        NetworkSource::Generator(NetworkSpec::BarabasiAlbert { n: 1000, m: 2 })
    );
    assert_eq!(s.game, GamePreset::WeakPd { b: 1.5 });
    assert_eq!(
        s.model.classic().unwrap().update.rule,
        UpdateRule::Fermi { k: 0.1 }
    );
    assert_eq!(
        s.model.classic().unwrap().update.schedule,
        Schedule::Synchronous
    );
    assert_eq!(s.model.classic().unwrap().update.mutation, 0.0);
    assert_eq!(
        s.model.classic().unwrap().initial,
        InitialConfig::Random { coop_fraction: 0.5 }
    );
    assert_eq!(s.model.steps(), 100);
    assert!(!s.model.stop_at_absorption());
    assert_eq!((s.seed, s.replications), (1, 1));
    assert_eq!((s.output.every, s.output.timeseries), (1, true));
    assert!(
        !s.model.classic().unwrap().game.normalise
            && !s.model.classic().unwrap().game.self_interaction
    );
}

#[test]
fn presets_give_their_payoffs() {
    let p = |src: &str| ok(src, &[]).model.classic().unwrap().game.payoffs;
    let d = p("[game]\npreset = \"donation\"\nb = 5\nc = 1\n");
    assert_eq!((d.r, d.s, d.t, d.p), (4.0, -1.0, 5.0, 0.0));
    let sd = p("[game]\npreset = \"snowdrift\"\nb = 2\nc = 1\n");
    assert_eq!((sd.r, sd.s, sd.t, sd.p), (1.5, 1.0, 2.0, 0.0));
    let cs = p("[game]\npreset = \"cost-sharing\"\nv = 4\nc = 1\n");
    assert_eq!((cs.r, cs.s, cs.t, cs.p), (1.5, 1.0, 2.0, 0.0));
    let g = p("[game]\npreset = \"general\"\nr = 3\ns = 0\nt = 5\np = 1\n");
    assert_eq!((g.r, g.s, g.t, g.p), (3.0, 0.0, 5.0, 1.0));
}

#[test]
fn cost_sharing_is_snowdrift_above_2c_and_pd_between_c_and_2c() {
    let snow = GamePreset::CostSharing { v: 5.0, c: 2.0 }.payoffs();
    assert!(snow.t > snow.r && snow.r > snow.s && snow.s > snow.p);
    let pd = GamePreset::CostSharing { v: 3.0, c: 2.0 }.payoffs();
    assert!(pd.t > pd.r && pd.r > pd.p && pd.p > pd.s);
}

#[test]
fn birth_death_defaults_to_asynchronous() {
    let s = ok("[update]\nrule = \"birth-death\"\n", &[]);
    assert_eq!(
        s.model.classic().unwrap().update.schedule,
        Schedule::Asynchronous
    );
    assert_eq!(
        s.model.classic().unwrap().update.rule,
        UpdateRule::BirthDeath { w: 0.01 }
    );
}

#[test]
fn overriding_the_kind_drops_file_keys_it_does_not_take() {
    let src = "[network]\nkind = \"barabasi-albert\"\nn = 100\nm = 2\n";
    let s = ok(src, &["network.kind=random-regular", "network.k=4"]);
    assert_eq!(
        s.network,
        NetworkSource::Generator(NetworkSpec::RandomRegular { n: 100, k: 4 })
    );
    // A key the new kind does not take, given with --set, is still an error.
    let e = errs(src, &["network.kind=ring", "network.radius=0.1"]);
    assert_eq!(
        e,
        ["--set network.radius=0.1: error: `radius` is not a parameter of network kind `ring` (it takes: n, k)"]
    );
}

#[test]
fn dotted_and_inline_sections_are_read() {
    let s = ok("run.steps = 7\noutput = { every = 2 }\n", &[]);
    assert_eq!(s.model.steps(), 7);
    assert_eq!(s.output.every, 2);
}

#[test]
fn misplaced_and_nested_keys() {
    assert_eq!(
        errs("steps = 3\n", &[]),
        ["t.toml:1:1: error: key `steps` is outside any section; it belongs in [run]"]
    );
    assert_eq!(
        errs("[run.extra]\nx = 1\n", &[]),
        ["t.toml:1:6: error: unknown key `extra` in [run] (valid keys: steps, seed, replications, stop_at_absorption)"]
    );
}

#[test]
fn override_syntax_errors() {
    assert_eq!(
        errs("", &["run.steps"]),
        ["--set run.steps: error: expected SECTION.KEY=VALUE (for example `run.seed=7`), found no `=`"]
    );
    assert_eq!(
        errs("", &["steps=3"]),
        ["--set steps=3: error: `steps`: expected a dotted key SECTION.KEY (for example `run.seed`)"]
    );
}

#[test]
fn resolved_toml_round_trips_for_every_kind_and_rule() {
    let cases = [
        "[network]\nkind = \"isolated\"\nn = 5",
        "[network]\nkind = \"complete\"\nn = 5\n[update]\nrule = \"imitate-best\"",
        "[network]\nkind = \"lattice\"\nwidth = 7\nheight = 9\nneighbourhood = \"moore\"",
        "[network]\nkind = \"erdos-renyi-gnp\"\n[update]\nrule = \"proportional\"",
        "[network]\nkind = \"erdos-renyi-gnm\"\n[initial]\nmode = \"single-defector\"",
        "[network]\nkind = \"watts-strogatz\"\n[initial]\nmode = \"single-cooperator\"",
        "[network]\nkind = \"stochastic-block\"\nsizes = [3, 4]\n[update]\nrule = \"death-birth\"",
        "[network]\nkind = \"random-geometric\"\nperiodic = true\n[game]\npreset = \"harmony\"",
        "[game]\npreset = \"stag-hunt\"\npayoff = \"normalised\"\nself_interaction = true",
        "[game]\npreset = \"general\"\nr = 0.3\n[update]\nrule = \"birth-death\"\nmutation = 0.01",
        "[scenario]\nname = \"quote \\\" and unicode é\"\ndescription = \"x\"\n[run]\nseed = 9007199254740991",
    ];
    for src in cases {
        let s = ok(src, &[]);
        let text = s.resolved_toml();
        let again = parse(&text, "other.toml", Path::new("/"), &[])
            .unwrap_or_else(|e| panic!("{text}\n{e}"));
        assert_eq!(again, s, "{text}");
        assert_eq!(again.resolved_json(), s.resolved_json(), "json of {text}");
    }
}

#[test]
fn seeds_are_below_two_to_the_53_so_every_written_seed_reads_back_exactly() {
    // 2^53 − 1 is the largest seed a double holds with every smaller integer; 2^53 is refused
    // (in the file and by --set), so no manifest can show a seed that run.seed rejects.
    assert_eq!(
        ok("[run]\nseed = 9007199254740991", &[]).seed,
        (1 << 53) - 1
    );
    let e = parse(
        "[run]\nseed = 9007199254740992",
        "s.toml",
        Path::new("."),
        &[],
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "s.toml:2:8: error: `seed`: expected a non-negative integer below 2^53 (at most 9007199254740991), found 9007199254740992"
    );
    let e = parse(
        "",
        "s.toml",
        Path::new("."),
        &["run.seed=9223372036854775807".into()],
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with("--set run.seed=9223372036854775807: error: `seed`: expected a non-negative integer below 2^53"), "{e}");
    // Every run seed (which is what manifests and tables show) is accepted as run.seed.
    for (p, r) in [(0, 0), (3, 5), (1 << 40, 17)] {
        let seed = asocia_core::rng::run_seed(u64::MAX, p, r);
        let s = ok("", &[&format!("run.seed={seed}")]);
        assert_eq!(s.seed, seed);
    }
}

#[test]
fn resolved_json_has_the_same_keys() {
    let s = ok("[network]\nkind = \"ring\"\nn = 10\nk = 2\n", &[]);
    let j = s.resolved_json();
    assert_eq!(j["network"]["kind"], "ring");
    assert_eq!(j["network"]["k"], 2);
    assert_eq!(j["game"]["b"], 1.5);
    assert_eq!(j["run"]["steps"], 100);
    assert_eq!(j["initial"]["coop_fraction"], 0.5);
}

/// Tiny deterministic generator for the fuzz loop.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

#[test]
fn mangled_inputs_never_panic() {
    let seed_text = "[scenario]\nname = \"x\"\n[network]\nkind = \"ring\"\nn = 10\nk = 4\n\
        [game]\npreset = \"donation\"\nb = 5\nc = 1\n[update]\nrule = \"fermi\"\nk = 0.1\n\
        schedule = \"synchronous\"\n[initial]\nmode = \"random\"\ncoop_fraction = 0.5\n\
        [run]\nsteps = 10\nseed = 1\n[output]\nevery = 1\n";
    let tokens = [
        "[",
        "]",
        "=",
        "\"",
        "\n",
        ".",
        "-1",
        "0",
        "1e999",
        "nan",
        "inf",
        "{",
        "}",
        ",",
        "k",
        "n",
        "kind",
        "file",
        "lattice",
        "[[run]]",
        "é",
        "#",
        "'",
        "9999999999999999999999",
        "true",
        "[network]",
        "sizes = [0]",
        "edges = \"/nonexistent\"",
        "\u{0}",
    ];
    let overrides = [
        "network.n=abc",
        "x",
        "=",
        "a.b.c=1",
        "run.steps=-1",
        "network.kind=file",
        "initial.mode=file",
        "game.preset=",
        "network.sizes=[1,-2]",
        "update.rule=birth-death",
    ];
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let mut text: Vec<char> = seed_text.chars().collect();
        for _ in 0..1 + rng.below(6) {
            let at = rng.below(text.len() + 1);
            match rng.below(3) {
                0 if at < text.len() => {
                    text.remove(at);
                }
                1 => {
                    let t = tokens[rng.below(tokens.len())];
                    for (i, c) in t.chars().enumerate() {
                        text.insert(at + i, c);
                    }
                }
                _ => {
                    let c = char::from_u32(rng.next() as u32 % 0x250).unwrap_or('?');
                    text.insert(at.min(text.len()), c);
                }
            }
        }
        let text: String = text.into_iter().collect();
        let o: Vec<String> = (0..rng.below(3))
            .map(|_| overrides[rng.below(overrides.len())].to_string())
            .collect();
        if let Err(e) = parse(&text, "fuzz.toml", Path::new("/nonexistent-dir"), &o) {
            assert!(!e.diagnostics.is_empty());
            for d in &e.diagnostics {
                assert!(!d.message.is_empty());
            }
        }
    }
    // Arbitrary byte soup.
    for _ in 0..2000 {
        let len = rng.below(60);
        let text: String = (0..len)
            .map(|_| tokens[rng.below(tokens.len())])
            .collect::<Vec<_>>()
            .join(if rng.below(2) == 0 { " " } else { "" });
        let _ = parse(&text, "soup.toml", Path::new("."), &[]);
    }
}

/// Regression: for the firm economy, the message for an unknown `[run]` key listed
/// `stop_at_absorption` among the valid keys, although firms reject it; the valid keys now come
/// from the registry, filtered by model.
#[test]
fn firm_run_keys_do_not_list_stop_at_absorption() {
    assert_eq!(
        errs("[scenario]\nmodel = \"firms\"\n[run]\nextra = 1\n", &[]),
        ["t.toml:4:1: error: unknown key `extra` in [run] (valid keys: steps, seed, replications)"]
    );
}

/// `[cluster] groups` and `[network] sizes` are read by one list reader: an item out of range
/// is quoted as a bare number in both (it was `integer -1` for `groups`).
#[test]
fn list_items_out_of_range_are_quoted_alike() {
    assert_eq!(
        errs("[scenario]\nmodel = \"firms\"\n[cluster]\ngroups = [0, -1]\n", &[]),
        ["t.toml:4:10: error: `groups`: expected an array of group ids (non-negative integers), found -1 at position 2"]
    );
}
