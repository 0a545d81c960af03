"""Time of the full rule set per report: the seed, and 1 000 generated 决算.

Run: ``python benchmarks/bench_rules.py [--reports 1000] [--repeat 200]``.
Prints CPU milliseconds per report (one process, so one core).  The reports are
loaded or generated first; only :func:`govfin.rules.check` is timed.
"""

from __future__ import annotations

import argparse
import statistics
import time

from hypothesis import HealthCheck, Phase, given, settings

from govfin.io import load_example
from govfin.report import Report
from govfin.rules import RuleSet, check, default_rules
from govfin.testing import final_reports


def generated(count: int) -> list[Report]:
    """*count* consistent 决算 reports from :func:`govfin.testing.final_reports`."""
    out: list[Report] = []

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(final_reports())
    def collect(report: Report) -> None:
        out.append(report)

    collect()
    return out[:count]


def per_report_ms(reports: list[Report], rules: RuleSet, repeat: int) -> tuple[float, float]:
    """(mean, best) CPU milliseconds per report over *repeat* passes.

    CPU time of this process (:func:`time.process_time`): on a shared machine
    the wall clock also counts the time other processes hold the core.
    """
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for report in reports:
            check(report, rules)
        times.append((time.process_time() - start) / len(reports) * 1000)
    return statistics.mean(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=200, help="passes over the seed")
    args = parser.parse_args()

    every = default_rules()
    tables_only = every.ignore("GF-N") if any(r.id.startswith("GF-N") for r in every) else every
    seed = load_example()
    check(seed, every)  # warm caches (catalogues, narrative extraction)
    mean, best = per_report_ms([seed], every, args.repeat)
    print(f"seed, full rule set ({len(every)} rules): {mean:.2f} ms mean, {best:.2f} ms best")
    # The narrative rules share one reading of a report's prose, cached for that report
    # object: a fresh object per check pays the reading again, as a new report does.
    fresh = [seed.evolve() for _ in range(max(args.repeat // 10, 5))]
    mean, best = per_report_ms(fresh, every, 1)
    print(f"seed, full rule set, fresh report objects: {mean:.2f} ms mean, {best:.2f} ms best")
    mean, best = per_report_ms([seed], tables_only, args.repeat)
    print(f"seed, table rules ({len(tables_only)} rules): {mean:.2f} ms mean, {best:.2f} ms best")
    result = check(seed, every)
    print(f"seed: {result.summary.line()}")

    start = time.perf_counter()
    reports = generated(args.reports)
    print(f"generated {len(reports)} reports in {time.perf_counter() - start:.1f} s")
    rows = sum(len(t.rows) for r in reports for t in r.tables) / len(reports)
    print(f"  {rows:.0f} rows per report on average")
    mean, best = per_report_ms(reports, every, 3)
    print(f"generated, full rule set: {mean:.2f} ms per report mean, {best:.2f} ms best")
    found = sum(len(check(r, every).findings) for r in reports) / len(reports)
    print(f"  {found:.0f} findings per report on average (residues, unknown codes: info)")
    quiet = every.ignore("GF-K004")
    mean, best = per_report_ms(reports, quiet, 3)
    print(f"generated, without GF-K004 (unknown code): {mean:.2f} ms mean, {best:.2f} ms best")


if __name__ == "__main__":
    main()
