"""dask_batch.py and spark_batch.py against one co2e batch over the same files, bit for bit.

Run by .ci/scaleout.sh (pytest). The data come from the peer benchmark's deterministic
generator (../shared/peer-bench/gen_data.py, 1 M rows with its exact expected sums), cut into
three files, plus a small file with bad rows. Environment: CO2E (the binary, default
.build/debug/co2e), SCALEOUT_DATA (a folder to write the data to), PEER_BENCH (the generator's
folder).
"""
import csv
import os
import shutil
import subprocess
import sys
from decimal import Decimal

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import co2e_scaleout as so  # noqa: E402

CO2E = os.path.abspath(os.environ.get("CO2E", os.path.join(ROOT, ".build", "debug", "co2e")))
PEER = os.environ.get("PEER_BENCH", os.path.join(ROOT, "..", "shared", "peer-bench"))
DATA = os.path.abspath(os.environ.get("SCALEOUT_DATA", os.path.join(ROOT, ".build", "scaleout-test")))
PY = sys.executable
SKIP_SPARK = os.environ.get("SCALEOUT_SKIP_SPARK")  # .ci/scaleout.sh's reason, when Java could not be installed
needs_spark = pytest.mark.skipif(bool(SKIP_SPARK), reason=SKIP_SPARK or "")
BLOCK = "1000003"  # bytes per task: cuts fall mid-line, co2e reads the lines that start in each


@pytest.fixture(scope="session")
def data():
    """logs/w1..w3.csv (the generator's 1 M rows cut at line ends), bad/bad.csv (bad rows),
    factors_annual.csv and the generator's exact expected result."""
    done = os.path.join(DATA, "ready")
    if not os.path.exists(done):
        shutil.rmtree(DATA, ignore_errors=True)
        os.makedirs(os.path.join(DATA, "logs"))
        os.makedirs(os.path.join(DATA, "bad"))
        subprocess.run([PY, os.path.join(PEER, "gen_data.py"), "--rows", "1000000", "--tag", "1m", "--outdir", DATA],
                       check=True, stderr=subprocess.DEVNULL)
        with open(os.path.join(DATA, "workload_1m.csv")) as f:
            header = f.readline()
            rows = f.readlines()
        cuts = [0, 333_333, 700_001, len(rows)]
        for k in range(3):
            with open(os.path.join(DATA, "logs", "w%d.csv" % (k + 1)), "w") as f:
                f.write(header)
                f.writelines(rows[cuts[k]:cuts[k + 1]])
        with open(os.path.join(DATA, "bad", "bad.csv"), "w") as f:
            f.write(header)
            f.writelines(rows[:1000])
            f.write("2025-01-01T00:00:00Z,DE,-3\n")          # line 1002: negative kWh
            f.writelines(rows[1000:2000])
            f.write("2025-01-01T00:00:00Z,XX,5\n")           # line 2003: a region without a factor
            f.write("2025-01-01T00:00:00Z,DE,1.5e\n")        # line 2004: not a number
            f.writelines(rows[2000:3000])
        os.remove(os.path.join(DATA, "workload_1m.csv"))
        open(done, "w").close()
    return DATA


def run(cmd, cwd):
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def dask(args, cwd):
    return run([PY, os.path.join(HERE, "dask_batch.py")] + args + ["--co2e", CO2E, "--workers", "2", "--block-size", BLOCK], cwd)


