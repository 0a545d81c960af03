"""Batch checking with :func:`govfin.batch.check_many`: reports per second and peak memory.

Run: ``python benchmarks/bench_batch.py [--sizes 1000 10000] [--pdf 60]
[--modes serial pool2 dask2]``.

Inputs, written once to a temporary folder:

- *json*: native JSON reports.  A pool of distinct 决算 (the seed and reports
  from :func:`govfin.testing.final_reports`) is generated once and copied
  round-robin to as many files as asked (every file is read and checked in
  full; copying only saves the generation time).
- *pdf*: the published sample PDFs of the tests, repeated.

Modes: ``serial`` (one process, no pool), ``pool2`` (a process pool of two),
``dask2`` (a Dask ``LocalCluster`` of two single-threaded worker processes,
through ``Client.get_executor()``).  Each run happens in a fresh interpreter,
so that its peak memory is its own.  Printed per run: wall seconds, reports
per second, the driver's peak RSS and the largest worker's peak RSS (MiB,
``resource.getrusage``; in serial mode the driver is the worker), and CPU
milliseconds per report, all processes together and the driver's share (on a
shared machine the wall clock counts other processes' time too; CPU time does
not; the Dask workers' figure includes their start-up).  The driver
is not traced with ``tracemalloc``: forked pool workers would inherit the
tracing and run several times slower.  Memory that does not grow from 1 000 to 10 000
reports shows that the stream is bounded.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "pdf"


def _pool(count: int) -> list[object]:
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415

    from govfin.io import load_example  # noqa: PLC0415
    from govfin.testing import final_reports  # noqa: PLC0415

    out: list[object] = [load_example()]

    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(final_reports())
    def collect(report: object) -> None:
        out.append(report)

    collect()
    return out[:count]


def write_json(folder: Path, count: int, distinct: int) -> list[str]:
    """*count* native JSON reports in *folder* (copies of *distinct* generated ones)."""
    from govfin.io import save  # noqa: PLC0415

    folder.mkdir(parents=True, exist_ok=True)
    bases = []
    for i, report in enumerate(_pool(distinct)):
        path = folder / f"base-{i:03d}.json"
        save(report, path)  # type: ignore[arg-type]
        bases.append(path)
    paths = []
    for i in range(count):
        path = folder / f"r{i:05d}.json"
        shutil.copyfile(bases[i % len(bases)], path)
        paths.append(str(path))
    for base in bases:
        base.unlink()
    return paths


def write_pdf(folder: Path, count: int) -> list[str]:
    """*count* PDF files in *folder*: the samples, repeated."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = sorted(SAMPLES.glob("*.pdf"))
    paths = []
    for i in range(count):
        path = folder / f"p{i:04d}-{samples[i % len(samples)].name}"
        shutil.copyfile(samples[i % len(samples)], path)
        paths.append(str(path))
    return paths


def _maxrss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # KiB on Linux


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _worker_usage() -> tuple[float, float]:
    return _maxrss_mib(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_SELF)


def run_once(mode: str, listing: Path) -> dict[str, float]:
    """Check every file of *listing* in *mode*; the figures of this run."""
    from concurrent.futures import Executor  # noqa: PLC0415

    from govfin.batch import check_many  # noqa: PLC0415

    paths = listing.read_text(encoding="utf-8").split("\n")
    cluster = client = None
    executor: Executor | None = None
    jobs = 1
    if mode == "pool2":
        jobs = 2
    elif mode == "dask2":
        from distributed import Client, LocalCluster  # noqa: PLC0415

        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
        executor = client.get_executor()  # type: ignore[no-untyped-call]
    start = time.perf_counter()
    cpu_start = _cpu(resource.RUSAGE_SELF)
    checked = failed = findings = 0
    for item in check_many(paths, executor=executor, jobs=jobs):
        if item.result is None:
            failed += 1
        else:
            checked += 1
            findings += len(item.result.findings)
    wall = time.perf_counter() - start
    driver_cpu = _cpu(resource.RUSAGE_SELF) - cpu_start
    if mode == "dask2":
        assert client is not None
        assert cluster is not None
        usage = client.run(_worker_usage)
        worker = max(rss for rss, _ in usage.values())
        worker_cpu = sum(cpu for _, cpu in usage.values())
        client.close()  # type: ignore[no-untyped-call]
        cluster.close()
    elif mode == "pool2":
        worker = _maxrss_mib(resource.RUSAGE_CHILDREN)  # the pool's processes have ended
        worker_cpu = _cpu(resource.RUSAGE_CHILDREN)
    else:
        worker = _maxrss_mib(resource.RUSAGE_SELF)  # the driver is the worker
        worker_cpu, driver_cpu = driver_cpu, 0.0
    return {
        "files": len(paths),
        "checked": checked,
        "failed": failed,
        "findings": findings,
        "wall": wall,
        "per_second": len(paths) / wall,
        "driver_rss": _maxrss_mib(resource.RUSAGE_SELF),
        "worker_rss": worker,
        "cpu_ms": (worker_cpu + driver_cpu) / len(paths) * 1000,
        "driver_cpu_ms": driver_cpu / len(paths) * 1000,
    }


def _run_in_fresh_interpreter(mode: str, paths: list[str], scratch: Path) -> dict[str, float]:
    listing = scratch / f"listing-{mode}-{len(paths)}.txt"
    listing.write_text("\n".join(paths), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, __file__, "--one", mode, str(listing)],
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--pdf", type=int, default=60, help="PDF files (samples repeated)")
    parser.add_argument("--distinct", type=int, default=20, help="distinct generated reports")
    parser.add_argument("--modes", nargs="+", default=["serial", "pool2", "dask2"])
    parser.add_argument("--one", nargs=2, metavar=("MODE", "LISTING"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_once(args.one[0], Path(args.one[1]))))
        return
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start")
    header = (
        f"{'inputs':<14} {'mode':<7} {'files':>6} {'s':>8} {'reports/s':>10} "
        f"{'driver MiB':>10} {'worker MiB':>10} {'CPU ms/rep':>10} {'driver ms':>9}"
    )
    print(header)
    with tempfile.TemporaryDirectory(prefix="govfin-bench-batch-") as tmp:
        scratch = Path(tmp)
        start = time.perf_counter()
        sets = [
            (f"json {n}", write_json(scratch / f"json{n}", n, args.distinct)) for n in args.sizes
        ]
        if args.pdf:
            sets.append((f"pdf {args.pdf}", write_pdf(scratch / "pdf", args.pdf)))
        print(f"(inputs written in {time.perf_counter() - start:.1f} s)", flush=True)
        for name, paths in sets:
            for mode in args.modes:
                f = _run_in_fresh_interpreter(mode, paths, scratch)
                print(
                    f"{name:<14} {mode:<7} {f['files']:>6.0f} {f['wall']:>8.1f} "
                    f"{f['per_second']:>10.1f} {f['driver_rss']:>10.0f} {f['worker_rss']:>10.0f} "
                    f"{f['cpu_ms']:>10.1f} {f['driver_cpu_ms']:>9.2f}"
                    + (f"  ({f['failed']:.0f} failed)" if f["failed"] else ""),
                    flush=True,
                )


if __name__ == "__main__":
    main()
