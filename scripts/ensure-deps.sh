# Sourced by the npm entry points: installs npm packages when node_modules is missing or older than the lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[ngk] installing npm packages (npm ci)…"
  npm ci --no-audit --no-fund --loglevel=error
fi
