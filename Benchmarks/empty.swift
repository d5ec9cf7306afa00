// The baseline for start-up benchmarks: an empty Swift program.
print("")
