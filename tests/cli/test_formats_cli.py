"""Word, legacy Excel and reports in several files, through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from govfin.cli import EXIT_BAD_INPUT, main
from govfin.io import example_path, load, load_example

DATA = Path(__file__).resolve().parents[1] / "data"
SEED_DOCX = DATA / "docx" / "lukou-xzspj-2024-final.docx"
SEED_XLS = DATA / "xls" / "lukou-xzspj-2024-final.xls"
THIRD_PART = 1810  # the seed's 第三部分 (情况说明) starts on line 1811


def _split_seed(folder: Path) -> tuple[Path, Path]:
    lines = example_path().read_text(encoding="utf-8").splitlines(keepends=True)
    narrative, tables = folder / "lukou-2024.txt", folder / "lukou-2024-tables.txt"
    narrative.write_text("".join(lines[THIRD_PART:]), encoding="utf-8")
    tables.write_text("".join(lines[:THIRD_PART]), encoding="utf-8")
    return narrative, tables


def _summary(out: str) -> dict[str, object]:
    """The summary of the one report of ``--format json`` output."""
    (report,) = json.loads(out)["reports"]
    summary: dict[str, object] = report["summary"]
    return summary


class TestLegacyWord:
    def test_a_doc_is_exit_2_with_the_conversion(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        path = tmp_path / "部门决算.doc"
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504)
        assert main(["check", str(path)]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert "legacy Word .doc" in err
        assert f"soffice --headless --convert-to docx '{path}'" in err

    def test_a_folder_with_a_doc_says_so(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        shutil.copy(example_path(), tmp_path / "a.txt")
        (tmp_path / "b.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
        assert main(["check", str(tmp_path)]) == EXIT_BAD_INPUT
        captured = capsys.readouterr()
        # several inputs: the reason is listed once, in the summary at the end of the output
        assert "--convert-to docx" in captured.out
        assert "1 of 2 inputs could not be checked" in captured.err


class TestNewFormats:
    @pytest.mark.parametrize("path", [SEED_DOCX, SEED_XLS])
    def test_check_reads_like_the_text_export(
        self, path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        code = main(["check", "--example", "--format", "json"])
        whole = _summary(capsys.readouterr().out)
        assert main(["check", str(path), "--format", "json"]) == code
        read = _summary(capsys.readouterr().out)
        if path == SEED_DOCX:
            assert read == whole
        else:  # the .xls carries no nested table (one load info fewer), the rest is equal
            assert (read["errors"], read["warnings"], read["passes"]) == (
                whole["errors"],
                whole["warnings"],
                whole["passes"],
            )
            assert read["info"] == whole["info"] - 1  # type: ignore[operator]

    def test_convert_a_docx_to_json(self, tmp_path: Path) -> None:
        out = tmp_path / "seed.json"
        assert main(["convert", str(SEED_DOCX), "-o", str(out)]) == 0
        back = load(out)
        assert [t.schema for t in back.tables] == [t.schema for t in load_example().tables]


class TestOneReport:
    def test_check_two_files_as_one(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        narrative, tables = _split_seed(tmp_path)
        main(["check", "--example", "--format", "json"])
        whole = _summary(capsys.readouterr().out)
        main(["check", str(narrative), str(tables), "--one-report", "--format", "json"])
        out = capsys.readouterr().out
        assert _summary(out) == whole
        assert json.loads(out)["reports"][0]["source"] == f"{narrative} + {tables}"

    def test_alone_the_narrative_is_unreadable(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        narrative, _ = _split_seed(tmp_path)
        assert main(["check", str(narrative)]) == 1  # read, but nothing to check: GF-S004
        out = capsys.readouterr().out
        assert "GF-S004" in out
        assert "--one-report" in out

    def test_one_report_needs_two_files(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        narrative, _ = _split_seed(tmp_path)
        assert main(["check", str(narrative), "--one-report"]) == EXIT_BAD_INPUT
        assert "two or more files" in capsys.readouterr().err
        assert main(["check", str(narrative), "--one-report", "--example"]) == EXIT_BAD_INPUT

    def test_pair_prints_the_pairs(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        narrative, tables = _split_seed(tmp_path)
        main(["check", "--pair", str(tmp_path), "--format", "json"])
        captured = capsys.readouterr()
        assert f"one report from {narrative} + {tables} (paired by name)" in captured.err
        doc = json.loads(captured.out)
        assert "errors" not in doc or not doc["errors"]

    def test_one_report_and_pair_exclude_each_other(self, tmp_path: Path) -> None:
        with pytest.raises(SystemExit) as info:
            main(["check", "--pair", "--one-report", str(tmp_path)])
        assert info.value.code == EXIT_BAD_INPUT

    @pytest.mark.parametrize("command", ["show", "draft"])
    def test_several_inputs_need_one_report(
        self, command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        narrative, tables = _split_seed(tmp_path)
        with pytest.raises(SystemExit) as info:
            main([command, str(narrative), str(tables)])
        assert info.value.code == EXIT_BAD_INPUT
        assert "--one-report" in capsys.readouterr().err
        assert main([command, str(narrative), str(tables), "--one-report"]) == 0
        assert capsys.readouterr().out

    def test_convert_two_files_to_one_json(self, tmp_path: Path) -> None:
        narrative, tables = _split_seed(tmp_path)
        out = tmp_path / "one.json"
        assert main(["convert", str(narrative), str(tables), "--one-report", "-o", str(out)]) == 0
        back = load(out)
        assert len(back.tables) == 9
        assert back.narrative.find("收入决算情况说明") is not None
