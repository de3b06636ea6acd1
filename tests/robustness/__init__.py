"""Robustness suite (issue #9): fuzzed inputs to every reader, atomic saves."""
