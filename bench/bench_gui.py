"""Editor benchmark on a generated 1,000-node branched graph (offscreen rendering).

Prints: time to open the file and show it painted, frame times while panning
and zooming (median and worst; each frame is a synchronous repaint of the
viewport), and the time from a parameter edit to updated shapes on screen.
Targets: open <= 1 s, frames <= 16 ms median, edit-to-screen <= 50 ms.

    python bench/bench_gui.py [--nodes 1000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphs import branched_project  # noqa: E402
from PySide6.QtCore import QCoreApplication, QSettings  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from netbuilder.core.edits import SetParam  # noqa: E402
from netbuilder.core.project import save  # noqa: E402


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _frames(app: QApplication, view, steps, full: bool = False) -> list[float]:
    """Seconds per frame: the view change plus the paint Qt does for it.

    With ``full`` every frame repaints the whole viewport (a worst case: Qt
    normally scrolls the pixels and paints only the newly exposed strip).
    """
    times = []
    for step in steps:
        t0 = time.perf_counter()
        step()
        if full:
            view.viewport().repaint()
        app.processEvents()
        times.append(time.perf_counter() - t0)
    return times


def _report(label: str, times: list[float], target: float) -> None:
    median = statistics.median(times)
    verdict = "ok" if median <= target else "SLOW"
    print(
        f"{label:<34} median {_ms(median):>9}  worst {_ms(max(times)):>9}  "
        f"(target median <= {_ms(target)}) {verdict}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="nb-bench-"))
    QCoreApplication.setOrganizationName("netbuilder-bench")
    QCoreApplication.setApplicationName("netbuilder-bench")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    app = QApplication(sys.argv[:1])
    from netbuilder.gui import themes
    from netbuilder.gui.main_window import MainWindow

    themes.apply_theme(app, themes.LIGHT)
    project = branched_project(args.nodes)
    path = tmp / "big.nbproj"
    save(project, path)

    window = MainWindow()
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    view = window.view

    t0 = time.perf_counter()
    window.files.open_path(str(path), ask=False)
    app.processEvents()
    view.viewport().repaint()
    opened = time.perf_counter() - t0
    n = len(window.document.graph)
    print(f"graph: {n} layers, {len(window.scene.edge_items)} wires")
    print(
        f"{'open file and show it':<34} {_ms(opened):>16}  (target <= 1000 ms) {'ok' if opened <= 1 else 'SLOW'}"
    )

    # The whole graph in view (a 1,000-node chain is ~200,000 px wide): full repaints.
    view.fit()
    app.processEvents()
    label = f"whole graph in view ({view.zoom():.1%})"
    _report(label + ", repaint", _frames(app, view, [lambda: None] * 10, full=True), 0.016)
    # Zoomed out to 10 %: cards drawn as boxes; pan back and forth.
    view.set_zoom(0.1)
    view.center_on_node(next(iter(window.document.graph.nodes)))
    app.processEvents()
    wobble = ([lambda: view.pan(40, 0)] * 10 + [lambda: view.pan(-40, 0)] * 10) * 3
    _report("pan at 10 %", _frames(app, view, wobble), 0.016)
    _report("  (full repaint every frame)", _frames(app, view, wobble, full=True), 0.016)
    view.reset_zoom()
    view.center_on_node(next(iter(window.document.graph.nodes)))
    app.processEvents()
    pan = [lambda: view.pan(35, 0)] * 60 + [lambda: view.pan(0, 20)] * 20
    _report("pan at 100 %", _frames(app, view, pan), 0.016)
    _report("  (full repaint every frame)", _frames(app, view, pan, full=True), 0.016)
    zoom = [view.zoom_out] * 12 + [view.zoom_in] * 12
    _report("zoom out and in (0.07x - 1x)", _frames(app, view, zoom), 0.016)

    # Parameter edit -> analysis -> card repainted with the new shape. The edited
    # Dense ends a block, so the change stays local (as most edits do).
    view.reset_zoom()
    graph = window.document.graph
    ends = [
        nid
        for nid, node in graph.nodes.items()
        if node.type == "Dense" and not node.params.get("activation")
    ]
    middle = ends[len(ends) // 2]
    view.center_on_node(middle)
    app.processEvents()
    card = window.scene.node_items[middle]
    times = []
    for i in range(20):
        units = 40 + i
        t0 = time.perf_counter()
        window.document.push(SetParam(middle, "units", units))
        app.processEvents()  # the coalesced analysisChanged runs here ...
        app.processEvents()  # ... and the repaint of the changed cards
        times.append(time.perf_counter() - t0)
        assert card.info is not None and card.info.output[-1] == units, "card not updated"
    _report("edit -> updated shapes on screen", times, 0.050)
    # Worst case: an edit that breaks a merge and blanks the shapes of ~80 % of the graph.
    branch = next(
        nid for nid, node in graph.nodes.items() if node.params.get("activation") == "relu"
    )
    t0 = time.perf_counter()
    window.document.push(SetParam(branch, "units", 7))
    app.processEvents()
    app.processEvents()
    print(f"{'edit that breaks most of the graph':<34} {_ms(time.perf_counter() - t0):>16}")
    window.document.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
