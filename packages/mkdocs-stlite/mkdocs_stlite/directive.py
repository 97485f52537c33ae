"""The one-line embed directive: finding it in a page and validating it.

Authoring syntax, one line of Markdown (indentation allowed, e.g. inside an
admonition)::

    ::stlite[form_batch_input.py]{height=420 open=code}

* ``[...]`` names a file in the plugin's ``snippets_dir`` (required).
* ``{...}`` holds ``key=value`` options, separated by spaces; quote values with
  spaces. Unknown keys and bad values are errors. See ``EmbedOptions``.

Lines inside fenced code blocks are left alone, so pages can show the syntax.
This module knows nothing about MkDocs or stlite: it turns Markdown text into
``Directive`` records or raises ``DirectiveError`` with the line number.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

#: A line that starts a directive. Anything starting like this must parse.
DIRECTIVE_START = re.compile(r"^(?P<indent>[ \t]*)::stlite\b")
DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)::stlite\[(?P<file>[^\]\n]*)\](?:\{(?P<opts>[^}\n]*)\})?[ \t]*$"
)
FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
SNIPPET_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_\-]*\.py$")

OPEN_CHOICES = ("live", "code")
LAYOUT_CHOICES = ("tabs", "side")
HEIGHT_RANGE = (120, 2000)


class DirectiveError(ValueError):
    """A directive that cannot be rendered; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class EmbedOptions:
    """Per-embed options; site-wide defaults come from the plugin config.

    height: pixel height of the live app box (120-2000).
    open:   which view shows first, ``live`` (the running app) or ``code``.
    layout: ``tabs`` (Code / Live app tabs) or ``side`` (code and app side by
            side on wide screens, tabs on narrow ones).
    """

    height: int
    open: str
    layout: str


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based line number in the page's Markdown
    indent: str
    snippet: str
    options: EmbedOptions
    raw: str = field(compare=False)


def _parse_options(text: str, line: int, defaults: EmbedOptions) -> EmbedOptions:
    values = {"height": defaults.height, "open": defaults.open, "layout": defaults.layout}
    try:
        tokens = shlex.split(text)
    except ValueError as exc:
        raise DirectiveError(line, f"cannot read options {{{text}}}: {exc}") from None
    seen: set[str] = set()
    for token in tokens:
        key, sep, value = token.partition("=")
        if not sep or not key:
            raise DirectiveError(line, f"option {token!r} must look like key=value")
        if key not in values:
            known = ", ".join(sorted(values))
            raise DirectiveError(line, f"unknown option {key!r} (known options: {known})")
        if key in seen:
            raise DirectiveError(line, f"option {key!r} is given twice")
        seen.add(key)
        if key == "height":
            if not value.isdigit():
                raise DirectiveError(line, f"height={value!r} is not a whole number of pixels")
            low, high = HEIGHT_RANGE
            if not low <= int(value) <= high:
                raise DirectiveError(line, f"height={value} is outside {low}-{high} pixels")
            values["height"] = int(value)
        elif key == "open":
            if value not in OPEN_CHOICES:
                raise DirectiveError(line, f"open={value!r} must be one of {', '.join(OPEN_CHOICES)}")
            values["open"] = value
        elif key == "layout":
            if value not in LAYOUT_CHOICES:
                raise DirectiveError(
                    line, f"layout={value!r} must be one of {', '.join(LAYOUT_CHOICES)}"
                )
            values["layout"] = value
    return EmbedOptions(**values)


def find_directives(markdown: str, defaults: EmbedOptions) -> list[Directive]:
    """Return every directive in ``markdown``, outside fenced code blocks."""
    found: list[Directive] = []
    fence: str | None = None
    for number, text in enumerate(markdown.splitlines(), start=1):
        fence_match = FENCE.match(text)
        if fence is not None:
            if fence_match and fence_match["fence"][0] == fence[0] and len(fence_match["fence"]) >= len(fence):
                fence = None
            continue
        if fence_match:
            fence = fence_match["fence"]
            continue
        if not DIRECTIVE_START.match(text):
            continue
        match = DIRECTIVE.match(text)
        if not match:
            raise DirectiveError(
                number, f"cannot read {text.strip()!r}; write ::stlite[name.py]{{key=value ...}}"
            )
        snippet = match["file"].strip()
        if not SNIPPET_NAME.match(snippet):
            raise DirectiveError(
                number, f"{snippet!r} is not a snippet file name (letters, digits, _ and -, ending .py)"
            )
        options = _parse_options(match["opts"] or "", number, defaults)
        found.append(Directive(number, match["indent"], snippet, options, text))
    return found


def anchor_for(snippet: str) -> str:
    """The stable anchor of an example: ``form_batch_input.py`` -> ``example-form-batch-input``."""
    return "example-" + snippet[: -len(".py")].replace("_", "-").lower()
