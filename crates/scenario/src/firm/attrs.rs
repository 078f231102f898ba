//! `[firms]`: each attribute's distribution and its `<attribute>_<parameter>` keys, read through
//! their specs ([`crate::keys::Attribute`]).

use asocia_core::firm::Distribution;

use crate::error::{Loc, Sink};
use crate::keys::{Attribute, ATTRIBUTES, DISTS};
use crate::raw::Val;
use crate::resolve::{first, Reader};

/// One attribute's distribution from `[firms]`; `None` after reporting a mistake. The
/// second value is `Some(loc)` when the distribution is `"file"`.
pub(super) fn distribution(
    r: &mut Reader<'_>,
    sink: &mut Sink<'_>,
    a: &Attribute,
) -> Option<(Distribution, Option<Option<Loc>>)> {
    let dist = r.pick(sink, &a.dist)?;
    let here = dist.loc.or(r.loc);
    let out = match dist.v {
        "constant" => Distribution::Constant {
            value: r.float(sink, &a.value)?.v,
        },
        "uniform" => {
            let lo = r.float(sink, &a.min);
            let hi = r.float(sink, &a.max);
            let (lo, hi) = (lo?, hi?);
            if lo.v > hi.v {
                sink.at(
                    first(&[hi.loc, lo.loc], here),
                    format!(
                        "`{}`: a uniform distribution needs min <= max, found min = {} and max = {}",
                        a.max.name, lo.v, hi.v
                    ),
                );
                return None;
            }
            Distribution::Uniform {
                min: lo.v,
                max: hi.v,
            }
        }
        "normal" => {
            let mean = r.float(sink, &a.normal_mean);
            let sd = r.float(sink, &a.sd);
            Distribution::Normal {
                mean: mean?.v,
                sd: sd?.v,
            }
        }
        "lognormal" => {
            let mean = r.float(sink, &a.lognormal_mean);
            let sd = r.float(sink, &a.sd);
            Distribution::Lognormal {
                mean: mean?.v,
                sd: sd?.v,
            }
        }
        "beta" => {
            let alpha = r.float(sink, &a.alpha);
            let beta = r.float(sink, &a.beta);
            Distribution::Beta {
                alpha: alpha?.v,
                beta: beta?.v,
            }
        }
        _ => {
            return Some((
                Distribution::Given { values: Vec::new() },
                Some(dist.loc.or(r.loc)),
            ));
        }
    };
    Some((out, None))
}

/// The distribution each attribute names in the file (its default when unset or unknown).
pub(super) fn chosen(r: &Reader<'_>) -> [Option<&'static str>; 3] {
    ATTRIBUTES.map(|a| {
        r.peek(a.name)
            .and_then(|e| match &e.val {
                Val::Str(s) => DISTS.iter().copied().find(|d| *d == s.as_str()),
                _ => None,
            })
            .or(a.dist.default.name_for(None))
    })
}

/// Reports `[firms]` keys of an attribute that its distribution does not take. When the
/// distribution itself was set by `--set` (or a sweep point or an arm), the file's parameters
/// of another distribution are dropped silently, as for the other selectors (a network kind, a
/// rule): the override switches the distribution.
pub(super) fn foreign_params(r: &mut Reader<'_>, sink: &mut Sink<'_>) {
    let dists = chosen(r);
    let names = r.spec.names();
    for (k, e) in r.entries.iter().enumerate() {
        if r.used[k] {
            continue;
        }
        for (a, dist) in ATTRIBUTES.iter().zip(dists) {
            let Some(p) = e.key.strip_prefix(a.name).and_then(|s| s.strip_prefix('_')) else {
                continue;
            };
            let known = names.contains(&e.key.as_str());
            if known && !e.from_override && r.overridden(a.name) {
                r.used[k] = true;
                continue;
            }
            if let (true, Some(d)) = (known, dist) {
                let takes = r.spec.taken_by(a.name, d);
                let takes = if takes.is_empty() {
                    "it takes none".to_string()
                } else {
                    format!("it takes: {}", takes.join(", "))
                };
                sink.at(
                    Some(e.key_loc),
                    format!(
                        "`{}` is not a parameter of {} distribution `{d}` ({takes}; `{p}` belongs to another distribution)",
                        e.key, a.name
                    ),
                );
                r.used[k] = true;
            }
        }
    }
}
