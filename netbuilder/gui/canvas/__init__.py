"""The node-graph canvas: scene, view, node cards, ports and wires."""

from .scene import GraphScene
from .view import LAYER_MIME, GraphView

__all__ = ["LAYER_MIME", "GraphScene", "GraphView"]
