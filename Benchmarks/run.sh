#!/usr/bin/env bash
# Whole-process benchmarks of co2e (release build), side by side with an empty Swift program
# and, for the hourly job, with pandas. Prints Markdown tables. Needs hyperfine and GNU time
# (installed with apt-get if missing) and python3; pandas goes into Benchmarks/.venv.
#
#   bash Benchmarks/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
if [ ! -x Benchmarks/.venv/bin/python ]; then
  python3 -m venv Benchmarks/.venv
  Benchmarks/.venv/bin/pip install -q pandas
fi

swift build -c release --product co2e >/dev/null
bin=$(swift build -c release --show-bin-path)/co2e
swiftc -O Benchmarks/empty.swift -o "$work/empty"
cp "$bin" "$work/co2e"   # copied alone: the tables travel inside the binary

rss() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }

echo "## Start-up and small estimates (hyperfine, 300 runs after 30 warm-ups)"
echo
cmds=(
  "$work/empty"
  "$work/co2e --version"
  "$work/co2e training --energy 50..60GWh --grid US"
  "$work/co2e training --energy 50..60GWh --grid FR --grid US"
  "$work/co2e training --devices 10000 --device-power 400W --hours 2160 --pue 1.1 --grid us-east-1 --recs 100%"
  "$work/co2e inference --queries 1e9/day --per-query 2.9Wh --grid US --period 1y"
  "$work/co2e inference --model-params 100B --tokens-out 500 --accelerator H100 --grid US"
  "$work/co2e inference --queries 1e9/day --per-query gemini-2025-median --period 1y --break-even 50..60GWh"
  "$work/co2e inference --list-figures"
  "$work/co2e factors US"
  "$work/co2e factors europe-west1 --compare"
  "$work/co2e factors --list"
  "$work/co2e project --scenario iea-2025-base --to 2035"
  "$work/co2e project --scenario morgan-stanley-2024 --cumulative 2024..2030"
  "$work/co2e project --scenario iea-2025-base --sensitivity --to 2030"
)
hyperfine -N --warmup 30 --runs 300 --export-markdown "$work/startup.md" "${cmds[@]}" >/dev/null
sed "s#$work/##g" "$work/startup.md"
echo
echo "| command | peak RSS (KiB) |"
echo "|---|---|"
for c in "${cmds[@]}"; do echo "| ${c#$work/} | $(rss $c) |"; done

echo
echo "## Instructions per run (valgrind callgrind: repeatable whatever else the machine runs)"
echo
if command -v valgrind >/dev/null; then
  echo "| command | instructions |"
  echo "|---|---|"
  for c in "${cmds[@]}"; do
    n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $c 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
    echo "| ${c#$work/} | $n |"
  done
else
  echo "(valgrind not installed)"
fi

echo
echo "## Hourly: 8,760 hours of load against the PJM 2022 hourly series"
echo
python3 Benchmarks/make_load.py "$work/load.csv"
factors="$root/grid-factors/hourly/eia930-pjm-2022.csv"
"$work/co2e" hourly --load "$work/load.csv" --factors "$factors" --fill-gaps linear --json > "$work/co2e.json"
Benchmarks/.venv/bin/python Benchmarks/hourly_pandas.py "$work/load.csv" "$factors" g_co2e_per_kwh > "$work/pandas.txt"
python3 - "$work/co2e.json" "$work/pandas.txt" <<'PY'
import json, sys
est = json.load(open(sys.argv[1]))
ours = next(r for r in est["results"] if r["key"] == "location_based")["value"]["value"]
theirs = float(open(sys.argv[2]).read().split()[0].split("=")[1])
print(f"time-matched kg CO2e: co2e {ours:.6f}, pandas {theirs:.6f}, relative difference {abs(ours - theirs) / theirs:.2e}")
PY
echo
hyperfine -N --warmup 3 --runs 20 --export-markdown "$work/hourly.md" \
  -n co2e "$work/co2e hourly --load $work/load.csv --factors $factors --fill-gaps linear" \
  -n pandas "$root/Benchmarks/.venv/bin/python $root/Benchmarks/hourly_pandas.py $work/load.csv $factors g_co2e_per_kwh" >/dev/null
cat "$work/hourly.md"
echo
echo "| tool | peak RSS (KiB) |"
echo "|---|---|"
echo "| co2e | $(rss "$work/co2e" hourly --load "$work/load.csv" --factors "$factors" --fill-gaps linear) |"
echo "| pandas | $(rss "$root/Benchmarks/.venv/bin/python" Benchmarks/hourly_pandas.py "$work/load.csv" "$factors" g_co2e_per_kwh) |"
