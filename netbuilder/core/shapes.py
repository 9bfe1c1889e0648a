"""Shape type and the arithmetic Keras uses for convolutions and pooling.

A shape is a tuple whose first entry is the batch dimension (``None``); any
entry may be ``None`` when unknown. These functions mirror Keras 3's
``compute_conv_output_shape`` / ``compute_pooling_output_shape`` exactly.
"""

from __future__ import annotations

Dim = int | None
Shape = tuple[Dim, ...]


class ShapeError(Exception):
    """A layer cannot accept the shapes it is given.

    Attributes:
        code: Machine-readable problem class (``"rank"``, ``"window"``,
            ``"concat"``, ``"mismatch"``, ``"dtype"``, ``"arity"``, ``"param"``...).
        message: Keras-style sentence without the node name; validation
            prefixes it with the node's type and name.
        data: Values that fixes need (expected ranks, offending param, ...).
    """

    def __init__(self, code: str, message: str, **data: object) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.data = data


def fmt_shape(shape: Shape | None) -> str:
    """Format like Keras: ``(None, 32)``; ``(None,)`` for rank 1."""
    if shape is None:
        return "(unknown)"
    inner = ", ".join("None" if d is None else str(d) for d in shape)
    return f"({inner},)" if len(shape) == 1 else f"({inner})"


def conv_output_length(
    length: Dim, kernel: int, padding: str, stride: int, dilation: int = 1
) -> Dim:
    """Output length of a convolution along one axis (None stays None)."""
    if length is None:
        return None
    if padding in ("same", "causal"):
        return (length + stride - 1) // stride
    effective = dilation * (kernel - 1) + 1
    return (length - effective) // stride + 1


def pool_output_length(length: Dim, pool: int, padding: str, stride: int) -> Dim:
    """Output length of a pooling window along one axis."""
    if length is None:
        return None
    if padding == "same":
        return (length - 1) // stride + 1
    return (length - pool) // stride + 1


def deconv_output_length(
    length: Dim,
    kernel: int,
    padding: str,
    stride: int,
    output_padding: int | None = None,
    dilation: int = 1,
) -> Dim:
    """Output length of a transposed convolution (Keras' deconv_output_length)."""
    if length is None:
        return None
    kernel = kernel + (kernel - 1) * (dilation - 1)
    if output_padding is None:
        if padding == "valid":
            return length * stride + max(kernel - stride, 0)
        return length * stride
    pad = kernel // 2 if padding == "same" else 0
    return (length - 1) * stride + kernel - 2 * pad + output_padding


def product(dims: tuple[Dim, ...]) -> Dim:
    """Product of dims, None if any is unknown."""
    out = 1
    for d in dims:
        if d is None:
            return None
        out *= d
    return out
