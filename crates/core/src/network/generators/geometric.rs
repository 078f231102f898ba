//! Random geometric graphs in the unit square (or on the unit torus), found with a cell grid.

use super::{unit, Edge};
use rand_chacha::ChaCha8Rng;

/// Random geometric graph: node `i` at a uniform point of `[0, 1)²` (x then y drawn in node
/// order); `i` and `j` tied when their distance is strictly less than `radius` (on the torus
/// when `periodic`). Returns the ties and the positions.
///
/// Points are bucketed into a grid of cells no smaller than `radius` (and no more cells than
/// points), so each node only looks at its own and the 8 surrounding cells: **O(n + m)** for
/// a fixed mean degree.
pub(super) fn random_geometric(
    rng: &mut ChaCha8Rng,
    n: usize,
    radius: f64,
    periodic: bool,
) -> (Vec<Edge>, Vec<[f64; 2]>) {
    let position: Vec<[f64; 2]> = (0..n).map(|_| [unit(rng), unit(rng)]).collect();
    if radius <= 0.0 {
        return (Vec::new(), position);
    }
    // Cells per side: side 1/c >= radius, and at most about one cell per point.
    let by_radius = if radius >= 1.0 {
        1
    } else {
        (1.0 / radius).floor() as usize
    };
    let by_count = ((n as f64).sqrt().ceil() as usize).max(1);
    let c = by_radius.clamp(1, by_count);
    let cell_of = |p: [f64; 2]| -> usize {
        let cx = ((p[0] * c as f64) as usize).min(c - 1);
        let cy = ((p[1] * c as f64) as usize).min(c - 1);
        cy * c + cx
    };
    // Counting sort of the nodes by cell: members of cell q are order[start[q]..start[q + 1]].
    let mut start = vec![0u32; c * c + 1];
    for &p in &position {
        start[cell_of(p) + 1] += 1;
    }
    for q in 0..c * c {
        start[q + 1] += start[q];
    }
    let mut fill = start.clone();
    let mut order = vec![0u32; n];
    for (i, &p) in position.iter().enumerate() {
        let q = cell_of(p);
        order[fill[q] as usize] = i as u32;
        fill[q] += 1;
    }
    drop(fill);
    // Positions in cell order, so the neighbour scan reads memory sequentially.
    let packed: Vec<[f64; 2]> = order.iter().map(|&i| position[i as usize]).collect();
    let r2 = radius * radius;
    let dist2 = |a: [f64; 2], b: [f64; 2]| -> f64 {
        let mut dx = (a[0] - b[0]).abs();
        let mut dy = (a[1] - b[1]).abs();
        if periodic {
            dx = dx.min(1.0 - dx);
            dy = dy.min(1.0 - dy);
        }
        dx * dx + dy * dy
    };
    let mut edges = Vec::new();
    let mut near: Vec<usize> = Vec::with_capacity(9);
    let ci = c as i64;
    for cy in 0..ci {
        for cx in 0..ci {
            // The distinct cells around (cx, cy); wrapping on a small torus can repeat one.
            near.clear();
            for dy in -1..=1 {
                for dx in -1..=1 {
                    let (x, y) = (cx + dx, cy + dy);
                    let q = if periodic {
                        (y.rem_euclid(ci) * ci + x.rem_euclid(ci)) as usize
                    } else if (0..ci).contains(&x) && (0..ci).contains(&y) {
                        (y * ci + x) as usize
                    } else {
                        continue;
                    };
                    if !near.contains(&q) {
                        near.push(q);
                    }
                }
            }
            let q = (cy * ci + cx) as usize;
            for s in start[q] as usize..start[q + 1] as usize {
                let (i, pi) = (order[s], packed[s]);
                for &nq in &near {
                    let range = start[nq] as usize..start[nq + 1] as usize;
                    for (&j, &pj) in order[range.clone()].iter().zip(&packed[range]) {
                        if j > i && dist2(pi, pj) < r2 {
                            edges.push((i, j));
                        }
                    }
                }
            }
        }
    }
    (edges, position)
}
