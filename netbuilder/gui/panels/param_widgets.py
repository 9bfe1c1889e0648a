"""One editor widget per parameter kind.

Editors only report what the user asked for (:attr:`ParamEditor.edited`) or
why the typed text cannot be a value (:attr:`ParamEditor.rejected`); the form
(:mod:`.param_form`) checks every candidate against its :class:`ParamSpec` and
shows the reason inline, so nothing invalid ever reaches the document.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ...core.params import (
    AXIS,
    FLOAT,
    REQUIRED,
    SHAPE,
    ParamSpec,
)

INT_LIMIT = 2**31 - 1
FLOAT_LIMIT = 1e12
AXIS_LIMIT = 16


def show_value(value: Any) -> str:
    """Python-like text for a value (None, tuples with the trailing comma)."""
    if value is None:
        return "None"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(show_value(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return str(value)


class ParamEditor(QWidget):
    """Base editor: ``edited(value)`` on user input, ``rejected(reason)`` for unusable text.

    ``rejected("")`` withdraws an earlier reason (the text became usable again).
    """

    edited = Signal(object)
    rejected = Signal(str)

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def value(self) -> Any:
        raise TypeError(f"{type(self).__name__} must implement value()")

    def set_value(self, value: Any) -> None:
        """Show ``value`` without emitting; leaves the widget alone when it already shows it."""
        if self._shows(value):
            return
        self.blockSignals(True)
        try:
            self._show(value)
        finally:
            self.blockSignals(False)

    def _shows(self, value: Any) -> bool:
        try:
            return self.spec.coerce(self.value()) == self.spec.coerce(value)
        except ValueError:
            return False

    def _show(self, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} must implement _show()")


# -- numbers ----------------------------------------------------------------------------
class _FloatBox(QDoubleSpinBox):
    """A double spin box that shows 0.5 rather than 0.5000000."""

    def textFromValue(self, value: float) -> str:  # noqa: N802 (Qt override)
        if self.specialValueText() and value == self.minimum():
            return self.specialValueText()
        text = self.locale().toString(value, "f", self.decimals())
        point = self.locale().decimalPoint()
        if point in text:
            text = text.rstrip("0").rstrip(point)
        return text


class NumberEditor(ParamEditor):
    """INT, AXIS and FLOAT: a spin box bounded by the spec; nullable ones show "None" at the bottom."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._float = spec.kind == FLOAT
        limit = FLOAT_LIMIT if self._float else (AXIS_LIMIT if spec.kind == AXIS else INT_LIMIT)
        lo = spec.minimum if spec.minimum is not None else -limit
        hi = spec.maximum if spec.maximum is not None else limit
        self._none_at: float | None = None
        if self._float:
            box: QDoubleSpinBox | QSpinBox = _FloatBox(self)
            box.setDecimals(7)
            box.setSingleStep(0.05 if hi - lo <= 1 else 0.1)
        else:
            box = QSpinBox(self)
            lo, hi = int(lo), int(hi)
        if spec.nullable or spec.default is None:
            # One step below the range stands for None ("None" is shown there).
            self._none_at = lo - 1
            lo = lo - 1
            box.setSpecialValueText("None")
        box.setRange(lo, hi)
        box.setMinimumWidth(56)
        box.setAccelerated(True)
        box.setKeyboardTracking(True)
        self.box = box
        self._layout.addWidget(box)
        box.valueChanged.connect(self._on_value)
        box.lineEdit().textEdited.connect(self._on_text)
        self.setFocusProxy(box)

    def value(self) -> Any:
        v = self.box.value()
        if self._none_at is not None and v == self._none_at:
            return None
        return float(v) if self._float else int(v)

    def _show(self, value: Any) -> None:
        if value is None or value is REQUIRED:
            self.box.setValue(self.box.minimum())
        else:
            self.box.setValue(value)

    def _on_value(self, _v: float) -> None:
        self.edited.emit(self.value())

    def _on_text(self, text: str) -> None:
        # Out-of-range text never reaches valueChanged; say why it is not taken.
        stripped = text.strip()
        if not stripped or stripped == self.box.specialValueText():
            return
        locale = self.locale()
        if self._float:
            number, ok = locale.toDouble(stripped)
        else:
            number, ok = locale.toInt(stripped)
        if not ok:
            return
        if not self.box.minimum() <= number <= self.box.maximum():
            reason = self.spec.check(number)
            if reason:
                self.rejected.emit(reason)


