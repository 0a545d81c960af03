"""Reference sections generated from the package at build time, so they cannot drift.

Directives:

``govfin-cli``
    The usage and options of ``govfin`` and of every sub-command, read from the
    argument parser :func:`govfin.cli.build_parser` builds.
``govfin-schemas``
    Every JSON Schema shipped in ``govfin/data/schema/*.schema.json``, with its
    title and description, included verbatim.
``govfin-rules``
    The built-in rule catalogue of :mod:`govfin.rules`: id, severity, title,
    tables, what it compares and an example finding, one section per rule.
``govfin-run``
    Runs shell commands (one per ``$ `` line of its content) when the docs are
    built and shows each with its real output and exit code, so that the
    outputs printed in the tutorial and the how-to guides are never invented.
    The commands of one page share a scratch directory.  Options:
    ``:requires: check`` (a ``govfin`` sub-command that must exist, else a note
    says this build lacks it and nothing runs), ``:max-lines: N`` and
    ``:tail-lines: M`` (cut long output to its first N and last M lines),
    ``:expect: N`` (the exit code the last command must end with; a different
    one is a build warning).
"""

from __future__ import annotations

import argparse
import importlib
import importlib.resources
import importlib.util
import inspect
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

_UNDERLINES = "=-~^\"'"


def _parse_rst(directive: SphinxDirective, text: str) -> list[nodes.Node]:
    if type(directive.state).__module__.startswith("myst_parser"):
        # MyST would parse the generated reStructuredText as Markdown.
        raise directive.error(f"{directive.name} generates reST: use it in an .rst page")
    container = nodes.section()
    container.document = directive.state.document
    lines = StringList(text.splitlines(), source=f"<{directive.name}>")
    nested_parse_with_titles(directive.state, lines, container)
    return list(container.children)


def _literal(text: str, language: str = "text") -> list[str]:
    out = [f".. code-block:: {language}", ""]
    out += [f"   {line}" if line else "" for line in text.rstrip().splitlines()]
    out.append("")
    return out


def _heading(text: str, level: int) -> list[str]:
    return [text, _UNDERLINES[level] * max(len(text.encode("utf-8")), len(text) * 2), ""]


# --- CLI ---------------------------------------------------------------------------


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    for action in parser._actions:  # argparse offers no public way to list them
        if isinstance(action, argparse._SubParsersAction):
            yield from action.choices.items()


def _help(parser: argparse.ArgumentParser) -> str:
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "96"
    try:
        return parser.format_help()
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old


def cli_rst(level: int = 1) -> str:
    """The reST of the command-line reference."""
    from govfin.cli import build_parser  # noqa: PLC0415

    parser = build_parser()
    lines = _literal(_help(parser))

    def walk(prefix: str, sub: argparse.ArgumentParser, depth: int) -> None:
        for name, child in _subcommands(sub):
            title = f"{prefix} {name}"
            lines.extend([f".. _cli-{title.replace(' ', '-')}:", ""])
            lines.extend(_heading(f"``{title}``", depth))
            lines.extend(_literal(_help(child)))
            walk(title, child, min(depth + 1, len(_UNDERLINES) - 1))

    walk("govfin", parser, level)
    return "\n".join(lines)


class CliDirective(SphinxDirective):
    """``.. govfin-cli::`` — the generated CLI reference."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return _parse_rst(self, cli_rst(level=2))


# --- JSON Schemas ------------------------------------------------------------------


def schema_files() -> list[tuple[str, str]]:
    """``(file name, text)`` of every shipped ``*.schema.json``, sorted by name."""
    root = importlib.resources.files("govfin") / "data" / "schema"
    if not root.is_dir():
        return []
    found = [
        (entry.name, entry.read_text(encoding="utf-8"))
        for entry in root.iterdir()
        if entry.name.endswith(".schema.json")
    ]
    return sorted(found)


def schemas_rst(level: int = 1) -> str:
    """The reST that shows every shipped schema."""
    files = schema_files()
    if not files:
        return (
            "This version of govfin ships no JSON Schema "
            "(``govfin/data/schema/*.schema.json`` is empty).\n"
        )
    lines: list[str] = []
    for name, text in files:
        data = json.loads(text)
        lines.extend([f".. _schema-{name.removesuffix('.schema.json')}:", ""])
        lines.extend(_heading(f"``{name}``", level))
        title = data.get("title")
        if title:
            lines.extend([f"**{title}**", ""])
        if data.get("$id"):
            lines.extend([f"``$id``: ``{data['$id']}``", ""])
        if data.get("description"):
            lines.extend([str(data["description"]), ""])
        code = (
            "import importlib.resources, json\n"
            f"schema = json.loads((importlib.resources.files('govfin') / 'data' / 'schema'"
            f" / '{name}').read_text())"
        )
        lines.extend([f"Shipped as ``govfin/data/schema/{name}``; read it with", ""])
        lines.extend(_literal(code, "python"))
        lines.extend(_literal(text, "json"))
    return "\n".join(lines)


class SchemasDirective(SphinxDirective):
    """``.. govfin-schemas::`` — every shipped JSON Schema, verbatim."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        for _name, _text in schema_files():
            root = importlib.resources.files("govfin") / "data" / "schema"
            self.env.note_dependency(str(root / _name))
        return _parse_rst(self, schemas_rst())


