"""Benchmark of the narrative checks on the seed: extraction, checking, drafting, calculators.

A script, not a test: ``python benchmarks/bench_narrative.py``.  Prints the
best CPU time of several runs for each step.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from decimal import Decimal

from govfin.calc import percent_interval, printouts, shares
from govfin.io import load_example
from govfin.narrative import draft, extract
from govfin.report import Narrative, Section
from govfin.rules import REGISTRY, assess, check, default_rules

REPEAT = 7


def best(func: Callable[[], object], repeat: int = REPEAT) -> float:
    """The best CPU time of *repeat* runs (CPU time: the figure survives a busy machine)."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        func()
        times.append(time.process_time() - start)
    return min(times)


def main() -> None:
    report = load_example()
    claims = extract(report)
    verdicts = assess(report)
    text = draft(report)
    drafted = report.evolve(narrative=Narrative((Section("", text),)))
    narrative_rules = REGISTRY.select("tag:narrative")
    every_rule = default_rules()
    parts = [Decimal("683.64"), Decimal("246.89"), Decimal("22.30"), Decimal("19.98")]
    print(
        f"python {sys.version.split()[0]}; seed: {len(report.narrative.text)} characters of prose"
    )
    print(f"claims extracted: {len(claims)}; findings (passes included): {len(verdicts)}")
    rows = [
        ("extract (whole narrative)", lambda: extract(report)),
        ("assess (extract + resolve + check)", lambda: assess(report)),
        # a fresh copy each time, so that the claims are extracted and checked anew
        ("check, narrative rules GF-N", lambda: check(report.evolve(), rules=narrative_rules)),
        ("check, every rule", lambda: check(report.evolve(), rules=every_rule)),
        ("draft", lambda: draft(report)),
        ("assess the drafted text", lambda: assess(drafted)),
    ]
    for label, func in rows:
        print(f"{label:38s} {best(func) * 1000:8.2f} ms")
    n = 10_000
    t = best(lambda: [shares(parts) for _ in range(n)], 3)
    print(f"{'shares (4 parts, largest remainder)':38s} {t / n * 1e6:8.2f} µs")
    a, b = parts[0], sum(parts, Decimal(0))
    from govfin.amounts import Interval  # noqa: PLC0415

    ia, ib = Interval.around(a, 2), Interval.around(b, 2)
    t = best(lambda: [printouts(percent_interval(ia, ib), 2) for _ in range(n)], 3)
    print(f"{'percent_interval + printouts':38s} {t / n * 1e6:8.2f} µs")


if __name__ == "__main__":
    main()
