# Empty compiler generated dependencies file for bench_pin.
# This may be replaced when dependencies are built.
