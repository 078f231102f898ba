//! Deterministic generators: the complete graph, the ring lattice and the square lattice.

use super::{check_ties, impossible, Edge, MAX_NODES};
use crate::network::{Neighbourhood, NetworkError};

/// Every pair `(i, j)`, `i < j`, in lexicographic order. **O(n²)**.
pub(super) fn complete(n: usize) -> Vec<Edge> {
    let mut edges = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for i in 0..n as u32 {
        for j in i + 1..n as u32 {
            edges.push((i, j));
        }
    }
    edges
}

/// Ring lattice: `i` tied to `i + j (mod n)` for `j` in `1..=k/2`, in networkx's order
/// (`j` outer, `i` inner). Needs `k` even and `k < n`, so all ties are distinct.
pub(super) fn ring(n: usize, k: usize) -> Vec<Edge> {
    let mut edges = Vec::with_capacity(n * (k / 2));
    for j in 1..=k / 2 {
        for i in 0..n {
            edges.push((i as u32, ((i + j) % n) as u32));
        }
    }
    edges
}

/// Checks a square lattice's size and returns its node count.
pub(super) fn check(width: usize, height: usize, periodic: bool) -> Result<usize, NetworkError> {
    let what = "square lattice";
    if width == 0 || height == 0 {
        return Err(impossible(format!(
            "{what}: width and height must be at least 1 (got {width} × {height})"
        )));
    }
    if periodic && (width < 3 || height < 3) {
        return Err(impossible(format!(
            "{what}: a periodic lattice needs width and height of at least 3, or wrapping \
             around would tie a cell to itself or twice to the same neighbour \
             (got {width} × {height})"
        )));
    }
    let n = match width.checked_mul(height) {
        Some(n) if n <= MAX_NODES => n,
        _ => {
            return Err(impossible(format!(
                "{what}: {width} × {height} cells exceed the limit of {MAX_NODES} firms"
            )))
        }
    };
    check_ties(what, 4.0 * n as f64)?;
    Ok(n)
}

/// Square lattice, node of cell `(x, y)` = `y · width + x`. Each cell ties "forward" to
/// `(x+1, y)`, `(x, y+1)` and, for Moore, `(x+1, y+1)` and `(x-1, y+1)`, so every tie is
/// made once. Periodic lattices (`width, height >= 3`) wrap around: degree 4 or 8 everywhere,
/// `2n` or `4n` ties.
pub(super) fn square(
    width: usize,
    height: usize,
    neighbourhood: Neighbourhood,
    periodic: bool,
) -> Vec<Edge> {
    let moore = neighbourhood == Neighbourhood::Moore;
    let n = width * height;
    let mut edges = Vec::with_capacity(if moore { 4 * n } else { 2 * n });
    let (w, h) = (width as i64, height as i64);
    let id = |x: i64, y: i64| -> Option<u32> {
        if periodic {
            Some((y.rem_euclid(h) * w + x.rem_euclid(w)) as u32)
        } else if (0..w).contains(&x) && (0..h).contains(&y) {
            Some((y * w + x) as u32)
        } else {
            None
        }
    };
    let forward: &[(i64, i64)] = if moore {
        &[(1, 0), (0, 1), (1, 1), (-1, 1)]
    } else {
        &[(1, 0), (0, 1)]
    };
    for y in 0..h {
        for x in 0..w {
            let me = (y * w + x) as u32;
            for &(dx, dy) in forward {
                if let Some(other) = id(x + dx, y + dy) {
                    edges.push((me, other));
                }
            }
        }
    }
    edges
}
