"""Tests of ``govfin code`` through govfin.cli.main."""

from __future__ import annotations

import argparse
import json
import sys
import types
from collections.abc import Iterator

import pytest

from govfin.cli import EXIT_BAD_INPUT, EXIT_OK, main
from govfin.cli import _code as code_cli


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["code", *argv])
    out, err = capsys.readouterr()
    return status, out, err


class TestText:
    def test_known(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, err = run(capsys, "2010301")
        assert status == EXIT_OK
        assert err == ""
        lines = out.splitlines()
        assert lines[0].split() == ["2010301", "项", "行政运行", "[observed]"]
        assert "functional 支出功能分类, bundled 2024 edition" in lines[1]
        assert lines[2].split() == ["类", "201", "一般公共服务支出"]
        assert lines[3].split() == ["款", "20103", "政府办公厅（室）及相关机构事务"]
        assert len(lines) == 4

    def test_unknown_but_well_formed(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "2010399")
        assert status == EXIT_OK
        assert "(not in the bundled 2024 edition catalogue)" in out.splitlines()[0]
        assert "政府办公厅（室）及相关机构事务" in out

    def test_fallback_year_is_said(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "2010301", "--year", "2025")
        assert status == EXIT_OK
        assert "bundled 2024 edition (no 2025 edition is bundled)" in out

    def test_unverified_is_said(self, capsys: pytest.CaptureFixture[str]) -> None:
        _, out, _ = run(capsys, "501")
        assert out.splitlines()[0].split() == ["501", "类", "机关工资福利支出", "[unverified]"]


class TestJson:
    def test_known(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "2010301", "--format", "json")
        assert status == EXIT_OK
        data = json.loads(out)
        assert data == {
            "code": "2010301",
            "classification": "functional",
            "level": "项",
            "name": "行政运行",
            "known": True,
            "ancestors": [
                {"code": "201", "name": "一般公共服务支出"},
                {"code": "20103", "name": "政府办公厅（室）及相关机构事务"},
            ],
            "edition": 2024,
            "trust": "observed",
        }

    def test_unknown(self, capsys: pytest.CaptureFixture[str]) -> None:
        status, out, _ = run(capsys, "30299", "-f", "json")
        data = json.loads(out)
        assert status == EXIT_OK
        assert data["known"] is True  # 30299 其他商品和服务支出 is observed
        _, out, _ = run(capsys, "30298", "--format=json")
        data = json.loads(out)
        assert data["known"] is False
        assert data["name"] is None
        assert data["trust"] is None
        assert data["ancestors"] == [{"code": "302", "name": "商品和服务支出"}]

    @pytest.mark.parametrize(
        ("argv", "classification", "level"),
        [
            (["101010101"], "revenue", "目"),
            (["30201"], "economic_dept", "款"),
            (["50101"], "economic_gov", "款"),
            (["501 01", "--classification", "economic-gov"], "economic_gov", "款"),
            (["２０１"], "functional", "类"),
        ],
    )
    def test_classification(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], classification: str, level: str
    ) -> None:
        status, out, _ = run(capsys, *argv, "--format", "json")
        assert status == EXIT_OK
        data = json.loads(out)
        assert (data["classification"], data["level"]) == (classification, level)


class TestErrors:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["20103x"], "code must contain only digits: code '20103x'"),
            (
                ["2010"],
                "code has 4 digits, expected 3 (类), 5 (款), 7 (项): functional code '2010'",
            ),
            (["40101"], "no classification starts with 4"),
            (["2010301", "-c", "economic-dept"], "code has 7 digits"),
            (["30201", "-c", "functional"], "a 支出功能分类 code starts with 2"),
        ],
    )
    def test_malformed(
        self, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
    ) -> None:
        status, out, err = run(capsys, *argv)
        assert status == EXIT_BAD_INPUT
        assert out == ""
        assert err.count("\n") == 1
        assert err.startswith("govfin code: error: ")
        assert message in err

    def test_bad_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        with pytest.raises(SystemExit) as info:
            main(["code", "201", "--classification", "economic"])
        assert info.value.code == EXIT_BAD_INPUT
        assert "invalid choice" in capsys.readouterr().err


@pytest.fixture
def echo_action() -> Iterator[str]:
    """Register a throw-away ``echo`` action, the way ``harvest`` will be added."""
    module = types.ModuleType("govfin_test_echo_action")

    def configure(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("inputs", nargs="+")
        parser.add_argument("--out")

        def handler(args: argparse.Namespace) -> int:
            print(" ".join(args.inputs), args.out)
            return 0

        parser.set_defaults(handler=handler)

    module.configure = configure  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    code_cli.register_action("echo", module.__name__, "print the inputs")
    yield "echo"
    del code_cli.ACTIONS["echo"]
    del sys.modules[module.__name__]


class TestActions:
    def test_action_gets_its_own_parser(
        self, capsys: pytest.CaptureFixture[str], echo_action: str
    ) -> None:
        status, out, _ = run(capsys, echo_action, "a.pdf", "b.pdf", "--out", "kemu.csv")
        assert status == EXIT_OK
        assert out == "a.pdf b.pdf kemu.csv\n"
        # Codes still work beside the action.
        status, out, _ = run(capsys, "2010301", "-f", "json")
        assert json.loads(out)["name"] == "行政运行"

    def test_action_usage_error(self, capsys: pytest.CaptureFixture[str], echo_action: str) -> None:
        with pytest.raises(SystemExit) as info:
            main(["code", echo_action])
        assert info.value.code == EXIT_BAD_INPUT
        assert "govfin code echo" in capsys.readouterr().err

    def test_action_names_cannot_look_like_codes(self) -> None:
        with pytest.raises(ValueError, match="digits"):
            code_cli.register_action("h2", "x", "y")
