"""Fixtures for the HTML and PDF renderers: the seed, its check, and a parsed HTML page."""

from __future__ import annotations

import pytest

from govfin.io import load_example
from govfin.render.html import html
from govfin.report import Report
from govfin.rules import CheckResult, check

from .pages import Page


@pytest.fixture(scope="session")
def seed() -> Report:
    return load_example()


@pytest.fixture(scope="session")
def seed_result(seed: Report) -> CheckResult:
    return check(seed, keep_passes=True)


@pytest.fixture(scope="session")
def seed_html(seed: Report, seed_result: CheckResult) -> str:
    return html(seed, seed_result)


@pytest.fixture(scope="session")
def seed_page(seed_html: str) -> Page:
    return Page(seed_html)
