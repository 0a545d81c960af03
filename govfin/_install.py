"""How to install an optional part of govfin, in words that work from a checkout too."""

from __future__ import annotations

__all__ = ["install_hint"]


def install_hint(extra: str) -> str:
    """The commands that install the *extra*: from an index, or from a checkout.

    govfin is installed from its repository until a release is on an index, so
    the hint names both.

    >>> install_hint("excel")
    "pip install 'govfin[excel]', or from a checkout of the repository: pip install -e '.[excel]'"
    """
    checkout = f"pip install -e '.[{extra}]'"
    return f"pip install 'govfin[{extra}]', or from a checkout of the repository: {checkout}"
