"""One contract every classification module meets (python-stdnum style), junk input included."""

from __future__ import annotations

from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

import govfin.classification as gc
from govfin.classification import MODULES, Classification, Code, Level, guess
from govfin.errors import CodeError, GovfinError, InvalidComponent, InvalidFormat, InvalidLength
from govfin.testing import code_digits

#: For each classification: a known-good 款 code, a code of another prefix, a too-long code.
EXAMPLES = {
    Classification.FUNCTIONAL: ("20103", "30201", "201030101"),
    Classification.ECONOMIC_DEPT: ("30201", "20103", "3020101"),
    Classification.ECONOMIC_GOV: ("50101", "30101", "5010101"),
    Classification.REVENUE: ("10101", "20101", "10101010101"),
}

JUNK = ["", " ", "\u3000", "x", "20103x", "2010 3x", "二零一", "201.03.0a", "-", "٢٠١", "\x00",
        "2" * 200, "None", "0", "00000"]  # fmt: skip

pytestmark = pytest.mark.parametrize(
    ("classification", "module"), list(MODULES.items()), ids=[c.value for c in MODULES]
)


def test_interface(classification: Classification, module: ModuleType) -> None:
    for name in ("compact", "validate", "is_valid", "level", "parent", "ancestors", "format"):
        assert callable(getattr(module, name)), name
        assert name in module.__all__
        assert getattr(module, name).__doc__
    assert module.CLASSIFICATION is classification
    assert module.__doc__


def test_valid_example(classification: Classification, module: ModuleType) -> None:
    good, _, _ = EXAMPLES[classification]
    assert module.validate(good) == good
    assert module.is_valid(good)
    assert module.level(good) is Level.KUAN
    assert module.parent(good) == good[:3]
    assert module.ancestors(good) == (good[:3],)
    assert module.parent(good[:3]) is None
    assert module.ancestors(good[:3]) == ()
    assert module.code(good) == Code(classification, good)


def test_compact_and_format(classification: Classification, module: ModuleType) -> None:
    good, _, _ = EXAMPLES[classification]
    spaced = f"{good[:3]} {good[3:]}"
    assert module.format(good) == spaced
    assert module.format(good, "-") == f"{good[:3]}-{good[3:]}"
    full_width = "".join(chr(ord(ch) + 0xFEE0) for ch in good)
    for text in (spaced, f" {good}\u3000", full_width, f"{good[:3]}-{good[3:]}"):
        assert module.compact(text) == good
        assert module.validate(text) == good


@pytest.mark.parametrize("junk", JUNK)
def test_junk_is_invalid_format(
    classification: Classification, module: ModuleType, junk: str
) -> None:
    assert not module.is_valid(junk)
    with pytest.raises(CodeError):
        module.validate(junk)


def test_specific_errors(classification: Classification, module: ModuleType) -> None:
    good, foreign, too_long = EXAMPLES[classification]
    with pytest.raises(InvalidFormat) as fmt:
        module.validate(good + "x")
    assert repr(good + "x") in str(fmt.value)
    assert fmt.value.classification == classification.value
    with pytest.raises(InvalidLength, match="digits"):
        module.validate(too_long)
    with pytest.raises(InvalidLength):
        module.validate(good[:4])
    with pytest.raises(InvalidComponent, match=f"starts with {classification.prefix}"):
        module.validate(foreign)
    with pytest.raises(InvalidComponent, match="00"):
        module.validate(good[:3] + "00")
    with pytest.raises(InvalidComponent, match="00"):
        module.validate(classification.prefix + "00")
    for error in (InvalidFormat, InvalidLength, InvalidComponent):
        assert issubclass(error, CodeError)
        assert issubclass(error, ValueError)
        assert issubclass(error, GovfinError)


def test_non_text(classification: Classification, module: ModuleType) -> None:
    for value in (None, 20103, 2.0103e4, b"20103", ["20103"]):
        assert module.is_valid(value) is False
    with pytest.raises(TypeError):
        module.validate(20103)


@given(st.text())
def test_is_valid_never_raises(
    classification: Classification, module: ModuleType, text: str
) -> None:
    valid = module.is_valid(text)
    assert isinstance(valid, bool)
    if valid:
        assert module.validate(text).isdigit()
    else:
        with pytest.raises(CodeError):
            module.validate(text)


@given(st.data())
def test_structure_agrees(
    classification: Classification, module: ModuleType, data: st.DataObject
) -> None:
    code = data.draw(code_digits(classification))
    level = module.level(code)
    ancestors = module.ancestors(code)
    parent = module.parent(code)
    assert module.is_valid(code)
    assert level.length == len(code)
    assert level is classification.levels[level.depth - 1]
    assert len(ancestors) == level.depth - 1
    assert parent == (ancestors[-1] if ancestors else None)
    for depth, ancestor in enumerate(ancestors, start=1):
        assert code.startswith(ancestor)
        assert module.level(ancestor).depth == depth
        assert module.ancestors(ancestor) == ancestors[: depth - 1]
    if parent is not None:
        assert module.ancestors(code) == (*module.ancestors(parent), parent)
    assert module.compact(module.format(code)) == code
    value = Code.parse(code)
    assert value.classification is classification
    assert guess(code) is classification
    assert value.level is level
    assert tuple(str(a) for a in value.ancestors) == ancestors
    assert (None if value.parent is None else value.parent.digits) == parent


def test_module_lookup(classification: Classification, module: ModuleType) -> None:
    assert gc.module(classification) is module
    assert gc.module(classification.cli_name) is module
