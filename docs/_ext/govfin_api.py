"""Generate the API reference from the package itself, so it cannot drift from the code.

At ``builder-inited`` this extension walks every public module of govfin (no
``_private`` component in its dotted name), reads its ``__all__`` and writes one
reST page per module under ``docs/reference/api/`` (git-ignored).  Each name of
``__all__`` is documented once, in its *canonical* public home:

* a class or function defined in a public module is documented there;
* a name defined in a private module (``govfin.rules._finding.Finding``) is
  documented in the public module that re-exports it (``govfin.rules``);
* every other module that lists the name in its ``__all__`` links to that home
  ("also available here").

Annotations and cross-references that name the private path
(``govfin.rules._finding.Finding``) are redirected to the canonical home by a
``missing-reference`` handler.

:func:`api_pages` is also used by ``tests/test_docs.py`` to check that every
public name appears in the reference.
"""

from __future__ import annotations

import enum
import importlib
import importlib.util
import inspect
import pkgutil
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

PACKAGE = "govfin"
API_DIR = Path(__file__).resolve().parent.parent / "reference" / "api"


@attrs.frozen
class Entry:
    """One name of a module's ``__all__`` and where it is documented."""

    module: str
    name: str
    obj: Any
    canonical: str  # dotted path of the documented object
    kind: str  # "module", "class", "exception", "enum", "function", "data"

    @property
    def home(self) -> bool:
        """Whether this module is where the object is documented."""
        return self.canonical == f"{self.module}.{self.name}"


def is_public(modname: str) -> bool:
    """Whether no component of *modname* starts with an underscore."""
    return not any(part.startswith("_") for part in modname.split("."))


def public_modules() -> list[str]:
    """Every public module of the package, sorted, the package itself first."""
    package = importlib.import_module(PACKAGE)
    walked = pkgutil.walk_packages(package.__path__, PACKAGE + ".", onerror=_reraise)
    names = [PACKAGE, *(info.name for info in walked if is_public(info.name))]
    return sorted(set(names))


def _reraise(name: str) -> None:
    raise ImportError(f"cannot import {name} while walking {PACKAGE}")


def module_all(modname: str) -> list[str]:
    """The module's ``__all__`` (empty when it has none)."""
    module = importlib.import_module(modname)
    return list(getattr(module, "__all__", ()))


def kind_of(obj: Any) -> str:
    """How autodoc should document *obj*."""
    if isinstance(obj, types.ModuleType):
        return "module"
    if inspect.isclass(obj):
        if issubclass(obj, BaseException):
            return "exception"
        if issubclass(obj, enum.Enum):
            return "enum"
        return "class"
    if inspect.isroutine(obj) or (callable(obj) and hasattr(obj, "__wrapped__")):
        return "function"
    return "data"


def _defining_module(obj: Any) -> str | None:
    if isinstance(obj, types.ModuleType):
        return obj.__name__
    if inspect.isclass(obj) or inspect.isroutine(obj):
        return getattr(obj, "__module__", None)
    return None


def entries() -> list[Entry]:
    """Every ``(module, name)`` of every public ``__all__``, with its canonical home."""
    modules = public_modules()
    exports: dict[str, dict[str, Any]] = {}
    for modname in modules:
        module = importlib.import_module(modname)
        exports[modname] = {
            n: getattr(module, n) for n in module_all(modname) if hasattr(module, n)
        }

    def holders(name: str, obj: Any) -> list[str]:
        return [m for m in modules if name in exports[m] and exports[m][name] is obj]

    result: list[Entry] = []
    for modname in modules:
        for name, obj in exports[modname].items():
            kind = kind_of(obj)
            if kind == "module":
                result.append(Entry(modname, name, obj, obj.__name__, kind))
                continue
            origin = _defining_module(obj)
            qualname = getattr(obj, "__qualname__", name)
            if (
                origin
                and origin.startswith(PACKAGE)
                and is_public(origin)
                and origin in exports
                and qualname == name
                and exports[origin].get(name) is obj
            ):
                home = origin
            else:
                candidates = holders(name, obj)
                reference = origin or modname
                # The public holder closest to where the object is defined; for
                # data (no __module__), the deepest holder, since re-exports go up.
                home = max(
                    candidates,
                    key=lambda m: (_common_prefix(m, reference), len(m.split(".")), -len(m)),
                )
            result.append(Entry(modname, name, obj, f"{home}.{name}", kind))
    return result


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a.split("."), b.split("."), strict=False):
        if x != y:
            break
        n += 1
    return n


