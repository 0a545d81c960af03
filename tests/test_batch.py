"""``govfin.batch.check_many``: typed results per file, in input order, streamed, any executor."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

from govfin.batch import Failure, FileResult, check_many, check_one
from govfin.io import example_path, load, load_example, save
from govfin.report import Report
from govfin.rules import RuleSet, check
from govfin.testing import Perturbation, perturb


@pytest.fixture
def folder(tmp_path: Path) -> list[str]:
    """Three readable copies of the seed (one with a changed figure) and two unreadable files."""
    seed = load_example()
    paths = []
    for i in range(3):
        path = tmp_path / f"r{i}.json"
        save(seed, path)
        paths.append(str(path))
    save(
        perturb(seed, Perturbation("final.general_basic", "301", "amount", None, Decimal(999))),
        paths[1],
    )
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    return [paths[0], str(bad), paths[1], str(tmp_path / "missing.txt"), paths[2]]


def _key(item: FileResult) -> object:
    if item.result is None:
        return (item.index, item.source, item.failure)
    return (item.index, item.source, item.info, item.result.findings, item.result.summary)


def _raises(source: str) -> Report:
    raise RuntimeError(f"a defect while reading {source}")


class TestResults:
    def test_one_typed_result_per_input_in_input_order(self, folder: list[str]) -> None:
        items = list(check_many(folder))
        assert [i.source for i in items] == folder
        assert [i.index for i in items] == list(range(len(folder)))
        assert [i.ok for i in items] == [True, False, True, False, True]
        for item in items:
            assert item.elapsed >= 0
            if item.ok:
                assert item.result is not None
                assert item.failure is None
                assert item.info is not None
                assert (item.info.department, item.info.year, item.info.kind) == (
                    "株洲市渌口区行政审批服务局",
                    2024,
                    "决算",
                )
                assert item.info.recognised == item.info.tables == 9
            else:
                assert item.result is None
                assert item.failure is not None
                assert item.failure.type == "LoadError"
                assert not item.failure.internal
                assert item.failure.file == item.source

    def test_the_findings_are_those_of_check(self, folder: list[str]) -> None:
        items = list(check_many(folder, select=["GF-R"]))
        for item in items:
            if item.ok:
                assert item.result is not None
                expected = check(load(item.source), _rules("GF-R"))
                assert item.result.findings == expected.findings
        changed = items[2].result
        assert changed is not None
        assert changed.summary.errors > 0
        assert items[0].result is not None
        assert items[0].result.summary.errors == 0

    def test_an_unexpected_exception_is_a_failure_never_a_clean_report(self) -> None:
        (item,) = check_many(["a.json"], load=_raises)
        assert not item.ok
        assert item.failure is not None
        assert item.failure.internal
        assert item.failure.type == "RuntimeError"
        assert "a defect while reading a.json" in item.failure.message

    def test_results_pickle(self, folder: list[str]) -> None:
        items = list(check_many(folder, keep_passes=True))
        again = pickle.loads(pickle.dumps(items))
        assert [_key(i) for i in again] == [_key(i) for i in items]
        first, again_first = items[0].result, again[0].result
        assert first is not None
        assert again_first is not None
        assert again_first.passes == first.passes
        assert first.passes

    def test_brief_keeps_the_counts_and_drops_the_findings(self, folder: list[str]) -> None:
        item = next(iter(check_many(folder[2:3], keep_reports=True)))
        assert item.report is not None
        brief = item.brief()
        assert brief.result is not None
        assert item.result is not None
        assert brief.result.findings == ()
        assert brief.result.summary == item.result.summary
        assert brief.report is None

    def test_keep_reports(self) -> None:
        (item,) = check_many([example_path()], keep_reports=True)
        assert item.report is not None
        assert len(item.report.tables) == 9

    def test_bad_options_fail_before_any_work(self) -> None:
        with pytest.raises(ValueError, match="no rule matches"):
            check_many(["x.json"], select=["GF-Z9"])
        with pytest.raises(ValueError, match="jobs"):
            check_many(["x.json"], jobs=-1)
        with pytest.raises(ValueError, match="window"):
            check_many(["x.json"], window=0)

    def test_failure_of_an_os_error_names_the_file(self) -> None:
        failure = Failure.of(FileNotFoundError(2, "No such file", "r.pdf"))
        assert (failure.type, failure.file, failure.internal) == (
            "FileNotFoundError",
            "r.pdf",
            False,
        )


def _rules(*select: str) -> RuleSet:
    from govfin.rules import default_rules  # noqa: PLC0415

    return default_rules().select(*select)


class TestExecutors:
    def test_process_pool_gives_the_same_results_in_the_same_order(self, folder: list[str]) -> None:
        serial = [_key(i) for i in check_many(folder)]
        pooled = [_key(i) for i in check_many(folder, jobs=2)]
        assert pooled == serial

    def test_any_executor(self, folder: list[str]) -> None:
        serial = [_key(i) for i in check_many(folder)]
        with ThreadPoolExecutor(max_workers=3) as pool:
            threaded = [_key(i) for i in check_many(folder, executor=pool)]
        assert threaded == serial

    def test_at_most_window_inputs_in_flight(self) -> None:
        pulled: list[int] = []

        def inputs() -> Iterator[str]:
            for i in range(12):
                pulled.append(i)
                yield str(example_path())

        seen = []
        with ThreadPoolExecutor(max_workers=2) as pool:
            for item in check_many(inputs(), executor=pool, window=3, select=["GF-T"]):
                # when item k is handed out, inputs up to k + window have been read at most
                assert len(pulled) <= item.index + 3
                seen.append(item.index)
        assert seen == list(range(12))

    def test_check_one_in_this_process(self) -> None:
        item = check_one(7, str(example_path()))
        assert (item.index, item.ok) == (7, True)


@pytest.mark.slow
def test_dask_local_cluster(folder: list[str]) -> None:
    distributed = pytest.importorskip("distributed")
    serial = [_key(i) for i in check_many(folder)]
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = [_key(i) for i in check_many(folder, executor=client.get_executor())]
    assert on_dask == serial
