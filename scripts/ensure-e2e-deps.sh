#!/usr/bin/env bash
# Installs what the browser journeys need and nothing else: Debian's Chromium (never a
# browser download from elsewhere) and axe-core from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/debian-packages.sh chromium:/usr/bin/chromium npm:npm

if [ ! -f node_modules/axe-core/axe.min.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