_DIRECTIVES = {
    "class": ("autoclass", [":members:", ":show-inheritance:"]),
    "exception": ("autoexception", [":members:", ":show-inheritance:"]),
    "enum": ("autoclass", [":members:", ":undoc-members:", ":show-inheritance:"]),
    "function": ("autofunction", []),
    "data": ("autodata", []),
}
_ROLES = {
    "class": "class",
    "exception": "exc",
    "enum": "class",
    "function": "func",
    "data": "data",
    "module": "mod",
}


def _data_options(obj: Any) -> list[str]:
    text = repr(obj)
    return [":no-value:"] if len(text) > 70 or "\n" in text else []


def _is_govfin(cls: type) -> bool:
    return cls.__module__ == PACKAGE or cls.__module__.startswith(PACKAGE + ".")


def _is_private_class(cls: type) -> bool:
    return _is_govfin(cls) and (cls.__name__.startswith("_") or not is_public(cls.__module__))


def _private_bases(cls: type) -> list[type]:
    """The govfin classes *cls* inherits from that are not documented themselves."""
    documented = {id(e.obj) for e in entries() if e.home}
    return [c for c in cls.__mro__[1:] if _is_govfin(c) and id(c) not in documented]


def _public_bases(bases: tuple[type, ...]) -> list[type]:
    """Replace every private govfin base by its own bases, recursively."""
    out: list[type] = []
    for base in bases:
        if _is_private_class(base):
            out.extend(b for b in _public_bases(base.__bases__) if b not in out)
        elif base not in out:
            out.append(base)
    return out


def _process_bases(app: Any, name: str, obj: Any, options: Any, bases: list[type]) -> None:
    bases[:] = [b for b in _public_bases(tuple(bases)) if b is not object]


def _fields_undocumented(cls: type) -> bool:
    """Whether *cls* declares its fields (attrs, or ``__slots__``) but does not list them.

    The fields of such a class are its public API; when the class docstring has
    no ``Attributes:`` section they are listed from the declaration.
    """
    declared = attrs.has(cls) or "__slots__" in cls.__dict__
    return declared and "Attributes:" not in (cls.__doc__ or "")


def render_module(modname: str, mod_entries: list[Entry], submodules: list[str]) -> str:
    """The reST page of one module."""
    title = f"``{modname}``"
    lines = [
        f".. This page is generated by docs/_ext/govfin_api.py from {modname}.__all__;",
        "   do not edit it: edit the module's docstrings.",
        "",
        title,
        "=" * len(title),
        "",
        f".. automodule:: {modname}",
        "   :no-members:",
        "",
    ]
    if submodules:
        lines += [".. rubric:: Public sub-modules", ""]
        lines += [f"* :mod:`{sub}`" for sub in submodules]
        lines.append("")
    homes = [e for e in mod_entries if e.home and e.kind != "module"]
    elsewhere = [e for e in mod_entries if not e.home or e.kind == "module"]
    for e in homes:
        directive, options = _DIRECTIVES[e.kind]
        if e.kind == "data":
            options = _data_options(e.obj)
        elif e.kind == "class" and _fields_undocumented(e.obj):
            # An attrs value type's fields are its public API: list them even
            # when only the class docstring describes them.
            options = [*options, ":undoc-members:"]
        if e.kind == "class" and not [b for b in _public_bases(e.obj.__bases__) if b is not object]:
            options = [o for o in options if o != ":show-inheritance:"]
        if e.kind in ("class", "enum", "exception") and _private_bases(e.obj):
            # Members inherited from a private base are documented on the public class.
            outside = sorted({c.__name__ for c in e.obj.__mro__[1:] if not _is_govfin(c)})
            options = [*options, f":inherited-members: {', '.join(outside)}"]
        lines.append(f".. {directive}:: {e.canonical}")
        lines += [f"   {o}" for o in options]
        lines.append("")
    if elsewhere:
        lines += [".. rubric:: Also available here", ""]
        lines += [
            f"* ``{modname}.{e.name}``: see :py:{_ROLES[e.kind]}:`{e.canonical}`" for e in elsewhere
        ]
        lines.append("")
    return "\n".join(lines)


