# Empty dependencies file for fuzz_printer_status.
# This may be replaced when dependencies are built.
