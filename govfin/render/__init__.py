"""Renderers: findings as text, JSON and JSON Lines (HTML in :mod:`govfin.render.html`).

Renderers only format what the rules decided; they never filter, rank or
judge.  :mod:`govfin.render.text` prints a report's findings worst first, with
where they are in words and expected / actual / difference, info summarised;
:mod:`govfin.render.json` gives the data in the documented findings format
(``govfin/data/schema/findings.schema.json``), amounts as strings.

>>> from govfin.rules import CheckResult, Severity, Summary
>>> to_json([CheckResult("a.txt", (), Summary())])["reports"][0]["source"]
'a.txt'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from govfin.render import html, json, pdf_annotate, text
from govfin.render.html import write_html
from govfin.render.pdf_annotate import annotate_pdf
from govfin.rules import CheckResult, Severity

__all__ = [
    "annotate_pdf",
    "html",
    "json",
    "pdf_annotate",
    "text",
    "to_json",
    "to_jsonl",
    "to_text",
    "write_html",
]


def to_text(
    results: Sequence[CheckResult],
    *,
    sources: Sequence[str] | None = None,
    show_info: bool = False,
    min_severity: Severity | str = Severity.INFO,
    fail_on: Severity | str = Severity.ERROR,
    failed: Sequence[str] = (),
    colour: bool = False,
    summary: str | None = None,
) -> str:
    """Every report's findings as text (:func:`govfin.render.text.report`), then the verdict.

    With several reports (or *failed*, the inputs that could not be read), a
    summary table comes before the verdict line, which always comes last;
    *summary* replaces that table (a batch's, :func:`govfin.render.batch.summary`).
    """
    names = list(sources) if sources is not None else [r.source or "report" for r in results]
    parts = [
        text.report(r, source=n, show_info=show_info, min_severity=min_severity, colour=colour)
        for r, n in zip(results, names, strict=True)
    ]
    if summary is not None:
        parts.append(summary)
    elif len(results) + len(failed) > 1:
        parts.append(
            text.summary_table(
                [(n, r.summary) for r, n in zip(results, names, strict=True)], failed=failed
            )
        )
    code = text.exit_code(results, fail_on=fail_on, unreadable=len(failed))
    parts.append(
        text.verdict(
            results, exit_code=code, unreadable=len(failed), fail_on=fail_on, colour=colour
        )
    )
    return "\n\n".join(parts) + "\n"


def to_json(
    results: Sequence[CheckResult], *, sources: Sequence[str | None] | None = None
) -> dict[str, Any]:
    """The findings document (:func:`govfin.render.json.document`)."""
    return json.document(results, sources=sources)


def to_jsonl(results: Iterable[CheckResult], *, sources: Iterable[str | None] | None = None) -> str:
    """JSON Lines, one report per line (:func:`govfin.render.json.jsonl`)."""
    return json.jsonl(results, sources)
