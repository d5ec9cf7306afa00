#!/usr/bin/env python3
"""co2e batch on Spark: spark-submit examples/spark_batch.py 'logs/*.csv' --factors f.csv --pue 1.2

Local mode by default (local[*,4]: a thread per core, each task tried up to 4 times), any
master with --master (or spark-submit's own --master, which wins). Each file is cut into byte
ranges (--block-size); the ranges are spread over partitions, each partition runs `co2e batch
FILE --range A..B --partial ...` per range and merges its partials with `co2e batch --merge
... --partial`; RDD.treeReduce merges those the same way, and the last `co2e batch --merge`
runs here with the output options given (--out, --json, --on-error, ...). A failed task is run
again by Spark; a partial given twice would be refused by the merge.

The executors run co2e (the static binary from README's install line) with this script's
working directory, from --co2e PATH or PATH. On a cluster, ship the binary with spark-submit
--files /usr/local/bin/co2e --co2e ./co2e (it lands in each executor's working directory) or
install it at the same path on every node; the logs and factor files must be at the same paths
everywhere (a shared file system). Needs pyspark (pip install pyspark) and a Java runtime
(Debian/Ubuntu: apt-get install openjdk-17-jre-headless).
"""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import co2e_scaleout as so  # noqa: E402


def java_missing():
    home = os.environ.get("JAVA_HOME")
    if home and os.access(os.path.join(home, "bin", "java"), os.X_OK):
        return None
    if shutil.which("java"):
        return None
    return ("Spark needs a Java runtime (17 or 11) and none was found (no java on PATH, no JAVA_HOME). "
            "Install one from the system's packages: apt-get install openjdk-17-jre-headless (Debian, Ubuntu); "
            "dnf install java-17-openjdk-headless (Fedora, RHEL); then run this again")


def main(argv):
    p = so.parser("spark_batch.py", "Spark (local[*,4] by default, or --master URL)")
    p.add_argument("--master", metavar="URL", default=None,
                   help="Spark master (default: spark-submit's --master if given, else local[*,4])")
    p.add_argument("--partitions", metavar="N", type=int, default=None,
                   help="partitions of the map stage (default: 2 per core of the default parallelism)")
    a, rest = p.parse_known_args(argv)
    try:
        job, result = so.split_batch_options(rest)
        # --co2e NAME that is not here names a file shipped with spark-submit --files: each
        # executor finds it with SparkFiles; this driver uses co2e from PATH for the last merge.
        shipped = bool(a.co2e) and not os.path.exists(a.co2e)
        co2e = so.find_co2e(None if shipped else a.co2e)
        files = so.expand(a.patterns)
        if a.partitions is not None and a.partitions < 1:
            raise so.UsageError("--partitions %d is not a partition count; give 1 or more" % a.partitions)
    except so.UsageError as e:
        return so.fail(p.prog, str(e))
    code, err = so.preflight(co2e, files[0], job, os.getcwd())
    if code != 0:
        sys.stderr.write(err)
        return code
    why = java_missing()
    if why:
        return so.fail(p.prog, why)
    try:
        from pyspark import SparkConf, SparkContext
    except ImportError:
        return so.fail(p.prog, "pyspark is not installed: pip install pyspark")

    # The executors' Python is this one (with pyspark), unless the user chose another.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    conf = SparkConf().setAppName("co2e batch")
    if a.master:
        conf.setMaster(a.master)
    elif not conf.contains("spark.master"):
        conf.setMaster("local[*,4]")
    sc = SparkContext(conf=conf)
    sc.setLogLevel("WARN")
    cwd = os.getcwd()
    try:
        sc.addPyFile(so.__file__)
        tasks = so.plan(files, a.block_size)
        parts = min(len(tasks), a.partitions or 2 * sc.defaultParallelism)
        fail_once, job_, fan, name = a.fail_once, job, a.fan_in, os.path.basename(a.co2e or "")

        def binary():
            if not shipped:
                return co2e
            from pyspark import SparkFiles
            path = SparkFiles.get(name)
            if not os.access(path, os.X_OK):
                os.chmod(path, 0o755)
            return path

        def map_partition(it):
            import co2e_scaleout as w
            exe = binary()
            partials = [w.run_range(t, exe, job_, cwd, fail_once) for t in it]
            return [w.merge(partials, exe, cwd)] if partials else []

        def reduce_pair(x, y):
            import co2e_scaleout as w
            return w.merge([x, y], binary(), cwd)

        merged = sc.parallelize(tasks, parts).mapPartitions(map_partition)
        depth = 2 if parts <= fan * fan else 3
        partial = merged.treeReduce(reduce_pair, depth=depth)
    except Exception as e:  # a task that failed on every try: Spark's error names it
        text = str(e)
        cause = next((line for line in text.splitlines() if "TaskFailed" in line), text.splitlines()[0] if text else repr(e))
        return so.fail(p.prog, cause)
    finally:
        sc.stop()
    return so.finish(partial, co2e, result, cwd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
