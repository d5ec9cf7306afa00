#!/usr/bin/env bash
# CI: runs .ci/impact_shell_test.js (co2e impact through Impact Framework's Shell-plugin steps
# with js-yaml) against the co2e binary given. Installs Node.js and js-yaml from the system's
# packages when missing; skips with a message when they cannot be installed.
set -euo pipefail
cd "$(dirname "$0")/.."
co2e=${1:?usage: .ci/impact_shell.sh CO2E_BINARY}
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
has_yaml() { command -v node >/dev/null 2>&1 && node -e "require('js-yaml')" >/dev/null 2>&1; }
if ! has_yaml; then
  echo "CI impact shell: installing js-yaml (node-js-yaml) from the system's packages"
  pkgs=(node-js-yaml)
  command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"; } >/dev/null 2>&1 || true
fi
if ! has_yaml; then
  echo "CI impact shell: SKIPPED: Node.js with js-yaml could not be installed (apt-get install nodejs node-js-yaml failed)" >&2
  exit 0
fi
node .ci/impact_shell_test.js "$co2e"
