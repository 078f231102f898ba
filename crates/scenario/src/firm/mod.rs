//! The firm-economy sections of a scenario (`[scenario] model = "firms"`): `[firms]`,
//! `[trust]`, `[decision]`, `[project]`, `[monitoring]`, `[reputation]`, `[learning]`,
//! `[market]`, `[subsidy]`, `[spillover]`, `[demography]`, `[cluster]`, `[association]` and
//! `[buying_group]`, checked like every other
//! section (unknown keys with suggestions, keys a choice does not take, ranges), plus the
//! checks that need the network: attributes read from the nodes file and cluster group ids.

use asocia_core::firm::{Distribution, FirmConfig, FirmInit, OptionalMechanisms};
use asocia_core::network::NetworkSpec;

use crate::error::{Loc, Sink};
use crate::keys::{Scope, ATTRIBUTES};
use crate::raw::Raw;
use crate::resolve::{section, Reader, P};
use crate::NetworkSource;

mod association;
mod attrs;
pub(crate) mod optional;
mod resolved;
mod sections;

pub(crate) use resolved::resolved;

/// What the firm sections resolved to before the network is known.
pub(crate) struct FirmDraft {
    pub(crate) config: FirmConfig,
    /// Where `capital = "file"` (etc.) was written, per attribute, if it was.
    pub(crate) from_file: [Option<Option<Loc>>; 3],
    /// `[cluster] groups` as written, with its location.
    pub(crate) groups: P<Vec<u32>>,
    /// `[association]` as read, with its locations.
    pub(crate) association: association::AssociationDraft,
}

/// Reads every firm section; `None` if anything was reported.
pub(crate) fn read(
    raw: &Raw,
    sink: &mut Sink<'_>,
    steps: u64,
    network_every: u64,
) -> Option<FirmDraft> {
    let mut r = Reader::new(raw, section("firms"), Scope::Firms);
    let [cap, prod, opp] = ATTRIBUTES.map(|a| attrs::distribution(&mut r, sink, &a));
    attrs::foreign_params(&mut r, sink);
    r.finish(sink, None);

    let trust = sections::trust(raw, sink);
    let decision = sections::decision(raw, sink);
    let project = sections::project(raw, sink);
    let monitoring = sections::monitoring(raw, sink);
    let reputation = sections::reputation(raw, sink);
    let learning = sections::learning(raw, sink);
    let market = sections::market(raw, sink);
    let optional = optional::read(raw, sink);
    let spill = sections::spillover(raw, sink);
    let demography = sections::demography(raw, sink);
    let (cluster, groups) = sections::cluster(raw, sink, spill.as_ref());
    let association = association::read(raw, sink);

    let (cap, prod, opp) = (cap?, prod?, opp?);
    let association = association?;
    let config = FirmConfig {
        init: FirmInit {
            capital: cap.0,
            productivity: prod.0,
            opportunism: opp.0,
        },
        trust: trust?,
        decision: decision?,
        project: project?,
        monitoring: monitoring?,
        reputation: reputation?,
        learning: learning?,
        market: market?,
        optional: OptionalMechanisms {
            association: association.config.clone(),
            ..optional?
        },
        spillover: sections::spillover_config(spill)?,
        demography: demography?,
        cluster: cluster?,
        steps,
        network_every,
    };
    if config.optional.buying_group.on() && !config.optional.association.on() {
        let at = raw
            .section("buying_group")
            .and_then(|s| s.entries.iter().find(|e| e.key == "quantity"))
            .map(|e| e.val_loc);
        sink.at(
            at,
            "`quantity`: a buying group is run by its association, but `[association]` is off \
             (set its `from` to `groups` or `list`, or `quantity = 0`)"
                .to_string(),
        );
        return None;
    }
    Some(FirmDraft {
        config,
        from_file: [cap.1, prod.1, opp.1],
        groups: groups?,
        association,
    })
}

/// The group ids the firms of `network` have, sorted and distinct.
pub(crate) fn group_ids(network: &NetworkSource) -> Vec<u32> {
    match network {
        NetworkSource::Generator(NetworkSpec::StochasticBlock { sizes, .. }) => {
            (0..sizes.len() as u32).collect()
        }
        NetworkSource::Generator(_) => vec![0],
        NetworkSource::File(f) => match &f.group {
            Some(g) => {
                let mut ids = g.clone();
                ids.sort_unstable();
                ids.dedup();
                ids
            }
            None => vec![0],
        },
    }
}

/// Completes the draft with what the network gives: attribute columns of the nodes file and
/// the check of the cluster group ids. `None` if anything was reported.
pub(crate) fn finish(
    mut draft: FirmDraft,
    network: &NetworkSource,
    sink: &mut Sink<'_>,
) -> Option<FirmConfig> {
    let before = sink.len();
    let ids = group_ids(network);
    for g in &draft.groups.v {
        if ids.binary_search(g).is_err() {
            let have: Vec<String> = ids.iter().map(ToString::to_string).collect();
            sink.at(
                draft.groups.loc,
                format!(
                    "`groups`: no firm has group {g} (the network's groups are: {})",
                    have.join(", ")
                ),
            );
        }
    }
    let init = &mut draft.config.init;
    let targets = [
        &mut init.capital,
        &mut init.productivity,
        &mut init.opportunism,
    ];
    for ((a, from), target) in ATTRIBUTES.iter().zip(draft.from_file).zip(targets) {
        let attr = a.name;
        let Some(loc) = from else { continue };
        let column: Result<Vec<f64>, String> = match network {
            NetworkSource::Generator(_) => Err(
                "but the network is generated; values per firm come from a nodes file (network kind `file`)"
                    .to_string(),
            ),
            NetworkSource::File(f) => match &f.nodes_path {
                None => Err("but [network] has no `nodes` file".to_string()),
                Some(p) => {
                    let col = match attr {
                        "capital" => &f.capital,
                        "productivity" => &f.productivity,
                        _ => &f.opportunism,
                    };
                    col.clone().ok_or_else(|| {
                        format!("but the nodes file {} has no `{attr}` column", p.display())
                    })
                }
            },
        };
        match column {
            Ok(values) => *target = Distribution::Given { values },
            Err(why) => sink.at(
                loc,
                format!("`{attr}`: distribution `file` takes {attr} from the nodes file, {why}"),
            ),
        }
    }
    let nodes = crate::node_count(network);
    association::check_members(&draft.association, nodes, &draft.config.init.capital, sink);
    (sink.len() == before).then_some(draft.config)
}
