"""One editor widget per parameter kind, and a form that lays them out.

Editors only report what the user asked for (:attr:`ParamEditor.edited`) or
why the typed text cannot be a value (:attr:`ParamEditor.rejected`); the form
checks every candidate against its :class:`ParamSpec` and shows the reason
inline, so nothing invalid ever reaches the document.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...core.catalog import get_spec
from ...core.messages import tr as core_tr
from ...core.params import (
    AXIS,
    BOOL,
    CHOICE,
    FLOAT,
    INT,
    INT_LIST,
    INT_TUPLE,
    LAYER,
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


class LayerEditor(ParamEditor):
    """LAYER (wrappers): the wrapped layer's type plus a nested form of its parameters."""

    def __init__(self, spec: ParamSpec, parent: QWidget | None = None) -> None:
        super().__init__(spec, parent)
        self._layout.setDirection(QBoxLayout.Direction.TopToBottom)
        self.type_box = QComboBox(self)
        self._types = list(spec.allowed_layers)
        self.type_box.addItems(self._types)
        self.type_box.activated.connect(self._on_type)
        self._layout.addWidget(self.type_box)
        self._current: dict[str, Any] = {
            "type": self._types[0] if self._types else "",
            "params": {},
        }
        self.form: ParamForm | None = None
        self._frame = QFrame(self)
        self._frame.setFrameShape(QFrame.Shape.StyledPanel)
        self._frame_layout = QVBoxLayout(self._frame)
        self._frame_layout.setContentsMargins(4, 4, 4, 4)
        self._layout.addWidget(self._frame)
        self.setFocusProxy(self.type_box)

    def value(self) -> Any:
        return {"type": self._current["type"], "params": dict(self._current["params"])}

    def _shows(self, value: Any) -> bool:
        return isinstance(value, dict) and self.form is not None and value == self._current

    def _show(self, value: Any) -> None:
        if not isinstance(value, dict):
            value = {"type": self._types[0] if self._types else "", "params": {}}
        inner_type = str(value.get("type", ""))
        params = dict(value.get("params") or {})
        if inner_type not in self._types:
            self._types.append(inner_type)
            self.type_box.addItem(inner_type)
        self.type_box.setCurrentIndex(self._types.index(inner_type))
        if self.form is None or self._current["type"] != inner_type:
            self._build_form(inner_type)
        self._current = {"type": inner_type, "params": params}
        if self.form is not None:
            self.form.set_values(params)

    def _build_form(self, inner_type: str) -> None:
        if self.form is not None:
            self.form.setParent(None)
            self.form.deleteLater()
            self.form = None
        inner = get_spec(inner_type)
        if inner is None:
            return
        self.form = ParamForm(inner.params, self._frame)
        self.form.changed.connect(self._on_inner)
        self.form.reset.connect(self._on_inner_reset)
        self._frame_layout.addWidget(self.form)

    def _on_type(self, index: int) -> None:
        new_type = self._types[index]
        if new_type == self._current["type"]:
            return
        inner = get_spec(new_type)
        kept: dict[str, Any] = {}
        if inner is not None:
            # Keep what the new layer understands (units, dropout...) so a switch is cheap.
            for name, v in self._current["params"].items():
                if inner.has_param(name) and inner.param(name).check(v) is None:
                    kept[name] = v
        self.edited.emit({"type": new_type, "params": kept})

    def _on_inner(self, name: str, value: Any) -> None:
        params = dict(self._current["params"])
        params[name] = value
        self.edited.emit({"type": self._current["type"], "params": params})

    def _on_inner_reset(self, name: str) -> None:
        params = dict(self._current["params"])
        params.pop(name, None)
        self.edited.emit({"type": self._current["type"], "params": params})


def make_editor(spec: ParamSpec, parent: QWidget | None = None) -> ParamEditor:
    """The editor widget for a parameter's kind."""
    kind = spec.kind
    if kind in (INT, FLOAT, AXIS):
        return NumberEditor(spec, parent)
    if kind == BOOL:
        return BoolEditor(spec, parent)
    if kind == CHOICE:
        return ChoiceEditor(spec, parent)
    if kind == INT_TUPLE:
        return TupleEditor(spec, parent)
    if kind in (SHAPE, INT_LIST):
        return SequenceEditor(spec, parent)
    if kind == LAYER:
        return LayerEditor(spec, parent)
    return TextEditor(spec, parent)


