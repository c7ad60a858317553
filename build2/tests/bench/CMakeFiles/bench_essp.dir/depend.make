# Empty dependencies file for bench_essp.
# This may be replaced when dependencies are built.
