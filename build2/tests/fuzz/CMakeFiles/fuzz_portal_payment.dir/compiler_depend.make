# Empty compiler generated dependencies file for fuzz_portal_payment.
# This may be replaced when dependencies are built.
