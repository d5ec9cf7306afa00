"""Peer for `co2e hourly`: what a user would write with pandas. Joins a load profile
(timestamp,kwh) with an hourly factor series (timestamp,<column>) on the timestamp, sums
kWh x g/kWh / 1000 and prints total kg CO2e and the series-mean comparison."""
import sys
import pandas as pd

load_path, factor_path, column = sys.argv[1], sys.argv[2], sys.argv[3]
load = pd.read_csv(load_path)
factors = pd.read_csv(factor_path, usecols=["timestamp", column])
load["timestamp"] = pd.to_datetime(load["timestamp"], utc=True)
factors["timestamp"] = pd.to_datetime(factors["timestamp"], utc=True)
factors[column] = factors[column].interpolate()
merged = load.merge(factors, on="timestamp", how="left")
kg = (merged["kwh"] * merged[column] / 1000).sum()
print(f"time_matched_kg={kg:.6f} average_kg={merged['kwh'].sum() * factors[column].mean() / 1000:.6f}")
