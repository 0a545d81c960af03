"""The HTML report rendered by a headless Chromium.

The tests need a Chromium (Debian: ``chromium-headless-shell`` or ``chromium``)
and CJK fonts (``fonts-noto-cjk``); ``.ci/run`` installs them with apt-get when
it can.  Without a browser they are skipped, unless ``GOVFIN_REQUIRE_BROWSER=1``
(which ``.ci/run`` sets whenever a browser is present): then a missing browser
fails them, so that CI cannot pass them by skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from govfin.io import load
from govfin.render.html import html
from govfin.report import Report
from govfin.rules import CheckResult, Severity, check

BROWSER = next(
    (
        b
        for b in ("chromium-headless-shell", "chromium", "chromium-browser", "google-chrome")
        if shutil.which(b)
    ),
    None,
)
REQUIRED = os.environ.get("GOVFIN_REQUIRE_BROWSER", "") not in ("", "0")
PLANTED = (
    Path(__file__).parent.parent / "data" / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"
)

if BROWSER is None and REQUIRED:
    pytest.fail(
        "GOVFIN_REQUIRE_BROWSER is set but no Chromium is installed "
        "(apt-get install chromium-headless-shell fonts-noto-cjk)",
        pytrace=False,
    )

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(BROWSER is None, reason="no headless Chromium installed"),
]

# Runs in the page: collects script errors and console.error calls from the start ...
PROBE_HEAD = """<script>window.__errors = [];
window.addEventListener("error", e => window.__errors.push(String(e.message)));
const __consoleError = console.error;
console.error = (...a) => { window.__errors.push(a.join(" ")); __consoleError(...a); };
</script>"""
# ... and, once loaded, writes what the tests read into a <pre id="probe">.
PROBE_TAIL = """<script>window.addEventListener("load", () => {
  const target = a => document.getElementById(decodeURIComponent(a.getAttribute("href").slice(1)));
  const errors = [...document.querySelectorAll("li.st-error[id]:not(.ref)")].map(li => ({
    message: li.querySelector(".fmsg").textContent,
    links: [...li.querySelectorAll(".where a[href^='#']")].map(a => {
      const t = target(a); return t ? t.tagName.toLowerCase() : null; }),
  }));
  const overflowing = [...document.querySelectorAll("body *")].filter(e => {
    const box = e.getBoundingClientRect();
    if (box.right <= window.innerWidth + 1) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX; if (o === "auto" || o === "scroll") return false;
    }
    return true;
  }).map(e => e.tagName.toLowerCase() + "." + e.className);
  const out = {errors: window.__errors, errorFindings: errors,
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    overflowing: overflowing.slice(0, 10)};
  const pre = document.createElement("pre"); pre.id = "probe";
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
});</script>"""

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


def _probe(folder: Path, page: str, name: str, width: int) -> dict[str, Any]:
    """Load *page* (with the probe) at *width* CSS pixels and return what the probe saw."""
    path = folder / f"{name}-probe.html"
    probed = page.replace("<head>", "<head>" + PROBE_HEAD, 1).replace(
        "</body>", PROBE_TAIL + "</body>", 1
    )
    path.write_text(probed, encoding="utf-8")
    done = _run(folder, f"--window-size={width},2000", "--dump-dom", path.as_uri())
    assert done.returncode == 0, done.stderr[-2000:]
    start = done.stdout.index('<pre id="probe">') + len('<pre id="probe">')
    text = done.stdout[start : done.stdout.index("</pre>", start)]
    text = text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">")
    data: dict[str, Any] = json.loads(text.replace("&amp;", "&"))
    return data


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


@pytest.fixture(scope="module")
def planted() -> tuple[Report, CheckResult]:
    report = load(PLANTED)
    return report, check(report, keep_passes=True)


class TestProbed:
    """Script errors, links of error findings, and phone width, read from inside the page."""

    @pytest.mark.parametrize("width", [1280, 390])
    def test_no_console_errors_and_no_overflow(
        self, page_file: tuple[Path, Path], seed_html: str, width: int
    ) -> None:
        folder, _ = page_file
        seen = _probe(folder, seed_html, "seed", width)
        assert seen["errors"] == []
        assert seen["innerWidth"] == width
        assert seen["scrollWidth"] <= width, seen["overflowing"]
        assert seen["overflowing"] == []

    def test_every_error_of_the_seed_links_to_its_sentence(
        self, page_file: tuple[Path, Path], seed_html: str, seed_result: CheckResult
    ) -> None:
        folder, _ = page_file
        seen = _probe(folder, seed_html, "seed", 1280)
        listed = seen["errorFindings"]
        assert sorted(e["message"] for e in listed) == sorted(
            f.message for f in seed_result.findings if f.severity is Severity.ERROR
        )
        for entry in listed:
            assert entry["links"], entry
            assert None not in entry["links"], entry
            assert "mark" in entry["links"], entry  # the claim marked in the sentence

    def test_every_table_error_links_to_its_cell(
        self, page_file: tuple[Path, Path], planted: tuple[Report, CheckResult]
    ) -> None:
        folder, _ = page_file
        report, result = planted
        seen = _probe(folder, html(report, result), "planted", 390)
        assert seen["errors"] == []
        assert seen["overflowing"] == []
        by_message = {e["message"]: e["links"] for e in seen["errorFindings"]}
        errors = [f for f in result.findings if f.severity is Severity.ERROR]
        assert len(seen["errorFindings"]) == len(errors) > 0
        cell_errors = [f for f in errors if f.location is not None and f.location.kind == "cell"]
        assert cell_errors
        for f in errors:
            links = by_message[f.message]
            assert links, f.message
            assert None not in links, f.message
        for f in cell_errors:
            assert "td" in by_message[f.message], f.message
