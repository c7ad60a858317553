# Empty compiler generated dependencies file for fuzz_nexo_response.
# This may be replaced when dependencies are built.