def spark(args, cwd, env=None):
    submit = os.path.join(os.path.dirname(PY), "spark-submit")
    return subprocess.run([submit, os.path.join(HERE, "spark_batch.py")] + args + ["--co2e", CO2E, "--block-size", BLOCK],
                          cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def one_run(args, files, cwd):
    return run([CO2E, "batch"] + files + args, cwd)


def read_result(path):
    with open(path) as f:
        return {r[0]: Decimal(r[1]) for r in csv.reader(f) if r[0] != "region"}


def test_dask_csv_equals_one_run_and_the_exact_sums(data):
    args = ["--factors", "factors_annual.csv", "--pue", "1.2"]
    r = dask(["logs/*.csv"] + args + ["--out", "dask.csv"], data)
    assert r.returncode == 0, r.stderr
    one = one_run(args + ["--out", "one.csv"], ["logs/w1.csv", "logs/w2.csv", "logs/w3.csv"], data)
    assert one.returncode == 0, one.stderr
    with open(os.path.join(data, "dask.csv"), "rb") as a, open(os.path.join(data, "one.csv"), "rb") as b:
        assert a.read() == b.read()
    assert r.stdout.replace("dask.csv", "one.csv") == one.stdout
    # and the generator's exact answer (integer arithmetic), equal as decimals, not within a tolerance
    assert read_result(os.path.join(data, "dask.csv")) == read_result(os.path.join(data, "expected_1m_annual.csv"))


def test_dask_json_with_bad_rows_equals_one_run(data):
    args = ["--grid", "bundled", "--by", "region,month", "--on-error", "skip", "--json"]
    r = dask(["logs/*.csv", "bad/bad.csv"] + args, data)
    one = one_run(args, ["logs/w1.csv", "logs/w2.csv", "logs/w3.csv", "bad/bad.csv"], data)
    assert r.returncode == one.returncode == 0, r.stderr
    assert r.stdout == one.stdout and r.stderr == one.stderr
    assert '"bad/bad.csv"' in r.stdout or "bad/bad.csv" in r.stdout


def test_bad_rows_are_reported_once_after_the_merge_with_file_and_line(data):
    args = ["--factors", "factors_annual.csv"]
    r = dask(["bad/*.csv"] + args, data)
    one = one_run(args, ["bad/bad.csv"], data)
    assert r.returncode == one.returncode == 1
    assert r.stderr == one.stderr
    for line in ("bad/bad.csv:1002: negative_kwh", "bad/bad.csv:2003: unknown_region", "bad/bad.csv:2004: bad_number"):
        assert r.stderr.count(line) == 1, r.stderr


@needs_spark
def test_spark_csv_equals_one_run(data):
    args = ["--factors", "factors_annual.csv", "--pue", "1.2", "--by", "region,day"]
    r = spark(["logs/*.csv"] + args + ["--out", "spark.csv"], data)
    assert r.returncode == 0, r.stderr[-3000:]
    one = one_run(args + ["--out", "one-day.csv"], ["logs/w1.csv", "logs/w2.csv", "logs/w3.csv"], data)
    assert one.returncode == 0, one.stderr
    with open(os.path.join(data, "spark.csv"), "rb") as a, open(os.path.join(data, "one-day.csv"), "rb") as b:
        assert a.read() == b.read()


def test_a_killed_dask_worker_task_is_retried_and_the_result_stays_exact(data, tmp_path):
    args = ["--factors", "factors_annual.csv", "--pue", "1.2", "--json"]
    r = dask(["logs/*.csv"] + args + ["--fail-once", str(tmp_path)], data)
    assert os.path.exists(tmp_path / "failed-task-0")  # the first try did die
    one = one_run(args, ["logs/w1.csv", "logs/w2.csv", "logs/w3.csv"], data)
    assert r.returncode == 0, r.stderr[-3000:]
    assert r.stdout == one.stdout


@needs_spark
def test_a_killed_spark_task_is_retried_and_the_result_stays_exact(data, tmp_path):
    args = ["--factors", "factors_annual.csv", "--pue", "1.2", "--out", "spark-retry.csv"]
    r = spark(["logs/*.csv"] + args + ["--fail-once", str(tmp_path)], data)
    assert os.path.exists(tmp_path / "failed-task-0")
    assert r.returncode == 0, r.stderr[-3000:]
    assert read_result(os.path.join(data, "spark-retry.csv")) == read_result(os.path.join(data, "expected_1m_annual.csv"))


def test_the_merge_refuses_a_duplicated_partial_an_overlap_and_a_gap(data):
    job = ["--factors", "factors_annual.csv", "--threads", "1"]
    size = os.path.getsize(os.path.join(data, "logs", "w1.csv"))
    half = size // 2
    first = so.run_range((1, "logs/w1.csv", 0, half), CO2E, job, data)
    second = so.run_range((2, "logs/w1.csv", half, size), CO2E, job, data)
    assert so.finish(so.merge([first, second], CO2E, data), CO2E, ["--out", "halves.csv"], data) == 0
    # the same partial twice (an engine that counted a retried task's output twice)
    with pytest.raises(so.TaskFailed, match="same partial as one merged already"):
        so.merge([first, second, first], CO2E, data)
    # bytes read by two partials
    overlap = so.run_range((3, "logs/w1.csv", half - 10, size), CO2E, job, data)
    with pytest.raises(so.TaskFailed, match="was read already"):
        so.merge([first, overlap], CO2E, data)
    # a gap: a merged partial may have one, a result may not
    r = run([CO2E, "batch", "--merge", "-"], data)
    assert r.returncode == 1  # nothing given on stdin
    p = subprocess.run([CO2E, "batch", "--merge", "-"], input=first, cwd=data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    assert p.returncode == 1 and ("bytes %d..%d of input 'logs/w1.csv'" % (half, size)) in p.stderr, p.stderr


@pytest.mark.parametrize("args, message", [
    (["nothing/*.csv", "--factors", "factors_annual.csv"], "no file matches 'nothing/*.csv'"),
    (["logs/*.csv", "--factors", "factors_annual.csv", "--range", "0..9"], "--range is set by the script"),
    (["logs/*.csv", "--factors", "factors_annual.csv", "--merge"], "--merge is set by the script"),
    (["logs/*.csv", "--factors", "factors_annual.csv", "--colour", "red"], "'--colour' is not an option of co2e batch"),
    (["logs/*.csv", "--pue", "1.2"], "give where the factors come from"),
    (["-", "--factors", "factors_annual.csv"], "'-' (standard input) cannot be cut into ranges"),
    (["logs/*.csv", "--factors", "factors_annual.csv", "--pue"], "--pue needs a value"),
    (["logs/*.csv", "--factors", "factors_annual.csv", "--json=yes"], "--json takes no value"),
])
def test_bad_input_is_refused_naming_it(data, args, message):
    r = run([PY, os.path.join(HERE, "dask_batch.py")] + args + ["--co2e", CO2E], data)
    assert r.returncode == 2 and message in r.stderr, r.stderr


def test_bad_block_size_and_binary(data):
    r = run([PY, os.path.join(HERE, "dask_batch.py"), "logs/*.csv", "--factors", "f.csv", "--co2e", CO2E, "--block-size", "0"], data)
    assert r.returncode == 2 and "'0' is not a block size" in r.stderr
    r = run([PY, os.path.join(HERE, "dask_batch.py"), "logs/*.csv", "--factors", "f.csv", "--co2e", "logs"], data)
    assert r.returncode == 2 and "--co2e 'logs' is not an executable file" in r.stderr
    env = dict(os.environ, PATH=os.path.dirname(PY))
    r = subprocess.run([PY, os.path.join(HERE, "dask_batch.py"), "logs/*.csv", "--factors", "f.csv"], cwd=data, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 2 and "no co2e binary: give --co2e PATH or put co2e on PATH" in r.stderr


def test_a_bad_batch_option_fails_at_once_with_co2e_s_own_message(data):
    for args in (["--factors", "missing.csv"], ["--factors", "factors_annual.csv", "--pue", "0.5"],
                 ["--grid", "bundled", "--year", "1700"]):
        one = one_run(args, ["logs/w1.csv"], data)
        r = dask(["logs/w1.csv"] + args, data)
        assert r.returncode == one.returncode == 1 or r.returncode == one.returncode == 2, (args, r.stderr)
        assert r.stderr == one.stderr, args


def test_a_task_failing_on_every_try_names_co2e_s_error(data, tmp_path):
    # a line longer than co2e reads, 8 MB into the file: the check on the driver (the header)
    # passes, the task whose range holds it fails on every try, and the engine gives up
    with open(os.path.join(data, "logs", "w1.csv")) as f:
        rows = f.readlines()[:250_000]
    path = tmp_path / "long.csv"
    with open(path, "w") as f:
        f.writelines(rows)
        f.write("2025-01-01T00:00:00Z," + "D" * (2 << 20) + ",1\n")
    one = one_run(["--factors", "factors_annual.csv"], [str(path)], data)
    assert one.returncode == 1 and "%s:250001:" % path in one.stderr, one.stderr
    r = dask([str(path), "--factors", "factors_annual.csv"], data)
    assert r.returncode == 2 and one.stderr.strip() in r.stderr, r.stderr[-2000:]


def test_spark_without_java_says_how_to_install_it(data):
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = os.path.dirname(PY)
    r = subprocess.run([PY, os.path.join(HERE, "spark_batch.py"), "logs/*.csv", "--factors", "factors_annual.csv", "--co2e", CO2E],
                       cwd=data, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert r.returncode == 2 and "apt-get install openjdk-17-jre-headless" in r.stderr, r.stderr
