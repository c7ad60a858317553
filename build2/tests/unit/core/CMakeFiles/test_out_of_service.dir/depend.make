# Empty dependencies file for test_out_of_service.
# This may be replaced when dependencies are built.
