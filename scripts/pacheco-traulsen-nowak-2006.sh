#!/bin/sh
# Full-size runs of active linking (Pacheco, Traulsen & Nowak 2006, PRL 97:258103): N = 100,
# a prisoner's dilemma R = 4, S = 1, T = 5, P = 2 whose link shares φ = (φ_DD, φ_CD, φ_CC) =
# (0.1, 0.4, 0.8) make it harmony (α_D = 0.5, α_C = 1, β_CD = 0.75, β_CC = 0.25,
# β_DD = 2.25), β = 0.01; per time-scale ratio W (0.01 … 100) the fixation frequency of a single
# cooperator over 10000 runs beside two exact fixation probabilities of the fast-linking limit:
# the transformed game's (payoffs at their means) and the simulated process's (payoffs on
# random links), as CSV. The frequency meets them once links are fast and falls below as W
# falls.
# Sizes: ASOCIA_N, ASOCIA_BETA, ASOCIA_BETA_DD (0.375 gives a coordination game), ASOCIA_RUNS.
# Usage: scripts/pacheco-traulsen-nowak-2006.sh [OUT]
set -eu
out=${1:-results/pacheco-traulsen-nowak-2006}
mkdir -p "$out"
cargo test --release -q -p asocia-core --lib \
  classic::coevolution::tests::full_size_pacheco_traulsen_nowak -- --ignored --nocapture \
  | grep -E '^(N,|[0-9])' > "$out/fixation.csv"
cat "$out/fixation.csv"
