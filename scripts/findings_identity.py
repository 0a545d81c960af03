"""Prove that a change of code leaves every finding as it was.

A refactoring must not change what govfin finds.  This script writes, for a
fixed set of documents, every finding of every report as canonical JSON (the
``--format json`` data of :func:`govfin.render.json.report_dict`), one line
per document, and compares two such dumps.

Usage::

    python scripts/findings_identity.py corpus DIR [--count 1000]
    python scripts/findings_identity.py dump DIR OUT.jsonl
    python scripts/findings_identity.py compare BEFORE.jsonl AFTER.jsonl

``corpus`` writes *count* generated reports as native JSON into *DIR*:
consistent 决算 and 预算 reports, 决算 with their drafted 情况说明, and the
same with one printed amount changed or one word of a claim flipped, so that
the findings are not all empty.  Generation is derandomised (the same
reports for the same code of :mod:`govfin.testing`); writing the corpus once
and dumping it before and after a change removes even that dependence.

``dump`` checks, with every registered rule, the bundled example report, every
PDF under ``tests/data/pdf`` and ``tests/data/zoo``, and every ``*.json`` of
*DIR*, and writes one line per document: its name, the SHA-256 of its
findings, and the findings themselves.  It prints the number of documents,
findings and the digest of the whole dump.

``compare`` prints every document whose findings differ (the first differing
finding of each, before and after), and exits 1 if any does.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _generated(count: int) -> Iterator[Any]:
    """*count* generated reports: consistent, perturbed and with flipped claims."""
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415

    from govfin.testing import (  # noqa: PLC0415
        budget_reports,
        final_reports,
        flipped_claims,
        narrated_reports,
        perturbations,
    )

    def changed(report: Any) -> Any:
        return perturbations(report).map(lambda pair: pair[1])

    def flipped(report: Any) -> Any:
        return flipped_claims(report).map(lambda pair: pair[1])

    kinds = [
        final_reports(),
        budget_reports(),
        narrated_reports(),
        final_reports().flatmap(changed),
        budget_reports().flatmap(changed),
        narrated_reports().flatmap(flipped),
        narrated_reports().flatmap(changed),
    ]
    out: list[Any] = []
    per_kind = -(-count // len(kinds))

    def collector(strategy: Any) -> Any:
        @settings(
            max_examples=per_kind,
            database=None,
            deadline=None,
            derandomize=True,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def collect(report: Any) -> None:
            out.append(report)

        return collect

    for strategy in kinds:
        collector(strategy)()
    yield from out[:count]


def corpus(folder: Path, count: int) -> None:
    """Write *count* generated reports into *folder* as native JSON."""
    from govfin.io import save  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    n = 0
    for n, report in enumerate(_generated(count), 1):
        save(report, folder / f"g{n:05d}.json")
    print(f"{n} generated reports written")


def _documents(folder: Path) -> Iterator[tuple[str, Any]]:
    from govfin.io import load, load_example  # noqa: PLC0415

    yield "example", load_example
    pdfs = sorted((ROOT / "tests" / "data" / "pdf").rglob("*.pdf"))
    pdfs += sorted((ROOT / "tests" / "data" / "zoo").rglob("*.pdf"))
    for path in pdfs:  # by their names in the repository: the same in any clone
        name = path.relative_to(ROOT).as_posix()
        yield name, lambda name=name: _in(ROOT, lambda: load(name))
    for path in sorted(folder.glob("*.json")):
        yield path.name, lambda path=path: _in(path.parent, lambda: load(path.name))


def _in(folder: Path, fn: Callable[[], Any]) -> Any:
    """*fn* run in *folder*, so that file names in findings are relative."""
    here = Path.cwd()
    os.chdir(folder)
    try:
        return fn()
    finally:
        os.chdir(here)


def dump(folder: Path, out: Path) -> None:
    """Check every document and write its findings to *out*, one line each."""
    from govfin.errors import GovfinError  # noqa: PLC0415
    from govfin.render.json import report_dict  # noqa: PLC0415
    from govfin.rules import check  # noqa: PLC0415

    whole = hashlib.sha256()
    documents = findings = 0
    with out.open("w", encoding="utf-8") as fh:
        for name, loader in _documents(folder):
            try:
                data: Any = report_dict(check(loader()), source=name)
            except GovfinError as exc:  # an unreadable document: its error is its result
                data = {"error": type(exc).__name__, "message": str(exc)}
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            digest = hashlib.sha256(text.encode()).hexdigest()
            whole.update(digest.encode())
            documents += 1
            findings += len(data.get("findings", ()))
            line = {"document": name, "sha256": digest, "result": data}
            fh.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{documents} documents, {findings} findings, digest {whole.hexdigest()}")


def _load(path: Path) -> dict[str, dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return {row["document"]: row for row in map(json.loads, fh)}


def compare(before: Path, after: Path) -> int:
    """Print the documents whose findings differ; 1 if any does."""
    a, b = _load(before), _load(after)
    differ = 0
    for name in sorted(set(a) | set(b)):
        if name not in a or name not in b:
            print(f"{name}: only {'after' if name in b else 'before'}")
            differ += 1
            continue
        if a[name]["sha256"] == b[name]["sha256"]:
            continue
        differ += 1
        fa = a[name]["result"].get("findings", [])
        fb = b[name]["result"].get("findings", [])
        print(f"{name}: {len(fa)} findings before, {len(fb)} after")
        for x, y in zip(fa + [None] * len(fb), fb + [None] * len(fa), strict=False):
            if x != y:
                print(f"  before: {json.dumps(x, ensure_ascii=False)}")
                print(f"  after:  {json.dumps(y, ensure_ascii=False)}")
                break
        else:
            print("  (the findings are equal; the report's other fields differ)")
    print(f"{len(a)} documents before, {len(b)} after, {differ} differ")
    return 1 if differ else 0


def main() -> int:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("corpus", help="write generated reports as native JSON")
    p.add_argument("folder", type=Path)
    p.add_argument("--count", type=int, default=1000)
    p = sub.add_parser("dump", help="check every document and write its findings")
    p.add_argument("folder", type=Path)
    p.add_argument("out", type=Path)
    p = sub.add_parser("compare", help="compare two dumps")
    p.add_argument("before", type=Path)
    p.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "corpus":
        corpus(args.folder.resolve(), args.count)
        return 0
    if args.command == "dump":
        dump(args.folder.resolve(), args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
