#!/usr/bin/env bash
# CI: co2e batch on Dask and Spark (examples/dask_batch.py, examples/spark_batch.py) against one
# co2e batch over the same 1 M rows, bit for bit, plus a killed task retried and a duplicated
# partial refused (examples/test_scaleout.py). Installs dask[distributed], pyspark and pytest
# from PyPI into .build/scaleout-venv, and Java from the system's packages when it is missing.
# Needs the debug build (.ci/run builds it first) and ../shared/peer-bench/gen_data.py.
set -euo pipefail
cd "$(dirname "$0")/.."

export PEER_BENCH="${PEER_BENCH:-$PWD/../shared/peer-bench}"
if [ ! -f "$PEER_BENCH/gen_data.py" ]; then
  echo "CI scaleout: SKIPPED: the data generator $PEER_BENCH/gen_data.py is not here (the checkout needs ../shared/peer-bench beside it, or PEER_BENCH naming it)" >&2
  exit 0
fi

venv=.build/scaleout-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import dask.distributed, pyspark, pytest' 2>/dev/null; then
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install -q 'dask[distributed]' pyspark pytest; then
    echo "CI scaleout: SKIPPED: pip could not install dask[distributed], pyspark and pytest from PyPI (above)." >&2
    exit 0
  fi
fi

if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  echo "CI scaleout: no Java runtime; installing openjdk-17-jre-headless from the system's packages"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; } || true
fi
if ! command -v java >/dev/null 2>&1 && [ -z "${JAVA_HOME:-}" ]; then
  export SCALEOUT_SKIP_SPARK="no Java runtime, and apt-get install openjdk-17-jre-headless failed: the Spark tests are skipped"
  echo "CI scaleout: $SCALEOUT_SKIP_SPARK" >&2
fi

[ -x .build/debug/co2e ] || swift build --product co2e
export CO2E="$PWD/.build/debug/co2e"
export SCALEOUT_DATA="$PWD/.build/scaleout-test"
rm -rf "$SCALEOUT_DATA"
# spark-submit finds pyspark through the python3 on PATH
PATH="$PWD/$venv/bin:$PATH" "$venv/bin/python" -m pytest -q -p no:cacheprovider examples/test_scaleout.py
