"""The seed's HTML report rendered by a headless Chromium (skipped when none is installed)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from govfin.report import Report
from govfin.rules import CheckResult

BROWSER = next(
    (b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None
)

pytestmark = [
    pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed"),
    pytest.mark.slow,
]

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)

# background colours of the CSS states (see govfin/render/_html_css.py)
ERROR_BG = (253, 226, 225)
WARNING_BG = (255, 233, 199)
RESIDUE_BG = (220, 235, 255)


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert BROWSER is not None
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def page_file(seed_html: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("browser")
    path = folder / "seed.html"
    path.write_text(seed_html, encoding="utf-8")
    return folder, path


class TestRendered:
    def test_the_dom_holds_the_highlighted_cells(
        self, page_file: tuple[Path, Path], seed: Report, seed_result: CheckResult
    ) -> None:
        folder, path = page_file
        done = _run(folder, "--dump-dom", path.as_uri())
        assert done.returncode == 0, done.stderr[-2000:]
        dom = done.stdout
        assert 'class="claim st-error' in dom
        assert "hl st-residue main" in dom
        assert "hl st-warning" in dom
        assert dom.count('class="chart"') == 3
        assert seed.department is not None
        assert seed.department in dom

    def test_highlights_are_painted(self, page_file: tuple[Path, Path]) -> None:
        pil = pytest.importorskip("PIL.Image")
        folder, path = page_file
        shot = folder / "seed.png"
        done = _run(folder, f"--screenshot={shot}", "--window-size=1280,10000", path.as_uri())
        assert done.returncode == 0, done.stderr[-2000:]
        assert shot.stat().st_size > 50_000
        image = pil.open(shot).convert("RGB")
        assert image.size == (1280, 10000)
        colours = image.getcolors(maxcolors=1 << 24)
        assert colours is not None
        counts = {
            colour: n for n, colour in colours if colour in (ERROR_BG, WARNING_BG, RESIDUE_BG)
        }
        counts = {c: counts.get(c, 0) for c in (ERROR_BG, WARNING_BG, RESIDUE_BG)}
        assert counts[ERROR_BG] > 200, counts
        assert counts[WARNING_BG] > 2_000, counts
        assert counts[RESIDUE_BG] > 2_000, counts
