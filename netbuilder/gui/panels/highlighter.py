"""Python syntax highlighting for the code panel, readable on light and dark palettes."""

from __future__ import annotations

import builtins
import keyword
import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

# Block states: inside a triple-quoted string that started on an earlier line.
NORMAL, IN_SINGLE_TRIPLE, IN_DOUBLE_TRIPLE = 0, 1, 2
_DELIMS = {IN_SINGLE_TRIPLE: "'''", IN_DOUBLE_TRIPLE: '"""'}

_TOKEN = re.compile(
    r"""
    (?P<comment>\#.*)
  | (?P<triple>[rRbBuUfF]{0,2}(?:'''|\"\"\"))
  | (?P<string>[rRbBuUfF]{0,2}(?:'(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?))
  | (?P<decorator>@[A-Za-z_][\w.]*)
  | (?P<number>
        (?<![\w.])
        (?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+
          |(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)
        [jJ]?(?!\w))
  | (?P<name>[A-Za-z_]\w*)
    """,
    re.VERBOSE,
)

KEYWORDS = frozenset(keyword.kwlist) | {"match", "case"}
CONSTANTS = frozenset({"True", "False", "None", "self", "cls"})
BUILTINS = frozenset(n for n in dir(builtins) if not n.startswith("_")) - CONSTANTS

# (light, dark) colours per token kind: contrast >= 4.5:1 against white / #1e1e1e.
COLOURS: dict[str, tuple[str, str]] = {
    "keyword": ("#0033b3", "#cc7832"),
    "constant": ("#0033b3", "#cc7832"),
    "builtin": ("#00627a", "#8888c6"),
    "definition": ("#00627a", "#ffc66d"),
    "string": ("#067d17", "#6aab73"),
    "number": ("#1750eb", "#6897bb"),
    "comment": ("#6e6e6e", "#8c8c8c"),
    "decorator": ("#7a6a00", "#bbb529"),
}


def _formats(dark: bool) -> dict[str, QTextCharFormat]:
    out: dict[str, QTextCharFormat] = {}
    for kind, (light_colour, dark_colour) in COLOURS.items():
        fmt = QTextCharFormat()
        fmt.setForeground(QColor(dark_colour if dark else light_colour))
        if kind in ("keyword", "definition"):
            fmt.setFontWeight(QFont.Weight.Bold)
        if kind == "comment":
            fmt.setFontItalic(True)
        out[kind] = fmt
    return out


class PythonHighlighter(QSyntaxHighlighter):
    """Keywords, strings (triple-quoted across lines too), numbers, comments, decorators."""

    def __init__(self, document: QTextDocument, dark: bool = False) -> None:
        super().__init__(document)
        self.dark = dark
        self.formats = _formats(dark)

    def set_dark(self, dark: bool) -> None:
        if dark != self.dark:
            self.dark = dark
            self.formats = _formats(dark)
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        # Qt counts positions in UTF-16 units; Python in code points.
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]

        def paint(start: int, end: int, kind: str) -> None:
            extra_start = sum(1 for a in astral if a < start)
            extra_end = sum(1 for a in astral if a < end)
            self.setFormat(
                start + extra_start, end - start + extra_end - extra_start, self.formats[kind]
            )

        self.setCurrentBlockState(NORMAL)
        pos = 0
        state = self.previousBlockState()
        if state in _DELIMS:
            close = text.find(_DELIMS[state])
            if close < 0:
                paint(0, len(text), "string")
                self.setCurrentBlockState(state)
                return
            pos = close + 3
            paint(0, pos, "string")
        after_def = False
        while True:
            m = _TOKEN.search(text, pos)
            if m is None:
                break
            kind = m.lastgroup or ""
            start, end = m.start(), m.end()
            pos = end if end > start else start + 1
            if kind == "comment":
                paint(start, end, "comment")
                break
            if kind == "triple":
                delim = m.group()[-3:]
                close = text.find(delim, end)
                if close < 0:
                    paint(start, len(text), "string")
                    self.setCurrentBlockState(
                        IN_SINGLE_TRIPLE if delim == "'''" else IN_DOUBLE_TRIPLE
                    )
                    return
                pos = close + 3
                paint(start, pos, "string")
            elif kind == "string":
                paint(start, end, "string")
            elif kind == "decorator":
                # "@" is a decorator only at the start of a line (else matrix multiply).
                if not text[:start].strip():
                    paint(start, end, "decorator")
            elif kind == "number":
                paint(start, end, "number")
            elif kind == "name":
                word = m.group()
                if after_def:
                    paint(start, end, "definition")
                elif word in CONSTANTS:
                    paint(start, end, "constant")
                elif word in KEYWORDS:
                    paint(start, end, "keyword")
                elif word in BUILTINS and not text[:start].rstrip().endswith("."):
                    paint(start, end, "builtin")
                after_def = word in ("def", "class")
                continue
            after_def = False


__all__ = ["PythonHighlighter"]
