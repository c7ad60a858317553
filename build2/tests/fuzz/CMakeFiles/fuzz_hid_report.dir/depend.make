# Empty dependencies file for fuzz_hid_report.
# This may be replaced when dependencies are built.
