"""The PDF reader pauses the cyclic garbage collector while reading, and leaves it as found."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from govfin.errors import LoadError
from govfin.io.pdf import read_pdf

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "pdf" / "shanghai-2024-final-template.pdf"


@pytest.fixture
def gc_state() -> Iterator[None]:
    """Whatever a test does to the collector, it is on again afterwards."""
    was = gc.isenabled()
    try:
        yield
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("gc_state")
class TestCollector:
    def test_on_after_reading_when_on_before(self) -> None:
        gc.enable()
        doc = read_pdf(SAMPLE)
        assert doc.tables
        assert gc.isenabled()

    def test_off_after_reading_when_off_before(self) -> None:
        gc.disable()
        read_pdf(SAMPLE)
        assert not gc.isenabled()

    def test_paused_while_reading(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import govfin.io.pdf as pdf_module  # noqa: PLC0415 - patched below

        seen: list[bool] = []
        real = pdf_module.assemble  # type: ignore[attr-defined]

        def spy(*args: object, **kwargs: object) -> object:
            seen.append(gc.isenabled())
            return real(*args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(pdf_module, "assemble", spy)
        gc.enable()
        read_pdf(SAMPLE)
        assert seen == [False]
        assert gc.isenabled()

    def test_on_after_a_failed_read(self, tmp_path: Path) -> None:
        bad = tmp_path / "damaged.pdf"
        bad.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\nnot a pdf body\n%%EOF\n")
        gc.enable()
        with pytest.raises(LoadError):
            read_pdf(bad)
        assert gc.isenabled()
