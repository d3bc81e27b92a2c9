"""Tests of the Bitbucket Cloud API emulator (run with pytest from the collection root)."""