class BoolEditor(ParamEditor):
    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QCheckBox(self)
        self._layout.addWidget(self.box)
        self.box.toggled.connect(lambda on: self.edited.emit(bool(on)))
        self.setFocusProxy(self.box)

    def value(self) -> Any:
        return self.box.isChecked()

    def _show(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class ChoiceEditor(ParamEditor):
    """A combo box of the spec's choices; a value outside them (imported) is kept visible."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.box = QComboBox(self)
        self.box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.box.setMinimumContentsLength(6)
        self._choices: list[Any] = list(spec.choices)
        for c in self._choices:
            self.box.addItem(show_value(c))
        self._layout.addWidget(self.box)
        self.box.activated.connect(self._on_activated)
        self.setFocusProxy(self.box)

    def value(self) -> Any:
        i = self.box.currentIndex()
        return self._choices[i] if 0 <= i < len(self._choices) else None

    def _shows(self, value: Any) -> bool:
        return self.box.currentIndex() >= 0 and self.value() == value

    def _show(self, value: Any) -> None:
        if value is REQUIRED:
            self.box.setCurrentIndex(-1)
            return
        if value not in self._choices:
            self._choices.append(value)
            self.box.addItem(show_value(value))
        self.box.setCurrentIndex(self._choices.index(value))

    def _on_activated(self, index: int) -> None:
        self.edited.emit(self._choices[index])


class TextEditor(ParamEditor):
    """STR: free text, reported on every keystroke (typing merges into one undo step)."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self._layout.addWidget(self.edit)
        self.edit.textEdited.connect(self.edited.emit)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return self.edit.text()

    def _shows(self, value: Any) -> bool:
        return self.edit.text() == ("" if value in (None, REQUIRED) else str(value))

    def _show(self, value: Any) -> None:
        self.edit.setText("" if value in (None, REQUIRED) else str(value))


_SPLIT = re.compile(r"[\s,x×*]+")


def parse_int_sequence(text: str, allow_none: bool) -> tuple[int | None, ...]:
    """Parse "(28, 28, 1)", "28x28x1", "[None, 10]" into a tuple; raises ValueError."""
    body = text.strip().strip("()[]").strip()
    out: list[int | None] = []
    for part in _SPLIT.split(body):
        if not part:
            continue
        if allow_none and part.lower() in ("none", "?", "-"):
            out.append(None)
            continue
        try:
            out.append(int(part))
        except ValueError:
            raise ValueError(part) from None
    return tuple(out)


class SequenceEditor(ParamEditor):
    """SHAPE and INT_LIST: a line edit that reads tuples like "(28, 28, 1)" or "None, 10".

    Text is checked while typing but applied on Enter or when focus leaves, so
    half-typed shapes never ripple through the graph.
    """

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self.edit = QLineEdit(self)
        self._allow_none = spec.kind == SHAPE
        self._dirty = False
        self.edit.setPlaceholderText("(28, 28, 1)" if self._allow_none else "(2, 1)")
        self._layout.addWidget(self.edit)
        self.edit.textEdited.connect(self._on_text)
        self.edit.editingFinished.connect(self._on_finished)
        self.setFocusProxy(self.edit)

    def value(self) -> Any:
        return parse_int_sequence(self.edit.text(), self._allow_none)

    def set_value(self, value: Any) -> None:
        # Never overwrite what the user is still typing.
        if self._dirty and self.edit.hasFocus():
            return
        self._dirty = False
        super().set_value(value)

    def _show(self, value: Any) -> None:
        if value in (None, REQUIRED):
            self.edit.setText("")
        elif isinstance(value, (list, tuple)):
            self.edit.setText(show_value(tuple(value)))
        else:
            self.edit.setText(show_value((value,)))

    def _parse(self, text: str) -> tuple[int | None, ...] | None:
        try:
            value = parse_int_sequence(text, self._allow_none)
        except ValueError as exc:
            example = "(28, 28, 1)" if self._allow_none else "(2, 1)"
            self.rejected.emit(
                self.tr("'{0}' is not a whole number; write a tuple like {1}").format(exc, example)
            )
            return None
        reason = self.spec.check(value)
        if reason:
            self.rejected.emit(reason)
            return None
        return value

    def _on_text(self, text: str) -> None:
        self._dirty = True
        if self._parse(text) is not None:
            self.rejected.emit("")

    def _on_finished(self) -> None:
        if not self._dirty:
            return
        value = self._parse(self.edit.text())
        if value is not None:
            self._dirty = False
            self.edited.emit(value)


class TupleEditor(ParamEditor):
    """INT_TUPLE: one spin box per axis, or a single one with "same for all axes" checked."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._n = max(spec.length, 1)
        lo = int(spec.minimum) if spec.minimum is not None else -INT_LIMIT
        hi = int(spec.maximum) if spec.maximum is not None else INT_LIMIT
        self.boxes: list[QSpinBox] = []
        for _ in range(self._n):
            box = QSpinBox(self)
            box.setRange(lo, hi)
            box.setMinimumWidth(48)
            box.valueChanged.connect(self._on_box)
            self._layout.addWidget(box, 1)
            self.boxes.append(box)
        self.same = QCheckBox(self.tr("same"), self)
        self.same.setToolTip(self.tr("Use the same value for all axes"))
        self.same.setVisible(self._n > 1)
        self.same.toggled.connect(self._on_same)
        self._layout.addWidget(self.same)
        self.setFocusProxy(self.boxes[0])

    def value(self) -> Any:
        if self.same.isChecked():
            return (int(self.boxes[0].value()),) * self._n
        return tuple(int(b.value()) for b in self.boxes)

    def _shows(self, value: Any) -> bool:
        if value is REQUIRED or value is None:
            return False
        return super()._shows(value)

    def _show(self, value: Any) -> None:
        if value is REQUIRED or value is None:
            value = self.boxes[0].minimum()
        entries = (value,) * self._n if isinstance(value, int) else tuple(value)
        # Equal entries (kernel_size=3 or (3, 3)) start in "same for all axes" mode.
        self.same.setChecked(len(set(entries)) <= 1)
        for box, v in zip(self.boxes, entries, strict=False):
            box.setValue(int(v))
        self._sync_visible()

    def _sync_visible(self) -> None:
        one = self.same.isChecked()
        for box in self.boxes[1:]:
            box.setVisible(not one)

    def _on_same(self, on: bool) -> None:
        if on:
            for box in self.boxes[1:]:
                box.blockSignals(True)
                box.setValue(self.boxes[0].value())
                box.blockSignals(False)
        self._sync_visible()
        self.edited.emit(self.value())

    def _on_box(self, _v: int) -> None:
        if self.same.isChecked():
            for box in self.boxes[1:]:
                box.blockSignals(True)
                box.setValue(self.boxes[0].value())
                box.blockSignals(False)
        self.edited.emit(self.value())


__all__ = [
    "BoolEditor",
    "ChoiceEditor",
    "NumberEditor",
    "ParamEditor",
    "SequenceEditor",
    "TextEditor",
    "TupleEditor",
    "parse_int_sequence",
    "show_value",
]
