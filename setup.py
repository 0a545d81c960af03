"""Build the optional compiled PDF helpers (``govfin.io._pdfium_c``).

Everything else about the project is in ``pyproject.toml``.  The extension is
optional: where no C compiler is found, or it fails, the build goes on without
it and govfin reads PDFs with the same functions written in Python (slower,
same result).  Set ``GOVFIN_NO_EXTENSIONS=1`` to build without it on purpose.
"""

from __future__ import annotations

import os

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class _BuildExt(build_ext):
    """Compile with the flags that keep the C arithmetic the same as Python's."""

    def build_extensions(self) -> None:
        if self.compiler.compiler_type == "unix":  # gcc, clang: no fused multiply-add
            for ext in self.extensions:
                ext.extra_compile_args.append("-ffp-contract=off")
        elif self.compiler.compiler_type == "msvc":
            for ext in self.extensions:
                ext.extra_compile_args.append("/fp:precise")
        super().build_extensions()


_EXTENSIONS = (
    []
    if os.environ.get("GOVFIN_NO_EXTENSIONS")
    else [Extension("govfin.io._pdfium_c", ["govfin/io/_pdfium_c.c"], optional=True)]
)

setup(ext_modules=_EXTENSIONS, cmdclass={"build_ext": _BuildExt})
