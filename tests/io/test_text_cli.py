"""``govfin show`` and ``govfin convert`` on text and JSON input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from govfin.cli import main
from govfin.errors import LoadError
from govfin.io import example_path, load, load_example


class TestShow:
    def test_text_lists_every_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["show", str(example_path())]) == 0
        out = capsys.readouterr().out
        for number in range(1, 10):
            assert f"公开0{number}表" in out
        assert "[final.general_basic]" in out
        assert "30214" in out

    def test_one_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["show", "--example", "--table", "公开06表"]) == 0
        out = capsys.readouterr().out
        assert "公开06表" in out
        assert "公开05表" not in out
        line = next(ln for ln in out.splitlines() if ln.startswith("personnel_total"))
        assert line.split()[-1] == "340.64"

    def test_json_is_the_native_format(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["show", "--example", "--format", "json", "--table", "final.summary"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["format"] == "govfin-report"
        assert [(t["schema"], t["title"]) for t in data["tables"]] == [
            ("final.summary", "收入支出决算总表")
        ]

    def test_unknown_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["show", "--example", "--table", "公开10表"]) == 2
        assert "公开10表" in capsys.readouterr().err

    def test_bad_input_one_line(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        path = tmp_path / "junk.txt"
        path.write_bytes(b"\x00\x01\x02")
        assert main(["show", str(path)]) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert str(path) in err

    def test_bad_cell_names_its_place(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        lines = example_path().read_text(encoding="utf-8").splitlines()
        lines[1442] = "\tabc"
        path = tmp_path / "bad.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert main(["show", str(path), "--table", "公开06表"]) == 2
        err = capsys.readouterr().err.splitlines()[-1]
        for part in (str(path), "line 1443", "公开06表", "row 30214", "column amount"):
            assert part in err

    def test_input_or_example(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["show"])
        assert info.value.code == 2


class TestConvert:
    def test_to_json_and_back(self, tmp_path: Path) -> None:
        out = tmp_path / "seed.json"
        assert main(["convert", str(example_path()), "-o", str(out)]) == 0
        report = load(out)
        assert report.table("final.summary") == load_example().table("final.summary")
        assert len(report.tables) == 9

    def test_unknown_output_format(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        assert main(["convert", "--example", "-o", str(tmp_path / "x.docx")]) == 2
        assert ".docx" in capsys.readouterr().err

    def test_text_output_refused(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        assert main(["convert", "--example", "-o", str(tmp_path / "x.txt")]) == 2
        assert "cannot write .txt" in capsys.readouterr().err


class TestStrict:
    def test_load_strict_raises_at_the_first_error(self, tmp_path: Path) -> None:
        lines = example_path().read_text(encoding="utf-8").splitlines()
        lines[1442] = "\t1 60"
        path = tmp_path / "bad.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert load(path).table("公开06表").row("30214").cell("amount").value is None
        with pytest.raises(LoadError) as info:
            load(path, strict=True)
        err = info.value
        assert (err.file, err.line, err.row, err.column) == (str(path), 1443, "30214", "amount")

    def test_cli_strict(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        lines = example_path().read_text(encoding="utf-8").splitlines()
        lines[1442] = "\tx"
        path = tmp_path / "bad.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        assert main(["show", "--strict", str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert "line 1443" in captured.err
