#!/usr/bin/env bash
# Builds the fuzz targets with the toolchain's libFuzzer and runs each for SECONDS.
#   Fuzz/run.sh SECONDS [TARGET...]      (targets: numbers quantities timestamps csv zonelookup
#                                         hourly json cli batchlog codecarbon factorfiles
#                                         marketfactors partials deals scenario yaml serve
#                                         inventories; default: all)
#   FUZZ_RUNS=N Fuzz/run.sh 0 TARGET     run N inputs instead of a time (SECONDS > 0: at most that long)
#   FUZZ_ASAN=0                          build with -sanitize=fuzzer only (no AddressSanitizer),
#                                        into .build/fuzz-noasan; for long runs of targets whose
#                                        code under test uses no unsafe pointers (default: 1)
#   FUZZ_TIMEOUT=S                       libFuzzer's per-input -timeout (default: 10)
# Each target is a small file here, compiled with swiftc -sanitize=fuzzer,address against
# the library targets built the same way (SwiftPM cannot build fuzz targets). The seed corpus is
# Fuzz/corpus/TARGET (kept in the repo; new finds go to .build/fuzz/corpus/TARGET, not the
# repo). A crash or a violated property stops the run with a non-zero exit and leaves the
# input in .build/fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:?usage: Fuzz/run.sh SECONDS [TARGET...]}
shift
all=(numbers quantities timestamps csv zonelookup hourly json cli batchlog codecarbon factorfiles marketfactors partials deals scenario
     yaml serve inventories)
targets=("${@:-${all[@]}}")
[ $# -eq 0 ] && targets=("${all[@]}")

swiftc=$(command -v swiftc || true)
for d in /opt/swift/usr/bin /usr/share/swift/usr/bin; do
  [ -z "$swiftc" ] && [ -x "$d/swiftc" ] && swiftc="$d/swiftc"
done
if [ -z "$swiftc" ]; then
  echo "Fuzz: skipped: no swiftc on PATH" >&2
  exit 0
fi

sanitize=fuzzer,address
out=$root/.build/fuzz
if [ "${FUZZ_ASAN:-1}" = 0 ]; then
  sanitize=fuzzer
  out=$root/.build/fuzz-noasan
fi
mkdir -p "$out/artifacts"
flags=(-sanitize=$sanitize -O -parse-as-library -g -suppress-warnings -package-name co2e)

# Is libFuzzer usable with this toolchain? Build a probe once.
if [ ! -x "$out/probe" ]; then
  printf '@_cdecl("LLVMFuzzerTestOneInput") public func f(_ d: UnsafePointer<UInt8>, _ n: Int) -> Int32 { 0 }\n' > "$out/probe.swift"
  if ! "$swiftc" "${flags[@]}" "$out/probe.swift" -o "$out/probe" > "$out/probe.log" 2>&1; then
    echo "Fuzz: skipped: this toolchain cannot build libFuzzer targets (swiftc -sanitize=fuzzer failed; see $out/probe.log)" >&2
    exit 0
  fi
fi

# The library targets, instrumented, each rebuilt (with those above it) when a source changed,
# in the order Package.swift layers them.
modules=(CO2eData CO2eCore CO2eGrid CO2eTraining CO2eInference CO2eProjections CO2eCompanies CO2eRemovals CO2eEquivalents
         CO2eBatch CO2eImpact CO2eClaims CO2eKit)
# A library target missing from this list would fail the build far below ("no such module"): name it here.
for d in Sources/CO2e*/; do
  m=$(basename "$d")
  case " ${modules[*]} " in *" $m "*) ;; *)
    echo "Fuzz: Sources/$m is a library target that Fuzz/run.sh's module list lacks; add it in Package.swift's layer order" >&2
    exit 2 ;;
  esac
