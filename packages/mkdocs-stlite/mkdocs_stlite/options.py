"""The per-embed options: each one declared once, with its default, its check
and its documentation.

Both ways of setting an option go through these declarations, so they accept
the same values and word a refusal the same way:

* one embed, in a page: ``::stlite[name.py]{height=300 open=code}``;
* every embed of the site, under ``plugins: - stlite:`` in mkdocs.yml
  (``height: 300``), see ``config.py``.

This module knows nothing about MkDocs: a check raises ``OptionError``, which
the directive parser turns into a page:line error and the plugin config into
a config error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from typing import Any, Callable

#: Digits 0-9 only: ``str.isdigit`` also accepts "²" and fullwidth "３".
ASCII_DIGITS = re.compile(r"[0-9]+")


class OptionError(ValueError):
    """A value an option does not accept; ``message`` says why, in the author's words."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


Check = Callable[[str, Any], Any]


def pixels(low: int, high: int) -> Check:
    """A whole number of pixels from ``low`` to ``high``, written with digits 0-9."""

    def check(name: str, value: Any) -> int:
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and ASCII_DIGITS.fullmatch(value))
        ):
            raise OptionError(f"{name}={value!r} is not a whole number of pixels (digits 0-9)")
        number = int(value)
        if not low <= number <= high:
            raise OptionError(f"{name}={number} is outside {low}-{high} pixels")
        return number

    return check


def one_of(*choices: str) -> Check:
    def check(name: str, value: Any) -> str:
        if value not in choices:
            raise OptionError(f"{name}={value!r} must be one of {', '.join(choices)}")
        return value

    return check


def option(default: Any, check: Check, doc: str):
    """Declare an option: its default, the check every value goes through, its doc."""
    return field(default=default, metadata={"check": check, "doc": doc})


@dataclass(frozen=True)
class EmbedOptions:
    """The options of one embed. ``EmbedOptions()`` holds the built-in defaults."""

    height: int = option(
        420, pixels(120, 2000), "Height of the live app's box, in pixels (120-2000)."
    )
    open: str = option(
        "live",
        one_of("live", "code"),
        "The tab shown first: ``live`` (the running app) or ``code`` (its source).",
    )

    def __post_init__(self) -> None:
        for f in fields(self):
            f.metadata["check"](f.name, getattr(self, f.name))

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @classmethod
    def check(cls, name: str, value: Any) -> Any:
        """``value`` checked (and converted) by option ``name``'s declaration."""
        declared = {f.name: f for f in fields(cls)}
        if name not in declared:
            raise OptionError(f"unknown option {name!r} (known options: {', '.join(sorted(declared))})")
        return declared[name].metadata["check"](name, value)

    @classmethod
    def default(cls, name: str) -> Any:
        return {f.name: f.default for f in fields(cls)}[name]

    @classmethod
    def doc(cls, name: str) -> str:
        return {f.name: f.metadata["doc"] for f in fields(cls)}[name]

    def updated(self, values: dict[str, Any]) -> EmbedOptions:
        """A copy with ``values`` (raw, e.g. strings from a page) checked and applied."""
        return replace(self, **{name: self.check(name, value) for name, value in values.items()})
