"""The claims of a report's prose as the narrative rules read them, once per check run."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

import attrs

from govfin.classification import Catalog, bundled, bundled_years
from govfin.narrative import (
    Claim,
    Resolved,
    Sentence,
    Topic,
    extract,
    resolve,
    sentences,
    topic_of,
)
from govfin.narrative._extract import _sections
from govfin.report import Provenance, Report, Section
from govfin.rules._finding import Location

__all__ = ["Claims"]

C = TypeVar("C", bound=Claim)


class Claims:
    """The claims of *report*'s 情况说明, extracted on first use, with their resolution.

    :func:`~govfin.rules.check` makes one per run and hands it to every rule
    through :attr:`Context.claims <govfin.rules.Context.claims>`, so that the
    narrative rules extract the prose once.  *previous* is last year's report;
    *claims* replaces the extraction (:func:`govfin.narrative.extract`);
    *editions* (functional catalogues of several years) replaces the bundled
    ones against which the names in the prose are checked (GF-N014).

    >>> from govfin.io import load_example
    >>> claims = Claims(load_example())
    >>> len(claims) > 50, claims.all[0].kind
    (True, 'year')
    """

    def __init__(
        self,
        report: Report,
        previous: Report | None = None,
        *,
        claims: Iterable[Claim] | None = None,
        editions: Sequence[Catalog] | None = None,
    ) -> None:
        self.report = report
        self.previous = previous
        self._given = tuple(claims) if claims is not None else None
        self._editions = tuple(editions) if editions is not None else None
        self._resolved: dict[tuple[int, str, str, bool], Resolved | str] = {}
        # what a subject resolves to depends on its words, topic, path and role only:
        # claims that say the same (“基本支出” in one section) share one resolution
        self._by_subject: dict[tuple[str, Topic, tuple[str, ...], str], Resolved | str] = {}
        self._previous_by_subject: dict[tuple[str, Topic, tuple[str, ...]], Resolved | str] = {}
        self._topics: dict[tuple[str, tuple[str, ...]], Topic] = {}
        self._of: dict[tuple[type[Claim], ...], tuple[Claim, ...]] = {}

    @functools.cached_property
    def all(self) -> tuple[Claim, ...]:
        """Every claim, in the order of the prose."""
        return self._given if self._given is not None else extract(self.report)

    def __iter__(self) -> Iterator[Claim]:
        return iter(self.all)

    def __len__(self) -> int:
        return len(self.all)

    def of(self, *kinds: type[C]) -> tuple[C, ...]:
        """The claims that are instances of one of *kinds*, in the order of the prose.

        Picked once per run for each *kinds*: every rule reads its own kinds of claim.

        >>> from govfin.io import load_example
        >>> from govfin.narrative import ShareClaim
        >>> claims = Claims(load_example())
        >>> all(isinstance(c, ShareClaim) for c in claims.of(ShareClaim))
        True
        """
        found = self._of.get(kinds)
        if found is None:
            found = self._of[kinds] = tuple(c for c in self.all if isinstance(c, kinds))
        return found  # type: ignore[return-value]

    @functools.cached_property
    def editions(self) -> tuple[Catalog, ...]:
        """The functional catalogues the names in the prose are checked against."""
        if self._editions is not None:
            return self._editions
        return tuple(bundled("functional", y) for y in bundled_years("functional"))

    @functools.cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the prose, with its offsets and enclosing headings."""
        return tuple(
            sentence
            for section, offset, parents in _sections(self.report)
            for sentence in sentences(section, offset=offset, parents=parents)
        )

    @functools.cached_property
    def _paragraphs(self) -> dict[tuple[str, int], list[Claim]]:
        groups: dict[tuple[str, int], list[Claim]] = defaultdict(list)
        for c in self.all:
            groups[(c.sentence.section, c.sentence.paragraph)].append(c)
        return dict(groups)

    def paragraph(self, claim: Claim) -> list[Claim]:
        """The claims of *claim*'s paragraph, itself included."""
        return self._paragraphs.get((claim.sentence.section, claim.sentence.paragraph), [])

    def resolve(
        self, claim: Claim, subject: str | None = None, *, role: str = "final", bound: bool = False
    ) -> Resolved | str:
        """The table figure *subject* (default: the claim's) stands for, or why there is none.

        An upper bound (a figure the tables only bound) only when *bound* is
        asked for; else the reason it is not a figure.  Resolved once per run.
        """
        wanted = subject if subject is not None else claim.subject
        key = (id(claim), wanted, role, bound)
        found = self._resolved.get(key)
        if found is None:
            topic = self.topic(claim)
            # the claim's 类/款/项 path is its own subject's, not another's (a share's base)
            path = tuple(claim.path) if wanted == claim.subject else ()
            by_subject = (wanted, topic, path, role)
            found = self._by_subject.get(by_subject)
            if found is None:
                found = resolve(self.report, wanted, topic, path=path, role=role)
                self._by_subject[by_subject] = found
            if not bound and isinstance(found, Resolved) and found.bound:
                found = found.bound
            self._resolved[key] = found
        return found

    def resolve_previous(self, claim: Claim) -> Resolved | str | None:
        """The claim's subject in last year's report (``None``: no report was given)."""
        if self.previous is None:
            return None
        key = (claim.subject, self.topic(claim), tuple(claim.path))
        found = self._previous_by_subject.get(key)
        if found is None:
            found = resolve(self.previous, claim.subject, key[1], path=claim.path)
            self._previous_by_subject[key] = found
        return found

    def topic(self, claim: Claim) -> Topic:
        """The topic of *claim*'s sentence: :func:`~govfin.narrative.topic_of` its headings.

        Read once per section and headings.
        """
        s = claim.sentence
        key = (s.section, s.headings)
        found = self._topics.get(key)
        if found is None:
            found = self._topics[key] = topic_of((s.section, *s.headings))
        return found

    @functools.cached_property
    def _section_starts(self) -> dict[int, Section]:
        """Where each section's text starts in the narrative → the section."""
        starts: dict[int, Section] = {}
        pos = 0
        for section in self.report.narrative.sections:
            head = len(section.heading) + 1 if section.heading else 0
            starts.setdefault(pos + head, section)
            pos += head + len(section.text) + 1
        return starts

    def location(self, claim: Claim) -> Location:
        """Where *claim* is: its sentence (or heading), with the figure's span and provenance.

        >>> from govfin.io import load_example
        >>> claims = Claims(load_example())
        >>> loc = claims.location(next(c for c in claims if c.kind == "share"))
        >>> loc.kind, loc.role, loc.marked_sentence().count("【")
        ('narrative', 'claim', 1)
        """
        s = claim.sentence
        section = self._section_starts.get(s.offset + (len(s.section) + 1 if s.in_heading else 0))
        if s.in_heading:
            prov = section.provenance if section is not None else None
            return Location.narrative(s.section, s.text, role="heading", provenance=prov)
        figure = (claim.start, claim.end) if s.start <= claim.start < claim.end <= s.end else None
        return Location.narrative(
            s.section,
            s.text,
            s.start,
            s.end,
            role="claim",
            provenance=_sentence_provenance(section, s.start),
            figure=figure,
        )


def _sentence_provenance(section: Section | None, start: int) -> Provenance | None:
    """The section's provenance, moved to the sentence's own line in a text file.

    A text section keeps its line breaks and its provenance names the heading's
    line, so the sentence at *start* is on that line + 1 + the breaks before it.
    A PDF section keeps the page it starts on.
    """
    if section is None or section.provenance is None:
        return None
    prov = section.provenance
    if prov.line is None or prov.page is not None or prov.cell is not None:
        return prov
    below = 1 if section.heading else 0
    return attrs.evolve(prov, line=prov.line + below + section.text.count("\n", 0, start))
