#!/bin/sh
# Full-size runs of adjusting ties (Santos, Pacheco & Lenaerts 2006, PLoS Comput Biol 2:e140):
# N = 1000 agents, average degree z = 30 (a random regular start), β = 0.005, a prisoner's
# dilemma R = 1, P = 0, T = 2, S = −0.5, half cooperators; per time-scale ratio W (0 … 8) the
# share of runs ending in full cooperation and the final degree variance, as CSV.
# Sizes can be changed through ASOCIA_N, ASOCIA_Z, ASOCIA_BETA, ASOCIA_T, ASOCIA_S,
# ASOCIA_RUNS (default 100) and ASOCIA_GENERATIONS (default 100000).
# Usage: scripts/santos-pacheco-lenaerts-2006.sh [OUT]   (OUT defaults to results/...)
set -eu
out=${1:-results/santos-pacheco-lenaerts-2006}
mkdir -p "$out"
cargo test --release -q -p asocia-core --lib \
  classic::coevolution::tests::full_size_santos_pacheco_lenaerts -- --ignored --nocapture \
  | grep -E '^(N,|[0-9])' > "$out/full_cooperation.csv"
cat "$out/full_cooperation.csv"
