"""Outputs never cost the user a file: no overwrite without --force, never an input, atomic."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govfin.cli import main
from govfin.errors import WriteError
from govfin.io import example_path, load_example, save
from govfin.io._atomic import replacing, write_bytes

_SETTINGS = settings(
    max_examples=min(settings().max_examples, 50),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _seed_copy(folder: Path) -> Path:
    path = folder / "seed.txt"
    path.write_bytes(example_path().read_bytes())
    return path


@pytest.mark.parametrize("suffix", [".json", ".xlsx"])
def test_convert_refuses_an_existing_output(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"out{suffix}"
    out.write_bytes(b"precious")
    assert main(["convert", "--example", "-o", str(out)]) == 2
    assert out.read_bytes() == b"precious"
    assert main(["convert", "--example", "-o", str(out), "--force"]) == 0
    assert out.read_bytes() != b"precious"


def test_check_refuses_an_existing_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "findings.txt"
    out.write_text("precious", encoding="utf-8")
    assert main(["check", "--example", "-o", str(out)]) == 2
    assert "exists; give --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "precious"
    assert main(["check", "--example", "-o", str(out), "--force"]) == 1
    assert "GF-" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("how", ["same", "hard link", "symbolic link", "dotted"])
def test_an_input_is_never_replaced(tmp_path: Path, how: str) -> None:
    source = _seed_copy(tmp_path)
    before = source.read_bytes()
    if how == "same":
        out = source
    elif how == "hard link":
        out = tmp_path / "link.json"
        os.link(source, out)
    elif how == "symbolic link":
        out = tmp_path / "sym.json"
        out.symlink_to(source)
    else:
        out = tmp_path / "." / "seed.txt"
    for argv in (
        ["convert", str(source), "-o", str(out), "--force"],
        ["check", str(source), "-o", str(out), "--force"],
        ["draft", str(source), "-o", str(out), "--force"],
    ):
        assert main(argv) == 2, argv
        assert source.read_bytes() == before


def test_own_workbook_is_not_replaced(tmp_path: Path) -> None:
    own = tmp_path / "own.xlsx"
    save(load_example(), own)
    before = own.read_bytes()
    assert main(["convert", str(own), "-o", str(own), "--force"]) == 2
    assert own.read_bytes() == before


def test_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"precious")

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)  # the disk fills while the file is written
    assert main(["convert", "--example", "-o", str(out), "--force"]) == 2
    err = capfd.readouterr().err
    assert "No space left on device" in err
    assert "Traceback" not in err
    assert "Exception ignored" not in err
    assert out.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


@_SETTINGS
@given(
    old=st.binary(max_size=64),
    new=st.binary(max_size=64),
    fail=st.booleans(),
)
def test_atomic_write(tmp_path: Path, old: bytes, new: bytes, fail: bool) -> None:
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    target = folder / "file.bin"
    target.write_bytes(old)
    if fail:
        with pytest.raises(RuntimeError, match="half way"):
            _fail_half_way(target, new)
        assert target.read_bytes() == old
    else:
        write_bytes(target, new)
        assert target.read_bytes() == new
    assert [p.name for p in folder.iterdir()] == ["file.bin"]


def _fail_half_way(target: Path, new: bytes) -> None:
    with replacing(target) as tmp:
        Path(tmp).write_bytes(new[: len(new) // 2])
        raise RuntimeError("the writer failed half way")


def test_unwritable_folder(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="no-such-folder"):
        write_bytes(tmp_path / "no-such-folder" / "x.json", b"{}")
    assert main(["convert", "--example", "-o", str(tmp_path / "nope" / "x.json")]) == 2
