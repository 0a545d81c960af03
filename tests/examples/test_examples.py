"""Run every example as a user would (``python examples/NAME.py`` from the repository root).

Each example runs in its own interpreter, with warnings as errors, and the lines
that matter of its output are asserted, so an example cannot rot unnoticed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

pytestmark = pytest.mark.slow  # each example runs as a script in its own interpreter


def run(name: str, *args: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-W", "error", str(EXAMPLES / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout.splitlines()


def line_with(lines: list[str], *words: str) -> str:
    found = [line for line in lines if all(w in line for w in words)]
    assert found, f"no line with {words}"
    return found[0]


def columns(line: str) -> list[str]:
    return line.split()


def test_every_example_is_tested() -> None:
    tested = {"recompute_lukou_2024.py", "check_pdf.py", "custom_rule.py"}
    tested |= {"build_catalog.py", "draft_narrative.py"}
    assert {p.name for p in EXAMPLES.glob("*.py")} == tested


@pytest.fixture(scope="module")
def lines() -> list[str]:
    """The output of recompute_lukou_2024.py, run once."""
    return run("recompute_lukou_2024.py")


class TestRecomputeLukou:
    def test_heading(self, lines: list[str]) -> None:
        assert (
            lines[0] == "株洲市渌口区行政审批服务局 2024年度部门决算 (lukou-xzspj-2024-final.txt)"
        )
        assert lines[1] == "9 tables, 42 sections of prose"

    def test_table_totals_recomputed(self, lines: list[str]) -> None:
        row = line_with(lines, "公开03表 支出决算表", "本年支出合计")
        assert columns(row)[-3:] == ["972.81", "972.81", "exact"]
        row = line_with(lines, "公开05表", "基本支出", "726.39")
        assert columns(row)[-3:] == ["726.39", "726.39", "exact"]
        assert "  GF-R001 合计 row equals the sum of the 类 rows: 16 checked, 16 exact" in lines

    def test_rounding_residues_accepted(self, lines: list[str]) -> None:
        row = line_with(lines, "GF-R002", "301")
        assert columns(row)[-4:] == ["321.41", "321.40", "accepted", "(rounding)"]
        row = line_with(lines, "GF-X007", "公开05表")
        assert columns(row)[-4:] == ["726.39", "726.38", "accepted", "(rounding)"]

    def test_the_office_running_cost_rate_is_wrong(self, lines: list[str]) -> None:
        row = line_with(lines, "比年初预算数增加315.55万元")
        assert columns(row)[-4:] == ["523.39%", "449.57%", "WRONG", "GF-N003"]
        assert (
            "  WRONG GF-N003: “机关运行经费支出”增减率523.39%有误："
            "385.74万元−315.55万元＝70.19万元为年初预算数，增长率应为449.57%"
        ) in lines

    @pytest.mark.parametrize(
        ("claim", "printed", "verdict"),
        [
            ("683.64万元，占70.28", "70.28%", "accepted (largest remainder)"),
            ("246.89万元，占25.38%", "25.38%", "exact"),
            ("22.30万元，占2.29%", "2.29%", "exact"),
            ("19.98万元，占2.05%", "2.05%", "exact"),
        ],
    )
    def test_the_class_shares_are_accepted(
        self, lines: list[str], claim: str, printed: str, verdict: str
    ) -> None:
        row = line_with(lines, claim, "GF-N002")
        assert f" {printed} " in row
        assert verdict in row
        assert "WRONG" not in row

    def test_summary_of_the_prose(self, lines: list[str]) -> None:
        summary = line_with(lines, "figures checked:")
        found = re.search(
            r"(\d+) figures checked: (\d+) exact, (\d+) accepted by rounding, "
            r"(\d+) wrong",
            summary,
        )
        assert found is not None
        checked, exact, residue, wrong = map(int, found.groups())
        assert checked > 150
        assert exact > 130
        # 70.28% (largest remainder), 726.39 vs 726.38 (尾数误差) …; 523.39% at least is wrong
        assert residue >= 2
        assert wrong >= 1


class TestCheckPdf:
    def test_planted_errors(self) -> None:
        lines = run("check_pdf.py")
        assert (
            lines[0]
            == "putuo-czj-2024-final-with-planted-errors.pdf: 上海市普陀区财政局 2024年度决算"
        )
        assert re.fullmatch(r"[89] of 9 tables recognised:", lines[1])
        text = "\n".join(lines)
        assert "占比71.73%有误，按2106.66万元÷2940.05万元计算应为71.65%" in text
        assert "2024年度决算的情况说明写为2023年度决算" in text
        assert "“决算数大于预算数”与数字不符：决算数1511.89万元小于预算数1560.05万元" in text
        assert "expected 326.72  actual 326.71  difference -0.01" in text
        assert re.fullmatch(r"\d+ errors, \d+ warnings, \d+ info; .*", lines[-1])

    def test_a_path_argument(self) -> None:
        lines = run("check_pdf.py", "tests/data/pdf/putuo-gov-office-2025-dept-budget.pdf")
        assert lines[0].startswith("putuo-gov-office-2025-dept-budget.pdf: ")
        assert lines[0].endswith("2025年度预算")
        assert "budget.general_budget" in "\n".join(lines)


def test_custom_rule() -> None:
    output = run("custom_rule.py")
    assert output == [
        "registered: ACME-001 No single 项 takes more than 60% of general-budget spending",
        (
            "ACME-001 warning: 公开05表 一般公共预算财政拨款支出决算表2010301「行政运行」"
            "占一般公共预算财政拨款支出的68.68%，超过60%"
        ),
        "selected by tag 'acme': ACME-001",
        line_with(output, "full run: 1 ACME-001 finding among"),
    ]


def test_build_catalog() -> None:
    lines = run("build_catalog.py")
    assert "read lukou-xzspj-2024-final.txt: 2024年决算, 141 code rows" in lines
    assert line_with(lines, "read putuo-czj-2024-final-with-planted-errors.pdf: 2024年决算, ")
    row = line_with(lines, "部门预算支出经济分类 (economic_dept)")
    assert "1 conflict(s) with the bundled 2024 edition" in row
    assert line_with(lines, "conflict 39909").endswith("bundled 经常性赠与")
    row = line_with(lines, "支出功能分类 (functional)")
    assert "0 conflict(s)" in row
    assert "  new      2010601 行政运行 (putuo-czj-2024-final-with-planted-errors.pdf p.8)" in lines


def test_draft_narrative() -> None:
    lines = run("draft_narrative.py")
    assert lines[0] == "2024年度部门决算情况说明"
    assert (
        "2024年度收、支总计972.81万元。与上年相比，【待填写：上年数、增减额、增减率及原因】。"
        in lines
    )
    assert line_with(lines, "一般公共服务（类）支出683.64万元，占70.28%")
    assert lines[-1].startswith("checked against the tables: ")
    assert lines[-1].endswith(" figures exact, 0 errors or warnings")
