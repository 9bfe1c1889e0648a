"""Qt-free core: catalog, graph, edits, validation, inference, builder, export, import, I/O.

Importing this package never imports PySide6, matplotlib, keras or tensorflow;
the modules that need Keras import it inside their functions.
"""

from .catalog import CATALOG, GENERIC_TYPE, get_spec
from .graph import Graph, Node, Ref
from .project import Project, ProjectError

__all__ = ["CATALOG", "GENERIC_TYPE", "Graph", "Node", "Project", "ProjectError", "Ref", "get_spec"]
