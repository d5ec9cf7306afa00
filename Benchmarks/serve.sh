#!/usr/bin/env bash
# co2e serve against one process per question (release build, pinned to one core with taskset):
# N small training requests (default 100,000: `training --energy XGWh --grid ZONE`, 40 energies
# x 10 grids, each with its id) through one `co2e serve`, timed as a whole process with GNU time
# (wall time, peak RSS); the same requests as separate `co2e training ... --json` processes,
# of which a sample of P (default 2,000) is timed and scaled to N (said so in the output).
# Memory flat: the peak RSS of serve on the first 1,000 requests beside the peak on all N.
# Checks that serve's answers equal the processes' --json for the sampled requests.
#
#   bash Benchmarks/serve.sh              # N=100000 P=2000
#   PROFILE=1 bash Benchmarks/serve.sh    # also callgrind on 3,000 requests (top functions)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${N:-100000}
p=${P:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
swift build -c release --product co2e >/dev/null
bin="$(swift build -c release --show-bin-path)/co2e"
pin=(taskset -c 0)
command -v taskset >/dev/null || pin=()

python3 - "$n" "$work" <<'PY'
import json, sys
n, work = int(sys.argv[1]), sys.argv[2]
grids = ["US", "FR", "DE", "IE", "GB", "SE", "PL", "IN", "CN", "JP"]
with open(f"{work}/requests.jsonl", "w") as r, open(f"{work}/argv.txt", "w") as a:
    for i in range(n):
        energy, grid = f"{10 + i % 40}GWh", grids[(i // 40) % len(grids)]
        r.write(json.dumps({"id": i, "command": "training", "args": {"energy": energy, "grid": grid}},
                           separators=(",", ":")) + "\n")
        a.write(f"{energy} {grid}\n")
PY
head -n 1000 "$work/requests.jsonl" > "$work/first.jsonl"

measure() {  # measure INPUT OUTPUT -> "seconds peak_kib"
  /usr/bin/time -f "%e %M" -o "$work/time" "${pin[@]}" "$bin" serve < "$1" > "$2"
  cat "$work/time"
}
read -r t_first rss_first < <(measure "$work/first.jsonl" "$work/first.out")
read -r t_all rss_all < <(measure "$work/requests.jsonl" "$work/all.out")
[ "$(wc -l < "$work/all.out")" -eq "$n" ] || { echo "serve answered $(wc -l < "$work/all.out") of $n requests" >&2; exit 1; }
if grep -q '"error"' "$work/all.out"; then echo "serve answered with errors:" >&2; grep -m3 '"error"' "$work/all.out" >&2; exit 1; fi

# Separate processes: the first P requests, one process each, in one shell loop on the same core.
head -n "$p" "$work/argv.txt" > "$work/sample.txt"
start=$(date +%s.%N)
"${pin[@]}" bash -c 'while read -r e g; do "$0" training --energy "$e" --grid "$g" --json; done < "$1" > "$2"' \
  "$bin" "$work/sample.txt" "$work/processes.out"
end=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/ptime" "$bin" training --energy 10GWh --grid US --json > /dev/null

python3 - "$work" "$n" "$p" "$t_first" "$rss_first" "$t_all" "$rss_all" "$start" "$end" "$(cat "$work/ptime")" <<'PY'
import json, sys
work, n, p = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
t_first, rss_first, t_all, rss_all = float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7])
t_proc, rss_proc = float(sys.argv[9]) - float(sys.argv[8]), int(sys.argv[10])
# The processes' documents, one pretty JSON object each, against serve's results for the same ids.
decoder, text, docs, i = json.JSONDecoder(), open(f"{work}/processes.out").read(), [], 0
while len(docs) < p:
    while text[i].isspace(): i += 1
    doc, i = decoder.raw_decode(text, i)
    docs.append(doc)
with open(f"{work}/all.out") as f:
    for k, (line, doc) in enumerate(zip(f, docs)):
        r = json.loads(line)
        assert r["id"] == k and r["result"] == doc, f"request {k}: serve's result differs from the process's --json"
print(f"## co2e serve: {n:,} training requests on one core (release build)\n")
print("| | requests | wall time | requests/s | peak RSS |")
print("|---|---:|---:|---:|---:|")
print(f"| one `co2e serve`, first 1,000 requests | 1,000 | {t_first:.2f} s | {1000 / t_first:,.0f} | {rss_first / 1024:.1f} MiB |")
print(f"| one `co2e serve`, all requests | {n:,} | {t_all:.2f} s | {n / t_all:,.0f} | {rss_all / 1024:.1f} MiB |")
print(f"| separate `co2e training --json` processes, {p:,} timed | {p:,} | {t_proc:.2f} s | {p / t_proc:,.0f} | {rss_proc / 1024:.1f} MiB each |")
print(f"| separate processes, scaled to {n:,} (x{n / p:g}) | {n:,} | {t_proc * n / p:.0f} s | {p / t_proc:,.0f} | |")
print(f"\nserve: {t_proc / p * 1e3:.2f} ms per process vs {t_all / n * 1e6:.0f} us per request in serve "
      f"({(t_proc / p) / (t_all / n):.0f}x); peak RSS {rss_first / 1024:.1f} MiB after 1,000 requests, "
      f"{rss_all / 1024:.1f} MiB after {n:,}; the {p:,} sampled answers equal the processes' --json.")
PY

if [ "${PROFILE:-0}" = 1 ] && command -v valgrind >/dev/null; then
  head -n 3000 "$work/requests.jsonl" > "$work/profile.jsonl"
  valgrind --tool=callgrind --callgrind-out-file="$work/cg.out" "$bin" serve < "$work/profile.jsonl" > /dev/null 2>"$work/vg.log"
  echo
  echo "## callgrind, 3,000 requests: inclusive instructions, top functions"
  callgrind_annotate --inclusive=yes "$work/cg.out" 2>/dev/null | sed -n '1,60p' | grep -E "^ *[0-9,]+ " | head -40 | cut -c1-200
fi
