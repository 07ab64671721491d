#!/usr/bin/env bash
# npm test: install what is missing, then every Jest project. The integration project starts its own
# Temporal dev server and a fresh PostgreSQL database (test/setup/).
set -euo pipefail
source "$(dirname "$0")/ensure-deps.sh"
bash "$(dirname "$0")/ensure-chromium.sh"
mkdir -p test-artifacts
status=0
npx jest --ci --json --outputFile=test-artifacts/jest-results.json "$@" || status=$?
# A plain closing line any CI can read.
if [ -f test-artifacts/jest-results.json ]; then
  node -e 'const r = require("./test-artifacts/jest-results.json");
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);'
fi
exit "$status"
