"""What dask_batch.py and spark_batch.py share: the command line, the plan of byte ranges, the
map task (one `co2e batch FILE --range A..B --partial`) and the reduce (`co2e batch --merge
... --partial`), and the final merge that prints or writes the result.

The engines only move text: every sum, check and message is co2e's own. A partial names its
input and byte range and ends in a SHA-256 of its lines (README, "Partial results"), so the
merge refuses a partial given twice, bytes read by two partials and, for the final result, an
input with bytes no partial read. Standard library only.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys
import tempfile

# Options that describe the job: given to every map task (co2e batch FILE --range ... --partial).
JOB_OPTIONS = {"--factors": 1, "--hourly-factors": 1, "--grid": 1, "--year": 1, "--market-factors": 1,
               "--pue": 1, "--by": 1, "--threads": 1}
# Options that say what to do with the result: given to the final merge only.
RESULT_OPTIONS = {"--out": 1, "--on-error": 1, "--json": 0, "--csv": 0, "--summary": 0, "--value": 1, "--partial": 0}
# Options the scripts set themselves.
OWN_OPTIONS = ("--range", "--input-name", "--merge")

DEFAULT_BLOCK = 64 << 20


class UsageError(Exception):
    pass


def parser(prog, engine_help):
    p = argparse.ArgumentParser(
        prog=prog, allow_abbrev=False,
        description="Run `co2e batch` over log files on %s: each file cut into byte ranges, one "
                    "`co2e batch FILE --range A..B --partial` per range, the partials merged by co2e "
                    "(a tree of `--merge ... --partial`, then one `--merge`). The result is bit for bit "
                    "what one `co2e batch` over the same files gives. Every other option is co2e batch's "
                    "own: %s go to each range, %s to the final merge."
                    % (engine_help, ", ".join(JOB_OPTIONS), ", ".join(RESULT_OPTIONS)))
    p.add_argument("patterns", nargs="+", metavar="FILE|GLOB",
                   help="log files or quoted glob patterns ('logs/*.csv'), expanded here in sorted order")
    p.add_argument("--co2e", metavar="PATH",
                   help="the co2e binary on the workers (default: co2e on PATH); the static build from README's install line")
    p.add_argument("--block-size", metavar="BYTES", type=block_size, default=DEFAULT_BLOCK,
                   help="bytes per map task (default %d MiB); co2e reads the lines that start in each range" % (DEFAULT_BLOCK >> 20))
    p.add_argument("--fan-in", metavar="N", type=fan_in, default=16,
                   help="partials merged by one reduce task (default 16)")
    p.add_argument("--fail-once", metavar="DIR",
                   help="testing: the first map task kills its worker process once (a marker file in DIR "
                        "remembers it), to show that the engine retries it and the result stays exact")
    return p


def whole_number(minimum, what, example, unit=""):
    """An argparse type: a whole number from `minimum`, refused with what it is and an example."""
    def parse(text):
        try:
            n = int(text)
        except ValueError:
            n = minimum - 1
        if n < minimum:
            raise argparse.ArgumentTypeError("'%s' is not %s; give a whole number%s from %d, such as %s"
                                             % (text, what, unit, minimum, example))
        return n
    return parse


block_size = whole_number(1, "a block size", "67108864", unit=" of bytes")
fan_in = whole_number(2, "a fan-in", "16")


def split_batch_options(rest):
    """Splits co2e batch's options into the job's (for each range) and the result's (for the
    final merge); refuses what the scripts set themselves and what co2e batch does not take."""
    job, result = [], []
    i = 0
    while i < len(rest):
        arg = rest[i]
        name, eq, inline = arg.partition("=")
        if name in OWN_OPTIONS:
            raise UsageError("%s is set by the script for each task (each range is read with --range and "
                             "merged with --merge); leave it out" % name)
        table = job if name in JOB_OPTIONS else result if name in RESULT_OPTIONS else None
        if table is None:
            raise UsageError("'%s' is not an option of co2e batch these scripts pass on; accepted: %s, %s"
                             % (arg, ", ".join(JOB_OPTIONS), ", ".join(RESULT_OPTIONS)))
        takes = (JOB_OPTIONS if table is job else RESULT_OPTIONS)[name]
        if takes == 0:
            if eq:
                raise UsageError("%s takes no value ('%s')" % (name, arg))
            table.append(name)
        elif eq:
            table += [name, inline]
        else:
            if i + 1 >= len(rest):
                raise UsageError("%s needs a value" % name)
            table += [name, rest[i + 1]]
            i += 1
        i += 1
    if not any(o in job for o in ("--factors", "--hourly-factors", "--grid")):
        raise UsageError("give where the factors come from: --factors FILE, --hourly-factors FILE or --grid ZONE|bundled")
    if "--threads" not in job:
        job += ["--threads", "1"]  # the engine runs the tasks side by side
    return job, result


def find_co2e(given):
    """The co2e binary: --co2e PATH, else co2e on PATH."""
    path = given or shutil.which("co2e")
    if not path:
        raise UsageError("no co2e binary: give --co2e PATH or put co2e on PATH (README, Set up: "
                         "swift build -c release --static-swift-stdlib && cp .build/release/co2e /usr/local/bin/)")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise UsageError("--co2e '%s' is not an executable file" % path)
    return os.path.abspath(path)


def expand(patterns):
    """Each pattern's files, sorted, as written (relative names stay relative: they are the input
    names the partials record, as one co2e batch over the same files records them)."""
    files = []
    for p in patterns:
        if p == "-":
            raise UsageError("'-' (standard input) cannot be cut into ranges for the workers; give files")
        found = sorted(glob.glob(p)) if glob.has_magic(p) else [p]
        if not found:
            raise UsageError("no file matches '%s'" % p)
        for f in found:
            if not os.path.isfile(f):
                raise UsageError("'%s' is not a file" % f)
            if f in files:
                raise UsageError("'%s' is given twice (each file is read once)" % f)
            files.append(f)
    return files


def plan(files, block):
    """One task per byte range: (index, file, start, end); co2e reads the lines that start in
    [start, end), so ranges cut anywhere read every line once."""
    tasks = []
    for f in files:
        size = os.path.getsize(f)
        start = 0
        while True:
            end = min(start + block, size)
            tasks.append((len(tasks), f, start, end))
            if end >= size:
                break
            start = end
    return tasks


class TaskFailed(Exception):
    pass


def run_range(task, co2e, job, cwd, fail_once=None):
    """The map task: the partial of one byte range, as text."""
    index, path, start, end = task
    if fail_once is not None and index == 0:
        marker = os.path.join(fail_once, "failed-task-0")
        try:
            fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
        except FileExistsError:
            pass
        else:
            os.close(fd)
            os._exit(86)  # the worker process dies mid-task: the engine must run it again
    cmd = [co2e, "batch", path, "--range", "%d..%d" % (start, end), "--partial", "--on-error", "skip"] + job
    r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise TaskFailed("%s (exit %d): %s" % (" ".join(cmd), r.returncode, r.stderr.decode(errors="replace").strip()))
    return r.stdout.decode()


def preflight(co2e, path, job, cwd):
    """co2e batch over no bytes of the first file, on the driver: a bad option, factor file or
    header fails here at once with co2e's own message and exit code, not in every task.
    Returns (exit code, standard error)."""
    r = subprocess.run([co2e, "batch", path, "--range", "0..0", "--partial", "--on-error", "skip"] + job,
                       cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return r.returncode, r.stderr.decode(errors="replace")


def merge(partials, co2e, cwd):
    """The reduce: co2e's own merge of several partials into one partial (checked whole,
    exactly once)."""
    if len(partials) == 1:
        return partials[0]
    with tempfile.TemporaryDirectory(prefix="co2e-merge-") as d:
        names = []
        for k, text in enumerate(partials):
            name = os.path.join(d, "part-%05d.jsonl" % k)
            with open(name, "w") as f:
                f.write(text)
            names.append(name)
        cmd = [co2e, "batch", "--merge"] + names + ["--partial", "--on-error", "skip"]
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        raise TaskFailed("co2e batch --merge (%d partials) failed (exit %d): %s"
                         % (len(partials), r.returncode, r.stderr.decode(errors="replace").strip()))
    return r.stdout.decode()


def finish(partial, co2e, result, cwd):
    """The final merge on the driver, with the user's output options: prints or writes the
    result, reports skipped or bad rows once, and returns co2e's exit code."""
    with tempfile.TemporaryDirectory(prefix="co2e-final-") as d:
        name = os.path.join(d, "merged.jsonl")
        with open(name, "w") as f:
            f.write(partial)
        sys.stdout.flush()
        return subprocess.run([co2e, "batch", "--merge", name] + result, cwd=cwd).returncode


def fail(prog, message):
    print("%s: error: %s" % (prog, message), file=sys.stderr)
    return 2
