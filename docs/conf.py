"""Sphinx configuration for the govfin documentation.

Build (as ``.ci/run`` does; nitpicky, warnings are errors)::

    python -m sphinx -n -W --keep-going -b html docs /tmp/html
    python -m sphinx -n -W --keep-going -b doctest docs /tmp/doctest
"""

from __future__ import annotations

import builtins
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

import govfin  # noqa: E402 - after the path set-up above

# -- Project -----------------------------------------------------------------------

project = "govfin"
author = "The govfin developers"
copyright = "The govfin developers, MIT licence"
release = govfin.__version__
version = ".".join(release.split(".")[:2])
language = "en"

# -- Extensions --------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.napoleon",
    "sphinx.ext.doctest",
    # Local extensions (docs/_ext): the API pages, the CLI, the JSON Schemas and the
    # rules reference are generated from the package at build time.
    "govfin_api",
    "govfin_generated",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "Thumbs.db", ".DS_Store", "README.md"]
templates_path: list[str] = []

# -- MyST --------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 3

# -- autodoc / napoleon / autosummary ----------------------------------------------

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "mixed"
autodoc_inherit_docstrings = False
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True
# The API pages are written by govfin_api; autosummary only renders summary tables.
autosummary_generate = False

# -- doctest -----------------------------------------------------------------------
# Docstring examples (``>>>`` blocks inside the modules) run under pytest
# (``--doctest-modules``), in their module's namespace.  Sphinx runs the examples
# of the narrative pages, written as ``{doctest}`` / ``{testcode}`` directives.
doctest_test_doctest_blocks = ""
import doctest  # noqa: E402

doctest_default_flags = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
doctest_global_setup = f"""
REPO = {str(HERE.parent)!r}  # the checkout these docs are built from
import importlib.util
from decimal import Decimal


def _landed(name):
    try:
        spec = importlib.util.find_spec(name)
    except ImportError:
        return False
    return spec is not None and spec.origin is not None


# Examples of features that have not landed are skipped (``:skipif:``), and the
# page says so with a ``govfin-requires`` box.
HAS_EXCEL = _landed("govfin.io.excel")
HAS_PDF = _landed("pypdfium2") and _landed("govfin.io.pdf")
"""

# -- Nitpicky mode -----------------------------------------------------------------
# There is no network for intersphinx, so names from the standard library and from
# third-party packages cannot resolve.  They are listed here deliberately; every
# govfin name must resolve (a govfin name missing from the docs still fails -n -W).
nitpicky = True

# Built-in types and exceptions (``str``, ``ValueError`` …), as bases and annotations.
_BUILTINS = sorted(n for n in dir(builtins) if not n.startswith("_"))
# Standard-library and third-party modules govfin's annotations and docstrings name.
_EXTERNAL_MODULES = [
    "builtins",
    "argparse",
    "collections",
    "collections.abc",
    "concurrent.futures",
    "dataclasses",
    "datetime",
    "decimal",
    "enum",
    "io",
    "json",
    "os",
    "pathlib",
    "re",
    "typing",
    "types",
    # third-party
    "attr",
    "attrs",
    "hypothesis",
    "moneyed",
    "openpyxl",
    "pdfplumber",
    "pypdf",
    "pypdfium2",
    "dask",
]
_UNQUALIFIED = [
    *("Self", "Final", "Any", "Literal", "ClassVar", "TypeAlias", "Callable", "Iterable"),
    *("Iterator", "Sequence", "Mapping", "MutableMapping", "Collection", "Generator"),
    *("Hashable", "Decimal", "Path", "Money", "SearchStrategy", "DrawFn", r"st\..+"),
    *("IO", "TextIO", "BinaryIO", "Pattern", "Match", "PathLike", "StrPath", "Namespace"),
    "ArgumentParser",
]
nitpick_ignore_regex = [
    (r"py:.*", "(" + "|".join(_BUILTINS) + ")"),
    *((r"py:.*", re.escape(m) + r"(\..+)?") for m in _EXTERNAL_MODULES),
    # Names that annotations carry unqualified: typing aliases (``Self``, ``Final``,
    # ``Any``), and names imported only under TYPE_CHECKING, which autodoc cannot
    # evaluate (py-moneyed's ``Money``, hypothesis's ``SearchStrategy``/``DrawFn``,
    # the ``st.`` alias of hypothesis.strategies, the standard ``Decimal``, ``Path``
    # and the abstract collections).
    (r"py:.*", "(" + "|".join(_UNQUALIFIED) + ")"),
]

nitpick_ignore: list[tuple[str, str]] = [
    # the type parameter of Claims.of (the claim kinds asked for), not a class to link to
    ("py:class", "govfin.rules._claims.C"),
]


# -- HTML --------------------------------------------------------------------------

html_theme = "furo"
html_title = f"govfin {release}"
html_static_path = ["_static"]
html_theme_options = {
    "source_repository": "",
    "navigation_with_keys": True,
}
