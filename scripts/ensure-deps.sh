# Sourced by the npm entry points: Node 24 first (scripts/ensure-node.sh), then npm packages when
# node_modules is missing, older than the lock, or was installed under another Node major.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/ensure-node.sh
ngk_installed_major=$(cat node_modules/.ngk-node-major 2>/dev/null || true)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] ||
  [ "$ngk_installed_major" != "$(ngk_node_major)" ]; then
  echo "[ngk] installing npm packages (npm ci) for Node $(node --version)…"
  npm ci --no-audit --no-fund --loglevel=error
  # Packages with install scripts build for the Node that ran them: a change of major reinstalls.
  ngk_node_major >node_modules/.ngk-node-major
fi
