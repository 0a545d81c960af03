"""``govfin check --format html`` and ``govfin check --annotate`` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from govfin.cli import main

from .pages import Page

SAMPLE = Path(__file__).parents[1] / "data" / "pdf" / "putuo-czj-2024-final-with-planted-errors.pdf"


class TestHtmlFormat:
    def test_the_seed_as_one_html_file(self, tmp_path: Path) -> None:
        out = tmp_path / "report.html"
        assert main(["check", "--example", "--format", "html", "-o", str(out)]) == 1
        page = Page(out.read_text(encoding="utf-8"))
        assert page.duplicates == []
        assert page.find("mark", "st-error")
        assert page.find("mark", "st-ok"), "verified claims are marked (passes kept)"
        assert page.find("td", "hl")
        for a in page.find("a"):
            assert a.attrs["href"][1:] in page.ids

    def test_two_reports_in_one_page(self, tmp_path: Path) -> None:
        out = tmp_path / "both.html"
        code = main(["check", "--example", str(SAMPLE), "--format", "html", "-o", str(out)])
        assert code == 1
        page = Page(out.read_text(encoding="utf-8"))
        assert page.duplicates == []
        assert "r1-report" in page.ids
        assert "r2-report" in page.ids


class TestAnnotate:
    def test_the_planted_errors_sample(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        pypdf = pytest.importorskip("pypdf")
        out = tmp_path / "annotated.pdf"
        assert main(["check", str(SAMPLE), "--annotate", "-o", str(out)]) == 1
        captured = capsys.readouterr()
        assert "GF-" in captured.out  # the findings still print
        assert str(out) in captured.err
        assert "annotation" in captured.err
        reader = pypdf.PdfReader(out)
        names = [
            str(ref.get_object().get("/NM", ""))
            for page in reader.pages
            for ref in page.get("/Annots") or []
        ]
        assert "govfin-summary" in names
        assert sum(n.startswith("govfin-f") for n in names) > 10
        assert out.read_bytes().startswith(SAMPLE.read_bytes())

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ([str(SAMPLE), "--annotate"], "-o"),
            (["--example", "--annotate", "-o", "{out}"], "PDF"),
            ([str(SAMPLE), str(SAMPLE), "--annotate", "-o", "{out}"], "one"),
            ([str(SAMPLE), "--annotate", "-o", str(SAMPLE)], "overwrite"),
            ([str(SAMPLE), "--annotate", "-o", "{missing}"], "error"),
        ],
    )
    def test_bad_usage(
        self,
        args: list[str],
        message: str,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        before = SAMPLE.read_bytes()
        out = tmp_path / "x.pdf"
        missing = tmp_path / "no" / "such" / "folder" / "x.pdf"
        argv = [a.format(out=out, missing=missing) for a in args]
        assert main(["check", *argv]) == 2
        assert message in capsys.readouterr().err
        assert SAMPLE.read_bytes() == before
        assert not out.exists()