def api_pages() -> dict[str, str]:
    """``{module name: reST text}`` for every public module."""
    all_entries = entries()
    modules = public_modules()
    pages: dict[str, str] = {}
    for modname in modules:
        mine = [e for e in all_entries if e.module == modname]
        subs = [m for m in modules if m.rpartition(".")[0] == modname]
        pages[modname] = render_module(modname, mine, subs)
    return pages


def canonical_names() -> tuple[dict[int, str], dict[str, str]]:
    """Where each documented object lives.

    Returns ``({id(obj): canonical}, {dotted path: canonical})``: the first for
    classes, functions and modules (found by identity, whatever path reached
    them), the second for every ``module.name`` of every ``__all__``.
    """
    all_entries = entries()
    by_id = {
        id(e.obj): e.canonical
        for e in all_entries
        if e.kind in ("class", "exception", "enum", "function", "module")
    }
    by_path = {f"{e.module}.{e.name}": e.canonical for e in all_entries}
    return by_id, by_path


def write_pages(directory: Path = API_DIR) -> list[Path]:
    """Write the pages (only those whose text changed) and remove stale ones."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = api_pages()
    written: list[Path] = []
    wanted = {directory / f"{name}.rst" for name in pages}
    for stale in directory.glob("*.rst"):
        if stale not in wanted:
            stale.unlink()
    for name, text in pages.items():
        path = directory / f"{name}.rst"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


# --- Sphinx glue -------------------------------------------------------------------


_CANONICAL: dict[str, Any] = {}
_FORWARD: set[str] = set()


def _builder_inited(app: Any) -> None:
    write_pages()
    _CANONICAL["by_id"], _CANONICAL["by_path"] = canonical_names()


def _import_path(dotted: str) -> Iterator[tuple[str, Any, str]]:
    """Yield ``(prefix, object, rest)`` for the longest importable prefixes of *dotted*."""
    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        head, rest = parts[:i], parts[i:]
        for split in range(len(head), 0, -1):
            modname = ".".join(head[:split])
            try:
                obj: Any = importlib.import_module(modname)
            except ImportError:
                continue
            try:
                for attr in head[split:]:
                    obj = getattr(obj, attr)
            except AttributeError:
                break
            yield ".".join(head), obj, ".".join(rest)
            break


def _is_module(name: str) -> bool:
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    # A folder without __init__.py imports as a namespace package: not a module yet.
    return spec is not None and spec.origin is not None


def _candidates(node: Any) -> list[str]:
    target = node.get("reftarget", "")
    found = [target] if target.startswith(PACKAGE) else []
    module, cls = node.get("py:module"), node.get("py:class")
    if module and not target.startswith(PACKAGE):
        if cls:
            found.append(f"{module}.{cls}.{target}")
        found.append(f"{module}.{target}")
    return found


def _missing_reference(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """Resolve a govfin name documented under another path.

    ``govfin.rules._finding.Finding`` (a private path, as annotations carry it)
    and ``govfin.tables.TableSchema`` (a re-export, as package docstrings name
    it) both resolve to the public home where the object is documented.  A
    reference to a govfin module that does not exist in this build yet is kept
    as plain text and listed at the end of the build.
    """
    if node.get("refdomain") != "py":
        return None
    by_id: dict[int, str] = _CANONICAL.get("by_id", {})
    by_path: dict[str, str] = _CANONICAL.get("by_path", {})
    for candidate in _candidates(node):
        home = by_path.get(candidate)
        if home is None:
            for _prefix, obj, rest in _import_path(candidate):
                found = by_id.get(id(obj))
                if found is not None:
                    home = f"{found}.{rest}" if rest else found
                    break
        if home is not None and home != candidate:
            domain = env.get_domain("py")
            newnode = node.deepcopy()
            newnode["reftarget"] = home
            resolved = domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], home, newnode, contnode
            )
            if resolved is not None:
                return resolved
    target = node.get("reftarget", "")
    if node.get("reftype") == "mod" and target.startswith(PACKAGE + ".") and not _is_module(target):
        _FORWARD.add(target)
        return contnode
    return None


def _report_forward(app: Any, exception: BaseException | None) -> None:
    if _FORWARD:
        from sphinx.util import logging  # noqa: PLC0415

        logging.getLogger(__name__).info(
            "govfin_api: references to modules not in this build (kept as text): %s",
            ", ".join(sorted(_FORWARD)),
        )


# Napoleon reads the first line of an attribute or property docstring as
# ``type: description`` ("How findings name this table: its printed number and
# title." would render "How findings name this table" as a type).  govfin's
# docstrings never use that convention (types come from the annotations), so the
# original text is put back whenever napoleon invented a ``:type:`` from it.
_ORIGINAL: dict[tuple[str, str], list[str]] = {}
_ATTRIBUTE_KINDS = ("attribute", "property", "data")


def _keep_original(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what == "data" and not inspect.isclass(obj) and (not lines or _is_class_doc(obj, lines)):
        # autodoc falls back to the docstring of the value's class when the public
        # module has no attribute docstring for a constant (it may be assigned in a
        # private module and re-exported): use the one where it is assigned, else
        # say what it is instead of repeating the class's docstring.
        found = _assigned_doc(name.rpartition(".")[2], obj)
        cls = type(obj)
        if found:
            lines[:] = [*found, ""]
        elif _is_govfin(cls):
            lines[:] = [f"An instance of :class:`{cls.__module__}.{cls.__qualname__}`.", ""]
        else:
            lines[:] = []
    if what in _ATTRIBUTE_KINDS:
        _ORIGINAL[(what, name)] = list(lines)


_ATTR_DOCS: dict[str, list[tuple[str, list[str]]]] = {}


def _assigned_doc(name: str, obj: Any) -> list[str] | None:
    """The attribute docstring of *name* in the govfin module that assigns *obj* to it."""
    from sphinx.errors import PycodeError  # noqa: PLC0415
    from sphinx.pycode import ModuleAnalyzer  # noqa: PLC0415

    if not _ATTR_DOCS:
        package = importlib.import_module(PACKAGE)
        modules = [PACKAGE]
        modules += [i.name for i in pkgutil.walk_packages(package.__path__, PACKAGE + ".")]
        for modname in modules:
            if modname.endswith(".__main__"):
                continue
            try:
                docs = ModuleAnalyzer.for_module(modname).find_attr_docs()
            except PycodeError:
                continue
            for (scope, attr), doc in docs.items():
                if scope == "" and "".join(doc).strip():
                    _ATTR_DOCS.setdefault(attr, []).append((modname, list(doc)))
    for modname, doc in _ATTR_DOCS.get(name, []):
        if getattr(importlib.import_module(modname), name, None) is obj:
            return doc
    return None


def _is_class_doc(obj: Any, lines: list[str]) -> bool:
    from sphinx.util.docstrings import prepare_docstring  # noqa: PLC0415

    doc = type(obj).__doc__
    if not doc or not lines:
        return False
    return [ln for ln in prepare_docstring(doc) if ln] == [ln for ln in lines if ln]


def _undo_inline_type(  # noqa: PLR0917 - the signature of Sphinx's event
    app: Any, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    original = _ORIGINAL.pop((what, name), None)
    if original is None or not any(line.startswith(":type: ") for line in lines):
        return
    if any(line.startswith(":type:") for line in original):
        return  # an explicit :type: field, written on purpose
    lines[:] = original


def setup(app: Any) -> dict[str, Any]:
    """Register the page generator and the private-path resolver."""
    app.setup_extension("sphinx.ext.napoleon")
    app.connect("builder-inited", _builder_inited)
    app.connect("missing-reference", _missing_reference)
    app.connect("build-finished", _report_forward)
    app.connect("autodoc-process-bases", _process_bases)
    app.connect("autodoc-process-docstring", _keep_original, priority=100)
    app.connect("autodoc-process-docstring", _undo_inline_type, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
