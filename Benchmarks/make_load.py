"""Writes a deterministic hourly load profile for 2022 (UTC), 8,760 rows: a base of 1,000 kWh
plus 200 kWh from 08:00 to 20:00 UTC."""
import datetime
import sys

start = datetime.datetime(2022, 1, 1, tzinfo=datetime.timezone.utc)
with open(sys.argv[1], "w") as f:
    f.write("timestamp,kwh\n")
    for h in range(8760):
        t = start + datetime.timedelta(hours=h)
        f.write(f"{t.strftime('%Y-%m-%dT%H:%M:%SZ')},{1000 + (200 if 8 <= t.hour < 20 else 0)}\n")
