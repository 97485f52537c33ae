"""The one-line embed directive: finding it in a page and validating it.

Authoring syntax, one line of Markdown (indentation allowed in steps of 4
spaces, e.g. inside an admonition or a list item)::

    ::stlite[form_batch_input.py]{height=420 open=code}

* ``[...]`` names a file in the plugin's ``snippets_dir`` (required), or the
  entry file of a multi-file example folder there: ``[folder/entry.py]``.
* ``{...}`` holds ``key=value`` options, separated by spaces; quote values with
  spaces. Each option is declared in ``options.EmbedOptions``; unknown keys
  and bad values are errors.

Lines inside fenced code blocks (closed the way pymdownx.superfences closes
them) and inside HTML comments are left alone, so pages can show the syntax
and comment an embed out. A directive that Markdown would not read as a block
of its own (inside a blockquote or a table, after other text, or indented by
other than a multiple of 4 spaces) is an error.
This module knows nothing about MkDocs or stlite: it turns Markdown text into
``Directive`` records or raises ``DirectiveError`` with the line number.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from .options import EmbedOptions, OptionError

#: A line that starts a directive. Anything starting like this must parse.
DIRECTIVE_START = re.compile(r"^(?P<indent>[ \t]*)::stlite\b")
DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)::stlite\[(?P<file>[^\]\n]*)\](?:\{(?P<opts>[^}\n]*)\})?[ \t]*$"
)
#: "::stlite[" anywhere in a line (after inline code and comments are removed).
DIRECTIVE_ANYWHERE = re.compile(r"::stlite\[")
FENCE_OPEN = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
# As pymdownx.superfences: a fence closes on a line of the same character, at
# least as long, with nothing after it but white space.
FENCE_CLOSE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})[ \t]*$")
INLINE_CODE = re.compile(r"(`+).+?\1")
COMMENT = re.compile(r"<!--.*?-->")
BLOCKQUOTE = re.compile(r"^[ \t]*>")
#: ``name.py``, or ``folder/entry.py`` for a multi-file example (see multifile.py).
SNIPPET_NAME = re.compile(r"^(?:[A-Za-z0-9_][A-Za-z0-9_\-]*/)?[A-Za-z0-9_][A-Za-z0-9_\-]*\.py$")
TAB_WIDTH = 4  # Python-Markdown's tab_length: one nesting level


class DirectiveError(ValueError):
    """A directive that cannot be rendered; ``line`` is 1-based."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@dataclass(frozen=True)
class Directive:
    line: int  # 1-based line number in the page's Markdown
    indent: str
    snippet: str
    options: EmbedOptions
    raw: str = field(compare=False)


def _parse_options(text: str, line: int, defaults: EmbedOptions) -> EmbedOptions:
    try:
        tokens = shlex.split(text)
    except ValueError as exc:
        raise DirectiveError(line, f"cannot read options {{{text}}}: {exc}") from None
    values: dict[str, str] = {}
    for token in tokens:
        key, sep, value = token.partition("=")
        if not sep or not key:
            raise DirectiveError(line, f"option {token!r} must look like key=value")
        if key in values:
            raise DirectiveError(line, f"option {key!r} is given twice")
        values[key] = value
    try:
        return defaults.updated(values)
    except OptionError as exc:
        raise DirectiveError(line, exc.message) from None


def _blank(match: re.Match) -> str:
    return " " * len(match.group(0))


def _misplaced(text: str, number: int) -> None:
    """Raise if ``text`` holds a directive that Markdown would not see as its own block."""
    visible = INLINE_CODE.sub("", text)
    if not DIRECTIVE_ANYWHERE.search(visible) or DIRECTIVE_START.match(text):
        return
    if BLOCKQUOTE.match(text):
        where = "inside a blockquote (a line starting with >)"
    elif "|" in visible:
        where = "inside a table cell"
    else:
        where = "after other text on its line"
    raise DirectiveError(
        number, f"an embed cannot be placed {where}; put the ::stlite line on its own, "
        "with blank lines around it (in backticks it is shown as text)"
    )


def find_directives(markdown: str, defaults: EmbedOptions | None = None) -> list[Directive]:
    """Return every directive in ``markdown``, outside fenced code and HTML comments."""
    defaults = EmbedOptions() if defaults is None else defaults
    found: list[Directive] = []
    fence: str | None = None
    in_comment = False
    for number, text in enumerate(markdown.splitlines(), start=1):
        if fence is not None:
            close = FENCE_CLOSE.match(text)
            if close and close["fence"][0] == fence[0] and len(close["fence"]) >= len(fence):
                fence = None
            continue
        if in_comment:
            if "-->" not in text:
                continue
            in_comment = False
            text = " " * len(text[: text.index("-->") + 3]) + text[text.index("-->") + 3 :]
        fence_match = FENCE_OPEN.match(text)
        if fence_match:
            fence = fence_match["fence"]
            continue
        # Comments are found outside inline code (`<!--` in prose is text).
        visible = INLINE_CODE.sub(_blank, text)
        for comment in COMMENT.finditer(visible):
            text = text[: comment.start()] + _blank(comment) + text[comment.end() :]
        visible = COMMENT.sub(_blank, visible)
        if "<!--" in visible:
            in_comment = True
            text = text[: visible.index("<!--")]
        _misplaced(text, number)
        if not DIRECTIVE_START.match(text):
            continue
        match = DIRECTIVE.match(text)
        if not match:
            raise DirectiveError(
                number, f"cannot read {text.strip()!r}; write ::stlite[name.py]{{key=value ...}}"
            )
        width = len(match["indent"].expandtabs(TAB_WIDTH))
        if width % TAB_WIDTH:
            raise DirectiveError(
                number, f"the ::stlite line is indented by {width} spaces; Markdown nests blocks "
                f"in steps of {TAB_WIDTH} (inside a list item or an admonition, indent it by "
                f"{TAB_WIDTH} more than the item's marker line)"
            )
        snippet = match["file"].strip()
        if not SNIPPET_NAME.match(snippet):
            raise DirectiveError(
                number, f"{snippet!r} is not a snippet file name (letters, digits, _ and -, ending .py; "
                "folder/entry.py for a multi-file example)"
            )
        options = _parse_options(match["opts"] or "", number, defaults)
        found.append(Directive(number, match["indent"], snippet, options, match.string))
    return found


def anchor_for(snippet: str) -> str:
    """The stable anchor of an example: ``form_batch_input.py`` -> ``example-form-batch-input``.

    A multi-file example is named after its folder: ``multipage_demo/app.py`` -> ``example-multipage-demo``.
    """
    if "/" in snippet:
        return "example-" + snippet.split("/", 1)[0].replace("_", "-").lower()
    return "example-" + snippet[: -len(".py")].replace("_", "-").lower()
