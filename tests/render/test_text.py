"""Text output of ``govfin check``: worst first, by place, info summarised, verdict last."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govfin.cli import main
from govfin.io import load_example
from govfin.render import text, to_text
from govfin.report import Provenance
from govfin.rules import CheckResult, Finding, Location, Outcome, Severity, Summary, check

PLANTED = (
    Path(__file__).parent.parent / "data" / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"
)
HEAD = re.compile(r"^(error|warning|info) (GF-\w+) ")


@pytest.fixture(scope="module")
def example() -> CheckResult:
    return check(load_example())


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", *args])
    return code, capsys.readouterr().out


class TestExample:
    def test_errors_on_the_first_screen_and_the_verdict_last(
        self, capsys: pytest.CaptureFixture[str], example: CheckResult
    ) -> None:
        code, out = _run(capsys, "--example")
        lines = out.rstrip("\n").splitlines()
        assert code == 1
        assert len(lines) <= 40
        errors = [f for f in example.findings if f.severity is Severity.ERROR]
        assert len(errors) >= 2
        first = "\n".join(lines[:12])
        for f in errors:
            assert f.message in first
        assert lines[-1].startswith("FAILED: ")
        assert f"{len(errors)} errors" in lines[-1]
        assert "exit 1 (errors found)" in lines[-1]
        assert "9/9 tables found" in lines[-1]

    def test_every_error_and_warning_in_full_info_counted(
        self, capsys: pytest.CaptureFixture[str], example: CheckResult
    ) -> None:
        _, out = _run(capsys, "--example")
        for f in example.findings:
            if f.severity is not Severity.INFO:
                assert f.message in out
                assert f.location is not None
                assert f.location.describe(file=False, width=36) in out
        infos = [f for f in example.findings if f.severity is Severity.INFO]
        assert f"{len(infos)} info not shown" in out
        counted = re.findall(r"^  (\d+) (?:rounding residues?|figures? not checked)", out, re.M)
        assert sum(map(int, counted)) == len(infos)
        assert "[rounding residue]" not in out

    def test_show_info_restores_everything(
        self, capsys: pytest.CaptureFixture[str], example: CheckResult
    ) -> None:
        _, full = _run(capsys, "--example", "--show", "info")
        _, verbose = _run(capsys, "--example", "-v")
        assert full == verbose
        heads = [HEAD.match(line) for line in full.splitlines()]
        counts = [len(re.findall(r"^  --> ", block, re.M)) for block in _blocks(full)]
        assert sum(counts) == len(example.findings)
        assert len([h for h in heads if h]) <= len(example.findings)
        for f in example.findings:
            assert f.message in full
        assert "not shown" not in full

    def test_min_severity(self, capsys: pytest.CaptureFixture[str], example: CheckResult) -> None:
        code, out = _run(capsys, "--example", "--min-severity", "error")
        assert code == 1
        assert not re.search(r"^(warning|info) ", out, re.M)
        assert "not shown" not in out
        assert f"{example.summary.warnings} warnings" in out.splitlines()[-1]
        _, data = _run(capsys, "--example", "--min-severity", "warning", "--format", "json")
        findings = json.loads(data)["reports"][0]["findings"]
        assert {f["severity"] for f in findings} == {"error", "warning"}
        assert json.loads(data)["summary"]["info"] == example.summary.infos

    def test_json_unchanged_but_for_added_fields(
        self, capsys: pytest.CaptureFixture[str], example: CheckResult
    ) -> None:
        _, data = _run(capsys, "--example", "--format", "json")
        (report,) = json.loads(data)["reports"]
        assert len(report["findings"]) == len(example.findings)
        for entry, f in zip(report["findings"], example.findings, strict=True):
            assert (entry["rule"], entry["title"], entry["message"]) == (f.rule, f.title, f.message)
            assert entry["title_zh"] == f.title_zh
            for loc_entry, loc in zip(entry["locations"], f.locations, strict=True):
                assert loc_entry["where"] == loc.describe()
                assert loc_entry["where_zh"] == loc.describe("zh")
                assert (loc_entry["table"], loc_entry["row"]) == (loc.table, loc.row)
                if loc_entry["provenance"] is not None:
                    assert {"file", "page", "line", "bbox", "sheet", "cell"} == set(
                        loc_entry["provenance"]
                    )


def _blocks(out: str) -> list[str]:
    """The findings of a text output, one block per printed finding."""
    blocks: list[str] = []
    for line in out.splitlines():
        if HEAD.match(line):
            blocks.append(line)
        elif blocks and line.startswith("  "):
            blocks[-1] += "\n" + line
    return blocks


@pytest.mark.slow
def test_every_finding_of_a_pdf_names_its_page(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = _run(capsys, str(PLANTED), "--show", "info")
    assert code == 1
    places = re.findall(r"^  --> (.*)$", out, re.M)
    assert len(places) > 50
    for place in places:
        # a standard table the document lacks has no page: it says it was not found
        assert re.search(r", page \d+$", place) or place.endswith("not in the document"), place


class TestColour:
    def test_environment(self) -> None:
        tty = io.StringIO()
        tty.isatty = lambda: True  # type: ignore[method-assign]
        assert text.use_colour(tty, {})
        assert not text.use_colour(tty, {"NO_COLOR": "1"})
        assert not text.use_colour(io.StringIO(), {})
        assert text.use_colour(io.StringIO(), {"FORCE_COLOR": "1"})
        assert not text.use_colour(io.StringIO(), {"FORCE_COLOR": "1", "NO_COLOR": "1"})

    def test_cli(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("FORCE_COLOR", "1")
        _, coloured = _run(capsys, "--example", "--select", "GF-N003")
        assert "\x1b[1;31merror\x1b[0m" in coloured
        _, plain = _run(capsys, "--example", "--select", "GF-N003", "--color", "never")
        assert "\x1b[" not in plain
        assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


_SEVERITIES = st.sampled_from(list(Severity))


@st.composite
def _findings(draw: st.DrawFn) -> Finding:
    severity = draw(_SEVERITIES)
    page = draw(st.none() | st.integers(1, 40))
    top = draw(st.floats(0, 800, allow_nan=False))
    prov = Provenance("a.pdf", page=page, bbox=(0.0, top, 10.0, top + 5)) if page else None
    n = draw(st.integers(0, 10_000))
    return Finding(
        f"GF-T{n % 7:03d}",
        severity,
        Outcome.INCONSISTENT if severity is not Severity.INFO else Outcome.ROUNDING_RESIDUE,
        f"消息{n}",
        locations=(Location(table="final.income", row=str(n), provenance=prov),),
    )


@given(st.lists(_findings(), max_size=25))
def test_findings_print_worst_first_then_in_document_order(findings: list[Finding]) -> None:
    result = CheckResult("a.pdf", tuple(findings), Summary())
    out = text.report(result, show_info=True)
    order = []
    for block in _blocks(out):
        head = HEAD.match(block)
        assert head is not None
        pages = [int(p) for p in re.findall(r"page (\d+)$", block, re.M)]
        order.append((-Severity(head.group(1)).rank, min(pages, default=0), bool(pages)))
    ranks = [o[0] for o in order]
    assert ranks == sorted(ranks)
    for (r1, p1, placed1), (r2, p2, placed2) in itertools.pairwise(order):
        if r1 == r2 and placed1 and placed2:
            assert p1 <= p2
    assert sum(len(re.findall(r"^  --> ", b, re.M)) for b in _blocks(out)) == len(findings)


def test_to_text_ends_with_the_verdict(example: CheckResult) -> None:
    out = to_text([example, example], sources=["a", "b"], fail_on="warning")
    last = out.rstrip("\n").splitlines()[-1]
    assert last.startswith("FAILED: ")
    assert "2 reports" in last
    assert "exit 1 (warnings or worse found)" in last
    assert "18/18 tables found" in last
