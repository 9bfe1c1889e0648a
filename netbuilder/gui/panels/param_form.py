"""A form of parameter editors, with advanced ones behind "More"; nested forms for wrappers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
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
    SHAPE,
    ParamSpec,
)
from .param_widgets import (
    BoolEditor,
    ChoiceEditor,
    NumberEditor,
    ParamEditor,
    SequenceEditor,
    TextEditor,
    TupleEditor,
)


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
        self.reset.setToolTip(QCoreApplication.translate("ParamForm", "Reset to the Keras default"))
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


__all__ = ["LayerEditor", "ParamForm", "make_editor"]
