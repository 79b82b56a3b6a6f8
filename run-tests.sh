#!/usr/bin/env bash
# Run all tests: installs the Debian packages the tests run (nginx, Chromium) when missing, creates
# .venv if missing, installs the project with its test extra, runs pytest
# (arguments are passed on). Models: STANZA_RESOURCES_DIR, else ../shared/stanza_resources.
set -euo pipefail
cd "$(dirname "$0")"
# Debian packages the tests run for real: nginx, the front (deploy/nginx.conf), in
# tests/integration/test_front.py and bench/attack.py; Chromium and its chromedriver for the
# demo page's browser test.
packages=""
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || packages="$packages nginx-light"
command -v chromium >/dev/null && command -v chromedriver >/dev/null || packages="$packages chromium chromium-driver"
if [ -n "$packages" ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  # shellcheck disable=SC2086
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
fi
VENV=${VENV:-.venv}
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
# torch first, in the same step, so pip takes the CPU wheel
"$VENV/bin/pip" install -q -c constraints.txt torch==2.13.0 -e '.[test]'
export STANZA_RESOURCES_DIR="${STANZA_RESOURCES_DIR:-$(pwd)/../shared/stanza_resources}"
exec "$VENV/bin/python" -m pytest "$@"
