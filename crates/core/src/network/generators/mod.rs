//! Network generators: one builder per [`NetworkSpec`] variant, each producing the plain tie
//! list a [`Network`] holds (no graph object is built on the way).
//!
//! Every random generator reads one sequential stream, `Streams::new(seed).stream(0,
//! Phase::Network)`, so the same seed always gives the same graph. Parameters are checked
//! before anything is allocated; parameters that admit no graph give
//! [`NetworkError::Impossible`], never a panic.

mod erdos_renyi;
mod geometric;
mod lattice;
mod preferential;
mod regular;
mod small_world;

use super::{Network, NetworkError, NetworkSpec, MAX_NODES, MAX_TIES};
use crate::rng::{self, Phase, Streams};
use rand::{Rng, RngExt};
use rand_chacha::ChaCha8Rng;

/// A tie as a pair of node ids.
type Edge = (u32, u32);

/// Builds the network `spec` describes, drawing from the run's network stream
/// (`Streams::new(seed).stream(0, Phase::Network)`).
///
/// Deterministic: the same `spec` and `seed` give the same graph, tie for tie. Node ids are
/// `0..n`; the graph is simple (no self-loops, no multi-ties).
///
/// # Errors
/// [`NetworkError::Impossible`] when the parameters admit no graph (for example `k >= n`, an
/// odd `n · k` for a regular graph, a probability outside `[0, 1]`, no nodes at all), or when
/// the graph would exceed [`MAX_NODES`] nodes or [`MAX_TIES`] ties.
pub fn generate(spec: &NetworkSpec, seed: u64) -> Result<Network, NetworkError> {
    let mut rng = Streams::new(seed).stream(0, Phase::Network);
    match spec {
        &NetworkSpec::Isolated { n } => {
            check_nodes("isolated network", n)?;
            plain(n, Vec::new())
        }
        &NetworkSpec::Complete { n } => {
            check_nodes("complete network", n)?;
            check_ties("complete network", pairs(n) as f64)?;
            plain(n, lattice::complete(n))
        }
        &NetworkSpec::Ring { n, k } => {
            check_ring("ring lattice", n, k)?;
            plain(n, lattice::ring(n, k))
        }
        &NetworkSpec::Lattice {
            width,
            height,
            neighbourhood,
            periodic,
        } => {
            let n = lattice::check(width, height, periodic)?;
            let edges = lattice::square(width, height, neighbourhood, periodic);
            let mut net = plain(n, edges)?;
            net.lattice = Some((width, height));
            Ok(net)
        }
        &NetworkSpec::ErdosRenyiGnp { n, p } => {
            let what = "Erdős–Rényi G(n, p) network";
            check_nodes(what, n)?;
            check_probability(what, "p", p)?;
            check_ties(what, p * pairs(n) as f64)?;
            plain(n, erdos_renyi::gnp(&mut rng, n, p))
        }
        &NetworkSpec::ErdosRenyiGnm { n, m } => {
            let what = "Erdős–Rényi G(n, m) network";
            check_nodes(what, n)?;
            if m as u128 > pairs(n) {
                return Err(impossible(format!(
                    "{what}: m = {m} ties do not fit among n = {n} firms, which have only {} \
                     distinct pairs",
                    pairs(n)
                )));
            }
            check_ties(what, m as f64)?;
            plain(n, erdos_renyi::gnm(&mut rng, n, m))
        }
        &NetworkSpec::WattsStrogatz { n, k, p } => {
            let what = "Watts–Strogatz network";
            check_ring(what, n, k)?;
            check_probability(what, "p", p)?;
            plain(n, small_world::watts_strogatz(&mut rng, n, k, p))
        }
        &NetworkSpec::BarabasiAlbert { n, m } => {
            let what = "Barabási–Albert network";
            check_nodes(what, n)?;
            if m == 0 || m >= n {
                return Err(impossible(format!(
                    "{what}: each new firm makes m ties to distinct older firms, so m must be at \
                     least 1 and less than n (got n = {n}, m = {m})"
                )));
            }
            // A star on m + 1 nodes (m ties), then m ties for each of the other n - m - 1 nodes.
            check_ties(what, (m as f64) * ((n - m) as f64))?;
            plain(n, preferential::barabasi_albert(&mut rng, n, m))
        }
        &NetworkSpec::RandomRegular { n, k } => {
            let what = "random regular network";
            check_nodes(what, n)?;
            if k >= n {
                return Err(impossible(format!(
                    "{what}: a firm has at most n - 1 = {} partners, so k must be less than n \
                     (got n = {n}, k = {k})",
                    n - 1
                )));
            }
            if (n as u128 * k as u128) % 2 == 1 {
                return Err(impossible(format!(
                    "{what}: n · k must be even, since every tie has two ends (got n = {n}, \
                     k = {k})"
                )));
            }
            check_ties(what, n as f64 * k as f64 / 2.0)?;
            plain(n, regular::random_regular(&mut rng, n, k))
        }
        NetworkSpec::StochasticBlock { sizes, p_in, p_out } => {
            let what = "stochastic block network";
            if sizes.is_empty() {
                return Err(impossible(format!("{what}: give at least one block size")));
            }
            if let Some(b) = sizes.iter().position(|&s| s == 0) {
                return Err(impossible(format!(
                    "{what}: block {b} has size 0; every block needs at least one firm"
                )));
            }
            let n = sizes
                .iter()
                .try_fold(0usize, |acc, &s| acc.checked_add(s))
                .unwrap_or(usize::MAX);
            check_nodes(what, n)?;
            check_probability(what, "p_in", *p_in)?;
            check_probability(what, "p_out", *p_out)?;
            let inside: f64 = sizes.iter().map(|&s| pairs(s) as f64).sum();
            let across = pairs(n) as f64 - inside;
            check_ties(what, p_in * inside + p_out * across)?;
            let (edges, group) = erdos_renyi::stochastic_block(&mut rng, sizes, *p_in, *p_out);
            let mut net = plain(n, edges)?;
            net.group = group;
            Ok(net)
        }
        &NetworkSpec::RandomGeometric {
            n,
            radius,
            periodic,
        } => {
            let what = "random geometric network";
            check_nodes(what, n)?;
            if !(radius.is_finite() && radius >= 0.0) {
                return Err(impossible(format!(
                    "{what}: the radius must be a finite number >= 0 (got {radius})"
                )));
            }
            let area = (std::f64::consts::PI * radius * radius).min(1.0);
            check_ties(what, area * pairs(n) as f64)?;
            let (edges, position) = geometric::random_geometric(&mut rng, n, radius, periodic);
            let mut net = plain(n, edges)?;
            net.position = Some(position);
            Ok(net)
        }
    }
}

