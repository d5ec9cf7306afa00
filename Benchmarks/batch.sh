#!/usr/bin/env bash
# co2e batch beside polars and duckdb, through the shared driver ../shared/peer-bench/bench.py
# (correctness check against the generator's exact answer, hyperfine median, peak RSS), for the
# annual and hourly jobs at 1 and 2 threads. Prints bench.py's Markdown table.
#
#   bash Benchmarks/batch.sh                 # 1k, 1m and 10m rows, 5 runs each
#   SIZES=10m RUNS=10 bash Benchmarks/batch.sh
#
# Data (gen_data.py, deterministic) goes to Benchmarks/data/ and polars/duckdb to
# Benchmarks/.venv/, both git-ignored. Needs hyperfine and GNU time (apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
peer=${PEER_BENCH:-../shared/peer-bench}
data=Benchmarks/data
sizes=${SIZES:-1k,1m,10m}
runs=${RUNS:-5}

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if ! Benchmarks/.venv/bin/python -c 'import polars, duckdb' 2>/dev/null; then
  python3 -m venv Benchmarks/.venv
  Benchmarks/.venv/bin/pip install -q polars duckdb
fi
py=$(pwd)/Benchmarks/.venv/bin/python

mkdir -p "$data"
gen() {  # rows tag [--skip-factors]
  [ -f "$data/manifest_$2.json" ] || python3 "$peer/gen_data.py" --rows "$1" --tag "$2" --outdir "$data" ${3:-} 2>/dev/null
}
[ -f "$data/factors_hourly.csv" ] || rm -f "$data/manifest_1k.json"
gen 1000 1k
gen 1000000 1m --skip-factors
case "$sizes" in *10m*) gen 10000000 10m --skip-factors ;; esac

swift build -c release --product co2e >/dev/null
bin=$(swift build -c release --show-bin-path)/co2e
wrap=$(pwd)/Benchmarks/co2e-out.sh   # --out /dev/null (the driver's timing runs) becomes --csv

args=()
for t in 1 2; do
  args+=(--annual-cmd "co2e-${t}t=$wrap $bin batch {workload} --factors {factors} --pue 1.2 --threads $t --out {out}")
  args+=(--hourly-cmd "co2e-${t}t=$wrap $bin batch {workload} --hourly-factors {factors} --pue 1.2 --threads $t --out {out}")
  for tool in polars duckdb; do
    args+=(--annual-cmd "$tool-${t}t={python} $peer/batch_$tool.py {workload} {factors} --threads $t --out {out}")
    args+=(--hourly-cmd "$tool-${t}t={python} $peer/batch_$tool.py {workload} {factors} --hourly --threads $t --out {out}")
  done
done
python3 "$peer/bench.py" --data "$data" --python "$py" --tools none --jobs annual,hourly --sizes "$sizes" \
  --runs "$runs" --warmup 1 --json "$data/batch-bench.json" "${args[@]}"
