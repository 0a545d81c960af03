"""Test configuration: hypothesis profiles chosen by HYPOTHESIS_PROFILE (dev, ci, fuzz)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=50, deadline=None)
settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# The bad-input campaign (tests/fuzz) run long: 10 000 examples per property
# (GOVFIN_FUZZ_EXAMPLES changes the number).
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("GOVFIN_FUZZ_EXAMPLES", "10000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

DATA = Path(__file__).parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """The folder of test files copied from the public disclosures."""
    return DATA
