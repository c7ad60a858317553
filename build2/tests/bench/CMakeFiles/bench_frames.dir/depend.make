# Empty dependencies file for bench_frames.
# This may be replaced when dependencies are built.
