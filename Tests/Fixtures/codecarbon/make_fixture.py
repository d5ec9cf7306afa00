#!/usr/bin/env python3
"""Writes emissions.csv, a real CodeCarbon log, for co2e's batch tests.

Runs codecarbon's OfflineEmissionsTracker (no network) over short CPU jobs with fixed
countries (and one cloud region), appending one row per job to emissions.csv here.
Run through make_fixture.sh, which installs codecarbon into Benchmarks/.venv."""
import os
import time

from codecarbon import OfflineEmissionsTracker, __version__

HERE = os.path.dirname(os.path.abspath(__file__))


def busy(seconds):
    end = time.time() + seconds
    x = 0
    while time.time() < end:
        for i in range(10000):
            x += i * i
    return x


def track(name, **where):
    tracker = OfflineEmissionsTracker(project_name=name, output_dir=HERE, output_file="emissions.csv",
                                      log_level="error", save_to_file=True, **where)
    tracker.start()
    busy(3)
    tracker.stop()


if __name__ == "__main__":
    path = os.path.join(HERE, "emissions.csv")
    if os.path.exists(path):
        os.remove(path)
    track("co2e-fixture-irl-1", country_iso_code="IRL")
    track("co2e-fixture-irl-2", country_iso_code="IRL")
    track("co2e-fixture-fra", country_iso_code="FRA")
    track("co2e-fixture-gcp", country_iso_code="BEL", cloud_provider="gcp", cloud_region="europe-west1")
    print(f"codecarbon {__version__} wrote {path}")
