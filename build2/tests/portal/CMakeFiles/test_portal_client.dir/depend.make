# Empty dependencies file for test_portal_client.
# This may be replaced when dependencies are built.
