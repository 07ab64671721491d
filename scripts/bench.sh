#!/usr/bin/env bash
# npm run bench [name…]: each benchmark under bench/ (all of them when none is named), one after another.
# Each provisions its own database (and Temporal dev server when it needs one), and prints its figures and ratios.
set -euo pipefail
source "$(dirname "$0")/ensure-deps.sh"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for file in bench/*.ts; do names+=("$(basename "$file" .ts)"); done
fi
# BENCH_VM_WATCHDOG=off: a diagnosis, in every thread (bench/lib/without-vm-watchdog.ts says what it does).
preload=()
if [ "${BENCH_VM_WATCHDOG:-on}" = off ]; then preload=(-r ./bench/lib/without-vm-watchdog.ts); fi
for name in "${names[@]}"; do
  echo "[bench] ${name}"
  TS_NODE_TRANSPILE_ONLY=1 node -r ts-node/register -r tsconfig-paths/register "${preload[@]}" "bench/${name}.ts"
done
