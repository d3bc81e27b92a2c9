"""A stateful local emulator of the Bitbucket Cloud REST API 2.0 for tests, the demo and benchmarks.

Start it with run.py or emulator.server.EmulatorServer; drive it with emulator.control.EmulatorControl.
See README.md next to this file.
"""