# --- Rules -------------------------------------------------------------------------


def _rules_module() -> Any | None:
    try:
        module = importlib.import_module("govfin.rules")
    except ImportError:
        return None
    # A folder without __init__.py imports as a namespace package: not a module yet.
    return module if getattr(module, "__file__", None) else None


def rules_rst(level: int = 1) -> str:
    """The reST of the rule catalogue, one section per registered rule."""
    module = _rules_module()
    if module is None:
        return (
            ".. note::\n\n   This build of govfin has no rule engine: "
            "``govfin.rules`` is not importable, so there is no rule catalogue to list.\n"
        )
    return _catalogue_rst(module, level)


def _example_findings(module: Any) -> tuple[dict[str, Any], str]:
    """The first finding (else pass record) of each rule on the bundled example report."""
    try:
        io = importlib.import_module("govfin.io")
        report = io.load_example()
    except (ImportError, AttributeError) as exc:
        return {}, f"no example report can be loaded in this build ({exc})"
    result = module.check(report, module.default_rules(), keep_passes=True)
    examples: dict[str, Any] = {}
    for finding in (*result.findings, *result.passes):
        examples.setdefault(finding.rule, finding)
    source = report.department or report.source or "the bundled example report"
    return examples, f"{source} {report.year or ''}".strip()


def _inline(text: str) -> str:
    """*text* on one line, with reST's inline markup characters escaped."""
    text = " ".join(str(text).split())
    for char in "\\*`|_":
        text = text.replace(char, "\\" + char)
    return text


def _finding_rst(finding: Any) -> list[str]:
    rows = [
        ("severity", f"``{finding.severity.value}``"),
        ("outcome", f"``{finding.outcome.value}``"),
    ]
    shown = finding.locations[:3]
    for loc in shown:
        role = f" ({loc.role})" if loc.role else ""
        rows.append((f"location{role}", _inline(loc.describe())))
    if len(finding.locations) > len(shown):
        rows.append(("", f"… and {len(finding.locations) - len(shown)} more locations"))
    unit = f" {finding.unit.value}" if finding.unit is not None else ""
    for name in ("expected", "actual", "difference", "tolerance"):
        value = getattr(finding, name)
        if value is not None:
            rows.append((name, f"``{value:f}``{unit}"))
    rows.append(("message", _inline(finding.message)))
    if finding.note:
        rows.append(("note", _inline(finding.note)))
    out = [".. list-table::", "   :widths: 1 4", ""]
    for key, value in rows:
        out += [f"   * - {key}", f"     - {value}"]
    out.append("")
    return out


def _catalogue_rst(module: Any, level: int) -> str:
    rules = list(module.default_rules())
    examples, source = _example_findings(module)
    lines = [
        f"govfin |version| registers **{len(rules)}** rules.  This page is generated from",
        ":func:`govfin.rules.default_rules` when the documentation is built; the example",
        f"findings come from running each rule on {source} (``govfin check --example``),",
        "pass records included.",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 2 1 6",
        "",
        "   * - id",
        "     - severity",
        "     - title",
    ]
    for r in rules:
        lines += [
            f"   * - :ref:`{r.id} <rule-{r.id}>`",
            f"     - ``{r.severity.value}``",
            f"     - {r.title}",
        ]
    lines.append("")
    for r in rules:
        lines += [f".. _rule-{r.id}:", ""]
        lines += _heading(f"{r.id}: {r.title}", level)
        if r.description:
            lines += [inspect.cleandoc(r.description), ""]
        kinds = (
            "决算 and 预算" if r.kinds is None else " and ".join(sorted(k.value for k in r.kinds))
        )
        fields = [
            ("Severity", f"``{r.severity.value}``"),
            ("Tags", ", ".join(f"``{t}``" for t in sorted(r.tags)) or "none"),
            ("Needs tables", ", ".join(f"``{t}``" for t in r.tables) or "none"),
            ("Reads tables", ", ".join(f"``{t}``" for t in getattr(r, "reads", ())) or "—"),
            ("Reports", kinds),
            ("Message", _inline(r.message)),
        ]
        lines += [f":{k}: {v}" for k, v in fields]
        lines.append("")
        example = examples.get(r.id)
        if example is not None:
            lines += ["Example finding:", "", *_finding_rst(example)]
        elif examples:
            lines += ["The example report gives this rule nothing to compare.", ""]
    return "\n".join(lines)


