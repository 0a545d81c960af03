"""The command line as a whole: version, usage errors, a reader that goes away."""

from __future__ import annotations

import subprocess
import sys

import pytest

from govfin import __version__
from govfin.cli import EXIT_BAD_INPUT, main


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"govfin {__version__}"


def test_no_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == EXIT_BAD_INPUT
    assert "usage: govfin" in capsys.readouterr().err


def test_unknown_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["rules", "--no-such-option"])
    assert info.value.code == EXIT_BAD_INPUT
    assert "unrecognized arguments" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly() -> None:
    """``govfin check --example --format json | head -1``: no traceback, no 'Exception ignored'."""
    command = [sys.executable, "-m", "govfin", "check", "--example", "--format", "json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None
        assert proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()
        err = proc.stderr.read().decode()
        proc.wait(timeout=120)
    assert "Traceback" not in err
    assert "BrokenPipeError" not in err
    assert proc.returncode in (0, 1)  # quiet stop, or the check finished before the pipe closed