done
libs=()
stale=0
for m in "${modules[@]}"; do
  lib=$out/lib$m.a
  libs=(-l"$m" "${libs[@]}")   # higher layers first, for the static linker
  if [ "$stale" = 1 ] || [ ! -f "$lib" ] || [ -n "$(find "Sources/$m" -name '*.swift' -newer "$lib")" ]; then
    stale=1
    echo "Fuzz: building $m with -sanitize=$sanitize"
    mapfile -t sources < <(find "Sources/$m" -name '*.swift' | sort)
    "$swiftc" "${flags[@]}" -enable-testing -module-name "$m" -I "$out" -emit-library -static -emit-module \
      -emit-module-path "$out/$m.swiftmodule" -o "$lib" "${sources[@]}" > "$out/build-$m.log" 2>&1 \
      || { cat "$out/build-$m.log" >&2; exit 1; }
  fi
done
lib=$out/libCO2eKit.a

status=0
for t in "${targets[@]}"; do
  src=Fuzz/$t.swift
  [ -f "$src" ] || { echo "Fuzz: no target $t" >&2; exit 2; }
  bin=$out/fuzz-$t
  extra=()
  if [ "$t" = cli ] || [ "$t" = serve ]; then
    mapfile -t extra < <(find Sources/co2e -name '*.swift' ! -name main.swift | sort)
  fi
  # The batch readers' targets share their checks.
  case $t in batchlog|codecarbon|factorfiles|marketfactors) extra=(Fuzz/BatchCommon.swift) ;; esac
  if [ ! -x "$bin" ] || [ -n "$(find Fuzz/Common.swift "$src" "$lib" "${extra[@]}" -newer "$bin" 2>/dev/null)" ]; then
    echo "Fuzz: building $t"
    module=Fuzz_$t
    { [ "$t" = cli ] || [ "$t" = serve ]; } && module=co2e
    "$swiftc" "${flags[@]}" -enable-testing -module-name "$module" -I "$out" -L "$out" "${libs[@]}" \
      Fuzz/Common.swift "$src" "${extra[@]}" -o "$bin" > "$out/build-$t.log" 2>&1 \
      || { grep -v "Cannot export local symbol" "$out/build-$t.log" >&2; exit 1; }
  fi
  corpus=$out/corpus/$t
  mkdir -p "$corpus" "$out/work-$t"
  # With FUZZ_RUNS, SECONDS (if not 0) still caps the time: whichever ends first.
  limit=(-max_total_time="$seconds")
  [ -n "${FUZZ_RUNS:-}" ] && limit+=(-runs="$FUZZ_RUNS")
  echo "Fuzz: running $t (${FUZZ_RUNS:-$seconds s})"
  # The CLI and serve targets run in a scratch folder, so relative paths it tries name nothing of ours.
  # -detect_leaks=0: LeakSanitizer cannot follow Swift's pointers inside multi-payload enums
  # (their spare bits hold the case), so an answer co2e keeps for the process (Memo: a ZoneMatch
  # holding a zone's aliases) reads as a 48-byte "direct leak" though a global holds it. Memory
  # errors are still ASan's to catch, and -rss_limit_mb bounds growth.
  # malloc_context_size=0: ASan records no stack for each allocation, which was a fifth of the
  # partials target's time (137 -> 173 inputs/s). Memory errors are caught as before; a report
  # lacks only where the memory was allocated. For that, rerun the artifact with
  # ASAN_OPTIONS=malloc_context_size=30 (options given in ASAN_OPTIONS override this one).
  if ( cd "$out/work-$t" && SWIFT_BACKTRACE=enable=no ASAN_OPTIONS="malloc_context_size=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}:detect_leaks=0" "$bin" "${limit[@]}" -detect_leaks=0 -seed=1 -timeout="${FUZZ_TIMEOUT:-10}" -rss_limit_mb=2048 -max_len=4096 \
        -artifact_prefix="$out/artifacts/$t-" -print_final_stats=1 "$corpus" "$root/Fuzz/corpus/$t" \
        > "$out/$t.log" 2>&1 ); then
    grep -E "^stat::number_of_executed_units|^stat::average_exec_per_sec|^stat::peak_rss_mb" "$out/$t.log" \
      | sed "s/^/Fuzz: $t: /"
  else
    echo "Fuzz: $t FAILED (property violated or crash); the log's tail:" >&2
    tail -n 30 "$out/$t.log" >&2
    status=1
  fi
done
exit $status
