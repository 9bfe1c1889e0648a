"""Safe pieces of Python source: literals for any parameter value and variable names.

Every user string reaches exported code through :func:`py_str` (an escaped
string literal, never raw text), and every variable name through
:class:`VariableNamer` (a valid, unique identifier that shadows nothing the
script uses), so a hostile layer name or title cannot break out of the code.
"""

from __future__ import annotations

import builtins
import keyword
import math
import re
import unicodedata
from typing import Any

# Names the exported script itself uses (module level or inside build_model/main).
SCRIPT_NAMES = frozenset(
    {
        "keras",
        "layers",
        "np",
        "numpy",
        "tf",
        "model",
        "args",
        "argv",
        "argparse",
        "parser",
        "os",
        "sys",
        "csv",
        "json",
        "math",
        "pathlib",
        "Path",
        "main",
        "build_model",
        "make_optimizer",
        "history",
        "callbacks",
        "data",
        "base_dir",
        "inputs",
        "targets",
        "annotations",
        "TITLE",
        "DATA",
        "INPUT_NAMES",
        "OUTPUT_NAMES",
        "OPTIMIZER_NAMES",
    }
)
RESERVED = frozenset(
    set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins)) | SCRIPT_NAMES
)

# Russian letters (the course's language) transliterated so names stay readable in ASCII.
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяєіїґў",
        (
            "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o",
            "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e",
            "yu", "ya", "ye", "i", "yi", "g", "u",
        ),
        strict=True,
    )
)  # fmt: skip


def py_str(text: str) -> str:
    """A double-quoted Python string literal for ``text`` (any quotes, newlines, Unicode).

    Built on ``repr`` so every non-printable character is escaped; only the
    delimiter is switched to the double quotes Keras code is written with.
    """
    r = repr(str(text))
    if r[0] == "'" and '"' not in text:
        return '"' + r[1:-1] + '"'
    return r


def _atom(value: Any) -> str | None:
    if value is None or isinstance(value, bool):
        return repr(value)
    if isinstance(value, int):
        return repr(value)
    if isinstance(value, float):
        if math.isnan(value):
            return 'float("nan")'
        if math.isinf(value):
            return 'float("inf")' if value > 0 else 'float("-inf")'
        return repr(value)
    if isinstance(value, str):
        return py_str(value)
    return None


def py_literal(value: Any, indent: int = 0, width: int = 88) -> str:
    """Source text for a JSON-like value: tuples stay tuples, long values wrap black-style.

    ``indent`` is the column the literal starts at on its first line's indentation
    level; continuation lines are indented four spaces more.
    """
    atom = _atom(value)
    if atom is not None:
        return atom
    flat = _flat(value)
    if indent + len(flat) <= width:
        return flat
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [f"{py_str(str(k))}: {py_literal(v, indent + 4, width)}" for k, v in value.items()]
        open_, close = "{", "}"
    elif isinstance(value, (list, tuple)):
        items = [py_literal(v, indent + 4, width) for v in value]
        open_, close = ("[", "]") if isinstance(value, list) else ("(", ")")
    else:
        raise TypeError(f"cannot write {type(value).__name__} value {value!r} as Python source")
    body = "".join(f"{pad}{item},\n" for item in items)
    return f"{open_}\n{body}{' ' * indent}{close}"


def _flat(value: Any) -> str:
    atom = _atom(value)
    if atom is not None:
        return atom
    if isinstance(value, dict):
        return "{" + ", ".join(f"{py_str(str(k))}: {_flat(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        inner = ", ".join(_flat(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, list):
        return "[" + ", ".join(_flat(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} value {value!r} as Python source")


def call_text(
    head: str, args: list[str], indent: int, tail: str = "", width: int = 88, start: int = -1
) -> str:
    """``head(arg, ...)tail`` on one line if it fits, else the arguments on their own line(s).

    ``indent`` is the indentation of the statement (continuation lines get four
    more); ``start`` is the column the text begins at (default: ``indent``).
    """
    one = f"{head}({', '.join(args)}){tail}"
    column = indent if start < 0 else start
    if column + len(one) <= width or not args:
        return one
    pad = " " * (indent + 4)
    joined = ", ".join(args)
    if "\n" not in joined and len(pad) + len(joined) <= width and indent + 1 + len(tail) <= width:
        return f"{head}(\n{pad}{joined}\n{' ' * indent}){tail}"
    body = "".join(f"{pad}{a},\n" for a in args)
    return f"{head}(\n{body}{' ' * indent}){tail}"


def ascii_identifier(text: str) -> str:
    """``text`` reduced to ``[A-Za-z0-9_]`` (Russian transliterated, accents dropped)."""
    out = []
    for ch in str(text):
        low = ch.lower()
        if low in _CYRILLIC:
            t = _CYRILLIC[low]
            out.append(t.capitalize() if ch != low else t)
        else:
            out.append(ch)
    text = unicodedata.normalize("NFKD", "".join(out))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^A-Za-z0-9_]+", "_", text)
    return re.sub(r"_+", "_", text).strip("_")


class VariableNamer:
    """Unique Python variable names derived from layer names, deterministic in call order."""

    def __init__(self, reserved: frozenset[str] | set[str] = RESERVED) -> None:
        self.reserved = set(reserved)
        self.taken: set[str] = set()

    def name(self, wanted: str, fallback: str = "layer") -> str:
        base = ascii_identifier(wanted) or ascii_identifier(fallback) or "layer"
        if base[0].isdigit():
            base = f"{ascii_identifier(fallback) or 'layer'}_{base}"
        if base in self.reserved or keyword.iskeyword(base):
            base = f"{base}_"
        candidate, i = base, 2
        while candidate in self.taken or candidate in self.reserved:
            candidate = f"{base}_{i}"
            i += 1
        self.taken.add(candidate)
        return candidate


__all__ = [
    "RESERVED",
    "SCRIPT_NAMES",
    "VariableNamer",
    "ascii_identifier",
    "call_text",
    "py_literal",
    "py_str",
]
