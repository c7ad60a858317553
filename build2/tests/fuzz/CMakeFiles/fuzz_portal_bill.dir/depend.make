# Empty dependencies file for fuzz_portal_bill.
# This may be replaced when dependencies are built.