class RulesDirective(SphinxDirective):
    """``.. govfin-rules::`` — the built-in rule catalogue."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return _parse_rst(self, rules_rst())


# --- Commands run at build time -----------------------------------------------------


def has_subcommand(name: str) -> bool:
    """Whether ``govfin NAME`` is registered in this build."""
    from govfin.cli import build_parser  # noqa: PLC0415

    return any(n == name for n, _ in _subcommands(build_parser()))


_SCRATCH: dict[str, Path] = {}


def _scratch(docname: str) -> Path:
    if docname not in _SCRATCH:
        _SCRATCH[docname] = Path(tempfile.mkdtemp(prefix="govfin-docs-"))
    return _SCRATCH[docname]


def run_commands(
    commands: list[str], cwd: Path, max_lines: int | None, tail_lines: int = 0
) -> tuple[str, int]:
    """Run each command with bash in *cwd*; return the transcript and the last exit code.

    Output longer than *max_lines* keeps its first *max_lines* and last *tail_lines*
    lines, with a line saying how many were left out.
    """
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env.update({"COLUMNS": "100", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"})
    env["REPO"] = str(Path(__file__).resolve().parents[2])  # the checkout the docs are in
    transcript: list[str] = []
    code = 0
    for command in commands:
        proc = subprocess.run(
            ["/bin/bash", "-c", command],
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        code = proc.returncode
        out = (proc.stdout + proc.stderr).rstrip("\n").splitlines()
        if max_lines is not None and len(out) > max_lines + tail_lines:
            hidden = len(out) - max_lines - tail_lines
            tail = out[len(out) - tail_lines :] if tail_lines else []
            out = [*out[:max_lines], f"… ({hidden} lines left out)", *tail]
        transcript.append(f"$ {command}")
        transcript.extend(out)
        if code:
            transcript.append(f"[exit code {code}]")
    return "\n".join(transcript), code


class RunDirective(SphinxDirective):
    """``.. govfin-run::`` — commands run at build time, shown with their real output."""

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "requires": str,
        "max-lines": int,
        "tail-lines": int,
        "expect": int,
        "language": str,
    }

    def run(self) -> list[nodes.Node]:
        commands = [ln[2:] for ln in self.content if ln.startswith("$ ")]
        required = self.options.get("requires")
        if required and not has_subcommand(required):
            note = nodes.note()
            note += nodes.paragraph(
                "",
                "",
                nodes.literal("", f"govfin {required}"),
                nodes.Text(" is not part of this build of govfin, so these commands were not run:"),
            )
            listing = "\n".join(f"$ {c}" for c in commands)
            note += nodes.literal_block(listing, listing, language="console")
            return [note]
        transcript, code = run_commands(
            commands,
            _scratch(self.env.docname),
            self.options.get("max-lines"),
            self.options.get("tail-lines", 0),
        )
        expect = self.options.get("expect", 0)
        if code != expect:
            from sphinx.util import logging  # noqa: PLC0415

            logging.getLogger(__name__).warning(
                "govfin-run: %r ended with exit code %d, expected %d:\n%s",
                commands[-1],
                code,
                expect,
                transcript[-2000:],
                location=(self.env.docname, self.lineno),
            )
        block = nodes.literal_block(transcript, transcript)
        block["language"] = self.options.get("language", "console")
        return [block]


def missing_features(names: list[str]) -> list[str]:
    """Which of *names* (``govfin.io.excel``, ``cli:check``) this build lacks."""
    missing = []
    for name in names:
        if name.startswith("cli:"):
            if not has_subcommand(name[4:]):
                missing.append(f"govfin {name[4:]}")
            continue
        try:
            spec = importlib.util.find_spec(name)
        except ImportError:
            spec = None
        if spec is None or spec.origin is None:
            missing.append(name)
    return missing


class RequiresDirective(SphinxDirective):
    """``.. govfin-requires:: govfin.io.excel cli:convert`` — say what this build lacks.

    Renders nothing when every feature is present; otherwise a warning box naming
    the missing ones, so a page never presents as available what is not.
    """

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        missing = missing_features(self.arguments[0].split())
        if not missing:
            return []
        para = nodes.paragraph("", "This build of govfin lacks ")
        for i, name in enumerate(missing):
            if i:
                para += nodes.Text(", ")
            para += nodes.literal("", name)
        para += nodes.Text(": the examples on this page that use it were not run.")
        box = nodes.warning()
        box += para
        return [box]


def _clean_scratch(app: Any, exception: BaseException | None) -> None:
    for path in _SCRATCH.values():
        shutil.rmtree(path, ignore_errors=True)
    _SCRATCH.clear()


def setup(app: Any) -> dict[str, Any]:
    """Register the directives."""
    app.add_directive("govfin-run", RunDirective)
    app.add_directive("govfin-requires", RequiresDirective)
    app.connect("build-finished", _clean_scratch)
    app.add_directive("govfin-cli", CliDirective)
    app.add_directive("govfin-schemas", SchemasDirective)
    app.add_directive("govfin-rules", RulesDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
