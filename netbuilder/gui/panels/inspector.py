"""The inspector: name, shapes, parameter count and a parameter form for the selection.

Every change goes through ``document.push`` as one undoable step. Typing into
one field merges into one step (a *session* in the merge key ends when focus
moves), discrete choices (check boxes, combo boxes) are a step each. Values the
parameter spec refuses are shown with their reason and never applied.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...core.catalog import GENERIC_TYPE, get_spec
from ...core.edits import UNSET, InsertOutput, PopOutput, Rename, SetParam, SetParams
from ...core.graph import Node, name_problem
from ...core.messages import tr as core_tr
from ...core.params import BOOL, CHOICE, LAYER, REQUIRED
from ...core.shapes import fmt_shape
from ..document import Document
from .config_editor import ConfigEditor
from .param_form import ParamForm
from .param_widgets import show_value


@dataclass
class _SessionSetParam(SetParam):
    """SetParam whose merging is limited to one typing session."""

    session: int = 0

    def merge_key(self) -> tuple | None:
        return ("param", self.node_id, self.name, self.session)


@dataclass
class _SessionSetParams(SetParams):
    session: int = 0

    def merge_key(self) -> tuple | None:
        keys = tuple(sorted((nid, name) for nid, name, _ in self.changes))
        return ("params", keys, self.session)


@dataclass
class _DeliberateRename(Rename):
    """A rename committed with Enter or focus-out: one step each, never merged."""

    def merge_key(self) -> tuple | None:
        return None


def _is_click(node: Node, name: str, value: Any) -> bool:
    """Whether changing ``name`` to ``value`` is a click (check box, combo) rather than typing."""
    spec = node.spec
    if spec is None or not spec.has_param(name):
        return True
    kind = spec.param(name).kind
    if kind != LAYER:
        return kind in (BOOL, CHOICE)
    old = node.params.get(name)
    if (
        not isinstance(old, dict)
        or not isinstance(value, dict)
        or old.get("type") != value.get("type")
    ):
        return True
    inner = get_spec(str(value.get("type")))
    before, after = old.get("params", {}), value.get("params", {})
    changed = {k for k in set(before) | set(after) if before.get(k, UNSET) != after.get(k, UNSET)}
    return inner is None or any(
        inner.param(k).kind in (BOOL, CHOICE) for k in changed if inner.has_param(k)
    )


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("color: #d03030;")
    label.hide()
    return label


def _set_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


class InspectorPanel(QWidget):
    """Parameter form, name, shapes and weights of the selected node(s)."""

    def __init__(self, document: Document, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("InspectorPanel")
        self.document = document
        self._ids: list[str] = []
        self._key: tuple = ()
        self._session = 0
        self.form: ParamForm | None = None
        self.name_edit: QLineEdit | None = None
        self.name_error: QLabel | None = None
        self.json_edit: QPlainTextEdit | None = None
        self.json_error: QLabel | None = None
        self.json_apply: QPushButton | None = None
        self._info: dict[str, QLabel] = {}
        self.output_check: QCheckBox | None = None
        self.config_editor: ConfigEditor | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.title = QLabel(self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.scroll, 1)
        self.help = QLabel(self)
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.help)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.RichText)
        self.description.setOpenExternalLinks(True)
        layout.addWidget(self.description)

        document.selectionChanged.connect(self._on_selection)
        document.analysisChanged.connect(self._refresh)
        document.projectReplaced.connect(self._on_selection)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus)
        self._rebuild()

    # -- selection ------------------------------------------------------------------
    def selected_nodes(self) -> list[Node]:
        graph = self.document.graph
        return [graph.nodes[i] for i in self.document.selection if i in graph.nodes]

    def _selection_key(self, nodes: list[Node]) -> tuple:
        return tuple(
            (n.id, n.type, n.params.get("class_name") if n.type == GENERIC_TYPE else None)
            for n in nodes
        )

    def _on_selection(self, *_args: object) -> None:
        self._rebuild()

    def _rebuild(self) -> None:
        nodes = self.selected_nodes()
        self._ids = [n.id for n in nodes]
        self._key = self._selection_key(nodes)
        self._session += 1
        self.form = self.name_edit = self.name_error = None
        self.json_edit = self.json_error = self.json_apply = None
        self.config_editor = None
        self.output_check = None
        self._info = {}
        self.help.clear()
        content = QWidget()
        box = QVBoxLayout(content)
        box.setContentsMargins(0, 0, 0, 0)
        if not nodes:
            self.title.setText(self.tr("No layer selected"))
            hint = QLabel(self.tr("Select a layer on the canvas to edit its parameters."), content)
            hint.setWordWrap(True)
            box.addWidget(hint)
            self.description.clear()
        elif len({n.type for n in nodes}) > 1:
            self.title.setText(self.tr("{0} layers selected").format(len(nodes)))
            hint = QLabel(
                self.tr(
                    "The selected layers have different types; select layers of one type "
                    "to edit a parameter on all of them."
                ),
                content,
            )
            hint.setWordWrap(True)
            box.addWidget(hint)
            self._add_info(box, content, multi=True)
            self.description.clear()
        else:
            self._build_for(nodes, box, content)
        box.addStretch(1)
        self.scroll.setWidget(content)
        self._refresh()

    def _build_for(self, nodes: list[Node], box: QVBoxLayout, content: QWidget) -> None:
        first = nodes[0]
        spec = first.spec
        if len(nodes) == 1:
            self.title.setText(f"{first.keras_class} · {first.name}")
            head = QFormLayout()
            self.name_edit = QLineEdit(first.name, content)
            self.name_edit.setObjectName("nameEdit")
            self.name_edit.textEdited.connect(self._on_name_typed)
            self.name_edit.editingFinished.connect(self._commit_name)
            QShortcut(
                QKeySequence(Qt.Key.Key_Escape),
                self.name_edit,
                self._revert_name,
                context=Qt.ShortcutContext.WidgetShortcut,
            )
            self.name_error = _error_label(content)
            field = QWidget(content)
            column = QVBoxLayout(field)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self.name_edit)
            column.addWidget(self.name_error)
            head.addRow(self.tr("Name"), field)
            box.addLayout(head)
            self._add_info(box, content, multi=False)
        else:
            self.title.setText(
                self.tr("{0} layers of type {1} selected").format(len(nodes), first.keras_class)
            )
            self._add_info(box, content, multi=True)
        if spec is None:
            self._build_generic(first, box, content, editable=len(nodes) == 1)
            link = self.tr("Keras layers")  # not inside the f-string: lupdate skips those
            self.description.setText(
                self.tr("Any Keras layer: its configuration is kept as JSON.")
                + f' <a href="https://keras.io/api/layers/">{link}</a>'
            )
            return
        if spec.params:
            self.form = ParamForm(spec.params, content)
            self.form.setObjectName("paramForm")
            self.form.changed.connect(self._on_param)
            self.form.reset.connect(self._on_reset)
            box.addWidget(self.form)
        description = html.escape(core_tr(spec.description))
        if spec.doc_url:
            link = self.tr("Keras documentation")  # not inside the f-string: lupdate skips those
            description += f' <a href="{spec.doc_url}">{link}</a>'
        self.description.setText(description)

    def _add_info(self, box: QVBoxLayout, content: QWidget, multi: bool) -> None:
        info = QFormLayout()
        rows = [("params", self.tr("Parameters"))]
        if not multi:
            rows = [
                ("type", self.tr("Type")),
                ("inputs", self.tr("Input shapes")),
                ("output", self.tr("Output shape")),
                *rows,
                ("error", ""),
            ]
        for key, text in rows:
            label = QLabel(content)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setWordWrap(True)
            if key == "error":
                label.setStyleSheet("color: #d03030;")
                info.addRow(label)
            else:
                info.addRow(text, label)
            self._info[key] = label
        if not multi:
            self.output_check = QCheckBox(self.tr("Model output"), content)
            self.output_check.setObjectName("outputCheck")
            self.output_check.setToolTip(
                self.tr("The model returns this layer's result (keras.Model outputs).")
            )
            self.output_check.toggled.connect(self._toggle_output)
            info.addRow(self.output_check)
        box.addLayout(info)

    def _build_generic(
        self, node: Node, box: QVBoxLayout, content: QWidget, editable: bool
    ) -> None:
        head = QLabel(self.tr("Keras class: {0}").format(node.keras_class), content)
        box.addWidget(head)
        self.config_editor = ConfigEditor(node.params.get("config", {}), editable, content)
        self.config_editor.applied.connect(self._apply_config)
        self.json_edit = self.config_editor.edit
        self.json_error = self.config_editor.error
        self.json_apply = self.config_editor.apply_button
        box.addWidget(self.config_editor, 1)

    # -- refresh without disturbing the field being edited -----------------------------
    def _refresh(self) -> None:
        nodes = self.selected_nodes()
        if self._selection_key(nodes) != self._key:
            self._rebuild()
            return
        if not nodes:
            return
        infos = self.document.analyzer.infos()
        if len(nodes) == 1:
            self._refresh_single(nodes[0], infos.get(nodes[0].id))
        elif "params" in self._info:
            total = sum((infos[n.id].params or 0) for n in nodes if n.id in infos)
            self._info["params"].setText(QLocale().toString(total))
        if self.form is not None and len({n.type for n in nodes}) == 1:
            values = dict(nodes[0].params)
            mixed = {
                name
                for name in self.form.rows
                if any(n.params.get(name, UNSET) != nodes[0].params.get(name, UNSET) for n in nodes)
            }
            self.form.set_values(values, mixed)
        if self.config_editor is not None:
            self.config_editor.set_config(nodes[0].params.get("config", {}))

    def _refresh_single(self, node: Node, info: Any) -> None:
        if self.name_edit is not None and not self.name_edit.hasFocus():
            if self.name_edit.text() != node.name:
                self.name_edit.setText(node.name)
            if self.name_error is not None:
                _set_error(self.name_error, None)
        self.title.setText(f"{node.keras_class} · {node.name}")
        if self.output_check is not None:
            self.output_check.blockSignals(True)
            self.output_check.setChecked(node.id in self.document.graph.outputs)
            self.output_check.blockSignals(False)
        labels = self._info
        if not labels:
            return
        labels["type"].setText(node.keras_class)
        if info is None:
            for key in ("inputs", "output", "params", "error"):
                labels[key].setText("")
            return
        shapes = [fmt_shape(s) for s in info.inputs]
        labels["inputs"].setText(", ".join(shapes) if shapes else self.tr("none"))
        labels["output"].setText(", ".join(fmt_shape(s) for s in info.outputs))
        labels["params"].setText("?" if info.params is None else QLocale().toString(info.params))
        error = info.error.message if info.error is not None else ""
        labels["error"].setText(error)
        labels["error"].setVisible(bool(error))

    # -- parameter edits ------------------------------------------------------------
    def _on_param(self, name: str, value: Any) -> None:
        nodes = self.selected_nodes()
        if not nodes:
            return
        changes = [(n.id, name, value) for n in nodes if n.params.get(name, UNSET) != value]
        if not changes:
            return
        discrete = _is_click(nodes[0], name, value)
        if len(nodes) == 1:
            text = self.tr("Set {0} of '{1}' to {2}").format(name, nodes[0].name, show_value(value))
            self.document.push(
                _SessionSetParam(nodes[0].id, name, value, text, session=self._session), text
            )
        else:
            text = self.tr("Set {0} of {1} layers to {2}").format(
                name, len(changes), show_value(value)
            )
            self.document.push(_SessionSetParams(changes, text, session=self._session), text)
        if discrete:
            # A click is a decision of its own, not part of a typing session.
            self._session += 1

    def _on_reset(self, name: str) -> None:
        nodes = [n for n in self.selected_nodes() if name in n.params]
        if not nodes:
            return
        text = self.tr("Reset {0} to its default").format(name)
        self._session += 1
        if len(nodes) == 1:
            self.document.push(SetParam(nodes[0].id, name, UNSET, text), text)
        else:
            self.document.push(SetParams([(n.id, name, UNSET) for n in nodes], text), text)
        self._session += 1

    def _toggle_output(self, on: bool) -> None:
        nodes = self.selected_nodes()
        if len(nodes) != 1:
            return
        node, outputs = nodes[0], self.document.graph.outputs
        self._session += 1
        if on and node.id not in outputs:
            text = self.tr("Mark '{0}' as a model output").format(node.name)
            self.document.push(InsertOutput(node.id, label=text), text)
        elif not on and node.id in outputs:
            text = self.tr("Unmark '{0}' as a model output").format(node.name)
            self.document.push(PopOutput(outputs.index(node.id), label=text), text)

    def _revert_name(self) -> None:
        nodes = self.selected_nodes()
        if len(nodes) == 1 and self.name_edit is not None and self.name_error is not None:
            self.name_edit.setText(nodes[0].name)
            _set_error(self.name_error, None)

    # -- name -------------------------------------------------------------------------
    def _name_reason(self, node: Node, name: str) -> str | None:
        problem = name_problem(name)
        if problem:
            return core_tr(problem)
        clash = self.document.graph.by_name(name)
        if clash is not None and clash.id != node.id:
            return self.tr("The name '{0}' is already used by another layer.").format(name)
        return None

    def _on_name_typed(self, text: str) -> None:
        nodes = self.selected_nodes()
        if len(nodes) == 1 and self.name_error is not None:
            _set_error(self.name_error, self._name_reason(nodes[0], text))

    def _commit_name(self) -> None:
        nodes = self.selected_nodes()
        if len(nodes) != 1 or self.name_edit is None or self.name_error is None:
            return
        node, text = nodes[0], self.name_edit.text()
        if text == node.name:
            _set_error(self.name_error, None)
            return
        reason = self._name_reason(node, text)
        _set_error(self.name_error, reason)
        if reason is None:
            label = self.tr("Rename '{0}' to '{1}'").format(node.name, text)
            self.document.push(_DeliberateRename(node.id, text, label), label)

    # -- generic layers: JSON config ---------------------------------------------------
    def _apply_config(self, value: dict) -> None:
        nodes = self.selected_nodes()
        if len(nodes) != 1 or value == nodes[0].params.get("config"):
            return
        text = self.tr("Edit config of '{0}'").format(nodes[0].name)
        self._session += 1
        self.document.push(SetParam(nodes[0].id, "config", value, text), text)

    # -- help for the focused field -----------------------------------------------------
    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        # A new field means a new typing session: edits there are a new undo step.
        self._session += 1
        if new is None or self.form is None or not self.isAncestorOf(new):
            return
        spec = self.form.help_for(new)
        if spec is None:
            return
        default = "—" if spec.default is REQUIRED else show_value(spec.default)
        self.help.setText(
            f"<b>{html.escape(spec.name)}</b>: {html.escape(core_tr(spec.help))}<br/>"
            + html.escape(self.tr("Keras default: {0}").format(default))
        )


__all__ = ["InspectorPanel"]
