#!/usr/bin/env bash
# README's test command: on a fresh clone, installs what the suite needs
# (Debian's Chromium, npm packages) and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v "${VIGIL_CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
npm ci --no-audit --no-fund
npm test
