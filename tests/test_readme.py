"""The README's library example runs and prints what it says; its commands name real options."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).parent.parent / "README.md"


def _blocks(language: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.DOTALL)


def test_readme_opens_with_the_two_commands() -> None:
    first = _blocks("bash")[0].strip().splitlines()
    assert first == [
        "pip install . && govfin check --example",
        'pip install -e ".[test]" && python -m pytest',
    ]


def test_library_example_runs(capsys: pytest.CaptureFixture[str]) -> None:
    (code,) = _blocks("python")
    exec(compile(code, str(README), "exec"), {})  # our own README
    out = capsys.readouterr().out
    assert "683.64万元" in out
    assert "GF-N" in out  # the narrative errors of the example report
    assert re.search(r"\d+ errors?, \d+ warnings?, \d+ info", out)
    assert "201 一般公共服务支出 683.64 70.28%" in out
    assert [line.rsplit(" ", 1)[-1] for line in out.splitlines()[-4:]] == [
        "70.28%",
        "25.38%",
        "2.29%",
        "2.05%",
    ]
    assert "「九、关于机关运行经费支出说明」" in out  # str(location) is its description
