# Empty compiler generated dependencies file for test_speech.
# This may be replaced when dependencies are built.
