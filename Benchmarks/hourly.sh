#!/usr/bin/env bash
# Issue 29's hourly benchmark: a year of hourly load and two supply series (8,760 rows each)
# against the ERCOT 2022 hourly factors, `co2e hourly` (release build) timed as a whole process
# beside an empty Swift program's start-up. CPU is user+sys from the kernel's accounting of the
# child (os.wait4), the median of RUNS runs after a warm-up (CPU time, not wall time, so other
# work on the machine matters less); peak RSS is the median too. With valgrind installed it
# also counts instructions (callgrind), which repeat exactly whatever else the machine runs.
# Prints a Markdown table.
#
#   bash Benchmarks/hourly.sh                # RUNS=21 by default
#
# Needs python3.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-21}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product co2e >/dev/null
bin=$(swift build -c release --show-bin-path)/co2e
swiftc -O Benchmarks/empty.swift -o "$work/empty"
cp "$bin" "$work/co2e"   # copied alone: the tables travel inside the binary

python3 Benchmarks/make_load.py "$work/load.csv"
python3 Benchmarks/make_supply.py solar "$work/solar.csv" "$work/load.csv" 0.5
python3 Benchmarks/make_supply.py wind "$work/wind.csv" "$work/load.csv" 0.5
factors="$root/grid-factors/hourly/eia930-erco-2022.csv"
hourly=("$work/co2e" hourly --load "$work/load.csv" --factors "$factors" --supply "$work/solar.csv" --supply "$work/wind.csv")
"${hourly[@]}" > "$work/out.txt"   # fails the script if the run fails
grep -m1 "CFE score" "$work/out.txt" | sed 's/^ *//'

# CPU (user+sys, from the kernel's rusage of the child: microseconds, not GNU time's 10 ms
# steps) and peak RSS, the median of RUNS runs after one warm-up; instructions from callgrind.
measure() {  # label, command...
  local label=$1; shift
  local ins="-"
  if command -v valgrind >/dev/null; then
    ins=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
  fi
  python3 - "$runs" "$label" "$ins" "$@" <<'PY'
import os, statistics, subprocess, sys
runs, label, ins, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4:]
def one():
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    assert os.waitstatus_to_exitcode(status) in (0, 1), status
    return (ru.ru_utime + ru.ru_stime) * 1000, ru.ru_maxrss
one()
m = [one() for _ in range(runs)]
cpu = statistics.median(c for c, _ in m)
rss = statistics.median(r for _, r in m)
print(f"| {label} | {cpu:.1f} | {min(c for c, _ in m):.1f} | {rss:.0f} | {ins} |")
PY
}

echo
echo "## Hourly: a year of load and two supply series (8,760 rows each), ERCOT 2022 factors"
echo
echo "| command | CPU user+sys, median of $runs (ms) | fastest (ms) | peak RSS (KiB) | instructions |"
echo "|---|---|---|---|---|"
measure "empty Swift program" "$work/empty"
measure "co2e hourly --load load.csv --factors eia930-erco-2022.csv --supply solar.csv --supply wind.csv" "${hourly[@]}"
