//! `[association]`: associations of firms, one per group. Its cross-key checks: `members`
//! ascending without repeats (reported at `members`); with the network known (in
//! [`check_members`]), every listed id a firm of the network, and a fee no larger than
//! every firm's initial capital can be.

use asocia_core::firm::{AssociationConfig, AssociationSource, Distribution};

use crate::error::{Loc, Sink};
use crate::keys::{self, Scope};
use crate::raw::Raw;
use crate::resolve::{section, Reader, P};

/// `[association]` as read, with where `members` and `fee` were written.
pub(crate) struct AssociationDraft {
    /// The configuration.
    pub(crate) config: AssociationConfig,
    /// Where `members` was written.
    pub(crate) members_at: Option<Loc>,
    /// Where `fee` was written.
    pub(crate) fee_at: Option<Loc>,
}

/// Reads `[association]`.
pub(crate) fn read(raw: &Raw, sink: &mut Sink<'_>) -> Option<AssociationDraft> {
    use keys::association::{
        FEE, FROM, INITIAL_TRUST, JOIN, JOIN_TRUST, LEAVE_BELOW, MEMBERS, TRUST_RATE,
    };
    let mut r = Reader::new(raw, section("association"), Scope::Firms);
    let from = r.pick(sink, &FROM);
    let members = match from.as_ref().map(|p| p.v) {
        Some("list") => r.ints(sink, &MEMBERS),
        _ => Some(P::default(Vec::new())),
    };
    let fee = r.float(sink, &FEE);
    let initial_trust = r.float(sink, &INITIAL_TRUST);
    let trust_rate = r.float(sink, &TRUST_RATE);
    let leave_below = r.float(sink, &LEAVE_BELOW);
    let join = r.float(sink, &JOIN);
    let join_trust = r.float(sink, &JOIN_TRUST);
    let variant = from.as_ref().map(|p| r.variant(&FROM, p.v));
    if variant.is_none() {
        r.use_all();
    }
    r.finish(sink, variant);
    let (from, members, fee) = (from?, members?, fee?);
    let ids: Vec<u32> = members
        .v
        .iter()
        .map(|&x| u32::try_from(x).unwrap_or(u32::MAX))
        .collect();
    if ids.windows(2).any(|w| w[0] >= w[1]) {
        sink.at(
            members.loc,
            "`members`: firm ids must be listed in ascending order, each once".to_string(),
        );
        return None;
    }
    let from = match from.v {
        "groups" => AssociationSource::Groups,
        "list" => AssociationSource::List,
        _ => AssociationSource::None,
    };
    Some(AssociationDraft {
        config: AssociationConfig {
            from,
            members: ids,
            fee: fee.v,
            initial_trust: initial_trust?.v,
            trust_rate: trust_rate?.v,
            leave_below: leave_below?.v,
            join: join?.v,
            join_trust: join_trust?.v,
        },
        members_at: members.loc,
        fee_at: fee.loc,
    })
}

/// The largest initial capital a firm can have under `capital` (`None`: unbounded).
fn capital_bound(capital: &Distribution) -> Option<f64> {
    match capital {
        Distribution::Constant { value } => Some(*value),
        Distribution::Uniform { max, .. } => Some(*max),
        Distribution::Given { values } => values.iter().copied().reduce(f64::max),
        Distribution::Beta { .. } => Some(1.0),
        Distribution::Normal { .. } | Distribution::Lognormal { .. } => None,
    }
}

/// The checks that need the network and the firms: every listed member is a firm of the
/// network's `nodes` firms, and the fee does not exceed every firm's initial capital.
pub(crate) fn check_members(
    draft: &AssociationDraft,
    nodes: usize,
    capital: &Distribution,
    sink: &mut Sink<'_>,
) {
    let a = &draft.config;
    if let Some(&bad) = a.members.iter().find(|&&i| i as usize >= nodes) {
        sink.at(
            draft.members_at,
            format!(
                "`members`: there is no firm {bad} (the network has {nodes} firms, ids 0 to {})",
                nodes.saturating_sub(1)
            ),
        );
    }
    if let (true, Some(max)) = (a.on(), capital_bound(capital)) {
        if a.fee > max {
            sink.at(
                draft.fee_at,
                format!(
                    "`fee`: {} is larger than any member's initial capital (at most {max})",
                    a.fee
                ),
            );
        }
    }
}
