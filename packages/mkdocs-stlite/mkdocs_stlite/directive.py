"""The one-line embed directive: finding it in a page and validating it.

Authoring syntax, one line of Markdown (indentation allowed in steps of 4
spaces, e.g. inside an admonition or a list item)::

    ::stlite[form_batch_input.py]{height=420 open=code}

* ``[...]`` names a file in the plugin's ``snippets_dir`` (required), or the
  entry file of a multi-file example folder there: ``[folder/entry.py]``.
* ``{...}`` holds ``key=value`` options, separated by spaces; quote values with
  spaces. Each option is declared in ``options.EmbedOptions``; unknown keys
  and bad values are errors.

Lines inside fenced code blocks and inside HTML comments are left alone, so
pages can show the syntax and comment an embed out. Which lines are fenced is
decided as pymdownx.superfences decides it (``fenced_blocks``), blockquote
fences included. A fence superfences does not close is shown as text, and the
embed Markdown put after it would end up inside it: a ``::stlite`` line after
such a fence is an error at the fence's line. A directive that Markdown would not read as a block
of its own (inside a blockquote or a table, after other text, or indented by
other than a multiple of 4 spaces) is an error.
This module knows nothing about MkDocs or stlite: it turns Markdown text into
``Directive`` records or raises ``DirectiveError`` with the line number.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from pymdownx.superfences import RE_HL_LINES, RE_LINENUMS, RE_NESTED_FENCE_START, RE_OPTIONS

from .options import EmbedOptions, OptionError

#: A line that starts a directive. Anything starting like this must parse.
DIRECTIVE_START = re.compile(r"^(?P<indent>[ \t]*)::stlite\b")
DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)::stlite\[(?P<file>[^\]\n]*)\](?:\{(?P<opts>[^}\n]*)\})?[ \t]*$"
)
#: "::stlite[" anywhere in a line (after inline code and comments are removed).
DIRECTIVE_ANYWHERE = re.compile(r"::stlite\[")
#: What may stand before a fence (superfences counts blockquote markers too).
FENCE_PREFIX = re.compile(r"[ \t>]*")
#: Options pymdownx.highlight takes on a fence line (``key="value"``) and their checks.
FENCE_OPTIONS = {"hl_lines": RE_HL_LINES, "linenums": RE_LINENUMS, "title": None, "title_mode": None}
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


@dataclass(frozen=True)
class Fence:
    """A fence as superfences reads it; lines are 0-based, ``end`` is None while open."""

    start: int
    mark: str  # the opening run of backticks or tildes
    end: int | None = None  # the closing line of a closed fence
    stop: int | None = None  # the line that ended an unclosed fence (None: the page's end)
    why: str = ""


def _refused_options(match: re.Match) -> list[str]:
    """What superfences refuses on a fence line: text it does not read as
    options, and options pymdownx.highlight does not take."""
    refused = [match["unrecognized"].strip()] if match["unrecognized"] else []
    for option in RE_OPTIONS.finditer(match["options"] or ""):
        check = FENCE_OPTIONS.get(option["key"], False)
        if check is False or option["value"] is None or (check and not check.match(option["value"])):
            refused.append(option[0].strip())
    return refused


def _fence_line(line: str) -> re.Match | None:
    """``line`` read as a fence's opening line (after white space and ``>``),
    whatever its options."""
    return RE_NESTED_FENCE_START.match(line, FENCE_PREFIX.match(line).end())


def _closes(mark: str, content: str) -> bool:
    """Does ``content`` (a line after its prefix) close a fence opened by ``mark``?"""
    return re.match(re.escape(mark) + r"[ \t]*$", content) is not None


def _fence_start(line: str) -> re.Match | None:
    """The opening of a fence, if superfences (default options) takes ``line`` as one."""
    match = _fence_line(line)
    if not match or _refused_options(match):
        return None
    return match


def _refused_fence(lines: list[str], start: int, opened: int) -> tuple[int, list[str]] | None:
    """The last line in lines[start:opened] that would open a fence but for what
    superfences refuses on it (so it is text), if its closing line is the one
    at ``opened`` (which then opens a fence instead); with what was refused."""
    for number in range(opened - 1, start - 1, -1):
        match = _fence_line(lines[number])
        refused = _refused_options(match) if match else []
        if not refused:
            continue
        closing = next(
            (n for n in range(number + 1, opened + 1)
             if _closes(match["fence"], lines[n][FENCE_PREFIX.match(lines[n]).end():])),
            None,
        )
        return (number, refused) if closing == opened else None
    return None


def _prefix(line: str, width: int) -> tuple[str, str]:
    """Split off up to ``width`` characters of white space and ``>`` (superfences' rule)."""
    taken = len(FENCE_PREFIX.match(line[:width])[0])
    return line[:taken], line[taken:]


def fenced_blocks(markdown: str) -> list[Fence]:
    """Every fence of a page as pymdownx.superfences reads it, closed or not.

    The rules mirror superfences: a fence closes on a line holding its exact
    opening run (same character, same length) at its indent, then only white
    space; a non-blank line indented less, or a quote level that does not fit,
    ends it unclosed (its lines are then text), as does the page's end. Tabs
    are expanded first, as Markdown does. Fence options are checked as
    pymdownx.highlight checks them; custom fence validators are not modelled.
    """
    fences: list[Fence] = []
    current: Fence | None = None
    width = quote = 0
    blank = False
    for number, raw in enumerate(markdown.expandtabs(TAB_WIDTH).split("\n")):
        if current is None:
            match = _fence_start(raw)
            if match:
                prefix = FENCE_PREFIX.match(raw)[0]
                current, width, quote, blank = Fence(number, match["fence"]), len(prefix), prefix.count(">"), False
            continue
        ws, content = _prefix(raw, width)
        level = ws.count(">")
        closes = _closes(current.mark, content)
        ended = ""
        if quote == 0 and level:
            ended = "a blockquote line"
        elif quote == 0 and not (ws + content).strip():
            continue
        elif quote == 0 and len(ws) != width:
            ended = "a line indented less than the fence"
        elif quote == 0 and closes and not content.startswith((" ", "\t")):
            current = Fence(current.start, current.mark, end=number)
        elif level > quote:
            ended = "a line quoted deeper than the fence"
        elif quote and content == "":
            blank = True
            continue
        elif quote and len(ws) < width:
            ended = "a line indented less than the fence"
        elif quote and blank and level < quote:
            ended = "a line quoted less than the fence after a blank line"
        elif quote and closes:
            current = Fence(current.start, current.mark, end=number)
        else:
            blank = False
            continue
        if ended:
            current = Fence(current.start, current.mark, stop=number, why=ended)
        fences.append(current)
        current = None
    if current is not None:
        fences.append(current)
    return fences


def _code_lines(markdown: str) -> set[int]:
    """The 0-based lines inside closed fences; raise if an unclosed one hides a directive."""
    lines = markdown.split("\n")
    code: set[int] = set()
    after = 0  # the first line after the last closed fence
    for fence in fenced_blocks(markdown):
        if fence.end is not None:
            code.update(range(fence.start, fence.end + 1))
            after = fence.end + 1
            continue
        stop = len(lines) if fence.stop is None else fence.stop
        hidden = [n for n in range(fence.start + 1, stop) if DIRECTIVE_ANYWHERE.search(lines[n])]
        refused = _refused_fence(lines, after, fence.start) if hidden else None
        after = stop
        if refused:
            # The real mistake is earlier: a fence line with options that
            # superfences refuses is text, so its closing line opens a fence.
            number, options = refused
            raise DirectiveError(
                number + 1,
                f"this fence has options superfences does not take ({', '.join(options)}), "
                f"so Markdown shows it as text and its closing {fence.mark} at line {fence.start + 1} "
                f"opens a fence that never closes; the ::stlite line at line {hidden[0] + 1} cannot "
                f"be embedded. Fix or remove those options",
            )
        if hidden:
            ends = (
                "it runs to the end of the page"
                if fence.stop is None
                else f"{fence.why} at line {fence.stop + 1} ends it"
            )
            raise DirectiveError(
                fence.start + 1,
                f"this {fence.mark} fence is never closed ({ends}), so Markdown shows it as text "
                f"and the ::stlite line at line {hidden[0] + 1} cannot be embedded or shown as "
                f"code; close the fence with a line of exactly {fence.mark} at its indent",
            )
    return code


def find_directives(markdown: str, defaults: EmbedOptions | None = None) -> list[Directive]:
    """Return every directive in ``markdown``, outside fenced code and HTML comments."""
    defaults = EmbedOptions() if defaults is None else defaults
    found: list[Directive] = []
    code = _code_lines(markdown)
    in_comment = False
    for number, text in enumerate(markdown.split("\n"), start=1):
        if number - 1 in code:
            continue
        if in_comment:
            if "-->" not in text:
                continue
            in_comment = False
            text = " " * len(text[: text.index("-->") + 3]) + text[text.index("-->") + 3 :]
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
