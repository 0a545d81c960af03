"""A parsed HTML page for the renderer tests (the standard library's parser only)."""

from __future__ import annotations

from html.parser import HTMLParser

import attrs

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


@attrs.define
class Element:
    """One element of the page: tag, attributes, text, and the id of its nearest ancestor."""

    tag: str
    attrs: dict[str, str]
    parents: tuple[str, ...] = ()
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """The elements of an HTML page, with ids, links and text (stdlib parser only)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.stack: list[Element] = []
        self.ids: dict[str, Element] = {}
        self.duplicates: list[str] = []
        self.styles: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        parents = tuple(e.attrs["id"] for e in self.stack if "id" in e.attrs)
        element = Element(tag, values, parents)
        self.elements.append(element)
        if "id" in values:
            if values["id"] in self.ids:
                self.duplicates.append(values["id"])
            self.ids[values["id"]] = element
        if tag not in _VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            top = self.stack.pop()
            if top.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.text += data
        if self.stack and self.stack[-1].tag == "style":
            self.styles.append(data)

    def find(self, tag: str | None = None, cls: str | None = None) -> list[Element]:
        """The elements with *tag* and the class *cls* (either may be ``None``)."""
        return [
            e
            for e in self.elements
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
        ]

    def links_in(self, element_id: str) -> list[str]:
        """The ``#anchor`` targets of the links inside the element *element_id*."""
        return [
            e.attrs["href"][1:]
            for e in self.elements
            if e.tag == "a" and element_id in e.parents and e.attrs.get("href", "").startswith("#")
        ]
