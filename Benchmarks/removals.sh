#!/usr/bin/env bash
# Whole-process benchmarks of the removals, net, cost, equivalents and check commands (release
# build), beside an empty Swift program and the plain training estimate. Prints Markdown tables.
# Needs hyperfine (and valgrind for instruction counts).
#
#   bash Benchmarks/removals.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
swift build -c release --product co2e >/dev/null
cp "$(swift build -c release --show-bin-path)/co2e" "$work/co2e"
swiftc -O Benchmarks/empty.swift -o "$work/empty"
cmds=(
  "$work/empty"
  "$work/co2e training --energy 50..60GWh --grid US"
  "$work/co2e training --energy 50..60GWh --grid US --equivalents"
  "$work/co2e removals --list"
  "$work/co2e removals --deal vaulted-deep-2025"
  "$work/co2e net --emissions 15Mt/y --growth 5%/y --portfolio microsoft --from 2025 --to 2040"
  "$work/co2e cost --emissions 22kt --method dac"
  "$work/co2e equivalents 22kt"
  "$work/co2e check gpt4-training-cars"
  "$work/co2e check --list"
)
echo "## Removals commands (hyperfine, 100 runs after 10 warm-ups)"
echo
hyperfine -N --warmup 10 --runs 100 --export-markdown "$work/t.md" "${cmds[@]}" >/dev/null
sed "s#$work/##g" "$work/t.md"
if command -v valgrind >/dev/null; then
  echo
  echo "| command | instructions | peak RSS (KiB) |"
  echo "|---|---|---|"
  for c in "${cmds[@]}"; do
    n=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $c 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
    r=$(/usr/bin/time -f "%M" $c 2>&1 >/dev/null | tail -1)
    echo "| ${c#$work/} | $n | $r |"
  done
fi
