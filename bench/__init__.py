"""Benchmarks that print Trackside's figures against DESIGN §6; never part of the tests."""
