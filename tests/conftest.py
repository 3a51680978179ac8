"""Shared test set-up: Qt runs offscreen, and every test sees the same Hypothesis profile."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

settings.register_profile("trackside", deadline=None, max_examples=100)
settings.load_profile("trackside")
