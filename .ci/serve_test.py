#!/usr/bin/env python3
"""co2e serve, used the way a program in another language would (Python's standard library only).

Starts one `co2e serve` (the debug binary `swift build` made, or the path given as the first
argument), sends GOOD requests over every command serve accepts with BAD bad lines interleaved
(not JSON, too long, an unknown command, a bad argument), and checks:

- every response comes back in order, one line per request line, with the request's id;
- every good request's result equals what the same command prints as a process with `--json`.
  The good requests are drawn from a pool of a few hundred distinct requests (varied numbers,
  grids, options), and each distinct request is run once as a process: so every good answer is
  checked, with a few hundred processes instead of thousands (about a minute on 2 cores);
- every bad line gets an error response (and a bad argument the same code and message as the
  command's own `--json` error on standard error);
- the end of input ends serve with exit code 0 and nothing on standard error.

    python3 .ci/serve_test.py [CO2E_BINARY]        # GOOD=3000 BAD=1000 SEED=27 by default
"""
import concurrent.futures
import json
import os
import random
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOOD = int(os.environ.get("GOOD", "3000"))
BAD = int(os.environ.get("BAD", "1000"))
rng = random.Random(int(os.environ.get("SEED", "27")))


def binary():
    if len(sys.argv) > 1:
        return sys.argv[1]
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    return os.path.join(bin_dir, "co2e")


def make_files(tmp):
    """A small batch log (CSV: timestamp, region, kwh) and an hourly load of 2022."""
    batch = os.path.join(tmp, "workload.csv")
    with open(batch, "w") as f:
        f.write("timestamp,region,kwh\n")
        for i in range(200):
            f.write(f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}T{i % 24:02d}:00:00Z,{['US', 'FR', 'DE', 'IE'][i % 4]},{10 + i % 37}\n")
    load = os.path.join(tmp, "load.csv")
    subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "make_load.py"), load], check=True,
                   stdout=subprocess.DEVNULL)
    return batch, load


def pool(batch, load):
    """A few hundred distinct good requests over every command serve accepts."""
    grids = ["US", "FR", "DE", "IE", "GB", "SE", "PL", "IN", "CN", "JP"]
    p = []
    for _ in range(120):
        lo = rng.randint(1, 90)
        energy = rng.choice([f"{lo}GWh", f"{lo}..{lo + rng.randint(1, 20)}GWh", f"{lo * 10}MWh"])
        args = {"energy": energy, "grid": rng.sample(grids, rng.randint(1, 3))}
        if rng.random() < 0.3:
            args["pue"] = f"1.{rng.randint(0, 5)}"
        if rng.random() < 0.2:
            args["summary"] = True
        p.append(("training", args))
    for _ in range(20):
        p.append(("training", {"devices": str(rng.randint(100, 20000)), "device-power": f"{rng.choice([300, 400, 700])}W",
                               "hours": str(rng.randint(100, 3000)), "pue": "1.1", "grid": rng.choice(grids)}))
    for _ in range(30):
        p.append(("inference", {"queries": f"{rng.randint(1, 9)}e9/day", "per-query": f"{rng.randint(1, 40) / 10}Wh",
                                "grid": rng.choice(grids), "period": "1y"}))
    p.append(("inference", {"model-params": "100B", "tokens-out": "500", "accelerator": "H100", "grid": "US"}))
    for n in (8, 384, 25000):
        p.append(("embodied", {"accelerator": "A100", "count": str(n), "use": "90d"}))
    p.append(("embodied", {"datacenter": "100MW", "building-per-mw": "1000t", "lifetime": "20y"}))
    p.append(("project", {"list": True}))
    p.append(("project", {"scenario": "iea-2025-base", "to": "2035"}))
    p.append(("project", {"scenario": ["iea-2025-base", "morgan-stanley-2024"]}))
    p.append(("project", {"scenario": "morgan-stanley-2024", "cumulative": "2024..2030"}))
    for g in grids:
        p.append(("factors", {"_": [g]}))
    p.append(("factors", {"_": ["DE", "FR", "US"]}))
    p.append(("factors", {"_": ["Ireland"], "year": "2020"}))
    p.append(("factors", {"_": ["us-east-1"]}))
    p.append(("hourly", {"load": load, "factors": os.path.join(ROOT, "grid-factors/hourly/eia930-pjm-2022.csv"),
                         "fill-gaps": "linear"}))
    p.append(("batch", {"_": [batch], "grid": "bundled", "pue": "1.2"}))
    p.append(("batch", {"_": [batch], "grid": "bundled", "by": "region,month"}))
    for s in (1000, 5000, 20000):
        p.append(("montecarlo", {"samples": str(s)}))
    p.append(("removals", {"list": True}))
    p.append(("removals", {"deal": "vaulted-deep-2025"}))
    p.append(("net", {"emissions": "15Mt/y", "growth": "5%/y", "portfolio": "microsoft", "from": "2025", "to": "2040"}))
    p.append(("net", {"company": "microsoft", "portfolio": "microsoft", "to": "2030", "goal": "carbon-negative"}))
    for m in ("dac", "bicrs", "reforestation"):
        p.append(("cost", {"emissions": f"{rng.randint(1, 50)}kt", "method": m}))
    for _ in range(5):
        p.append(("equivalents", {"_": [f"{rng.randint(1, 99)}kt"]}))
    p.append(("check", {"list": True}))
    p.append(("check", {"_": ["microsoft-emissions-23-4"]}))
    p.append(("company", {"list": True}))
    p.append(("company", {"_": ["microsoft"]}))
    p.append(("company", {"_": ["microsoft"], "scope": "3", "by": "category"}))
    seen, out = set(), []
    for c, a in p:
        key = json.dumps([c, a], sort_keys=True)
        if key not in seen:
            seen.add(key)
            out.append((c, a))
    return out


