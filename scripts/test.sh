#!/usr/bin/env bash
# npm test: install what is missing, then every Jest project. The integration project starts its own
# Temporal dev server and a fresh PostgreSQL database (test/setup/).
set -euo pipefail
source "$(dirname "$0")/ensure-deps.sh"
exec npx jest --ci "$@"
