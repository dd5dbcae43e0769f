#!/usr/bin/env bash
# README's test command: on a fresh clone, installs what the suite needs
# (Debian's Chromium; Debian's Prometheus, nginx, node_exporter and Alertmanager for the
# differential, remote-write, dashboard-import and Alertmanager checks; npm packages) and
# runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
command -v "${VIGIL_CHROMIUM:-/usr/bin/chromium}" >/dev/null 2>&1 || missing+=(chromium)
command -v prometheus >/dev/null 2>&1 || missing+=(prometheus)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/prometheus-node-exporter ] || missing+=(prometheus-node-exporter)
[ -x /usr/bin/prometheus-alertmanager ] || missing+=(prometheus-alertmanager)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
npm test