class _Row:
    """One parameter row: label, editor, reset button, inline error."""

    def __init__(self, form: ParamForm, spec: ParamSpec, layout: QFormLayout) -> None:
        self.spec = spec
        self.label = QLabel(spec.name, form)
        self.label.setMinimumWidth(40)
        self.label.setToolTip(core_tr(spec.help))
        self.editor = make_editor(spec, form)
        self.editor.setToolTip(core_tr(spec.help))
        self.reset = QToolButton(form)
        self.reset.setText("↺")
        self.reset.setAutoRaise(True)
        self.reset.setToolTip(form.tr("Reset to the Keras default"))
        self.error = QLabel(form)
        self.error.setWordWrap(True)
        self.error.setObjectName("paramError")
        self.error.setStyleSheet("color: #d03030;")
        self.error.hide()
        field = QWidget(form)
        column = QVBoxLayout(field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        line = QHBoxLayout()
        line.addWidget(self.editor, 1)
        line.addWidget(self.reset)
        column.addLayout(line)
        column.addWidget(self.error)
        layout.addRow(self.label, field)
        self.field = field


class ParamForm(QWidget):
    """Editors for a list of parameter specs; advanced ones behind a collapsible "More".

    ``changed(name, value)`` carries only values the spec accepts; refused ones
    show their reason under the editor instead.
    """

    changed = Signal(str, object)
    reset = Signal(str)
    expanded_by_default = False

    def __init__(self, specs: Sequence[ParamSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: dict[str, _Row] = {}
        # One form layout for basic and advanced rows keeps their columns aligned.
        self.layout_ = QFormLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        advanced_specs = [s for s in specs if s.advanced]
        for s in specs:
            if not s.advanced:
                self._add_row(s, self.layout_)
        self.more_button: QToolButton | None = None
        if advanced_specs:
            self.more_button = QToolButton(self)
            self.more_button.setText(self.tr("More"))
            self.more_button.setCheckable(True)
            self.more_button.setAutoRaise(True)
            self.more_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.layout_.addRow(self.more_button)
            for s in advanced_specs:
                self._add_row(s, self.layout_)
            self.more_button.toggled.connect(self._set_expanded)
            self.more_button.setChecked(ParamForm.expanded_by_default)
            self._set_expanded(ParamForm.expanded_by_default)

    def _add_row(self, spec: ParamSpec, layout: QFormLayout) -> None:
        row = _Row(self, spec, layout)
        name = spec.name
        row.editor.edited.connect(lambda v, n=name: self._on_edited(n, v))
        row.editor.rejected.connect(lambda reason, n=name: self.show_error(n, reason or None))
        row.reset.clicked.connect(lambda _=False, n=name: self._on_reset(n))
        self.rows[name] = row

    def is_expanded(self) -> bool:
        return self.more_button is not None and self.more_button.isChecked()

    def _set_expanded(self, on: bool) -> None:
        if self.more_button is None:
            return
        for row in self.rows.values():
            if row.spec.advanced:
                self.layout_.setRowVisible(row.label, on)
        self.more_button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        ParamForm.expanded_by_default = on

    def editor(self, name: str) -> ParamEditor:
        return self.rows[name].editor

    def set_values(
        self, values: Mapping[str, Any], mixed: frozenset[str] | set[str] = frozenset()
    ) -> None:
        """Show explicit ``values`` (others show the Keras default); mark ``mixed`` names."""
        for name, row in self.rows.items():
            explicit = name in values
            row.editor.set_value(values[name] if explicit else row.spec.default)
            text = name + (" " + self.tr("(mixed)") if name in mixed else "")
            row.label.setText(text)
            font = row.label.font()
            font.setBold(explicit)
            font.setItalic(name in mixed)
            row.label.setFont(font)
            row.reset.setEnabled(explicit and not row.spec.required)

    def show_error(self, name: str, reason: str | None) -> None:
        row = self.rows.get(name)
        if row is None:
            return
        row.error.setText(reason or "")
        row.error.setVisible(bool(reason))

    def error_text(self, name: str) -> str:
        row = self.rows[name]
        return row.error.text() if row.error.isVisibleTo(self) else ""

    def clear_errors(self) -> None:
        for name in self.rows:
            self.show_error(name, None)

    def help_for(self, widget: QWidget | None) -> ParamSpec | None:
        """The spec whose row holds ``widget`` (the focused one), or None."""
        start = widget
        while widget is not None and widget is not self:
            for row in self.rows.values():
                if widget is row.field:
                    inner = getattr(row.editor, "form", None)
                    found = inner.help_for(start) if isinstance(inner, ParamForm) else None
                    return found or row.spec
            widget = widget.parentWidget()
        return None

    def _on_edited(self, name: str, value: Any) -> None:
        reason = self.rows[name].spec.check(value)
        self.show_error(name, reason)
        if reason is None:
            self.changed.emit(name, self.rows[name].spec.coerce(value))

    def _on_reset(self, name: str) -> None:
        self.show_error(name, None)
        self.reset.emit(name)


__all__ = [
    "ChoiceEditor",
    "LayerEditor",
    "NumberEditor",
    "ParamEditor",
    "ParamForm",
    "SequenceEditor",
    "TupleEditor",
    "make_editor",
    "parse_int_sequence",
    "show_value",
]
