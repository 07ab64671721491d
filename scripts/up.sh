#!/usr/bin/env bash
# npm run up: install what is missing, build, then provision and start everything (scripts/up.ts).
set -euo pipefail
source "$(dirname "$0")/ensure-deps.sh"
echo "[ngk] building…"
npm run --silent build
exec node dist/scripts/up.js
