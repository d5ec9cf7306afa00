#!/usr/bin/env python3
"""co2e batch on Dask: python3 examples/dask_batch.py 'logs/*.csv' --grid bundled --by region,month

A dask.distributed LocalCluster (one single-threaded worker process per core) unless
--scheduler ADDR names a running cluster. Each file is cut into byte ranges (--block-size);
each range is one task, `co2e batch FILE --range A..B --partial ...`; the partials are merged
in a tree of co2e's own `--merge ... --partial` tasks (--fan-in at a time) and the last one by
`co2e batch --merge` here, with the output options given (--out, --json, --on-error, ...). A task
whose worker dies is run again by Dask (retries=3); a partial given twice would be refused by
the merge.

The workers run co2e (the static binary from README's install line: it runs copied alone) from
PATH or --co2e PATH, with the working directory of this script, so the files, the factor files
and the binary must be at the same paths on every worker: a shared file system, or copy them
first (for the binary alone, `client.upload_file` does not fit: it ships Python code; copy it
with your cluster's tooling, e.g. into the worker image). Needs: pip install 'dask[distributed]'.
"""
import os
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import co2e_scaleout as so  # noqa: E402


def main(argv):
    p = so.parser("dask_batch.py", "Dask (a LocalCluster, or --scheduler ADDR)")
    p.add_argument("--scheduler", metavar="ADDR", help="a running Dask scheduler (tcp://host:8786); default: a LocalCluster here")
    p.add_argument("--workers", metavar="N", type=int, default=None,
                   help="LocalCluster worker processes (default: the processors online)")
    a, rest = p.parse_known_args(argv)
    try:
        job, result = so.split_batch_options(rest)
        co2e = so.find_co2e(a.co2e)
        files = so.expand(a.patterns)
        if a.workers is not None and a.workers < 1:
            raise so.UsageError("--workers %d is not a worker count; give 1 or more" % a.workers)
    except so.UsageError as e:
        return so.fail(p.prog, str(e))
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        return so.fail(p.prog, "dask.distributed is not installed: pip install 'dask[distributed]'")

    cwd = os.getcwd()
    code, err = so.preflight(co2e, files[0], job, cwd)
    if code != 0:
        sys.stderr.write(err)
        return code
    tasks = so.plan(files, a.block_size)
    run = uuid.uuid4().hex[:12]  # task keys of this run, apart from any other on the same scheduler
    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
    else:
        cluster = LocalCluster(n_workers=a.workers or os.cpu_count() or 1, threads_per_worker=1,
                               processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        client.upload_file(so.__file__)  # the tasks' Python code (the co2e binary is shipped apart)
        level = client.map(so.run_range, tasks, co2e=co2e, job=job, cwd=cwd, fail_once=a.fail_once,
                           retries=3, pure=False, key=["co2e-range-%s-%d" % (run, t[0]) for t in tasks])
        depth = 0
        while len(level) > 1:
            depth += 1
            level = [client.submit(lambda *parts: so.merge(list(parts), co2e, cwd), *level[k:k + a.fan_in],
                                   retries=3, pure=False, key="co2e-merge-%s-%d-%d" % (run, depth, k))
                     for k in range(0, len(level), a.fan_in)]
        partial = level[0].result()
    except so.TaskFailed as e:
        return so.fail(p.prog, str(e))
    except Exception as e:  # the engine gave up (a task's workers died on every try, a lost scheduler)
        return so.fail(p.prog, "Dask: %s: %s" % (type(e).__name__, e))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return so.finish(partial, co2e, result, cwd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
