"""Shared test set-up: Qt runs offscreen, and every test sees the same Hypothesis profile."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

settings.register_profile("trackside", deadline=None, max_examples=100)
settings.load_profile("trackside")


@pytest.fixture(autouse=True)
def private_data_folder(tmp_path_factory, monkeypatch):
    """Backups and user rule packs go to a folder of the test's own, never the user's."""
    monkeypatch.setenv("TRACKSIDE_DATA_DIR", str(tmp_path_factory.mktemp("data")))
