"""Writes a deterministic hourly supply series for 2022 (UTC), 8,760 rows of timestamp,supply_kwh:
an example for `co2e hourly --supply`, not data about any real plant.

    python3 Benchmarks/make_supply.py solar|wind OUT.csv [LOAD.csv [SHARE]]

solar: a half sine from 11:00 to 23:00 UTC each day (06:00 to 18:00 in US Eastern standard
time), the same every day. wind: a daily swing (more at night) on a weekly one, never zero.
The series is scaled so that its year's total is SHARE (default 1) of LOAD.csv's total, or of
8,760 MWh without a load file."""
import datetime
import math
import sys

kind, out = sys.argv[1], sys.argv[2]
total = 8_760_000.0
if len(sys.argv) > 3:
    with open(sys.argv[3]) as f:
        next(f)
        total = sum(float(line.split(",")[1]) for line in f if line.strip())
share = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0

def shape(h):
    hour, day = h % 24, h // 24
    if kind == "solar":
        return max(0.0, math.sin(math.pi * (hour - 11) / 12)) if 11 <= hour < 23 else 0.0
    if kind == "wind":
        return 1 + 0.4 * math.cos(2 * math.pi * (hour - 3) / 24) + 0.3 * math.sin(2 * math.pi * day / 7)
    sys.exit(f"unknown kind {kind!r}: solar or wind")

values = [shape(h) for h in range(8760)]
scale = total * share / sum(values)
start = datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc)
with open(out, "w") as f:
    f.write("timestamp,supply_kwh\n")
    for h, v in enumerate(values):
        t = start + datetime.timedelta(hours=h)
        f.write(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{v * scale:.3f}\n")
