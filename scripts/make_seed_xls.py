"""Write the bundled seed report as an ``.xls`` made by LibreOffice, the way an office saves one.

The seed is laid out in the official layout by ``govfin.io.excel.save_xlsx``,
govfin's hidden sheet is removed (so that only the printed layout remains),
and LibreOffice converts the workbook to Excel 97–2003 (``soffice --headless
--convert-to xls``): a real ``.xls`` writer, independent of the xlwt one the
property tests use.  The result is committed as
``tests/data/xls/lukou-xzspj-2024-final.xls`` so that the tests need no
LibreOffice.  Run from the repository root (LibreOffice installed)::

    python scripts/make_seed_xls.py [OUTPUT]
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

from govfin.io import load_example
from govfin.io.excel import META_SHEET, save_xlsx

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "tests" / "data" / "xls" / "lukou-xzspj-2024-final.xls"


def layout_xlsx(path: Path) -> None:
    """The seed in the official layout, without govfin's hidden sheet, at *path*."""
    save_xlsx(load_example(), path)
    wb = openpyxl.load_workbook(path)
    del wb[META_SHEET]
    wb.save(path)


def build(output: Path) -> None:
    """Write the seed as a LibreOffice-made ``.xls`` at *output*."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to make the .xls fixture")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"{output.stem}.xlsx"
        layout_xlsx(source)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "xls",
                "--outdir",
                tmp,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        output.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(Path(tmp) / f"{output.stem}.xls", output)


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT
    build(target)
    print(f"wrote {target}")
