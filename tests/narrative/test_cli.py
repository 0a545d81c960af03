"""``govfin draft`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govfin.cli import main


def test_draft_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "--example"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("2024年度部门决算情况说明\n一、收入支出决算总体情况说明\n")
    assert "占70.28%" in out


def test_draft_check_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "--example", "--check"]) == 0
    assert capsys.readouterr().err == ""


def test_draft_to_file(tmp_path: Path) -> None:
    target = tmp_path / "draft.txt"
    assert main(["draft", "--example", "-o", str(target)]) == 0
    assert "机关运行经费支出385.74万元" in target.read_text(encoding="utf-8")


def test_draft_needs_an_input(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["draft"])
    assert exc.value.code == 2
    assert "give INPUT or --example" in capsys.readouterr().err


def test_draft_bad_previous(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["draft", "--example", "--previous", str(tmp_path / "none.txt")]) == 2
    assert "error" in capsys.readouterr().err