/// A network with no attributes (all groups 0, no positions, not a lattice).
fn plain(n: usize, edges: Vec<Edge>) -> Result<Network, NetworkError> {
    check_size(n, edges.len())?;
    debug_assert!(edges
        .iter()
        .all(|&(a, b)| a != b && (a as usize) < n && (b as usize) < n));
    Ok(Network {
        n,
        ties: edges,
        group: vec![0; n],
        position: None,
        lattice: None,
    })
}

/// A network on `n` nodes with `ties` ties must fit the limits.
///
/// # Errors
/// [`NetworkError::Impossible`] when `n` exceeds [`MAX_NODES`] or there are more than
/// [`MAX_TIES`] ties.
pub(super) fn check_size(n: usize, ties: usize) -> Result<(), NetworkError> {
    if n > MAX_NODES {
        return Err(impossible(format!(
            "{n} firms exceed the limit of {MAX_NODES}"
        )));
    }
    if ties > MAX_TIES {
        return Err(impossible(format!(
            "{ties} ties exceed the limit of {MAX_TIES}"
        )));
    }
    Ok(())
}

/// An [`NetworkError::Impossible`] with this message.
fn impossible(message: impl Into<String>) -> NetworkError {
    NetworkError::Impossible(message.into())
}

/// Number of unordered pairs of `n` items, `n (n - 1) / 2`.
fn pairs(n: usize) -> u128 {
    let n = n as u128;
    n * n.saturating_sub(1) / 2
}

/// `n` must be at least 1 and at most [`MAX_NODES`].
fn check_nodes(what: &str, n: usize) -> Result<(), NetworkError> {
    if n == 0 {
        return Err(impossible(format!(
            "{what}: n = 0, but a network needs at least one firm"
        )));
    }
    if n > MAX_NODES {
        return Err(impossible(format!(
            "{what}: n = {n} firms exceed the limit of {MAX_NODES}"
        )));
    }
    Ok(())
}

/// A probability must be a number in `[0, 1]`.
fn check_probability(what: &str, name: &str, p: f64) -> Result<(), NetworkError> {
    if (0.0..=1.0).contains(&p) {
        Ok(())
    } else {
        Err(impossible(format!(
            "{what}: {name} is a probability and must lie in [0, 1] (got {p})"
        )))
    }
}

/// The (expected) number of ties must not exceed [`MAX_TIES`].
fn check_ties(what: &str, expected: f64) -> Result<(), NetworkError> {
    if expected <= MAX_TIES as f64 {
        Ok(())
    } else {
        Err(impossible(format!(
            "{what}: about {expected:.3e} ties exceed the limit of {MAX_TIES}"
        )))
    }
}

/// Ring-lattice degree: even and below `n`.
fn check_ring(what: &str, n: usize, k: usize) -> Result<(), NetworkError> {
    check_nodes(what, n)?;
    if k % 2 == 1 {
        return Err(impossible(format!(
            "{what}: k must be even, since each firm ties to k / 2 neighbours on each side \
             (got k = {k})"
        )));
    }
    if k >= n {
        return Err(impossible(format!(
            "{what}: k must be less than n, since a firm has at most n - 1 partners \
             (got n = {n}, k = {k})"
        )));
    }
    check_ties(what, n as f64 * k as f64 / 2.0)
}

/// A uniform index in `0..n` (`n >= 1`), unbiased.
#[inline]
fn index(rng: &mut ChaCha8Rng, n: usize) -> usize {
    debug_assert!(n >= 1);
    if n <= u32::MAX as usize {
        rng.random_range(0..n as u32) as usize
    } else {
        rng.random_range(0..n as u64) as usize
    }
}

/// A uniform `f64` in `[0, 1)`.
#[inline]
fn unit(rng: &mut ChaCha8Rng) -> f64 {
    rng::unit_f64(rng.next_u64())
}

/// A tie as one sortable key: smaller id in the high half.
#[inline]
fn key(a: u32, b: u32) -> u64 {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    (u64::from(lo) << 32) | u64::from(hi)
}

/// The tie a [`key`] stands for.
#[inline]
fn unkey(k: u64) -> Edge {
    ((k >> 32) as u32, k as u32)
}
