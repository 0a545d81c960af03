from __future__ import annotations

import pytest

from govfin.io import load_example
from govfin.report import Report


@pytest.fixture(scope="session")
def seed() -> Report:
    """The bundled 渌口区行政审批服务局 2024 决算."""
    return load_example()
