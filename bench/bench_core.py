"""Core benchmark on a generated 1,000-node branched graph.

Prints: full validation + inference time, incremental time after one parameter
edit, and model build time next to a plain hand-written Keras build of the same
graph. Targets: full <= 50 ms, incremental <= 5 ms, build <= 1.1x hand-written.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphs import branched_graph  # noqa: E402

from netbuilder.core import edits as E  # noqa: E402
from netbuilder.core.analysis import Analyzer  # noqa: E402


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return out


def bench_analysis(n: int) -> None:
    def full() -> None:
        g = branched_graph(n)
        a = Analyzer(g)
        a.problems()
        assert a.is_valid(), a.errors()[:1]

    g = branched_graph(n)
    t_build = statistics.median(timed(lambda: branched_graph(n), 5))
    full_ms = [t - t_build for t in timed(full, 7)]
    a = Analyzer(g)
    a.problems()
    # The Dense that ends a block in the middle: its width feeds two Dense layers
    # and a Concatenate downstream, so an edit spreads before it is cut off.
    dense = [
        nid
        for nid, node in g.nodes.items()
        if node.type == "Dense" and "activation" not in node.params
    ]
    target = dense[len(dense) // 2]
    units = iter(range(33, 10_000))

    def incremental() -> None:
        E.SetParam(target, "units", next(units)).apply(g)
        a.problems()

    inc = timed(incremental, 50)
    shape_only = timed(
        lambda: (
            E.SetParam(target, "use_bias", not g.nodes[target].params.get("use_bias", True)).apply(
                g
            ),
            a.problems(),
        ),
        50,
    )
    print(
        f"graph: {len(g)} layers, {sum(1 for _ in g.edges())} wires, {a.total_params():,} parameters"
    )
    print(
        f"full validation + inference:   median {statistics.median(full_ms):7.2f} ms  (target <= 50 ms)"
    )
    print(
        f"incremental after units edit:  median {statistics.median(inc):7.3f} ms  worst {max(inc):.3f} ms  (target <= 5 ms)"
    )
    print(
        f"incremental after use_bias:    median {statistics.median(shape_only):7.3f} ms  worst {max(shape_only):.3f} ms"
    )


def bench_build(n: int) -> None:
    import keras
    from keras import layers

    from netbuilder.core.builder import build_model

    g = branched_graph(n)

    def handwritten() -> None:
        # The same graph as a person would write it with the functional API.
        order = list(g.nodes.values())
        tensors = {}
        for node in order:
            p = node.params
            if node.type == "Input":
                tensors[node.id] = keras.Input(shape=p["shape"], name=node.name)
                continue
            args = [tensors[r.node] for r in node.inputs]
            if node.type == "Dense":
                layer = layers.Dense(p["units"], activation=p.get("activation"), name=node.name)
                tensors[node.id] = layer(args[0])
            elif node.type == "Add":
                tensors[node.id] = layers.Add(name=node.name)(args)
            else:
                tensors[node.id] = layers.Concatenate(name=node.name)(args)
        keras.Model(inputs=tensors[order[0].id], outputs=tensors[g.outputs[0]])

    def ours() -> None:
        build_model(g)

    handwritten()
    ours()  # warm-up: first calls pay for TensorFlow's lazy initialisation
    rounds = 5
    hand, mine = [], []
    for _ in range(rounds):  # interleaved so machine noise hits both alike
        keras.backend.clear_session()
        hand += timed(handwritten, 1)
        keras.backend.clear_session()
        mine += timed(ours, 1)
    h, m = statistics.median(hand), statistics.median(mine)
    print(f"model build, hand-written Keras: median {h:8.1f} ms")
    print(f"model build, netbuilder:         median {m:8.1f} ms  = {m / h:.2f}x  (target <= 1.1x)")


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    bench_analysis(n)
    bench_build(n)
