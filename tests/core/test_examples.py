"""The shipped example projects: listed, titled in two languages, valid, trainable data."""

from __future__ import annotations

import importlib.util
import re
import sys

import pytest

from netbuilder.core.analysis import Analyzer
from netbuilder.core.builder import build_model
from netbuilder.core.examples import EXAMPLES_DIR, example_names, list_examples, load_example
from netbuilder.core.project import dumps
from netbuilder.core.training import standalone
from netbuilder.core.training.compile import resolve_losses
from netbuilder.core.training.settings import TrainingSettings

COURSE = ["mlp", "two_branch_cnn", "lstm", "lstm_sequences", "gru", "conv1d", "bidirectional"]
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def _generator():
    path = EXAMPLES_DIR / "make_examples.py"
    spec = importlib.util.spec_from_file_location("make_examples", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_listing_puts_the_course_first_with_both_titles():
    infos = list_examples()
    names = [i.name for i in infos]
    assert names[: len(COURSE)] == COURSE
    assert {"multi_io", "attention"} <= set(names)
    for info in infos:
        assert info.path.is_file() and info.path.parent == EXAMPLES_DIR
        assert info.title_en and info.title_ru and info.description and info.description_ru
        assert CYRILLIC.search(info.title_ru + info.description_ru), info.name
        assert not CYRILLIC.search(info.title_en + info.description), info.name
        assert info.title("ru") == info.title_ru and info.title("en") == info.title_en
    assert len({i.title_en for i in infos}) == len(infos)


def test_unknown_example_lists_the_valid_names():
    with pytest.raises(KeyError) as info:
        load_example("no_such_example")
    message = info.value.args[0]
    assert "no_such_example" in message and "mlp" in message and "two_branch_cnn" in message


@pytest.mark.parametrize("name", example_names())
def test_example_is_valid_and_laid_out_left_to_right(name):
    project = load_example(name)
    graph = project.graph
    analyzer = Analyzer(graph)
    assert analyzer.problems() == []
    assert analyzer.total_params() > 0
    positions = [n.pos for n in graph]
    assert len(set(positions)) == len(positions)
    for ref, dst, _slot in graph.edges():
        assert graph.nodes[ref.node].pos[0] < graph.nodes[dst].pos[0]
    settings = TrainingSettings.from_dict(project.training)
    assert settings.to_dict() == project.training
    assert 1 <= settings.epochs <= 10


@pytest.mark.parametrize("name", example_names())
def test_example_data_fits_its_inputs_and_outputs(name):
    project = load_example(name)
    graph = project.graph
    spec = project.data
    assert spec["kind"] == "builtin" and spec["name"] in standalone.BUILTIN_DATASETS
    ins = graph.input_nodes()
    outs = graph.output_nodes()
    x, y = standalone.load_data(
        {**spec, "samples": 8}, [n.name for n in ins], [n.name for n in outs]
    )
    for node in ins:
        assert x[node.name].shape[1:] == tuple(node.params["shape"]), node.name
        is_int = x[node.name].dtype.kind in "iu"
        assert is_int == (node.params.get("dtype") == "int32"), node.name
    infos = analyzer_infos(graph)
    for node in outs:
        units = infos[node.id].output[-1]
        target = y[node.name]
        assert len(target) == 8
        if units > 1:  # integer class ids for a sparse crossentropy
            assert target.max() < units and target.dtype.kind in "iu"


def analyzer_infos(graph):
    analyzer = Analyzer(graph)
    try:
        return analyzer.infos()
    finally:
        analyzer.close()


def test_losses_follow_the_course():
    losses = resolve_losses(
        load_example("bidirectional").graph,
        TrainingSettings.from_dict(load_example("bidirectional").training),
    )
    assert losses == {"dense": ("SparseCategoricalCrossentropy", {"from_logits": True})}
    project = load_example("multi_io")
    losses = resolve_losses(project.graph, TrainingSettings.from_dict(project.training))
    assert losses == {"score": "mean_squared_error", "label": "binary_crossentropy"}


def test_course_layer_names():
    names = {n.name for n in load_example("two_branch_cnn").graph}
    assert {"input_layer", "conv1", "flat1", "conv2", "MaxPool2", "flat2"} <= names
    names = [n.name for n in load_example("mlp").graph]
    assert names == ["input_layer", "layer_1", "layer_2", "output_layer"]


def test_generator_reproduces_the_committed_files():
    generator = _generator()
    assert [e.name for e in generator.EXAMPLES] == example_names()
    for example in generator.EXAMPLES:
        text = (EXAMPLES_DIR / f"{example.name}.nbproj").read_text(encoding="utf-8")
        assert dumps(generator.build_project(example)) == text, example.name


@pytest.mark.parametrize("name", example_names())
def test_example_builds_with_the_inferred_parameter_count(name, keras_fresh):
    project = load_example(name)
    analyzer = Analyzer(project.graph)
    model = build_model(project.graph)
    assert model.count_params() == analyzer.total_params()
