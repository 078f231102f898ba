#!/bin/sh
# Full-size run of the collective-risk dilemma in the neighbourhood groups of a square lattice
# (200 × 200, von Neumann groups of 5, M = 3, c = 0.1, Fermi K = 0.1): cooperation against the
# risk, with expected and with drawn failures; 11 risks × 10 replications of 5000 steps each.
# Usage: scripts/collective-risk-lattice.sh [OUT]
set -eu
out=${1:-results/collective-risk-lattice}
asocia=${ASOCIA:-asocia}
for draw in expected drawn; do
  "$asocia" sweep scenarios/collective-risk-lattice.toml --out "$out/$draw" --force \
    --set game.risk_draw=\"$draw\" --set network.width=200 --set network.height=200 \
    --set run.steps=5000 --set sweep.replications=10 \
    --set 'sweep.game.risk=[0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]'
done
