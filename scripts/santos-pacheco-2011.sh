#!/bin/sh
# Full-size run of the collective-risk dilemma in a well-mixed population (Santos & Pacheco
# 2011, PNAS 108:10421): Z = 50, c = 0.1, β = 5, mutation 2^-5; cooperation against the risk
# for groups of N = 4, 6, 8 and 12 needing M = N/2 (small groups do better at the same M/N).
# Each sweep: 21 risks × 200 replications of 20 000 steps. Usage: scripts/santos-pacheco-2011.sh [OUT]
set -eu
out=${1:-results/santos-pacheco-2011}
asocia=${ASOCIA:-asocia}
for n in 4 6 8 12; do
  m=$((n / 2))
  "$asocia" sweep scenarios/santos-pacheco-2011.toml --out "$out/N$n" --force \
    --set game.group_size=$n --set game.threshold=$m \
    --set run.steps=20000 --set sweep.replications=200 \
    --set 'sweep.game.risk=[0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0]'
done
