# Empty dependencies file for fuzz_update_manifest.
# This may be replaced when dependencies are built.
