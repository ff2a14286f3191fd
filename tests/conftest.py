"""Shared fixtures: one pipeline per test session, and the shared development data."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.pipeline import Pipeline

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared (development data) is not present")
    return SHARED