def argv(command, args):
    """The command line a request stands for (what serve builds from its args), with --json."""
    line = [command]
    positionals = []
    for k, v in args.items():
        if k == "_":
            positionals = v if isinstance(v, list) else [v]
        elif v is True:
            line.append(f"--{k}")
        else:
            for item in (v if isinstance(v, list) else [v]):
                line.append(f"--{k}={item}")
    return line + ["--json"] + (["--"] + positionals if positionals else [])


BAD_ARGUMENTS = [
    ("training", {"energy": "abc", "grid": "US"}),
    ("training", {"energy": "50GWh", "grid": "Atlantis"}),
    ("training", {"energy": "-5GWh", "grid": "US"}),
    ("training", {"energy": "50GWh", "grid": "US", "pue": "0.5"}),
    ("training", {"energy": "50GWh", "grid": "US", "no-such-option": "1"}),
    ("factors", {"_": ["Nowhere-land"]}),
    ("inference", {"queries": "lots", "per-query": "2.9Wh", "grid": "US"}),
    ("montecarlo", {"samples": "-3"}),
    ("cost", {"emissions": "22kt", "method": "magic"}),
    ("check", {"_": ["no-such-claim"]}),
]


def bad_line(i):
    """(line, kind): one of the four kinds of bad line, in turn."""
    kind = ["not-json", "too-long", "unknown-command", "bad-argument"][i % 4]
    rid = f"bad-{i}"
    if kind == "not-json":
        return rng.choice(['{"id": 1, "command": ', "not json at all", "[1, 2", '{"id": }', "\u00e9\u00e8 nonsense {"]), kind
    if kind == "too-long":
        return json.dumps({"id": rid, "command": "factors", "args": {"_": ["x" * (1 << 20)]}}), kind
    if kind == "unknown-command":
        return json.dumps({"id": rid, "command": rng.choice(["trainin", "fly", "serve", "impact", ""]), "args": {}}), kind
    c, a = BAD_ARGUMENTS[(i // 4) % len(BAD_ARGUMENTS)]
    return json.dumps({"id": rid, "command": c, "args": a}), kind


def run_process(exe, command, args):
    r = subprocess.run([exe] + argv(command, args), capture_output=True, text=True, cwd=ROOT)
    return r.returncode, r.stdout, r.stderr


def main():
    exe = binary()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        batch, load = make_files(tmp)
        distinct = pool(batch, load)
        commands = sorted({c for c, _ in distinct})

        # The session: GOOD good requests (every distinct one at least once), BAD bad lines between.
        good = list(range(len(distinct))) + [rng.randrange(len(distinct)) for _ in range(GOOD - len(distinct))]
        rng.shuffle(good)
        lines, expect = [], []
        bad_at = set(rng.sample(range(GOOD + BAD), BAD))
        g = b = 0
        for pos in range(GOOD + BAD):
            if pos in bad_at:
                line, kind = bad_line(b)
                lines.append(line)
                expect.append(("bad", kind, BAD_ARGUMENTS[(b // 4) % len(BAD_ARGUMENTS)] if kind == "bad-argument" else None))
                b += 1
            else:
                idx = good[g]
                c, a = distinct[idx]
                request = {"id": pos, "command": c, "args": a}
                lines.append(json.dumps(request, separators=(",", ":")))
                expect.append(("good", idx, pos))
                g += 1

        serve = subprocess.Popen([exe, "serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 cwd=ROOT)

        def feed():
            for line in lines:
                serve.stdin.write(line.encode() + b"\n")
            serve.stdin.close()

        writer = threading.Thread(target=feed)
        writer.start()
        err_chunks = []
        err_reader = threading.Thread(target=lambda: err_chunks.append(serve.stderr.read()))
        err_reader.start()
        responses = [json.loads(l) for l in serve.stdout]
        writer.join()
        err_reader.join()
        code = serve.wait()

        if code != 0:
            failures.append(f"serve exited {code} at the end of input, not 0")
        if err_chunks[0]:
            failures.append(f"serve wrote to standard error: {err_chunks[0][:300]!r}")
        if len(responses) != len(lines):
            failures.append(f"{len(lines)} request lines but {len(responses)} responses")

        # Each distinct good request (and each bad argument) once as a process with --json.
        with concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool_:
            processes = list(pool_.map(lambda ca: run_process(exe, *ca), distinct))
            bad_processes = list(pool_.map(lambda ca: run_process(exe, *ca), BAD_ARGUMENTS))
        for (c, a), (rc, out, err) in zip(distinct, processes):
            if rc != 0:
                failures.append(f"co2e {' '.join(argv(c, a))} exited {rc}: {err.strip()[:300]}")
        bad_expected = {json.dumps(ca, sort_keys=True): json.loads(err.strip().splitlines()[-1])
                        for ca, (rc, out, err) in zip(BAD_ARGUMENTS, bad_processes) if rc != 0}
        for ca, (rc, _, _) in zip(BAD_ARGUMENTS, bad_processes):
            if rc == 0:
                failures.append(f"the bad argument {ca} succeeded as a process")

        checked = {"good": 0, "bad": 0}
        per_command = {c: 0 for c in commands}
        for e, r in zip(expect, responses):
            if e[0] == "good":
                _, idx, pos = e
                c, a = distinct[idx]
                rc, out, _ = processes[idx]
                if r.get("id") != pos:
                    failures.append(f"response id {r.get('id')!r}, expected {pos} (out of order?)")
                    continue
                if "result" not in r:
                    failures.append(f"request {pos} ({c} {a}) got {json.dumps(r)[:300]}")
                    continue
                if rc == 0:
                    text = out.strip()
                    try:
                        want = json.loads(text)
                    except ValueError:  # JSON lines (batch --partial) come as an array
                        want = [json.loads(l) for l in text.splitlines()]
                    if r["result"] != want:
                        failures.append(f"request {pos} ({c} {a}): serve's result differs from the process's --json")
                        continue
                checked["good"] += 1
                per_command[c] += 1
            else:
                _, kind, ca = e
                error = r.get("error")
                if not isinstance(error, dict) or not error.get("code") or not error.get("message") or "result" in r:
                    failures.append(f"a {kind} line got {json.dumps(r)[:300]}")
                    continue
                if kind == "bad-argument":
                    want = bad_expected.get(json.dumps(ca, sort_keys=True))
                    if want and (error["code"] != want["code"] or error["message"] != want["error"]):
                        failures.append(f"{ca}: serve's error {error['code']}: {error['message']!r} differs from the "
                                        f"process's {want['code']}: {want['error']!r}")
                        continue
                checked["bad"] += 1

    print(f"serve_test: {len(lines)} lines through one co2e serve: {checked['good']} of {GOOD} good answers equal "
          f"the process's --json ({len(distinct)} distinct requests, each run once as a process), "
          f"{checked['bad']} of {BAD} bad lines answered with an error; exit {code}")
    print("  per command: " + ", ".join(f"{c} {n}" for c, n in per_command.items()))
    if failures:
        for f in failures[:30]:
            print("FAIL:", f, file=sys.stderr)
        print(f"serve_test: {len(failures)} failures", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
