# Empty compiler generated dependencies file for fuzz_portal_error.
# This may be replaced when dependencies are built.
