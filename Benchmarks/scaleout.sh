#!/usr/bin/env bash
# The big runs of README's "Past one machine": N x 10 M rows (the peer benchmark's generator,
# 322.7 MB a file) through examples/dask_batch.py (LocalCluster) and examples/spark_batch.py
# (local[*,4]) beside one co2e process over the same files, each result checked against N x the
# generator's exact expected sums (decimal equality, no tolerance).
#
# The N files are hard links to one generated file (distinct names, so distinct inputs to the
# partials and the merge; one file's bytes on disk and in the page cache): 1 billion rows cost
# 323 MB of disk, and the runs measure co2e, the engine and the merge, not the disk.
#
#   Benchmarks/scaleout.sh [DASK_FILES [SPARK_FILES]]     # default 100 (1 B rows) and 10 (100 M)
# Env: CO2E (default .build/release/co2e: build it with README's install line), VENV (with dask
# and pyspark; default .build/scaleout-venv, see .ci/scaleout.sh), DATA (default .build/scaleout-big),
# ENGINES (default "one dask spark").
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dask_files=${1:-100}
spark_files=${2:-10}
co2e=${CO2E:-$root/.build/release/co2e}
venv=${VENV:-$root/.build/scaleout-venv}
data=${DATA:-$root/.build/scaleout-big}
engines=${ENGINES:-one dask spark}
[ -x "$co2e" ] || { echo "no co2e at $co2e: swift build -c release --static-swift-stdlib" >&2; exit 2; }
mkdir -p "$data"
cd "$data"
if [ ! -f workload_10m.csv ]; then
  python3 "$root/../shared/peer-bench/gen_data.py" --rows 10000000 --tag 10m --outdir .
fi
mk() {  # mk DIR N: N hard links to the 10 M-row file
  rm -rf "$1"; mkdir -p "$1"
  for ((k = 0; k < $2; k++)); do ln workload_10m.csv "$(printf '%s/w%03d.csv' "$1" "$k")"; done
}
check() {  # check RESULT N: RESULT equals N x expected_10m_annual.csv exactly
  python3 - "$1" "$2" <<'PY'
import csv, sys
from decimal import Decimal
n = int(sys.argv[2])
got = {r[0]: Decimal(r[1]) for r in csv.reader(open(sys.argv[1])) if r[0] != "region"}
want = {r[0]: Decimal(r[1]) * n for r in csv.reader(open("expected_10m_annual.csv")) if r[0] != "region"}
bad = [k for k in want if got.get(k) != want[k]] + [k for k in got if k not in want]
print("  %s: %s (%d groups, TOTAL %s kg)" % (sys.argv[1], "EXACT" if not bad else "DIFFERS at %s" % bad[:5], len(got), got.get("TOTAL")))
sys.exit(1 if bad else 0)
PY
}
timed() {  # timed LABEL ROWS CMD...: wall seconds and rows per second
  local label=$1 rows=$2; shift 2
  local t0 t1; t0=$(date +%s.%N)
  nice "$@" > "$label.log" 2>&1 || { echo "$label failed:"; tail -20 "$label.log"; exit 1; }
  t1=$(date +%s.%N)
  python3 -c "import sys; s=float(sys.argv[2])-float(sys.argv[1]); print('  %-28s %6.1f s  %12s rows/s' % (sys.argv[3], s, format(int(int(sys.argv[4])/s), ',')))" "$t0" "$t1" "$label" "$rows"
}
export PATH="$venv/bin:$PATH"
echo "$(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ), co2e $("$co2e" version 2>/dev/null | head -1)"
for run in dask:$dask_files spark:$spark_files; do
  engine=${run%%:*}; n=${run##*:}
  case " $engines " in *" $engine "*) ;; *) continue ;; esac
  rows=$((n * 10000000))
  mk "$engine-logs" "$n"
  echo "$engine: $n files, $rows rows, $((n * 323)) MB (in the page cache: one file's 323 MB)"
  cat workload_10m.csv > /dev/null
  if [[ " $engines " == *" one "* ]]; then
    timed "one-$engine" "$rows" "$co2e" batch "$engine"-logs/*.csv --factors factors_annual.csv --pue 1.2 --out "one-$n.csv"
    check "one-$n.csv" "$n"
  fi
  if [ "$engine" = dask ]; then
    timed "dask-$n" "$rows" "$venv/bin/python" "$root/examples/dask_batch.py" "dask-logs/*.csv" --factors factors_annual.csv --pue 1.2 --out "dask-$n.csv" --co2e "$co2e"
  else
    timed "spark-$n" "$rows" spark-submit "$root/examples/spark_batch.py" "spark-logs/*.csv" --factors factors_annual.csv --pue 1.2 --out "spark-$n.csv" --co2e "$co2e"
  fi
  check "$engine-$n.csv" "$n"
  if [[ " $engines " == *" one "* ]]; then cmp "one-$n.csv" "$engine-$n.csv" && echo "  $engine-$n.csv and one-$n.csv: the same bytes"; fi
done
