"""The packaged catalogues are exactly what scripts/update_classification.py makes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "update_classification.py"
REFERENCE = ROOT / "scripts" / "reference" / "classification"
PACKAGED = ROOT / "govfin" / "data" / "classification"


def test_packaged_files_are_up_to_date(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SCRIPT), "--source", str(REFERENCE), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    made = sorted(p.name for p in tmp_path.iterdir())
    assert made == sorted(p.name for p in PACKAGED.iterdir() if p.suffix == ".csv")
    for name in made:
        assert (tmp_path / name).read_bytes() == (PACKAGED / name).read_bytes(), name
