#!/usr/bin/env bash
# Regenerates Tests/Fixtures/codecarbon/emissions.csv with a real codecarbon (from PyPI) run
# offline. codecarbon goes into Benchmarks/.venv (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../../.."
[ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
Benchmarks/.venv/bin/python -c 'import codecarbon' 2>/dev/null || Benchmarks/.venv/bin/pip install -q codecarbon
Benchmarks/.venv/bin/python Tests/Fixtures/codecarbon/make_fixture.py
