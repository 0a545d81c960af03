"""Renderers: findings as text, JSON and JSON Lines (HTML in :mod:`govfin.render.html`).

Renderers only format what the rules decided; they never filter, rank or
judge.  :mod:`govfin.render.text` groups a report's findings by table with
expected / actual / difference; :mod:`govfin.render.json` gives the data in
the documented findings format (``govfin/data/schema/findings.schema.json``),
amounts as strings.

>>> from govfin.rules import CheckResult, Summary
>>> to_json([CheckResult("a.txt", (), Summary())])["reports"][0]["source"]
'a.txt'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from govfin.render import html, json, pdf_annotate, text
from govfin.render.html import write_html
from govfin.render.pdf_annotate import annotate_pdf
from govfin.rules import CheckResult

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


def to_text(results: Sequence[CheckResult], *, sources: Sequence[str] | None = None) -> str:
    """Every report's findings as text; with several reports, a summary table at the end."""
    names = list(sources) if sources is not None else [r.source or "report" for r in results]
    parts = [text.report(r, source=n) for r, n in zip(results, names, strict=True)]
    if len(results) > 1:
        parts.append(
            text.summary_table([(n, r.summary) for r, n in zip(results, names, strict=True)])
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
