"""Trackside's domain: values, rule packs and rules. Plain Python: no Qt, no SQL."""
