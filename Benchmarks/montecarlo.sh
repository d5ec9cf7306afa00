#!/usr/bin/env bash
# The peer benchmark's Monte Carlo job (../shared/peer-bench/README.md: 10 M samples of a product
# of five uncertain factors): `co2e montecarlo` (release build) on one thread and on two, beside
# numpy, timed in one run by the peers' own driver, bench.py (hyperfine median after a warm-up,
# peak RSS from GNU time). Prints bench.py's Markdown table, then each tool's result line.
#
#   bash Benchmarks/montecarlo.sh              # SAMPLES=10000000 RUNS=5 by default
#
# numpy comes from the peers' venv if it exists, else Benchmarks/.venv (created here). The
# machine sets OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for old OpenBLAS builds; they slow a current
# numpy, so they are unset for the bench.py command alone (see the environment notes).
set -euo pipefail
cd "$(dirname "$0")/.."
peer=${PEER_BENCH:-$(cd .. && pwd)/shared/peer-bench}
samples=${SAMPLES:-10000000}
runs=${RUNS:-5}

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ -x "$peer/venv/bin/python" ]; then
  py="$peer/venv/bin/python"
else
  [ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
  Benchmarks/.venv/bin/python -c "import numpy" 2>/dev/null || Benchmarks/.venv/bin/pip install -q numpy
  py="$(pwd)/Benchmarks/.venv/bin/python"
fi

swift build -c release --product co2e >/dev/null
bin=$(swift build -c release --show-bin-path)/co2e
out=$(mktemp)
trap 'rm -f "$out"' EXIT

env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$py" "$peer/bench.py" --python "$py" --tools numpy --jobs mc \
  --samples "$samples" --runs "$runs" \
  --mc-cmd "co2e-1thr=$bin montecarlo --samples {samples} --threads 1" \
  --mc-cmd "co2e-2thr=$bin montecarlo --samples {samples} --threads 2" \
  --json "$out"
echo
"$py" - "$out" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
numpy = next((r for r in rows if r["tool"] == "numpy"), None)
for r in rows:
    ratio = f"  {r['median_s'] / numpy['median_s']:.2f}x numpy's time" if numpy else ""
    print(f"{r['tool']:10} {r['check']}{ratio}")
PY
