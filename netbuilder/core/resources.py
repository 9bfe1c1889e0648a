"""Where netbuilder's shipped files (example projects, icons) live.

In a source checkout or an editable install they are in ``resources/`` next to
the package; a regular (wheel) install puts them under
``<prefix>/share/netbuilder/resources`` (see ``[tool.setuptools.data-files]``).
"""

from __future__ import annotations

import sys
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resources_root() -> Path:
    """The folder holding ``examples/`` and ``icons/``."""
    package = Path(__file__).resolve().parents[1]  # netbuilder/
    candidates = [
        package.parent / "resources",
        Path(sys.prefix) / "share" / "netbuilder" / "resources",
        Path(sys.base_prefix) / "share" / "netbuilder" / "resources",
    ]
    for candidate in candidates:
        if (candidate / "examples").is_dir():
            return candidate
    return candidates[0]


def resource_dir(name: str) -> Path:
    """``resources/<name>`` (e.g. ``"examples"``, ``"icons"``)."""
    return resources_root() / name
